//! Applications and plans on a real database file: from the application to approval, updates,
//! resignation and the end.

mod support;

use chrono::NaiveDate;
use okienko::domain::ipus::{LineContent, PlanContent, VersionState};
use okienko::domain::monitoring::Contact;
use okienko::domain::period::PeriodKind;
use okienko::domain::qualification::Refusal;
use okienko::domain::resident::ResidentInput;
use okienko::domain::roles::Role;
use okienko::storage::applications::{self, ApplicantKind, ApplicationInput, ForResident};
use okienko::storage::plans::{self, EndReason};
use okienko::storage::staff::{self, StaffMember};
use okienko::storage::{Db, StorageError, pools, qualifications, waitlist};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

struct Centre {
    dir: tempfile::TempDir,
    db: Db,
    koord: StaffMember,
    dyr: StaffMember,
}

fn centre(pool_limit: i64) -> Centre {
    let dir = tempfile::tempdir().unwrap();
    let mut db = okienko::session::create_centre(&dir.path().join("c.db"), "CUS test").unwrap();
    let admin = staff::os_login();
    db.write(|tx| {
        staff::add(tx, &admin, "koord", "Anna Nowak", &[Role::Koordynator], false)?;
        staff::add(tx, &admin, "koord2", "Jan Lis", &[Role::Koordynator], false)?;
        staff::add(tx, &admin, "dyr", "", &[Role::Dyrektor], false)?;
        staff::add(tx, &admin, "org", "", &[Role::Organizator], false)?;
        staff::add(tx, &admin, "rec", "", &[Role::Recepcja], false)?;
        tx.execute_batch(
            "INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (1, 'TAXI', 'Taxi senioralne', 'kurs', 'x', 'x');
             INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (2, 'OPIEKA', 'Usługi opiekuńcze', 'godzina', 'x', 'x');",
        )?;
        tx.execute(
            "INSERT INTO capacity_pool (service_id, period_kind, units_limit, valid_from, updated_at, updated_by)
             VALUES (1, 'month', ?1, '2026-01-01', 'x', 'x')",
            [pool_limit],
        )?;
        Ok(())
    })
    .unwrap();
    let koord = staff::identify(db.conn(), "koord").unwrap();
    let dyr = staff::identify(db.conn(), "dyr").unwrap();
    Centre { dir, db, koord, dyr }
}

fn who(c: &Centre, login: &str) -> StaffMember {
    staff::identify(c.db.conn(), login).unwrap()
}

fn application(c: &mut Centre, first: &str, filed: &str) -> i64 {
    let me = c.koord.clone();
    let record =
        ResidentInput { first_name: first.into(), last_name: "Żółć".into(), ..Default::default() }.validate().unwrap();
    let input = support::plans::walk_in(d(filed), "dowozy do lekarza");
    c.db.write(|tx| applications::register(tx, &me, ForResident::New(&record), &input)).unwrap()
}

fn taxi(units: u32) -> LineContent {
    support::plans::taxi_line(units, d("2026-04-01"), d("2026-12-31"))
}

fn content(lines: Vec<LineContent>) -> PlanContent {
    PlanContent {
        period_start: d("2026-04-01"),
        period_end: d("2026-12-31"),
        needs: "dojazdy do lekarza".into(),
        expected_effects: String::new(),
        quality_check: "co kwartał".into(),
        lines,
        actions: Vec::new(),
    }
}

const TODAY: &str = "2026-03-10";

/// A plan drafted with `units` taxi rides a month and submitted; returns (plan, version).
fn submitted_plan(c: &mut Centre, first: &str, units: u32) -> (i64, i64) {
    let app = application(c, first, "2026-03-02");
    let me = c.koord.clone();
    let (plan, version) =
        c.db.write(|tx| plans::create_draft(tx, &me, app, &content(vec![taxi(units)]), d(TODAY))).unwrap();
    c.db.write(|tx| plans::submit(tx, &me, version, d(TODAY))).unwrap();
    (plan, version)
}

fn state_of(c: &Centre, version: i64) -> VersionState {
    plans::version(c.db.conn(), version).unwrap().state
}

#[test]
fn a_draft_is_numbered_submitted_and_approved_by_the_director() {
    let mut c = centre(10);
    let (plan, version) = submitted_plan(&mut c, "Łukasz", 2);
    let h = plans::header(c.db.conn(), plan).unwrap();
    assert_eq!(h.number, "IPUS/2026/0001");
    assert_eq!(state_of(&c, version), VersionState::Submitted);
    let dyr = c.dyr.clone();
    c.db.write(|tx| plans::approve(tx, &dyr, version, None, "zgoda", None)).unwrap();
    assert_eq!(state_of(&c, version), VersionState::Approved);
    let detail = plans::detail(c.db.conn(), plan).unwrap();
    let decisions: Vec<&str> = detail.decisions.iter().map(|d| d.decision.as_str()).collect();
    assert_eq!(decisions, ["złożony", "zatwierdzony"]);
    let audit = okienko::storage::audit::entries(c.db.conn(), Some(h.resident_id), None, 50).unwrap();
    assert!(audit.iter().any(|e| e.action == "approve" && e.login == "dyr"), "{audit:?}");
    assert_eq!(applications::get(c.db.conn(), h.application_id.unwrap()).unwrap().state, "plan");
    let (second, _) = submitted_plan(&mut c, "Anna", 1);
    assert_eq!(plans::header(c.db.conn(), second).unwrap().number, "IPUS/2026/0002");
}

#[test]
fn only_a_director_or_an_authorised_organiser_approves() {
    let mut c = centre(10);
    let (_, version) = submitted_plan(&mut c, "Łukasz", 2);
    for login in ["koord", "org", "rec"] {
        let me = who(&c, login);
        let err = c.db.write(|tx| plans::approve(tx, &me, version, None, "", None)).unwrap_err();
        assert!(matches!(err, StorageError::Forbidden(_)), "{login}: {err}");
    }
    let admin = staff::os_login();
    c.db.write(|tx| staff::add(tx, &admin, "org", "", &[Role::Organizator], true)).unwrap();
    let org = who(&c, "org");
    c.db.write(|tx| plans::approve(tx, &org, version, None, "", None)).unwrap();
    assert_eq!(state_of(&c, version), VersionState::Approved);
}

#[test]
fn a_returned_plan_carries_the_comment_and_is_edited_and_submitted_again() {
    let mut c = centre(10);
    let (plan, version) = submitted_plan(&mut c, "Łukasz", 2);
    let dyr = c.dyr.clone();
    let err = c.db.write(|tx| plans::return_version(tx, &dyr, version, " ")).unwrap_err();
    assert!(err.to_string().starts_with("komentarz:"), "{err}");
    c.db.write(|tx| plans::return_version(tx, &dyr, version, "dopisz harmonogram opieki")).unwrap();
    assert_eq!(state_of(&c, version), VersionState::Returned);
    let detail = plans::detail(c.db.conn(), plan).unwrap();
    assert_eq!(detail.decisions.last().unwrap().comment, "dopisz harmonogram opieki");

    let koord = c.koord.clone();
    let stored = plans::version(c.db.conn(), version).unwrap();
    let mut edited = stored.content.clone();
    edited.lines[0].schedule = "wtorki i czwartki".into();
    plans::save_draft(&mut c.db, &koord, version, stored.revision, edited, d(TODAY)).unwrap();
    assert_eq!(state_of(&c, version), VersionState::Draft);
    c.db.write(|tx| plans::submit(tx, &koord, version, d(TODAY))).unwrap();
    c.db.write(|tx| plans::approve(tx, &dyr, version, None, "", None)).unwrap();
    assert_eq!(plans::version(c.db.conn(), version).unwrap().content.lines[0].schedule, "wtorki i czwartki");
}

#[test]
fn an_update_is_version_two_and_its_approval_supersedes_version_one_both_readable() {
    let mut c = centre(10);
    let (plan, v1) = submitted_plan(&mut c, "Łukasz", 2);
    let (koord, dyr) = (c.koord.clone(), c.dyr.clone());
    c.db.write(|tx| plans::approve(tx, &dyr, v1, None, "", None)).unwrap();
    let v2 = c.db.write(|tx| plans::start_update(tx, &koord, plan, d("2026-06-01"))).unwrap();
    let err = c.db.write(|tx| plans::start_update(tx, &koord, plan, d("2026-06-01"))).unwrap_err();
    assert!(err.to_string().contains("wersję 2"), "{err}");
    // Version 1 stays in force while version 2 is drafted.
    assert_eq!(state_of(&c, v1), VersionState::Approved);
    let stored = plans::version(c.db.conn(), v2).unwrap();
    assert_eq!(stored.version, 2);
    let mut updated = stored.content.clone();
    updated.lines[0].amount.units = 3;
    plans::save_draft(&mut c.db, &koord, v2, stored.revision, updated, d("2026-06-01")).unwrap();
    c.db.write(|tx| plans::submit(tx, &koord, v2, d("2026-06-01"))).unwrap();
    c.db.write(|tx| plans::approve(tx, &dyr, v2, None, "", None)).unwrap();
    assert_eq!(state_of(&c, v1), VersionState::Superseded);
    assert_eq!(state_of(&c, v2), VersionState::Approved);
    let detail = plans::detail(c.db.conn(), plan).unwrap();
    assert_eq!(detail.versions.len(), 2);
    assert_eq!(detail.versions[0].content.lines[0].amount.units, 2);
    let changes = okienko::domain::ipus::diff(&detail.versions[0].content, &detail.versions[1].content);
    let [okienko::domain::ipus::LineChange::Changed { service, changes }] = &changes.lines[..] else {
        panic!("one changed line: {changes:?}")
    };
    assert_eq!(service, "Taxi senioralne");
    assert_eq!(
        changes.iter().map(|c| (c.field, c.before.as_str(), c.after.as_str())).collect::<Vec<_>>(),
        [("ilość", "2 / miesiąc", "3 / miesiąc")]
    );
    // The pool counts only the version in force.
    let pool = &pools::pools_of_service(c.db.conn(), 1).unwrap()[0];
    let july = PeriodKind::Month.containing(d("2026-07-01"));
    assert_eq!(pools::granted(c.db.conn(), pool, july, None).unwrap(), 3);
}

#[test]
fn a_stale_save_is_refused_naming_who_saved_and_gives_the_typed_content_back() {
    let mut c = centre(10);
    let app = application(&mut c, "Łukasz", "2026-03-02");
    let koord = c.koord.clone();
    let koord2 = who(&c, "koord2");
    let (_, version) =
        c.db.write(|tx| plans::create_draft(tx, &koord, app, &content(vec![taxi(2)]), d(TODAY))).unwrap();
    let read_by_both = plans::version(c.db.conn(), version).unwrap().revision;
    let mut first = content(vec![taxi(2)]);
    first.needs = "pierwsza wersja potrzeb".into();
    plans::save_draft(&mut c.db, &koord2, version, read_by_both, first, d(TODAY)).unwrap();
    let mut mine = content(vec![taxi(4)]);
    mine.needs = "moje długie notatki z rozmowy".into();
    let refused = plans::save_draft(&mut c.db, &koord, version, read_by_both, mine.clone(), d(TODAY)).unwrap_err();
    let message = refused.to_string();
    assert!(message.starts_with("plan zmieniony przez koord2 o "), "{message}");
    assert!(!message.contains("zachowano"), "storage keeps nothing; each front end says what is left: {message}");
    assert_eq!(*refused.content, mine);
    assert_eq!(plans::version(c.db.conn(), version).unwrap().content.needs, "pierwsza wersja potrzeb");
}

#[test]
fn approval_fails_cleanly_when_another_plan_took_the_units_meanwhile() {
    let mut c = centre(10);
    let (plan_a, va) = submitted_plan(&mut c, "Łukasz", 6);
    let (_, vb) = submitted_plan(&mut c, "Anna", 6);
    let dyr = c.dyr.clone();
    c.db.write(|tx| plans::approve(tx, &dyr, vb, None, "", None)).unwrap();
    let err = c.db.write(|tx| plans::approve(tx, &dyr, va, None, "", None)).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("pozycja 1 (Taxi senioralne)"), "{message}");
    assert!(message.contains("2026-04"), "{message}");
    assert_eq!(state_of(&c, va), VersionState::Submitted);
    let detail = plans::detail(c.db.conn(), plan_a).unwrap();
    assert!(detail.decisions.iter().all(|d| d.decision != "zatwierdzony"));
    // The coordinator can put the application on the waiting list for the service.
    let koord = c.koord.clone();
    let app = detail.header.application_id.unwrap();
    c.db.write(|tx| waitlist::join(tx, &koord, app, 1, 6)).unwrap();
    assert_eq!(waitlist::waiting(c.db.conn(), 1).unwrap()[0].application_id, app);
}

#[test]
fn a_stale_approval_is_refused_when_the_version_changed_since_it_was_read() {
    let mut c = centre(10);
    let (_, version) = submitted_plan(&mut c, "Łukasz", 2);
    let read = plans::version(c.db.conn(), version).unwrap().revision;
    let dyr = c.dyr.clone();
    c.db.write(|tx| plans::return_version(tx, &dyr, version, "popraw")).unwrap();
    let koord = c.koord.clone();
    c.db.write(|tx| plans::submit(tx, &koord, version, d(TODAY))).unwrap();
    let err = c.db.write(|tx| plans::approve(tx, &dyr, version, Some(read), "", None)).unwrap_err();
    assert!(err.to_string().contains("zmieniła się od odczytu"), "{err}");
}

#[test]
fn resignation_from_a_line_returns_its_units_to_the_pool() {
    let mut c = centre(10);
    let (plan, version) = submitted_plan(&mut c, "Łukasz", 6);
    let (koord, dyr) = (c.koord.clone(), c.dyr.clone());
    c.db.write(|tx| plans::approve(tx, &dyr, version, None, "", None)).unwrap();
    let pool = &pools::pools_of_service(c.db.conn(), 1).unwrap()[0];
    let august = PeriodKind::Month.containing(d("2026-08-01"));
    assert_eq!(pools::granted(c.db.conn(), pool, august, None).unwrap(), 6);
    let err = c.db.write(|tx| plans::resign_line(tx, &koord, plan, 1, d("2026-07-01"), d("2026-06-30"))).unwrap_err();
    assert!(err.to_string().starts_with("data poinformowania dyrektora"), "{err}");
    c.db.write(|tx| plans::resign_line(tx, &koord, plan, 1, d("2026-07-01"), d("2026-07-02"))).unwrap();
    assert_eq!(pools::granted(c.db.conn(), pool, august, None).unwrap(), 0);
    let v = plans::version(c.db.conn(), version).unwrap();
    assert_eq!(v.content.lines[0].resigned_on, Some(d("2026-07-01")));
    assert_eq!(v.lines[0].director_informed_on, Some(d("2026-07-02")));
}

#[test]
fn only_the_plans_coordinator_the_organiser_or_the_director_end_or_resign_a_plan() {
    let mut c = centre(10);
    let (plan, version) = submitted_plan(&mut c, "Łukasz", 6);
    let dyr = c.dyr.clone();
    c.db.write(|tx| plans::approve(tx, &dyr, version, None, "", None)).unwrap();
    let (other, rec) = (who(&c, "koord2"), who(&c, "rec"));
    let on = d("2026-08-31");
    for refused in [&other, &rec] {
        let err =
            c.db.write(|tx| plans::resign_line(tx, refused, plan, 1, on, on))
                .expect_err("another coordinator or the front desk may not resign a line");
        assert!(matches!(err, StorageError::Forbidden(_)), "{}: {err}", refused.login);
        let err =
            c.db.write(|tx| plans::end_plan(tx, refused, plan, on, EndReason::Resignation, Some(on)))
                .expect_err("another coordinator or the front desk may not end the plan");
        assert!(matches!(err, StorageError::Forbidden(_)), "{}: {err}", refused.login);
    }
    let err = c.db.write(|tx| plans::end_plan(tx, &other, plan, on, EndReason::Resignation, Some(on))).unwrap_err();
    assert!(err.to_string().contains("nie koordynuje planu"), "the refusal says why: {err}");
    assert_eq!(plans::header(c.db.conn(), plan).unwrap().ended_on, None);
    let org = who(&c, "org");
    c.db.write(|tx| plans::resign_line(tx, &org, plan, 1, d("2026-07-01"), d("2026-07-01"))).unwrap();
    c.db.write(|tx| plans::end_plan(tx, &dyr, plan, on, EndReason::Resignation, Some(on))).unwrap();
    assert_eq!(plans::header(c.db.conn(), plan).unwrap().ended_on, Some(on));
}

#[test]
fn a_resignation_before_the_line_starts_is_accepted_and_grants_nothing() {
    let mut c = centre(10);
    let (plan, version) = submitted_plan(&mut c, "Łukasz", 6);
    let (koord, dyr) = (c.koord.clone(), c.dyr.clone());
    c.db.write(|tx| plans::approve(tx, &dyr, version, None, "", None)).unwrap();
    let starts = plans::version(c.db.conn(), version).unwrap().content.lines[0].starts_on;
    let before = starts - chrono::Duration::days(5);
    c.db.write(|tx| plans::resign_line(tx, &koord, plan, 1, before, before)).unwrap();
    let pool = &pools::pools_of_service(c.db.conn(), 1).unwrap()[0];
    let first_month = PeriodKind::Month.containing(starts);
    assert_eq!(pools::granted(c.db.conn(), pool, first_month, None).unwrap(), 0);
    let after_end = plans::version(c.db.conn(), version).unwrap().content.lines[0].ends_on + chrono::Duration::days(1);
    let (plan2, version2) = submitted_plan(&mut c, "Anna", 2);
    c.db.write(|tx| plans::approve(tx, &dyr, version2, None, "", None)).unwrap();
    let err = c.db.write(|tx| plans::resign_line(tx, &koord, plan2, 1, after_end, after_end)).unwrap_err();
    assert!(err.to_string().contains("po końcu usługi"), "{err}");
}

#[test]
fn resigning_from_the_whole_plan_needs_the_director_informed_and_sets_the_follow_up() {
    let mut c = centre(10);
    let (plan, version) = submitted_plan(&mut c, "Łukasz", 6);
    let (koord, dyr) = (c.koord.clone(), c.dyr.clone());
    c.db.write(|tx| plans::approve(tx, &dyr, version, None, "", None)).unwrap();
    let err = c.db.write(|tx| plans::end_plan(tx, &koord, plan, d("2026-08-31"), EndReason::Resignation, None));
    assert!(err.unwrap_err().to_string().contains("art. 44"));
    c.db.write(|tx| plans::end_plan(tx, &koord, plan, d("2026-08-31"), EndReason::Resignation, Some(d("2026-09-01"))))
        .unwrap();
    let h = plans::header(c.db.conn(), plan).unwrap();
    assert_eq!(h.end_reason.as_deref(), Some("rezygnacja"));
    assert_eq!(h.follow_up_due(), Some(d("2027-02-28")));
    let pool = &pools::pools_of_service(c.db.conn(), 1).unwrap()[0];
    let october = PeriodKind::Month.containing(d("2026-10-01"));
    assert_eq!(pools::granted(c.db.conn(), pool, october, None).unwrap(), 0);
    let same_day = c.db.write(|tx| plans::record_follow_up(tx, &koord, plan, d("2026-08-31"), "")).unwrap_err();
    assert!(same_day.to_string().contains("po końcu planu (2026-08-31)"), "{same_day}");
    let early = c.db.write(|tx| plans::record_follow_up(tx, &koord, plan, d("2026-11-30"), "wcześnie")).unwrap();
    assert_eq!(early, Some(d("2027-02-28")), "three months after the end is accepted with a warning");
    let on_time =
        c.db.write(|tx| plans::record_follow_up(tx, &koord, plan, d("2027-03-01"), "radzi sobie sam")).unwrap();
    assert_eq!(on_time, None);
    assert_eq!(plans::header(c.db.conn(), plan).unwrap().follow_up_on, Some(d("2027-03-01")));
}

#[test]
fn the_summary_conversation_ends_the_plan_and_monitoring_contacts_are_kept() {
    let mut c = centre(10);
    let (plan, version) = submitted_plan(&mut c, "Łukasz", 2);
    let (koord, dyr) = (c.koord.clone(), c.dyr.clone());
    c.db.write(|tx| plans::approve(tx, &dyr, version, None, "", None)).unwrap();
    let contact = Contact::check(d("2026-06-15"), "telefon", "córka", "bez uwag", "zgodna").unwrap();
    c.db.write(|tx| plans::add_contact(tx, &koord, plan, &contact)).unwrap();
    let err = Contact::check(d("2026-06-15"), "gołąb", "", "", "").unwrap_err();
    assert!(err.to_string().starts_with("kanał:"), "{err}");
    let detail = plans::detail(c.db.conn(), plan).unwrap();
    assert_eq!(plans::monitoring_due(&detail), Some(d("2026-09-15")));
    c.db.write(|tx| plans::record_summary(tx, &koord, plan, d("2026-12-31"), "przebiegł zgodnie z planem", "dojazdy"))
        .unwrap();
    let h = plans::header(c.db.conn(), plan).unwrap();
    assert_eq!((h.ended_on, h.end_reason.as_deref()), (Some(d("2026-12-31")), Some("zakończony")));
    assert_eq!(h.follow_up_due(), Some(d("2027-06-30")));
}

#[test]
fn a_second_coordinator_sees_who_holds_the_plan() {
    let mut c = centre(10);
    let (plan, _) = submitted_plan(&mut c, "Łukasz", 2);
    let koord = c.koord.clone();
    let koord2 = who(&c, "koord2");
    assert_eq!(c.db.write(|tx| plans::hold(tx, &koord, plan)).unwrap(), None);
    let holder = c.db.write(|tx| plans::hold(tx, &koord2, plan)).unwrap().expect("held by koord");
    assert!(holder.to_string().starts_with("edytuje: koord od "), "{holder}");
    c.db.write(|tx| plans::release(tx, &koord, plan)).unwrap();
    assert_eq!(c.db.write(|tx| plans::hold(tx, &koord2, plan)).unwrap(), None);
}

#[test]
fn a_period_over_a_year_is_a_warning_in_a_draft_and_stops_the_submission() {
    let mut c = centre(10);
    let app = application(&mut c, "Łukasz", "2026-03-02");
    let koord = c.koord.clone();
    let mut long = content(vec![taxi(2)]);
    long.period_end = d("2027-06-30");
    let (_, version) = c.db.write(|tx| plans::create_draft(tx, &koord, app, &long, d(TODAY))).unwrap();
    let err = c.db.write(|tx| plans::submit(tx, &koord, version, d(TODAY))).unwrap_err();
    assert!(err.to_string().contains("okres planu: okres planu przekracza 1 rok"), "{err}");
    assert_eq!(state_of(&c, version), VersionState::Draft);
}

#[test]
fn a_new_resident_with_a_bad_pesel_is_refused_and_nothing_is_stored() {
    let c = centre(10);
    let mut db = okienko::storage::Db::open(&c.dir.path().join("c.db")).unwrap();
    db.write(okienko::storage::centre::mark_training).unwrap();
    let add = |pesel: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_okienko"))
            .args(["application", "add", "--pesel", pesel, "--first-name", "Łukasz", "--last-name", "Żółć"])
            .args(["--filed", "2026-03-02"])
            .env("OKIENKO_DB", c.dir.path().join("c.db"))
            .env("OKIENKO_LOGIN", "koord")
            .env("OKIENKO_TODAY", "2026-03-10")
            .output()
            .unwrap()
    };
    let stored = |table: &str| -> i64 {
        c.db.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    };
    // The check digit of 44051401359 changed.
    let out = add("44051401358");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("PESEL: błędna cyfra kontrolna"), "names the field and the reason: {err}");
    assert_eq!((stored("resident"), stored("application")), (0, 0), "nothing is stored");
    let out = add("44051401359");
    assert!(
        out.status.success(),
        "the same registration with the right PESEL: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!((stored("resident"), stored("application")), (1, 1));
}

#[test]
fn a_representative_must_be_named_and_reception_may_register_but_not_draft() {
    let mut c = centre(10);
    let rec = who(&c, "rec");
    let record =
        ResidentInput { first_name: "Ola".into(), last_name: "Lis".into(), ..Default::default() }.validate().unwrap();
    let mut input = ApplicationInput {
        filed_on: d("2026-03-02"),
        applicant_kind: ApplicantKind::LegalRepresentative,
        applicant_name: String::new(),
        applicant_phone: String::new(),
        applicant_email: String::new(),
        applicant_address: String::new(),
        channel: "telefon".into(),
        summary: String::new(),
    };
    let err = c.db.write(|tx| applications::register(tx, &rec, ForResident::New(&record), &input)).unwrap_err();
    assert!(err.to_string().starts_with("wnioskodawca:"), "{err}");
    assert_eq!(okienko::storage::residents::count(c.db.conn()).unwrap(), 0, "the resident is not left behind");
    input.applicant_name = "Maria Lis".into();
    let app = c.db.write(|tx| applications::register(tx, &rec, ForResident::New(&record), &input)).unwrap();
    let err = c.db.write(|tx| plans::create_draft(tx, &rec, app, &content(vec![]), d(TODAY))).unwrap_err();
    assert!(matches!(err, StorageError::Forbidden(_)), "{err}");
}

#[test]
fn a_refusal_records_the_decision_and_closes_the_application() {
    let mut c = centre(10);
    let app = application(&mut c, "Łukasz", "2026-03-02");
    let koord = c.koord.clone();
    let dyr = c.dyr.clone();
    let refusal =
        Refusal { decision_number: "CUS.4011.12.2026".into(), decided_on: d("2026-03-09"), grounds: "dochód".into() };
    c.db.write(|tx| qualifications::refuse(tx, &dyr, app, 1, &refusal, d(TODAY))).unwrap();
    let a = applications::get(c.db.conn(), app).unwrap();
    assert_eq!((a.state.as_str(), a.decision_number.as_str()), ("odmowa", "CUS.4011.12.2026"));
    let err = c.db.write(|tx| plans::create_draft(tx, &koord, app, &content(vec![]), d(TODAY))).unwrap_err();
    assert!(err.to_string().contains("zamknięty"), "{err}");
}

#[test]
fn the_waiting_list_is_served_in_filing_order() {
    let mut c = centre(10);
    let later = application(&mut c, "Anna", "2026-03-05");
    let earlier = application(&mut c, "Łukasz", "2026-03-01");
    let koord = c.koord.clone();
    c.db.write(|tx| waitlist::join(tx, &koord, later, 1, 2)).unwrap();
    c.db.write(|tx| waitlist::join(tx, &koord, earlier, 1, 2)).unwrap();
    let order: Vec<i64> = waitlist::waiting(c.db.conn(), 1).unwrap().iter().map(|e| e.application_id).collect();
    assert_eq!(order, [earlier, later]);
}

#[test]
fn the_editor_shows_each_lines_effect_on_the_pool_and_flags_a_line_that_does_not_fit() {
    let mut c = centre(10);
    let (_, other) = submitted_plan(&mut c, "Anna", 3);
    let dyr = c.dyr.clone();
    c.db.write(|tx| plans::approve(tx, &dyr, other, None, "", None)).unwrap();
    let app = application(&mut c, "Łukasz", "2026-03-02");
    let koord = c.koord.clone();
    let mut care = taxi(6);
    care.service_id = 2;
    let draft = content(vec![taxi(4), taxi(5), care]);
    let (plan, _) = c.db.write(|tx| plans::create_draft(tx, &koord, app, &draft, d(TODAY))).unwrap();
    let effects = plans::pool_effects(c.db.conn(), plan, &draft).unwrap();
    let first = effects[0].as_ref().unwrap();
    assert_eq!((first.remaining_before, first.needed, first.remaining_after, first.fits()), (7, 4, 3, true));
    let second = effects[1].as_ref().unwrap();
    assert_eq!((second.remaining_before, second.remaining_after, second.fits()), (3, -2, false));
    assert_eq!(second.period_label, "2026-04");
    assert_eq!(effects[2], None, "a service without a pool is not rationed");
}
