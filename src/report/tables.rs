//! Each report as titled tables in the interface language, for text, CSV and print.

use super::chart::{Bar, Chart};
use super::{Document, Table, money};
use crate::domain::period::DateRange;
use crate::i18n::report as t;
use crate::storage::reports::{GminaPart, Indicators, PoolUse, Programme, ServiceFigures, Summary};

fn range_text(range: DateRange) -> String {
    format!("{} – {}", range.start, range.end)
}

fn opt(value: Option<i64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| v.to_string())
}

fn table((title, columns): (String, Vec<&'static str>)) -> Table {
    Table::new(&title, &columns)
}

/// The notes under a report with granted columns: what they count.
fn granted_notes() -> Table {
    let mut notes = table(t::granted_notes());
    for line in t::granted_note() {
        notes.row(vec![line]);
    }
    notes
}

pub fn summary(s: &Summary) -> Document {
    let mut states = table(t::plans_by_state());
    for c in &s.plans_by_state {
        states.row(vec![t::plan_standing(&c.state), c.plans.to_string()]);
    }
    let mut services = table(t::services_granted_used());
    for f in &s.services {
        services.row(vec![
            f.code.clone(),
            f.name.clone(),
            f.unit.clone(),
            f.people.to_string(),
            f.granted.to_string(),
            f.granted_whole_plan.to_string(),
            f.used.to_string(),
        ]);
    }
    let mut completed = table(t::completed_plans());
    for c in &s.completed {
        completed.row(vec![
            c.number.clone(),
            c.coordinator.clone(),
            c.ended_on.clone(),
            c.summary_on.clone().unwrap_or_default(),
            c.course.clone(),
            c.results.clone(),
        ]);
    }
    let mut resignations = table(t::resignations());
    for r in &s.resignations {
        resignations.row(vec![
            r.plan_number.clone(),
            r.service.clone().unwrap_or_else(t::whole_plan),
            r.on.clone(),
            r.director_informed_on.clone().unwrap_or_else(t::no),
        ]);
    }
    let mut qualified = table(t::qualifications());
    for q in &s.qualifications {
        qualified.row(vec![q.service.clone(), q.people.to_string()]);
    }
    let mut refusals = table(t::refusals());
    for r in &s.refusals {
        refusals.row(vec![r.decision_number.clone(), r.decided_on.clone(), r.service.clone(), r.grounds.clone()]);
    }
    let mut bypasses = table(t::queue_bypasses());
    for b in &s.queue_bypasses {
        bypasses.row(vec![
            b.service_name.clone(),
            b.waiting_before.to_string(),
            b.reason.clone(),
            b.decided_by.clone(),
            b.decided_at.get(..10).unwrap_or(&b.decided_at).to_string(),
        ]);
    }
    Document {
        title: t::summary_title(),
        subtitle: t::period(&range_text(s.range)),
        tables: vec![states, services, completed, resignations, qualified, refusals, bypasses, granted_notes()],
    }
}

pub fn indicators(i: &Indicators) -> Document {
    let mut table = table(t::indicators_table());
    let [clients, anonymous, services, partners, volunteers, hours] = t::indicator_names();
    table.row(vec![clients, i.new_clients.to_string(), String::new()]);
    table.row(vec![anonymous, i.anonymous_enquiries.to_string(), String::new()]);
    table.row(vec![services, i.new_services.len().to_string(), i.new_services.join("; ")]);
    table.row(vec![partners, i.partner_providers.len().to_string(), i.partner_providers.join("; ")]);
    table.row(vec![volunteers, i.volunteers.to_string(), i.volunteer_organisations.join("; ")]);
    table.row(vec![hours, i.volunteer_hours.to_string(), String::new()]);
    Document { title: t::indicators_title(&i.quarter), subtitle: t::period(&range_text(i.range)), tables: vec![table] }
}

fn programme_row(f: &ServiceFigures) -> Vec<String> {
    vec![
        f.code.clone(),
        f.name.clone(),
        f.unit.clone(),
        opt(f.planned_units),
        f.people.to_string(),
        f.granted.to_string(),
        f.granted_whole_plan.to_string(),
        f.used.to_string(),
        money(f.cost_grosze),
        money(f.payments_grosze),
        f.providers.join("; "),
    ]
}

pub fn programme(p: &Programme) -> Document {
    let mut services = table(t::programme_services());
    for f in &p.services {
        services.row(programme_row(f));
    }
    let mut total = table(t::programme_total());
    total.row(vec![
        money(p.total_cost_grosze),
        money(p.total_payments_grosze),
        p.budget_grosze.map_or_else(|| "—".to_string(), money),
    ]);
    let mut months = table(t::programme_months());
    for m in &p.months {
        months.row(vec![m.month.clone(), money(m.committed_grosze), money(m.spent_grosze)]);
    }
    Document {
        title: t::programme_title(p.year),
        subtitle: t::period(&range_text(p.range)),
        tables: vec![services, total, months, granted_notes()],
    }
}

/// A report split per gmina as one document: each part's tables under the gmina's name.
pub fn per_gmina<T>(parts: &[GminaPart<T>], each: impl Fn(&T) -> Document) -> Document {
    let mut doc = Document::default();
    for part in parts {
        let one = each(&part.report);
        if doc.title.is_empty() {
            (doc.title, doc.subtitle) = (one.title, one.subtitle);
        }
        let heading = t::gmina_part(part.gmina.as_deref());
        doc.tables.extend(
            one.tables.into_iter().map(|table| Table { title: format!("{heading} — {}", table.title), ..table }),
        );
    }
    doc
}

pub fn pool_use(u: &PoolUse) -> Document {
    let mut tables = Vec::new();
    for s in &u.series {
        let title = match s.pool_id {
            None => t::unrationed(),
            Some(id) => t::pool_limit(id, s.provider.as_deref(), s.period_kind.code()),
        };
        let mut table = Table::new(&title, &t::pool_periods());
        for p in &s.points {
            table.row(vec![p.label.clone(), opt(p.limit), p.granted.to_string(), p.used.to_string(), opt(p.remaining)]);
        }
        tables.push(table);
    }
    Document {
        title: t::pool_use_title(&u.service.name, &u.service.code),
        subtitle: t::pool_use_subtitle(&range_text(u.range), &u.service.unit),
        tables,
    }
}

/// The pool-use charts: one per pool (or one for an unrationed service).
pub fn pool_charts(u: &PoolUse) -> Vec<Chart> {
    u.series
        .iter()
        .map(|s| Chart {
            title: match s.pool_id {
                Some(id) => t::pool_chart(id, &u.service.name, &u.service.unit),
                None => format!("{} ({})", u.service.name, u.service.unit),
            },
            bars: s
                .points
                .iter()
                .map(|p| Bar { label: p.label.clone(), limit: p.limit, granted: p.granted, used: p.used })
                .collect(),
        })
        .collect()
}
