//! Each report as titled tables, in Polish, for text, CSV and print.

use super::chart::{Bar, Chart};
use super::{Document, Table, money};
use crate::domain::period::{DateRange, PeriodKind};
use crate::storage::reports::{Indicators, PoolUse, Programme, ServiceFigures, Summary};

fn range_text(range: DateRange) -> String {
    format!("{} – {}", range.start, range.end)
}

fn opt(value: Option<i64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| v.to_string())
}

fn period_name(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::Week => "tydzień",
        PeriodKind::Month => "miesiąc",
        PeriodKind::Quarter => "kwartał",
        PeriodKind::Year => "rok",
    }
}

fn state_label(code: &str) -> &str {
    match code {
        "szkic" => "szkic",
        "złożony" => "złożony do zatwierdzenia",
        "zatwierdzony" => "zatwierdzony (w realizacji)",
        "zwrócony" => "zwrócony do poprawy",
        "zakończony" => "zakończony",
        "rezygnacja" => "zakończony rezygnacją",
        other => other,
    }
}

pub fn summary(s: &Summary) -> Document {
    let mut states = Table::new("Plany według stanu", &["stan", "plany"]);
    for c in &s.plans_by_state {
        states.row(vec![state_label(&c.state).to_string(), c.plans.to_string()]);
    }
    let mut services = Table::new(
        "Usługi: przyznano i wykorzystano",
        &["kod", "usługa", "jednostka", "osoby", "przyznano", "wykorzystano"],
    );
    for f in &s.services {
        services.row(vec![
            f.code.clone(),
            f.name.clone(),
            f.unit.clone(),
            f.people.to_string(),
            f.granted.to_string(),
            f.used.to_string(),
        ]);
    }
    let mut completed = Table::new(
        "Plany zakończone: przebieg i rezultaty",
        &["plan", "koordynator", "zakończony", "rozmowa podsumowująca", "przebieg", "rezultaty"],
    );
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
    let mut resignations = Table::new("Rezygnacje", &["plan", "usługa", "dnia", "dyrektor poinformowany"]);
    for r in &s.resignations {
        resignations.row(vec![
            r.plan_number.clone(),
            r.service.clone().unwrap_or_else(|| "cały plan".into()),
            r.on.clone(),
            r.director_informed_on.clone().unwrap_or_else(|| "nie".into()),
        ]);
    }
    Document {
        title: "Podsumowanie indywidualnych planów usług społecznych (art. 46)".into(),
        subtitle: format!("Okres: {}", range_text(s.range)),
        tables: vec![states, services, completed, resignations],
    }
}

pub fn indicators(i: &Indicators) -> Document {
    let mut t = Table::new("Wskaźniki", &["wskaźnik", "wartość", "szczegóły"]);
    t.row(vec!["nowi klienci, wcześniej nieznani (spoza POMOST)".into(), i.new_clients.to_string(), String::new()]);
    t.row(vec!["nowe usługi".into(), i.new_services.len().to_string(), i.new_services.join("; ")]);
    t.row(vec![
        "realizatorzy partnerscy (NGO, PES, firmy)".into(),
        i.partner_providers.len().to_string(),
        i.partner_providers.join("; "),
    ]);
    t.row(vec!["wolontariusze".into(), i.volunteers.to_string(), i.volunteer_organisations.join("; ")]);
    t.row(vec!["godziny wolontariatu".into(), i.volunteer_hours.to_string(), String::new()]);
    Document {
        title: format!("Wskaźniki kwartalne {}", i.quarter),
        subtitle: format!("Okres: {}", range_text(i.range)),
        tables: vec![t],
    }
}

fn programme_row(f: &ServiceFigures) -> Vec<String> {
    vec![
        f.code.clone(),
        f.name.clone(),
        f.unit.clone(),
        opt(f.planned_units),
        f.people.to_string(),
        f.granted.to_string(),
        f.used.to_string(),
        money(f.cost_grosze),
        money(f.payments_grosze),
        f.providers.join("; "),
    ]
}

pub fn programme(p: &Programme) -> Document {
    let mut t = Table::new(
        "Usługi programu",
        &[
            "kod",
            "usługa",
            "jednostka",
            "zaplanowano (limity pul)",
            "osoby",
            "przyznano",
            "wykorzystano",
            "koszt (zł)",
            "wpłaty mieszkańców (zł)",
            "realizatorzy",
        ],
    );
    for f in &p.services {
        t.row(programme_row(f));
    }
    let mut total = Table::new("Razem", &["koszt (zł)", "wpłaty mieszkańców (zł)", "budżet (zł)"]);
    total.row(vec![
        money(p.total_cost_grosze),
        money(p.total_payments_grosze),
        p.budget_grosze.map_or_else(|| "—".to_string(), money),
    ]);
    let mut months = Table::new("Budżet miesięcznie", &["miesiąc", "zaangażowano (zł)", "wydano (zł)"]);
    for m in &p.months {
        months.row(vec![m.month.clone(), money(m.committed_grosze), money(m.spent_grosze)]);
    }
    Document {
        title: format!("Sprawozdanie z realizacji Programu Usług Społecznych za rok {}", p.year),
        subtitle: format!("Okres: {}", range_text(p.range)),
        tables: vec![t, total, months],
    }
}

pub fn pool_use(u: &PoolUse) -> Document {
    let mut tables = Vec::new();
    for s in &u.series {
        let title = match (&s.pool_id, &s.provider) {
            (None, _) => "Bez puli (usługa nie jest limitowana)".to_string(),
            (Some(id), Some(p)) => format!("Pula {id} ({p}), limit na {}", period_name(s.period_kind)),
            (Some(id), None) => format!("Pula {id}, limit na {}", period_name(s.period_kind)),
        };
        let mut t = Table::new(&title, &["okres", "limit", "przyznano", "wykorzystano", "pozostało"]);
        for p in &s.points {
            t.row(vec![p.label.clone(), opt(p.limit), p.granted.to_string(), p.used.to_string(), opt(p.remaining)]);
        }
        tables.push(t);
    }
    Document {
        title: format!("Wykorzystanie puli: {} ({})", u.service.name, u.service.code),
        subtitle: format!("Okres: {}; jednostka: {}", range_text(u.range), u.service.unit),
        tables,
    }
}

/// The pool-use charts: one per pool (or one for an unrationed service).
pub fn pool_charts(u: &PoolUse) -> Vec<Chart> {
    u.series
        .iter()
        .map(|s| Chart {
            title: match s.pool_id {
                Some(id) => format!("Pula {id}: {} ({})", u.service.name, u.service.unit),
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
