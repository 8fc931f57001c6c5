//! The organiser's reports, computed from rows: the six-monthly summary of plans (art. 46), the
//! quarterly indicators, the yearly programme report, pool use over time and the service
//! catalogue for export. Granted units always come from [`pools`] and
//! [`Allocation::units_within`](crate::domain::plan::Allocation::units_within).

use super::Result;
use super::pools::{self, GrantedLine, Pool};
use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::quota;
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{Connection, params};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn range_params(range: DateRange) -> [String; 2] {
    [range.start.to_string(), range.end.to_string()]
}

/// The last full half-year before `today`: January–June or July–December.
pub fn last_full_half_year(today: NaiveDate) -> DateRange {
    let (year, first_month) = if today.month() > 6 { (today.year(), 1) } else { (today.year() - 1, 7) };
    let start = NaiveDate::from_ymd_opt(year, first_month, 1).unwrap_or(today);
    let end = start + Months::new(6) - chrono::Days::new(1);
    DateRange { start, end }
}

/// A service as reports name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceRef {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub fee_grosze: i64,
    #[serde(skip)]
    pub default_provider_id: Option<i64>,
}

/// Every service, by code.
pub fn services(conn: &Connection) -> Result<Vec<ServiceRef>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, code, name, unit, fee_grosze, default_provider_id FROM service ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(ServiceRef {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            unit: r.get(3)?,
            fee_grosze: r.get(4)?,
            default_provider_id: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ProviderRef {
    name: String,
    kind: String,
}

fn providers(conn: &Connection) -> Result<HashMap<i64, ProviderRef>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, kind FROM provider")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, ProviderRef { name: r.get(1)?, kind: r.get(2)? })))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Who delivers a line: its own provider, or the service's usual one.
fn line_provider(line: &GrantedLine, service: Option<&ServiceRef>) -> Option<i64> {
    line.provider_id.or_else(|| service.and_then(|s| s.default_provider_id))
}

/// Units recorded as used in `range`, per service.
fn used_per_service(conn: &Connection, range: DateRange) -> Result<HashMap<i64, i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.service_id, sum(u.units) FROM usage_record u JOIN plan_line l ON l.id = u.line_id
         WHERE u.used_on BETWEEN ?1 AND ?2 GROUP BY l.service_id",
    )?;
    let rows = stmt.query_map(range_params(range), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One service over a range: people, units planned, granted and used, costs, providers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceFigures {
    pub code: String,
    pub name: String,
    pub unit: String,
    /// Sum of pool limits over the range's periods; `None` when the service has no pool.
    pub planned_units: Option<i64>,
    pub people: usize,
    pub granted: i64,
    pub used: i64,
    pub fee_grosze: i64,
    pub cost_grosze: i64,
    pub providers: Vec<String>,
}

/// The limits of every pool of a service over the periods that start within `range`.
fn planned_units(conn: &Connection, pools: &[&Pool], range: DateRange) -> Result<Option<i64>> {
    if pools.is_empty() {
        return Ok(None);
    }
    let mut total = 0;
    for pool in pools {
        let Some(span) = range.intersect(&pool.valid) else { continue };
        // A period belongs to the range it starts in, so that consecutive reports never count it twice.
        for period in pool.period_kind.periods_touching(span).filter(|p| range.contains(p.start)) {
            total += pools::limit_for(conn, pool, period)?;
        }
    }
    Ok(Some(total))
}

/// Figures per service over `range`, for every service that was planned, granted or used.
pub fn service_figures(conn: &Connection, range: DateRange) -> Result<Vec<ServiceFigures>> {
    let services = services(conn)?;
    let providers = providers(conn)?;
    let all_pools = pools::all_pools(conn)?;
    let lines = pools::all_approved_lines(conn, range)?;
    let used = used_per_service(conn, range)?;
    let mut out = Vec::new();
    for service in &services {
        let service_pools: Vec<&Pool> = all_pools.iter().filter(|p| p.service_id == service.id).collect();
        let mut people = BTreeSet::new();
        let mut names = BTreeSet::new();
        let mut granted = 0i64;
        for line in lines.iter().filter(|l| l.service_id == service.id) {
            let units = i64::from(line.allocation.units_within(range));
            if units == 0 {
                continue;
            }
            granted += units;
            people.insert(line.resident_id);
            if let Some(p) = line_provider(line, Some(service)).and_then(|id| providers.get(&id)) {
                names.insert(p.name.clone());
            }
        }
        let planned = planned_units(conn, &service_pools, range)?;
        let used = used.get(&service.id).copied().unwrap_or(0);
        if planned.is_none() && granted == 0 && used == 0 {
            continue;
        }
        out.push(ServiceFigures {
            code: service.code.clone(),
            name: service.name.clone(),
            unit: service.unit.clone(),
            planned_units: planned,
            people: people.len(),
            granted,
            used,
            fee_grosze: service.fee_grosze,
            cost_grosze: used * service.fee_grosze,
            providers: names.into_iter().collect(),
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateCount {
    pub state: String,
    pub plans: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompletedPlan {
    pub number: String,
    pub coordinator: String,
    pub ended_on: String,
    pub summary_on: Option<String>,
    pub course: String,
    pub results: String,
}

/// A resident stopping a whole plan, or one service in it (art. 44: the director is informed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resignation {
    pub plan_number: String,
    /// The service given up, or `None` when the whole plan ended by resignation.
    pub service: Option<String>,
    pub on: String,
    pub director_informed_on: Option<String>,
}

/// The six-monthly summary of all plans for the director and the community organiser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub range: DateRange,
    pub plans_by_state: Vec<StateCount>,
    pub services: Vec<ServiceFigures>,
    pub completed: Vec<CompletedPlan>,
    pub resignations: Vec<Resignation>,
}

/// Plans alive at some point of the range (created by its end, not ended before its start), by
/// their state now: ended plans by how they ended, the others by their newest version.
const PLANS_BY_STATE_SQL: &str = "
    SELECT coalesce(p.end_reason, v.state) AS s, count(*)
    FROM plan p
    JOIN plan_version v ON v.id = (SELECT id FROM plan_version WHERE plan_id = p.id ORDER BY version DESC LIMIT 1)
    WHERE substr(p.created_at, 1, 10) <= ?2 AND (p.ended_on IS NULL OR p.ended_on >= ?1)
    GROUP BY s ORDER BY s";

pub fn summary(conn: &Connection, range: DateRange) -> Result<Summary> {
    let p = range_params(range);
    let plans_by_state = conn
        .prepare_cached(PLANS_BY_STATE_SQL)?
        .query_map(p.clone(), |r| Ok(StateCount { state: r.get(0)?, plans: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    let completed = conn
        .prepare_cached(
            "SELECT number, coordinator_login, ended_on, summary_on, summary_course, summary_results FROM plan
             WHERE end_reason = 'zakończony' AND ended_on BETWEEN ?1 AND ?2 ORDER BY ended_on, number",
        )?
        .query_map(p.clone(), |r| {
            Ok(CompletedPlan {
                number: r.get(0)?,
                coordinator: r.get(1)?,
                ended_on: r.get(2)?,
                summary_on: r.get(3)?,
                course: r.get(4)?,
                results: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let resignations = conn
        .prepare_cached(
            "SELECT number, NULL, ended_on, director_informed_on FROM plan
                 WHERE end_reason = 'rezygnacja' AND ended_on BETWEEN ?1 AND ?2
             UNION ALL
             SELECT DISTINCT p.number, s.name, l.resigned_on, l.director_informed_on
                 FROM plan_line l
                 JOIN plan_version v ON v.id = l.version_id
                 JOIN plan p ON p.id = v.plan_id
                 JOIN service s ON s.id = l.service_id
                 WHERE v.state = 'zatwierdzony' AND l.resigned_on BETWEEN ?1 AND ?2
                   AND NOT (coalesce(p.end_reason, '') = 'rezygnacja' AND coalesce(p.ended_on, '') = l.resigned_on)
             ORDER BY 3, 1",
        )?
        .query_map(p.clone(), |r| {
            Ok(Resignation {
                plan_number: r.get(0)?,
                service: r.get(1)?,
                on: r.get(2)?,
                director_informed_on: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Summary { range, plans_by_state, services: service_figures(conn, range)?, completed, resignations })
}

/// The Starachowice quarterly indicators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Indicators {
    pub quarter: String,
    pub range: DateRange,
    /// Residents whose first application or contact falls in the quarter and who were not
    /// known to the social-assistance system (POMOST).
    pub new_clients: i64,
    /// Enquiries answered without registering the person ("Informacja bez rejestracji").
    pub anonymous_enquiries: i64,
    pub new_services: Vec<String>,
    /// Partners (NGO, social-economy entities, firms) delivering approved plan lines in the quarter.
    pub partner_providers: Vec<String>,
    pub volunteers: i64,
    pub volunteer_hours: i64,
    pub volunteer_organisations: Vec<String>,
}

const NEW_CLIENTS_SQL: &str = "
    SELECT count(*) FROM resident r
    WHERE r.in_pomost = 0
      AND (SELECT min(d) FROM (
              SELECT filed_on AS d FROM application WHERE resident_id = r.id
              UNION ALL SELECT visited_on FROM contact_visit WHERE resident_id = r.id)) BETWEEN ?1 AND ?2";

pub fn indicators(conn: &Connection, quarter: DateRange) -> Result<Indicators> {
    let p = range_params(quarter);
    let new_clients = conn.query_row(NEW_CLIENTS_SQL, p.clone(), |r| r.get(0))?;
    let anonymous_enquiries = conn.query_row(
        "SELECT count(*) FROM contact_visit WHERE resident_id IS NULL AND visited_on BETWEEN ?1 AND ?2",
        p.clone(),
        |r| r.get(0),
    )?;
    let new_services = conn
        .prepare_cached("SELECT name FROM service WHERE substr(created_at, 1, 10) BETWEEN ?1 AND ?2 ORDER BY name")?
        .query_map(p.clone(), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let services: HashMap<i64, ServiceRef> = services(conn)?.into_iter().map(|s| (s.id, s)).collect();
    let providers = providers(conn)?;
    let partner_providers: BTreeSet<String> = pools::all_approved_lines(conn, quarter)?
        .iter()
        // A line cut short by a resignation or the end of its plan may still overlap on paper.
        .filter(|l| l.allocation.units_within(quarter) > 0)
        .filter_map(|l| line_provider(l, services.get(&l.service_id)))
        .filter_map(|id| providers.get(&id))
        .filter(|p| matches!(p.kind.as_str(), "ngo" | "pes" | "firma"))
        .map(|p| p.name.clone())
        .collect();
    let (volunteers, volunteer_hours) = conn.query_row(
        "SELECT count(*), coalesce(sum(hours), 0) FROM volunteer
         WHERE from_on <= ?2 AND coalesce(to_on, '9999-12-31') >= ?1",
        p.clone(),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let volunteer_organisations = conn
        .prepare_cached(
            "SELECT DISTINCT organisation FROM volunteer
             WHERE organisation <> '' AND from_on <= ?2 AND coalesce(to_on, '9999-12-31') >= ?1 ORDER BY 1",
        )?
        .query_map(p.clone(), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Indicators {
        quarter: PeriodKind::Quarter.label(quarter),
        range: quarter,
        new_clients,
        anonymous_enquiries,
        new_services,
        partner_providers: partner_providers.into_iter().collect(),
        volunteers,
        volunteer_hours,
        volunteer_organisations,
    })
}

/// The yearly programme report published in the BIP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Programme {
    pub year: i32,
    pub range: DateRange,
    pub services: Vec<ServiceFigures>,
    pub total_cost_grosze: i64,
}

pub fn programme(conn: &Connection, year: i32) -> Result<Programme> {
    let range = NaiveDate::from_ymd_opt(year, 1, 1)
        .map(|d| PeriodKind::Year.containing(d))
        .ok_or_else(|| super::StorageError::Invalid(format!("--year: rok {year} jest poza zakresem")))?;
    let services = service_figures(conn, range)?;
    let total_cost_grosze = services.iter().map(|s| s.cost_grosze).sum();
    Ok(Programme { year, range, services, total_cost_grosze })
}

/// One period of one pool (or of the service, when it has no pool).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PoolPoint {
    pub label: String,
    pub range: DateRange,
    pub limit: Option<i64>,
    pub granted: i64,
    pub used: i64,
    pub remaining: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PoolSeries {
    pub pool_id: Option<i64>,
    pub provider: Option<String>,
    pub period_kind: PeriodKind,
    pub points: Vec<PoolPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PoolUse {
    pub service: ServiceRef,
    pub range: DateRange,
    pub series: Vec<PoolSeries>,
}

/// The `months` calendar months ending with the one containing `today`.
pub fn last_months(today: NaiveDate, months: u32) -> DateRange {
    let this = PeriodKind::Month.containing(today);
    let start = this.start - Months::new(months.max(1) - 1);
    DateRange { start, end: this.end }
}

/// Usage of a service's lines: day, units and who delivered it.
fn usage_of_service(
    conn: &Connection,
    service_id: i64,
    range: DateRange,
) -> Result<Vec<(NaiveDate, i64, Option<i64>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.used_on, u.units, l.provider_id FROM usage_record u JOIN plan_line l ON l.id = u.line_id
         WHERE l.service_id = ?1 AND u.used_on BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt.query_map(params![service_id, range.start.to_string(), range.end.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (day, units, provider) = row?;
        if let Some(day) = date(&day) {
            out.push((day, units, provider));
        }
    }
    Ok(out)
}

pub fn pool_use(conn: &Connection, service_code: &str, range: DateRange) -> Result<PoolUse> {
    let service = services(conn)?
        .into_iter()
        .find(|s| s.code.eq_ignore_ascii_case(service_code))
        .ok_or_else(|| super::StorageError::NotFound(format!("usługa o kodzie {service_code}")))?;
    let providers = providers(conn)?;
    let usage = usage_of_service(conn, service.id, range)?;
    let used_in = |period: DateRange, pool: Option<&Pool>| -> i64 {
        usage
            .iter()
            .filter(|(day, _, provider)| {
                period.contains(*day) && pool.is_none_or(|p| p.provider_id.is_none_or(|want| *provider == Some(want)))
            })
            .map(|(_, units, _)| units)
            .sum()
    };
    let mut series = Vec::new();
    for pool in pools::pools_of_service(conn, service.id)? {
        let Some(span) = range.intersect(&pool.valid) else { continue };
        let mut points = Vec::new();
        for period in pool.period_kind.periods_touching(span) {
            let limit = pools::limit_for(conn, &pool, period)?;
            let granted = pools::granted(conn, &pool, period, None)?;
            points.push(PoolPoint {
                label: pool.period_kind.label(period),
                range: period,
                limit: Some(limit),
                granted,
                used: used_in(period, Some(&pool)),
                remaining: Some(quota::remaining(limit, granted)),
            });
        }
        series.push(PoolSeries {
            pool_id: Some(pool.id),
            provider: pool.provider_id.and_then(|id| providers.get(&id)).map(|p| p.name.clone()),
            period_kind: pool.period_kind,
            points,
        });
    }
    if series.is_empty() {
        // Not rationed: still show what was granted and used month by month.
        let lines = pools::approved_lines(conn, service.id, range)?;
        let points = PeriodKind::Month
            .periods_touching(range)
            .map(|period| PoolPoint {
                label: PeriodKind::Month.label(period),
                range: period,
                limit: None,
                granted: lines.iter().map(|l| i64::from(l.allocation.units_within(period))).sum(),
                used: used_in(period, None),
                remaining: None,
            })
            .collect();
        series.push(PoolSeries { pool_id: None, provider: None, period_kind: PeriodKind::Month, points });
    }
    Ok(PoolUse { service, range, series })
}

/// The service catalogue as it stands, for export to directories (HSDS).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    pub centre_name: String,
    pub centre_address: String,
    pub centre_phone: String,
    pub gminas: Vec<String>,
    pub providers: Vec<CatalogueProvider>,
    pub services: Vec<super::base::ServiceRecord>,
    pub locations: Vec<CatalogueLocation>,
    pub hours: Vec<CatalogueHours>,
    pub capacities: Vec<CatalogueCapacity>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueProvider {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueLocation {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub address: String,
    pub postal_code: String,
    pub locality: String,
    pub gmina: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueHours {
    pub id: i64,
    pub service_id: i64,
    pub location_id: i64,
    pub weekday: u32,
    pub opens: String,
    pub closes: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
}

/// A pool in its period containing the export day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueCapacity {
    pub pool_id: i64,
    pub service_id: i64,
    pub unit: String,
    pub period_kind: PeriodKind,
    pub period_label: String,
    pub limit: i64,
    pub available: i64,
    pub updated_at: String,
}

pub fn catalogue(conn: &Connection, today: NaiveDate) -> Result<Catalogue> {
    let (centre_name, centre_address, centre_phone) = conn
        .query_row("SELECT name, address, phone FROM centre WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap_or_default();
    let gminas = conn
        .prepare_cached("SELECT name FROM gmina ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let providers = conn
        .prepare_cached("SELECT id, name, kind, phone, email, address FROM provider ORDER BY id")?
        .query_map([], |r| {
            Ok(CatalogueProvider {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                phone: r.get(3)?,
                email: r.get(4)?,
                address: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut services = super::base::load_services(conn)?;
    services.sort_by(|a, b| a.code.cmp(&b.code));
    let locations = conn
        .prepare_cached(
            "SELECT l.id, l.name, l.kind, l.address, coalesce(v.postal_code, ''), coalesce(v.name, ''),
                    coalesce(g.name, '')
             FROM location l LEFT JOIN village v ON v.id = l.village_id LEFT JOIN gmina g ON g.id = v.gmina_id
             ORDER BY l.id",
        )?
        .query_map([], |r| {
            Ok(CatalogueLocation {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                address: r.get(3)?,
                postal_code: r.get(4)?,
                locality: r.get(5)?,
                gmina: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let hours = conn
        .prepare_cached(
            "SELECT id, service_id, location_id, weekday, opens, closes, valid_from, valid_to FROM opening_hours
             WHERE coalesce(valid_to, '9999-12-31') >= ?1 ORDER BY service_id, location_id, weekday, opens",
        )?
        .query_map([today.to_string()], |r| {
            Ok(CatalogueHours {
                id: r.get(0)?,
                service_id: r.get(1)?,
                location_id: r.get(2)?,
                weekday: r.get(3)?,
                opens: r.get(4)?,
                closes: r.get(5)?,
                valid_from: r.get(6)?,
                valid_to: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let units: HashMap<i64, String> = services.iter().map(|s| (s.id, s.unit.clone())).collect();
    let updated: HashMap<i64, String> = conn
        .prepare_cached("SELECT id, updated_at FROM capacity_pool")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut capacities = Vec::new();
    for pool in pools::all_pools(conn)?.into_iter().filter(|p| p.valid.contains(today)) {
        let period = pool.period_kind.containing(today);
        let limit = pools::limit_for(conn, &pool, period)?;
        let granted = pools::granted(conn, &pool, period, None)?;
        capacities.push(CatalogueCapacity {
            pool_id: pool.id,
            service_id: pool.service_id,
            unit: units.get(&pool.service_id).cloned().unwrap_or_default(),
            period_kind: pool.period_kind,
            period_label: pool.period_kind.label(period),
            limit,
            available: quota::remaining(limit, granted).max(0),
            updated_at: updated.get(&pool.id).cloned().unwrap_or_default(),
        });
    }
    Ok(Catalogue {
        centre_name,
        centre_address,
        centre_phone,
        gminas,
        providers,
        services,
        locations,
        hours,
        capacities,
    })
}
