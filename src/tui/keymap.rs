//! Key bindings: files map keys to [`Action`]s per context; the built-in default is patched by an
//! overlay (the built-in `vim` one, a file given with `--keymap`, or the user's own file). Every
//! mistake is refused with the file, the line and what is wrong.

use super::action::Action;
pub use crate::i18n::desk::Context;
use crate::i18n::desk::{KeymapFault, Strings};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;
use std::path::Path;

pub const DEFAULT_KEYMAP: &str = include_str!("../../keymaps/default.toml");
pub const VIM_KEYMAP: &str = include_str!("../../keymaps/vim.toml");

impl Context {
    pub const ALL: [Context; 10] = [
        Context::Global,
        Context::Search,
        Context::List,
        Context::Card,
        Context::Form,
        Context::Popup,
        Context::Base,
        Context::Plan,
        Context::Reports,
        Context::Application,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Search => "search",
            Context::List => "list",
            Context::Card => "card",
            Context::Form => "form",
            Context::Popup => "popup",
            Context::Base => "base",
            Context::Plan => "plan",
            Context::Reports => "reports",
            Context::Application => "application",
        }
    }

    /// Whether a bare character may be bound here. Everywhere else a person may be typing a name
    /// (or typing starts a search), so a character is text and never a command; a list is reached
    /// only by a command key (Tab, or Esc in the vim keys), and popups hold no text.
    pub fn binds_characters(self) -> bool {
        matches!(self, Context::List | Context::Popup)
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// One key press with the modifiers that matter for binding (Shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyPress {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeyPress {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> KeyPress {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) { KeyCode::Char(c.to_ascii_lowercase()) } else { code }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                code
            }
            other => other,
        };
        KeyPress { code, mods }
    }

    pub fn from_event(event: &KeyEvent) -> KeyPress {
        KeyPress::new(event.code, event.modifiers)
    }

    /// A printable character typed without Ctrl or Alt: text when a text field has focus.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(c),
            _ => None,
        }
    }

    /// Parses `F1`, `ctrl-q`, `shift-tab`, `pgdn`, `j`, `G`, `/`.
    pub fn parse(spec: &str) -> Option<KeyPress> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = spec;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "alt-", "shift-"].into_iter().find(|p| lower.starts_with(p) && rest.len() > p.len());
            match prefix {
                Some("ctrl-") => mods |= KeyModifiers::CONTROL,
                Some("alt-") => mods |= KeyModifiers::ALT,
                Some(_) => mods |= KeyModifiers::SHIFT,
                None => break,
            }
            rest = &rest[prefix.map_or(0, str::len)..];
        }
        let mut chars = rest.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            // A bidi override or zero-width mark bound as a key would reach the terminal in the hints.
            if crate::domain::text::is_unsafe_char(c) || c.is_whitespace() {
                return None;
            }
            let c = if mods.contains(KeyModifiers::SHIFT) { c.to_ascii_uppercase() } else { c };
            return Some(KeyPress::new(KeyCode::Char(c), mods));
        }
        let name = rest.to_ascii_lowercase();
        let code = match name.as_str() {
            "esc" | "escape" => KeyCode::Esc,
            "enter" | "return" => KeyCode::Enter,
            "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f') => match f[1..].parse::<u8>() {
                Ok(n @ 1..=12) => KeyCode::F(n),
                _ => return None,
            },
            _ => return None,
        };
        Some(KeyPress::new(code, mods))
    }
}

impl fmt::Display for KeyPress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A sequence of key presses bound together, such as `g g`.
pub type KeySeq = Vec<KeyPress>;

pub fn seq_label(seq: &[KeyPress]) -> String {
    seq.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
}

/// How the desk names keys to the person: arrows drawn as arrows unless the terminal shows
/// only ASCII, and words in the interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyNames {
    pub lang: crate::i18n::Lang,
    pub ascii: bool,
}

impl KeyNames {
    /// One key as a person reads it: `←`, `Spacja`, `Ctrl-Q`.
    pub fn key(self, key: &KeyPress) -> String {
        use crate::i18n::Lang;
        let arrow = |glyph: &str, pl: &str, en: &str| match (self.ascii, self.lang) {
            (false, _) => glyph.to_string(),
            (true, Lang::Pl) => pl.to_string(),
            (true, Lang::En) => en.to_string(),
        };
        let bare = KeyPress {
            code: key.code,
            mods: key.mods - KeyModifiers::CONTROL - KeyModifiers::ALT - KeyModifiers::SHIFT,
        };
        let name = match key.code {
            KeyCode::Left => arrow("←", "Lewo", "Left"),
            KeyCode::Right => arrow("→", "Prawo", "Right"),
            KeyCode::Up => arrow("↑", "Góra", "Up"),
            KeyCode::Down => arrow("↓", "Dół", "Down"),
            KeyCode::Char(' ') if self.lang == Lang::Pl => "Spacja".to_string(),
            _ => return key.to_string(),
        };
        let modifiers = key.to_string();
        let modifiers = modifiers.strip_suffix(&bare.to_string()).unwrap_or("");
        format!("{modifiers}{name}")
    }

    pub fn seq(self, seq: &[KeyPress]) -> String {
        seq.iter().map(|k| self.key(k)).collect::<Vec<_>>().join(" ")
    }

    /// The keys of one action for a hint: a pair of opposite arrows reads as one, `←/→`.
    pub fn hint(self, seqs: &[&KeySeq]) -> Option<String> {
        let has = |code| seqs.iter().any(|s| s.len() == 1 && s[0].code == code && s[0].mods.is_empty());
        let pair = |a, b| {
            self.key(&KeyPress::new(a, KeyModifiers::NONE)) + "/" + &self.key(&KeyPress::new(b, KeyModifiers::NONE))
        };
        if has(KeyCode::Left) && has(KeyCode::Right) {
            return Some(pair(KeyCode::Left, KeyCode::Right));
        }
        if has(KeyCode::Up) && has(KeyCode::Down) {
            return Some(pair(KeyCode::Up, KeyCode::Down));
        }
        seqs.first().map(|s| self.seq(s))
    }
}

/// What is wrong in a keymap file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapProblem {
    Syntax(String),
    UnknownContext(String),
    NotATable(String),
    UnknownKey(String),
    NotAnActionName(String),
    UnknownAction(String),
    Duplicate {
        key: String,
        context: String,
        first_line: usize,
    },
    /// A bare character bound where a person types: it would be taken from a name.
    LetterIsText {
        key: String,
        context: String,
    },
    Unreadable(String),
}

impl KeymapProblem {
    /// The same problem with text quoted from the file made safe for the terminal.
    fn display_safe(self) -> KeymapProblem {
        let safe = |s: String| crate::domain::text::display_safe(&s).into_owned();
        match self {
            KeymapProblem::Syntax(m) => KeymapProblem::Syntax(safe(m)),
            KeymapProblem::UnknownContext(c) => KeymapProblem::UnknownContext(safe(c)),
            KeymapProblem::NotATable(c) => KeymapProblem::NotATable(safe(c)),
            KeymapProblem::UnknownKey(k) => KeymapProblem::UnknownKey(safe(k)),
            KeymapProblem::NotAnActionName(k) => KeymapProblem::NotAnActionName(safe(k)),
            KeymapProblem::UnknownAction(a) => KeymapProblem::UnknownAction(safe(a)),
            KeymapProblem::Duplicate { key, context, first_line } => {
                KeymapProblem::Duplicate { key: safe(key), context, first_line }
            }
            KeymapProblem::LetterIsText { key, context } => KeymapProblem::LetterIsText { key: safe(key), context },
            KeymapProblem::Unreadable(m) => KeymapProblem::Unreadable(safe(m)),
        }
    }
}

/// A refused keymap file: which file, which line, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub file: String,
    pub line: usize,
    pub problem: KeymapProblem,
}

impl KeymapError {
    /// The refusal in the interface language, naming the file and the line.
    pub fn message(&self, strings: &Strings) -> String {
        let known = Context::ALL.map(|c| c.name()).join(", ");
        let fault = match &self.problem {
            KeymapProblem::Syntax(m) => KeymapFault::Syntax(m),
            KeymapProblem::UnknownContext(c) => KeymapFault::UnknownContext { given: c, known: &known },
            KeymapProblem::NotATable(c) => KeymapFault::NotATable(c),
            KeymapProblem::UnknownKey(k) => KeymapFault::UnknownKey(k),
            KeymapProblem::NotAnActionName(k) => KeymapFault::NotAnActionName(k),
            KeymapProblem::UnknownAction(a) => KeymapFault::UnknownAction(a),
            KeymapProblem::Duplicate { key, context, first_line } => {
                KeymapFault::Duplicate { key, context, first_line: *first_line }
            }
            KeymapProblem::LetterIsText { key, context } => KeymapFault::LetterIsText { key, context },
            KeymapProblem::Unreadable(m) => KeymapFault::Unreadable(m),
        };
        strings.keymap_error(&self.file, self.line, &fault)
    }
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(&Strings::new(crate::i18n::Lang::Pl)))
    }
}

impl std::error::Error for KeymapError {}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: Vec<(Context, KeySeq, Action)>,
}

/// The result of looking up the keys pressed so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// The keys so far begin a longer binding (`g` of `g g`): wait for the next key.
    Prefix,
    Unbound,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(1, |before| before.matches('\n').count() + 1)
}

/// Parses one keymap file without applying it.
pub fn parse(file: &str, text: &str) -> Result<Vec<(Context, KeySeq, Action)>, KeymapError> {
    let error = |offset: usize, problem: KeymapProblem| KeymapError {
        file: file.to_string(),
        line: line_of(text, offset),
        problem: problem.display_safe(),
    };
    let root = toml::de::DeTable::parse(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        error(offset, KeymapProblem::Syntax(e.message().trim().to_string()))
    })?;
    let mut tables: Vec<_> = root.get_ref().iter().collect();
    tables.sort_by_key(|(k, _)| k.span().start);
    let mut out = Vec::new();
    for (name, value) in tables {
        let context = Context::from_name(name.get_ref())
            .ok_or_else(|| error(name.span().start, KeymapProblem::UnknownContext(name.get_ref().to_string())))?;
        let table = value
            .get_ref()
            .as_table()
            .ok_or_else(|| error(name.span().start, KeymapProblem::NotATable(name.get_ref().to_string())))?;
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        let mut seen: Vec<(KeySeq, usize)> = Vec::new();
        for (key, value) in entries {
            let line = line_of(text, key.span().start);
            let seq: Option<KeySeq> = key.get_ref().split_whitespace().map(KeyPress::parse).collect();
            let seq = seq
                .filter(|s| !s.is_empty())
                .ok_or_else(|| error(key.span().start, KeymapProblem::UnknownKey(key.get_ref().to_string())))?;
            if !context.binds_characters() && seq.iter().any(|k| k.typed_char().is_some()) {
                return Err(error(
                    key.span().start,
                    KeymapProblem::LetterIsText { key: key.get_ref().to_string(), context: context.name().to_string() },
                ));
            }
            if let Some((_, first_line)) = seen.iter().find(|(s, _)| *s == seq) {
                return Err(error(
                    key.span().start,
                    KeymapProblem::Duplicate {
                        key: key.get_ref().to_string(),
                        context: context.name().to_string(),
                        first_line: *first_line,
                    },
                ));
            }
            let name = value
                .get_ref()
                .as_str()
                .ok_or_else(|| error(value.span().start, KeymapProblem::NotAnActionName(key.get_ref().to_string())))?;
            let action = Action::from_name(name)
                .ok_or_else(|| error(value.span().start, KeymapProblem::UnknownAction(name.to_string())))?;
            seen.push((seq.clone(), line));
            out.push((context, seq, action));
        }
    }
    Ok(out)
}

impl Keymap {
    /// The built-in default keys.
    pub fn default_keys() -> Keymap {
        let mut keymap = Keymap::default();
        keymap.apply(parse("keymaps/default.toml", DEFAULT_KEYMAP).unwrap_or_default());
        keymap
    }

    /// The default keys patched by an overlay: `vim` (built in) or a file.
    pub fn load(overlay: Option<&Path>) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::default_keys();
        match overlay {
            None => {}
            Some(p) if p.as_os_str() == "vim" => keymap.apply(parse("keymaps/vim.toml", VIM_KEYMAP)?),
            Some(path) => keymap.apply(parse_file(path)?),
        }
        Ok(keymap)
    }

    /// Later bindings replace earlier ones for the same keys in the same context.
    pub fn apply(&mut self, bindings: Vec<(Context, KeySeq, Action)>) {
        for (context, seq, action) in bindings {
            self.bindings.retain(|(c, s, _)| !(*c == context && *s == seq));
            self.bindings.push((context, seq, action));
        }
    }

    /// Looks the keys pressed so far up in the contexts, first context first.
    pub fn lookup(&self, contexts: &[Context], pressed: &[KeyPress]) -> Lookup {
        for context in contexts {
            let mut prefix = false;
            for (c, seq, action) in &self.bindings {
                if c != context {
                    continue;
                }
                if seq.as_slice() == pressed {
                    return Lookup::Action(*action);
                }
                prefix |= seq.len() > pressed.len() && seq.starts_with(pressed);
            }
            if prefix {
                return Lookup::Prefix;
            }
        }
        Lookup::Unbound
    }

    /// The keys that trigger `action` in these contexts, leaving out keys an earlier context takes
    /// and, when `typing`, plain characters (they go into the text field).
    pub fn keys_for(&self, contexts: &[Context], action: Action, typing: bool) -> Vec<String> {
        self.key_seqs(contexts, action, typing).into_iter().map(|seq| seq_label(seq)).collect()
    }

    /// The key sequences that trigger `action` now, in the order they were bound, each once.
    pub fn key_seqs(&self, contexts: &[Context], action: Action, typing: bool) -> Vec<&KeySeq> {
        let mut keys: Vec<&KeySeq> = Vec::new();
        for (i, context) in contexts.iter().enumerate() {
            for (c, seq, a) in &self.bindings {
                if c != context || *a != action {
                    continue;
                }
                let shadowed = contexts[..i].iter().any(|earlier| {
                    self.bindings.iter().any(|(c2, s2, a2)| c2 == earlier && s2 == seq && *a2 != action)
                });
                let typed = typing && seq.len() == 1 && seq[0].typed_char().is_some();
                if !shadowed && !typed && !keys.contains(&seq) {
                    keys.push(seq);
                }
            }
        }
        keys
    }

    /// Every binding of one context, in the order they were defined.
    pub fn bindings_in(&self, context: Context) -> impl Iterator<Item = (&KeySeq, Action)> {
        self.bindings.iter().filter(move |(c, _, _)| *c == context).map(|(_, s, a)| (s, *a))
    }
}

pub fn parse_file(path: &Path) -> Result<Vec<(Context, KeySeq, Action)>, KeymapError> {
    let file = path.display().to_string();
    let text = crate::userfile::read_to_string(path).map_err(|e| KeymapError {
        file: file.clone(),
        line: 0,
        problem: KeymapProblem::Unreadable(e.reason),
    })?;
    parse(&file, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(spec: &str) -> KeyPress {
        KeyPress::parse(spec).unwrap()
    }

    #[test]
    fn parses_keys_the_way_terminals_send_them() {
        assert_eq!(key("F1"), KeyPress::new(KeyCode::F(1), KeyModifiers::NONE));
        assert_eq!(key("ctrl-Q"), KeyPress::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
        assert_eq!(key("shift-tab"), KeyPress::new(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(key("G"), KeyPress::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(key("pgdn"), key("PageDown"));
        assert_eq!(KeyPress::parse("F13"), None);
        assert_eq!(KeyPress::parse("ctrl-"), None);
        assert_eq!(key("ctrl-q").to_string(), "Ctrl-Q");
    }

    #[test]
    fn refuses_invisible_and_direction_changing_characters_as_keys() {
        for spec in ["\u{feff}", "\u{202e}", "ctrl-\u{200b}", "alt-\u{2066}", "\u{85}"] {
            assert_eq!(KeyPress::parse(spec), None, "{spec:?}");
        }
    }

    #[test]
    fn default_and_vim_keymaps_load() {
        parse("default.toml", DEFAULT_KEYMAP).unwrap();
        parse("vim.toml", VIM_KEYMAP).unwrap();
        let vim = Keymap::load(Some(Path::new("vim"))).unwrap();
        assert_eq!(vim.lookup(&[Context::List], &[key("g")]), Lookup::Prefix);
        assert_eq!(vim.lookup(&[Context::List], &[key("g"), key("g")]), Lookup::Action(Action::First));
    }

    #[test]
    fn refuses_a_duplicate_binding_written_two_ways_with_its_line() {
        let err = parse("k.toml", "[global]\nF1 = \"help\"\nf1 = \"quit\"\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(matches!(err.problem, KeymapProblem::Duplicate { first_line: 2, .. }), "{err:?}");
    }

    #[test]
    fn hints_leave_out_keys_an_earlier_context_takes() {
        let mut keymap = Keymap::default();
        keymap.apply(
            parse("k.toml", "[search]\nesc = \"clear_query\"\n[global]\nesc = \"back\"\nf9 = \"back\"\n").unwrap(),
        );
        assert_eq!(keymap.keys_for(&[Context::Search, Context::Global], Action::Back, true), ["F9"]);
    }
}
