//! The architecture as the source holds it: each top-level module uses only the layers below
//! it (domain, storage, search/import/export, report, then the desk and the command line), and
//! no two modules of the desk use each other, however indirectly. Read from `src/` as text:
//! every `use` tree is expanded and every `crate::…`/`super::…` path in the code is followed to
//! the module it names. Tests and comments are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

/// What each top-level module may use besides itself. `i18n` sits below everything; `config`,
/// `settings`, `service` and `userfile` are the program's standing on the machine (files,
/// settings, the service group), below storage; the domain is pure and uses only the catalogue.
const ALLOWED: &[(&str, &[&str])] = &[
    ("i18n", &[]),
    ("domain", &["i18n"]),
    ("service", &["i18n", "userfile"]),
    ("userfile", &["i18n", "service"]),
    ("config", &["i18n", "service", "settings"]),
    ("settings", &["i18n", "config"]),
    ("storage", &["i18n", "domain", "config", "service", "userfile"]),
    ("search", &["i18n", "domain", "config", "storage"]),
    ("export", &["i18n", "domain", "config", "service", "userfile", "storage"]),
    ("import", &["i18n", "domain", "config", "service", "userfile", "storage", "export"]),
    ("demo", &["i18n", "domain", "config", "storage", "search"]),
    ("report", &["i18n", "domain", "config", "settings", "service", "userfile", "storage", "export"]),
    ("session", &["i18n", "domain", "config", "settings", "service", "userfile", "storage"]),
    (
        "tui",
        &[
            "i18n", "domain", "config", "settings", "service", "userfile", "storage", "search", "import", "export",
            "report", "session",
        ],
    ),
    // The command line also starts the desk and the demo generator.
    (
        "cli",
        &[
            "i18n", "domain", "config", "settings", "service", "userfile", "storage", "search", "import", "export",
            "report", "session", "tui", "demo",
        ],
    ),
];

/// Every module of `src/` by its path (`["tui", "views", "plans"]`), with its code.
fn modules() -> BTreeMap<Module, String> {
    fn walk(dir: &Path, into: &mut BTreeMap<Module, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, into);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(concat!(env!("CARGO_MANIFEST_DIR"), "/src")).unwrap();
                let mut module: Module =
                    relative.with_extension("").iter().map(|p| p.to_string_lossy().into_owned()).collect();
                if module.last().is_some_and(|m| m == "mod") || module == ["lib"] || module == ["main"] {
                    module.pop();
                }
                into.insert(module, code_of(&std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut all = BTreeMap::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut all);
    all
}

/// The code without its tests and comments.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    match tree.find('{') {
        None => out.push(format!("{prefix}{}", tree.split(" as ").next().unwrap().trim())),
        Some(open) => {
            let head = &tree[..open];
            let inner = &tree[open + 1..tree.rfind('}').unwrap()];
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&inner[start..i], &format!("{prefix}{head}"), out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            if !inner[start..].trim().is_empty() {
                expand(&inner[start..], &format!("{prefix}{head}"), out);
            }
        }
    }
}

/// Every path a module's code names that starts at the crate or its parent.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    // The `use` trees are expanded, and taken out of the code that is searched for paths after.
    let mut without_uses = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().next_back();
        let end = rest[at..].find(';').map_or(rest.len(), |e| at + e);
        if before.is_none_or(|c| !(c.is_alphanumeric() || c == '_')) {
            expand(&rest[at + 4..end], "", &mut out);
            without_uses.push_str(&rest[..at]);
        } else {
            without_uses.push_str(&rest[..end]);
        }
        rest = &rest[end..];
    }
    without_uses.push_str(rest);
    let code = without_uses.as_str();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        for (at, _) in code.match_indices(start) {
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b':' || bytes[at - 1] == b'_') {
                continue;
            }
            let end = code[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| at + e);
            out.push(code[at..end].trim_end_matches(':').to_string());
        }
    }
    out.retain(|p| p.starts_with("crate::") || p.starts_with("super::") || p.starts_with("self::"));
    out
}

/// The module a path names, from inside `from`: the longest prefix that is a module.
fn target(from: &Module, path: &str, all: &BTreeMap<Module, String>) -> Option<Module> {
    let mut parts = path.split("::").peekable();
    let mut full: Module = if parts.peek() == Some(&"crate") {
        parts.next();
        Vec::new()
    } else {
        from.clone()
    };
    while let Some(&part) = parts.peek() {
        match part {
            "super" => {
                full.pop();
            }
            "self" => {}
            _ => break,
        }
        parts.next();
    }
    full.extend(parts.map(str::to_string));
    (0..=full.len()).rev().map(|n| full[..n].to_vec()).find(|m| all.contains_key(m))
}

fn uses(all: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    all.iter()
        .map(|(module, code)| {
            let targets = paths(code).iter().filter_map(|p| target(module, p, all)).filter(|t| t != module).collect();
            (module.clone(), targets)
        })
        .collect()
}

#[test]
fn no_module_uses_a_layer_above_it() {
    let all = modules();
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut wrong = Vec::new();
    for (module, targets) in uses(&all) {
        let Some(top) = module.first() else { continue };
        let may = allowed
            .get(top.as_str())
            .unwrap_or_else(|| panic!("src/{top}: a new top-level module needs its place in ALLOWED"));
        for t in targets {
            let Some(other) = t.first() else { continue };
            if other != top && !may.contains(&other.as_str()) {
                wrong.push(format!("{} uses {}", module.join("::"), t.join("::")));
            }
        }
    }
    assert!(wrong.is_empty(), "uses across layers:\n{}", wrong.join("\n"));
}

/// Loops among the pieces of `parent`: each child module taken with everything inside it, so
/// that `views::plans` using `app` while `app` uses `views` is a loop of `views` and `app`. A
/// parent re-exporting its child, or a child using its parent's items, is how a Rust module is
/// built and is not counted.
fn loops_under(parent: &Module, uses: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<String> {
    let depth = parent.len();
    let piece = |m: &Module| (m.len() > depth && m.starts_with(parent)).then(|| m[depth].clone());
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, targets) in uses {
        let Some(a) = piece(from) else { continue };
        for to in targets {
            if let Some(b) = piece(to).filter(|b| *b != a) {
                graph.entry(a.clone()).or_default().insert(b);
            }
        }
    }
    let mut found = Vec::new();
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<Vec<&String>> = graph[start].iter().map(|n| vec![start, n]).collect();
        while let Some(trail) = stack.pop() {
            let node = *trail.last().unwrap();
            if node == start {
                let names: Vec<String> = trail.iter().map(|p| format!("{}::{p}", parent.join("::"))).collect();
                found.push(names.join(" → "));
                break;
            }
            if seen.insert(node) {
                for next in graph.get(node).into_iter().flatten() {
                    let mut longer = trail.clone();
                    longer.push(next);
                    stack.push(longer);
                }
            }
        }
    }
    found
}

#[test]
fn no_two_desk_modules_use_each_other() {
    let all = modules();
    let uses = uses(&all);
    let loops: Vec<String> =
        all.keys().filter(|m| m.first().is_some_and(|t| t == "tui")).flat_map(|m| loops_under(m, &uses)).collect();
    assert!(loops.is_empty(), "desk modules in a loop:\n{}", loops.join("\n"));
}

#[test]
fn the_reading_of_use_trees_finds_what_a_module_names() {
    let mut out = Vec::new();
    expand("super::{msg::Msg, widgets::{list, popup as p}}", "", &mut out);
    assert_eq!(out, ["super::msg::Msg", "super::widgets::list", "super::widgets::popup"]);
    let code = "use crate::storage::{Db, plans};\nfn f() { crate::tui::app::run(); let x = super::view::X; }";
    assert_eq!(paths(code), ["crate::storage::Db", "crate::storage::plans", "crate::tui::app::run", "super::view::X"]);
}
