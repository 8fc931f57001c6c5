//! The forms of the desk: how each is laid out and what a submission turns into. The checks
//! themselves are the domain's.

use super::app::Job;
use super::strings::Text;
use super::views::plans::PlanJob;
use super::widgets::form::{Field, Form};
use super::widgets::popup::FormPurpose;
use crate::domain::period::PeriodKind;
use crate::domain::plan::check_plan_period;
use crate::domain::text::{
    FieldError, FieldProblem, check_note, check_text, normalize_phone, parse_date, parse_number,
};
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

/// The approver's comment when returning a plan.
pub fn return_form() -> Form {
    Form::new(Text::ReturnTitle, vec![Field::text(Text::ReturnComment, "komentarz", "")])
}

fn optional_date(form: &Form, key: &'static str) -> Result<Option<NaiveDate>, FieldError> {
    let value = form.value(key).trim();
    if value.is_empty() {
        return Ok(None);
    }
    parse_date(value).map(Some).map_err(|p| p.on(key))
}

/// A pool's limit for one period, offered for the current period of the service's pool.
pub fn limit_form(period: &str) -> Form {
    Form::new(
        Text::LimitTitle,
        vec![
            Field::text(Text::LimitPeriod, "okres", period),
            Field::text(Text::LimitUnits, "limit", ""),
            Field::text(Text::LimitProvider, "realizator", ""),
        ],
    )
}

/// Units delivered under a plan line, dated today unless changed.
pub fn usage_form(today: NaiveDate) -> Form {
    Form::new(
        Text::UsageTitle,
        vec![
            Field::text(Text::UsagePlan, "numer planu", ""),
            Field::text(Text::UsagePosition, "pozycja", "1"),
            Field::text(Text::UsageDate, "data", &today.to_string()),
            Field::text(Text::UsageUnits, "jednostek", ""),
            Field::text(Text::UsageNote, "uwagi", ""),
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
        FormPurpose::ReturnPlan { version_id } => {
            let comment = check_note(form.value("komentarz"), 2000).map_err(|p| p.on("komentarz"))?;
            if comment.is_empty() {
                return Err(FieldProblem::Required.on("komentarz"));
            }
            Ok(Job::Plan(PlanJob::Return { version_id, comment }))
        }
        FormPurpose::Limit { service_id } => {
            let period = form.value("okres").trim().to_string();
            if PeriodKind::parse_label(&period).is_none() {
                return Err(FieldProblem::Mismatch("podaj np. 2026-11, 2026-Q4, 2026 albo 2026-W48".into()).on("okres"));
            }
            let units = parse_number(form.value("limit"), 0, 1_000_000).map_err(|p| p.on("limit"))?;
            let provider = Some(form.value("realizator").trim().to_string()).filter(|p| !p.is_empty());
            Ok(Job::SetLimit { service_id, period, units, provider })
        }
        FormPurpose::Usage => {
            let plan_number = check_text(form.value("numer planu"), 40, true).map_err(|p| p.on("numer planu"))?;
            let position = parse_number(form.value("pozycja"), 1, 1000).map_err(|p| p.on("pozycja"))?;
            let day = parse_date(form.value("data")).map_err(|p| p.on("data"))?;
            if day > today {
                return Err(FieldProblem::Mismatch("data z przyszłości".into()).on("data"));
            }
            let units = parse_number(form.value("jednostek"), 1, 10_000).map_err(|p| p.on("jednostek"))? as u32;
            let note = check_text(form.value("uwagi"), 500, false).map_err(|p| p.on("uwagi"))?;
            Ok(Job::RecordUsage { plan_number, position, day, units, note })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(day: &str) -> Form {
        Form::new(
            Text::UsageTitle,
            vec![
                Field::text(Text::UsagePlan, "numer planu", "IPUS/2026/0001"),
                Field::text(Text::UsagePosition, "pozycja", "1"),
                Field::text(Text::UsageDate, "data", day),
                Field::text(Text::UsageUnits, "jednostek", "2"),
                Field::text(Text::UsageNote, "uwagi", ""),
            ],
        )
    }

    #[test]
    fn usage_cannot_be_recorded_for_a_day_still_to_come() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let err = submit(FormPurpose::Usage, &usage("2026-11-24"), today).unwrap_err();
        assert_eq!(err.field, "data");
        assert!(submit(FormPurpose::Usage, &usage("2026-11-23"), today).is_ok());
    }
}
