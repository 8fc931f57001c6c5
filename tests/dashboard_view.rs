//! The dashboard view (F5) on an 80×24 test terminal, with background work run on the spot.

mod support;

use okienko::storage::audit;
use okienko::tui::theme::Theme;
use okienko::tui::{Effect, Job, Msg};
use support::desk::{self, ASCII, COLOUR, Desk, MODES, NO_COLOUR};

/// What is due for Kasia on 2026-11-23, on top of the shared test centre (whose unassigned
/// application for Łukasz Żółć, filed 2 November, has 9 days left).
const DUE: &str = "
    INSERT INTO staff (login, full_name, created_at) VALUES ('org', 'Organizatorka', 'x');
    INSERT INTO staff_role (login, role) VALUES ('org', 'organizator');
    -- Jan Nowicki's application, 4 days past the 30-day limit.
    INSERT INTO application (id, resident_id, filed_on, applicant_kind, state, coordinator_login, created_at, created_by)
        VALUES (50, 4, '2026-10-20', 'mieszkaniec', 'złożony', 'kasia', 'x', 'x');
    -- Anna Nowak's plan ends in 17 days.
    INSERT INTO plan (id, number, resident_id, coordinator_login, created_at) VALUES (11, 'IPUS/2026/011', 2, 'kasia', 'x');
    INSERT INTO plan_version (plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
        VALUES (11, 1, 'zatwierdzony', '2026-06-01', '2026-12-10', '2026-05-20', '2026-05-25T10:00:00Z', 'kasia');
    INSERT INTO monitoring_contact (plan_id, contact_on, channel, recorded_by, recorded_at)
        VALUES (11, '2026-09-01', 'telefon', 'kasia', 'x');
    -- Zofia's monitoring contact is 3 days overdue (last one on 20 August).
    INSERT INTO plan (id, number, resident_id, coordinator_login, created_at) VALUES (3, 'IPUS/2026/003', 3, 'kasia', 'x');
    INSERT INTO plan_version (plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
        VALUES (3, 1, 'zatwierdzony', '2026-03-01', '2027-02-28', '2026-02-20', '2026-02-25T10:00:00Z', 'kasia');
    INSERT INTO monitoring_contact (plan_id, contact_on, channel, recorded_by, recorded_at)
        VALUES (3, '2026-08-20', 'wizyta', 'kasia', 'x');
    -- A plan that ended on 10 May: the follow-up was due on 10 November.
    INSERT INTO plan (id, number, resident_id, coordinator_login, created_at, ended_on, end_reason)
        VALUES (40, 'IPUS/2025/040', 5, 'kasia', 'x', '2026-05-10', 'zakończony');
    INSERT INTO plan_version (plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
        VALUES (40, 1, 'zatwierdzony', '2025-11-11', '2026-05-10', '2025-11-01', '2025-11-05T10:00:00Z', 'kasia');
    -- A draft untouched since 18 November.
    INSERT INTO plan (id, number, resident_id, application_id, coordinator_login, created_at)
        VALUES (15, 'IPUS/2026/015', 4, 50, 'kasia', 'x');
    INSERT INTO plan_version (plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
        VALUES (15, 1, 'szkic', '2026-12-01', '2027-05-31', '2026-11-18', '2026-11-18T10:00:00Z', 'kasia');
    -- Submitted for approval on 20 November.
    INSERT INTO plan (id, number, resident_id, coordinator_login, created_at) VALUES (16, 'IPUS/2026/016', 6, 'kasia', 'x');
    INSERT INTO plan_version (plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
        VALUES (16, 1, 'złożony', '2026-12-01', '2027-05-31', '2026-11-19', '2026-11-20T10:00:00Z', 'kasia');
";

fn open_as(login: &str, theme: Theme) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (_, db) = support::centre::centre(dir.path());
    db.conn().execute_batch(DUE).unwrap();
    Desk::open(db, login, desk::options(theme, support::centre::today())).keeping(dir)
}

#[test]
fn screens_at_80_by_24() {
    for (mode, theme) in MODES {
        let mut desk = open_as("kasia", theme);
        desk.press("F5");
        insta::assert_snapshot!(format!("coordinator_{mode}"), desk.screen());
    }
    let mut desk = open_as("org", COLOUR);
    desk.press("F5");
    insta::assert_snapshot!("organiser_colour", desk.screen());
}

#[test]
fn a_coordinator_sees_her_deadlines_most_overdue_first() {
    let mut desk = open_as("kasia", NO_COLOUR);
    desk.press("F5");
    let screen = desk.text();
    for expected in [
        "!po terminie 4 dni  Nowicki Jan            termin 2026-11-19",
        "  zostało 9 dni      Żółć Łukasz            termin 2026-12-02",
        "  za 17 dni          Nowak Anna             IPUS/2026/011, do 2026-12-10",
        " !po terminie 3 dni  Nowakowska-Żak Zofia   IPUS/2026/003, termin 2026-11-20",
        " !po terminie 13 dni Kowalska Nowak         IPUS/2025/040, termin 2026-11-10",
        "  bez zmian 5 dni    Nowicki Jan            IPUS/2026/015, od 2026-11-18",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    let overdue = screen.find("po terminie 4 dni").unwrap();
    let left = screen.find("zostało 9 dni").unwrap();
    assert!(overdue < left, "overdue first:\n{screen}");
    assert!(!screen.contains("do zatwierdzenia"), "a coordinator does not approve:\n{screen}");
}

#[test]
fn approvers_see_plans_waiting_and_the_organiser_counts_per_coordinator() {
    let mut desk = open_as("dyr", NO_COLOUR);
    desk.press("F5");
    let screen = desk.text();
    assert!(screen.contains("Plany do zatwierdzenia"), "{screen}");
    assert!(screen.contains("czeka 3 dni") && screen.contains("IPUS/2026/016"), "{screen}");
    assert!(screen.contains("Koordynatorzy"), "{screen}");
    // Kasia: plans 011, 003 and 007 in progress; one draft; one overdue application; one contact due.
    assert!(screen.contains("kasia                            3       1                    1           1"), "{screen}");
}

#[test]
fn enter_on_an_application_opens_that_application_not_the_card() {
    let mut desk = open_as("kasia", COLOUR);
    desk.press("F5 enter");
    let screen = desk.text();
    assert!(screen.contains("Jan Nowicki · wniosek nr 50"), "{screen}");
    assert!(screen.contains("po terminie 4 dni") && screen.contains("Co zrobiono"), "{screen}");
    assert!(!screen.contains("Dębica"), "the card stays closed:\n{screen}");
    let looks = audit::entries(desk.db.conn(), None, Some("kasia"), 10).unwrap();
    let looks: Vec<(&str, &str)> = looks.iter().map(|e| (e.action.as_str(), e.target.as_str())).collect();
    assert_eq!(looks, [("view", "application:50")], "a look at the application, no card opened");
    desk.press("esc");
    assert!(
        desk.text().contains("Wnioski: 30 dni na sporządzenie planu"),
        "Esc goes back to the dashboard:\n{}",
        desk.text()
    );
}

#[test]
fn the_selection_moves_down_the_lists_and_enter_follows_it() {
    let mut desk = open_as("kasia", COLOUR);
    desk.press("F5 down enter");
    let screen = desk.text();
    assert!(screen.contains("Łukasz Żółć · wniosek nr 1"), "{screen}");
}

#[test]
fn f5_on_the_dashboard_reads_it_afresh() {
    let mut desk = open_as("kasia", NO_COLOUR);
    desk.press("F5");
    assert!(!desk.text().contains("zostało 8 dni"), "{}", desk.text());
    desk.db
        .conn()
        .execute(
            "INSERT INTO application (resident_id, filed_on, applicant_kind, state, created_at, created_by)
             VALUES (5, '2026-11-01', 'mieszkaniec', 'złożony', 'x', 'x')",
            [],
        )
        .unwrap();
    desk.press("F5");
    assert!(desk.text().contains("  zostało 8 dni      Kowalska Nowak         termin 2026-12-01"), "{}", desk.text());
}

#[test]
fn enter_on_a_plan_opens_it_in_the_plans_view() {
    let mut desk = open_as("kasia", NO_COLOUR);
    // Third item: Anna Nowak's plan ending on 10 December.
    desk.press("F5 down down enter");
    let screen = desk.text();
    assert!(screen.contains("IPUS/2026/011"), "{screen}");
    assert!(!screen.contains("Kontakt monitorujący"), "the dashboard gave way:\n{screen}");
    assert!(screen.contains("IPUS/2026/011 v1 zatwierdzony"), "{screen}");
}

/// The line the selection pointer is on.
fn selected_line(screen: &str) -> &str {
    screen.lines().find(|l| l.contains('>')).unwrap_or_else(|| panic!("no selection:\n{screen}"))
}

#[test]
fn another_desks_commit_refreshes_the_dashboard_and_the_selection_stays_on_its_item() {
    let mut desk = open_as("kasia", ASCII);
    desk.press("F5 down");
    assert!(selected_line(&desk.text()).contains("Żółć Łukasz"), "{}", desk.text());
    // Another desk files an application that is already overdue: it goes to the top of the list.
    desk.db
        .conn()
        .execute(
            "INSERT INTO application (resident_id, filed_on, applicant_kind, state, coordinator_login, created_at, created_by)
             VALUES (5, '2026-10-15', 'mieszkaniec', 'złożony', 'kasia', 'x', 'x')",
            [],
        )
        .unwrap();
    desk.app.handle_msg(Msg::BaseTick);
    desk.settle();
    let screen = desk.text();
    assert!(screen.contains("po terminie 9 dni  Kowalska Nowak"), "{screen}");
    assert!(selected_line(&screen).contains("Żółć Łukasz"), "{screen}");
}

#[test]
fn the_ticker_leaves_a_dashboard_never_opened_unread() {
    let mut desk = open_as("kasia", ASCII);
    desk.app.handle_msg(Msg::BaseTick);
    assert!(!desk.app.take_effects().iter().any(|e| matches!(e, Effect::Job(Job::LoadDashboard { .. }))));
}

#[test]
fn a_new_day_moves_the_deadlines_on() {
    let mut desk = open_as("kasia", NO_COLOUR);
    desk.press("F5");
    assert!(desk.text().contains("zostało 9 dni      Żółć Łukasz"), "{}", desk.text());
    desk.app.handle_msg(Msg::NewDay(support::centre::today().succ_opt().unwrap()));
    desk.settle();
    let screen = desk.text();
    assert!(screen.contains("zostało 8 dni      Żółć Łukasz"), "{screen}");
    assert!(screen.contains("2026-11-24"), "the title carries the new day:\n{screen}");
}

#[test]
fn three_digit_day_counts_keep_the_columns_and_a_plan_submitted_today_waits_since_today() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db) = support::centre::centre(dir.path());
    db.conn().execute_batch(DUE).unwrap();
    db.conn()
        .execute_batch(
            "-- Anna Nowak's application, filed in June: its 30 days ran out 154 days ago.
             INSERT INTO application (id, resident_id, filed_on, applicant_kind, state, coordinator_login, created_at, created_by)
                 VALUES (51, 2, '2026-05-23', 'mieszkaniec', 'złożony', 'kasia', 'x', 'x');
             UPDATE plan_version SET updated_at = '2026-11-23T08:00:00Z' WHERE plan_id = 16;",
        )
        .unwrap();
    let mut desk = Desk::open(db, "kasia", desk::options(COLOUR, support::centre::today())).keeping(dir);
    desk.press("F5");
    let screen = desk.text();
    let row = |name: &str| screen.lines().find(|l| l.contains(name) && l.contains("termin")).map(str::to_string);
    let long = row("Nowak Anna").unwrap_or_else(|| panic!("{screen}"));
    assert!(long.contains("po terminie 154 dni"), "{screen}");
    let short = screen.lines().find(|l| l.contains("po terminie 4 dni")).unwrap_or_else(|| panic!("{screen}"));
    let column = |line: &str, name: &str| line.find(name).map(|at| okienko::tui::widgets::list::width(&line[..at]));
    assert_eq!(column(&long, "Nowak Anna"), column(short, "Nowicki Jan"), "names line up:\n{screen}");

    let mut desk =
        Desk::open(okienko::storage::Db::open(&path).unwrap(), "dyr", desk::options(COLOUR, support::centre::today()));
    desk.press("F5");
    let screen = desk.text();
    let waiting = screen.lines().find(|l| l.contains("IPUS/2026/016")).unwrap_or_else(|| panic!("{screen}"));
    assert!(waiting.contains("czeka od dziś") && !screen.contains("czeka 0 dni"), "{screen}");
}
