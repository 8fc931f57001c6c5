//! Pieces of applications and plans the storage-level tests build again and again.

use chrono::NaiveDate;
use okienko::domain::ipus::LineContent;
use okienko::domain::plan::{Amount, Per};
use okienko::storage::applications::{ApplicantKind, ApplicationInput};

/// An application the resident filed in person on `filed`.
pub fn walk_in(filed: NaiveDate, summary: &str) -> ApplicationInput {
    ApplicationInput {
        filed_on: filed,
        applicant_kind: ApplicantKind::Resident,
        applicant_name: String::new(),
        applicant_phone: String::new(),
        applicant_email: String::new(),
        applicant_address: String::new(),
        channel: "osobiście".into(),
        summary: summary.into(),
    }
}

/// Senior taxi (service 1, `TAXI`), `units` rides a month from `from` to `to`, on Tuesdays, at home.
pub fn taxi_line(units: u32, from: NaiveDate, to: NaiveDate) -> LineContent {
    LineContent {
        service_id: 1,
        service_code: "TAXI".into(),
        service_name: "Taxi senioralne".into(),
        provider_id: None,
        provider_name: String::new(),
        amount: Amount { units, per: Per::Month },
        cap: None,
        starts_on: from,
        ends_on: to,
        schedule: "wtorki".into(),
        place_form: "dom".into(),
        scope: String::new(),
        resigned_on: None,
    }
}
