//! A centre that is not the demo, set up only through the commands the README gives: details,
//! gminas with villages and streets, the base, the programme with fees and contracts, partners,
//! meetings and volunteers. It then reaches what the demo shows: residents' gminas, fees computed
//! from the programme, reports with costs and payments, split per gmina so that the parts add up.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::cli::{ok, run as okienko};

fn sh(db: &Path, args: &[&str]) -> String {
    ok(okienko(db, args))
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&sh(db, args)).expect("JSON output")
}

/// Two gminas, Adamów by village and Nowy Targ by street, the taxi and home care services, the
/// programme with a flat fee for the taxi and income bands for care, one resident in each gmina.
fn set_up() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    let me = okienko::storage::staff::os_login();
    sh(&db, &["init", "--name", "CUS Nowy Targ"]);
    sh(&db, &["staff", "add", &me, "--role", "administrator,dyrektor,organizator,koordynator"]);
    // One person coordinates and approves here, as in the smallest centres.
    sh(&db, &["centre", "four-eyes", "off", "--reason", "jedna osoba koordynuje i zatwierdza"]);
    sh(&db, &["centre", "set", "--address", "ul. Rynek 1, 34-400 Nowy Targ", "--phone", "182661000"]);
    sh(&db, &["centre", "set", "--director", "Anna Wrona", "--regon", "123456785", "--email", "cus@nt.example.pl"]);
    sh(&db, &["gmina", "add", "--name", "Miasto Nowy Targ", "--teryt", "1211011"]);
    sh(&db, &["gmina", "add", "--name", "Gmina Adamów"]);
    sh(&db, &["gmina", "village", "--gmina", "Miasto Nowy Targ", "--village", "Nowy Targ", "--kind", "miasto"]);
    sh(&db, &["gmina", "street", "--gmina", "Miasto Nowy Targ", "--street", "ul. Kolejowa", "--postal-code", "34-400"]);
    sh(&db, &["gmina", "village", "--gmina", "Gmina Adamów", "--village", "Adamów", "--postal-code", "34-405"]);
    sh(&db, &["base", "provider", "add", "--name", "Taxi Podhale", "--kind", "firma"]);
    sh(&db, &["base", "provider", "add", "--name", "Opieka Plus", "--kind", "ngo"]);
    sh(&db, &["base", "location", "add", "--name", "Świetlica Adamów", "--village", "Adamów"]);
    sh(
        &db,
        &[
            "base",
            "service",
            "add",
            "--code",
            "TAXI",
            "--name",
            "Taxi senioralne",
            "--unit",
            "kurs",
            "--area",
            "transport",
        ],
    );
    sh(&db, &["base", "service", "add", "--code", "OPI", "--name", "Usługi opiekuńcze", "--unit", "godzina"]);
    sh(&db, &["base", "pool", "add", "TAXI", "--period", "month", "--limit", "40", "--from", "2026-01-01"]);
    sh(&db, &["base", "pool", "add", "OPI", "--period", "month", "--limit", "200", "--from", "2026-01-01"]);
    sh(
        &db,
        &[
            "programme",
            "add",
            "--name",
            "PUS Nowy Targ 2026–2027",
            "--from",
            "2026-01-01",
            "--to",
            "2027-12-31",
            "--budget",
            "500000",
            "--criterion-single",
            "1010",
            "--criterion-family",
            "823",
        ],
    );
    let pus = "PUS Nowy Targ 2026–2027";
    sh(
        &db,
        &[
            "programme",
            "resolution",
            pus,
            "--gmina",
            "Miasto Nowy Targ",
            "--number",
            "XX/200/2025",
            "--date",
            "2025-11-20",
        ],
    );
    sh(
        &db,
        &["programme", "resolution", pus, "--gmina", "Gmina Adamów", "--number", "XV/90/2025", "--date", "2025-11-28"],
    );
    sh(&db, &["programme", "service", pus, "--service", "TAXI", "--planned", "20", "--flat", "5"]);
    sh(&db, &["programme", "service", pus, "--service", "OPI", "--planned", "15", "--bands", "150:0,200:10,*:50"]);
    sh(&db, &["programme", "discount", pus, "--code", "kdr", "--name", "Karta Dużej Rodziny", "--percent-off", "50"]);
    sh(
        &db,
        &[
            "contract",
            "add",
            "--provider",
            "Taxi Podhale",
            "--service",
            "TAXI",
            "--price",
            "20",
            "--from",
            "2026-01-01",
            "--to",
            "2027-12-31",
        ],
    );
    sh(
        &db,
        &[
            "contract",
            "add",
            "--provider",
            "Opieka Plus",
            "--service",
            "OPI",
            "--price",
            "40",
            "--from",
            "2026-01-01",
            "--to",
            "2027-12-31",
        ],
    );
    sh(
        &db,
        &[
            "partner",
            "add",
            "--name",
            "Powiatowy Urząd Pracy w Nowym Targu",
            "--kind",
            "pup",
            "--handles",
            "bezrobocie",
        ],
    );
    sh(&db, &["meeting", "add", "--on", "2026-09-01", "--attended", "Anna Wrona, koordynatorzy"]);
    sh(&db, &["volunteer", "add", "--name", "Ewa Las", "--from", "2026-03-01", "--hours", "12"]);
    // A resident of Adamów (by village) and one of the town (by street and postal code).
    sh(
        &db,
        &[
            "application",
            "add",
            "--pesel",
            "44051401359",
            "--first-name",
            "Jan",
            "--last-name",
            "Gąsienica",
            "--city",
            "Adamów",
            "--postal-code",
            "34-405",
            "--house-no",
            "12",
            "--filed",
            "2026-03-02",
        ],
    );
    sh(
        &db,
        &[
            "application",
            "add",
            "--pesel",
            "52022512344",
            "--first-name",
            "Maria",
            "--last-name",
            "Bachleda",
            "--street",
            "Kolejowa",
            "--house-no",
            "3",
            "--postal-code",
            "34-400",
            "--city",
            "Nowy Targ",
            "--filed",
            "2026-03-03",
        ],
    );
    (dir, db)
}

/// A plan for one resident with one line, approved, with units used.
fn plan_with_usage(db: &Path, application: &str, service: &str, amount: &str, used: &[(&str, &str)]) -> String {
    sh(db, &["application", "assess", application, "--needs", "pomoc"]);
    let out = sh(db, &["ipus", "draft", application, "--from", "2026-04-01", "--to", "2026-12-31"]);
    let number = out.split_whitespace().find(|w| w.starts_with("IPUS/")).expect("a plan number").to_string();
    sh(
        db,
        &[
            "ipus",
            "line",
            "add",
            &number,
            "--service",
            service,
            "--amount",
            amount,
            "--per",
            "miesiąc",
            "--from",
            "2026-04-01",
            "--to",
            "2026-12-31",
            "--schedule",
            "wtorki",
            "--place",
            "dom mieszkańca",
        ],
    );
    sh(db, &["ipus", "submit", &number]);
    sh(db, &["ipus", "approve", &number]);
    let mut csv = String::from("plan_number,position,date,units,note\n");
    for (day, units) in used {
        csv.push_str(&format!("{number},1,{day},{units},\n"));
    }
    let list = db.with_file_name(format!("usage-{}.csv", number.replace('/', "-")));
    std::fs::write(&list, csv).unwrap();
    sh(db, &["usage", "import", list.to_str().unwrap()]);
    number
}

#[test]
fn the_readme_set_up_reaches_gminas_fees_and_reports() {
    let (_dir, db) = set_up();
    let gminas = sh(&db, &["gmina", "list"]);
    assert!(gminas.contains("Miasto Nowy Targ (TERYT 1211011) — mieszkańców: 1, ulic: 1"), "{gminas}");
    assert!(gminas.contains("Gmina Adamów — mieszkańców: 1"), "{gminas}");

    // Income 1800 zł alone is 178 % of the criterion: 10 % of the 40 zł contract price.
    sh(&db, &["income", "add", "--resident", "2", "--income", "1800", "--on", "2026-03-20"]);
    let fee = sh(&db, &["income", "fee", "--resident", "2", "--service", "OPI", "--on", "2026-05-04"]);
    assert!(fee.contains("4,00 zł za jednostkę") && fee.contains("próg do 200 %"), "{fee}");
    // Without a declaration the resident pays as in the highest band.
    let none = sh(&db, &["income", "fee", "--resident", "1", "--service", "OPI", "--on", "2026-05-04"]);
    assert!(none.contains("20,00 zł") && none.contains("brak ważnego oświadczenia"), "{none}");
    let taxi = sh(&db, &["income", "fee", "--resident", "1", "--service", "TAXI", "--on", "2026-05-04"]);
    assert!(taxi.contains("5,00 zł za jednostkę (opłata stała)"), "{taxi}");

    plan_with_usage(&db, "1", "TAXI", "4", &[("2026-05-04", "2"), ("2026-06-01", "3")]);
    plan_with_usage(&db, "2", "OPI", "20", &[("2026-05-04", "10")]);

    let report = json(&db, &["report", "programme", "--year", "2026", "--format", "json"]);
    assert_eq!(report["name"], "PUS Nowy Targ 2026–2027");
    assert_eq!(report["budget_grosze"], 50_000_000);
    // Cost: 5 rides at 20 zł and 10 hours at 40 zł; payments: 5 × 5 zł and 10 × 4 zł.
    assert_eq!(report["total_cost_grosze"], 5 * 2_000 + 10 * 4_000);
    assert_eq!(report["total_payments_grosze"], 5 * 500 + 10 * 400);
    let may = report["months"].as_array().unwrap().iter().find(|m| m["month"] == "2026-05").cloned().unwrap();
    assert_eq!(may["spent_grosze"], 2 * 2_000 + 10 * 4_000);
    assert_eq!(may["committed_grosze"], 4 * 2_000 + 20 * 4_000);
}

#[test]
fn the_printed_plan_gives_each_line_the_fee_the_programme_sets_for_the_resident() {
    let (dir, db) = set_up();
    sh(&db, &["income", "add", "--resident", "2", "--income", "1800", "--on", "2026-03-20"]);
    let care = plan_with_usage(&db, "2", "OPI", "20", &[]);
    let taxi = plan_with_usage(&db, "1", "TAXI", "4", &[]);
    // Section C's last column, "Odpłatność", its wrapped cell lines read as one text.
    let fee_column = |number: &str| {
        let file = dir.path().join(format!("{}.txt", number.replace('/', "-")));
        sh(&db, &["ipus", "export", number, "--text", file.to_str().unwrap()]);
        let text = std::fs::read_to_string(&file).unwrap();
        let cells: Vec<&str> = text
            .lines()
            .map(|l| l.split('|').collect::<Vec<_>>())
            .filter(|cells| cells.len() == 6)
            .map(|cells| cells[4].trim())
            .filter(|cell| !cell.is_empty())
            .collect();
        cells.join(" ")
    };
    assert_eq!(
        fee_column(&care),
        "Odpłatność 4,00 zł za jednostkę (dochód 178 % kryterium, próg do 200 %: 10 % ceny)",
        "10 % of the 40 zł contract price by the declared income"
    );
    assert_eq!(fee_column(&taxi), "Odpłatność 5,00 zł za jednostkę (opłata stała)");
}

#[test]
fn every_report_read_per_gmina_adds_up_to_the_centre() {
    let (_dir, db) = set_up();
    plan_with_usage(&db, "1", "TAXI", "4", &[("2026-05-04", "2")]);
    plan_with_usage(&db, "2", "OPI", "20", &[("2026-05-04", "10")]);
    let total = json(&db, &["report", "programme", "--year", "2026", "--format", "json"]);
    let parts = json(&db, &["report", "programme", "--year", "2026", "--format", "json", "--by-gmina"]);
    let parts = parts.as_array().expect("one report per gmina");
    assert_eq!(parts.len(), 3, "two gminas and residents of none");
    for field in ["total_cost_grosze", "total_payments_grosze"] {
        let sum: i64 = parts.iter().map(|p| p["report"][field].as_i64().unwrap()).sum();
        assert_eq!(sum, total[field].as_i64().unwrap(), "{field}");
    }
    let adamow = parts.iter().find(|p| p["gmina"] == "Gmina Adamów").unwrap();
    assert_eq!(adamow["report"]["total_cost_grosze"], 2 * 2_000, "only the taxi rides of Adamów");

    let summary = json(&db, &["report", "summary", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "json"]);
    let split = json(
        &db,
        &["report", "summary", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "json", "--by-gmina"],
    );
    // Units granted in the half-year: 4 rides a month and 20 hours a month, April to June.
    let granted =
        |v: &Value| -> i64 { v["services"].as_array().unwrap().iter().map(|f| f["granted"].as_i64().unwrap()).sum() };
    let split_granted: i64 = split.as_array().unwrap().iter().map(|p| granted(&p["report"])).sum();
    assert_eq!(granted(&summary), 3 * 4 + 3 * 20);
    assert_eq!(split_granted, granted(&summary));

    let one = json(
        &db,
        &[
            "report",
            "summary",
            "--from",
            "2026-01-01",
            "--to",
            "2026-06-30",
            "--format",
            "json",
            "--gmina",
            "Miasto Nowy Targ",
        ],
    );
    assert_eq!(granted(&one), 3 * 20, "only the care hours of the town");
}

#[test]
fn a_forwarded_application_is_a_referral_to_the_partner() {
    let (_dir, db) = set_up();
    sh(&db, &["application", "forward", "1", "--to", "Powiatowy Urząd Pracy w Nowym Targu", "--reason", "szkolenia"]);
    let referrals = sh(&db, &["partner", "referrals"]);
    assert!(
        referrals.contains("Powiatowy Urząd Pracy w Nowym Targu (mieszkaniec nr 1): wniosek nr 1: szkolenia"),
        "{referrals}"
    );
    let list = sh(&db, &["partner", "list"]);
    assert!(list.contains("(skierowań: 1)"), "{list}");
}

#[test]
fn a_service_limited_to_one_gmina_is_refused_to_the_other() {
    let (_dir, db) = set_up();
    sh(&db, &["gmina", "limit", "--service", "TAXI", "--gmina", "Miasto Nowy Targ"]);
    sh(&db, &["application", "assess", "1", "--needs", "dojazdy"]);
    let out = sh(&db, &["ipus", "draft", "1", "--from", "2026-04-01", "--to", "2026-12-31"]);
    let number = out.split_whitespace().find(|w| w.starts_with("IPUS/")).unwrap().to_string();
    // While drafting it is a warning, as for a suspended service; the submission is refused.
    let added = sh(
        &db,
        &[
            "ipus",
            "line",
            "add",
            &number,
            "--service",
            "TAXI",
            "--amount",
            "2",
            "--per",
            "miesiąc",
            "--from",
            "2026-04-01",
            "--to",
            "2026-12-31",
            "--schedule",
            "wtorki",
            "--place",
            "dom mieszkańca",
        ],
    );
    assert!(added.contains("tylko dla mieszkańców gmin: Miasto Nowy Targ"), "{added}");
    let refused = okienko(&db, &["ipus", "submit", &number]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("Miasto Nowy Targ"), "{err}");
}

#[test]
fn set_up_options_are_checked_naming_the_option() {
    let (_dir, db) = set_up();
    for (args, field) in [
        (vec!["centre", "set", "--regon", "123456786"], "--regon"),
        (vec!["gmina", "add", "--name", "X", "--teryt", "12"], "--teryt"),
        (
            vec!["programme", "service", "PUS Nowy Targ 2026–2027", "--service", "OPI", "--bands", "200:10,150:0"],
            "--bands",
        ),
        (vec!["programme", "edit", "PUS Nowy Targ 2026–2027", "--to", "2025-01-01"], "--to"),
        (vec!["income", "add", "--resident", "1", "--income", "900", "--category", "emeryt"], "--category"),
    ] {
        let out = okienko(&db, &args);
        assert!(!out.status.success(), "{args:?} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(field), "{args:?}: {err}");
    }
}
