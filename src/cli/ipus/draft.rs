//! Drafting: a new plan for an application, its period and texts, lines and supporting actions,
//! and the check a coordinator runs before submitting.

use super::show::amount_text;
use super::{AddLine, PlanTexts, date_arg, per_arg, print_findings, safe, service_id, t};
use crate::cli::Session;
use crate::config;
use crate::domain::ipus::{self, ActionContent, LineContent, PlanContent, VersionState};
use crate::domain::plan::Amount;
use crate::domain::roles::Permission;
use crate::storage::{applications, plans};
use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;
use rusqlite::OptionalExtension;

pub(super) fn draft(session: &mut Session, application: i64, from: &str, to: &str, texts: PlanTexts) -> Result<()> {
    let me = session.me.clone();
    let today = config::today();
    let mut content = PlanContent {
        period_start: date_arg("--from", from)?,
        period_end: date_arg("--to", to)?,
        needs: String::new(),
        expected_effects: String::new(),
        quality_check: String::new(),
        lines: Vec::new(),
        actions: Vec::new(),
    };
    if texts.needs.is_none()
        && let Some(a) = applications::latest_assessment(session.db.conn(), application)?
    {
        content.needs = a.input.needs;
    }
    apply_texts(&mut content, texts);
    let (plan_id, _) = session.db.write(|tx| plans::create_draft(tx, &me, application, &content, today))?;
    let h = plans::header(session.db.conn(), plan_id)?;
    let app = applications::get(session.db.conn(), application)?;
    println!("{}", t::draft_created(&h.number, plan_id, &safe(&h.resident_name)));
    println!(
        "{}",
        t::drafting_deadline(
            crate::domain::plan::drafting_deadline(app.filed_on),
            crate::domain::plan::drafting_days_left(app.filed_on, today)
        )
    );
    print_findings(&ipus::check_content(
        &content,
        &ipus::CheckContext { filed_on: Some(app.filed_on), today: Some(today), ..Default::default() },
        ipus::Stage::Draft,
    ));
    Ok(())
}

pub(super) fn set(
    session: &mut Session,
    id: &str,
    from: Option<String>,
    to: Option<String>,
    texts: PlanTexts,
) -> Result<()> {
    let from = from.map(|f| date_arg("--from", &f)).transpose()?;
    let to = to.map(|t| date_arg("--to", &t)).transpose()?;
    edit(session, id, |c| {
        if let Some(f) = from {
            c.period_start = f;
        }
        if let Some(t) = to {
            c.period_end = t;
        }
        apply_texts(c, texts);
        Ok(())
    })
}

pub(super) fn add_line(session: &mut Session, add: AddLine) -> Result<()> {
    let AddLine { id, service, amount, per, cap, cap_per, from, to, schedule, place, scope, provider } = add;
    let service_id = service_id(session, &service)?;
    let conn = session.db.conn();
    let (code, name): (String, String) =
        conn.query_row("SELECT code, name FROM service WHERE id = ?1", [service_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let provider_id: Option<i64> = match &provider {
        Some(p) => Some(
            conn.query_row("SELECT id FROM provider WHERE name = ?1", [p.trim()], |r| r.get(0))
                .optional()?
                .ok_or_else(|| anyhow!(t::no_provider(p)))?,
        ),
        None => None,
    };
    let line = LineContent {
        service_id,
        service_code: code,
        service_name: name.clone(),
        provider_id,
        provider_name: provider.unwrap_or_default(),
        amount: Amount { units: amount, per: per_arg("--per", &per)? },
        cap: match (cap, cap_per) {
            (Some(units), Some(p)) => Some(Amount { units, per: per_arg("--cap-per", &p)? }),
            _ => None,
        },
        starts_on: date_arg("--from", &from)?,
        ends_on: date_arg("--to", &to)?,
        schedule,
        place_form: place,
        scope,
        resigned_on: None,
    };
    let label = amount_text(&line);
    edit(session, &id, |c| {
        c.lines.push(line);
        Ok(())
    })?;
    println!("{}", t::line_added(&safe(&name), &label));
    Ok(())
}

pub(super) fn remove_line(session: &mut Session, id: &str, position: usize) -> Result<()> {
    edit(session, id, |c| {
        if position == 0 || position > c.lines.len() {
            bail!(t::no_such_line(c.lines.len(), position));
        }
        c.lines.remove(position - 1);
        Ok(())
    })?;
    println!("{}", t::line_removed(position));
    Ok(())
}

pub(super) fn add_action(session: &mut Session, id: &str, what: String, who: String) -> Result<()> {
    edit(session, id, |c| {
        c.actions.push(ActionContent { what, who });
        Ok(())
    })
}

pub(super) fn check(session: &Session, id: &str, today: NaiveDate) -> Result<()> {
    session.me.require(Permission::DraftPlan)?;
    let conn = session.db.conn();
    let plan_id = plans::resolve(conn, id)?;
    let d = plans::detail(conn, plan_id)?;
    let v = d.open().ok_or_else(|| anyhow!(t::no_open_version(&d.header.number)))?;
    let app_filed = d.header.application_id.map(|a| applications::get(conn, a)).transpose()?.map(|a| a.filed_on);
    if let Some(filed) = app_filed {
        println!(
            "{}",
            t::drafting_deadline(
                crate::domain::plan::drafting_deadline(filed),
                crate::domain::plan::drafting_days_left(filed, today)
            )
        );
    }
    let ctx = ipus::CheckContext { filed_on: app_filed, ..plans::check_context(conn, plan_id, today)? };
    let findings = ipus::check_content(&v.content, &ctx, ipus::Stage::Submit);
    if findings.is_empty() {
        println!("{}", t::ready_to_submit(v.version));
    }
    print_findings(&findings);
    for (line, effect) in v.content.lines.iter().zip(plans::pool_effects(conn, plan_id, &v.content)?) {
        match effect {
            None => println!("  {} — {}", safe(&line.service_name), t::no_limit()),
            Some(e) => println!(
                "  {}. {} — {}",
                e.position,
                safe(&line.service_name),
                t::pool_effect(&e.period_label, e.remaining_before, e.remaining_after, e.fits())
            ),
        }
    }
    Ok(())
}

/// Edits the plan's editable version and saves it against the revision that was read.
fn edit(session: &mut Session, plan: &str, change: impl FnOnce(&mut PlanContent) -> Result<()>) -> Result<()> {
    let me = session.me.clone();
    let plan_id = plans::resolve(session.db.conn(), plan)?;
    let version_id =
        plans::version_in_state(session.db.conn(), plan_id, &[VersionState::Draft, VersionState::Returned])?;
    let stored = plans::version(session.db.conn(), version_id)?;
    let mut content = stored.content.clone();
    change(&mut content)?;
    let saved = plans::save_draft(&mut session.db, &me, version_id, stored.revision, content, config::today())
        .map_err(|u| anyhow!("{}", u.error))?;
    println!("{}", t::draft_saved(stored.version, saved.revision));
    print_findings(&saved.warnings);
    Ok(())
}

fn apply_texts(content: &mut PlanContent, texts: PlanTexts) {
    if let Some(n) = texts.needs {
        content.needs = n;
    }
    if let Some(e) = texts.effects {
        content.expected_effects = e;
    }
    if let Some(q) = texts.quality {
        content.quality_check = q;
    }
}
