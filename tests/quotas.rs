//! Quotas that cannot be bypassed (issue 11): a grant names the provider whose pool it draws
//! on, the waiting list is served in filing order, and a single service granted without an IPUS
//! (qualification, art. 42) counts in the pools and the base like a plan line.

mod support;

use chrono::NaiveDate;
use okienko::domain::ipus::{LineContent, PlanContent};
use okienko::domain::period::{DateRange, PeriodKind};
use okienko::domain::plan::{Allocation, Amount, Per};
use okienko::domain::qualification::{QualificationDraft, Refusal};
use okienko::domain::resident::ResidentInput;
use okienko::domain::roles::Role;
use okienko::domain::waitlist::LeaveReason;
use okienko::storage::applications::{self, ForResident};
use okienko::storage::qualifications::{self, Grant};
use okienko::storage::staff::{self, StaffMember};
use okienko::storage::{Db, StorageError, base, dashboard, plans, pools, reports, usage, waitlist};
use proptest::prelude::*;
use rusqlite::params;
use std::process::{Child, Stdio};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-11-23";

/// A centre with care (OPI) pooled per provider (A: `limit_a`, B: `limit_b` a month) and taxi
/// (TAXI) with one pool for the whole service.
struct Centre {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    db: Db,
    koord: StaffMember,
    dyr: StaffMember,
    org: StaffMember,
}

const OPI: i64 = 1;
const TAXI: i64 = 2;
const A: i64 = 1;
const B: i64 = 2;

fn centre(limit_a: i64, limit_b: i64, taxi: i64) -> Centre {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("centre.db");
    let mut db = okienko::session::create_centre(&path, "CUS test").unwrap();
    let admin = staff::os_login();
    db.write(|tx| {
        staff::add(tx, &admin, "koord", "Karol Koordynator", &[Role::Koordynator], false)?;
        staff::add(tx, &admin, "dyr", "Dorota Dyrektor", &[Role::Dyrektor], false)?;
        staff::add(tx, &admin, "org", "Olga Organizator", &[Role::Organizator], true)?;
        tx.execute_batch(
            "INSERT INTO provider (id, name, kind) VALUES (1, 'Caritas', 'ngo'), (2, 'Opiekunki sp. z o.o.', 'firma');
             INSERT INTO service (id, code, name, unit, updated_at, updated_by)
                 VALUES (1, 'OPI', 'Usługi opiekuńcze', 'godzina', 'x', 'x'), (2, 'TAXI', 'Taxi senioralne', 'kurs', 'x', 'x');",
        )?;
        for (service, provider, limit) in [(OPI, Some(A), limit_a), (OPI, Some(B), limit_b), (TAXI, None, taxi)] {
            tx.execute(
                "INSERT INTO capacity_pool (service_id, provider_id, period_kind, units_limit, valid_from, updated_at, updated_by)
                 VALUES (?1, ?2, 'month', ?3, '2026-01-01', 'x', 'x')",
                params![service, provider, limit],
            )?;
        }
        Ok(())
    })
    .unwrap();
    let who = |login: &str| staff::identify(db.conn(), login).unwrap();
    let (koord, dyr, org) = (who("koord"), who("dyr"), who("org"));
    Centre { _dir: dir, path, db, koord, dyr, org }
}

fn application(c: &mut Centre, first: &str, filed: &str) -> i64 {
    let me = c.koord.clone();
    let record = ResidentInput { first_name: first.into(), last_name: "Kowalska".into(), ..Default::default() }
        .validate()
        .unwrap();
    let input = support::plans::walk_in(d(filed), "opieka");
    c.db.write(|tx| applications::register(tx, &me, ForResident::New(&record), &input)).unwrap()
}

fn line(service: i64, provider: Option<i64>, units: u32, from: &str, to: &str) -> LineContent {
    LineContent {
        service_id: service,
        service_code: String::new(),
        service_name: String::new(),
        provider_id: provider,
        provider_name: String::new(),
        amount: Amount { units, per: Per::Month },
        cap: None,
        starts_on: d(from),
        ends_on: d(to),
        schedule: "wtorki".into(),
        place_form: "w domu".into(),
        scope: String::new(),
        resigned_on: None,
    }
}

/// A plan of one line on a new application, drafted and submitted; returns (plan, version).
fn submitted(c: &mut Centre, first: &str, filed: &str, l: LineContent) -> Result<(i64, i64), StorageError> {
    let app = application(c, first, filed);
    submitted_on(c, app, l)
}

fn submitted_on(c: &mut Centre, app: i64, l: LineContent) -> Result<(i64, i64), StorageError> {
    let content = PlanContent {
        period_start: d("2026-11-01"),
        period_end: d("2027-04-30"),
        needs: "pomoc w domu".into(),
        expected_effects: String::new(),
        quality_check: String::new(),
        lines: vec![l],
        actions: Vec::new(),
    };
    let me = c.koord.clone();
    c.db.write(|tx| {
        let (plan, version) = plans::create_draft(tx, &me, app, &content, d(TODAY))?;
        plans::submit(tx, &me, version, d(TODAY))?;
        Ok((plan, version))
    })
}

fn approve(c: &mut Centre, version: i64, reason: Option<&str>) -> Result<(), StorageError> {
    let dyr = c.dyr.clone();
    c.db.write(|tx| plans::approve(tx, &dyr, version, None, "", reason))
}

fn granted(c: &Centre, service: i64, provider: Option<i64>, month: &str) -> i64 {
    let pool = pools::pools_of_service(c.db.conn(), service).unwrap().into_iter().find(|p| p.provider_id == provider);
    pools::granted(c.db.conn(), &pool.unwrap(), PeriodKind::Month.containing(d(month)), None).unwrap()
}

fn draft(units: i64, from: &str, to: &str) -> QualificationDraft {
    QualificationDraft {
        units,
        per: Per::Month,
        starts_on: d(from),
        ends_on: d(to),
        fee_note: "bezpłatnie".into(),
        declaration_on: d("2026-10-30"),
    }
}

fn qualify(c: &mut Centre, app: i64, service: i64, provider: Option<i64>, units: i64) -> Result<i64, StorageError> {
    let org = c.org.clone();
    let grant = Grant {
        application_id: app,
        service_id: service,
        provider_id: provider,
        draft: draft(units, "2026-11-01", "2027-01-31"),
        queue_reason: None,
    };
    c.db.write(|tx| qualifications::qualify(tx, &org, &grant, d(TODAY)))
}

#[test]
fn a_line_without_a_provider_cannot_escape_the_provider_pools() {
    let mut c = centre(100, 100, 10);
    let err = submitted(&mut c, "Anna", "2026-11-02", line(OPI, None, 100, "2026-11-01", "2027-04-30")).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("pozycja 1") && message.contains("realizator"), "{message}");
    // Submitted while the service had one pool for all, then split per provider: approval refuses it.
    let (_, version) =
        submitted(&mut c, "Ewa", "2026-11-02", line(OPI, Some(A), 40, "2026-11-01", "2027-04-30")).unwrap();
    c.db.conn().execute("UPDATE plan_line SET provider_id = NULL WHERE version_id = ?1", [version]).unwrap();
    let message = approve(&mut c, version, None).unwrap_err().to_string();
    assert!(message.contains("pozycja 1: realizator"), "{message}");
    c.db.conn().execute("UPDATE plan_line SET provider_id = ?2 WHERE version_id = ?1", [version, A]).unwrap();
    approve(&mut c, version, None).unwrap();
    assert_eq!((granted(&c, OPI, Some(A), "2026-12-01"), granted(&c, OPI, Some(B), "2026-12-01")), (40, 0));
    let row = base::table(c.db.conn(), d(TODAY), None).unwrap().into_iter().find(|r| r.id == OPI).unwrap();
    assert_eq!((row.granted, row.remaining), (40, Some(160)));
}

#[test]
fn a_line_may_not_name_a_provider_without_a_pool_of_the_service() {
    let mut c = centre(100, 100, 10);
    c.db.conn().execute("INSERT INTO provider (id, name, kind) VALUES (3, 'Inny', 'firma')", []).unwrap();
    let err = submitted(&mut c, "Anna", "2026-11-02", line(OPI, Some(3), 5, "2026-11-01", "2027-04-30")).unwrap_err();
    assert!(err.to_string().contains("nie ma puli"), "{err}");
    // A pool for the whole service takes any provider.
    submitted(&mut c, "Ewa", "2026-11-02", line(TAXI, Some(3), 2, "2026-11-01", "2027-04-30")).unwrap();
}

#[test]
fn an_approval_ahead_of_earlier_applicants_needs_a_reason_and_the_reason_is_kept() {
    let mut c = centre(100, 100, 10);
    let koord = c.koord.clone();
    let earlier = application(&mut c, "Zofia", "2026-10-01");
    c.db.write(|tx| waitlist::join(tx, &koord, earlier, TAXI, 4)).unwrap();
    let (_, version) = submitted(&mut c, "Jan", "2026-11-20", line(TAXI, None, 2, "2026-11-01", "2027-04-30")).unwrap();
    let message = approve(&mut c, version, None).unwrap_err().to_string();
    assert!(message.contains("Zofia Kowalska") && message.contains("2026-10-01"), "{message}");
    assert_eq!(granted(&c, TAXI, None, "2026-12-01"), 0, "nothing approved");
    // The organiser's dashboard learns that places are free and who is first.
    let freed = waitlist::freed(c.db.conn(), d(TODAY)).unwrap();
    assert_eq!((freed[0].service_id, freed[0].first.application_id, freed[0].remaining), (TAXI, earlier, 10));
    approve(&mut c, version, Some("pilny dowóz na dializy")).unwrap();
    let kept: (i64, String) = c
        .db
        .conn()
        .query_row("SELECT waiting_before, reason FROM waitlist_bypass WHERE plan_version_id = ?1", [version], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(kept, (1, "pilny dowóz na dializy".to_string()));
    let audited: bool = c
        .db
        .conn()
        .query_row("SELECT count(*) > 0 FROM audit_log WHERE detail LIKE '%pilny dowóz na dializy%'", [], |r| r.get(0))
        .unwrap();
    assert!(audited);
    let every_day = DateRange::new(d("2000-01-01"), d("2100-12-31")).unwrap();
    let summary = reports::summary(c.db.conn(), every_day, reports::Scope::Centre).unwrap();
    assert_eq!(summary.queue_bypasses.len(), 1);
    assert_eq!(summary.queue_bypasses[0].reason, "pilny dowóz na dializy");
    assert_eq!(waitlist::waiting(c.db.conn(), TAXI).unwrap()[0].application_id, earlier, "still first in the queue");
    // The first in the queue is granted without a reason and leaves the list as granted.
    submitted_on(&mut c, earlier, line(TAXI, None, 4, "2026-11-01", "2027-04-30"))
        .and_then(|(_, v)| approve(&mut c, v, None))
        .unwrap();
    assert!(waitlist::waiting(c.db.conn(), TAXI).unwrap().is_empty());
    let left = &waitlist::history(c.db.conn(), TAXI).unwrap()[0];
    assert_eq!(left.left.as_ref().map(|(_, why)| *why), Some(LeaveReason::Granted));
}

#[test]
fn freed_places_show_on_the_dashboards_of_the_organiser_and_of_the_waiting_persons_coordinator() {
    let mut c = centre(100, 100, 10);
    let koord = c.koord.clone();
    let app = application(&mut c, "Zofia", "2026-10-01");
    c.db.conn().execute("UPDATE application SET coordinator_login = 'koord' WHERE id = ?1", [app]).unwrap();
    c.db.write(|tx| waitlist::join(tx, &koord, app, TAXI, 4)).unwrap();
    let admin = staff::os_login();
    c.db.write(|tx| staff::add(tx, &admin, "inna", "Inna Koordynator", &[Role::Koordynator], false)).unwrap();
    let shown = |me: &StaffMember| dashboard::for_staff(c.db.conn(), me, d(TODAY)).unwrap().freed_places;
    let org = shown(&c.org);
    assert_eq!((org.len(), org[0].first.resident_name.as_str(), org[0].remaining), (1, "Zofia Kowalska", 10));
    assert_eq!(shown(&c.koord).len(), 1, "the coordinator of the one waiting");
    assert!(shown(&staff::identify(c.db.conn(), "inna").unwrap()).is_empty());
    // Nothing is freed while the pool is full.
    c.db.conn().execute("UPDATE capacity_pool SET units_limit = 0 WHERE service_id = ?1", [TAXI]).unwrap();
    assert!(shown(&c.org).is_empty());
}

#[test]
fn leaving_the_list_keeps_the_entry_with_its_reason_and_one_may_join_again() {
    let mut c = centre(100, 100, 10);
    let koord = c.koord.clone();
    let app = application(&mut c, "Zofia", "2026-10-01");
    let entry = c.db.write(|tx| waitlist::join(tx, &koord, app, TAXI, 4)).unwrap();
    c.db.write(|tx| waitlist::leave(tx, &koord, entry, LeaveReason::MovedAway)).unwrap();
    let err = c.db.write(|tx| waitlist::leave(tx, &koord, entry, LeaveReason::Resigned)).unwrap_err();
    assert!(matches!(err, StorageError::Conflict(_)), "{err}");
    assert!(waitlist::waiting(c.db.conn(), TAXI).unwrap().is_empty());
    c.db.write(|tx| waitlist::join(tx, &koord, app, TAXI, 2)).unwrap();
    let history = waitlist::history(c.db.conn(), TAXI).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history.iter().find(|e| e.id == entry).unwrap().left.as_ref().unwrap().1, LeaveReason::MovedAway);
}

#[test]
fn a_qualification_draws_on_its_providers_pool_and_counts_in_the_base() {
    let mut c = centre(30, 30, 10);
    let app = application(&mut c, "Anna", "2026-10-01");
    let err = qualify(&mut c, app, OPI, None, 10).unwrap_err();
    assert!(err.to_string().starts_with("realizator: "), "{err}");
    let id = qualify(&mut c, app, OPI, Some(B), 20).unwrap();
    assert_eq!((granted(&c, OPI, Some(A), "2026-12-01"), granted(&c, OPI, Some(B), "2026-12-01")), (0, 20));
    let row = base::table(c.db.conn(), d(TODAY), None).unwrap().into_iter().find(|r| r.id == OPI).unwrap();
    assert_eq!((row.granted, row.people), (20, 1));
    let other = application(&mut c, "Ewa", "2026-10-02");
    let message = qualify(&mut c, other, OPI, Some(B), 11).unwrap_err().to_string();
    assert!(message.contains("brak miejsc") && message.contains("pozostało 10"), "{message}");
    // Ending it returns its units from the day it ends.
    let org = c.org.clone();
    c.db.write(|tx| qualifications::end(tx, &org, id, d("2026-12-01"), plans::EndReason::Resignation)).unwrap();
    assert_eq!((granted(&c, OPI, Some(B), "2026-11-01"), granted(&c, OPI, Some(B), "2026-12-01")), (20, 0));
    qualify(&mut c, other, OPI, Some(B), 11).unwrap_err();
    let every_day = DateRange::new(d("2000-01-01"), d("2100-12-31")).unwrap();
    let summary = reports::summary(c.db.conn(), every_day, reports::Scope::Centre).unwrap();
    assert_eq!(summary.qualifications[0].people, 1, "the half-year summary counts the qualified");
    let record = &qualifications::of_resident(c.db.conn(), qualifications::get(c.db.conn(), id).unwrap().resident_id)
        .unwrap()[0];
    assert_eq!((record.fee_note.as_str(), record.end_reason.as_deref()), ("bezpłatnie", Some("rezygnacja")));
}

#[test]
fn usage_against_a_qualification_is_held_to_its_grant_and_counts_in_the_base_and_reports() {
    let mut c = centre(30, 30, 10);
    let app = application(&mut c, "Anna", "2026-10-01");
    let id = qualify(&mut c, app, OPI, Some(B), 20).unwrap();
    let koord = c.koord.clone();
    let record = |c: &mut Centre, day: &str, units: u32| {
        let delivery = usage::Delivery {
            grant: pools::GrantRef::Qualification(id),
            day: d(day),
            units,
            note: "",
            source: "desk",
            import_key: None,
        };
        c.db.write(|tx| usage::record(tx, &koord.login, &delivery))
    };
    assert!(matches!(record(&mut c, "2026-11-10", 15).unwrap(), usage::Recorded::Added(_)));
    let message = record(&mut c, "2026-11-12", 6).unwrap_err().to_string();
    assert!(message.contains(&format!("zakwalifikowanie nr {id}")), "{message}");
    record(&mut c, "2026-10-31", 1).unwrap_err();
    // A provider's list names the qualification by its number.
    let row = usage::ImportRow {
        row: 2,
        target: usage::UsageTarget::Qualification(id),
        day: d("2026-11-20"),
        units: 3,
        note: String::new(),
    };
    let report = usage::import(&mut c.db, "koord", std::slice::from_ref(&row)).unwrap();
    assert_eq!((report.added, report.rejected.len()), (1, 0));
    assert_eq!(usage::import(&mut c.db, "koord", &[row]).unwrap().already, 1, "imported once");
    let base_row = base::table(c.db.conn(), d(TODAY), None).unwrap().into_iter().find(|r| r.id == OPI).unwrap();
    assert_eq!((base_row.granted, base_row.used), (20, 18));
    let november = DateRange::new(d("2026-11-01"), d("2026-11-30")).unwrap();
    let summary = reports::summary(c.db.conn(), november, reports::Scope::Centre).unwrap();
    let care = summary.services.iter().find(|s| s.code == "OPI").unwrap();
    assert_eq!((care.granted, care.used), (20, 18));
    let used_by_b: i64 = reports::pool_use(c.db.conn(), "OPI", november)
        .unwrap()
        .series
        .iter()
        .filter(|s| s.provider.as_deref() == Some("Opiekunki sp. z o.o."))
        .flat_map(|s| s.points.iter().map(|p| p.used))
        .sum();
    assert_eq!(used_by_b, 18, "used on the provider's pool");
    // Ending the qualification ends what may be recorded against it.
    let org = c.org.clone();
    c.db.write(|tx| qualifications::end(tx, &org, id, d("2026-11-21"), plans::EndReason::Resignation)).unwrap();
    record(&mut c, "2026-11-22", 1).unwrap_err();
}

#[test]
fn only_who_the_permission_table_allows_qualifies() {
    let mut c = centre(30, 30, 10);
    let app = application(&mut c, "Anna", "2026-10-01");
    let koord = c.koord.clone();
    let grant = Grant {
        application_id: app,
        service_id: TAXI,
        provider_id: None,
        draft: draft(2, "2026-11-01", "2027-01-31"),
        queue_reason: None,
    };
    let err = c.db.write(|tx| qualifications::qualify(tx, &koord, &grant, d(TODAY))).unwrap_err();
    assert!(matches!(err, StorageError::Forbidden(_)), "{err}");
}

#[test]
fn a_refusal_is_a_decision_with_its_grounds_and_the_fourteen_days_to_appeal() {
    let mut c = centre(30, 30, 10);
    let app = application(&mut c, "Anna", "2026-10-01");
    let org = c.org.clone();
    let refusal = Refusal {
        decision_number: "CUS.4011.3.2026".into(),
        decided_on: d("2026-11-20"),
        grounds: "dochód powyżej kryterium programu".into(),
    };
    c.db.write(|tx| qualifications::refuse(tx, &org, app, TAXI, &refusal, d(TODAY))).unwrap();
    let r = &qualifications::refusals(c.db.conn(), app).unwrap()[0];
    assert_eq!((r.service_id, r.decision_number.as_str(), r.appeal_until), (TAXI, "CUS.4011.3.2026", d("2026-12-04")));
    assert_eq!(applications::get(c.db.conn(), app).unwrap().state, "odmowa");
    let err = qualify(&mut c, app, TAXI, None, 1).unwrap_err();
    assert!(err.to_string().contains("zamknięty"), "{err}");
    let every_day = DateRange::new(d("2000-01-01"), d("2100-12-31")).unwrap();
    let summary = reports::summary(c.db.conn(), every_day, reports::Scope::Centre).unwrap();
    assert_eq!(summary.refusals[0].decision_number, "CUS.4011.3.2026");
}

/// Units the approved grants take from each pool in `month`, summed here from the rows with the
/// rule written out again: a pool of the whole service takes every grant of the service, a
/// provider's pool only that provider's.
fn expected_granted(db: &Db, pool_service: i64, pool_provider: Option<i64>, month: DateRange) -> i64 {
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT l.service_id, l.provider_id, l.amount, l.starts_on, l.ends_on FROM plan_line l
                 JOIN plan_version v ON v.id = l.version_id WHERE v.state = 'zatwierdzony'
             UNION ALL
             SELECT service_id, provider_id, amount, starts_on, ends_on FROM qualification",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .unwrap();
    rows.map(Result::unwrap)
        .filter(|(service, provider, ..)| {
            *service == pool_service && (pool_provider.is_none() || *provider == pool_provider)
        })
        .map(|(_, _, units, from, to)| {
            let span = DateRange::new(d(&from), d(&to)).unwrap();
            i64::from(Allocation { amount: Amount { units, per: Per::Month }, caps: vec![], span }.units_within(month))
        })
        .sum()
}

/// One random grant: a plan line or a qualification, of which service and provider, how much,
/// from which month for how many.
#[derive(Debug, Clone)]
struct RandomGrant {
    by_plan: bool,
    service: i64,
    provider: Option<i64>,
    units: u32,
    first_month: u32,
    months: u32,
}

fn random_grant() -> impl Strategy<Value = RandomGrant> {
    (
        any::<bool>(),
        prop_oneof![Just(OPI), Just(TAXI)],
        prop_oneof![Just(None), Just(Some(A)), Just(Some(B))],
        1u32..9,
        0u32..3,
        1u32..4,
    )
        .prop_map(|(by_plan, service, provider, units, first_month, months)| RandomGrant {
            by_plan,
            service,
            provider,
            units,
            first_month,
            months,
        })
}

fn month_start(i: u32) -> NaiveDate {
    d("2026-11-01") + chrono::Months::new(i)
}

/// 24 cases (each builds a centre on a file) unless `PROPTEST_CASES` asks for another number.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 24;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    /// For random plans, lines, providers and pools, what the base shows as granted in each pool
    /// and period is the sum of what the approved grants take from it, and never over its limit.
    #[test]
    fn the_base_shows_exactly_what_approved_grants_take_from_each_pool(
        limits in (0i64..30, 0i64..30, 0i64..30),
        grants in proptest::collection::vec(random_grant(), 1..8),
    ) {
        let mut c = centre(limits.0, limits.1, limits.2);
        for (i, g) in grants.iter().enumerate() {
            let from = month_start(g.first_month);
            let to = month_start(g.first_month + g.months).pred_opt().unwrap();
            let l = line(g.service, g.provider, g.units, &from.to_string(), &to.to_string());
            let app = application(&mut c, &format!("Osoba{i}"), "2026-10-01");
            // Refusals (no provider, no place in the pool) are expected; what got through is checked.
            if g.by_plan {
                if let Ok((_, version)) = submitted_on(&mut c, app, l) {
                    let _ = approve(&mut c, version, Some("kolejność losowa"));
                }
            } else {
                let org = c.org.clone();
                let mut q = draft(i64::from(g.units), &from.to_string(), &to.to_string());
                q.declaration_on = d("2026-10-30");
                let grant = Grant { application_id: app, service_id: g.service, provider_id: g.provider, draft: q, queue_reason: None };
                let _ = c.db.write(|tx| qualifications::qualify(tx, &org, &grant, d(TODAY)));
            }
        }
        for m in 0..5 {
            let day = month_start(m);
            let month = PeriodKind::Month.containing(day);
            for row in base::table(c.db.conn(), day, None).unwrap() {
                for pool in &row.pools {
                    let expected = expected_granted(&c.db, row.id, pool.provider_id, month);
                    prop_assert_eq!(pool.current.granted, expected, "{} pool {} in {}", row.code, pool.pool_id, day);
                    prop_assert!(pool.current.granted <= pool.current.limit, "over-granted {:?}", pool.current);
                }
            }
        }
    }
}

fn spawn(path: &std::path::Path, login: &str, args: &[&str]) -> Child {
    support::base::command(path, login, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

/// 16 processes at once on one small pool: approvals, qualifications, usage and raised limits.
#[test]
fn sixteen_processes_at_once_never_over_grant_lose_a_write_or_see_a_locked_database() {
    let mut c = centre(16, 100, 10);
    // A line in force for the usage records: 4 hours a month of provider A's 16.
    let (_, used_version) =
        submitted(&mut c, "Używa", "2026-10-01", line(OPI, Some(A), 4, "2026-11-01", "2027-01-31")).unwrap();
    approve(&mut c, used_version, None).unwrap();
    let used_plan: String =
        c.db.conn()
            .query_row(
                "SELECT p.number FROM plan p JOIN plan_version v ON v.plan_id = p.id WHERE v.id = ?1",
                [used_version],
                |r| r.get(0),
            )
            .unwrap();
    let plans: Vec<String> = (0..5)
        .map(|i| {
            let (plan, _) =
                submitted(&mut c, &format!("Plan{i}"), "2026-10-01", line(OPI, Some(A), 3, "2026-11-01", "2027-01-31"))
                    .unwrap();
            plans::header(c.db.conn(), plan).unwrap().number
        })
        .collect();
    let apps: Vec<String> =
        (0..5).map(|i| application(&mut c, &format!("Kwal{i}"), "2026-10-01").to_string()).collect();
    let mut children: Vec<(&str, Child)> = Vec::new();
    for (plan, app) in plans.iter().zip(&apps) {
        children.push(("approve", spawn(&c.path, "org", &["ipus", "approve", plan])));
        children.push((
            "qualify",
            spawn(
                &c.path,
                "org",
                &[
                    "application",
                    "qualify",
                    app,
                    "--service",
                    "OPI",
                    "--amount",
                    "3",
                    "--per",
                    "month",
                    "--from",
                    "2026-11-01",
                    "--to",
                    "2027-01-31",
                    "--provider",
                    "Caritas",
                    "--declaration",
                    "2026-10-30",
                ],
            ),
        ));
    }
    for day in ["2026-11-02", "2026-11-03", "2026-11-04"] {
        let args = ["usage", "record", &used_plan, "1", "--date", day, "--units", "2"];
        children.push(("usage", spawn(&c.path, "koord", &args)));
    }
    for units in ["25", "28", "22"] {
        let args = ["base", "set-limit", "OPI", "2026-12", units, "--provider", "Caritas"];
        children.push(("limit", spawn(&c.path, "org", &args)));
    }
    assert_eq!(children.len(), 16);
    let outputs: Vec<(&str, std::process::Output)> =
        children.into_iter().map(|(what, ch)| (what, ch.wait_with_output().unwrap())).collect();
    let succeeded = |kind: &str| outputs.iter().filter(|(w, o)| *w == kind && o.status.success()).count() as i64;
    for (what, out) in &outputs {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("locked") && !err.contains("zajęta"), "{what}: {err}");
        if !out.status.success() {
            assert!(
                err.contains("brak miejsc") || err.contains("wykorzystano już") || err.contains("przyznano już"),
                "{what} failed for another reason: {err}"
            );
        }
    }
    let conn = c.db.conn();
    let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    // No lost write: every process that said it succeeded left its row.
    assert_eq!(q("SELECT count(*) FROM plan_version WHERE state = 'zatwierdzony'") - 1, succeeded("approve"));
    assert_eq!(q("SELECT count(*) FROM qualification"), succeeded("qualify"));
    assert_eq!(q("SELECT count(*) FROM usage_record"), succeeded("usage"));
    assert_eq!(q("SELECT count(*) FROM pool_period_limit") > 0, succeeded("limit") > 0);
    // No over-grant in any month, and nothing used beyond what is granted.
    for month in ["2026-11-01", "2026-12-01", "2027-01-01"] {
        let pool = pools::pools_of_service(conn, OPI).unwrap().into_iter().find(|p| p.provider_id == Some(A)).unwrap();
        let period = PeriodKind::Month.containing(d(month));
        let limit = pools::limit_for(conn, &pool, period).unwrap();
        assert!(pools::granted(conn, &pool, period, None).unwrap() <= limit, "{month}");
    }
    assert!(q("SELECT coalesce(sum(units), 0) FROM usage_record") <= 4, "used beyond the line's 4 a month");
    assert_eq!(succeeded("approve") + succeeded("qualify"), 4, "the 12 hours left in November fit four grants of 3");
}

/// Whether another process holds the write lock: a write transaction is under way in it.
fn writing(probe: &rusqlite::Connection) -> bool {
    match probe.execute_batch("BEGIN IMMEDIATE") {
        Ok(()) => {
            probe.execute_batch("ROLLBACK").unwrap();
            false
        }
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DatabaseBusy => true,
        Err(e) => panic!("probing the write lock: {e}"),
    }
}

/// kill -9 at random moments during approvals and qualifications: the file stays whole, the
/// audit chain verifies, and every grant is all there or not there at all.
#[test]
fn approvals_and_qualifications_killed_at_random_moments_leave_nothing_half_done() {
    let mut c = centre(1000, 1000, 1000);
    let probe = rusqlite::Connection::open(&c.path).unwrap();
    probe.busy_timeout(std::time::Duration::ZERO).unwrap();
    let (mut kills, mut inside) = (0, 0);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for attempt in 0..400 {
        if kills >= 36 {
            break;
        }
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let child = if attempt % 2 == 0 {
            let (plan, _) =
                submitted(&mut c, "Kill", "2026-10-01", line(OPI, Some(A), 1, "2026-11-01", "2027-01-31")).unwrap();
            let number = plans::header(c.db.conn(), plan).unwrap().number;
            spawn(&c.path, "org", &["ipus", "approve", &number])
        } else {
            let app = application(&mut c, "Kill", "2026-10-01").to_string();
            let args = [
                "application",
                "qualify",
                &app,
                "--service",
                "TAXI",
                "--amount",
                "1",
                "--per",
                "month",
                "--from",
                "2026-11-01",
                "--to",
                "2027-01-31",
                "--declaration",
                "2026-10-30",
            ];
            spawn(&c.path, "org", &args)
        };
        let mut child = child;
        let killed = if seed.is_multiple_of(2) {
            // A moment picked in advance: before, during or after the write.
            std::thread::sleep(std::time::Duration::from_millis((seed >> 8) % 60));
            child.try_wait().unwrap().is_none()
        } else {
            // While the write transaction holds the lock.
            loop {
                if child.try_wait().unwrap().is_some() {
                    break false;
                }
                if writing(&probe) {
                    inside += 1;
                    break true;
                }
            }
        };
        let _ = child.kill();
        child.wait().unwrap();
        kills += usize::from(killed);
    }
    assert!(kills >= 30 && inside >= 5, "only {kills} kills, {inside} inside a write");
    let conn = c.db.conn();
    let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)).unwrap(), "ok");
    let half_approved = q("SELECT count(*) FROM plan_version v WHERE (v.state = 'zatwierdzony') !=
        EXISTS (SELECT 1 FROM plan_decision d WHERE d.version_id = v.id AND d.decision = 'zatwierdzony')");
    assert_eq!(half_approved, 0);
    let unaudited = q("SELECT count(*) FROM qualification q WHERE NOT EXISTS
        (SELECT 1 FROM audit_log a WHERE a.target = 'qualification:' || q.id)");
    assert_eq!(unaudited, 0);
    let out = support::base::okienko(&c.path, "dyr", &["audit", "verify"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
