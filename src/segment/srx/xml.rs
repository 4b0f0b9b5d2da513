//! Reading an SRX file into the document model ([`Srx`]).
//!
//! Kept apart from the rules because it is all about untrusted input: the
//! encodings tarjuman accepts, refusing DOCTYPEs that declare entities,
//! bounding the nesting depth, checking SRX's structure element by element,
//! and giving every element a line and column for error messages. The XML
//! is first read into a small owned tree of [`Node`]s (SRX files are rule
//! lists, not data streams), then checked and turned into the model.

use std::path::Path;
use std::sync::Arc;

use crate::text::position;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

use super::{
    LanguageMap, Pattern, Pos, RegexSite, Rule, RuleSet, Srx, SrxError, compile, location,
    quoted_list,
};

/// The namespaces of SRX 2.0 and 1.0; elements without a namespace are
/// read as SRX too.
const SRX_NAMESPACES: [&str; 2] = ["http://www.lisa.org/srx20", "http://www.lisa.org/srx10"];

/// Parses an SRX document (without a BOM); `path` is for error messages.
pub(super) fn parse(doc: &str, path: &Path) -> Result<Srx, SrxError> {
    let root = read(doc, path)?;
    Builder { path }.srx(&root)
}

/// Turns the file's bytes into text: UTF-8 (BOM or not) or UTF-16 with a BOM.
pub(super) fn decode(bytes: &[u8], path: &Path) -> Result<String, SrxError> {
    crate::text::position::decode(bytes).map_err(|stop| SrxError::Xml {
        at: location(
            path,
            Pos {
                line: stop.line,
                column: stop.column,
            },
        ),
        message: if stop.utf16 {
            "invalid UTF-16".to_owned()
        } else {
            "not UTF-8 text (tarjuman reads SRX as UTF-8, or UTF-16 with a BOM)".to_owned()
        },
    })
}

/// The shared [`position::LineCounter`], giving [`Pos`] values.
#[derive(Debug)]
struct LineCounter<'a>(position::LineCounter<'a>);

impl<'a> LineCounter<'a> {
    fn new(doc: &'a str) -> Self {
        LineCounter(position::LineCounter::new(doc))
    }

    fn pos(&mut self, offset: usize) -> Pos {
        let (line, column) = self.0.pos(offset);
        Pos { line, column }
    }
}

// ---------------------------------------------------------------------------
// XML: a small owned tree (SRX files are rule lists, not data streams)
// ---------------------------------------------------------------------------

/// SRX needs six levels; a limit keeps a hostile file from making the
/// tree (and dropping it, which recurses) as deep as it likes.
const MAX_DEPTH: usize = 64;

/// An element: SRX (or no namespace) or foreign (another namespace,
/// e.g. a tool's extensions, which SRX allows and tarjuman ignores).
#[derive(Debug)]
struct Node {
    name: String,
    foreign: bool,
    /// Unprefixed attributes, in order.
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    /// The element's own text (CDATA and references resolved).
    text: String,
    /// Where its first non-whitespace text starts.
    text_at: Option<Pos>,
    at: Pos,
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Reads the XML into a tree of [`Node`]s, with the position of every
/// element, refusing entity declarations.
fn read(doc: &str, path: &Path) -> Result<Node, SrxError> {
    let mut reader = NsReader::from_str(doc);
    let mut lines = LineCounter::new(doc);
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    let xml_error = |lines: &mut LineCounter<'_>, offset: u64, message: String| SrxError::Xml {
        at: location(path, lines.pos(to_usize(offset))),
        message,
    };
    loop {
        let start = reader.buffer_position();
        let (ns, event) = match reader.read_resolved_event() {
            Ok(read) => read,
            Err(e) => {
                let offset = reader.error_position();
                return Err(xml_error(&mut lines, offset, e.to_string()));
            }
        };
        let pos = lines.pos(to_usize(start));
        let foreign = match ns {
            ResolveResult::Unbound => false,
            ResolveResult::Bound(ns) => !SRX_NAMESPACES.contains(&ns.as_ref()),
            ResolveResult::Unknown(prefix) => {
                return Err(xml_error(
                    &mut lines,
                    start,
                    format!("undeclared namespace prefix `{prefix}`"),
                ));
            }
        };
        match event {
            Event::Start(_) if stack.len() >= MAX_DEPTH => {
                return Err(xml_error(
                    &mut lines,
                    start,
                    format!("elements nested more than {MAX_DEPTH} deep"),
                ));
            }
            Event::Start(e) => stack.push(node(&e, foreign, pos, path)?),
            Event::Empty(e) => {
                let node = node(&e, foreign, pos, path)?;
                attach(node, &mut stack, &mut root, path)?;
            }
            Event::End(_) => {
                if let Some(node) = stack.pop() {
                    attach(node, &mut stack, &mut root, path)?;
                }
            }
            Event::Text(t) => {
                // Errors about stray text point at the text, not at the
                // indentation before it.
                let raw: &str = &t;
                let lead = raw.len() - raw.trim_start_matches([' ', '\t', '\r', '\n']).len();
                let pos = lines.pos(to_usize(start).saturating_add(lead));
                add_text(&mut stack, &t.xml10_content(), pos, path)?;
            }
            Event::CData(t) => add_text(&mut stack, &t.xml10_content(), pos, path)?,
            Event::GeneralRef(r) => {
                let c = crate::text::resolve_reference(&r).map_err(|message| SrxError::Xml {
                    at: location(path, pos),
                    message,
                })?;
                add_text(&mut stack, &c, pos, path)?;
            }
            Event::DocType(d) => {
                if d.contains("<!ENTITY") {
                    return Err(SrxError::Doctype {
                        at: location(path, pos),
                    });
                }
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(SrxError::Xml {
            at: location(path, lines.pos(doc.len())),
            message: format!(
                "unexpected end of file: <{}> (line {}) is not closed",
                open.name, open.at.line
            ),
        });
    }
    root.ok_or_else(|| SrxError::Xml {
        at: location(path, lines.pos(doc.len())),
        message: "no root element".to_owned(),
    })
}

fn to_usize(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}

fn node(e: &BytesStart<'_>, foreign: bool, at: Pos, path: &Path) -> Result<Node, SrxError> {
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|e| SrxError::Xml {
            at: location(path, at),
            message: e.to_string(),
        })?;
        let key = attr.key.as_ref();
        if key == "xmlns" || key.contains(':') {
            continue;
        }
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| SrxError::Xml {
                at: location(path, at),
                message: e.to_string(),
            })?;
        attrs.push((key.to_owned(), value.into_owned()));
    }
    Ok(Node {
        name: e.local_name().as_ref().to_owned(),
        foreign,
        attrs,
        children: Vec::new(),
        text: String::new(),
        text_at: None,
        at,
    })
}

fn attach(
    node: Node,
    stack: &mut [Node],
    root: &mut Option<Node>,
    path: &Path,
) -> Result<(), SrxError> {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    } else if root.is_some() {
        return Err(SrxError::Xml {
            at: location(path, node.at),
            message: format!("a second root element <{}>", node.name),
        });
    } else {
        *root = Some(node);
    }
    Ok(())
}

fn add_text(stack: &mut [Node], text: &str, at: Pos, path: &Path) -> Result<(), SrxError> {
    let blank = text.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
    match stack.last_mut() {
        Some(node) => {
            if !blank && node.text_at.is_none() {
                node.text_at = Some(at);
            }
            node.text.push_str(text);
            Ok(())
        }
        None if blank => Ok(()),
        None => Err(SrxError::Xml {
            at: location(path, at),
            message: "text outside the root element".to_owned(),
        }),
    }
}

// ---------------------------------------------------------------------------
// From the tree to the model, checking SRX's structure
// ---------------------------------------------------------------------------

struct Builder<'p> {
    path: &'p Path,
}

impl Builder<'_> {
    fn invalid(&self, at: Pos, message: impl Into<String>) -> SrxError {
        SrxError::Invalid {
            at: location(self.path, at),
            message: message.into(),
        }
    }

    fn srx(&self, root: &Node) -> Result<Srx, SrxError> {
        if root.foreign || root.name != "srx" {
            return Err(self.invalid(
                root.at,
                format!("the root element is <{}>, not SRX's <srx>", root.name),
            ));
        }
        let version = self.required(root, "version")?;
        let v1 = match version {
            "2.0" => false,
            "1.0" => true,
            other => {
                return Err(self.invalid(
                    root.at,
                    format!("SRX version \"{other}\" is not supported (2.0 or 1.0)"),
                ));
            }
        };
        self.no_text(root)?;
        let header = self.only_child(root, "header")?;
        let body = self.only_child(root, "body")?;
        self.allow_children(root, &["header", "body"])?;

        // SRX 2.0 requires both attributes, but the rules OmegaT ships
        // have a bare `<header/>`, and OmegaT reads a missing `cascade` as
        // "yes" (it always applied every matching map); `segmentsubflows`
        // is about inline codes, which plain text has none of. A value
        // other than yes/no is still an error.
        self.optional_yes_no(header, "segmentsubflows")?;
        let cascade = self.optional_yes_no(header, "cascade")?.unwrap_or(!v1);
        // <formathandle> says how inline formatting is split; tarjuman
        // segments plain text, so it has nothing to act on.
        self.allow_children(header, &["formathandle"])?;
        self.no_text(header)?;

        self.no_text(body)?;
        self.allow_children(body, &["languagerules", "maprules"])?;
        let language_rules = self.only_child(body, "languagerules")?;
        let map_rules = self.only_child(body, "maprules")?;

        let rule_sets = self.rule_sets(language_rules)?;
        let maps = self.maps(map_rules, &rule_sets, v1)?;
        Ok(Srx {
            path: self.path.to_owned(),
            cascade,
            rule_sets,
            maps,
        })
    }

    fn rule_sets(&self, parent: &Node) -> Result<Vec<RuleSet>, SrxError> {
        self.no_text(parent)?;
        self.allow_children(parent, &["languagerule"])?;
        let mut sets: Vec<(RuleSet, Pos)> = Vec::new();
        for node in srx_children(parent, "languagerule") {
            let name = self.required(node, "languagerulename")?;
            if let Some((_, first)) = sets.iter().find(|(set, _)| set.name == name) {
                return Err(self.invalid(
                    node.at,
                    format!(
                        "a second languagerule named \"{name}\" (the first is on line {})",
                        first.line
                    ),
                ));
            }
            self.no_text(node)?;
            self.allow_children(node, &["rule"])?;
            let rules = srx_children(node, "rule")
                .map(|rule| self.rule(rule))
                .collect::<Result<Vec<_>, _>>()?;
            sets.push((
                RuleSet {
                    name: name.to_owned(),
                    rules,
                },
                node.at,
            ));
        }
        Ok(sets.into_iter().map(|(set, _)| set).collect())
    }

    fn rule(&self, node: &Node) -> Result<Rule, SrxError> {
        let breaks = self.optional_yes_no(node, "break")?.unwrap_or(true);
        self.no_text(node)?;
        self.allow_children(node, &["beforebreak", "afterbreak"])?;
        let pattern = |name: &str| -> Result<Pattern, SrxError> {
            let mut found = srx_children(node, name);
            let Some(element) = found.next() else {
                return Ok(Pattern {
                    source: String::new(),
                    at: node.at,
                });
            };
            if let Some(second) = found.next() {
                return Err(self.invalid(second.at, format!("a second <{name}> in one rule")));
            }
            if let Some(child) = element.children.first() {
                return Err(self.invalid(
                    child.at,
                    format!("<{name}> holds a regex, not elements like <{}>", child.name),
                ));
            }
            Ok(Pattern {
                source: element.text.clone(),
                at: element.at,
            })
        };
        Ok(Rule {
            breaks,
            before: pattern("beforebreak")?,
            after: pattern("afterbreak")?,
        })
    }

    fn maps(
        &self,
        parent: &Node,
        rule_sets: &[RuleSet],
        v1: bool,
    ) -> Result<Vec<LanguageMap>, SrxError> {
        self.no_text(parent)?;
        // SRX 1.0 wraps the maps in named <maprule>s, of which a tool
        // picked one; with a single one there is nothing to pick.
        let wrappers: Vec<_> = srx_children(parent, "maprule").collect();
        let holder = if v1 && !wrappers.is_empty() {
            self.allow_children(parent, &["maprule"])?;
            match wrappers.as_slice() {
                [only] => {
                    self.no_text(only)?;
                    *only
                }
                [_, second, ..] => {
                    return Err(self.invalid(
                        second.at,
                        format!(
                            "this SRX 1.0 file has {} <maprule>s and tarjuman cannot choose one: \
                             keep one, or convert the file to SRX 2.0",
                            wrappers.len()
                        ),
                    ));
                }
                [] => parent,
            }
        } else {
            parent
        };
        self.allow_children(holder, &["languagemap"])?;
        let mut maps = Vec::new();
        for node in srx_children(holder, "languagemap") {
            let pattern = self.required(node, "languagepattern")?;
            let name = self.required(node, "languagerulename")?;
            let Some(rule_set) = rule_sets.iter().position(|set| set.name == name) else {
                return Err(self.invalid(
                    node.at,
                    format!(
                        "languagemap \"{pattern}\" names languagerule \"{name}\", which does not \
                         exist (rule sets: {})",
                        quoted_list(&rule_sets.iter().map(|s| s.name.clone()).collect::<Vec<_>>())
                    ),
                ));
            };
            let site = RegexSite::LanguageMap {
                pattern: Arc::from(pattern),
            };
            let translated = compile::translate(self.path, pattern, node.at, &site, true)?;
            let regex = compile::build(
                self.path,
                &format!(r"(?i)\A(?:{})\z", translated.pattern),
                node.at,
                &site,
            )?;
            maps.push(LanguageMap {
                pattern: pattern.to_owned(),
                regex,
                rule_set,
                at: node.at,
            });
        }
        Ok(maps)
    }

    fn required<'n>(&self, node: &'n Node, name: &str) -> Result<&'n str, SrxError> {
        node.attr(name).ok_or_else(|| {
            self.invalid(
                node.at,
                format!("<{}> lacks the required attribute `{name}`", node.name),
            )
        })
    }

    fn optional_yes_no(&self, node: &Node, name: &str) -> Result<Option<bool>, SrxError> {
        match node.attr(name) {
            None => Ok(None),
            Some("yes") => Ok(Some(true)),
            Some("no") => Ok(Some(false)),
            Some(other) => Err(self.invalid(
                node.at,
                format!(
                    "<{}> has {name}=\"{other}\"; it must be \"yes\" or \"no\"",
                    node.name
                ),
            )),
        }
    }

    fn only_child<'n>(&self, node: &'n Node, name: &str) -> Result<&'n Node, SrxError> {
        let mut found = srx_children(node, name);
        let Some(first) = found.next() else {
            return Err(self.invalid(node.at, format!("<{}> lacks a <{name}>", node.name)));
        };
        if let Some(second) = found.next() {
            return Err(self.invalid(second.at, format!("a second <{name}> in <{}>", node.name)));
        }
        Ok(first)
    }

    /// SRX elements other than `allowed` are errors (a misspelt
    /// `<languagerule>` would otherwise drop its rules); elements of other
    /// namespaces are tool extensions and are skipped.
    fn allow_children(&self, node: &Node, allowed: &[&str]) -> Result<(), SrxError> {
        match node
            .children
            .iter()
            .find(|child| !child.foreign && !allowed.contains(&child.name.as_str()))
        {
            Some(child) => Err(self.invalid(
                child.at,
                format!("unexpected element <{}> in <{}>", child.name, node.name),
            )),
            None => Ok(()),
        }
    }

    fn no_text(&self, node: &Node) -> Result<(), SrxError> {
        match node.text_at {
            Some(at) => Err(self.invalid(at, format!("unexpected text in <{}>", node.name))),
            None => Ok(()),
        }
    }
}

fn srx_children<'n, 's>(
    node: &'n Node,
    name: &'s str,
) -> impl Iterator<Item = &'n Node> + use<'n, 's> {
    node.children
        .iter()
        .filter(move |child| !child.foreign && child.name == name)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::segment::srx::tests::{PERIOD_SPACE, breaks, doc, fixture, parse};
    use crate::segment::srx::{Srx, SrxError};

    #[test]
    fn malformed_xml_gives_line_and_column() {
        let err = parse("<srx version=\"2.0\">\n  <header segmentsubflows=\"yes\" cascade=\"no\">\n  </heder>\n</srx>").unwrap_err();
        assert!(matches!(err, SrxError::Xml { .. }), "{err:?}");
        assert_eq!((err.line(), err.column()), (Some(3), Some(3)), "{err}");

        // Columns count code points, not bytes.
        let err =
            parse("<srx version=\"2.0\"><!-- ۔۔۔ --> <a b=\"1\" b=\"2\"/></srx>").unwrap_err();
        assert!(matches!(err, SrxError::Xml { .. }), "{err:?}");
        assert_eq!(err.line(), Some(1));

        let err = fixture_error("malformed.srx");
        assert!(matches!(err, SrxError::Xml { .. }), "{err:?}");
        assert_eq!(err.line(), Some(9), "{err}");

        let err = parse("<srx version=\"2.0\">\n<header>").unwrap_err();
        assert!(matches!(err, SrxError::Xml { .. }), "{err:?}");
        assert!(err.to_string().contains("not closed"), "{err}");

        let err = parse("<srx version=\"2.0\">&nbsp;</srx>").unwrap_err();
        assert!(
            err.to_string().contains("undefined entity `&nbsp;`"),
            "{err}"
        );
    }

    fn fixture_error(name: &str) -> SrxError {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/srx")
            .join(name);
        let err = Srx::load(&path).unwrap_err();
        assert_eq!(err.path(), path.as_path());
        err
    }

    #[test]
    fn a_doctype_with_entities_is_refused() {
        let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE srx [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<srx version="2.0"><header segmentsubflows="no" cascade="no"/><body><languagerules/><maprules/></body></srx>"#;
        let err = parse(laughs).unwrap_err();
        assert!(matches!(err, SrxError::Doctype { .. }), "{err:?}");
        assert_eq!((err.line(), err.column()), (Some(2), Some(1)));

        let xxe = r#"<!DOCTYPE srx [<!ENTITY x SYSTEM "file:///etc/passwd">]><srx version="2.0">&x;</srx>"#;
        assert!(matches!(parse(xxe), Err(SrxError::Doctype { .. })));

        // A DOCTYPE without entities is harmless (and never fetched).
        let plain = doc(PERIOD_SPACE).replacen(
            "<srx ",
            "<!DOCTYPE srx SYSTEM \"http://example.org/srx20.dtd\">\n<srx ",
            1,
        );
        assert!(parse(&plain).is_ok());
    }

    #[test]
    fn structure_errors_name_the_element() {
        let cases = [
            (
                doc("").replace(" version=\"2.0\"", ""),
                "lacks the required attribute `version`",
            ),
            (
                doc("").replace("2.0", "3.0"),
                "SRX version \"3.0\" is not supported",
            ),
            (
                doc("").replace("cascade=\"no\"", "cascade=\"maybe\""),
                "it must be \"yes\" or \"no\"",
            ),
            (
                doc("").replace("languagerulename=\"Test\"/>", "languagerulename=\"Tset\"/>"),
                "names languagerule \"Tset\", which does not exist",
            ),
            (
                doc("").replace(" languagepattern=\".*\"", ""),
                "lacks the required attribute `languagepattern`",
            ),
            (doc("<rule break='perhaps'/>"), "break=\"perhaps\""),
            (
                doc("<rule><beforebreak>a</beforebreak><beforebreak>b</beforebreak></rule>"),
                "a second <beforebreak>",
            ),
            (doc("<rul/>"), "unexpected element <rul> in <languagerule>"),
            (
                doc("stray text"),
                "test.srx:7:1: invalid SRX: unexpected text in <languagerule>",
            ),
            (
                doc("").replace(
                    "<languagerule ",
                    "<languagerule languagerulename=\"Test\"/><languagerule ",
                ),
                "a second languagerule named \"Test\"",
            ),
            (
                "<srs version=\"2.0\"/>".to_owned(),
                "the root element is <srs>",
            ),
        ];
        for (xml, expected) in cases {
            let err = parse(&xml).unwrap_err();
            assert!(matches!(err, SrxError::Invalid { .. }), "{err:?}");
            assert!(err.to_string().contains(expected), "{err} / {expected}");
            assert!(err.line().is_some());
        }
    }

    #[test]
    fn a_bare_header_cascades_as_in_omegat() {
        // OmegaT's own rules have `<header></header>`; OmegaT applies every
        // matching map then, and so does tarjuman.
        let xml = r#"<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header></header><body>
<languagerules>
  <languagerule languagerulename="English">
    <rule break="no"><beforebreak>Mr\.</beforebreak><afterbreak>\s</afterbreak></rule>
  </languagerule>
  <languagerule languagerulename="Default">
    <rule><beforebreak>[\.\?\!]+</beforebreak><afterbreak>\s</afterbreak></rule>
  </languagerule>
</languagerules>
<maprules>
  <languagemap languagepattern="EN.*" languagerulename="English"/>
  <languagemap languagepattern=".*" languagerulename="Default"/>
</maprules></body></srx>"#;
        let srx = parse(xml).unwrap();
        assert!(srx.cascade());
        assert_eq!(srx.rule_sets_for("en").unwrap(), ["English", "Default"]);
        let r = srx.rules_for("en").unwrap();
        assert_eq!(breaks(&r, "Mr. Chizhov spoke. He left."), vec![18]);
        // Either attribute alone is read as written.
        let one = xml.replace("<header></header>", "<header cascade=\"no\"/>");
        assert!(!parse(&one).unwrap().cascade());
        let bad = xml.replace("<header></header>", "<header segmentsubflows=\"1\"/>");
        assert!(
            parse(&bad)
                .unwrap_err()
                .to_string()
                .contains("it must be \"yes\" or \"no\"")
        );
    }

    #[test]
    fn foreign_elements_and_formathandle_are_ignored() {
        let srx = fixture("newsroom.srx");
        assert!(!srx.cascade());
        assert_eq!(
            srx.language_patterns().collect::<Vec<_>>(),
            ["EN.*", "RU.*", "UR.*", ".*"]
        );
        srx.validate().unwrap();
    }

    #[test]
    fn srx_1_0_with_one_maprule_is_read() {
        let xml = r#"<srx version="1.0"><header segmentsubflows="yes"/><body>
<languagerules><languagerule languagerulename="Default">
  <rule><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules>
<maprules><maprule maprulename="Standard">
  <languagemap languagepattern=".*" languagerulename="Default"/>
</maprule></maprules></body></srx>"#;
        let srx = parse(xml).unwrap();
        assert!(!srx.cascade());
        assert_eq!(breaks(&srx.rules_for("en").unwrap(), "A. B"), vec![2]);
        let two = xml.replace(
            "</maprule></maprules>",
            "</maprule><maprule maprulename=\"Other\"/></maprules>",
        );
        assert!(
            parse(&two)
                .unwrap_err()
                .to_string()
                .contains("cannot choose")
        );
    }

    #[test]
    fn utf16_and_bom_files_are_read() {
        let xml = doc(PERIOD_SPACE);
        let dir = tempfile::tempdir().unwrap();
        let mut le = vec![0xFF, 0xFE];
        le.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(xml.encode_utf16().flat_map(u16::to_be_bytes));
        let mut bom = "\u{feff}".as_bytes().to_vec();
        bom.extend(xml.as_bytes());
        for (name, bytes) in [("le.srx", le), ("be.srx", be), ("bom.srx", bom)] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let srx = Srx::load(&path).unwrap();
            assert_eq!(breaks(&srx.rules_for("en").unwrap(), "A. B"), vec![2]);
        }
        let path = dir.path().join("latin1.srx");
        std::fs::write(&path, b"<srx version=\"2.0\">\n \xE9</srx>").unwrap();
        let err = Srx::load(&path).unwrap_err();
        assert_eq!((err.line(), err.column()), (Some(2), Some(2)), "{err}");
        let err = Srx::load(&dir.path().join("missing.srx")).unwrap_err();
        assert!(matches!(err, SrxError::Io { .. }));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!(
            "<srx version=\"2.0\">{}",
            "<x:a xmlns:x=\"urn:x\">".repeat(1000)
        );
        let err = parse(&deep).unwrap_err();
        assert!(
            err.to_string().contains("nested more than 64 deep"),
            "{err}"
        );
        let err = parse(&doc(&format!(
            "<rule><beforebreak>{}</beforebreak></rule>",
            "(".repeat(1000)
        )))
        .unwrap()
        .rules_for("en")
        .unwrap_err();
        assert!(matches!(err, SrxError::UnsupportedRegex { .. }), "{err:?}");
        let balanced = format!("{}a{}", "(".repeat(5000), ")".repeat(5000));
        let err = parse(&doc(&format!(
            "<rule><beforebreak>{balanced}</beforebreak></rule>"
        )))
        .unwrap()
        .rules_for("en")
        .unwrap_err();
        assert!(matches!(err, SrxError::Regex { .. }), "{err:?}");
    }

    #[test]
    fn reading_never_panics_on_truncated_or_garbled_input() {
        let xml = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/srx/press.srx"),
        )
        .unwrap();
        let cuts = xml.char_indices().map(|(i, _)| i).step_by(7);
        for cut in cuts {
            if let Ok(srx) = parse(&xml[..cut]) {
                let _ = srx.rules_for("en");
            }
            let garbled = format!("{}<&]]>{}", &xml[..cut], &xml[cut..]);
            let _ = parse(&garbled);
        }
    }
}
