//! The walk-in path with the real binary in a real terminal (tmux, 80×24): a search that finds
//! no one, registration from it, the application with its full needs assessment from the card
//! (a service picked from the base into a row), the signed-paper printout sent to the print
//! command, the outcome, and the card as it reads afterwards. Waits poll the screen; the limit
//! is generous and not a speed assertion.

mod support;

use support::pty::Pane;

/// From the resident search: nobody called Maria Kowalczyk, so Ctrl-N registers her from the
/// query, with her birth date and identity document (no PESEL), and her card opens.
fn register_maria_kowalczyk(pane: &Pane) {
    pane.type_text("Kowalczyk Maria");
    pane.wait_for_all(&["Nikt nie pasuje", "zarejestruj osobę"]);
    pane.keys(&["C-n"]);
    pane.wait_for("Rejestracja mieszkańca");
    pane.keys(&["Tab", "Tab", "Tab"]);
    pane.type_text("1980-02-29");
    pane.keys(&["Tab"]);
    pane.type_text("AB1234567");
    pane.keys(&["Enter"]);
    pane.wait_for_all(&["Zarejestrowano mieszkańca", "Karta mieszkańca", "Kowalczyk Maria"]);
}

#[test]
fn search_not_found_register_apply_decide_and_the_card_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = support::centre::training_centre(dir.path());
    store
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO service (code, name, unit, updated_at, updated_by)
                     VALUES ('TAXI', 'Taxi senioralne', 'kurs', 'x', 'x')",
            )?;
            Ok(())
        })
        .unwrap();
    drop(store);
    let printed = dir.path().join("printed.pdf");
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("okienko")).unwrap();
    std::fs::write(config.join("okienko/config.toml"), format!("print_command = \"tee {}\"\n", printed.display()))
        .unwrap();
    let env = [
        ("OKIENKO_DB", db.to_str().unwrap()),
        ("OKIENKO_LOGIN", "kasia"),
        ("OKIENKO_TODAY", support::centre::TODAY),
        ("HOME", dir.path().to_str().unwrap()),
        ("XDG_CONFIG_HOME", config.to_str().unwrap()),
    ];
    let pane = Pane::start("intake", &env, env!("CARGO_BIN_EXE_okienko"));
    pane.wait_for("F2 Mieszkańcy");
    pane.keys(&["F2"]);
    pane.wait_for("W bazie: 6 mieszkańców");

    register_maria_kowalczyk(&pane);

    pane.keys(&["M-a"]);
    pane.wait_for_all(&["Wniosek i diagnoza potrzeb", "Data złożenia*"]);
    // Enter moves from field to field; the summary is the eighth field.
    pane.keys(&["Enter"; 7]);
    pane.type_text("dowozy do lekarza");
    pane.keys(&["Enter", "Enter"]);
    pane.type_text("emerytowana szwaczka");
    pane.keys(&["Enter", "Enter", "Enter"]);
    pane.type_text("1");
    pane.keys(&["Enter"; 3]);
    pane.type_text("po udarze");
    pane.keys(&["Enter"]);
    pane.type_text("mieszka sama na 3 piętrze");
    pane.keys(&["Enter"]);
    pane.type_text("transport do przychodni");
    pane.keys(&["Enter"; 7]);
    pane.type_text("tax");
    pane.keys(&["M-k"]);
    pane.wait_for_all(&["Filtr: tax", "TAXI"]);
    pane.keys(&["Enter"]);
    pane.wait_for("1.Taxi senioralne");
    pane.type_text("2");
    pane.keys(&["Enter"]);
    pane.type_text("w miesiącu");
    pane.keys(&["M-s"]);
    pane.wait_for_all(&["Zarejestrowano wniosek", "Karta mieszkańca", "[diagnoza potrzeb]", "30 dni do terminu"]);

    pane.keys(&["F9"]);
    pane.wait_for("Wysłano do druku: wniosek nr");
    let pdf = std::fs::read(&printed).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "the print command got a PDF");
    if let Ok(out) = std::process::Command::new("pdftotext").arg(&printed).arg("-").output() {
        let text = String::from_utf8_lossy(&out.stdout);
        for part in ["WNIOSEK O USŁUGI SPOŁECZNE", "INDYWIDUALNA DIAGNOZA POTRZEB", "Kowalczyk", "Taxi senioralne"] {
            assert!(text.contains(part), "{part}: {text}");
        }
    }

    pane.keys(&["M-o"]);
    pane.wait_for("Rozpatrzenie wniosku");
    pane.keys(&["Tab", "Tab"]);
    pane.type_text("Zespół Interdyscyplinarny");
    pane.keys(&["Enter"]);
    pane.wait_for("przekazanie wniosku do: Zespół Interdyscyplinarny");
    pane.keys(&["Right", "Enter"]);
    let screen = pane.wait_for("Zapisano rozstrzygnięcie wniosku");
    assert!(!screen.contains("[złożony]"), "the card is read again:\n{screen}");
    pane.keys(&["F10"]);

    let store = okienko::storage::Db::open(&db).unwrap();
    let (state, to): (String, String) = store
        .conn()
        .query_row(
            "SELECT a.state, a.forwarded_to FROM application a JOIN resident r ON r.id = a.resident_id
             WHERE r.last_name = 'Kowalczyk'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((state.as_str(), to.as_str()), ("przekazany", "Zespół Interdyscyplinarny"));
    let (needs, health, service): (String, String, String) = store
        .conn()
        .query_row(
            "SELECT n.needs, n.health, s.description || ' ' || s.quantity || ' ' || s.unit || ' ' || s.frequency
             FROM needs_assessment n JOIN assessment_service s ON s.assessment_id = n.id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (needs.as_str(), health.as_str(), service.as_str()),
        ("transport do przychodni", "po udarze", "Taxi senioralne 2 kurs w miesiącu")
    );
}

#[test]
fn f9_on_a_card_prints_the_open_application_and_what_the_print_command_writes_is_shown_in_a_popup() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = support::centre::training_centre(dir.path());
    let printed = dir.path().join("printed.pdf");
    let script = dir.path().join("lp-fake");
    std::fs::write(
        &script,
        format!("#!/bin/sh\ncat > {}\necho 'lp: printer biuro is offline, queued' >&2\n", printed.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("okienko")).unwrap();
    std::fs::write(config.join("okienko/config.toml"), format!("print_command = \"{}\"\n", script.display())).unwrap();
    let env = [
        ("OKIENKO_DB", db.to_str().unwrap()),
        ("OKIENKO_LOGIN", "ola"),
        ("OKIENKO_TODAY", support::centre::TODAY),
        ("HOME", dir.path().to_str().unwrap()),
        ("XDG_CONFIG_HOME", config.to_str().unwrap()),
    ];
    let pane = Pane::start("print-application", &env, env!("CARGO_BIN_EXE_okienko"));
    pane.wait_for("F2 Mieszkańcy");
    pane.keys(&["F2"]);
    pane.wait_for("W bazie:");
    pane.type_text("zolc");
    pane.wait_for("Żółć");
    pane.keys(&["Enter"]);
    pane.wait_for_all(&["Karta mieszkańca", "[diagnoza potrzeb]"]);
    pane.keys(&["F9"]);
    let screen = pane.wait_for_all(&[
        "Polecenie drukowania napisało",
        "printer biuro is offline",
        "Wysłano do druku: wniosek nr 1 z diagnozą potrzeb",
    ]);
    let line = screen.lines().find(|l| l.contains("printer biuro is offline")).unwrap();
    assert!(line.contains("│lp: printer"), "inside the popup's frame: {screen}");
    pane.keys(&["Escape"]);
    pane.wait_until("the popup closed", |s| !s.contains("offline") && s.contains("Karta mieszkańca"));
    pane.keys(&["F10"]);

    assert!(std::fs::read(&printed).unwrap().starts_with(b"%PDF"));
    if let Ok(out) = std::process::Command::new("pdftotext").arg(&printed).arg("-").output() {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("WNIOSEK O USŁUGI SPOŁECZNE") && text.contains("Żółć"), "{text}");
    }
    let store = okienko::storage::Db::open(&db).unwrap();
    let prints: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'print' AND login = 'ola' AND target = 'application:1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(prints, 1);
}

/// The whole walk-in as the organiser of a small centre does it alone: search, not found,
/// register, assess, qualify for one service from the card; then the card shows the service in
/// force and the service base counts the units granted.
#[test]
fn a_walk_in_registered_assessed_and_qualified_shows_on_the_card_and_in_the_base() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = support::centre::training_centre(dir.path());
    store
        .write(|tx| {
            okienko::storage::staff::add(
                tx,
                "test",
                "ewa",
                "Ewa Organizator",
                &[okienko::domain::roles::Role::Organizator, okienko::domain::roles::Role::Koordynator],
                true,
            )?;
            tx.execute_batch(
                "INSERT INTO provider (id, name, kind) VALUES (1, 'Taxi Podhale', 'firma');
                 INSERT INTO service (id, code, name, unit, updated_at, updated_by)
                     VALUES (1, 'TAXI', 'Taxi senioralne', 'kurs', 'x', 'x');
                 INSERT INTO capacity_pool (service_id, provider_id, period_kind, units_limit, valid_from,
                         updated_at, updated_by)
                     VALUES (1, 1, 'month', 30, '2026-01-01', 'x', 'x');",
            )?;
            Ok(())
        })
        .unwrap();
    drop(store);
    let config = dir.path().join("config");
    let env = [
        ("OKIENKO_DB", db.to_str().unwrap()),
        ("OKIENKO_LOGIN", "ewa"),
        ("OKIENKO_TODAY", support::centre::TODAY),
        ("HOME", dir.path().to_str().unwrap()),
        ("XDG_CONFIG_HOME", config.to_str().unwrap()),
    ];
    let pane = Pane::start("walk-in-qualified", &env, env!("CARGO_BIN_EXE_okienko"));
    pane.wait_for("F2 Mieszkańcy");
    pane.keys(&["F2"]);
    pane.wait_for("W bazie:");
    register_maria_kowalczyk(&pane);

    pane.keys(&["M-a"]);
    pane.wait_for("Wniosek i diagnoza potrzeb");
    pane.keys(&["Enter"; 7]);
    pane.type_text("dowozy do lekarza");
    pane.keys(&["Enter"; 10]);
    pane.type_text("transport do przychodni");
    pane.keys(&["M-s"]);
    pane.wait_for_all(&["Zarejestrowano wniosek", "30 dni do terminu"]);

    pane.keys(&["M-k"]);
    pane.wait_for("Taxi senioralne");
    pane.keys(&["Enter"]);
    pane.wait_for("Zakwalifikowanie do usługi bez IPUS");
    pane.type_text("Taxi Pod");
    pane.keys(&["Tab"]);
    pane.type_text("2");
    pane.keys(&["Tab", "Tab"]);
    pane.type_text("2026-11-23");
    pane.keys(&["Tab"]);
    pane.type_text("2027-05-22");
    pane.keys(&["Tab"]);
    pane.type_text("2026-11-23");
    pane.keys(&["Tab"]);
    pane.type_text("bezpłatnie");
    pane.keys(&["Enter"]);
    pane.wait_for("Maria Kowalczyk · Taxi senioralne");
    pane.keys(&["Right", "Enter"]);
    let card = pane.wait_for_all(&["Zakwalifikowano", "Karta mieszkańca", "Taxi Podhale"]);
    // November is entered on the 23rd, so the month's share is what the days left of it hold.
    assert!(card.contains("Taxi Podhale · 2 / miesiąc · w tym miesiącu 0 z 1"), "in force:\n{card}");
    let application = card.lines().find(|l| l.contains("dowozy do lekarza")).unwrap();
    assert!(!application.contains("do terminu"), "answered, so no countdown: {card}");

    pane.keys(&["F3"]);
    pane.wait_for("Baza usług");
    pane.type_text("taxi");
    let base = pane.wait_for("Taxi senioralne");
    pane.keys(&["F10"]);
    let row = base.lines().find(|l| l.contains("Taxi senioralne")).unwrap();
    let numbers: Vec<&str> = row.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).collect();
    // One person, 1 unit granted this month, none used, 29 of the pool's 30 left.
    assert_eq!(numbers, ["1", "1", "0", "29"], "{row}\n{base}");
}
