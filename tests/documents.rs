//! Every printout and exchange file as an office receives it: PDFs read back as text
//! (`pdftotext -layout`) and rasterised at 80 dpi (`pdftoppm`), spreadsheets opened as the
//! archive they are, files saved by Polish Excel imported.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::cli::{command, ok};

struct Office {
    dir: tempfile::TempDir,
}

impl Office {
    fn db(&self) -> PathBuf {
        self.dir.path().join("c.db")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, login: &str, args: &[&str]) -> std::process::Output {
        let mut cmd = command(&self.db(), args);
        cmd.env("HOME", self.dir.path()).env("XDG_CONFIG_HOME", self.dir.path().join("config"));
        if !login.is_empty() {
            cmd.env("OKIENKO_LOGIN", login);
        }
        cmd.output().expect("the binary runs")
    }

    fn ok(&self, login: &str, args: &[&str]) -> String {
        ok(self.run(login, args))
    }
}

/// A centre in Dębica with a coordinator, a director with a name, home care by the hour for a fee
/// and a free transport service.
fn office() -> Office {
    let o = Office { dir: tempfile::tempdir().unwrap() };
    o.ok("", &["init", "--training", "--name", "Centrum Usług Społecznych w Dębicy"]);
    o.ok("", &["staff", "add", "koord", "--role", "koordynator", "--name", "Anna Nowak"]);
    o.ok("", &["staff", "add", "dyr", "--role", "dyrektor", "--name", "Maria Wiśniewska"]);
    o.ok("", &["staff", "add", "org", "--role", "organizator", "--name", "Jan Kos", "--may-approve"]);
    let conn = rusqlite::Connection::open(o.db()).unwrap();
    conn.execute_batch(
        "UPDATE centre SET address = 'ul. Stefana Batorego 13, 39-200 Dębica', phone = '146702130',
             programme_resolution = 'Uchwała nr XII/100/2025 Rady Gminy Dębica z dnia 27 listopada 2025 r.';
         INSERT INTO gmina (id, name) VALUES (1, 'Dębica');
         INSERT INTO provider (id, name, kind) VALUES (1, 'Spółdzielnia Socjalna „Pomocna Dłoń”', 'pes');
         INSERT INTO service (id, code, name, unit, fee_grosze, default_provider_id, updated_at, updated_by)
             VALUES (1, 'OPIEKA', 'Usługi opiekuńcze', 'godzina', 1850, 1, '2026-01-05T08:00:00Z', 'x'),
                    (2, 'TAXI', 'Transport door-to-door', 'przejazd', 0, NULL, '2026-01-05T08:00:00Z', 'x');",
    )
    .unwrap();
    o
}

/// An application for a new resident, assessed; returns its number.
fn application(o: &Office, first: &str, last: &str) -> String {
    let out = o.ok(
        "koord",
        &[
            "application",
            "add",
            "--first-name",
            first,
            "--last-name",
            last,
            "--pesel",
            "44051401359",
            "--filed",
            "2026-03-02",
            "--street",
            "ul. Żwirki",
            "--house-no",
            "7",
            "--postal-code",
            "39-200",
            "--city",
            "Dębica",
            "--summary",
            "usługi opiekuńcze w domu",
        ],
    );
    let app = out.split("wniosek nr ").nth(1).and_then(|s| s.split_whitespace().next()).unwrap().to_string();
    o.ok(
        "koord",
        &["application", "assess", &app, "--on", "2026-03-05", "--needs", "pomoc w codziennych czynnościach"],
    );
    app
}

/// A plan of `lines` lines of home care at 10 hours a month; returns its number.
fn plan(o: &Office, app: &str, lines: usize) -> String {
    let out = o.ok("koord", &["ipus", "draft", app, "--from", "2026-04-01", "--to", "2026-12-31"]);
    let number = out.split_whitespace().find(|w| w.starts_with("IPUS/")).unwrap().to_string();
    for i in 0..lines {
        let schedule = format!("wtorki i czwartki, blok {}", i + 1);
        o.ok(
            "koord",
            &[
                "ipus",
                "line",
                "add",
                &number,
                "--service",
                "OPIEKA",
                "--amount",
                "10",
                "--per",
                "miesiąc",
                "--from",
                "2026-04-01",
                "--to",
                "2026-12-31",
                "--schedule",
                &schedule,
                "--place",
                "dom, indywidualna",
            ],
        );
    }
    number
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is installed (Debian package poppler-utils)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Rasterises every page at 80 dpi; returns how many pages came out as images with ink on them.
fn rasterised_pages(pdf: &Path) -> usize {
    let prefix = pdf.with_extension("");
    let out = Command::new("pdftoppm")
        .args(["-r", "80", "-gray", pdf.to_str().unwrap(), prefix.to_str().unwrap()])
        .output()
        .expect("pdftoppm is installed (Debian package poppler-utils)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = pdf.parent().unwrap();
    let stem = prefix.file_name().unwrap().to_string_lossy().into_owned();
    let mut pages = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(&format!("{stem}-")) && name.ends_with(".pgm") {
            let bytes = std::fs::read(&path).unwrap();
            // A greyscale image of an A4 page at 80 dpi (about 661 × 935 pixels) with ink on it.
            let header = String::from_utf8_lossy(&bytes[..16]).into_owned();
            let width: u32 = header.split_whitespace().nth(1).and_then(|w| w.parse().ok()).unwrap_or(0);
            assert!(header.starts_with("P5") && (650..=670).contains(&width), "{name}: {header:?}");
            assert!(bytes[16..].iter().any(|&b| b < 100), "{name} is blank");
            pages += 1;
        }
    }
    pages
}

fn pages_of(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo is installed (poppler-utils)");
    let info = String::from_utf8(out.stdout).unwrap();
    info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

#[test]
fn a_draft_plan_is_marked_projekt_with_units_fees_provider_and_the_whole_pouczenie() {
    let o = office();
    let app = application(&o, "Łucja", "Żółkiewska");
    let number = plan(&o, &app, 1);
    let pdf = o.file("plan.pdf");
    o.ok("koord", &["ipus", "export", &number, "--pdf", pdf.to_str().unwrap()]);
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 200_000, "the font is subset: {size} bytes");
    let text = pdftotext(&pdf);
    let pages = pages_of(&pdf);
    assert_eq!(rasterised_pages(&pdf), pages);
    for expected in [
        "PROJEKT",
        "Łucja Żółkiewska",
        "10 godzin miesięcznie",
        "18,50 zł za: godzina",
        "Pomocna Dłoń”",
        "od 1 kwietnia 2026 r. do 31 grudnia 2026 r.",
        "przeprowadzonej w dniu 5 marca 2026 r.",
        "art. 40",
        "art. 45",
        "art. 48",
        "zamieszkujących na terenie gminy Dębica",
        "Data, pieczęć i podpis Koordynatora",
        "Załączniki do planu",
        "regulamin uczestnika",
        &format!("strona 1 z {pages}"),
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!text.contains("2026-04-01"), "dates are written out: {text}");
}

#[test]
fn an_approved_plan_names_the_approver_and_a_long_section_d_repeats_its_header() {
    let o = office();
    let app = application(&o, "Jan", "Kowalski");
    let number = plan(&o, &app, 30);
    o.ok("koord", &["ipus", "submit", &number]);
    o.ok("org", &["ipus", "approve", &number]);
    let pdf = o.file("plan.pdf");
    o.ok("koord", &["ipus", "export", &number, "--pdf", pdf.to_str().unwrap()]);
    let text = pdftotext(&pdf);
    assert!(!text.contains("PROJEKT"), "{text}");
    assert!(text.contains("Jan Kos, z upoważnienia Dyrektora"), "{text}");
    let headers = text.matches("Podmiot wykonujący").count();
    assert!(headers >= 2, "section D runs over a page with its header repeated: {headers}\n{text}");
    let pages = pages_of(&pdf);
    assert!(pages >= 3 && text.contains(&format!("strona {pages} z {pages}")), "{pages}\n{text}");
    assert_eq!(rasterised_pages(&pdf), pages);
}

#[test]
fn the_application_prints_with_its_assessment_for_signing() {
    let o = office();
    let app = application(&o, "Łucja", "Żółkiewska");
    let pdf = o.file("wniosek.pdf");
    o.ok("koord", &["application", "print", &app, "--pdf", pdf.to_str().unwrap()]);
    let text = pdftotext(&pdf);
    for expected in [
        "WNIOSEK O USŁUGI SPOŁECZNE",
        "złożony 2 marca 2026 r.",
        "Łucja Żółkiewska",
        "INDYWIDUALNA DIAGNOZA POTRZEB",
        "pomoc w codziennych czynnościach",
        "Data i podpis wnioskodawcy",
        "strona 1 z 1",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert_eq!(rasterised_pages(&pdf), 1);
}

fn refuse(o: &Office, app: &str, service: &str, decision: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["application", "refuse", app, "--decision", decision, "--decision-date", "2026-03-20"];
    args.extend_from_slice(&["--service", service]);
    args.extend_from_slice(extra);
    o.run("koord", &args)
}

#[test]
fn a_refusal_writes_the_decision_with_grounds_and_the_appeal_instruction() {
    let o = office();
    let app = application(&o, "Łucja", "Żółkiewska");
    let letter = o.file("decyzja.pdf");
    let without_grounds = refuse(&o, &app, "OPIEKA", "CUS.4011.1.2026", &["--letter", letter.to_str().unwrap()]);
    assert!(!without_grounds.status.success());
    let shown = o.ok("koord", &["application", "show", &app]);
    assert!(!shown.contains("odmowa"), "nothing is refused without the letter's grounds: {shown}");
    o.ok("", &["centre", "set", "--appeal-body", "Samorządowe Kolegium Odwoławcze w Rzeszowie"]);
    ok(refuse(
        &o,
        &app,
        "OPIEKA",
        "CUS.4011.1.2026",
        &["--letter", letter.to_str().unwrap(), "--grounds", "Dochód przekracza kryterium programu."],
    ));
    let text = pdftotext(&letter);
    for expected in [
        "DECYZJA nr CUS.4011.1.2026",
        "Dębica, 20 marca 2026 r.",
        "art. 42 ustawy",
        "orzekam",
        "usługi społecznej: Usługi opiekuńcze",
        "Uzasadnienie",
        "Dochód przekracza kryterium programu.",
        "14 dni od dnia jej doręczenia",
        "Samorządowe Kolegium Odwoławcze w Rzeszowie",
        "Anna Nowak, z upoważnienia Dyrektora",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert_eq!(rasterised_pages(&letter), 1);
    // The decision is kept, so it prints again later, the same, whoever signs it.
    let again = o.file("ponownie.pdf");
    o.ok("dyr", &["application", "letter", &app, "--pdf", again.to_str().unwrap()]);
    let reprinted = pdftotext(&again);
    assert!(reprinted.contains("Dochód przekracza kryterium programu."), "{reprinted}");
    assert!(reprinted.contains("Maria Wiśniewska, Dyrektor"), "{reprinted}");
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        words(&reprinted.replace("Maria Wiśniewska, Dyrektor", "Anna Nowak, z upoważnienia Dyrektora")),
        words(&text)
    );
}

#[test]
fn each_refused_service_has_its_own_decision_even_when_another_was_granted() {
    let o = office();
    let app = application(&o, "Łucja", "Żółkiewska");
    let granted = o.run(
        "org",
        &[
            "application",
            "qualify",
            &app,
            "--service",
            "OPIEKA",
            "--amount",
            "8",
            "--per",
            "month",
            "--from",
            "2026-04-01",
            "--to",
            "2026-09-30",
            "--provider",
            "Spółdzielnia Socjalna „Pomocna Dłoń”",
            "--declaration",
            "2026-03-02",
            "--fee-note",
            "bezpłatnie",
        ],
    );
    ok(granted);
    let letter = o.file("taxi.pdf");
    let grounds = "Transport przysługuje osobom z orzeczeniem o niepełnosprawności.";
    ok(refuse(&o, &app, "TAXI", "CUS.4011.2.2026", &["--grounds", grounds, "--letter", letter.to_str().unwrap()]));
    let text = pdftotext(&letter);
    assert!(text.contains("usługi społecznej: Transport door-to-door"), "{text}");
    assert!(text.contains(grounds), "{text}");
    assert!(text.contains("samorządowe kolegium odwoławcze właściwe miejscowo"), "no appeal body set: {text}");
    let missing = o.run("koord", &["application", "letter", &app, "--decision", "X/1", "--pdf", "/dev/null"]);
    assert!(!missing.status.success());
    let said = String::from_utf8_lossy(&missing.stderr).to_string();
    assert!(said.contains("nie ma decyzji odmownej nr X/1"), "{said}");
    let unknown = o.run("koord", &["application", "letter", "99999", "--pdf", "/dev/null"]);
    let said = String::from_utf8_lossy(&unknown.stderr).to_string();
    assert!(!unknown.status.success() && said.contains("nie znaleziono: wniosek nr 99999"), "{said}");
}

#[test]
fn the_rodo_report_is_a_readable_polish_document_with_the_access_log() {
    let o = office();
    application(&o, "Łucja", "Żółkiewska");
    let pdf = o.file("rodo.pdf");
    o.ok("", &["resident", "export", "44051401359", "--pdf", pdf.to_str().unwrap()]);
    let text = pdftotext(&pdf);
    for expected in [
        "INFORMACJA O PRZETWARZANYCH DANYCH OSOBOWYCH",
        "Dane osobowe",
        "Żółkiewska",
        "Wnioski",
        "usługi opiekuńcze w domu",
        "Diagnozy potrzeb",
        "Kto miał dostęp do danych",
        "wydanie danych",
        "Prezesa Urzędu Ochrony Danych Osobowych",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!text.contains("first_name") && !text.contains("resident_id"), "{text}");
    assert_eq!(rasterised_pages(&pdf), pages_of(&pdf));
}

#[test]
fn the_service_card_and_the_yearly_information_print_through_the_same_engine() {
    let o = office();
    let card = o.file("karta.pdf");
    o.ok("dyr", &["report", "card", "--service", "OPIEKA", "--format", "pdf", "--out", card.to_str().unwrap()]);
    let text = pdftotext(&card);
    for expected in
        ["KARTA USŁUGI", "Usługi opiekuńcze", "18,50 zł za: godzina", "Spółdzielnia Socjalna", "strona 1 z 1"]
    {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert_eq!(rasterised_pages(&card), 1);
    let yearly = o.file("informacja.pdf");
    o.ok("dyr", &["report", "programme", "--year", "2026", "--format", "pdf", "--out", yearly.to_str().unwrap()]);
    let text = pdftotext(&yearly);
    assert!(text.contains("Informacja z realizacji programu usług społecznych za rok 2026"), "{text}");
    assert!(text.contains("strona 1 z"), "{text}");
    let half = o.file("polrocze.pdf");
    o.ok(
        "dyr",
        &[
            "report",
            "summary",
            "--from",
            "2026-01-01",
            "--to",
            "2026-06-30",
            "--format",
            "pdf",
            "--out",
            half.to_str().unwrap(),
        ],
    );
    assert!(pdftotext(&half).contains("Podsumowanie indywidualnych planów"));
}

#[test]
fn excel_csv_has_a_bom_semicolons_and_crlf_and_xlsx_has_typed_cells() {
    let o = office();
    let app = application(&o, "Jan", "Kowalski");
    let number = plan(&o, &app, 1);
    o.ok("koord", &["ipus", "submit", &number]);
    o.ok("dyr", &["ipus", "approve", &number]);
    let csv = o.file("program.csv");
    o.ok("dyr", &["report", "programme", "--year", "2026", "--excel", "--out", csv.to_str().unwrap()]);
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFInformacja z realizacji"), "{:?}", &bytes[..20]);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains(";") && text.contains("\r\n") && !text.lines().any(|l| l.contains(",\"")), "{text}");
    let refused = o.run("dyr", &["report", "programme", "--year", "2026", "--format", "json", "--excel"]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--excel"), "{refused:?}");

    let xlsx = o.file("program.xlsx");
    o.ok("dyr", &["report", "programme", "--year", "2026", "--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("xl/sharedStrings.xml").unwrap(), &mut strings).unwrap();
    // A header row of strings and numbers as numbers (cells without t="s").
    assert!(sheet.contains(r#"<c r="A1" s="1" t="s">"#), "{sheet}");
    assert!(sheet.contains("<pane ") && sheet.contains(r#"ySplit="1""#), "the header row is frozen: {sheet}");
    assert!(sheet.matches("<c r=").count() > sheet.matches(r#"t="s""#).count(), "some cells are numbers: {sheet}");
    assert!(strings.contains("Usługi opiekuńcze"), "{strings}");
}

#[test]
fn a_windows_1250_semicolon_file_from_polish_excel_imports_and_says_what_it_found() {
    let o = office();
    let rows = "pesel;first_name;last_name;birth_date;street;house_no;flat_no;postal_code;city;phone;email\r\n\
                44051401359;Łucja;Żółkiewska;;ul. Ślężna;5;;39-200;Dębica;;\r\n\
                85071203451;Jerzy;Gąsior;;;;;;Dębica;;\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1250.encode(rows);
    assert!(!unmappable);
    let file = o.file("mieszkancy.csv");
    std::fs::write(&file, &bytes).unwrap();
    let out = o.ok("", &["import", "residents", file.to_str().unwrap()]);
    assert!(out.contains("Plik: Windows-1250, separator średnik, końce wierszy CRLF"), "{out}");
    assert!(out.contains("Zaimportowano: 2, odrzucono 0 wierszy"), "{out}");
    let conn = rusqlite::Connection::open(o.db()).unwrap();
    let name: String = conn
        .query_row("SELECT first_name || ' ' || last_name FROM resident WHERE pesel = '44051401359'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Łucja Żółkiewska");
}

#[test]
fn a_row_in_another_encoding_or_with_the_other_separator_is_refused_on_its_line() {
    let o = office();
    let mut bytes = "pesel;first_name;last_name;birth_date;street;house_no;flat_no;postal_code;city;phone;email\n\
                     44051401359;Łucja;Żółkiewska;;;;;;Dębica;;\n\
                     85071203451,Jerzy,Gąsior,,,,,,Dębica,,\n"
        .as_bytes()
        .to_vec();
    let (cp1250, _, _) = encoding_rs::WINDOWS_1250.encode("85010212345;Jan;Łoś;;;;;;Dębica;;\n");
    bytes.extend_from_slice(&cp1250);
    let file = o.file("mieszane.csv");
    std::fs::write(&file, &bytes).unwrap();
    let out = o.ok("", &["import", "residents", file.to_str().unwrap()]);
    assert!(out.contains("Plik: UTF-8, separator średnik"), "{out}");
    assert!(out.contains("Zaimportowano: 1, odrzucono 2 wiersze"), "{out}");
    // The rejects go back laid out as the file came (semicolons, LF), with a BOM for Excel.
    let rejects = std::fs::read_to_string(o.file("mieszane.rejected.csv")).unwrap();
    assert!(rejects.starts_with("\u{feff}line;field;reason;pesel;"), "{rejects}");
    assert!(rejects.contains("\n3;wiersz;") && rejects.contains("separator"), "{rejects}");
    assert!(rejects.contains("\n4;") && rejects.contains("UTF-8"), "{rejects}");
    assert!(!rejects.contains('\r'), "{rejects}");
}
