//! The qualification form's reading work: the services offered with what each provider has
//! left, and the provider named as typed. Saving goes through `storage::qualifications`, the
//! same functions as `application qualify|refuse`.

use super::plans::pick_service;
use crate::domain::period::DateRange;
use crate::domain::qualification::QualificationDraft;
use crate::domain::roles::Permission;
use crate::domain::text::FieldProblem;
use crate::storage::qualifications::Grant;
use crate::storage::staff::StaffMember;
use crate::storage::{Db, Result, base};
use crate::tui::msg::{Msg, PickService, QualificationStart};
use chrono::NaiveDate;

/// How far ahead the provider picker shows what is left: a qualification lasts at most a year.
const HORIZON_DAYS: u64 = 365;

fn services(db: &Db, today: NaiveDate) -> Result<Vec<PickService>> {
    let conn = db.conn();
    let ahead = DateRange { start: today, end: today + chrono::Days::new(HORIZON_DAYS) };
    base::table(conn, today, None)?.into_iter().map(|r| pick_service(conn, r, ahead)).collect()
}

/// Which application the picker is for, and who asked.
pub(super) struct Opened {
    pub application_id: i64,
    pub resident_name: String,
    pub refusal: bool,
    pub from_card: bool,
}

pub(super) fn open(db: &Db, me: &StaffMember, asked: Opened, today: NaiveDate) -> Result<Msg> {
    me.require(Permission::Qualify)?;
    let Opened { application_id, resident_name, refusal, from_card } = asked;
    Ok(Msg::QualificationServices(Box::new(QualificationStart {
        application_id,
        resident_name,
        refusal,
        services: services(db, today)?,
        from_card,
    })))
}

/// What the qualification form asks for, the provider as typed.
pub(super) struct Asked<'a> {
    pub application_id: i64,
    pub service_id: i64,
    pub provider: &'a str,
    pub draft: QualificationDraft,
    pub queue_reason: Option<String>,
}

/// The grant a submitted form asks for, with the provider it names among the service's.
pub(super) fn grant(db: &Db, me: &StaffMember, asked: Asked<'_>, today: NaiveDate) -> Result<Grant> {
    me.require(Permission::Qualify)?;
    let Asked { application_id, service_id, provider, draft, queue_reason } = asked;
    let provider_id = match provider.trim() {
        "" => None,
        typed => {
            let service = services(db, today)?.into_iter().find(|s| s.id == service_id);
            let named = service.as_ref().and_then(|s| s.provider_named(typed)).map(|p| p.id);
            let offered = service
                .as_ref()
                .map(|s| s.providers.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", "))
                .unwrap_or_default();
            Some(named.ok_or_else(|| {
                FieldProblem::NotOneOf { value: typed.to_string(), allowed: offered }.on("realizator")
            })?)
        }
    };
    Ok(Grant { application_id, service_id, provider_id, draft, queue_reason })
}
