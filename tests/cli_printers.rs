//! Printers of the command line that people read: the audit log and the needs assessment of an
//! application, in words, local time and names; JSON keeps what is stored.

mod support;

use std::path::{Path, PathBuf};
use support::cli::{command, ok, run};

struct Centre {
    dir: tempfile::TempDir,
    db: PathBuf,
}

fn demo() -> Centre {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    ok(run(&db, &["demo", "--residents", "50"]));
    Centre { dir, db }
}

fn in_zone(db: &Path, zone: &str, args: &[&str]) -> String {
    ok(command(db, args).env("TZ", zone).output().unwrap())
}

/// An entry of the demo's log written by a person with a name: id, login, name, stored stamp,
/// stored action and target.
fn named_entry(db: &Path) -> (i64, String, String, String, String, String) {
    okienko::storage::Db::open(db)
        .unwrap()
        .conn()
        .query_row(
            "SELECT a.id, a.login, s.full_name, a.at, a.action, a.target FROM audit_log a
             JOIN staff s ON s.login = a.login
             WHERE s.full_name <> '' AND a.target LIKE 'waitlist:%' ORDER BY a.id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .unwrap()
}

#[test]
fn the_audit_log_reads_in_words_local_time_and_names() {
    let c = demo();
    let (id, login, name, stamp, action, target) = named_entry(&c.db);
    assert_eq!(action, "create");
    let number = target.strip_prefix("waitlist:").unwrap();
    // Five hours east of UTC, so the local stamp differs from the stored one whatever the hour.
    let local = chrono::DateTime::parse_from_rfc3339(&stamp).unwrap().naive_utc() + chrono::Duration::hours(5);
    let text = in_zone(&c.db, "Etc/GMT-5", &["audit", "show", "--limit", "5000"]);
    let line = text
        .lines()
        .find(|l| l.split_whitespace().next() == Some(&id.to_string()))
        .unwrap_or_else(|| panic!("entry {id} missing:\n{text}"));
    assert!(line.contains(&local.format("%Y-%m-%d %H:%M").to_string()), "local time: {line}");
    assert!(line.contains(&format!("{name} ({login})")), "the name: {line}");
    assert!(line.contains(&format!("utworzenie: wpis na liście oczekujących nr {number}")), "words: {line}");
    assert!(line.contains(", dane mieszkańca nr "), "whose data: {line}");
    for code in [&stamp, &target, &format!(" {action} ")] {
        assert!(!line.contains(code.as_str()), "{code:?} as stored: {line}");
    }

    let english = in_zone(&c.db, "Etc/GMT-5", &["--lang", "en", "audit", "show", "--limit", "5000"]);
    let line = english.lines().find(|l| l.split_whitespace().next() == Some(&id.to_string())).unwrap();
    assert!(line.contains(&format!("created: waiting-list entry no. {number}, data of resident no. ")), "{line}");

    ok(run(&c.db, &["report", "summary", "--from", "2026-01-01", "--to", "2026-06-30"]));
    let text = ok(run(&c.db, &["audit", "show", "--limit", "1"]));
    assert!(text.contains("eksport: raport półroczny (art. 46)"), "a report by its name: {text}");

    let json = in_zone(&c.db, "Etc/GMT-5", &["audit", "show", "--limit", "5000", "--json"]);
    assert!(json.contains(&format!("\"target\": \"{target}\"")), "JSON keeps the target code");
    assert!(json.contains(&stamp), "JSON keeps the stored stamp");
    assert!(json.contains(&format!("\"login\": \"{login}\"")), "JSON keeps the login");
}

#[test]
fn checking_the_audit_log_speaks_the_chosen_language() {
    let c = demo();
    let polish = ok(run(&c.db, &["audit", "verify"]));
    assert!(polish.starts_with("Dziennik zdarzeń nienaruszony: "), "{polish}");
    let english = ok(run(&c.db, &["--lang", "en", "audit", "verify"]));
    assert!(english.starts_with("The audit log is intact: ") && english.trim_end().ends_with("entries"), "{english}");
}

#[test]
fn the_needs_assessment_names_only_what_was_filled_in() {
    let c = demo();
    let added = ok(run(&c.db, &["application", "add", "--resident", "1"]));
    let id = added.split("nr ").nth(1).unwrap().split(' ').next().unwrap().to_string();
    ok(run(
        &c.db,
        &[
            "application",
            "assess",
            &id,
            "--needs",
            "dojazdy do lekarza",
            "--wants",
            "Taksówka; przejazd; 2; miesięcznie",
            "--uses",
            "rehabilitacja NFZ",
        ],
    ));
    let show = ok(run(&c.db, &["application", "show", &id]));
    assert!(show.contains("  oczekiwana: Taksówka — 2 × przejazd, miesięcznie\n"), "{show}");
    assert!(show.contains("  używana teraz: rehabilitacja NFZ\n"), "no empty parts: {show}");
}

#[test]
fn the_opening_summary_names_the_person_and_their_roles_in_words() {
    let c = demo();
    let out = command(&c.db, &["--lang", "en"]).env("OKIENKO_LOGIN", "kmazur").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Logged in: Katarzyna Mazur (kmazur); roles: coordinator"), "{text}");
    assert!(!text.contains("koordynator"), "{text}");
}

#[test]
fn find_heads_its_columns_in_the_chosen_language() {
    let c = demo();
    let english = ok(run(&c.db, &["--lang", "en", "find", "a"]));
    assert!(english.starts_with("SURNAME AND NAME") && english.lines().next().unwrap().ends_with("PHONE"), "{english}");
    let polish = ok(run(&c.db, &["find", "a"]));
    assert!(polish.starts_with("NAZWISKO I IMIĘ"), "{polish}");
}

#[test]
fn a_refused_follow_up_says_why_once() {
    let c = demo();
    let (number, ended): (String, String) = okienko::storage::Db::open(&c.db)
        .unwrap()
        .conn()
        .query_row(
            "SELECT number, ended_on FROM plan WHERE ended_on IS NOT NULL AND follow_up_on IS NULL LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let out = run(&c.db, &["ipus", "follow-up", &number, "--on", &ended]);
    assert!(!out.status.success(), "a follow-up on the day the plan ended is refused");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("musi być po końcu planu").count(), 1, "{err}");
    assert!(err.starts_with("okienko: data monitoringu: "), "{err}");
}

#[test]
fn the_waiting_list_keeps_its_columns_under_english_headings() {
    let c = demo();
    let service: String = okienko::storage::Db::open(&c.db)
        .unwrap()
        .conn()
        .query_row("SELECT s.code FROM waitlist_entry w JOIN service s ON s.id = w.service_id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    for lang in ["pl", "en"] {
        let text = ok(run(&c.db, &["--lang", lang, "waitlist", "list", &service]));
        let mut lines = text.lines();
        let heading = lines.next().unwrap();
        let row = lines.next().unwrap();
        // Right-aligned numbers end where their heading ends: entry, application, days, units.
        let ends = |line: &str| -> Vec<usize> {
            let mut ends = Vec::new();
            let chars: Vec<char> = line.chars().collect();
            for i in 0..chars.len() {
                if chars[i] != ' ' && chars.get(i + 1).is_none_or(|c| *c == ' ') {
                    ends.push(i);
                }
            }
            ends
        };
        let (h, r) = (ends(heading), ends(row));
        for column in [1, 2] {
            assert!(r.contains(&h[column]), "{lang}: column {column} of\n{heading}\n{row}");
        }
        assert_eq!(h.last(), r.last(), "{lang}: the units column\n{heading}\n{row}");
    }
}

#[test]
fn a_comparison_of_versions_speaks_the_chosen_language() {
    let c = demo();
    let (number, code, amount, per, from, to): (String, String, i64, String, String, String) =
        okienko::storage::Db::open(&c.db)
            .unwrap()
            .conn()
            .query_row(
                "SELECT p.number, s.code, l.amount, l.per, l.starts_on, l.ends_on FROM plan p
                 JOIN plan_version v ON v.plan_id = p.id JOIN plan_line l ON l.version_id = v.id
                 JOIN service s ON s.id = l.service_id
                 WHERE v.state = 'zatwierdzony' AND p.ended_on IS NULL AND l.position = 1 AND l.cap_amount IS NULL
                   AND l.per = 'month' AND l.resigned_on IS NULL
                   AND NOT EXISTS (SELECT 1 FROM plan_version w WHERE w.plan_id = p.id AND w.version > v.version)
                 ORDER BY p.id LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .unwrap();
    let version = |text: &str| text.split("wersja ").nth(1).unwrap().split(' ').next().unwrap().to_string();
    let draft = version(&ok(run(&c.db, &["ipus", "update", &number])));
    ok(run(&c.db, &["ipus", "line", "remove", &number, "1"]));
    let more = (amount + 1).to_string();
    ok(run(
        &c.db,
        &[
            "ipus",
            "line",
            "add",
            &number,
            "--service",
            &code,
            "--amount",
            &more,
            "--per",
            &per,
            "--from",
            &from,
            "--to",
            &to,
        ],
    ));
    let old = (draft.parse::<u32>().unwrap() - 1).to_string();
    let english = ok(run(&c.db, &["--lang", "en", "ipus", "diff", &number, &old, &draft]));
    assert!(english.contains(&format!("amount \"{amount} / month\" → \"{more} / month\"")), "{english}");
    assert!(english.starts_with("changed the service "), "{english}");
    let polish = ok(run(&c.db, &["ipus", "diff", &number, &old, &draft]));
    assert!(polish.contains(&format!("ilość „{amount} / miesiąc” → „{more} / miesiąc”")), "{polish}");
    assert!(polish.starts_with("zmieniono usługę "), "{polish}");
}

#[test]
fn a_backup_reports_itself_in_the_chosen_language() {
    let c = demo();
    let copy = c.dir.path().join("copy.db");
    let english = ok(run(&c.db, &["--lang", "en", "backup", copy.to_str().unwrap()]));
    assert_eq!(english.trim(), format!("Backup written: {}", copy.display()));
}

#[test]
fn a_services_last_change_names_who_made_it_once_in_local_time() {
    let c = demo();
    let me = okienko::storage::staff::os_login();
    ok(run(&c.db, &["staff", "add", &me, "--role", "administrator,organizator", "--name", "Ewa Tester"]));
    ok(run(&c.db, &["base", "suspend", "TAXI"]));
    let stamp: String = okienko::storage::Db::open(&c.db)
        .unwrap()
        .conn()
        .query_row("SELECT updated_at FROM service WHERE code = 'TAXI'", [], |r| r.get(0))
        .unwrap();
    let local = chrono::DateTime::parse_from_rfc3339(&stamp).unwrap().naive_utc() + chrono::Duration::hours(5);
    let show = in_zone(&c.db, "Etc/GMT-5", &["base", "show", "TAXI"]);
    let expected = format!("Ostatnia zmiana: {} — Ewa Tester ({me})", local.format("%Y-%m-%d %H:%M"));
    assert!(show.contains(&expected), "expected {expected:?} in\n{show}");
}

#[test]
fn an_applicant_without_a_phone_or_email_is_named_alone() {
    let c = demo();
    let added = ok(run(
        &c.db,
        &[
            "application",
            "add",
            "--resident",
            "1",
            "--applicant",
            "opiekun_faktyczny",
            "--applicant-name",
            "Anna Nowak",
        ],
    ));
    let id = added.split("nr ").nth(1).unwrap().split(' ').next().unwrap().to_string();
    let show = ok(run(&c.db, &["application", "show", &id]));
    assert!(show.contains("\n  Anna Nowak\n"), "{show}");
}
