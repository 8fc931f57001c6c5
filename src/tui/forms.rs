//! The forms of the desk: how each is laid out and what a submission turns into. The checks
//! themselves are the domain's.

use super::app::Job;
use super::strings::Text;
use super::widgets::form::{Field, Form};
use super::widgets::popup::FormPurpose;
use crate::domain::text::FieldError;
use crate::domain::visit::{CHANNELS, VisitInput};
use chrono::NaiveDate;

/// An information-only visit or call, dated today unless changed.
pub fn visit_form(today: NaiveDate) -> Form {
    Form::new(
        Text::VisitTitle,
        vec![
            Field::text(Text::VisitDate, "data", &today.to_string()),
            Field::choice(Text::VisitChannel, "kanał", &CHANNELS),
            Field::text(Text::VisitTopic, "temat", ""),
            Field::text(Text::VisitReferral, "skierowano do", ""),
            Field::text(Text::VisitNote, "notatka", ""),
        ],
    )
}

/// Checks a submitted form; the error names the field to fix.
pub fn submit(purpose: FormPurpose, form: &Form, today: NaiveDate) -> Result<Job, FieldError> {
    match purpose {
        FormPurpose::Visit { resident_id } => {
            let input = VisitInput {
                date: form.value("data").to_string(),
                channel: form.value("kanał").to_string(),
                topic: form.value("temat").to_string(),
                referral: form.value("skierowano do").to_string(),
                note: form.value("notatka").to_string(),
            };
            Ok(Job::SaveVisit { resident_id, visit: input.validate(today)? })
        }
    }
}
