//! The plan views' database work, on the worker's connection.

use crate::domain::ipus::VersionState;
use crate::domain::period::DateRange;
use crate::domain::roles::Permission;
use crate::storage::base::ServiceRow;
use crate::storage::staff::StaffMember;
use crate::storage::{Db, Result, applications, plans, pools, special, waitlist};
use crate::tui::msg::{Monitoring, Msg, OpenedPlan, PickProvider, PickService, PlanJob, PlanMsg, Recorded};

/// A service for the plan editor's picker and line form: its providers with what each has left
/// in every period of the plan, its waiting list and its fee.
pub(super) fn pick_service(conn: &rusqlite::Connection, r: ServiceRow, plan_period: DateRange) -> Result<PickService> {
    let left = pools::left_per_pool(conn, r.id, plan_period)?;
    let pool_providers: Vec<Option<i64>> = left.iter().map(|p| p.provider_id).collect();
    let only_per_provider = !pool_providers.is_empty() && pool_providers.iter().all(Option::is_some);
    let providers = r
        .provider_ids
        .iter()
        .zip(&r.providers)
        .filter(|(id, _)| !only_per_provider || pool_providers.contains(&Some(**id)))
        .map(|(&id, name)| PickProvider {
            id,
            name: name.clone(),
            left: left
                .iter()
                .find(|p| p.provider_id == Some(id))
                .or_else(|| left.iter().find(|p| p.provider_id.is_none()))
                .map(|p| p.periods.clone())
                .unwrap_or_default(),
        })
        .collect();
    let first_waiting = waitlist::waiting(conn, r.id)?.first().map(|w| w.filed_on);
    Ok(PickService {
        id: r.id,
        code: r.code,
        name: r.name,
        unit: r.unit,
        remaining: r.remaining,
        period: r.period,
        suspended: r.suspended,
        fee: r.fee,
        providers,
        pool_providers,
        waiting: r.waiting,
        first_waiting,
    })
}

/// Runs a plan job on the worker's connection.
pub fn run(db: &mut Db, me: &StaffMember, job: PlanJob) -> Result<Msg> {
    match job {
        PlanJob::List => {
            me.require(Permission::ViewCard)?;
            Ok(Msg::Plan(PlanMsg::Listed(plans::list(db.conn(), None)?)))
        }
        PlanJob::Open { plan_id, today } => {
            me.require(Permission::ViewCard)?;
            let holder =
                if me.can(Permission::DraftPlan) { db.write(|tx| plans::hold(tx, me, plan_id))? } else { None };
            let detail = special::plan_detail(db.conn(), plan_id, me)?;
            // The editor shows the needs and the assessment: opening it is a view of personal data.
            let resident = detail.header.resident_id;
            db.write(|tx| {
                crate::storage::audit::append(
                    tx,
                    &me.login,
                    crate::storage::audit::AuditAction::View,
                    Some(resident),
                    &format!("plan:{plan_id}"),
                    "desk",
                )
            })?;
            let conn = db.conn();
            let Some(version) = detail.current().cloned() else {
                return Err(crate::storage::StorageError::NotFound(format!("wersja planu {}", detail.header.number)));
            };
            let application = detail.header.application_id.map(|a| special::application(conn, a, me)).transpose()?;
            let assessment = match (&application, me.can(Permission::ViewSpecialCategory)) {
                (Some(a), true) => applications::latest_assessment(conn, a.id)?,
                _ => None,
            };
            let effects = plans::pool_effects(conn, plan_id, &version.content)?;
            let fees = crate::export::plan::line_services(conn, plan_id, &version.content)?;
            let plan_period = DateRange::new(version.content.period_start, version.content.period_end)
                .unwrap_or(DateRange { start: today, end: today });
            let services = crate::storage::base::table(conn, today, None)?
                .into_iter()
                .map(|r| pick_service(conn, r, plan_period))
                .collect::<Result<_>>()?;
            let comment = detail
                .decisions
                .iter()
                .rev()
                .find(|d| d.version == version.version && d.decision == VersionState::Returned.code())
                .map(|d| d.comment.clone());
            Ok(Msg::Plan(PlanMsg::Opened(Box::new(OpenedPlan {
                plan_id,
                number: detail.header.number.clone(),
                resident_name: detail.header.resident_name.clone(),
                application_id: application.as_ref().map(|a| a.id),
                filed_on: application.as_ref().map(|a| a.filed_on),
                assessed_on: assessment.as_ref().map(|a| a.conducted_on),
                problems: assessment.map(|a| a.input.problems).unwrap_or_default(),
                version,
                holder: holder.map(|h| h.to_string()),
                ended_on: detail.header.ended_on,
                monitoring: Monitoring {
                    contacts: detail.contacts.len(),
                    last_contact: detail.contacts.iter().map(|c| c.contact_on).max(),
                    contact_due: if detail.header.ended_on.is_none() { plans::monitoring_due(&detail) } else { None },
                    follow_up_due: detail.header.follow_up_due(),
                    follow_up_on: detail.header.follow_up_on,
                },
                may_edit: me.can(Permission::DraftPlan),
                returned_comment: comment,
                effects,
                fees,
                services,
                closed_services: crate::storage::places::closed_to(conn, detail.header.resident_id)?,
            }))))
        }
        PlanJob::RegisterApplication { resident_id, application, assessment, draft, today } => {
            let (id, number) = db.write(|tx| {
                let id =
                    applications::register(tx, me, applications::ForResident::Existing(resident_id), &application)?;
                if !(assessment.needs.is_empty() && assessment.problems.is_empty() && assessment.services.is_empty()) {
                    applications::assess(tx, me, id, today.max(application.filed_on), &assessment)?;
                }
                let number = match draft {
                    Some((from, to)) => {
                        let content = crate::domain::ipus::PlanContent {
                            period_start: from,
                            period_end: to,
                            needs: assessment.needs.clone(),
                            expected_effects: String::new(),
                            quality_check: String::new(),
                            lines: Vec::new(),
                            actions: Vec::new(),
                        };
                        let (plan_id, _) = plans::create_draft(tx, me, id, &content, today)?;
                        Some(plans::header(tx, plan_id)?.number)
                    }
                    None => None,
                };
                Ok((id, number))
            })?;
            Ok(Msg::Plan(PlanMsg::ApplicationRegistered { id, draft: number }))
        }
        PlanJob::Approve { version_id, revision } => {
            db.write(|tx| plans::approve(tx, me, version_id, Some(revision), "", None))?;
            Ok(Msg::Plan(PlanMsg::Approved { version_id }))
        }
        PlanJob::Return { version_id, comment } => {
            db.write(|tx| plans::return_version(tx, me, version_id, &comment))?;
            Ok(Msg::Plan(PlanMsg::Returned { version_id }))
        }
        PlanJob::Print { plan_id, version } => {
            me.require(Permission::ViewCard)?;
            let invalid = |e: &dyn std::fmt::Display| crate::storage::StorageError::Invalid(e.to_string());
            let command = crate::config::load(&crate::config::files())
                .map_err(|e| invalid(&e))?
                .print_command
                .ok_or_else(|| {
                    invalid(&"print_command: nie ustawiono polecenia drukowania (np. print_command = \"lp -d biuro\")")
                })?;
            let printed = crate::export::gather(db.conn(), plan_id, Some(version), me)?;
            let pdf = crate::export::plan::render_pdf(&printed).map_err(|e| invalid(&e))?;
            let output =
                crate::export::print(&command, &pdf).map_err(|e| invalid(&format!("drukowanie ({command}): {e}")))?;
            let target = format!("plan_version:{}", printed.version.id);
            let resident = printed.detail.header.resident_id;
            db.write(|tx| {
                crate::storage::audit::append(
                    tx,
                    &me.login,
                    crate::storage::audit::AuditAction::Print,
                    Some(resident),
                    &target,
                    &command,
                )
            })?;
            Ok(Msg::Plan(PlanMsg::Printed { number: printed.detail.header.number.clone(), version, output }))
        }
        PlanJob::StartUpdate { plan_id, today } => {
            me.require(Permission::DraftPlan)?;
            db.write(|tx| plans::start_update(tx, me, plan_id, today))?;
            run(db, me, PlanJob::Open { plan_id, today })
        }
        PlanJob::AddContact { plan_id, contact } => {
            me.require(Permission::RecordMonitoring)?;
            db.write(|tx| plans::add_contact(tx, me, plan_id, &contact))?;
            Ok(Msg::Plan(PlanMsg::Recorded { plan_id, done: Recorded::Contact { on: contact.on } }))
        }
        PlanJob::Resign { plan_id, position, on, informed } => {
            me.require(Permission::EndPlan)?;
            let done = match position {
                Some(position) => {
                    db.write(|tx| plans::resign_line(tx, me, plan_id, position, on, informed))?;
                    Recorded::ResignedLine { position, on }
                }
                None => {
                    db.write(|tx| plans::end_plan(tx, me, plan_id, on, plans::EndReason::Resignation, Some(informed)))?;
                    Recorded::ResignedPlan { on }
                }
            };
            Ok(Msg::Plan(PlanMsg::Recorded { plan_id, done }))
        }
        PlanJob::Complete { plan_id, on, course, results } => {
            me.require(Permission::EndPlan)?;
            db.write(|tx| plans::record_summary(tx, me, plan_id, on, &course, &results))?;
            Ok(Msg::Plan(PlanMsg::Recorded { plan_id, done: Recorded::Completed { on } }))
        }
        PlanJob::FollowUp { plan_id, on, note } => {
            me.require(Permission::RecordMonitoring)?;
            let early = db.write(|tx| plans::record_follow_up(tx, me, plan_id, on, &note))?;
            Ok(Msg::Plan(PlanMsg::Recorded { plan_id, done: Recorded::FollowUp { on, early } }))
        }
        PlanJob::Release { plan_id } => {
            db.write(|tx| plans::release(tx, me, plan_id))?;
            Ok(Msg::Plan(PlanMsg::Listed(plans::list(db.conn(), None)?)))
        }
    }
}
