//! Keymap files: the shipped ones load, and every kind of mistake is refused with the file, the
//! line and what is wrong — by `okienko keymap check` and by the desk at start.

use okienko::tui::keymap::{Keymap, parse_file};
use std::path::{Path, PathBuf};
use std::process::Command;

fn okienko(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_okienko"))
        .args(args)
        .env_remove("OKIENKO_DB")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// Each invalid file says in its first line which line is wrong: `# expect line N: why`.
fn expected_line(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let first = text.lines().next().unwrap_or_default();
    let n = first.strip_prefix("# expect line ").and_then(|rest| rest.split(':').next());
    n.and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{}: first line must be '# expect line N: …'", path.display()))
}

fn invalid_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_keymaps");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "one file per kind of mistake");
    files
}

#[test]
fn every_invalid_keymap_is_refused_naming_the_file_and_line() {
    for path in invalid_files() {
        let line = expected_line(&path);
        let err = parse_file(&path).expect_err(&path.display().to_string());
        assert_eq!(err.line, line, "{}: {err}", path.display());
        let message = err.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains(&format!("wiersz {line}:")), "{message}");
    }
}

#[test]
fn keymap_check_refuses_each_invalid_file_with_its_line() {
    for path in invalid_files() {
        let relative = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().display().to_string();
        let out = okienko(&["keymap", "check", &relative]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{relative}: {stderr}");
        assert!(stderr.contains(&format!("{relative}, wiersz {}:", expected_line(&path))), "{stderr}");
    }
}

#[test]
fn keymap_check_accepts_the_shipped_keymaps() {
    for file in ["keymaps/default.toml", "keymaps/vim.toml"] {
        let out = okienko(&["keymap", "check", file]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("poprawny"));
    }
}

#[test]
fn messages_in_english_with_lang_en() {
    let out = okienko(&["--lang", "en", "keymap", "check", "tests/invalid_keymaps/unknown_action.toml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 4: unknown action \"qiut\""), "{stderr}");
}

#[test]
fn the_desk_refuses_to_start_with_a_broken_keymap() {
    let settings = okienko::settings::Settings {
        keymap: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_keymaps/unknown_key.toml")),
        ..Default::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    let err = okienko::tui::DeskOptions::new(&settings, today, false).unwrap_err().to_string();
    assert!(err.contains("unknown_key.toml, wiersz 3: nieznany klawisz \"F13\""), "{err}");
}

#[test]
fn an_overlay_changes_keys_and_the_hints_follow() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keymap.toml");
    std::fs::write(&path, "[global]\nF12 = \"quit\"\n").unwrap();
    let keymap = Keymap::load(Some(&path)).unwrap();
    use okienko::tui::action::Action;
    use okienko::tui::keymap::Context;
    assert_eq!(keymap.keys_for(&[Context::Global], Action::Quit, false), ["F10", "Ctrl-Q", "F12"]);
}
