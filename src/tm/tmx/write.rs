//! Writing TMX 1.4b: the header, then units as they come, each variant's
//! segment written back exactly as it was read.

use std::io::{self, Write};

use crate::text::push_xml_escaped as push_escaped;
use crate::tm::model::{Annotation, Attrs, Header, Unit};

/// Writes a TMX 1.4b document to `W`, unit by unit.
#[derive(Debug)]
pub struct Writer<W: Write> {
    out: W,
}

impl<W: Write> Writer<W> {
    /// Writes the declaration, `<tmx>`, the header and `<body>`.
    pub fn new(mut out: W, header: &Header) -> io::Result<Self> {
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n")?;
        let mut buf = String::new();
        buf.push_str("  <header");
        push_attrs(&mut buf, &header.attrs);
        if header.annotations.is_empty() {
            buf.push_str("/>\n");
        } else {
            buf.push_str(">\n");
            push_annotations(&mut buf, &header.annotations, 4);
            buf.push_str("  </header>\n");
        }
        buf.push_str("  <body>\n");
        out.write_all(buf.as_bytes())?;
        Ok(Writer { out })
    }

    /// Writes one unit.
    pub fn unit(&mut self, unit: &Unit) -> io::Result<()> {
        let mut buf = String::with_capacity(512);
        buf.push_str("    <tu");
        push_attrs(&mut buf, &unit.attrs);
        buf.push_str(">\n");
        push_annotations(&mut buf, &unit.annotations, 6);
        for variant in &unit.variants {
            buf.push_str("      <tuv xml:lang=\"");
            crate::text::push_xml_attr_escaped(&mut buf, &variant.lang);
            buf.push('"');
            push_attrs(&mut buf, &variant.attrs);
            buf.push_str(">\n");
            push_annotations(&mut buf, &variant.annotations, 8);
            buf.push_str("        <seg>");
            buf.push_str(&variant.seg);
            buf.push_str("</seg>\n      </tuv>\n");
        }
        buf.push_str("    </tu>\n");
        self.out.write_all(buf.as_bytes())
    }

    /// Closes `<body>` and `<tmx>` and gives the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"  </body>\n</tmx>\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

fn push_attrs(buf: &mut String, attrs: &Attrs) {
    for (key, value) in attrs {
        buf.push(' ');
        buf.push_str(key);
        buf.push_str("=\"");
        crate::text::push_xml_attr_escaped(buf, value);
        buf.push('"');
    }
}

fn push_annotations(buf: &mut String, annotations: &[Annotation], indent: usize) {
    for note in annotations {
        let name = note.kind.element();
        buf.extend(std::iter::repeat_n(' ', indent));
        buf.push('<');
        buf.push_str(name);
        push_attrs(buf, &note.attrs);
        buf.push('>');
        push_escaped(buf, &note.text);
        buf.push_str("</");
        buf.push_str(name);
        buf.push_str(">\n");
    }
}
