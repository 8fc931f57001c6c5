//! Property tests (fuzzing) of the keymap parser: no text and no key name makes it panic, every
//! valid keymap loads with each of its bindings found, and a key bound twice in one context is
//! always refused on the line of the second binding, however it is spelt.

use okienko::domain::text::is_unsafe_char;
use okienko::tui::action::Action;
use okienko::tui::keymap::{Context, KeyPress, KeySeq, Keymap, KeymapProblem, Lookup, parse};
use proptest::prelude::*;

/// 1 000 cases unless `PROPTEST_CASES` asks for another number (`with_cases` would override it).
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 1000;
    }
    config
}

const ACTIONS: [&str; 12] =
    ["help", "quit", "back", "up", "down", "page_down", "first", "last", "open", "confirm", "cancel", "new_visit"];

/// Named keys, each with the spellings the parser accepts for it.
const NAMED: [&[&str]; 14] = [
    &["esc", "escape", "Esc"],
    &["enter", "return", "Enter"],
    &["tab", "Tab"],
    &["backspace", "BackSpace"],
    &["del", "delete", "Del"],
    &["ins", "insert"],
    &["up", "Up"],
    &["down", "DOWN"],
    &["home", "Home"],
    &["end", "End"],
    &["pgup", "pageup", "PageUp"],
    &["pgdn", "pagedown", "PgDn"],
    &["space", "Space"],
    &["F1", "f1"],
];

/// Where `space` is in [`NAMED`]: a character, like a letter.
const SPACE: usize = 12;

/// One key press as written, before its spelling is chosen: modifiers and a base key.
#[derive(Debug, Clone)]
struct Press {
    ctrl: bool,
    alt: bool,
    base: Base,
}

#[derive(Debug, Clone)]
enum Base {
    Named(usize),
    Function(u8),
    Char(char),
}

fn press() -> impl Strategy<Value = Press> {
    let base = prop_oneof![
        (0..NAMED.len()).prop_map(Base::Named),
        (1u8..=12).prop_map(Base::Function),
        prop::sample::select("abcdegjknqxyzGJKQ0189/?:;.,!@#$%^&*()[]{}<>=+_~'|ąśżŁ".chars().collect::<Vec<_>>())
            .prop_map(Base::Char),
    ];
    (any::<bool>(), any::<bool>(), base).prop_map(|(ctrl, alt, base)| Press { ctrl, alt, base })
}

/// Writes a press with one of its spellings; `variant` picks it.
fn spell(p: &Press, variant: usize) -> String {
    let mut out = String::new();
    if p.ctrl {
        out.push_str(["ctrl-", "Ctrl-", "CTRL-"][variant % 3]);
    }
    if p.alt {
        out.push_str(["alt-", "Alt-"][variant % 2]);
    }
    match &p.base {
        Base::Named(i) => out.push_str(NAMED[*i][variant % NAMED[*i].len()]),
        Base::Function(n) => out.push_str(&format!("{}{n}", ["F", "f"][variant % 2])),
        // With Ctrl, letters are the same key in either case.
        Base::Char(c) if p.ctrl && c.is_ascii_alphabetic() && variant % 2 == 1 => out.push(c.to_ascii_uppercase()),
        Base::Char(c) => out.push(*c),
    }
    out
}

fn spell_seq(seq: &[Press], variant: usize) -> String {
    let gap = [" ", "  ", " \t"][variant % 3];
    seq.iter().map(|p| spell(p, variant)).collect::<Vec<_>>().join(gap)
}

/// A TOML key: bare when TOML allows it, else a quoted string with escapes.
fn toml_key(key: &str, quote: bool) -> String {
    let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare && !quote { key.to_string() } else { format!("{key:?}") }
}

/// One binding of a generated keymap.
#[derive(Debug, Clone)]
struct Binding {
    context: Context,
    keys: Vec<Press>,
    action: &'static str,
    spelling: usize,
    quoted: bool,
}

/// A generated keymap: its text, and each binding with its parsed keys and the line it is on.
#[derive(Debug, Clone)]
struct Generated {
    text: String,
    bindings: Vec<(Context, KeySeq, Action, usize)>,
    /// The file's lines, without their line ends.
    lines: Vec<String>,
}

fn bindings() -> impl Strategy<Value = Vec<Binding>> {
    let binding = (
        prop::sample::select(Context::ALL.to_vec()),
        prop::collection::vec(press(), 1..4),
        prop::sample::select(ACTIONS.to_vec()),
        0..6usize,
        any::<bool>(),
    )
        .prop_map(|(context, keys, action, spelling, quoted)| Binding { context, keys, action, spelling, quoted });
    prop::collection::vec(binding, 1..30)
}

/// Lays the bindings out as a keymap file, grouped by context, with comments, blank lines and
/// CRLF or LF line ends; a binding whose keys repeat an earlier one in its context is left out.
fn render(bindings: &[Binding], comments: bool, crlf: bool) -> Generated {
    let mut lines = Vec::new();
    let mut out = Vec::new();
    if comments {
        lines.push("# generated keymap".to_string());
    }
    for context in Context::ALL {
        let mine: Vec<&Binding> = bindings.iter().filter(|b| b.context == context).collect();
        if mine.is_empty() {
            continue;
        }
        if comments {
            lines.push(String::new());
        }
        lines.push(format!("[{}]", context.name()));
        let mut seen: Vec<KeySeq> = Vec::new();
        for b in mine {
            // Where names are typed a bare character is refused, so the generator gives it Alt.
            let keys: Vec<Press> = b
                .keys
                .iter()
                .cloned()
                .map(|mut p| {
                    let bare = !p.ctrl && !p.alt && matches!(p.base, Base::Char(_) | Base::Named(SPACE));
                    p.alt |= bare && !context.binds_characters();
                    p
                })
                .collect();
            let spelt = spell_seq(&keys, b.spelling);
            let seq: KeySeq = spelt
                .split_whitespace()
                .map(|k| KeyPress::parse(k).unwrap_or_else(|| panic!("generated key {k:?} does not parse")))
                .collect();
            if seen.contains(&seq) {
                continue;
            }
            seen.push(seq.clone());
            let comment = if comments { "  # note" } else { "" };
            lines.push(format!("{} = \"{}\"{comment}", toml_key(&spelt, b.quoted || spelt.contains(' ')), b.action));
            let action = Action::from_name(b.action).unwrap();
            out.push((context, seq, action, lines.len()));
        }
    }
    let end = if crlf { "\r\n" } else { "\n" };
    let text = lines.iter().map(|l| format!("{l}{end}")).collect();
    Generated { text, bindings: out, lines }
}

fn keymap() -> impl Strategy<Value = Generated> {
    (bindings(), any::<bool>(), any::<bool>()).prop_map(|(b, comments, crlf)| render(&b, comments, crlf))
}

/// Pieces a keymap file is made of, for TOML-ish noise.
fn tomlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("[global]".to_string()),
        Just("[list]".to_string()),
        Just("[card.x]".to_string()),
        Just("[[form]]".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(" = ".to_string()),
        Just("\"".to_string()),
        Just("'''".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("#".to_string()),
        Just("\\u00".to_string()),
        Just("{ a = 1 }".to_string()),
        Just("[1, 2]".to_string()),
        Just("true".to_string()),
        Just("1979-05-27".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("[\"\\u001b[2J\"]".to_string()),
        Just("\"\\u202e\\u0085\" = ".to_string()),
        Just("\u{202E}".to_string()),
        Just("\0".to_string()),
        prop::sample::select(ACTIONS.to_vec()).prop_map(|a| format!("\"{a}\"")),
        press().prop_map(|p| spell(&p, 0)),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_is_parsed_or_refused_with_a_line_in_the_file(text in "(?s).{0,400}") {
        if let Err(e) = parse("k.toml", &text) {
            prop_assert!(e.line >= 1 && e.line <= text.matches('\n').count() + 1, "line {} of {:?}", e.line, text);
            let message = e.to_string();
            prop_assert!(!message.is_empty());
            prop_assert!(!message.chars().any(is_unsafe_char), "{:?} for {:?}", message, text);
        }
    }

    #[test]
    fn toml_like_text_is_parsed_or_refused_with_a_line_in_the_file(text in tomlish()) {
        match parse("k.toml", &text) {
            Err(e) => {
                prop_assert!(e.line >= 1 && e.line <= text.matches('\n').count() + 1, "line {} of {:?}", e.line, text);
                let message = e.to_string();
                prop_assert!(!message.is_empty());
                prop_assert!(!message.chars().any(is_unsafe_char), "{:?} for {:?}", message, text);
            }
            Ok(bindings) => {
                let mut keymap = Keymap::default();
                keymap.apply(bindings.clone());
                for (context, seq, action) in bindings {
                    prop_assert_eq!(keymap.lookup(&[context], &seq), Lookup::Action(action));
                }
            }
        }
    }

    #[test]
    fn any_key_name_is_parsed_or_refused_and_labels_parse_back(
        spec in "(?s).{0,12}|((ctrl|alt|shift|CTRL|Shift)-){0,3}(?s).{0,6}|((ctrl|alt|shift)-){0,2}[\\x00-\\x20\\x7f-\\u{a0}\\u{200b}-\\u{200f}\\u{202a}-\\u{202e}\\u{2060}-\\u{2069}\\u{feff}]"
    ) {
        if let Some(key) = KeyPress::parse(&spec) {
            let label = key.to_string();
            prop_assert!(!label.chars().any(is_unsafe_char), "{:?} gives the label {:?}", spec, label);
            prop_assert_eq!(KeyPress::parse(&label), Some(key), "{:?} → {:?}", spec, label);
        }
    }

    #[test]
    fn a_valid_keymap_loads_with_every_binding_found(generated in keymap()) {
        let parsed = parse("k.toml", &generated.text);
        prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed, generated.text);
        let parsed = parsed.unwrap_or_default();
        let expected: Vec<_> = generated.bindings.iter().map(|(c, s, a, _)| (*c, s.clone(), *a)).collect();
        prop_assert_eq!(&parsed, &expected);
        let mut keymap = Keymap::default();
        keymap.apply(parsed);
        for (context, seq, action, _) in &generated.bindings {
            prop_assert_eq!(keymap.lookup(&[*context], seq), Lookup::Action(*action));
        }
        // Over the built-in keys, a file's bindings win in their context.
        let mut over_default = Keymap::default_keys();
        over_default.apply(parse("k.toml", &generated.text).unwrap_or_default());
        for (context, seq, action, _) in &generated.bindings {
            prop_assert_eq!(over_default.lookup(&[*context], seq), Lookup::Action(*action));
        }
    }

    #[test]
    fn a_key_bound_twice_in_a_context_is_refused_on_the_second_line(
        generated in keymap(),
        pick in any::<prop::sample::Index>(),
        spelling in 0..6usize,
        gap in any::<prop::sample::Index>(),
        action in prop::sample::select(ACTIONS.to_vec()),
    ) {
        let (context, seq, _, first_line) = generated.bindings[pick.index(generated.bindings.len())].clone();
        // The same keys again, spelt from the parsed presses so that spelling may differ.
        let spelt = seq.iter().map(ToString::to_string).collect::<Vec<_>>();
        let spelt = if spelling % 2 == 0 { spelt.join(" ") } else { spelt.join(" ").to_lowercase() };
        prop_assume!(spelt.split_whitespace().map(KeyPress::parse).collect::<Option<KeySeq>>() == Some(seq.clone()));
        // After the first binding, before the next table (or the end).
        let table_end = generated.lines[first_line..]
            .iter()
            .position(|l| l.starts_with('['))
            .map_or(generated.lines.len(), |i| first_line + i);
        let at = first_line + gap.index(table_end - first_line + 1);
        let mut lines = generated.lines.clone();
        lines.insert(at, format!("{:?} = \"{action}\"", spelt));
        let text = lines.join("\n");
        let err = parse("k.toml", &text);
        prop_assert!(err.is_err(), "{:?} bound twice in [{}] was accepted:\n{}", spelt, context.name(), text);
        let err = err.err().unwrap();
        prop_assert_eq!(err.line, at + 1, "{:?}\n{}", err, text);
        match err.problem {
            KeymapProblem::Duplicate { first_line: first, context: c, .. } => {
                prop_assert_eq!(first, first_line);
                prop_assert_eq!(c, context.name());
            }
            // The very same spelling is already a TOML error (a key defined twice).
            KeymapProblem::Syntax(_) => {}
            other => prop_assert!(false, "{other:?}"),
        }
    }
}

#[test]
fn refusals_never_echo_escapes_or_bidi_from_the_file() {
    for text in [
        "[\"\\u001b[2J\"]\nF1 = \"help\"\n",
        "[\"\\u202e\"]\nF1 = \"help\"\n",
        "[global]\n\"\\u202e\" = \"help\"\n",
        "[global]\n\"\\u001b]0;x\\u0007\" = \"help\"\n",
        "[global]\nF1 = \"\\u001b[2J\\u202e\"\n",
        "[global]\nF1 = \"help\"\n\"\\u202e\\u0085\" = 1\n",
        "\u{1b}[2J = \"help\"\n",
        "[global]\nF1 = \"help\u{202e}\n",
        "\"\\u009b\" = 1\n",
    ] {
        let message = parse("k.toml", text).unwrap_err().to_string();
        assert!(!message.chars().any(is_unsafe_char), "{message:?} for {text:?}");
    }
}
