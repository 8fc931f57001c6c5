//! What the card derives for "what does this person have": usage of each grant in force in its
//! current period, places on waiting lists in filing order, ended plans apart.

mod support;

use okienko::domain::period::PeriodKind;
use okienko::storage::card;
use rusqlite::params;
use support::base::{add_plan_for, centre, d, use_units};

fn resident(conn: &rusqlite::Connection, last_name: &str) -> i64 {
    conn.execute(
        "INSERT INTO resident (first_name, last_name, created_at, updated_at, updated_by) VALUES ('Jan', ?1, 'x', 'x', 'x')",
        [last_name],
    )
    .unwrap();
    conn.last_insert_rowid()
}

fn application(conn: &rusqlite::Connection, resident: i64, filed: &str) -> i64 {
    conn.execute(
        "INSERT INTO application (resident_id, filed_on, applicant_kind, created_at, created_by)
         VALUES (?1, ?2, 'mieszkaniec', 'x', 'x')",
        params![resident, filed],
    )
    .unwrap();
    conn.last_insert_rowid()
}

fn wait(conn: &rusqlite::Connection, service: i64, application: i64) {
    conn.execute(
        "INSERT INTO waitlist_entry (service_id, application_id, units, added_at, added_by) VALUES (?1, ?2, 1, 'x', 'x')",
        params![service, application],
    )
    .unwrap();
}

#[test]
fn a_plan_line_in_force_counts_the_units_used_in_this_month_only() {
    let mut c = centre();
    let taxi = c.service("TAXI", "Taxi senioralne", "kurs");
    c.pool(taxi, PeriodKind::Month, 10, "2026-01-01");
    let line = c.line(taxi, 2, "month", Some((6, "year")), "2026-01-01", "2026-12-31");
    let conn = c.db.conn();
    use_units(conn, line, "2026-10-20", 2);
    use_units(conn, line, "2026-11-03", 1);
    let who: i64 = conn.query_row("SELECT resident_id FROM plan", [], |r| r.get(0)).unwrap();

    let card = card::load(conn, who, false, d("2026-11-23")).unwrap();
    assert_eq!(card.in_force.len(), 1, "{:?}", card.in_force);
    let taxi_line = &card.in_force[0];
    assert_eq!(taxi_line.service_name, "Taxi senioralne");
    assert_eq!(taxi_line.plan_number.as_deref(), Some("IPUS/1/2026"));
    assert_eq!((taxi_line.used, taxi_line.granted), (1, 2), "October's rides are not this month's");

    let december = card::load(conn, who, false, d("2026-12-02")).unwrap();
    assert_eq!((december.in_force[0].used, december.in_force[0].granted), (0, 2));
    let next_year = card::load(conn, who, false, d("2027-01-05")).unwrap();
    assert!(next_year.in_force.is_empty(), "the line ended with the year");
}

#[test]
fn waiting_places_are_numbered_in_filing_order_of_each_service() {
    let mut c = centre();
    let care = c.service("OPIEKA", "Usługi opiekuńcze", "godz.");
    let conn = c.db.conn();
    let first = resident(conn, "Pierwszy");
    let second = resident(conn, "Drugi");
    let third = resident(conn, "Trzeci");
    // Filed in this order, entered on the list in another.
    let a3 = application(conn, third, "2026-10-02");
    let a1 = application(conn, first, "2026-09-10");
    let a2 = application(conn, second, "2026-09-28");
    wait(conn, care, a3);
    wait(conn, care, a1);
    wait(conn, care, a2);
    conn.execute(
        "UPDATE waitlist_entry SET resolved_at = 'x', resolution = 'rezygnacja' WHERE application_id = ?1",
        [a1],
    )
    .unwrap();

    let card = card::load(conn, third, false, d("2026-11-23")).unwrap();
    assert_eq!(card.waiting.len(), 1);
    let place = &card.waiting[0];
    assert_eq!(place.service_name, "Usługi opiekuńcze");
    assert_eq!(place.position, 2, "the one who left no longer counts");
    assert_eq!(place.filed_on, d("2026-10-02"));
    assert!(card::load(conn, first, false, d("2026-11-23")).unwrap().waiting.is_empty());
}

#[test]
fn ended_plans_are_kept_apart_from_the_plans_in_force() {
    let mut c = centre();
    let taxi = c.service("TAXI", "Taxi senioralne", "kurs");
    let conn = c.db.conn();
    let who = resident(conn, "Kowalski");
    add_plan_for(conn, who, taxi, (2, "month", None, "2025-01-01", "2025-12-31"), "zatwierdzony");
    add_plan_for(conn, who, taxi, (4, "month", None, "2026-01-01", "2026-12-31"), "zatwierdzony");
    conn.execute("UPDATE plan SET ended_on = '2025-12-31' WHERE number = 'IPUS/1/2026'", []).unwrap();

    let card = card::load(conn, who, false, d("2026-11-23")).unwrap();
    assert_eq!(card.plans.iter().map(|p| p.number.as_str()).collect::<Vec<_>>(), ["IPUS/2/2026"]);
    assert_eq!(card.ended_plans.iter().map(|p| p.number.as_str()).collect::<Vec<_>>(), ["IPUS/1/2026"]);
    assert_eq!(card.in_force.len(), 1);
    assert_eq!(card.in_force[0].amount.units, 4);
}

#[test]
fn a_qualification_in_force_names_its_provider_and_counts_use_over_its_whole_span() {
    let mut c = centre();
    let care = c.service("OPIEKA", "Usługi opiekuńcze", "godz.");
    let conn = c.db.conn();
    let who = resident(conn, "Wójcik");
    let filed = application(conn, who, "2026-09-01");
    conn.execute("INSERT INTO provider (name, kind) VALUES ('Caritas', 'ngo')", []).unwrap();
    let provider = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO qualification (application_id, service_id, provider_id, amount, per, starts_on, ends_on,
             declaration_on, decided_by, decided_at)
         VALUES (?1, ?2, ?3, 20, 'plan', '2026-09-15', '2026-12-31', '2026-09-01', 'koord', 'x')",
        params![filed, care, provider],
    )
    .unwrap();
    let qualification = conn.last_insert_rowid();
    for (day, units) in [("2026-09-20", 4), ("2026-11-02", 3)] {
        conn.execute(
            "INSERT INTO usage_record (qualification_id, used_on, units, recorded_by, recorded_at)
             VALUES (?1, ?2, ?3, 'koord', 'x')",
            params![qualification, day, units],
        )
        .unwrap();
    }

    let card = card::load(conn, who, false, d("2026-11-23")).unwrap();
    assert_eq!(card.in_force.len(), 1, "{:?}", card.in_force);
    let granted = &card.in_force[0];
    assert_eq!(granted.provider_name.as_deref(), Some("Caritas"));
    assert_eq!(granted.plan_number, None);
    assert_eq!((granted.used, granted.granted), (7, 20), "an amount per span counts the whole span");

    conn.execute("UPDATE qualification SET ended_on = '2026-11-20', end_reason = 'rezygnacja'", []).unwrap();
    assert!(card::load(conn, who, false, d("2026-11-23")).unwrap().in_force.is_empty(), "ended before today");
}
