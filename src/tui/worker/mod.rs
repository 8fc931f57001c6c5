//! Database work off the input path: a thread with its own connection takes [`Job`]s and sends
//! back [`Msg`]s. Every job checks the permission it needs and audits in the same transaction.
//! The plan views' jobs are in `plans`, the reports screen's in `reports`.

mod plans;
mod qualify;
mod reports;

use super::msg::{CatalogueItem, Job, Msg};
use crate::domain::roles::Permission;
use crate::domain::text::FieldProblem;
use crate::i18n::desk::Text;
use crate::storage::audit::{self, AuditAction};
use crate::storage::staff::StaffMember;
use crate::storage::{
    Db, Result, StorageError, applications, base, card, dashboard, qualifications, residents, services, special, usage,
};
use std::sync::mpsc::{Receiver, Sender, channel};

/// Does one job; a refused field becomes [`Msg::Refused`] for its form, any other storage error
/// [`Msg::Failed`] for the error popup.
pub fn execute(db: &mut Db, me: &StaffMember, print_command: Option<&str>, job: Job) -> Msg {
    run(db, me, print_command, job).unwrap_or_else(|e| match e {
        StorageError::Field(refusal) => Msg::Refused(refusal),
        e => Msg::Failed(e.to_string()),
    })
}

fn run(db: &mut Db, me: &StaffMember, print_command: Option<&str>, job: Job) -> Result<Msg> {
    match job {
        Job::TakeKeptForms => Ok(Msg::KeptForms(db.write(|tx| crate::storage::form_drafts::take(tx, &me.login))?)),
        Job::OpenCard { id, audit, today } => {
            me.require(Permission::ViewCard)?;
            let with_sensitive = me.can(Permission::ViewSpecialCategory);
            let card = if audit {
                db.write(|tx| {
                    let card = card::load(tx, id, with_sensitive, today)?;
                    audit::append(tx, &me.login, AuditAction::OpenCard, Some(id), &format!("resident:{id}"), "")?;
                    Ok(card)
                })?
            } else {
                card::load(db.conn(), id, with_sensitive, today)?
            };
            Ok(Msg::Card(Box::new(card)))
        }
        Job::RevealPesel(id) => {
            me.require(Permission::RevealPesel)?;
            db.write(|tx| {
                audit::append(tx, &me.login, AuditAction::RevealPesel, Some(id), &format!("resident:{id}"), "desk")
            })?;
            Ok(Msg::PeselRevealed(id))
        }
        Job::CopyPesel(id) => {
            me.require(Permission::RevealPesel)?;
            let pesel = db.write(|tx| {
                let pesel = card::pesel(tx, id)?;
                audit::append(
                    tx,
                    &me.login,
                    AuditAction::RevealPesel,
                    Some(id),
                    &format!("resident:{id}"),
                    "copy sent (OSC 52)",
                )?;
                Ok(pesel)
            })?;
            Ok(Msg::PeselForCopy(pesel))
        }
        Job::Plan(job) => plans::run(db, me, print_command, job),
        Job::Report(job) => reports::run(db, me, job),
        Job::LoadDashboard { today } => {
            me.require(Permission::SearchResidents)?;
            Ok(Msg::Dashboard(Box::new(dashboard::for_staff(db.conn(), me, today)?)))
        }
        Job::CloseApplication { resident_id, application_id, outcome } => {
            db.write(|tx| {
                of_resident(tx, application_id, resident_id)?;
                applications::close(tx, me, application_id, &outcome)
            })?;
            Ok(Msg::ApplicationClosed { resident_id })
        }
        Job::AddRepresentative { resident_id, record } => {
            me.require(Permission::EditResident)?;
            db.write(|tx| card::add_representative(tx, &me.login, resident_id, &record))?;
            Ok(Msg::RepresentativeAdded { resident_id })
        }
        Job::WaitForService { resident_id, application_id, service, units } => {
            db.write(|tx| {
                of_resident(tx, application_id, resident_id)?;
                let service_id = services::id_by_code(tx, &service)?.ok_or_else(|| {
                    StorageError::from(
                        FieldProblem::Mismatch(crate::i18n::errors::unknown_service_code(
                            crate::i18n::current(),
                            &service,
                        ))
                        .on("kod usługi"),
                    )
                })?;
                crate::storage::waitlist::join(tx, me, application_id, service_id, units).map(|_| ())
            })?;
            Ok(Msg::ApplicationClosed { resident_id })
        }
        Job::RegisterResident { record, distinct_from } => {
            me.require(Permission::EditResident)?;
            match db.write(|tx| residents::register(tx, &me.login, &record, &distinct_from)) {
                Ok(id) => Ok(Msg::ResidentRegistered { id }),
                Err(StorageError::LooksLike(alike)) => Ok(Msg::LooksLike { record, alike }),
                // Refused on the field, naming who has the PESEL, so the form keeps what was typed.
                Err(StorageError::DuplicatePesel { id, name }) => Ok(Msg::Refused(
                    FieldProblem::Mismatch(crate::i18n::errors::pesel_taken_by(crate::i18n::current(), id, &name))
                        .on("PESEL"),
                )),
                Err(e) => Err(e),
            }
        }
        Job::SaveVisit { resident_id, visit } => {
            me.require(Permission::RecordContact)?;
            db.write(|tx| card::record_visit(tx, &me.login, resident_id, &visit))?;
            Ok(Msg::VisitSaved { resident_id })
        }
        Job::LoadBase { day } => load_base(db, me, day.and_time(chrono::Local::now().time())),
        Job::SetLimit { service_id, period, units, provider } => {
            me.require(Permission::EditServiceBase)?;
            db.write(|tx| {
                services::set_limit_by_label(tx, &me.login, service_id, &period, units, provider.as_deref())
            })?;
            Ok(Msg::BaseSaved(Text::LimitSaved))
        }
        Job::SetSuspended { service_id, suspended } => {
            me.require(Permission::EditServiceBase)?;
            db.write(|tx| services::set_suspended(tx, &me.login, service_id, suspended))?;
            Ok(Msg::BaseSaved(if suspended { Text::ServiceSuspended } else { Text::ServiceResumed }))
        }
        Job::SaveService { service_id, input, provider } => {
            me.require(Permission::EditServiceBase)?;
            db.write(|tx| {
                let mut input = *input;
                let named = provider.as_deref().map(|p| services::resolve_provider(tx, p)).transpose()?;
                match service_id {
                    None => {
                        input.default_provider_id = named;
                        services::add_service(tx, &me.login, &input).map(|_| ())
                    }
                    Some(id) => {
                        input.default_provider_id = named.or(services::service_input(tx, id)?.default_provider_id);
                        services::edit_service(tx, &me.login, id, &input)
                    }
                }
            })?;
            Ok(Msg::BaseSaved(Text::ServiceSaved))
        }
        Job::OpenApplicationForm { resident_id } => {
            me.require(Permission::RegisterApplication)?;
            let catalogue = base::load_services(db.conn())?
                .into_iter()
                .filter(|s| !s.suspended)
                .map(|s| CatalogueItem { code: s.code, name: s.name, unit: s.unit })
                .collect();
            Ok(Msg::ApplicationForm { resident_id, catalogue })
        }
        Job::PrintApplication { application_id } => print_application(db, me, print_command, application_id),
        Job::PrintDecision { application_id } => print_decision(db, me, print_command, application_id),
        Job::OpenQualification { application_id, resident_name, refusal, today, from_card } => {
            let asked = qualify::Opened { application_id, resident_name, refusal, from_card };
            qualify::open(db, me, asked, today)
        }
        Job::LoadApplications { today } => {
            me.require(Permission::ViewCard)?;
            let mut list = dashboard::open_applications(db.conn(), today)?;
            // What an application asks for is special-category data, as on `application show`.
            if !special::sees_special(me) {
                let hidden = crate::i18n::trust::hidden();
                for a in &mut list {
                    crate::domain::special::hide(&mut a.summary, &hidden);
                }
            }
            Ok(Msg::Applications(list))
        }
        Job::OpenApplication { id, audit: look } => open_application(db, me, id, look),
        Job::Qualify { application_id, service_id, provider, draft, queue_reason, today } => {
            let asked = qualify::Asked { application_id, service_id, provider: &provider, draft, queue_reason };
            let grant = qualify::grant(db, me, asked, today)?;
            db.write(|tx| crate::storage::qualifications::qualify(tx, me, &grant, today))?;
            Ok(Msg::BaseSaved(Text::QualificationSaved))
        }
        Job::RefuseQualification { application_id, service_id, refusal, today, .. } => {
            db.write(|tx| qualifications::refuse(tx, me, application_id, service_id, &refusal, today))?;
            Ok(Msg::BaseSaved(Text::RefusalSaved))
        }
        Job::JoinWaitlist { application_id, service_id, units, .. } => {
            db.write(|tx| crate::storage::waitlist::join(tx, me, application_id, service_id, units))?;
            Ok(Msg::BaseSaved(Text::WaitlistJoined))
        }
        Job::RecordUsage { target, day, units, note } => {
            me.require(Permission::RecordUsage)?;
            db.write(|tx| {
                let grant = target.resolve(tx)?;
                let delivery = usage::Delivery { grant, day, units, note: &note, source: "desk", import_key: None };
                usage::record(tx, &me.login, &delivery)
            })?;
            Ok(Msg::BaseSaved(Text::UsageSaved))
        }
    }
}

/// One application as `me` may see it, the way `application show` reads it; `look` when a person
/// opens it (a refresh after an outcome is not a new look), logged before it is shown.
fn open_application(db: &mut Db, me: &StaffMember, id: i64, look: bool) -> Result<Msg> {
    me.require(Permission::ViewCard)?;
    let conn = db.conn();
    let application = special::application(conn, id, me)?;
    let assessment = special::latest_assessment(conn, id, me)?;
    let mut qualifications = qualifications::of_application(conn, id)?;
    let mut refusals = qualifications::refusals(conn, id)?;
    if !special::sees_special(me) {
        let health = special::health_services(conn)?;
        let hidden = crate::i18n::trust::hidden();
        for q in qualifications.iter_mut().filter(|q| health.contains(&q.service_id)) {
            crate::domain::special::hide(&mut q.service_name, &hidden);
        }
        for r in refusals.iter_mut().filter(|r| health.contains(&r.service_id)) {
            crate::domain::special::hide(&mut r.service_name, &hidden);
        }
    }
    let shown = super::msg::ApplicationShown {
        open: dashboard::is_open(conn, id)?,
        plans: dashboard::plans_of_application(conn, id)?,
        partners: crate::storage::partners::partners(conn)?,
        application,
        assessment,
        qualifications,
        refusals,
    };
    if look {
        let detail = if shown.assessment.is_some() { "wniosek z oceną potrzeb" } else { "wniosek" };
        let resident = shown.application.resident_id;
        db.write(|tx| {
            audit::append(tx, &me.login, AuditAction::View, Some(resident), &format!("application:{id}"), detail)
        })?;
    }
    Ok(Msg::ApplicationShown(Box::new(shown)))
}

/// Refuses, on the form's number field, an application that is not the card's resident's.
fn of_resident(conn: &rusqlite::Connection, application_id: i64, resident_id: i64) -> Result<()> {
    if applications::get(conn, application_id)?.resident_id != resident_id {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::not_this_persons(
            crate::i18n::current(),
            application_id,
        ))
        .on("nr wniosku")
        .into());
    }
    Ok(())
}

/// The service base as of `now`, every service with its detail.
pub fn load_base(db: &Db, me: &StaffMember, now: chrono::NaiveDateTime) -> Result<Msg> {
    me.require(Permission::SearchResidents)?;
    let snap = base::load_day(db.conn(), now.date())?;
    let rows = base::compute(&snap, now.date(), Some(now));
    Ok(Msg::BaseLoaded(Box::new(rows.iter().filter_map(|row| base::detail(&snap, row)).collect())))
}

/// Starts the worker; it ends when the sender is dropped.
/// The worker thread; `print_command` is the settings' (`print_command` in config.toml).
pub fn spawn(
    mut db: Db,
    me: StaffMember,
    print_command: Option<String>,
    send: impl Fn(Msg) + Send + 'static,
) -> Sender<Job> {
    let (tx, rx): (Sender<Job>, Receiver<Job>) = channel();
    std::thread::spawn(move || {
        for job in rx {
            send(execute(&mut db, &me, print_command.as_deref(), job));
        }
    });
    tx
}

/// The application's latest refusal decision, rendered as `application letter` renders it and
/// signed by whoever prints it, sent to the print command and audited.
fn print_decision(db: &mut Db, me: &StaffMember, print_command: Option<&str>, application_id: i64) -> Result<Msg> {
    me.require(Permission::ViewCard)?;
    let invalid = |e: &dyn std::fmt::Display| StorageError::Invalid(e.to_string());
    let command = print_command.ok_or_else(|| invalid(&crate::i18n::cli::no_print_command()))?;
    let conn = db.conn();
    let refusal = crate::storage::qualifications::refusals(conn, application_id)?
        .pop()
        .ok_or_else(|| invalid(&crate::i18n::cli::no_refusal_decision(application_id, None)))?;
    let doc = crate::export::letters::refusal(conn, refusal.id, &me.login)?;
    let resident = applications::get(conn, application_id)?.resident_id;
    let pdf = crate::export::document::render_pdf(&doc).map_err(|e| invalid(&e))?;
    let output = crate::export::print(command, &pdf)
        .map_err(|e| invalid(&format!("{}: {e}", crate::i18n::cli::printing_with(command))))?;
    db.write(|tx| {
        audit::append(tx, &me.login, AuditAction::Print, Some(resident), &format!("decision:{}", refusal.id), command)
    })?;
    Ok(Msg::DecisionPrinted { decision_number: refusal.decision_number, output })
}

/// The application with its needs assessment, rendered as `application print` renders it (the
/// special-category data only for those allowed to see it), sent to the print command and audited.
fn print_application(db: &mut Db, me: &StaffMember, print_command: Option<&str>, application_id: i64) -> Result<Msg> {
    me.require(Permission::ViewCard)?;
    let invalid = |e: &dyn std::fmt::Display| StorageError::Invalid(e.to_string());
    let command = print_command.ok_or_else(|| invalid(&crate::i18n::cli::no_print_command()))?;
    let conn = db.conn();
    let doc = crate::export::letters::application(conn, application_id, me.can(Permission::ViewSpecialCategory))?;
    let resident = applications::get(conn, application_id)?.resident_id;
    let pdf = crate::export::document::render_pdf(&doc).map_err(|e| invalid(&e))?;
    let output = crate::export::print(command, &pdf)
        .map_err(|e| invalid(&format!("{}: {e}", crate::i18n::cli::printing_with(command))))?;
    db.write(|tx| {
        audit::append(
            tx,
            &me.login,
            AuditAction::Print,
            Some(resident),
            &format!("application:{application_id}"),
            command,
        )
    })?;
    Ok(Msg::ApplicationPrinted { application_id, output })
}
