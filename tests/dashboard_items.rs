//! The dashboard's lists: what is due, for whom, most overdue first.

use chrono::NaiveDate;
use okienko::storage::Db;
use okienko::storage::dashboard::{
    self, CoordinatorCounts, DashboardInput, ItemKind, OpenApplication, PlanFacts, Viewer,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-23")
}

fn app(id: i64, filed: &str, coordinator: Option<&str>) -> OpenApplication {
    OpenApplication {
        id,
        resident_id: 100 + id,
        resident_name: format!("Wniosek {id}"),
        filed_on: d(filed),
        coordinator: coordinator.map(str::to_string),
    }
}

fn plan(id: i64, coordinator: &str, state: &str) -> PlanFacts {
    PlanFacts {
        plan_id: id,
        number: format!("IPUS/{id}"),
        resident_id: 200 + id,
        resident_name: format!("Plan {id}"),
        application_id: None,
        coordinator: coordinator.into(),
        latest_state: state.into(),
        latest_updated: d("2026-01-01"),
        approved_period: None,
        first_start: None,
        last_contact: None,
        ended_on: None,
        follow_up_on: None,
    }
}

fn approved(id: i64, from: &str, to: &str, last_contact: Option<&str>) -> PlanFacts {
    PlanFacts {
        approved_period: Some((d(from), d(to))),
        first_start: Some(d(from)),
        last_contact: last_contact.map(d),
        ..plan(id, "anna", "zatwierdzony")
    }
}

fn input() -> DashboardInput {
    DashboardInput {
        applications: vec![
            app(1, "2026-10-20", Some("anna")),
            app(2, "2026-11-05", Some("anna")),
            app(3, "2026-11-20", Some("anna")),
            app(4, "2026-11-01", None),
            app(5, "2026-10-01", Some("piotr")),
        ],
        plans: vec![
            approved(1, "2026-06-01", "2026-12-10", Some("2026-09-01")),
            approved(2, "2026-03-01", "2027-02-28", Some("2026-08-20")),
            approved(3, "2026-08-01", "2027-01-31", None),
            PlanFacts { ended_on: Some(d("2026-05-10")), ..approved(4, "2025-11-11", "2026-05-10", None) },
            PlanFacts {
                ended_on: Some(d("2026-06-15")),
                follow_up_on: Some(d("2026-11-02")),
                ..approved(5, "2025-12-16", "2026-06-15", None)
            },
            PlanFacts { latest_updated: d("2026-11-18"), ..plan(6, "anna", "szkic") },
            PlanFacts { latest_updated: d("2026-11-22"), ..plan(7, "anna", "szkic") },
            PlanFacts { latest_updated: d("2026-11-20"), ..plan(8, "piotr", "złożony") },
        ],
        last_meeting: Some(d("2026-09-01")),
        ..Default::default()
    }
}

fn anna() -> Viewer {
    Viewer { login: "anna".into(), approves: false, sees_all: false }
}

fn summary(items: &[dashboard::Item]) -> Vec<(i64, i64)> {
    items.iter().map(|i| (i.plan_id.or(i.application_id).unwrap(), i.days)).collect()
}

#[test]
fn lists_applications_near_the_thirty_day_limit_overdue_first() {
    let board = dashboard::build(&input(), &anna(), today());
    // Filed 20 Oct: deadline 19 Nov, 4 days overdue; the unassigned one is shown too; the one
    // filed on 20 Nov still has 27 days and waits; Piotr's is his.
    assert_eq!(summary(&board.applications), [(1, -4), (4, 8), (2, 12)]);
    assert!(board.applications.iter().all(|i| i.kind == ItemKind::ApplicationDeadline));
    assert_eq!(board.applications[0].date, d("2026-11-19"));
}

#[test]
fn lists_plans_ending_within_thirty_days() {
    let board = dashboard::build(&input(), &anna(), today());
    assert_eq!(summary(&board.plans_ending), [(1, 17)]);
    assert_eq!(board.plans_ending[0].resident_id, 201);
}

#[test]
fn lists_monitoring_contacts_due_at_least_quarterly() {
    let board = dashboard::build(&input(), &anna(), today());
    // Plan 3: no contact since it started on 1 Aug, due 1 Nov. Plan 2: last contact 20 Aug, due 20 Nov.
    // Plan 1: contact on 1 Sep, due 1 Dec, more than a week away.
    assert_eq!(summary(&board.monitoring), [(3, -22), (2, -3)]);
}

#[test]
fn lists_follow_ups_six_months_after_the_end_until_recorded() {
    let board = dashboard::build(&input(), &anna(), today());
    assert_eq!(summary(&board.follow_ups), [(4, -13)]);
    assert_eq!(board.follow_ups[0].date, d("2026-11-10"));
}

#[test]
fn lists_drafts_untouched_for_more_than_two_days() {
    let board = dashboard::build(&input(), &anna(), today());
    assert_eq!(summary(&board.drafts), [(6, -5)]);
}

#[test]
fn shows_plans_waiting_for_approval_only_to_approvers() {
    assert!(dashboard::build(&input(), &anna(), today()).awaiting_approval.is_empty());
    let director = Viewer { login: "dyr".into(), approves: true, sees_all: true };
    let board = dashboard::build(&input(), &director, today());
    assert_eq!(summary(&board.awaiting_approval), [(8, -3)]);
    assert!(board.applications.iter().all(|i| i.coordinator.is_none()), "a director sees no one else's cases");
}

#[test]
fn counts_per_coordinator_for_the_organiser() {
    let organiser = Viewer { login: "org".into(), approves: false, sees_all: true };
    let board = dashboard::build(&input(), &organiser, today());
    assert_eq!(
        board.per_coordinator,
        [
            CoordinatorCounts {
                login: "anna".into(),
                active_plans: 3,
                drafts: 2,
                overdue_applications: 1,
                monitoring_due: 2
            },
            CoordinatorCounts {
                login: "piotr".into(),
                active_plans: 0,
                drafts: 0,
                overdue_applications: 1,
                monitoring_due: 0
            },
        ]
    );
    assert!(dashboard::build(&input(), &anna(), today()).per_coordinator.is_empty());
}

#[test]
fn the_organiser_is_reminded_of_the_meeting_and_the_half_year_summary() {
    use okienko::storage::dashboard::{Reminder, ReminderKind};
    let organiser = Viewer { login: "org".into(), approves: false, sees_all: true };
    // The last meeting on 1 September: the next by 1 December; the half-year ends 31 December,
    // 38 days away, beyond the 14 days' warning.
    let board = dashboard::build(&input(), &organiser, today());
    assert_eq!(board.reminders, [Reminder { kind: ReminderKind::CoordinatorsMeeting, date: d("2026-12-01"), days: 8 }]);
    let later = dashboard::build(&input(), &organiser, d("2026-12-20"));
    assert_eq!(
        later.reminders,
        [
            Reminder { kind: ReminderKind::CoordinatorsMeeting, date: d("2026-12-01"), days: -19 },
            Reminder { kind: ReminderKind::HalfYearSummary, date: d("2026-12-31"), days: 11 },
        ]
    );
    let never = DashboardInput { last_meeting: None, ..input() };
    assert_eq!(dashboard::build(&never, &organiser, today()).reminders[0].days, 0, "no meeting yet: due today");
    assert!(dashboard::build(&input(), &anna(), today()).reminders.is_empty(), "coordinators are not reminded");
}

#[test]
fn loads_open_applications_and_plan_dates_from_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db: Db = okienko::session::create_centre(&dir.path().join("c.db"), "CUS").unwrap();
    db.conn()
        .execute_batch(
            "INSERT INTO staff (login, created_at) VALUES ('anna', 'x');
             INSERT INTO resident (id, first_name, last_name, created_at, updated_at, updated_by)
                 VALUES (1, 'Ewa', 'Nowak', 'x', 'x', 'x'), (2, 'Jan', 'Lis', 'x', 'x', 'x');
             INSERT INTO application (id, resident_id, filed_on, applicant_kind, state, coordinator_login, created_at, created_by)
                 VALUES (1, 1, '2026-10-20', 'mieszkaniec', 'diagnoza', 'anna', 'x', 'x'),
                        (2, 2, '2026-10-25', 'mieszkaniec', 'diagnoza', 'anna', 'x', 'x'),
                        (3, 2, '2026-10-26', 'mieszkaniec', 'przekazany', 'anna', 'x', 'x');
             -- Application 2 has a submitted plan: drafted in time, off the clock.
             INSERT INTO plan (id, number, resident_id, application_id, coordinator_login, created_at)
                 VALUES (1, 'IPUS/1', 2, 2, 'anna', '2026-10-26T10:00:00Z');
             INSERT INTO plan_version (plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
                 VALUES (1, 1, 'zastąpiony', '2026-05-01', '2026-10-31', '2026-04-20', '2026-04-20T10:00:00Z', 'anna'),
                        (1, 2, 'zatwierdzony', '2026-07-01', '2026-12-20', '2026-06-20', '2026-06-25T10:00:00Z', 'anna'),
                        (1, 3, 'złożony', '2026-07-01', '2027-03-31', '2026-11-20', '2026-11-21T10:00:00Z', 'anna');
             INSERT INTO monitoring_contact (plan_id, contact_on, channel, recorded_by, recorded_at)
                 VALUES (1, '2026-06-01', 'telefon', 'anna', 'x'), (1, '2026-08-10', 'wizyta', 'anna', 'x');",
        )
        .unwrap();
    let input = dashboard::load(db.conn(), d("2026-11-23")).unwrap();
    assert_eq!(input.applications.iter().map(|a| a.id).collect::<Vec<_>>(), [1]);
    assert_eq!(input.applications[0].resident_name, "Nowak Ewa");
    let p = &input.plans[0];
    assert_eq!(p.latest_state, "złożony");
    assert_eq!(p.latest_updated, d("2026-11-21"));
    assert_eq!(p.approved_period, Some((d("2026-07-01"), d("2026-12-20"))));
    assert_eq!(p.first_start, Some(d("2026-05-01")));
    assert_eq!(p.last_contact, Some(d("2026-08-10")));
    let board = dashboard::build(&input, &anna(), today());
    assert_eq!(summary(&board.plans_ending), [(1, 27)]);
    // Last contact 10 Aug: due 10 Nov.
    assert_eq!(summary(&board.monitoring), [(1, -13)]);
}
