//! The organiser's reports, computed from rows: the six-monthly summary of plans (art. 46), the
//! quarterly indicators, the yearly programme report, pool use over time and the service
//! catalogue for export. Granted units always come from [`pools`] and
//! [`Allocation::units_within`](crate::domain::plan::Allocation::units_within).

use super::Result;
use super::pools::{self, GrantedLine, Pool};
use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::plan::Per;
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

/// Which residents a report counts: everybody, or the residents of one gmina (`None`: an
/// address in no gmina of the partnership). The gminas and `Gmina(None)` split the centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Scope {
    #[default]
    Centre,
    Gmina(Option<i64>),
}

impl Scope {
    pub fn admits(self, gmina: Option<i64>) -> bool {
        match self {
            Scope::Centre => true,
            Scope::Gmina(want) => want == gmina,
        }
    }

    /// `(everybody, gmina)` for the SQL filter [`SCOPE_SQL`].
    fn params(self) -> (bool, Option<i64>) {
        match self {
            Scope::Centre => (true, None),
            Scope::Gmina(g) => (false, g),
        }
    }
}

/// Keeps the rows of residents in scope; `?3` and `?4` are [`Scope::params`], `{r}` the
/// resident's id.
const SCOPE_SQL: &str = "(?3 OR (SELECT gmina_id FROM resident WHERE id = {r}) IS ?4)";

fn scoped(sql: &str, resident: &str) -> String {
    sql.replace("{scope}", &SCOPE_SQL.replace("{r}", resident))
}

/// One part of a per-gmina split: a gmina by name, or `None` for residents of no known gmina.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GminaPart<T> {
    pub gmina: Option<String>,
    pub report: T,
}

/// A report for each gmina and for residents of none; the parts add up to the centre's report.
pub fn per_gmina<T>(conn: &Connection, mut report: impl FnMut(Scope) -> Result<T>) -> Result<Vec<GminaPart<T>>> {
    let mut parts = Vec::new();
    for (id, name) in super::places::names(conn)? {
        parts.push(GminaPart { gmina: Some(name), report: report(Scope::Gmina(Some(id)))? });
    }
    parts.push(GminaPart { gmina: None, report: report(Scope::Gmina(None))? });
    Ok(parts)
}

/// Each resident's gmina, for filtering lines and usage in Rust.
fn resident_gminas(conn: &Connection) -> Result<HashMap<i64, Option<i64>>> {
    let mut stmt = conn.prepare_cached("SELECT id, gmina_id FROM resident")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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

/// Units used in `range` by residents in scope, per service, with what they cost the programme
/// (contract price × units) and what the residents paid (their fee × units): usage of plan lines
/// and of qualifications alike.
#[derive(Debug, Clone, Copy, Default)]
struct Used {
    units: i64,
    cost_grosze: i64,
    payments_grosze: i64,
}

fn used_per_service(conn: &Connection, range: DateRange, scope: Scope) -> Result<HashMap<i64, Used>> {
    let mut stmt = conn.prepare_cached(&scoped(
        "SELECT u.used_on, u.units, coalesce(l.service_id, q.service_id), coalesce(l.provider_id, q.provider_id),
                coalesce(p.resident_id, a.resident_id)
         FROM usage_record u
         LEFT JOIN plan_line l ON l.id = u.line_id
         LEFT JOIN plan_version v ON v.id = l.version_id LEFT JOIN plan p ON p.id = v.plan_id
         LEFT JOIN qualification q ON q.id = u.qualification_id LEFT JOIN application a ON a.id = q.application_id
         WHERE u.used_on BETWEEN ?1 AND ?2 AND {scope}",
        "coalesce(p.resident_id, a.resident_id)",
    ))?;
    let (all, gmina) = scope.params();
    let rows = stmt
        .query_map(params![range.start.to_string(), range.end.to_string(), all, gmina], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<Vec<(String, i64, i64, Option<i64>, i64)>>>()?;
    let mut out: HashMap<i64, Used> = HashMap::new();
    for (day, units, service_id, provider_id, resident_id) in rows {
        let Some(day) = date(&day) else { continue };
        let price = super::partners::unit_price(conn, service_id, provider_id, day)?.unwrap_or(0);
        let fee = super::centre::fee_for(conn, resident_id, service_id, provider_id, day)?
            .and_then(|f| f.for_units(units))
            .unwrap_or(0);
        let entry = out.entry(service_id).or_default();
        entry.units += units;
        entry.cost_grosze += price * units;
        entry.payments_grosze += fee;
    }
    Ok(out)
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
    /// Units the lines grant per week, month or year, counted within the range.
    pub granted: i64,
    /// Whole-plan amounts ("10 over the plan") of the lines running in the range, each in full:
    /// such an amount may be used on any day of its line, so no share of it belongs to one
    /// half-year rather than another.
    pub granted_whole_plan: i64,
    pub used: i64,
    /// What the units used cost the programme at the providers' contract prices.
    pub cost_grosze: i64,
    /// What the residents paid for them, by the programme's fees.
    pub payments_grosze: i64,
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

/// Figures per service over `range` for the residents in scope, for every service that was
/// planned, granted or used. Pool limits are the centre's: a gmina's part shows them too.
pub fn service_figures(conn: &Connection, range: DateRange, scope: Scope) -> Result<Vec<ServiceFigures>> {
    let services = services(conn)?;
    let providers = providers(conn)?;
    let all_pools = pools::all_pools(conn)?;
    let gmina_of = resident_gminas(conn)?;
    let lines: Vec<GrantedLine> = pools::all_approved_lines(conn, range)?
        .into_iter()
        .filter(|l| scope.admits(gmina_of.get(&l.resident_id).copied().flatten()))
        .collect();
    let used = used_per_service(conn, range, scope)?;
    let mut out = Vec::new();
    for service in &services {
        let service_pools: Vec<&Pool> = all_pools.iter().filter(|p| p.service_id == service.id).collect();
        let mut people = BTreeSet::new();
        let mut names = BTreeSet::new();
        let mut granted = 0i64;
        let mut granted_whole_plan = 0i64;
        for line in lines.iter().filter(|l| l.service_id == service.id) {
            let units = i64::from(line.allocation.units_within(range));
            if units == 0 {
                continue;
            }
            if line.allocation.amount.per == Per::Plan {
                granted_whole_plan += i64::from(line.allocation.amount.units);
            } else {
                granted += units;
            }
            people.insert(line.resident_id);
            if let Some(p) = line_provider(line, Some(service)).and_then(|id| providers.get(&id)) {
                names.insert(p.name.clone());
            }
        }
        let planned = match scope {
            Scope::Centre => planned_units(conn, &service_pools, range)?,
            Scope::Gmina(_) => None,
        };
        let used = used.get(&service.id).copied().unwrap_or_default();
        if planned.is_none() && granted == 0 && granted_whole_plan == 0 && used.units == 0 {
            continue;
        }
        out.push(ServiceFigures {
            code: service.code.clone(),
            name: service.name.clone(),
            unit: service.unit.clone(),
            planned_units: planned,
            people: people.len(),
            granted,
            granted_whole_plan,
            used: used.units,
            cost_grosze: used.cost_grosze,
            payments_grosze: used.payments_grosze,
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
    /// Single services granted without a plan (art. 42), per service.
    pub qualifications: Vec<Qualified>,
    /// Refusals to qualify, each an administrative decision.
    pub refusals: Vec<RefusalDecision>,
    /// Units granted while earlier applicants waited, with the reason recorded.
    pub queue_bypasses: Vec<super::waitlist::Bypass>,
}

/// Qualifications decided in the range for one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Qualified {
    pub service: String,
    pub people: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefusalDecision {
    pub decision_number: String,
    pub decided_on: String,
    pub service: String,
    pub grounds: String,
}

/// Plans alive at some point of the range (created by its end, not ended before its start), by
/// their state now: ended plans by how they ended, the others by their newest version.
const PLANS_BY_STATE_SQL: &str = "
    SELECT coalesce(p.end_reason, v.state) AS s, count(*)
    FROM plan p
    JOIN plan_version v ON v.id = (SELECT id FROM plan_version WHERE plan_id = p.id ORDER BY version DESC LIMIT 1)
    WHERE substr(p.created_at, 1, 10) <= ?2 AND (p.ended_on IS NULL OR p.ended_on >= ?1) AND {scope}
    GROUP BY s ORDER BY s";

/// The range's two days and the scope, as the scoped queries take them.
fn scoped_params(range: DateRange, scope: Scope) -> (String, String, bool, Option<i64>) {
    let (all, gmina) = scope.params();
    (range.start.to_string(), range.end.to_string(), all, gmina)
}

pub fn summary(conn: &Connection, range: DateRange, scope: Scope) -> Result<Summary> {
    let p = scoped_params(range, scope);
    let plans_by_state = conn
        .prepare_cached(&scoped(PLANS_BY_STATE_SQL, "p.resident_id"))?
        .query_map(p.clone(), |r| Ok(StateCount { state: r.get(0)?, plans: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    let completed = conn
        .prepare_cached(&scoped(
            "SELECT number, coordinator_login, ended_on, summary_on, summary_course, summary_results FROM plan
             WHERE end_reason = 'zakończony' AND ended_on BETWEEN ?1 AND ?2 AND {scope} ORDER BY ended_on, number",
            "plan.resident_id",
        ))?
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
        .prepare_cached(&scoped(
            "SELECT number, NULL, ended_on, director_informed_on FROM plan
                 WHERE end_reason = 'rezygnacja' AND ended_on BETWEEN ?1 AND ?2 AND {scope}
             UNION ALL
             SELECT DISTINCT p.number, s.name, l.resigned_on, l.director_informed_on
                 FROM plan_line l
                 JOIN plan_version v ON v.id = l.version_id
                 JOIN plan p ON p.id = v.plan_id
                 JOIN service s ON s.id = l.service_id
                 WHERE v.state = 'zatwierdzony' AND l.resigned_on BETWEEN ?1 AND ?2
                   AND NOT (coalesce(p.end_reason, '') = 'rezygnacja' AND coalesce(p.ended_on, '') = l.resigned_on)
                   AND {scope}
             ORDER BY 3, 1",
            "resident_id",
        ))?
        .query_map(p.clone(), |r| {
            Ok(Resignation {
                plan_number: r.get(0)?,
                service: r.get(1)?,
                on: r.get(2)?,
                director_informed_on: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let qualifications = conn
        .prepare_cached(&scoped(
            "SELECT s.name, count(DISTINCT a.resident_id) FROM qualification q
                 JOIN service s ON s.id = q.service_id JOIN application a ON a.id = q.application_id
             WHERE substr(q.decided_at, 1, 10) BETWEEN ?1 AND ?2 AND {scope} GROUP BY s.id ORDER BY s.name",
            "a.resident_id",
        ))?
        .query_map(p.clone(), |r| Ok(Qualified { service: r.get(0)?, people: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    let refusals = conn
        .prepare_cached(&scoped(
            "SELECT f.decision_number, f.decided_on, s.name, f.grounds FROM qualification_refusal f
                 JOIN service s ON s.id = f.service_id JOIN application a ON a.id = f.application_id
             WHERE f.decided_on BETWEEN ?1 AND ?2 AND {scope} ORDER BY f.decided_on, f.id",
            "a.resident_id",
        ))?
        .query_map(p.clone(), |r| {
            Ok(RefusalDecision {
                decision_number: r.get(0)?,
                decided_on: r.get(1)?,
                service: r.get(2)?,
                grounds: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Bypasses of the waiting list are the centre's decisions, not a resident's: the whole
    // centre's report lists them, a gmina's part does not.
    let queue_bypasses = match scope {
        Scope::Centre => super::waitlist::bypasses(conn, range)?,
        Scope::Gmina(_) => Vec::new(),
    };
    Ok(Summary {
        range,
        plans_by_state,
        services: service_figures(conn, range, scope)?,
        completed,
        resignations,
        qualifications,
        refusals,
        queue_bypasses,
    })
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
              UNION ALL SELECT visited_on FROM contact_visit WHERE resident_id = r.id)) BETWEEN ?1 AND ?2
      AND {scope}";

/// The quarter's indicators for the residents in scope. Volunteers work for the centre, not for
/// a gmina, and an anonymous enquiry has no address: a gmina's part counts none of either.
pub fn indicators(conn: &Connection, quarter: DateRange, scope: Scope) -> Result<Indicators> {
    let p = range_params(quarter);
    let new_clients = conn.query_row(&scoped(NEW_CLIENTS_SQL, "r.id"), scoped_params(quarter, scope), |r| r.get(0))?;
    let anonymous_enquiries = conn.query_row(
        "SELECT count(*) FROM contact_visit WHERE resident_id IS NULL AND visited_on BETWEEN ?1 AND ?2",
        p.clone(),
        |r| r.get(0),
    )?;
    let gmina_of = resident_gminas(conn)?;
    let new_services = conn
        .prepare_cached("SELECT name FROM service WHERE substr(created_at, 1, 10) BETWEEN ?1 AND ?2 ORDER BY name")?
        .query_map(p.clone(), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let services: HashMap<i64, ServiceRef> = services(conn)?.into_iter().map(|s| (s.id, s)).collect();
    let providers = providers(conn)?;
    let partner_providers: BTreeSet<String> = pools::all_approved_lines(conn, quarter)?
        .iter()
        .filter(|l| scope.admits(gmina_of.get(&l.resident_id).copied().flatten()))
        // A line cut short by a resignation or the end of its plan may still overlap on paper.
        .filter(|l| l.allocation.units_within(quarter) > 0)
        .filter_map(|l| line_provider(l, services.get(&l.service_id)))
        .filter_map(|id| providers.get(&id))
        .filter(|p| matches!(p.kind.as_str(), "ngo" | "pes" | "firma"))
        .map(|p| p.name.clone())
        .collect();
    let (volunteers, volunteer_hours): (i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(hours), 0) FROM volunteer
         WHERE from_on <= ?2 AND coalesce(to_on, '9999-12-31') >= ?1",
        p.clone(),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let volunteer_organisations: Vec<String> = conn
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
        anonymous_enquiries: if scope == Scope::Centre { anonymous_enquiries } else { 0 },
        new_services,
        partner_providers: partner_providers.into_iter().collect(),
        volunteers: if scope == Scope::Centre { volunteers } else { 0 },
        volunteer_hours: if scope == Scope::Centre { volunteer_hours } else { 0 },
        volunteer_organisations: if scope == Scope::Centre { volunteer_organisations } else { Vec::new() },
    })
}

/// The yearly programme report published in the BIP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Programme {
    pub year: i32,
    pub range: DateRange,
    /// The programme in force at the year's end (or start), when there is one.
    pub name: Option<String>,
    pub budget_grosze: Option<i64>,
    pub services: Vec<ServiceFigures>,
    /// Planned persons per service code, from the programme.
    pub planned_persons: Vec<(String, i64)>,
    pub total_cost_grosze: i64,
    pub total_payments_grosze: i64,
    pub months: Vec<MonthMoney>,
}

/// The budget month by month: committed by approved plan lines (units granted × contract price)
/// against spent (units used × contract price).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthMoney {
    pub month: String,
    pub committed_grosze: i64,
    pub spent_grosze: i64,
}

pub fn programme(conn: &Connection, year: i32, scope: Scope) -> Result<Programme> {
    let range = NaiveDate::from_ymd_opt(year, 1, 1).map(|d| PeriodKind::Year.containing(d)).ok_or_else(|| {
        super::StorageError::Invalid(crate::i18n::errors::year_out_of_range(crate::i18n::current(), year))
    })?;
    let services = service_figures(conn, range, scope)?;
    let total_cost_grosze = services.iter().map(|s| s.cost_grosze).sum();
    let total_payments_grosze = services.iter().map(|s| s.payments_grosze).sum();
    let in_force = match super::centre::programme_on(conn, range.end)? {
        Some(id) => Some(id),
        None => super::centre::programme_on(conn, range.start)?,
    };
    let programme = in_force.map(|id| super::centre::programme(conn, id)).transpose()?;
    let gmina_of = resident_gminas(conn)?;
    let lines: Vec<GrantedLine> = pools::all_approved_lines(conn, range)?
        .into_iter()
        .filter(|l| scope.admits(gmina_of.get(&l.resident_id).copied().flatten()))
        .collect();
    let all_services = services_by_id(conn)?;
    let mut months = Vec::new();
    for month in PeriodKind::Month.periods_touching(range) {
        let mut committed = 0;
        for line in &lines {
            let units = i64::from(line.allocation.units_within(month));
            if units == 0 {
                continue;
            }
            let provider = line_provider(line, all_services.get(&line.service_id));
            let price = super::partners::unit_price(conn, line.service_id, provider, month.start.max(range.start))?;
            committed += units * price.unwrap_or(0);
        }
        let spent = used_per_service(conn, month, scope)?.values().map(|u| u.cost_grosze).sum();
        months.push(MonthMoney {
            month: PeriodKind::Month.label(month),
            committed_grosze: committed,
            spent_grosze: spent,
        });
    }
    Ok(Programme {
        year,
        range,
        name: programme.as_ref().map(|p| p.name.clone()),
        budget_grosze: programme.as_ref().filter(|_| scope == Scope::Centre).map(|p| p.budget_grosze),
        planned_persons: programme
            .map(|p| {
                p.services.into_iter().filter(|s| s.planned_persons > 0).map(|s| (s.code, s.planned_persons)).collect()
            })
            .unwrap_or_default(),
        services,
        total_cost_grosze,
        total_payments_grosze,
        months,
    })
}

fn services_by_id(conn: &Connection) -> Result<HashMap<i64, ServiceRef>> {
    Ok(services(conn)?.into_iter().map(|s| (s.id, s)).collect())
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

/// Usage of a service's lines and qualifications: day, units and who delivered it.
fn usage_of_service(
    conn: &Connection,
    service_id: i64,
    range: DateRange,
) -> Result<Vec<(NaiveDate, i64, Option<i64>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.used_on, u.units, coalesce(l.provider_id, q.provider_id) FROM usage_record u
         LEFT JOIN plan_line l ON l.id = u.line_id LEFT JOIN qualification q ON q.id = u.qualification_id
         WHERE coalesce(l.service_id, q.service_id) = ?1 AND u.used_on BETWEEN ?2 AND ?3",
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
    let service = services(conn)?.into_iter().find(|s| s.code.eq_ignore_ascii_case(service_code)).ok_or_else(|| {
        super::StorageError::NotFound(crate::i18n::errors::missing_service_code(crate::i18n::current(), service_code))
    })?;
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
    pub centre_email: String,
    /// The programme in force, whose fees the services' descriptions state.
    pub programme: Option<String>,
    pub gminas: Vec<String>,
    /// The programme's fee of each service it offers, by service id.
    pub fees: HashMap<i64, crate::domain::fee::FeeKind>,
    /// The gminas a service is limited to, by service id; a service not here is for all.
    pub service_gminas: HashMap<i64, Vec<String>>,
    pub providers: Vec<CatalogueProvider>,
    pub services: Vec<super::base::ServiceRecord>,
    pub locations: Vec<CatalogueLocation>,
    pub hours: Vec<CatalogueHours>,
    /// Closures not over by the export day.
    pub closures: Vec<super::base::Closure>,
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
    pub on_holidays: bool,
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
    let header = super::centre::header(conn, today)?;
    let mut fees = HashMap::new();
    let mut service_gminas: HashMap<i64, Vec<String>> = HashMap::new();
    for service in services(conn)? {
        if let Some(scheme) = super::centre::fee_scheme(conn, service.id, today)? {
            fees.insert(service.id, scheme.kind);
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT sg.service_id, g.name FROM service_gmina sg JOIN gmina g ON g.id = sg.gmina_id ORDER BY g.name",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (service_id, gmina) = row?;
        service_gminas.entry(service_id).or_default().push(gmina);
    }
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
            "SELECT id, service_id, location_id, weekday, opens, closes, valid_from, valid_to, on_holidays
             FROM opening_hours
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
                on_holidays: r.get::<_, i64>(8)? != 0,
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
        centre_name: header.centre.name,
        centre_address: header.centre.address,
        centre_phone: header.centre.phone,
        centre_email: header.centre.email,
        programme: header.programme,
        gminas,
        fees,
        service_gminas,
        providers,
        services,
        locations,
        hours,
        closures: super::base::closures(conn, today)?,
        capacities,
    })
}
