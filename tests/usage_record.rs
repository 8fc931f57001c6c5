//! Recording delivered units and importing providers' lists.

mod support;

use okienko::domain::period::PeriodKind;
use support::base::{add_line, centre, d, okienko, text};

/// A centre where plan IPUS/1/2026 grants senior taxi 2 rides a month, at most 6 a year.
fn taxi_plan() -> (support::base::Centre, i64) {
    let mut c = centre();
    let taxi = c.service("TAXI", "Taxi senioralne", "kurs");
    c.pool(taxi, PeriodKind::Month, 10, "2026-01-01");
    let line = c.line(taxi, 2, "month", Some((6, "year")), "2026-01-01", "2026-12-31");
    (c, line)
}

fn used(c: &support::base::Centre) -> i64 {
    c.db.conn().query_row("SELECT coalesce(sum(units), 0) FROM usage_record", [], |r| r.get(0)).unwrap()
}

#[test]
fn records_usage_within_the_grant() {
    let (c, _) = taxi_plan();
    let out = okienko(
        &c.path,
        "koord",
        &["usage", "record", "IPUS/1/2026", "1", "--date", "2026-11-03", "--units", "2", "--note", "wizyta u lekarza"],
    );
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(text(&out).0.contains("IPUS/1/2026 poz. 1 (Taxi senioralne)"), "{}", text(&out).0);
    let row = &okienko::storage::base::table(c.db.conn(), d("2026-11-23"), None).unwrap()[0];
    assert_eq!(row.used, 2);
    let audit = okienko::storage::audit::entries(c.db.conn(), None, Some("koord"), 5).unwrap();
    assert!(audit.iter().any(|e| e.target.starts_with("usage:") && e.resident_id.is_some()), "{audit:?}");
}

#[test]
fn refuses_usage_beyond_the_granted_amount_naming_the_plan_and_period() {
    let (c, _) = taxi_plan();
    assert!(
        okienko(&c.path, "koord", &["usage", "record", "IPUS/1/2026", "1", "--date", "2026-11-03", "--units", "2"])
            .status
            .success()
    );
    let out =
        okienko(&c.path, "koord", &["usage", "record", "IPUS/1/2026", "1", "--date", "2026-11-20", "--units", "1"]);
    assert!(!out.status.success());
    let err = text(&out).1;
    assert!(err.contains("IPUS/1/2026") && err.contains("2026-11-01 – 2026-11-30"), "{err}");
    assert!(err.contains("przyznaje 2, wykorzystano już 2"), "{err}");
    assert_eq!(used(&c), 2);
}

#[test]
fn refuses_usage_outside_the_line_or_on_a_draft() {
    let (c, _) = taxi_plan();
    let out =
        okienko(&c.path, "koord", &["usage", "record", "IPUS/1/2026", "1", "--date", "2025-12-20", "--units", "1"]);
    assert!(text(&out).1.contains("poza okresem usługi"), "{}", text(&out).1);
    add_line(c.db.conn(), 1, (2, "month", None, "2026-01-01", "2026-12-31"), "szkic");
    let out =
        okienko(&c.path, "koord", &["usage", "record", "IPUS/2/2026", "1", "--date", "2026-11-05", "--units", "1"]);
    assert!(text(&out).1.contains("zatwierdzony plan o numerze IPUS/2/2026"), "{}", text(&out).1);
    let out =
        okienko(&c.path, "koord", &["usage", "record", "IPUS/1/2026", "2", "--date", "2026-11-05", "--units", "1"]);
    assert!(text(&out).1.contains("pozycja 2 w zatwierdzonym planie IPUS/1/2026"), "{}", text(&out).1);
    let out = okienko(&c.path, "rec", &["usage", "record", "IPUS/1/2026", "1", "--date", "2026-11-05", "--units", "1"]);
    assert!(text(&out).1.contains("brak uprawnień"), "{}", text(&out).1);
    assert_eq!(used(&c), 0);
}

fn write_csv(c: &support::base::Centre, body: &str) -> std::path::PathBuf {
    let path = c.dir.path().join("listopad.csv");
    std::fs::write(&path, format!("plan_number,position,date,units,note\n{body}")).unwrap();
    path
}

#[test]
fn imports_a_providers_list_reporting_refused_rows_and_adds_nothing_on_rerun() {
    let (c, _) = taxi_plan();
    let file = write_csv(
        &c,
        "IPUS/1/2026,1,2026-10-02,1,\n\
         IPUS/1/2026,1,2026-10-02,1,\n\
         IPUS/1/2026,1,2026-10-20,1,trzeci kurs\n\
         IPUS/9/2026,1,2026-10-05,1,\n\
         IPUS/1/2026,2,2026-10-05,1,\n\
         IPUS/1/2026,1,2026-13-05,1,\n\
         IPUS/1/2026,1,2026-11-05,zero,\n\
         IPUS/1/2026,1,2026-11-05,2,\n",
    );
    let file = file.to_str().unwrap();
    let out = okienko(&c.path, "koord", &["usage", "import", file]);
    let (stdout, _) = text(&out);
    assert!(!out.status.success(), "rows were refused");
    assert!(stdout.contains("Przyjęto: 3, pominięto (już wczytane): 0, odrzucono 5 wierszy"), "{stdout}");
    assert!(stdout.contains("wiersz 3: powtarza wiersz 2 tego pliku"), "a copied row: {stdout}");
    assert!(stdout.contains("wiersz 5: nie znaleziono: zatwierdzony plan o numerze IPUS/9/2026"), "{stdout}");
    assert!(stdout.contains("wiersz 6: nie znaleziono: pozycja 2"), "{stdout}");
    assert!(stdout.contains("wiersz 7: date:"), "{stdout}");
    assert!(stdout.contains("wiersz 8: units:"), "{stdout}");
    assert_eq!(used(&c), 4, "rows 2, 4 and the last one");

    let again = okienko(&c.path, "koord", &["usage", "import", file]);
    assert!(
        text(&again).0.contains("Przyjęto: 0, pominięto (już wczytane): 3, odrzucono 5 wierszy"),
        "{}",
        text(&again).0
    );
    assert_eq!(used(&c), 4);
}

#[test]
fn a_clean_list_imports_whole_and_says_so() {
    let (c, _) = taxi_plan();
    let file = write_csv(&c, "IPUS/1/2026,1,2026-01-10,2,\nIPUS/1/2026,1,2026-02-10,2,\n");
    let out = okienko(&c.path, "koord", &["usage", "import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(used(&c), 4);
}

#[test]
fn a_list_saved_by_polish_excel_imports_and_says_how_it_was_read() {
    let (c, _) = taxi_plan();
    let path = c.dir.path().join("excel.csv");
    let body = "plan_number;position;date;units;note\r\nIPUS/1/2026;1;2026-03-10;2;kurs „do przychodni” – Łańcut\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(body);
    std::fs::write(&path, &bytes).unwrap();
    let out = okienko(&c.path, "koord", &["usage", "import", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(text(&out).0.contains("Plik: Windows-1250, separator średnik, końce wierszy CRLF"), "{}", text(&out).0);
    let note: String = c.db.conn().query_row("SELECT note FROM usage_record", [], |r| r.get(0)).unwrap();
    assert_eq!(note, "kurs „do przychodni” – Łańcut");
    assert_eq!(used(&c), 2);
}

#[test]
fn refuses_a_file_with_a_wrong_header() {
    let (c, _) = taxi_plan();
    let path = c.dir.path().join("zly.csv");
    std::fs::write(&path, "plan;pozycja;data\n").unwrap();
    let out = okienko(&c.path, "koord", &["usage", "import", path.to_str().unwrap()]);
    let said = text(&out).1;
    assert!(
        said.contains("zly.csv") && said.contains("nagłówek musi brzmieć: plan_number,position,date,units,note"),
        "{said}"
    );
}

/// A provider's year of daily care (12 000 rows) imported while five other desks record usage
/// and change a limit: every desk write succeeds, so the import never held the writer for the
/// busy timeout. The waits are printed (`-- --nocapture`) for TESTING.md, not asserted.
#[test]
fn a_large_import_lets_other_desks_write_while_it_runs() {
    let mut c = centre();
    let care = c.service("OPI", "Usługi opiekuńcze", "godzina");
    c.pool(care, PeriodKind::Month, 100_000, "2026-01-01");
    c.line(care, 5_000, "month", None, "2026-01-01", "2026-12-31");
    c.line(care, 100, "month", None, "2026-01-01", "2026-12-31");
    let mut body = String::new();
    for i in 0..12_000 {
        let day = d("2026-01-01") + chrono::Duration::days(i % 320);
        body.push_str(&format!("IPUS/1/2026,1,{day},1,wizyta {i}\n"));
    }
    let file = write_csv(&c, &body);
    let started = std::time::Instant::now();
    let import = support::base::command(&c.path, "koord", &["usage", "import", file.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let desks: Vec<_> = (0..5)
        .map(|i| {
            let path = c.path.clone();
            std::thread::spawn(move || {
                let t = std::time::Instant::now();
                let out = if i == 4 {
                    okienko(&path, "org", &["base", "set-limit", "OPI", "2026-12", "90000"])
                } else {
                    let day = format!("2026-11-{:02}", i + 2);
                    okienko(&path, "koord", &["usage", "record", "IPUS/2/2026", "1", "--date", &day, "--units", "1"])
                };
                (out, t.elapsed())
            })
        })
        .collect();
    let mut slowest = std::time::Duration::ZERO;
    for desk in desks {
        let (out, took) = desk.join().unwrap();
        assert!(out.status.success(), "a desk's write during the import: {}", text(&out).1);
        slowest = slowest.max(took);
    }
    let import = import.wait_with_output().unwrap();
    assert!(
        import.status.success(),
        "{}\n{}",
        text(&import).1,
        text(&import).0.lines().take(5).collect::<Vec<_>>().join("\n")
    );
    assert!(text(&import).0.contains("12000") || text(&import).0.contains("12 000"), "{}", text(&import).0);
    let rows: i64 =
        c.db.conn().query_row("SELECT count(*) FROM usage_record WHERE source = 'import'", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 12_000);
    println!(
        "usage import of 12 000 rows: {:.1} s; slowest of 5 desk writes during it: {} ms (whole process)",
        started.elapsed().as_secs_f64(),
        slowest.as_millis()
    );
}
