//! Letters are text: every Polish letter and every digit typed into every view of the desk
//! (search, results, card, service base table and detail, the plans' filter, an opened plan,
//! dashboard, reports) either lands in a text field or does nothing. No command runs, no popup opens,
//! nothing is written and no audit entry appears — a name typed while a caller spells it can
//! never reveal a PESEL, open a form, suspend a service or end a plan.

mod support;

use okienko::tui::msg::{PlanJob, ReportJob};
use okienko::tui::{Job, Msg};
use support::desk::{self, Desk, NO_COLOUR};

/// Every letter of the Polish alphabet in both cases, the letters Polish borrows, and the digits.
const EVERY_LETTER: &str = "aąbcćdeęfghijklłmnńoóprsśtuwyzźżqvxAĄBCĆDEĘFGHIJKLŁMNŃOÓPRSŚTUWYZŹŻQVX0123456789";

/// Where the typed text goes in the view being checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lands {
    /// In a text field shown on screen (a search or a filter).
    InAField,
    /// Nowhere: the view has no text field, so the screen stays as it was.
    Nowhere,
}

fn audit_entries(desk: &Desk) -> i64 {
    desk.db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap()
}

/// Jobs that only read: a search's answer may bring them, no key press of a letter may ask more.
fn only_reads(job: &Job) -> bool {
    matches!(
        job,
        Job::LoadBase { .. }
            | Job::LoadDashboard { .. }
            | Job::Plan(PlanJob::List)
            | Job::Report(ReportJob::Load { .. })
            | Job::OpenCard { audit: false, .. }
    )
}

/// A popup stands inside the body, so its top-left corner is drawn away from the left edge.
fn popup_on(screen: &str) -> bool {
    screen.lines().any(|l| l.chars().skip(1).any(|c| c == '┌'))
}

fn assert_letters_are_text(desk: &mut Desk, place: &str, lands: Lands) {
    let audited = audit_entries(desk);
    let asked = desk.jobs.len();
    let before = desk.text();
    assert!(!popup_on(&before), "{place}: a popup is open before typing:\n{before}");
    desk.type_text(EVERY_LETTER);
    let after = desk.text();
    assert_eq!(audit_entries(desk), audited, "{place}: typing wrote to the audit log:\n{after}");
    let commands: Vec<&Job> = desk.jobs[asked..].iter().filter(|j| !only_reads(j)).collect();
    assert!(commands.is_empty(), "{place}: typing asked for {commands:?}:\n{after}");
    assert!(!popup_on(&after), "{place}: typing opened a popup:\n{after}");
    match lands {
        // A long text shows its beginning or its end, as the field has room.
        Lands::InAField => assert!(
            after.contains("aąbcćdeęfghijkl") || after.contains("ŹŻQVX0123456789"),
            "{place}: the typed text is not shown:\n{after}"
        ),
        Lands::Nowhere => assert_eq!(after, before, "{place}: typing changed the screen"),
    }
}

/// The small centre of the resident tests, at the desk of the coordinator `kasia`.
fn coordinator() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (_, db) = support::centre::centre(dir.path());
    Desk::open(db, "kasia", desk::options(NO_COLOUR, support::centre::today())).keeping(dir)
}

/// The centre of the report tests (services, pools, plans), at the organiser's desk.
fn organiser() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let db = okienko::session::create_centre(&dir.path().join("c.db"), "CUS Starachowice").unwrap();
    db.conn()
        .execute_batch(
            "INSERT INTO staff (login, full_name, created_at) VALUES ('org', 'Organizatorka', 'x');
             INSERT INTO staff_role (login, role) VALUES ('org', 'organizator');",
        )
        .unwrap();
    db.conn().execute_batch(include_str!("fixtures/reports_centre.sql")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    Desk::open(db, "org", desk::options(NO_COLOUR, today)).keeping(dir)
}

#[test]
fn letters_typed_in_the_search_the_results_and_on_a_card_are_a_search() {
    let mut desk = coordinator();
    desk.press("F2");
    assert_letters_are_text(&mut desk, "the empty search", Lands::InAField);

    let mut desk = coordinator();
    desk.press("F2");
    desk.type_text("nowak");
    desk.press("tab");
    assert_letters_are_text(&mut desk, "the results", Lands::InAField);

    let mut desk = coordinator();
    desk.press("F2");
    desk.type_text("zolc");
    desk.press("enter");
    assert!(desk.text().contains("Karta mieszkańca"), "{}", desk.text());
    assert_letters_are_text(&mut desk, "the card", Lands::InAField);
    assert!(!desk.text().contains("Karta mieszkańca"), "typing on a card starts a new search:\n{}", desk.text());
}

#[test]
fn the_next_callers_name_typed_on_a_card_reveals_nothing_and_opens_no_form() {
    for name in ["Kopeć", "Kowalska", "Tomasz Cichy", "Wawrzyniec Alicja"] {
        let mut desk = coordinator();
        desk.type_text("zolc");
        desk.press("enter");
        let audited = audit_entries(&desk);
        desk.type_text(name);
        let screen = desk.text();
        assert_eq!(audit_entries(&desk), audited, "{name}: an audit entry was written:\n{screen}");
        assert!(!screen.contains("44051401359"), "{name}: the PESEL was revealed:\n{screen}");
        assert!(desk.clipboard.is_empty(), "{name}: something was copied");
        assert!(screen.contains(name), "{name} is the new search:\n{screen}");
    }
}

#[test]
fn letters_typed_in_plans_an_opened_plan_and_the_dashboard_do_nothing() {
    let mut desk = coordinator();
    desk.press("F4");
    assert_letters_are_text(&mut desk, "the plans", Lands::InAField);
    desk.press("ctrl-u enter");
    assert!(desk.text().contains("IPUS/2026/007"), "{}", desk.text());
    assert_letters_are_text(&mut desk, "an approved plan", Lands::Nowhere);
    desk.press("tab");
    assert_letters_are_text(&mut desk, "an approved plan's lines", Lands::Nowhere);

    let mut desk = coordinator();
    desk.press("F5");
    assert_letters_are_text(&mut desk, "the dashboard", Lands::Nowhere);
}

#[test]
fn letters_typed_in_the_service_base_filter_it_and_change_no_service() {
    let mut desk = organiser();
    desk.press("F3");
    desk.app.handle_msg(Msg::BaseTick);
    desk.settle();
    assert_letters_are_text(&mut desk, "the service base table", Lands::InAField);

    let mut desk = organiser();
    desk.press("F3");
    desk.app.handle_msg(Msg::BaseTick);
    desk.settle();
    desk.press("enter");
    let suspended = |desk: &Desk| -> String {
        desk.db.conn().query_row("SELECT group_concat(id || ':' || suspended) FROM service", [], |r| r.get(0)).unwrap()
    };
    let before = suspended(&desk);
    assert_letters_are_text(&mut desk, "a service's detail", Lands::InAField);
    assert_eq!(suspended(&desk), before, "no service was suspended or resumed");
}

#[test]
fn letters_typed_on_the_organisers_dashboard_and_reports_do_nothing() {
    let mut desk = organiser();
    desk.press("F5");
    assert_letters_are_text(&mut desk, "the organiser's dashboard", Lands::Nowhere);
    desk.press("alt-r");
    assert!(desk.text().contains("Raport"), "{}", desk.text());
    assert_letters_are_text(&mut desk, "the reports", Lands::Nowhere);

    let mut desk = organiser();
    desk.press("F4");
    assert_letters_are_text(&mut desk, "the organiser's plans", Lands::InAField);
    desk.press("ctrl-u enter");
    assert_letters_are_text(&mut desk, "a plan the organiser opened", Lands::Nowhere);
}
