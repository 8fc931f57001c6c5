//! Reading the snapshot the table is computed from: a handful of set queries per refresh.

use super::{Closure, Hours, Place, ServiceRecord, Snapshot, Used, Waiting};
use crate::domain::period::{DateRange, PeriodKind};
use crate::storage::Result;
use crate::storage::pools;
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

fn date(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn time(s: &str) -> rusqlite::Result<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// The days whose counters the table at `day` shows: the current and the next period of each
/// kind (a yearly pool's next period ends last; a week may start in the previous month).
fn range_of_kinds(day: NaiveDate, kinds: &[PeriodKind]) -> DateRange {
    let start = kinds.iter().map(|k| k.containing(day).start).min().unwrap_or(day);
    let end = kinds.iter().map(|k| next_period(*k, day).end).max().unwrap_or(day);
    DateRange { start, end }
}

/// Loads what the table at `day` needs: only the periods of the kinds the pools count in (and
/// the month, which services without a pool show), so that a centre with monthly pools does
/// not read two years of plan lines on every refresh.
pub fn load_day(conn: &Connection, day: NaiveDate) -> Result<Snapshot> {
    let mut kinds: Vec<PeriodKind> = conn
        .prepare_cached("SELECT DISTINCT period_kind FROM capacity_pool")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .iter()
        .filter_map(|code| PeriodKind::from_code(code))
        .collect();
    kinds.push(PeriodKind::Month);
    load(conn, range_of_kinds(day, &kinds))
}

pub fn next_period(kind: PeriodKind, day: NaiveDate) -> DateRange {
    let current = kind.containing(day);
    kind.containing(current.end.succ_opt().unwrap_or(current.end))
}

/// Every service with its statutory areas and target groups, in id order.
pub fn load_services(conn: &Connection) -> Result<Vec<ServiceRecord>> {
    let mut services: Vec<ServiceRecord> = conn
        .prepare_cached(
            "SELECT id, code, name, unit, description, fee_grosze, fee_note, access_rule, form, delivery_days,
                    default_provider_id, suspended, updated_at, updated_by
             FROM service ORDER BY id",
        )?
        .query_map([], |r| {
            Ok(ServiceRecord {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                unit: r.get(3)?,
                description: r.get(4)?,
                fee_grosze: r.get(5)?,
                fee_note: r.get(6)?,
                access_rule: r.get(7)?,
                form: r.get(8)?,
                delivery_days: r.get(9)?,
                default_provider_id: r.get(10)?,
                suspended: r.get::<_, i64>(11)? != 0,
                updated_at: r.get(12)?,
                updated_by: r.get(13)?,
                areas: Vec::new(),
                target_groups: Vec::new(),
                gminas: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (table, column) in [("service_area", "area"), ("service_target_group", "target_group")] {
        let mut stmt =
            conn.prepare_cached(&format!("SELECT service_id, {column} FROM {table} ORDER BY service_id, {column}"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let value: String = r.get(1)?;
            if let Ok(i) = services.binary_search_by_key(&id, |s| s.id) {
                let s = &mut services[i];
                if table == "service_area" { s.areas.push(value) } else { s.target_groups.push(value) }
            }
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT sg.service_id, g.name FROM service_gmina sg JOIN gmina g ON g.id = sg.gmina_id
         ORDER BY sg.service_id, g.name",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if let Ok(i) = services.binary_search_by_key(&id, |s| s.id) {
            services[i].gminas.push(r.get(1)?);
        }
    }
    Ok(services)
}

/// Reads the services and every approved line, usage record and pool relevant to `range`.
pub fn load(conn: &Connection, range: DateRange) -> Result<Snapshot> {
    let services = load_services(conn)?;
    let providers = conn
        .prepare_cached("SELECT id, name FROM provider")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let places: HashMap<i64, Place> = conn
        .prepare_cached(
            "SELECT l.id, l.name, l.address, l.kind, coalesce(v.name, ''), coalesce(g.name, '')
             FROM location l LEFT JOIN village v ON v.id = l.village_id LEFT JOIN gmina g ON g.id = v.gmina_id",
        )?
        .query_map([], |r| {
            Ok(Place {
                id: r.get(0)?,
                name: r.get(1)?,
                address: r.get(2)?,
                kind: r.get(3)?,
                village: r.get(4)?,
                gmina: r.get(5)?,
            })
        })?
        .map(|p| p.map(|p| (p.id, p)))
        .collect::<rusqlite::Result<_>>()?;
    let hours = conn
        .prepare_cached(
            "SELECT h.id, h.service_id, h.location_id, l.name, h.provider_id, h.weekday, h.opens, h.closes,
                    h.valid_from, coalesce(h.valid_to, '9999-12-31'), h.on_holidays
             FROM opening_hours h JOIN location l ON l.id = h.location_id
             ORDER BY h.service_id, h.location_id, h.weekday, h.opens",
        )?
        .query_map([], |r| {
            let start = date(&r.get::<_, String>(8)?)?;
            let end = date(&r.get::<_, String>(9)?)?;
            Ok(Hours {
                id: r.get(0)?,
                service_id: r.get(1)?,
                location_id: r.get(2)?,
                place: r.get(3)?,
                provider_id: r.get(4)?,
                weekday: r.get(5)?,
                opens: time(&r.get::<_, String>(6)?)?,
                closes: time(&r.get::<_, String>(7)?)?,
                valid: DateRange { start, end: end.max(start) },
                on_holidays: r.get::<_, i64>(10)? != 0,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let pools = pools::all_pools(conn)?;
    let overrides = conn
        .prepare_cached("SELECT pool_id, period_start, units_limit FROM pool_period_limit")?
        .query_map([], |r| Ok(((r.get(0)?, date(&r.get::<_, String>(1)?)?), r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut lines = pools::all_approved_lines(conn, range)?;
    lines.sort_unstable_by_key(|l| (l.service_id, l.line_id));
    let mut usage: Vec<Used> = conn
        .prepare_cached(
            "SELECT u.line_id, u.qualification_id, u.used_on, u.units FROM usage_record u
             WHERE u.used_on BETWEEN ?1 AND ?2",
        )?
        .query_map(params![range.start.to_string(), range.end.to_string()], |r| {
            let grant = match r.get::<_, Option<i64>>(1)? {
                Some(id) => pools::GrantRef::Qualification(id),
                None => pools::GrantRef::Line(r.get(0)?),
            };
            Ok(Used { grant, on: date(&r.get::<_, String>(2)?)?, units: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    usage.sort_unstable_by_key(|u| (u.grant, u.on));
    let waiting = waiting_entries(conn)?;
    let closures = closures(conn, range.start)?;
    let mut resident_gminas = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT g.name FROM resident r JOIN gmina g ON g.id = r.gmina_id WHERE r.id = ?1")?;
    for l in &lines {
        if !resident_gminas.contains_key(&l.resident_id)
            && let Some(name) = stmt.query_row([l.resident_id], |r| r.get::<_, String>(0)).optional()?
        {
            resident_gminas.insert(l.resident_id, name);
        }
    }
    drop(stmt);
    Ok(Snapshot {
        services,
        providers,
        places,
        hours,
        pools,
        overrides,
        lines,
        usage,
        waiting,
        closures,
        resident_gminas,
    })
}

/// Every closure whose last day is `from` or later, by service and first day.
pub fn closures(conn: &Connection, from: NaiveDate) -> Result<Vec<Closure>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, service_id, starts_on, ends_on, reason FROM service_closure
         WHERE ends_on >= ?1 ORDER BY service_id, starts_on, id",
    )?;
    Ok(stmt
        .query_map([from.to_string()], |r| {
            let start = date(&r.get::<_, String>(2)?)?;
            let end = date(&r.get::<_, String>(3)?)?;
            Ok(Closure { id: r.get(0)?, service_id: r.get(1)?, days: DateRange { start, end }, reason: r.get(4)? })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Unresolved waiting-list entries in the order the law serves them: by filing date, then
/// by application.
pub fn waiting_entries(conn: &Connection) -> Result<Vec<Waiting>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.service_id, w.application_id, a.resident_id, r.first_name || ' ' || r.last_name,
                a.filed_on, w.units
         FROM waitlist_entry w JOIN application a ON a.id = w.application_id JOIN resident r ON r.id = a.resident_id
         WHERE w.resolved_at IS NULL
         ORDER BY w.service_id, a.filed_on, a.id, w.id",
    )?;
    Ok(stmt
        .query_map([], |r| {
            Ok(Waiting {
                entry_id: r.get(0)?,
                service_id: r.get(1)?,
                application_id: r.get(2)?,
                resident_id: r.get(3)?,
                resident_name: r.get(4)?,
                filed_on: date(&r.get::<_, String>(5)?)?,
                units: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
