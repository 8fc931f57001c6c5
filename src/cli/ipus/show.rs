//! Reading plans: the list, one plan with every version, and what changed between two versions.

use super::{safe, t};
use crate::cli::Session;
use crate::cli::staff::People;
use crate::domain::ipus::{self, ActionChange, LineChange, LineContent, PlanContent, VersionDiff, VersionState};
use crate::domain::roles::Permission;
use crate::domain::text::json_safe;
use crate::i18n::codes;
use crate::storage::audit::{self, AuditAction};
use crate::storage::{plans, special};
use anyhow::{Result, anyhow};
use rusqlite::Connection;

pub(super) fn list(session: &Session, state: Option<String>, json: bool) -> Result<()> {
    session.me.require(Permission::ViewCard)?;
    let filter = match state {
        Some(s) => Some(
            codes::plan_state_code(&s)
                .and_then(VersionState::from_code)
                .ok_or_else(|| anyhow!(t::bad_plan_state(&s)))?,
        ),
        None => None,
    };
    let conn = session.db.conn();
    let rows = plans::list(conn, filter)?;
    if json {
        println!("{}", json_safe(&serde_json::to_string_pretty(&rows)?));
        return Ok(());
    }
    let people = People::load(conn)?;
    let coordinators: Vec<String> = rows.iter().map(|r| people.name(&r.coordinator_login)).collect();
    let h = t::plan_list_header();
    let width = coordinators.iter().map(|c| c.chars().count()).chain([h[4].chars().count()]).max().unwrap_or(0);
    println!("{:<16} {:<3} {:<13} {:<23} {:<width$} {}", h[0], h[1], h[2], h[3], h[4], h[5]);
    for (r, coordinator) in rows.iter().zip(&coordinators) {
        println!(
            "{:<16} {:<3} {:<13} {} – {} {:<width$} {}",
            r.number,
            r.version,
            codes::plan_state(r.state.code()),
            r.period_start,
            r.period_end,
            coordinator,
            safe(&r.resident_name)
        );
    }
    println!("{}", t::plans_counted(rows.len()));
    Ok(())
}

/// Logs that `login` read the plan out; called before anything of it is printed.
fn log_view(session: &mut Session, d: &plans::PlanDetail, what: &str) -> Result<()> {
    let login = session.me.login.clone();
    let (resident, target) = (d.header.resident_id, format!("plan:{}", d.header.id));
    session.db.write(|tx| audit::append(tx, &login, AuditAction::View, Some(resident), &target, what))?;
    Ok(())
}

pub(super) fn show(session: &mut Session, id: &str, json: bool) -> Result<()> {
    session.me.require(Permission::ViewCard)?;
    let plan_id = plans::resolve(session.db.conn(), id)?;
    let d = special::plan_detail(session.db.conn(), plan_id, &session.me)?;
    log_view(session, &d, if json { "ipus show --json" } else { "ipus show" })?;
    let conn = session.db.conn();
    if json {
        println!("{}", json_safe(&serde_json::to_string_pretty(&d)?));
        return Ok(());
    }
    print_plan(conn, &d)
}

pub(super) fn diff(session: &mut Session, id: &str, from: u32, to: u32) -> Result<()> {
    session.me.require(Permission::ViewCard)?;
    let plan_id = plans::resolve(session.db.conn(), id)?;
    let d = special::plan_detail(session.db.conn(), plan_id, &session.me)?;
    log_view(session, &d, &format!("ipus diff {from} {to}"))?;
    let find = |n: u32| {
        d.versions.iter().find(|v| v.version == n).ok_or_else(|| anyhow!(t::no_such_version(&d.header.number, n)))
    };
    let (old, new) = (&find(from)?.content, &find(to)?.content);
    let changes = describe(&ipus::diff(old, new), old, new);
    if changes.is_empty() {
        println!("{}", t::versions_equal(from, to));
    }
    for c in changes {
        println!("{c}");
    }
    Ok(())
}

/// One change per line, in the interface language, text from the plan made safe.
fn describe(diff: &VersionDiff, old: &PlanContent, new: &PlanContent) -> Vec<String> {
    let mut out: Vec<String> = diff
        .fields
        .iter()
        .map(|c| t::diff_field(codes::plan_field(c.field), &safe(&c.before), &safe(&c.after)))
        .collect();
    // A changed amount is given as the domain words it; the lines it came from say it in words.
    let amount_in = |content: &PlanContent, label: &str| {
        content.lines.iter().find(|l| l.amount_label() == label).map_or_else(|| safe(label), amount_text)
    };
    for change in &diff.lines {
        out.push(match change {
            LineChange::Added(l) => t::diff_line_added(&safe(&l.service_name), &amount_text(l)),
            LineChange::Removed(l) => t::diff_line_removed(&safe(&l.service_name), &amount_text(l)),
            LineChange::Changed { service, changes } => {
                let changes: Vec<String> = changes
                    .iter()
                    .map(|c| {
                        let (before, after) = if c.field == "ilość" {
                            (amount_in(old, &c.before), amount_in(new, &c.after))
                        } else {
                            (safe(&c.before), safe(&c.after))
                        };
                        t::diff_value(codes::plan_field(c.field), &before, &after)
                    })
                    .collect();
                t::diff_line_changed(&safe(service), &changes.join("; "))
            }
        });
    }
    for change in &diff.actions {
        out.push(match change {
            ActionChange::Added(a) => t::diff_action_added(&safe(&a.what), &safe(&a.who)),
            ActionChange::Removed(a) => t::diff_action_removed(&safe(&a.what)),
            ActionChange::WhoChanged { what, before, after } => {
                t::diff_action_provider(&safe(what), &safe(before), &safe(after))
            }
        });
    }
    out
}

/// `2 / month, at most 6 / year` in the interface language.
pub(super) fn amount_text(line: &LineContent) -> String {
    let amount = t::amount(line.amount.units, line.amount.per.code());
    match line.cap {
        Some(cap) => t::amount_with_cap(&amount, &t::amount(cap.units, cap.per.code())),
        None => amount,
    }
}

fn print_plan(conn: &Connection, d: &plans::PlanDetail) -> Result<()> {
    let people = People::load(conn)?;
    let h = &d.header;
    println!("{}", t::plan_title(&h.number, &safe(&h.resident_name), h.resident_id));
    println!("{}", t::plan_coordinator(&people.name(&h.coordinator_login), h.application_id));
    if let Some(ended) = h.ended_on {
        println!(
            "{}",
            t::plan_ended(
                ended,
                codes::end_reason(h.end_reason.as_deref().unwrap_or("")),
                h.director_informed_on,
                h.follow_up_due()
            )
        );
    }
    if let Some(on) = h.summary_on {
        println!("{}", t::plan_summary(on, &safe(&h.summary_course), &safe(&h.summary_results)));
    }
    if let Some(on) = h.follow_up_on {
        println!("{}", t::plan_follow_up(on, &safe(&h.follow_up_note)));
    }
    for v in &d.versions {
        let c = &v.content;
        println!();
        println!(
            "{}",
            t::version_heading(
                v.version,
                codes::version_state(v.state.code()),
                v.drafted_on,
                v.revision,
                &people.name(&v.updated_by),
                &t::local_stamp(&v.updated_at)
            )
        );
        println!("  {}", t::period(c.period_start, c.period_end));
        println!("  {}", t::needs(&safe(&c.needs)));
        if !c.expected_effects.is_empty() {
            println!("  {}", t::expected_effects(&safe(&c.expected_effects)));
        }
        for (i, l) in c.lines.iter().enumerate() {
            println!(
                "  {}. {} — {} ({} – {}){}{}",
                i + 1,
                safe(&l.service_name),
                amount_text(l),
                l.starts_on,
                l.ends_on,
                if l.schedule.is_empty() { String::new() } else { format!(", {}", safe(&l.schedule)) },
                l.resigned_on.map(|r| format!(" — {}", t::resigned_from(r))).unwrap_or_default()
            );
        }
        for a in &c.actions {
            println!("  * {} — {}", safe(&a.what), safe(&a.who));
        }
    }
    if !d.decisions.is_empty() {
        println!();
        println!("{}", t::decisions_heading());
        for dec in &d.decisions {
            let comment = if dec.comment.is_empty() { String::new() } else { format!(" — {}", safe(&dec.comment)) };
            println!(
                "  {}{comment}",
                t::decision(
                    dec.version,
                    codes::decision(&dec.decision),
                    &people.name(&dec.decided_by),
                    &t::local_stamp(&dec.decided_at)
                )
            );
        }
    }
    if !d.contacts.is_empty() {
        println!();
        println!("{}", t::monitoring_heading());
        for c in &d.contacts {
            println!(
                "  {} {} {} — {}",
                c.contact_on,
                codes::contact_channel(&c.channel),
                safe(&c.with_whom),
                safe(&c.note)
            );
        }
    }
    if let Some(due) = plans::monitoring_due(d).filter(|_| h.ended_on.is_none()) {
        println!("{}", t::next_contact_due(due));
    }
    Ok(())
}
