//! Translation of SRX regexes (Java / ICU syntax) into `fancy_regex`
//! syntax, with ICU's Unicode semantics (Java's with `(?U)`).
//!
//! It exists because SRX files are written for Java tools, and the same
//! regex can mean something else to `fancy_regex` (`\h` is horizontal
//! space in Java and a hex digit there; Java's `.` and `$` know more line
//! terminators): every regex goes through here, and what has no faithful
//! translation is refused, not guessed.
//!
//! Translated: `\uXXXX` (and surrogate pairs), `\xhh`, `\x{h…}`, `\0ooo`,
//! `\cX`, `\a`, `\e`; `\h \H \v \V \R` (Java's meaning: `\h` is
//! horizontal space, not a hex digit); `\Q…\E`; `\Z`, `$` and `.` with
//! Java's line terminators; `^`/`$` under `(?m)`; general categories,
//! scripts, binary properties (`\p{IsAlphabetic}`), POSIX classes
//! (`\p{Punct}`) and common blocks (`\p{InCyrillic}`); back references
//! (Java's rule for `\12`); possessive and lazy quantifiers; the inline
//! flags `i s m u U`. Character classes keep Java's unions and `&&`, and
//! Java's rule for `-`: it makes a range only between two characters, and
//! is a literal after a class (`[\d-–]`) or a range, before a nested
//! class (`["-[,]]` is a union) and at either end.
//!
//! Refused: `\p{java…}`, unknown blocks and properties, `\X`, `\G`,
//! `\N{…}`, `\b{…}`, unknown escapes, the flags `x`, `d`, `-u`, `-U`,
//! `--` inside a class, malformed `{…}` repetitions, lone surrogates,
//! unbalanced parentheses (which would let a rule escape the group it
//! is wrapped in) and unclosed classes.

/// A translated regex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    /// The regex in `fancy_regex` syntax.
    pub pattern: String,
    /// Whether it has back references (so its groups must stay
    /// capturing and numbered as written).
    pub backrefs: bool,
}

/// A construct that has no faithful translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    /// The construct as written.
    pub construct: String,
    /// Where it starts, in characters from 0.
    pub offset: usize,
    /// Why, and what to write instead when there is a way.
    pub reason: String,
}

/// Translates `source`. Without `capture`, groups are made
/// non-capturing (for joining regexes that have no back references).
pub fn translate(source: &str, capture: bool) -> Result<Translated, Unsupported> {
    let mut t = Translator {
        chars: source.chars().collect(),
        pos: 0,
        out: String::with_capacity(source.len() + 8),
        flags: vec![Flags::default()],
        open: Vec::new(),
        groups: 0,
        backrefs: false,
        capture,
        classes: 0,
    };
    t.run()?;
    Ok(Translated {
        pattern: t.out,
        backrefs: t.backrefs,
    })
}

/// `.` without `(?s)`: anything but a line terminator.
const DOT: &str = r"[^\n\r\x{85}\x{2028}\x{2029}]";
const DOT_ALL: &str = r"(?s:.)";
/// `$` without `(?m)`, and `\Z`: the end, or before a line terminator
/// that ends the text (but not inside a final `\r\n`).
const DOLLAR: &str = r"(?:\z|(?=(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])\z)(?:(?<!\r)|(?!\n)))";
/// `^` with `(?m)`: the start, or after a line terminator that does
/// not end the text (and not inside `\r\n`).
const CARET_MULTILINE: &str = r"(?:\A|(?<=[\n\r\x{85}\x{2028}\x{2029}])(?:(?<!\r)|(?!\n))(?!\z))";
/// `$` with `(?m)`: the end, or before a line terminator (not inside
/// `\r\n`).
const DOLLAR_MULTILINE: &str = r"(?:\z|(?=[\n\r\x{85}\x{2028}\x{2029}])(?:(?<!\r)|(?!\n)))";
/// `\h`: Java's horizontal whitespace.
const HORIZONTAL: &str = r"\t\x{20}\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}";
/// `\v`: Java's (8+) vertical whitespace.
const VERTICAL: &str = r"\n\x{B}\f\r\x{85}\x{2028}\x{2029}";
/// `\R`: a line break, `\r\n` as one.
const LINEBREAK: &str = r"(?>\r\n|[\n\x{B}\f\r\x{85}\x{2028}\x{2029}])";
/// Characters that must be escaped to be literal, in or out of a class.
const META: &str = r"\.+*?()|[]{}^$#&-~";

#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    dotall: bool,
    multiline: bool,
}

struct Translator {
    chars: Vec<char>,
    pos: usize,
    out: String,
    /// Flags in force, one entry per open group.
    flags: Vec<Flags>,
    /// Where the open groups start.
    open: Vec<usize>,
    /// Capturing groups opened so far (for Java's `\12` rule).
    groups: usize,
    backrefs: bool,
    capture: bool,
    /// Classes open inside the current one (they nest by recursion).
    classes: usize,
}

/// How deep character classes may nest (`[a[b[c]]]` is 3).
const MAX_CLASS_DEPTH: usize = 16;

impl Translator {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn flags(&self) -> Flags {
        self.flags.last().copied().unwrap_or_default()
    }

    /// An error for the construct from `start` to the current position.
    fn unsupported(&self, start: usize, reason: impl Into<String>) -> Unsupported {
        let end = self.pos.max(start + 1).min(self.chars.len());
        Unsupported {
            construct: self
                .chars
                .get(start..end)
                .map(|s| s.iter().collect())
                .unwrap_or_default(),
            offset: start,
            reason: reason.into(),
        }
    }

    fn run(&mut self) -> Result<(), Unsupported> {
        while let Some(c) = self.bump() {
            let start = self.pos - 1;
            match c {
                '\\' => self.escape(start, false)?,
                '[' => self.class(start)?,
                '(' => self.group(start)?,
                // Unbalanced parentheses would let a rule escape the
                // group it is wrapped in: `a)|(b` is not `(?<=a)|(b)`.
                ')' if self.flags.len() < 2 => {
                    return Err(self.unsupported(start, "unmatched `)`"));
                }
                ')' => {
                    self.flags.pop();
                    self.open.pop();
                    self.out.push(')');
                }
                '.' if self.flags().dotall => self.out.push_str(DOT_ALL),
                '.' => self.out.push_str(DOT),
                '^' if self.flags().multiline => self.out.push_str(CARET_MULTILINE),
                '^' => self.out.push_str(r"\A"),
                '$' if self.flags().multiline => self.out.push_str(DOLLAR_MULTILINE),
                '$' => self.out.push_str(DOLLAR),
                '{' => self.repetition(start)?,
                '*' | '+' | '?' | '|' => self.out.push(c),
                _ => literal(&mut self.out, c),
            }
        }
        if self.flags.len() > 1 {
            return Err(Unsupported {
                construct: "(".to_owned(),
                offset: self.open.last().copied().unwrap_or(0),
                reason: "unclosed group".to_owned(),
            });
        }
        Ok(())
    }

    /// `{n}`, `{n,}`, `{n,m}`; Java refuses any other `{`.
    fn repetition(&mut self, start: usize) -> Result<(), Unsupported> {
        let digits = |t: &mut Self| {
            let from = t.pos;
            while t.peek().is_some_and(|c| c.is_ascii_digit()) {
                t.pos += 1;
            }
            t.chars
                .get(from..t.pos)
                .map(|s| s.iter().collect::<String>())
                .unwrap_or_default()
        };
        let low = digits(self);
        let mut text = format!("{{{low}");
        if self.eat(',') {
            text.push(',');
            text.push_str(&digits(self));
        }
        if low.is_empty() || !self.eat('}') {
            return Err(self.unsupported(
                start,
                "illegal repetition: Java accepts only {n}, {n,} and {n,m} (write \\{ for a brace)",
            ));
        }
        text.push('}');
        self.out.push_str(&text);
        Ok(())
    }

    fn group(&mut self, start: usize) -> Result<(), Unsupported> {
        let flags = self.flags();
        if !self.eat('?') {
            self.groups += 1;
            self.enter(start, flags);
            self.out.push_str(if self.capture { "(" } else { "(?:" });
            return Ok(());
        }
        match (self.peek(), self.peek_at(1)) {
            (Some(c @ (':' | '=' | '!' | '>')), _) => {
                self.pos += 1;
                self.out.push_str("(?");
                self.out.push(c);
            }
            (Some('<'), Some(c @ ('=' | '!'))) => {
                self.pos += 2;
                self.out.push_str("(?<");
                self.out.push(c);
            }
            (Some('<'), Some(c)) if c.is_ascii_alphabetic() => {
                self.pos += 1;
                let name = self.group_name(start)?;
                self.groups += 1;
                if self.capture {
                    self.out.push_str(&format!("(?<{name}>"));
                } else {
                    self.out.push_str("(?:");
                }
            }
            _ => return self.flag_group(start),
        }
        self.enter(start, flags);
        Ok(())
    }

    /// A group opens at `start`, with `flags` in force inside.
    fn enter(&mut self, start: usize, flags: Flags) {
        self.flags.push(flags);
        self.open.push(start);
    }

    /// After `<`: a group name and `>`.
    fn group_name(&mut self, start: usize) -> Result<String, Unsupported> {
        let mut name = String::new();
        loop {
            match self.bump() {
                Some('>') if !name.is_empty() => return Ok(name),
                Some(c) if c.is_ascii_alphanumeric() => name.push(c),
                _ => {
                    return Err(self.unsupported(
                        start,
                        "a group name is an ASCII letter, then letters and digits, then `>`",
                    ));
                }
            }
        }
    }

    /// `(?flags)` or `(?flags:…)`; only `i` is left to the engine, the
    /// others are applied here.
    fn flag_group(&mut self, start: usize) -> Result<(), Unsupported> {
        let mut flags = self.flags();
        let mut case: Option<bool> = None;
        let mut on = true;
        let mut any = false;
        let scoped = loop {
            let Some(c) = self.bump() else {
                return Err(self.unsupported(start, "unterminated group"));
            };
            any |= c.is_ascii_alphabetic();
            match c {
                '-' if on => on = false,
                'i' => case = Some(on),
                's' => flags.dotall = on,
                'm' => flags.multiline = on,
                // Unicode case folding and classes: always on here.
                'u' | 'U' if on => {}
                'u' | 'U' => {
                    return Err(self.unsupported(
                        start,
                        "turning Unicode matching off is not supported: tarjuman always \
                         matches with Unicode semantics",
                    ));
                }
                'x' => {
                    return Err(self.unsupported(
                        start,
                        "comments mode (?x) is not supported: remove the flag, the spaces \
                         and the comments",
                    ));
                }
                'd' => {
                    return Err(self.unsupported(start, "UNIX_LINES mode (?d) is not supported"));
                }
                ')' | ':' if !any => {
                    return Err(self.unsupported(start, "a flag group without flags"));
                }
                ')' => break false,
                ':' => break true,
                '#' | 'P' | '\'' | '(' | '|' => {
                    return Err(self.unsupported(
                        start,
                        "not Java syntax (no comments, conditionals or (?P…) groups)",
                    ));
                }
                other => {
                    return Err(self.unsupported(start, format!("unknown inline flag `{other}`")));
                }
            }
        };
        let case = match case {
            Some(true) => "i",
            Some(false) => "-i",
            None => "",
        };
        if scoped {
            self.enter(start, flags);
            self.out.push_str(&format!("(?{case}:"));
        } else {
            if let Some(top) = self.flags.last_mut() {
                *top = flags;
            }
            // `(?:)` rather than nothing keeps a quantifier after the
            // flags an error, as in Java.
            self.out.push_str(&if case.is_empty() {
                "(?:)".to_owned()
            } else {
                format!("(?{case})")
            });
        }
        Ok(())
    }

    fn class(&mut self, start: usize) -> Result<(), Unsupported> {
        self.out.push('[');
        if self.eat('^') {
            self.out.push('^');
        }
        let mut first = true;
        // Whether the item just read is a single character, which a `-`
        // after it can turn into the start of a range (Java's rule: a
        // range needs a character on both sides).
        let mut single = false;
        // Whether the item being read is the end of a range.
        let mut range_end = false;
        loop {
            let Some(c) = self.bump() else {
                return Err(self.unsupported(start, "unclosed character class"));
            };
            let at = self.pos - 1;
            let mut next_single = false;
            match c {
                ']' if !first => {
                    self.out.push(']');
                    return Ok(());
                }
                '[' if self.classes >= MAX_CLASS_DEPTH => {
                    return Err(self.unsupported(at, "character classes nested too deeply"));
                }
                '[' => {
                    self.classes += 1;
                    self.class(at)?;
                    self.classes -= 1;
                }
                '\\' => {
                    next_single = self.peek().is_some_and(escapes_one_char);
                    self.escape(at, true)?;
                }
                '&' if self.peek() == Some('&') => {
                    self.pos += 1;
                    self.out.push_str("&&");
                }
                '-' if self.peek() == Some('-') => {
                    self.pos += 1;
                    return Err(self.unsupported(
                        at,
                        "`--` in a character class means a range or a literal in Java but \
                         a set difference here: escape the hyphen (\\-)",
                    ));
                }
                // A range: a character before, one after. The end is read
                // next as an item of its own, and cannot start a range.
                '-' if single && !matches!(self.peek(), None | Some(']' | '[')) => {
                    self.out.push('-');
                    range_end = true;
                    continue;
                }
                // Anything else is a literal hyphen in Java: after a class
                // (`[\d-x]`, `[\p{L}-x]`), after a range, before a nested
                // class (`[a-[b]]` is a union) or before the `]`. The engine
                // would read some of these as ranges, so it is escaped.
                '-' => {
                    self.out.push_str("\\-");
                    next_single = true;
                }
                _ => {
                    literal(&mut self.out, c);
                    next_single = true;
                }
            }
            single = next_single && !range_end;
            range_end = false;
            first = false;
        }
    }

    fn escape(&mut self, start: usize, in_class: bool) -> Result<(), Unsupported> {
        let Some(c) = self.bump() else {
            return Err(self.unsupported(start, "a backslash at the end of the regex"));
        };
        match c {
            '1'..='9' if !in_class => self.backref(c),
            '0' => {
                let value = self.octal(start)?;
                self.code_point(start, value)?;
            }
            'x' => {
                let value = if self.eat('{') {
                    let value = self.hex(start, 1, 8)?;
                    if !self.eat('}') {
                        return Err(self.unsupported(start, "\\x{…} without its `}`"));
                    }
                    value
                } else {
                    self.hex(start, 2, 2)?
                };
                self.code_point(start, value)?;
            }
            'u' => {
                let value = self.utf16_escape(start)?;
                self.code_point(start, value)?;
            }
            't' => self.out.push_str(r"\t"),
            'n' => self.out.push_str(r"\n"),
            'r' => self.out.push_str(r"\r"),
            'f' => self.out.push_str(r"\f"),
            'a' => self.out.push_str(r"\x{7}"),
            'e' => self.out.push_str(r"\x{1B}"),
            'c' => {
                let Some(x) = self.bump() else {
                    return Err(self.unsupported(start, "\\c needs a character after it"));
                };
                self.code_point(start, u32::from(x) ^ 64)?;
            }
            'd' | 'D' | 's' | 'S' | 'w' | 'W' => {
                self.out.push('\\');
                self.out.push(c);
            }
            'h' => self.set(HORIZONTAL, false),
            'H' => self.set(HORIZONTAL, true),
            'v' => self.set(VERTICAL, false),
            'V' => self.set(VERTICAL, true),
            'p' | 'P' => self.property(start, c == 'P')?,
            'Q' => self.quote(),
            'R' | 'b' | 'B' | 'A' | 'z' | 'Z' | 'k' if in_class => {
                return Err(self.unsupported(
                    start,
                    format!("\\{c} cannot stand inside a character class"),
                ));
            }
            '1'..='9' => {
                return Err(self.unsupported(
                    start,
                    "a back reference cannot stand inside a character class",
                ));
            }
            'R' => self.out.push_str(LINEBREAK),
            'b' if self.peek() == Some('{') => {
                return Err(self.unsupported(
                    start,
                    "\\b{…} boundaries (graphemes, words) are not supported",
                ));
            }
            'b' => self.out.push_str(r"\b"),
            'B' => self.out.push_str(r"\B"),
            'A' => self.out.push_str(r"\A"),
            'z' => self.out.push_str(r"\z"),
            'Z' => self.out.push_str(DOLLAR),
            'k' => {
                if !self.eat('<') {
                    return Err(self.unsupported(start, "\\k must be followed by <name>"));
                }
                let name = self.group_name(start)?;
                self.backrefs = true;
                self.out.push_str(&format!(r"\k<{name}>"));
            }
            'G' => {
                return Err(self.unsupported(
                    start,
                    "\\G (the end of the previous match) means nothing for SRX rules, \
                     which are tried at every position",
                ));
            }
            'X' => {
                return Err(self.unsupported(start, "\\X (a grapheme cluster) is not supported"));
            }
            'N' => {
                return Err(self.unsupported(
                    start,
                    "named characters \\N{…} are not supported: write \\x{…}",
                ));
            }
            'E' => {
                return Err(self.unsupported(start, "\\E without a \\Q before it"));
            }
            c if c.is_ascii_alphabetic() => {
                return Err(
                    self.unsupported(start, format!("unknown escape \\{c} (Java refuses it too)"))
                );
            }
            // A backslash before anything else makes it literal.
            c => literal(&mut self.out, c),
        }
        Ok(())
    }

    /// After `\` and a digit 1–9: Java reads `\12` as group 12 if that
    /// many groups are open so far, else as group 1 and a `2`.
    fn backref(&mut self, digit: char) {
        let mut group = digit.to_digit(10).unwrap_or(0) as usize;
        while let Some(next) = self.peek().and_then(|c| c.to_digit(10)) {
            let longer = group * 10 + next as usize;
            if longer > self.groups {
                break;
            }
            group = longer;
            self.pos += 1;
        }
        self.backrefs = true;
        // The group keeps a following digit from joining the number.
        self.out.push_str(&format!(r"(?:\{group})"));
    }

    /// After `\0`: one to three octal digits, at most 0377.
    fn octal(&mut self, start: usize) -> Result<u32, Unsupported> {
        let digit = |t: &Self, ahead: usize| t.peek_at(ahead).and_then(|c| c.to_digit(8));
        let Some(first) = digit(self, 0) else {
            return Err(self.unsupported(start, "\\0 must be followed by octal digits"));
        };
        self.pos += 1;
        let mut value = first;
        if let Some(second) = digit(self, 0) {
            self.pos += 1;
            value = value * 8 + second;
            if let Some(third) = digit(self, 0).filter(|_| first <= 3) {
                self.pos += 1;
                value = value * 8 + third;
            }
        }
        Ok(value)
    }

    fn hex(&mut self, start: usize, min: usize, max: usize) -> Result<u32, Unsupported> {
        let mut value: u32 = 0;
        let mut count = 0;
        while count < max {
            let Some(d) = self.peek().and_then(|c| c.to_digit(16)) else {
                break;
            };
            self.pos += 1;
            count += 1;
            value = value.saturating_mul(16).saturating_add(d);
        }
        if count < min {
            return Err(self.unsupported(start, "too few hexadecimal digits"));
        }
        Ok(value)
    }

    /// After `\u`: four hex digits; a high surrogate must be followed
    /// by `\u` and a low one (Java's way to write a supplementary
    /// character).
    fn utf16_escape(&mut self, start: usize) -> Result<u32, Unsupported> {
        let high = self.hex(start, 4, 4)?;
        if !(0xD800..0xDC00).contains(&high) {
            return Ok(high);
        }
        if self.peek() == Some('\\') && self.peek_at(1) == Some('u') {
            self.pos += 2;
            let low = self.hex(start, 4, 4)?;
            if (0xDC00..0xE000).contains(&low) {
                return Ok(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
            }
        }
        Err(self.unsupported(
            start,
            "a lone UTF-16 surrogate matches nothing in UTF-8 text",
        ))
    }

    fn code_point(&mut self, start: usize, value: u32) -> Result<(), Unsupported> {
        if char::from_u32(value).is_none() {
            return Err(
                self.unsupported(start, format!("U+{value:X} is not a Unicode scalar value"))
            );
        }
        self.out.push_str(&format!(r"\x{{{value:X}}}"));
        Ok(())
    }

    /// A set of class items, as a class (nested in a class, a union).
    fn set(&mut self, items: &str, negated: bool) {
        self.out
            .push_str(&format!("[{}{items}]", if negated { "^" } else { "" }));
    }

    fn quote(&mut self) {
        while let Some(c) = self.bump() {
            if c == '\\' && self.peek() == Some('E') {
                self.pos += 1;
                return;
            }
            literal(&mut self.out, c);
        }
    }

    fn property(&mut self, start: usize, negated: bool) -> Result<(), Unsupported> {
        let name = if self.eat('{') {
            let mut name = String::new();
            loop {
                match self.bump() {
                    Some('}') => break name,
                    Some(c) => name.push(c),
                    None => return Err(self.unsupported(start, "\\p{ without its `}`")),
                }
            }
        } else {
            match self.bump() {
                Some(c) if c.is_ascii_alphabetic() => c.to_string(),
                _ => return Err(self.unsupported(start, "\\p needs a name")),
            }
        };
        let class = properties::resolve(&name).map_err(|reason| self.unsupported(start, reason))?;
        class.write(&mut self.out, negated);
        Ok(())
    }
}

/// Whether `\c` inside a class stands for one character (so that it can
/// start a range), rather than a set of them (`\d`, `\p{L}`).
fn escapes_one_char(c: char) -> bool {
    match c {
        'x' | 'u' | '0' | 't' | 'n' | 'r' | 'f' | 'a' | 'e' | 'c' => true,
        // `\Q…\E`: Java rewrites the quoted text into escaped characters
        // before parsing, so its last character can start a range.
        'Q' => true,
        c => !c.is_ascii_alphanumeric(),
    }
}

/// Writes `c` so that it matches itself, in or out of a class.
fn literal(out: &mut String, c: char) {
    if META.contains(c) {
        out.push('\\');
    }
    out.push(c);
}

mod properties {
    //! `\p{…}` names: Java's and ICU's, with Unicode semantics.

    /// A property as the engine writes it.
    pub(super) enum Class {
        /// `\p{name}`.
        Property(String),
        /// A class body, written `[body]`.
        Set(String),
        /// A class body, written `[^body]`.
        NotSet(String),
    }

    impl Class {
        /// Writes the class, or its complement if `negated` (`\P{…}`).
        pub(super) fn write(&self, out: &mut String, negated: bool) {
            let (body, complement) = match self {
                Class::Property(name) => {
                    out.push_str(if negated { r"\P{" } else { r"\p{" });
                    out.push_str(name);
                    out.push('}');
                    return;
                }
                Class::Set(body) => (body, negated),
                Class::NotSet(body) => (body, !negated),
            };
            out.push_str(if complement { "[^" } else { "[" });
            out.push_str(body);
            out.push(']');
        }
    }

    /// General categories, as Java and ICU spell them (case matters).
    const CATEGORIES: [&str; 38] = [
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "LC", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P",
        "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl",
        "Zp", "C", "Cc", "Cf", "Co", "Cs", "Cn",
    ];

    /// The complement of `\p{Graph}`.
    const NOT_GRAPH: &str = r"\p{White_Space}\p{Cc}\p{Cs}\p{Cn}";
    const BLANK: &str = r"\p{White_Space}&&[^\p{Zl}\p{Zp}\n\x{B}\f\r\x{85}]";

    pub(super) fn resolve(name: &str) -> Result<Class, String> {
        if let Some((key, value)) = name.split_once('=') {
            return match loose(key).as_str() {
                "gc" | "generalcategory" => category(value)
                    .or_else(|| validated(&format!("gc={value}")))
                    .ok_or_else(|| format!("unknown general category `{value}`")),
                "sc" | "script" => script(value),
                "blk" | "block" => block(value),
                _ => Err(format!("unknown property `{key}`")),
            };
        }
        if name.starts_with("java") {
            return Err(
                "Java-only property (a java.lang.Character method) with no Unicode \
                 equivalent here: use a Unicode one such as \\p{Ll}, \\p{Lu} or \\p{IsAlphabetic}"
                    .to_owned(),
            );
        }
        if let Some(block_name) = name.strip_prefix("In") {
            return block(block_name);
        }
        let bare = name.strip_prefix("Is").unwrap_or(name);
        if let Some(class) = category(bare)
            .or_else(|| posix(bare))
            .or_else(|| binary(bare))
        {
            return Ok(class);
        }
        script(bare)
    }

    fn loose(name: &str) -> String {
        name.chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .flat_map(char::to_lowercase)
            .collect()
    }

    fn category(name: &str) -> Option<Class> {
        CATEGORIES
            .contains(&name)
            .then(|| Class::Property(name.to_owned()))
    }

    /// Java's POSIX classes, with the Unicode meaning Java gives them
    /// under `(?U)` (UTS #18).
    fn posix(name: &str) -> Option<Class> {
        let property = |p: &str| Some(Class::Property(p.to_owned()));
        let set = |s: &str| Some(Class::Set(s.to_owned()));
        match name {
            "Lower" => property("Lowercase"),
            "Upper" => property("Uppercase"),
            "ASCII" => set(r"\x{0}-\x{7F}"),
            "Alpha" => property("Alphabetic"),
            "Digit" => property("Nd"),
            "Alnum" => set(r"\p{Alphabetic}\p{Nd}"),
            "Punct" => property("P"),
            "Graph" => Some(Class::NotSet(NOT_GRAPH.to_owned())),
            "Print" => set(&format!("[^{NOT_GRAPH}][{BLANK}]&&[^\\p{{Cc}}]")),
            "Blank" => set(BLANK),
            "Cntrl" => property("Cc"),
            "XDigit" => set(r"\p{Nd}\p{Hex_Digit}"),
            "Space" => property("White_Space"),
            "all" => set(r"\x{0}-\x{10FFFF}"),
            "L1" => set(r"\x{0}-\x{FF}"),
            _ => None,
        }
    }

    /// Binary properties (Java writes them `\p{IsAlphabetic}`).
    fn binary(name: &str) -> Option<Class> {
        let property = |p: &str| Some(Class::Property(p.to_owned()));
        match loose(name).as_str() {
            "alphabetic" => property("Alphabetic"),
            "letter" => property("L"),
            "ideographic" => property("Ideographic"),
            "lowercase" => property("Lowercase"),
            "uppercase" => property("Uppercase"),
            "titlecase" => property("Lt"),
            "whitespace" => property("White_Space"),
            "control" => property("Cc"),
            "punctuation" => property("P"),
            "hexdigit" => property("Hex_Digit"),
            "digit" => property("Nd"),
            "joincontrol" => property("Join_Control"),
            "noncharactercodepoint" => property("Noncharacter_Code_Point"),
            "emoji" => property("Emoji"),
            "emojipresentation" => property("Emoji_Presentation"),
            "emojimodifier" => property("Emoji_Modifier"),
            "emojimodifierbase" => property("Emoji_Modifier_Base"),
            "emojicomponent" => property("Emoji_Component"),
            "extendedpictographic" => property("Extended_Pictographic"),
            "assigned" => Some(Class::NotSet(r"\p{Cn}".to_owned())),
            "alnum" => Some(Class::Set(r"\p{Alphabetic}\p{Nd}".to_owned())),
            "word" => Some(Class::Set(r"\w".to_owned())),
            "blank" => Some(Class::Set(BLANK.to_owned())),
            "graph" => Some(Class::NotSet(NOT_GRAPH.to_owned())),
            _ => None,
        }
    }

    fn script(name: &str) -> Result<Class, String> {
        validated(&format!("sc={name}")).ok_or_else(|| {
            format!(
                "unknown property `{name}`: not a general category, POSIX class, binary \
                 property or script"
            )
        })
    }

    /// `Some` if the engine knows `\p{name}`.
    fn validated(name: &str) -> Option<Class> {
        let plain = name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' ' | '='));
        (plain && fancy_regex::Regex::new(&format!(r"\p{{{name}}}")).is_ok())
            .then(|| Class::Property(name.to_owned()))
    }

    /// Unicode blocks (the engine has no block property), by their
    /// fixed ranges.
    fn block(name: &str) -> Result<Class, String> {
        let range = match loose(name).as_str() {
            "basiclatin" => (0x0000, 0x007F),
            "latin1supplement" => (0x0080, 0x00FF),
            "latinextendeda" => (0x0100, 0x017F),
            "latinextendedb" => (0x0180, 0x024F),
            "ipaextensions" => (0x0250, 0x02AF),
            "spacingmodifierletters" => (0x02B0, 0x02FF),
            "combiningdiacriticalmarks" => (0x0300, 0x036F),
            "greek" | "greekandcoptic" => (0x0370, 0x03FF),
            "cyrillic" => (0x0400, 0x04FF),
            "cyrillicsupplement" | "cyrillicsupplementary" => (0x0500, 0x052F),
            "armenian" => (0x0530, 0x058F),
            "hebrew" => (0x0590, 0x05FF),
            "arabic" => (0x0600, 0x06FF),
            "syriac" => (0x0700, 0x074F),
            "arabicsupplement" => (0x0750, 0x077F),
            "thaana" => (0x0780, 0x07BF),
            "arabicextendeda" => (0x08A0, 0x08FF),
            "devanagari" => (0x0900, 0x097F),
            "bengali" => (0x0980, 0x09FF),
            "gurmukhi" => (0x0A00, 0x0A7F),
            "thai" => (0x0E00, 0x0E7F),
            "georgian" => (0x10A0, 0x10FF),
            "hanguljamo" => (0x1100, 0x11FF),
            "cyrillicextendedc" => (0x1C80, 0x1C8F),
            "latinextendedadditional" => (0x1E00, 0x1EFF),
            "greekextended" => (0x1F00, 0x1FFF),
            "generalpunctuation" => (0x2000, 0x206F),
            "superscriptsandsubscripts" => (0x2070, 0x209F),
            "currencysymbols" => (0x20A0, 0x20CF),
            "letterlikesymbols" => (0x2100, 0x214F),
            "numberforms" => (0x2150, 0x218F),
            "arrows" => (0x2190, 0x21FF),
            "mathematicaloperators" => (0x2200, 0x22FF),
            "cyrillicextendeda" => (0x2DE0, 0x2DFF),
            "supplementalpunctuation" => (0x2E00, 0x2E7F),
            "cjksymbolsandpunctuation" => (0x3000, 0x303F),
            "hiragana" => (0x3040, 0x309F),
            "katakana" => (0x30A0, 0x30FF),
            "cjkunifiedideographs" => (0x4E00, 0x9FFF),
            "cyrillicextendedb" => (0xA640, 0xA69F),
            "hangulsyllables" => (0xAC00, 0xD7AF),
            "arabicpresentationformsa" => (0xFB50, 0xFDFF),
            "combininghalfmarks" => (0xFE20, 0xFE2F),
            "cjkcompatibilityforms" => (0xFE30, 0xFE4F),
            "arabicpresentationformsb" => (0xFE70, 0xFEFF),
            "halfwidthandfullwidthforms" => (0xFF00, 0xFFEF),
            "specials" => (0xFFF0, 0xFFFF),
            _ => {
                return Err(format!(
                    "Unicode block `{name}` is not in tarjuman's table: use a script \
                     (\\p{{Is{name}}}) or a range ([\\x{{…}}-\\x{{…}}])"
                ));
            }
        };
        Ok(Class::Set(format!(
            r"\x{{{:X}}}-\x{{{:X}}}",
            range.0, range.1
        )))
    }
}

#[cfg(test)]
mod tests {
    use fancy_regex::Regex;

    use crate::segment::srx::java;

    fn tr(source: &str) -> String {
        java::translate(source, true).unwrap().pattern
    }

    fn refused(source: &str) -> java::Unsupported {
        java::translate(source, true).unwrap_err()
    }

    fn is_match(java: &str, text: &str) -> bool {
        Regex::new(&tr(java)).unwrap().is_match(text).unwrap()
    }

    #[test]
    fn escapes_translate_to_the_same_characters() {
        assert_eq!(tr(r"\u0020\u06D4"), r"\x{20}\x{6D4}");
        assert_eq!(tr(r"\uD83D\uDE00"), r"\x{1F600}");
        assert_eq!(
            tr(r"\x41\x{1F600}\0101\cM\e"),
            r"\x{41}\x{1F600}\x{41}\x{D}\x{1B}"
        );
        assert_eq!(tr(r"\Q.*\E+"), r"\.\*+");
        assert_eq!(tr(r"[\Q-]\E]"), r"[\-\]]");
        assert_eq!(tr(r"\<\'\#"), r"<'\#");
        assert_eq!(tr("a{2}b{1,}c{1,3}?d++"), "a{2}b{1,}c{1,3}?d++");
        assert!(is_match(r"\u0020", " "));
        assert!(is_match(r"^a++$", "aaa"));
        assert!(!is_match(r"a++a", "aaa"), "possessive");
        assert!(is_match(r"\Q(Mr.)\E", "(Mr.)"));
    }

    #[test]
    fn java_classes_keep_java_meanings() {
        // \h is horizontal space in Java, a hex digit in fancy-regex.
        assert!(is_match(r"^\h$", "\u{a0}"));
        assert!(!is_match(r"\h", "a"));
        assert!(is_match(r"^\H$", "a"));
        assert!(is_match(r"^\v$", "\u{2028}"));
        assert!(is_match(r"^\R$", "\r\n"));
        // `.` stops at Java's line terminators, unless (?s).
        assert!(!is_match(r"a.b", "a\rb"));
        assert!(!is_match(r"a.b", "a\u{2028}b"));
        assert!(is_match(r"(?s)a.b", "a\rb"));
        assert!(is_match(r"a(?s:.)b", "a\nb"));
        // `$` is the end, or before a final line terminator.
        assert!(is_match(r"a$", "a\r\n"));
        assert!(!is_match(r"a$", "a\nb"));
        assert!(is_match(r"(?m)a$", "a\nb"));
        assert!(is_match(r"(?m)^b", "a\nb"));
        assert!(!is_match(r"(?m)^b", "ab"));
        assert!(!is_match(r"a\Z", "a\n\n"));
        // Unicode semantics, as ICU (and Java with (?U)).
        assert!(is_match(r"^\w+$", "Чижов"));
        assert!(is_match(r"^\d$", "۵"));
        assert!(is_match(r"(?i)^чижов$", "ЧИЖОВ"));
        assert!(is_match(r"(?iu)^чижов$", "ЧИЖОВ"));
        assert!(is_match(r"(?U)^\s$", "\u{a0}"));
    }

    #[test]
    fn properties_map_to_unicode_ones() {
        for (java, yes, no) in [
            (r"\p{Lu}", "Ч", "ч"),
            (r"\p{Ll}", "ч", "Ч"),
            (r"\p{L}", "ی", "1"),
            (r"\pL", "ی", "1"),
            (r"\p{IsL}", "ی", "1"),
            (r"\p{Nd}", "۵", "a"),
            (r"\p{P}", "۔", "a"),
            (r"\p{IsAlphabetic}", "ہ", "1"),
            (r"\p{Alpha}", "ہ", "1"),
            (r"\p{IsLowercase}", "a", "A"),
            (r"\p{Upper}", "Ж", "ж"),
            (r"\p{Punct}", "؟", "a"),
            (r"\p{Space}", "\u{a0}", "a"),
            (r"\p{Blank}", "\t", "\n"),
            (r"\p{Graph}", "a", " "),
            (r"\p{Print}", " ", "\u{7}"),
            (r"\p{Alnum}", "۵", "."),
            (r"\p{XDigit}", "f", "g"),
            (r"\p{ASCII}", "a", "é"),
            (r"\p{IsCyrillic}", "ж", "z"),
            (r"\p{IsArabic}", "ک", "z"),
            (r"\p{Cyrillic}", "ж", "z"),
            (r"\p{sc=Arab}", "ک", "z"),
            (r"\p{script=Latin}", "z", "ж"),
            (r"\p{gc=Lu}", "Z", "z"),
            (r"\p{general_category=Uppercase_Letter}", "Z", "z"),
            (r"\p{InCyrillic}", "ж", "z"),
            (r"\p{InBasicLatin}", "z", "ж"),
            (r"\p{In Arabic}", "ک", "z"),
            (r"\p{block=Arabic}", "ک", "z"),
            (r"\p{IsWhite_Space}", " ", "a"),
            (r"\p{IsAssigned}", "a", "\u{378}"),
            (r"[\p{L}&&[^\p{Lu}]]", "ж", "Ж"),
            (r"[a-d[m-p]]", "n", "e"),
            (r"[\p{Graph}&&\p{ASCII}]", "a", "ж"),
            (r"[^\h]", "a", " "),
        ] {
            let re = Regex::new(&format!("^(?:{})$", tr(java))).unwrap();
            assert!(re.is_match(yes).unwrap(), "{java} should match {yes:?}");
            assert!(!re.is_match(no).unwrap(), "{java} should not match {no:?}");
            let negated = java.replacen(r"\p", r"\P", 1);
            if negated != java && !java.starts_with('[') {
                let re = Regex::new(&format!("^(?:{})$", tr(&negated))).unwrap();
                assert!(re.is_match(no).unwrap(), "{negated} should match {no:?}");
            }
        }
    }

    #[test]
    fn a_hyphen_that_cannot_make_a_range_is_literal_as_in_java() {
        // After a class escape or a property, a `-` is a literal in Java.
        for (java, yes, no) in [
            (r"^[\d-–]+$", "7-–8", "7.8"),
            (r"^[\p{Lu}-x]+$", "A-x", "b"),
            (r"^[\s-]+$", " -", "a"),
            // Before a nested class: a literal, and the class is a union,
            // not a range from `"` to `[` (which would take `#`).
            (r#"^["-[,;]]+$"#, "\"-,;", "#"),
            // After a range: a literal.
            (r"^[a-c-e]+$", "b-e", "d"),
            // Ranges between characters and escapes still work.
            (r"^[a-c\u0410-\u042F]+$", "bЖ", "d"),
            (r"^[\x{2010}-\x{2015}]+$", "‐―", "-"),
            (r"^[\Q*\E-,]+$", "+", "-"),
        ] {
            assert!(is_match(java, yes), "{java} should match {yes:?}");
            assert!(!is_match(java, no), "{java} should not match {no:?}");
        }
        assert_eq!(tr(r"[\d-–]"), r"[\d\-–]");
        assert_eq!(tr("[a-z]"), "[a-z]");
    }

    #[test]
    fn back_references_follow_java() {
        assert!(is_match(r"^(a)\1$", "aa"));
        // One group: \11 is group 1 then "1".
        assert!(is_match(r"^(a)\11$", "aa1"));
        assert!(is_match(r"^(?<x>a)\k<x>$", "aa"));
        assert!(java::translate(r"(a)\1", true).unwrap().backrefs);
        assert!(!java::translate(r"(a)b", true).unwrap().backrefs);
        assert_eq!(
            java::translate(r"(a)(?<n>b)", false).unwrap().pattern,
            "(?:a)(?:b)"
        );
    }

    #[test]
    fn untranslatable_constructs_are_refused_with_a_reason() {
        for (source, construct, offset) in [
            (r"\p{javaLowerCase}", r"\p{javaLowerCase}", 0),
            (r"a\p{InKlingon}", r"\p{InKlingon}", 1),
            (r"\p{Klingon}", r"\p{Klingon}", 0),
            (r"\p{foo=bar}", r"\p{foo=bar}", 0),
            (r"x\X", r"\X", 1),
            (r"\Ga", r"\G", 0),
            (r"\N{BULLET}", r"\N", 0),
            (r"\b{g}", r"\b", 0),
            (r"(?x)a b", "(?x", 0),
            (r"(?d).", "(?d", 0),
            (r"(?-u)a", "(?-u", 0),
            (r"(?#note)", "(?#", 0),
            (r"[a--b]", "--", 2),
            (r"a{,2}", "{,2", 1),
            (r"a{x}", "{", 1),
            (r"\uD800", r"\uD800", 0),
            (r"\y", r"\y", 0),
            (r"\E", r"\E", 0),
            (r"[\b]", r"\b", 1),
            (r"a\", r"\", 1),
            (r"\x{110000}", r"\x{110000}", 0),
            (r"a)|(b", ")", 1),
            (r"x(a(b)", "(", 1),
            (r"[a", "[a", 0),
            (r"(?)", "(?)", 0),
            (&format!("{}a", "[".repeat(100)), "[", 17),
        ] {
            let e = refused(source);
            assert_eq!(
                (e.construct.as_str(), e.offset),
                (construct, offset),
                "{source}: {}",
                e.reason
            );
            assert!(!e.reason.is_empty());
        }
    }
}
