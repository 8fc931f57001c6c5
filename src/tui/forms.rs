//! The forms of the desk: how each is laid out and what a submission turns into. The checks
//! themselves are the domain's.

use super::app::Job;
use super::strings::Text;
use super::views::plans::PlanJob;
use super::widgets::form::{Field, Form};
use super::widgets::popup::FormPurpose;
use crate::domain::plan::check_plan_period;
use crate::domain::text::{FieldError, FieldProblem, check_note, check_text, normalize_phone, parse_date};
use crate::domain::visit::{CHANNELS, VisitInput};
use crate::storage::applications::{ApplicantKind, ApplicationInput, AssessmentInput};
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

/// Who may apply (art. 35), as stored.
pub const APPLICANT_KINDS: [&str; 3] = ["mieszkaniec", "przedstawiciel_ustawowy", "opiekun_faktyczny"];

/// An application with its needs assessment, from the resident's card; with a period it also
/// starts the plan's draft.
pub fn application_form(today: NaiveDate) -> Form {
    Form::new(
        Text::ApplicationTitle,
        vec![
            Field::text(Text::ApplicationFiled, "data złożenia", &today.to_string()),
            Field::choice(Text::ApplicantKind, "wnioskodawca", &APPLICANT_KINDS),
            Field::text(Text::ApplicantName, "imię i nazwisko wnioskodawcy", ""),
            Field::text(Text::ApplicantPhone, "telefon wnioskodawcy", ""),
            Field::choice(Text::ApplicationChannel, "kanał", &crate::storage::applications::CHANNELS),
            Field::text(Text::ApplicationSummary, "treść wniosku", ""),
            Field::text(Text::AssessmentProblems, "problemy", ""),
            Field::text(Text::AssessmentNeeds, "potrzeby", ""),
            Field::text(Text::DraftFrom, "szkic od", ""),
            Field::text(Text::DraftTo, "szkic do", ""),
        ],
    )
}

fn optional_date(form: &Form, key: &'static str) -> Result<Option<NaiveDate>, FieldError> {
    let value = form.value(key).trim();
    if value.is_empty() {
        return Ok(None);
    }
    parse_date(value).map(Some).map_err(|p| p.on(key))
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
        FormPurpose::Application { resident_id } => {
            let filed_on = parse_date(form.value("data złożenia")).map_err(|p| p.on("data złożenia"))?;
            if filed_on > today {
                return Err(FieldProblem::Mismatch("data z przyszłości".into()).on("data złożenia"));
            }
            let applicant_kind = ApplicantKind::from_code(form.value("wnioskodawca"))
                .ok_or(FieldProblem::Required.on("wnioskodawca"))?;
            let name =
                check_text(form.value("imię i nazwisko wnioskodawcy"), 120, applicant_kind != ApplicantKind::Resident)
                    .map_err(|p| p.on("imię i nazwisko wnioskodawcy"))?;
            let phone =
                normalize_phone(form.value("telefon wnioskodawcy")).map_err(|p| p.on("telefon wnioskodawcy"))?;
            let summary = check_note(form.value("treść wniosku"), 2000).map_err(|p| p.on("treść wniosku"))?;
            let problems = check_note(form.value("problemy"), 4000).map_err(|p| p.on("problemy"))?;
            let needs = check_note(form.value("potrzeby"), 4000).map_err(|p| p.on("potrzeby"))?;
            let draft = match (optional_date(form, "szkic od")?, optional_date(form, "szkic do")?) {
                (None, None) => None,
                (Some(from), Some(to)) => {
                    check_plan_period(from, to).map_err(|p| FieldProblem::Mismatch(p.to_string()).on("szkic do"))?;
                    Some((from, to))
                }
                (None, Some(_)) => return Err(FieldProblem::Required.on("szkic od")),
                (Some(_), None) => return Err(FieldProblem::Required.on("szkic do")),
            };
            let application = ApplicationInput {
                filed_on,
                applicant_kind,
                applicant_name: name,
                applicant_phone: phone,
                applicant_email: String::new(),
                applicant_address: String::new(),
                channel: form.value("kanał").to_string(),
                summary,
            };
            let assessment = AssessmentInput { problems, needs, ..AssessmentInput::default() };
            Ok(Job::Plan(PlanJob::RegisterApplication {
                resident_id,
                application: Box::new(application),
                assessment: Box::new(assessment),
                draft,
                today,
            }))
        }
    }
}
