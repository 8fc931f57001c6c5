//! The command line of issue 11 on the real binary: `application qualify` and `refuse`,
//! `waitlist add|list|leave`, `ipus approve --queue-reason` and `base show --json` with the pools
//! per provider and the waiting list in order.

mod support;

use rusqlite::params;
use support::base::{centre, okienko, text};

/// Care (OPI) pooled per provider, 10 h a month each; three applications filed in order.
fn setup() -> support::base::Centre {
    let c = centre();
    c.db.conn()
        .execute_batch(
            "INSERT INTO provider (id, name, kind) VALUES (1, 'Caritas', 'ngo'), (2, 'Opiekunki', 'firma');
             INSERT INTO service (id, code, name, unit, updated_at, updated_by)
                 VALUES (1, 'OPI', 'Usługi opiekuńcze', 'godzina', 'x', 'x');
             INSERT INTO capacity_pool (service_id, provider_id, period_kind, units_limit, valid_from, updated_at, updated_by)
                 VALUES (1, 1, 'month', 10, '2026-01-01', 'x', 'x'), (1, 2, 'month', 10, '2026-01-01', 'x', 'x');",
        )
        .unwrap();
    for (i, (name, filed)) in [("Zofia", "2026-09-01"), ("Jan", "2026-10-01"), ("Ewa", "2026-11-01")].iter().enumerate()
    {
        c.db.conn()
            .execute(
                "INSERT INTO resident (id, first_name, last_name, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, 'Nowak', 'x', 'x', 'x')",
                params![i as i64 + 1, name],
            )
            .unwrap();
        c.db.conn()
            .execute(
                "INSERT INTO application (id, resident_id, filed_on, applicant_kind, created_at, created_by)
                 VALUES (?1, ?1, ?2, 'mieszkaniec', 'x', 'x')",
                params![i as i64 + 1, filed],
            )
            .unwrap();
    }
    c
}

fn qualify(c: &support::base::Centre, app: &str, provider: &str, amount: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "application",
        "qualify",
        app,
        "--service",
        "OPI",
        "--amount",
        amount,
        "--per",
        "month",
        "--from",
        "2026-11-01",
        "--to",
        "2027-01-31",
        "--provider",
        provider,
        "--declaration",
        "2026-11-01",
        "--fee-note",
        "bezpłatnie",
    ];
    args.extend_from_slice(extra);
    okienko(&c.path, "org", &args)
}

#[test]
fn a_qualification_on_the_command_line_draws_on_the_providers_pool_and_shows_in_base_show() {
    let c = setup();
    let out = qualify(&c, "3", "Caritas", "8", &[]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(text(&out).0.contains("Zakwalifikowano"), "{}", text(&out).0);
    let out = okienko(&c.path, "org", &["base", "show", "OPI", "--json", "--date", "2026-11-23"]);
    let json: serde_json::Value = serde_json::from_str(&text(&out).0).unwrap();
    let pools = json["row"]["pools"].as_array().unwrap();
    let granted: Vec<(String, i64)> = pools
        .iter()
        .map(|p| (p["provider"].as_str().unwrap_or("").to_string(), p["current"]["granted"].as_i64().unwrap()))
        .collect();
    assert_eq!(granted, [("Caritas".to_string(), 8), ("Opiekunki".to_string(), 0)]);
    // Not more than Caritas has left; the refusal says how to join the waiting list.
    let out = qualify(&c, "2", "Caritas", "3", &[]);
    let err = text(&out).1;
    assert!(!out.status.success() && err.contains("pozostało 2") && err.contains("waitlist add 2"), "{err}");
}

#[test]
fn usage_is_recorded_against_a_qualification_by_its_number_on_the_command_line_and_in_the_list() {
    let c = setup();
    assert!(qualify(&c, "3", "Caritas", "8", &[]).status.success());
    let id: i64 = c.db.conn().query_row("SELECT id FROM qualification", [], |r| r.get(0)).unwrap();
    let id = id.to_string();
    let record = |units: &str| {
        okienko(
            &c.path,
            "koord",
            &["usage", "record", "--qualification", &id, "--date", "2026-11-05", "--units", units],
        )
    };
    let out = record("5");
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(text(&out).0.contains(&format!("zakwalifikowanie nr {id}")), "{}", text(&out).0);
    let out = record("4");
    assert!(!out.status.success() && text(&out).1.contains("zakwalifikowanie"), "{}", text(&out).1);
    let out = okienko(
        &c.path,
        "koord",
        &["usage", "record", "IPUS/1/2026", "1", "--qualification", &id, "--date", "2026-11-05", "--units", "1"],
    );
    assert!(!out.status.success(), "a plan line and a qualification at once");
    let out = okienko(&c.path, "koord", &["usage", "record", "--date", "2026-11-05", "--units", "1"]);
    assert!(text(&out).1.contains("--qualification"), "{}", text(&out).1);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lista.csv");
    std::fs::write(
        &file,
        format!(
            "plan_number,position,date,units,note,qualification\n,,2026-11-06,2,,{id}\n,,2026-11-07,2,,{id}\nIPUS/1/2026,1,2026-11-07,1,,{id}\n"
        ),
    )
    .unwrap();
    let out = okienko(&c.path, "koord", &["usage", "import", file.to_str().unwrap()]);
    let said = text(&out).0;
    assert!(said.contains("Przyjęto: 1") && said.contains("wiersz 3") && said.contains("wiersz 4"), "{said}");
    let used: i64 =
        c.db.conn()
            .query_row("SELECT sum(units) FROM usage_record WHERE qualification_id = ?1", [&id], |r| r.get(0))
            .unwrap();
    assert_eq!(used, 7);
    let out = okienko(&c.path, "org", &["base", "show", "OPI", "--json", "--date", "2026-11-23"]);
    let json: serde_json::Value = serde_json::from_str(&text(&out).0).unwrap();
    assert_eq!(json["row"]["used"].as_i64(), Some(7), "{json}");
}

#[test]
fn the_waiting_list_on_the_command_line_is_in_filing_order_and_is_honoured() {
    let c = setup();
    for (app, units) in [("2", "4"), ("1", "4")] {
        let out = okienko(&c.path, "koord", &["waitlist", "add", app, "--service", "OPI", "--units", units]);
        assert!(out.status.success(), "{}", text(&out).1);
    }
    let out = okienko(&c.path, "koord", &["waitlist", "list", "OPI", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&text(&out).0).unwrap();
    let order: Vec<i64> = list.as_array().unwrap().iter().map(|e| e["application_id"].as_i64().unwrap()).collect();
    assert_eq!(order, [1, 2], "Zofia filed first");
    assert_eq!(list[0]["days_waited"].as_i64(), Some(83));
    let out = okienko(&c.path, "org", &["base", "show", "OPI", "--json", "--date", "2026-11-23"]);
    let json: serde_json::Value = serde_json::from_str(&text(&out).0).unwrap();
    let names: Vec<&str> =
        json["waiting_list"].as_array().unwrap().iter().map(|w| w["resident_name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Zofia Nowak", "Jan Nowak"]);
    // Ewa filed later: refused, then granted with a reason.
    let out = qualify(&c, "3", "Opiekunki", "2", &[]);
    let err = text(&out).1;
    assert!(!out.status.success() && err.contains("Zofia Nowak") && err.contains("--queue-reason"), "{err}");
    let out = qualify(&c, "3", "Opiekunki", "2", &["--queue-reason", "opieka po wypisie ze szpitala"]);
    assert!(out.status.success(), "{}", text(&out).1);
    // Zofia is granted and leaves the list as granted; Jan moves away.
    assert!(qualify(&c, "1", "Caritas", "4", &[]).status.success());
    let entry: i64 = c
        .db
        .conn()
        .query_row("SELECT id FROM waitlist_entry WHERE application_id = 2 AND resolved_at IS NULL", [], |r| r.get(0))
        .unwrap();
    let out = okienko(&c.path, "koord", &["waitlist", "leave", &entry.to_string(), "--reason", "wyprowadzka"]);
    assert!(out.status.success(), "{}", text(&out).1);
    let out = okienko(&c.path, "koord", &["waitlist", "list", "OPI"]);
    assert!(text(&out).0.contains("Nikt nie czeka"), "{}", text(&out).0);
    let out = okienko(&c.path, "koord", &["waitlist", "list", "OPI", "--all", "--json"]);
    let all: serde_json::Value = serde_json::from_str(&text(&out).0).unwrap();
    let reasons: Vec<&str> = all.as_array().unwrap().iter().map(|e| e["left"][1].as_str().unwrap()).collect();
    assert_eq!(reasons, ["granted", "moved_away"]);
    let out = okienko(&c.path, "koord", &["waitlist", "leave", &entry.to_string(), "--reason", "gdzieś"]);
    assert!(text(&out).1.contains("--reason"), "{}", text(&out).1);
}

#[test]
fn a_refusal_on_the_command_line_prints_the_appeal_deadline() {
    let c = setup();
    let args = [
        "application",
        "refuse",
        "1",
        "--decision",
        "CUS.4011.9.2026",
        "--date",
        "2026-11-20",
        "--service",
        "OPI",
        "--grounds",
        "brak spełnienia warunków programu",
    ];
    let out = okienko(&c.path, "org", &args);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(text(&out).0.contains("odwołanie do 2026-12-04"), "{}", text(&out).0);
    let out = okienko(&c.path, "rec", &args);
    assert!(!out.status.success(), "the front desk does not issue the decision");
}
