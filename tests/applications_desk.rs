//! Open applications and every outcome from the desk, 80×24: the list with the 30-day countdown
//! reached from the dashboard, the application view reached from the list, the dashboard and the
//! card, and each outcome with its confirmation naming the person, its stored effect, its audit
//! entry and the application leaving the list and the dashboard's count. The command line and
//! the desk store the same outcome.

mod support;

use okienko::domain::roles::Role;
use okienko::storage::{Db, audit, partners, staff};
use std::path::Path;
use support::desk::{self, COLOUR, Desk, NO_COLOUR};

/// On top of the shared test centre (Łukasz Żółć's application nr 1, filed 2 November, 9 days
/// left on 2026-11-23): applications of every countdown, one already forwarded, a care service
/// with a pool, a partner, and `mix`, a coordinator who is also the organiser (who qualifies).
const OPEN: &str = "
    INSERT INTO application (id, resident_id, filed_on, applicant_kind, summary, state, coordinator_login, created_at, created_by)
    VALUES (50, 4, '2026-10-20', 'mieszkaniec', 'dowóz na zabiegi', 'złożony', 'kasia', 'x', 'x'),
           (51, 2, '2026-10-25', 'mieszkaniec', 'asystent', 'złożony', 'kasia', 'x', 'x'),
           (52, 3, '2026-10-26', 'mieszkaniec', 'opieka wytchnieniowa', 'diagnoza', 'kasia', 'x', 'x'),
           (53, 5, '2026-11-22', 'mieszkaniec', 'posiłki', 'złożony', 'kasia', 'x', 'x'),
           (54, 5, '2026-11-01', 'mieszkaniec', 'mieszkanie', 'przekazany', 'kasia', 'x', 'x');
    INSERT INTO service (id, code, name, unit, updated_at, updated_by)
        VALUES (1, 'OPI', 'Usługi opiekuńcze', 'godzina', 'x', 'x');
    INSERT INTO capacity_pool (service_id, provider_id, period_kind, units_limit, valid_from, updated_at, updated_by)
        VALUES (1, NULL, 'month', 40, '2026-01-01', 'x', 'x');
";

fn setup(db: &mut Db) {
    db.conn().execute_batch(OPEN).unwrap();
    db.write(|tx| {
        staff::add(tx, "test", "mix", "Maria Iksińska", &[Role::Koordynator, Role::Organizator], true)?;
        partners::add_partner(tx, "test", "PCPR w Dębicy", "pcpr", "14 680 00 00", "piecza, niepełnosprawność")?;
        partners::add_partner(tx, "test", "Powiatowy Urząd Pracy", "pup", "", "szkolenia")
    })
    .unwrap();
}

fn open_as(login: &str, theme: okienko::tui::theme::Theme) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut db) = support::centre::centre(dir.path());
    setup(&mut db);
    Desk::open(db, login, desk::options(theme, support::centre::today())).keeping(dir)
}

fn state(db: &Db, id: i64) -> String {
    db.conn().query_row("SELECT state FROM application WHERE id = ?1", [id], |r| r.get(0)).unwrap()
}

fn audited(db: &Db, login: &str, detail: &str) -> bool {
    audit::entries(db.conn(), None, Some(login), 100).unwrap().iter().any(|e| e.detail.contains(detail))
}

/// The dashboard's count of applications waiting for a plan (the heading's number).
fn dashboard_count(desk: &mut Desk) -> String {
    desk.press("F5");
    let screen = desk.text();
    let heading = screen.lines().find(|l| l.contains("Wnioski: 30 dni")).unwrap_or_default();
    heading.trim_end_matches('│').split_whitespace().last().unwrap_or_default().to_string()
}

/// The list of open applications from the dashboard, narrowed to `filter`, with the one
/// application it leaves opened.
fn open_application(desk: &mut Desk, filter: &str) {
    desk.press("F5 alt-n");
    desk.type_text(filter);
    desk.press("enter");
}

#[test]
fn the_list_counts_down_the_30_days_newest_deadline_first_at_80_by_24() {
    let mut desk = open_as("kasia", NO_COLOUR);
    desk.press("F5 alt-n");
    let screen = desk.text();
    insta::assert_snapshot!("open_applications", screen);
    for expected in [
        "Otwarte wnioski (5)",
        "zostało 29 dni      Kowalska Nowak         nr 53 2026-11-22 posiłki",
        "zostało 9 dni       Żółć Łukasz            nr 1 2026-11-02 usługi opiekuńcze",
        "zostały 2 dni       Nowakowska-Żak Zofia   nr 52 2026-10-26",
        "został 1 dzień      Nowak Anna             nr 51 2026-10-25 asystent",
        "!po terminie 4 dni   Nowicki Jan            nr 50 2026-10-20 dowóz na zabiegi",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    assert!(!screen.contains("mieszkanie"), "a forwarded application is not open:\n{screen}");
    let newest = screen.find("nr 53").unwrap();
    let oldest = screen.find("nr 50").unwrap();
    assert!(newest < oldest, "the newest deadline first:\n{screen}");
}

#[test]
fn typing_narrows_the_list_and_enter_opens_the_application() {
    let mut desk = open_as("kasia", NO_COLOUR);
    desk.press("F5 alt-n");
    desk.type_text("nowi");
    let screen = desk.text();
    assert!(screen.contains("Otwarte wnioski (1/5)") && screen.contains("Nowicki Jan"), "{screen}");
    assert!(!screen.contains("Żółć"), "{screen}");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("Jan Nowicki · wniosek nr 50"), "{screen}");
    desk.press("esc");
    assert!(desk.text().contains("Otwarte wnioski (1/5)"), "Esc goes back to the list:\n{}", desk.text());
    desk.press("esc");
    assert!(desk.text().contains("Otwarte wnioski (5)"), "Esc clears the filter:\n{}", desk.text());
    desk.press("esc");
    assert!(desk.text().contains("Pulpit"), "and then leaves the list:\n{}", desk.text());
}

#[test]
fn the_application_shows_who_when_how_the_assessment_the_deadline_and_the_outcomes() {
    let mut desk = open_as("kasia", COLOUR);
    desk.db
        .conn()
        .execute_batch(
            "INSERT INTO needs_assessment (application_id, conducted_on, coordinator_login, problems, needs,
                 readiness_for_change, created_at)
             VALUES (1, '2026-11-05', 'kasia', 'samotność po udarze', 'pomoc w domu 3 razy w tygodniu', 'chce zostać w domu', 'x');",
        )
        .unwrap();
    open_application(&mut desk, "zolc");
    let screen = desk.text();
    insta::assert_snapshot!("application_view", desk.screen());
    for expected in [
        "Łukasz Żółć · wniosek nr 1",
        "Złożony    2026-11-02 (osobiście)",
        "Termin     2026-12-02 · zostało 9 dni",
        "Treść      usługi opiekuńcze",
        "2026-11-05 (kasia)",
        "samotność po udarze",
        "nic jeszcze",
        "Alt-p  szkic planu",
        "Alt-f  przekaż",
        "Alt-l  na listę oczekujących",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
}

#[test]
fn information_only_asks_naming_the_person_no_first_then_leaves_the_list_and_the_dashboard() {
    let mut desk = open_as("kasia", NO_COLOUR);
    assert_eq!(dashboard_count(&mut desk), "4");
    open_application(&mut desk, "zolc");
    desk.press("alt-i");
    let form = desk.text();
    // The application and the outcome are the view's: neither is a field to type over.
    assert!(form.contains("Udzielona informacja") && !form.contains("Nr wniosku") && !form.contains("< "), "{form}");
    desk.type_text("adres punktu pomocy prawnej");
    desk.press("enter");
    let question = desk.text();
    insta::assert_snapshot!("information_only_question", question);
    assert!(question.contains("Łukasz Żółć · wniosek nr 1 · wniosek kończy się informacją"), "{question}");
    desk.press("enter");
    assert_eq!(state(&desk.db, 1), "diagnoza", "Enter alone answers no");
    desk.press("enter right enter");
    assert!(desk.text().contains("Zapisano rozstrzygnięcie wniosku"), "{}", desk.text());
    assert_eq!(state(&desk.db, 1), "informacja");
    assert!(audited(&desk.db, "kasia", "stan=informacja"));
    let views = audit::entries(desk.db.conn(), None, Some("kasia"), 100)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "view" && e.target == "application:1")
        .count();
    assert_eq!(views, 1, "the look is logged once; the refresh after the outcome is not a new look");
    let screen = desk.text();
    assert!(screen.contains("tylko informacja: adres punktu pomocy prawnej"), "{screen}");
    desk.press("esc esc");
    let list = desk.text();
    assert!(list.contains("Otwarte wnioski (4)") && !list.contains("Żółć"), "{list}");
    assert_eq!(dashboard_count(&mut desk), "3");
}

#[test]
fn forwarding_picks_the_partner_records_what_was_sent_and_makes_a_referral() {
    let mut desk = open_as("kasia", NO_COLOUR);
    open_application(&mut desk, "nowicki");
    desk.press("alt-f");
    let picker = desk.text();
    assert!(picker.contains("Przekaż do: wybierz partnera"), "{picker}");
    assert!(picker.contains("PCPR w Dębicy") && picker.contains("Powiatowy Urząd Pracy"), "{picker}");
    desk.press("enter");
    let form = desk.text();
    assert!(form.lines().any(|l| l.contains("Przekazano do") && l.contains("PCPR w Dębicy")), "{form}");
    desk.press("tab");
    desk.type_text("wniosek i diagnoza");
    desk.press("enter");
    let question = desk.text();
    assert!(question.contains("Jan Nowicki · wniosek nr 50 · przekazanie wniosku do: PCPR w Dębicy"), "{question}");
    desk.press("right enter");
    assert_eq!(state(&desk.db, 50), "przekazany");
    assert!(audited(&desk.db, "kasia", "stan=przekazany do: PCPR w Dębicy"));
    let what: String =
        desk.db.conn().query_row("SELECT what FROM referral WHERE application_id = 50", [], |r| r.get(0)).unwrap();
    assert_eq!(what, "wniosek nr 50: wniosek i diagnoza");
    assert!(desk.text().contains("przekazano do: PCPR w Dębicy: wniosek i diagnoza"), "{}", desk.text());
}

#[test]
fn a_waiting_list_place_names_the_service_and_the_units() {
    let mut desk = open_as("kasia", NO_COLOUR);
    open_application(&mut desk, "nowak anna");
    desk.press("alt-l");
    desk.type_text("OPI");
    desk.press("tab");
    desk.type_text("10");
    desk.press("enter");
    let question = desk.text();
    assert!(question.contains("Anna Nowak · wniosek nr 51 · wpis na listę oczekujących na OPI: 10"), "{question}");
    desk.press("right enter");
    assert_eq!(state(&desk.db, 51), "oczekuje");
    let units: i64 = desk
        .db
        .conn()
        .query_row("SELECT units FROM waitlist_entry WHERE application_id = 51", [], |r| r.get(0))
        .unwrap();
    assert_eq!(units, 10);
    assert!(desk.text().contains("na liście oczekujących"), "{}", desk.text());
    assert_eq!(dashboard_count(&mut desk), "3", "Nowak Anna's application was one of the four due");
}

#[test]
fn a_plan_drafted_from_the_application_is_linked_to_it_and_opens_in_the_editor() {
    let mut desk = open_as("kasia", NO_COLOUR);
    open_application(&mut desk, "nowicki");
    desk.press("alt-p");
    desk.press("enter");
    assert!(desk.text().contains("od:"), "the period is never guessed:\n{}", desk.text());
    desk.type_text("2026-12-01");
    desk.press("tab");
    desk.type_text("2027-05-31");
    desk.press("enter");
    let question = desk.text();
    assert!(question.contains("Jan Nowicki · wniosek nr 50 · szkic planu na okres 2026-12-01"), "{question}");
    desk.press("right enter");
    let (plan_id, number): (i64, String) = desk
        .db
        .conn()
        .query_row("SELECT id, number FROM plan WHERE application_id = 50", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let screen = desk.text();
    assert!(screen.contains(&number) && screen.contains("2026-12-01"), "the editor is open:\n{screen}");
    assert!(screen.contains("Szkic planu utworzony"), "{screen}");
    assert_eq!(state(&desk.db, 50), "plan");
    assert!(audited(&desk.db, "kasia", &number));
    assert!(plan_id > 0);
}

#[test]
fn qualifying_for_one_service_uses_the_cards_picker_and_takes_the_application_off_the_dashboard() {
    let mut desk = open_as("mix", NO_COLOUR);
    open_application(&mut desk, "zolc");
    desk.press("alt-k");
    assert!(desk.text().contains("Usługi opiekuńcze"), "{}", desk.text());
    desk.press("enter");
    assert!(desk.text().contains("Zakwalifikowanie do usługi bez IPUS"), "{}", desk.text());
    desk.press("tab");
    desk.type_text("6");
    desk.press("tab tab");
    desk.type_text("2026-12-01");
    desk.press("tab");
    desk.type_text("2026-12-31");
    desk.press("tab");
    desk.type_text("2026-11-20");
    desk.press("enter");
    assert!(desk.text().contains("Łukasz Żółć · Usługi opiekuńcze"), "{}", desk.text());
    desk.press("right enter");
    let granted: i64 = desk
        .db
        .conn()
        .query_row("SELECT count(*) FROM qualification WHERE application_id = 1 AND amount = 6", [], |r| r.get(0))
        .unwrap();
    assert_eq!(granted, 1);
    let screen = desk.text();
    assert!(screen.contains("zakwalifikowano: Usługi opiekuńcze, 6 / miesiąc"), "{screen}");
    assert!(
        screen.contains("rozpatrzony") && !screen.contains("Rozstrzygnięcia"),
        "no outcome is offered now:\n{screen}"
    );
    desk.press("esc");
    assert!(!desk.text().contains("Żółć"), "off the open list:\n{}", desk.text());
}

#[test]
fn a_refusal_by_decision_is_recorded_on_the_application_and_its_decision_prints() {
    let desk = open_as("mix", NO_COLOUR);
    let printed = desk.dir().join("decyzja.pdf");
    let mut desk = desk.printing_with(&format!("tee {}", printed.display()));
    open_application(&mut desk, "zolc");
    assert!(!desk.text().contains("drukuj decyzję"), "no decision yet:\n{}", desk.text());
    desk.press("alt-d");
    desk.press("enter");
    desk.type_text("OPS.8131.12.2026");
    desk.press("tab");
    desk.type_text("2026-11-23");
    desk.press("tab");
    desk.type_text("brak przesłanek z art. 42");
    desk.press("enter");
    let question = desk.text();
    assert!(question.contains("Łukasz Żółć · Usługi opiekuńcze"), "{question}");
    assert!(question.contains("OPS.8131.12.2026 z 2026-11-23"), "{question}");
    desk.press("right enter");
    assert_eq!(state(&desk.db, 1), "odmowa");
    assert!(
        desk.text().contains("odmowa: Usługi opiekuńcze, decyzja OPS.8131.12.2026 z 2026-11-23"),
        "{}",
        desk.text()
    );
    assert!(desk.text().contains("Alt-e  drukuj decyzję"), "{}", desk.text());
    desk.press("alt-e");
    assert!(desk.text().contains("Wysłano do druku: decyzja nr OPS.8131.12.2026"), "{}", desk.text());
    assert!(std::fs::read(&printed).unwrap().starts_with(b"%PDF"));
    if let Ok(out) = std::process::Command::new("pdftotext").arg(&printed).arg("-").output() {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("DECYZJA nr OPS.8131.12.2026") && text.contains("brak przesłanek z art. 42"), "{text}");
    }
    assert!(audited(&desk.db, "mix", "tee"), "the print is in the audit log");
}

#[test]
fn the_card_opens_its_application_and_esc_returns_to_the_card() {
    let mut desk = open_as("kasia", NO_COLOUR);
    desk.type_text("zolc");
    desk.press("enter alt-n");
    assert!(desk.text().contains("Łukasz Żółć · wniosek nr 1"), "{}", desk.text());
    desk.press("esc");
    let screen = desk.text();
    assert!(screen.contains("Karta") && screen.contains("ul. Radomska 2/14"), "{screen}");
}

/// The stored outcome of application nr 1 forwarded to the PCPR: its row, its referral and the
/// audit entry of the change.
fn stored_forward(db: &Db) -> (String, String, String, String, String) {
    let (state, to, reason): (String, String, String) = db
        .conn()
        .query_row("SELECT state, forwarded_to, forwarded_reason FROM application WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    let what: String =
        db.conn().query_row("SELECT what FROM referral WHERE application_id = 1", [], |r| r.get(0)).unwrap();
    let detail = audit::entries(db.conn(), None, Some("kasia"), 100)
        .unwrap()
        .into_iter()
        .find(|e| e.target == "application:1")
        .map(|e| e.detail)
        .unwrap_or_default();
    (state, to, reason, what, detail)
}

fn training(dir: &Path) -> (std::path::PathBuf, Db) {
    let (path, mut db) = support::centre::training_centre(dir);
    setup(&mut db);
    (path, db)
}

#[test]
fn the_command_line_and_the_desk_store_the_same_forward() {
    let cli_dir = tempfile::tempdir().unwrap();
    let (path, cli_db) = training(cli_dir.path());
    let out = support::cli::command(
        &path,
        &["application", "forward", "1", "--to", "PCPR w Dębicy", "--reason", "wniosek i diagnoza"],
    )
    .env("OKIENKO_LOGIN", "kasia")
    .output()
    .unwrap();
    support::cli::ok(out);

    let desk_dir = tempfile::tempdir().unwrap();
    let (_, desk_db) = training(desk_dir.path());
    let mut desk = Desk::open(desk_db, "kasia", desk::options(NO_COLOUR, support::centre::today()));
    open_application(&mut desk, "zolc");
    desk.press("alt-f enter tab");
    desk.type_text("wniosek i diagnoza");
    desk.press("enter right enter");

    let from_cli = stored_forward(&cli_db);
    assert_eq!(from_cli.0, "przekazany");
    assert_eq!(stored_forward(&desk.db), from_cli);
}

#[test]
fn in_english_the_countdown_counts_days_left_and_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut db) = support::centre::centre(dir.path());
    setup(&mut db);
    let options = okienko::tui::DeskOptions {
        lang: okienko::i18n::Lang::En,
        ..desk::options(NO_COLOUR, support::centre::today())
    };
    let mut desk = Desk::open(db, "kasia", options).keeping(dir);
    desk.press("F5 alt-n");
    let screen = desk.text();
    for expected in ["Open applications (5)", "29 days left", "1 day left", "!4 days overdue"] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    desk.type_text("zolc");
    desk.press("enter alt-i");
    desk.type_text("legal aid address");
    desk.press("enter");
    let question = desk.text();
    assert!(question.contains("Łukasz Żółć · application no. 1 · the application ends as information"), "{question}");
}

#[test]
fn an_application_that_cannot_be_read_gives_way_to_the_list() {
    let mut desk = open_as("kasia", NO_COLOUR);
    desk.press("F5 alt-n");
    desk.db.conn().execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM application WHERE id = 53;").unwrap();
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("53"), "the error names the application:\n{screen}");
    desk.press("esc");
    let screen = desk.text();
    assert!(screen.contains("Otwarte wnioski (4)"), "{screen}");
}

#[test]
fn the_front_desk_sees_neither_what_is_asked_for_nor_the_interview() {
    let mut desk = open_as("ola", NO_COLOUR);
    desk.db
        .conn()
        .execute_batch(
            "INSERT INTO needs_assessment (application_id, conducted_on, coordinator_login, problems, created_at)
             VALUES (1, '2026-11-05', 'kasia', 'samotność po udarze', 'x');",
        )
        .unwrap();
    desk.press("F5 alt-n");
    let list = desk.text();
    assert!(list.contains("Żółć Łukasz") && !list.contains("usługi opiekuńcze"), "{list}");
    assert!(list.contains("dane szczególn"), "{list}");
    desk.type_text("zolc");
    desk.press("enter");
    let screen = desk.text();
    assert!(!screen.contains("samotność") && !screen.contains("usługi opiekuńcze"), "{screen}");
    desk.press("alt-i");
    assert!(desk.text().contains("brak uprawnień"), "the front desk decides no outcome:\n{}", desk.text());
    assert_eq!(state(&desk.db, 1), "diagnoza");
}

#[test]
fn with_several_applications_the_card_asks_which_one() {
    let mut desk = open_as("kasia", NO_COLOUR);
    desk.db
        .conn()
        .execute_batch(
            "INSERT INTO application (id, resident_id, filed_on, applicant_kind, summary, state, created_at, created_by)
             VALUES (55, 1, '2026-11-20', 'mieszkaniec', 'taksówka', 'złożony', 'x', 'x');",
        )
        .unwrap();
    desk.type_text("zolc");
    desk.press("enter alt-n");
    let screen = desk.text();
    assert!(screen.contains("Który wniosek?"), "{screen}");
    assert!(screen.contains("nr 55 2026-11-20 [złożony] taksówka"), "{screen}");
    assert!(screen.contains("nr 1 2026-11-02 [diagnoza potrzeb] usługi opiekuńcze"), "{screen}");
    desk.press("down enter");
    assert!(desk.text().contains("Łukasz Żółć · wniosek nr 1"), "{}", desk.text());
    desk.press("esc alt-n enter");
    assert!(desk.text().contains("Łukasz Żółć · wniosek nr 55"), "{}", desk.text());
}

#[test]
fn f9_prints_the_application_on_screen_to_the_print_command() {
    let desk = open_as("kasia", NO_COLOUR);
    let printed = desk.dir().join("printed.pdf");
    let mut desk = desk.printing_with(&format!("tee {}", printed.display()));
    open_application(&mut desk, "zolc");
    desk.press("F9");
    assert!(desk.text().contains("Wysłano do druku: wniosek nr 1"), "{}", desk.text());
    assert!(std::fs::read(&printed).unwrap().starts_with(b"%PDF"), "the print command got the PDF");
    let prints: i64 = desk
        .db
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'print' AND login = 'kasia' AND target = 'application:1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(prints, 1);
}

#[test]
fn without_a_print_command_f9_says_which_setting_is_missing() {
    let mut desk = open_as("kasia", NO_COLOUR);
    open_application(&mut desk, "zolc");
    desk.press("F9");
    assert!(desk.text().contains("print_command"), "{}", desk.text());
}
