//! The forms of the desk: how each is laid out and what a submission turns into. The checks
//! themselves are the domain's.

use super::msg::PickService;
use super::msg::{Job, PlanJob};
use super::widgets::form::{Field, Form};
use super::widgets::popup::{ChosenOutcome, FormPurpose};
use crate::domain::assessment::ENTRY_PARTS;
use crate::domain::ipus::PlanContent;
use crate::domain::monitoring::{Contact, FollowUp, QUALITY_RESULTS, ReturnComment, Summary};
use crate::domain::period::PeriodKind;
use crate::domain::pesel::Pesel;
use crate::domain::plan::check_plan_period;
use crate::domain::qualification::{QualificationDraft, Refusal};
use crate::domain::resident::{REPRESENTATIVE_KINDS, RepresentativeInput, ResidentInput};
use crate::domain::roles::Permission;
use crate::domain::text::{
    FieldError, FieldProblem, check_note, check_text, normalize_phone, parse_date, parse_grosze, parse_number,
};
use crate::domain::visit::{CHANNELS, VisitInput};
use crate::i18n::desk::{Effect, Strings, Text};
use crate::i18n::{current, errors};
use crate::storage::applications::{ApplicantKind, ApplicationInput, AssessedService, AssessmentInput, Outcome};
use crate::storage::base::ServiceDetail;
use crate::storage::form_drafts::FormDraft;
use crate::storage::plans::CONTACT_CHANNELS;
use crate::storage::services::{self, ServiceInput};
use crate::storage::staff::StaffMember;
use crate::storage::usage::UsageTarget;
use chrono::NaiveDate;

/// A walk-in resident, prefilled from the search that did not find them: a PESEL fills the PESEL
/// and the birth date, words fill the names (the surname first, as the list shows them).
pub fn resident_form(query: &str) -> Form {
    let query = query.trim();
    let (mut pesel, mut birth_date, mut last, mut first) = (String::new(), String::new(), String::new(), String::new());
    if let Ok(p) = Pesel::parse(query) {
        pesel = p.as_str().to_string();
        birth_date = p.birth_date().to_string();
    } else if !query.chars().any(|c| c.is_ascii_digit()) {
        let mut words = query.split_whitespace();
        last = words.next().unwrap_or_default().to_string();
        first = words.collect::<Vec<_>>().join(" ");
    }
    Form::new(
        Text::ResidentTitle,
        vec![
            Field::text(Text::Pesel, "PESEL", &pesel),
            Field::text(Text::LastName, "nazwisko", &last),
            Field::text(Text::FirstName, "imię", &first),
            Field::text(Text::BirthDate, "data urodzenia", &birth_date),
            Field::text(Text::DocumentNo, "nr dokumentu", ""),
            Field::text(Text::Street, "ulica", ""),
            Field::text(Text::HouseNo, "nr domu", ""),
            Field::text(Text::FlatNo, "nr lokalu", ""),
            Field::text(Text::PostalCode, "kod pocztowy", ""),
            Field::text(Text::City, "miejscowość", ""),
            Field::text(Text::Phone, "telefon", ""),
            Field::text(Text::Email, "e-mail", ""),
        ],
    )
}

/// A legal representative or de facto carer of the resident on the card.
pub fn representative_form() -> Form {
    Form::new(
        Text::RepresentativeTitle,
        vec![
            Field::choice(Text::RepresentativeKind, "rodzaj", &REPRESENTATIVE_KINDS),
            Field::text(Text::RepresentativeName, "imię i nazwisko", ""),
            Field::text(Text::Pesel, "PESEL", ""),
            Field::text(Text::Phone, "telefon", ""),
            Field::text(Text::Email, "e-mail", ""),
            Field::text(Text::RepresentativeAddress, "adres", ""),
            Field::text(Text::RepresentativeNote, "uwagi", ""),
        ],
    )
}

/// How an application can end at the desk without a plan, as stored.
pub const OUTCOMES: [&str; 3] = ["przekazany", "informacja", "oczekuje"];

/// The outcome of an application from the card; the number is filled in only when the card
/// has exactly one open application.
pub fn outcome_form(application: Option<i64>) -> Form {
    Form::new(
        Text::OutcomeTitle,
        vec![
            Field::text(
                Text::OutcomeApplication,
                "nr wniosku",
                &application.map(|id| id.to_string()).unwrap_or_default(),
            ),
            Field::choice(Text::OutcomeKind, "rozstrzygnięcie", &OUTCOMES),
            Field::text(Text::ForwardTo, "przekazano do", ""),
            Field::text(Text::ForwardWhat, "powód przekazania", ""),
            Field::text(Text::InformationNote, "informacja", ""),
            Field::text(Text::WaitService, "kod usługi", ""),
            Field::text(Text::WaitUnits, "ilość", ""),
        ],
    )
}

/// One outcome chosen in an application's view, with only its own fields: the application and
/// the outcome are the view's, not typed. A forward names the partner picked from the list.
pub fn chosen_outcome_form(outcome: ChosenOutcome, forward_to: &str) -> Form {
    let fields = match outcome {
        ChosenOutcome::Forward => vec![
            Field::text(Text::ForwardTo, "przekazano do", forward_to),
            Field::text(Text::ForwardWhat, "powód przekazania", ""),
        ],
        ChosenOutcome::WaitingList => {
            vec![Field::text(Text::WaitService, "kod usługi", ""), Field::text(Text::WaitUnits, "ilość", "")]
        }
        ChosenOutcome::InformationOnly => vec![Field::text(Text::InformationNote, "informacja", "")],
    };
    Form::new(Text::OutcomeTitle, fields)
}

/// The period of a plan's first draft for an application; never guessed.
pub fn draft_plan_form() -> Form {
    Form::new(
        Text::DraftPlanTitle,
        vec![Field::text(Text::PlanPeriodStart, "od", ""), Field::text(Text::PlanPeriodEnd, "do", "")],
    )
}

/// The registration form's values as typed.
pub fn resident_input(form: &Form) -> ResidentInput {
    ResidentInput {
        pesel: form.value("PESEL").to_string(),
        first_name: form.value("imię").to_string(),
        last_name: form.value("nazwisko").to_string(),
        birth_date: form.value("data urodzenia").to_string(),
        street: form.value("ulica").to_string(),
        house_no: form.value("nr domu").to_string(),
        flat_no: form.value("nr lokalu").to_string(),
        postal_code: form.value("kod pocztowy").to_string(),
        city: form.value("miejscowość").to_string(),
        phone: form.value("telefon").to_string(),
        email: form.value("e-mail").to_string(),
        document_no: form.value("nr dokumentu").to_string(),
    }
}

/// An information-only visit or call, dated today unless changed; without a resident it is an
/// anonymous enquiry ("Informacja bez rejestracji").
pub fn visit_form(today: NaiveDate, anonymous: bool) -> Form {
    Form::new(
        if anonymous { Text::EnquiryTitle } else { Text::VisitTitle },
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

/// Which parts of the application form a person gets: the needs assessment only with the right
/// to record it, the special-category fields (disability, dependency, health) only with the
/// right to see them, the plan's draft only with the right to draft one; the others do not get
/// those fields at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicationParts {
    pub assessment: bool,
    pub special: bool,
    pub draft: bool,
}

impl ApplicationParts {
    pub fn of(me: &StaffMember) -> ApplicationParts {
        ApplicationParts {
            assessment: me.can(Permission::AssessNeeds),
            special: me.can(Permission::ViewSpecialCategory),
            draft: me.can(Permission::DraftPlan),
        }
    }
}

/// The lists of rows of the needs assessment: the services used now and wanted, each with how
/// storage names its kind.
const SERVICE_LISTS: [(Text, &str); 2] = [(Text::AssessmentUses, "obecna"), (Text::AssessmentWants, "oczekiwana")];

/// An application with the full needs assessment (the Starachowice IDP, every field the CLI's
/// `application assess` takes), from the resident's card; with a period it also starts the
/// plan's draft. The services used now and wanted are rows, each picked from the base or typed.
pub fn application_form(today: NaiveDate, parts: ApplicationParts) -> Form {
    let today = today.to_string();
    let filed = Field::text(Text::ApplicationFiled, "data złożenia", &today).required();
    // Sections are named only when there is more than the application itself.
    let sections = parts.assessment || parts.draft;
    let mut fields = vec![
        if sections { filed.under(Text::SectionApplication) } else { filed },
        Field::choice(Text::ApplicantKind, "wnioskodawca", &APPLICANT_KINDS),
        Field::text(Text::ApplicantName, "imię i nazwisko wnioskodawcy", ""),
        Field::text(Text::ApplicantPhone, "telefon wnioskodawcy", ""),
        Field::text(Text::ApplicantEmail, "e-mail wnioskodawcy", ""),
        Field::text(Text::ApplicantAddress, "adres wnioskodawcy", ""),
        Field::choice(Text::ApplicationChannel, "kanał", &crate::storage::applications::CHANNELS),
        Field::text(Text::ApplicationSummary, "treść wniosku", "").required(),
    ];
    let mut lists = Vec::new();
    if parts.assessment {
        fields.push(Field::text(Text::AssessedOn, "data diagnozy", &today).required().under(Text::SectionAssessment));
        fields.extend([
            Field::text(Text::Occupation, "zawód", ""),
            Field::text(Text::Employment, "sytuacja zawodowa", ""),
            Field::text(Text::MaritalStatus, "stan cywilny", ""),
            Field::text(Text::HouseholdSize, "liczba osób w gospodarstwie", ""),
        ]);
        if parts.special {
            fields.extend([
                Field::text(Text::Disability, "niepełnosprawność", ""),
                Field::text(Text::Dependency, "niesamodzielność", ""),
                Field::text(Text::Health, "zdrowie", ""),
            ]);
        }
        fields.extend([
            Field::text(Text::AssessmentProblems, "problemy", ""),
            Field::text(Text::AssessmentNeeds, "potrzeby", "").required(),
            Field::text(Text::Readiness, "gotowość do zmiany", ""),
            Field::text(Text::AssessmentNotes, "uwagi", ""),
        ]);
        for (list, (heading, _)) in SERVICE_LISTS.iter().enumerate() {
            fields.extend(Field::row_cells(list, 0));
            lists.push(*heading);
        }
    }
    if parts.draft {
        fields.push(Field::text(Text::DraftFrom, "szkic od", "").under(Text::SectionDraft));
        fields.push(Field::text(Text::DraftTo, "szkic do", ""));
    }
    let title = if parts.assessment { Text::ApplicationTitle } else { Text::ApplicationOnlyTitle };
    Form::new(title, fields).long(lists)
}

/// The needs assessment typed into the application form, when the form has it: the day of the
/// interview and the record for `applications::assess`, which checks it as it checks the CLI's.
fn typed_assessment(form: &Form, today: NaiveDate) -> Result<Option<(NaiveDate, AssessmentInput)>, FieldError> {
    if !form.fields.iter().any(|f| f.key == "data diagnozy") {
        return Ok(None);
    }
    let on = date_field(form, "data diagnozy")?;
    if on > today {
        return Err(FieldProblem::Future.on("data diagnozy"));
    }
    let household_size = match form.value("liczba osób w gospodarstwie").trim() {
        "" => None,
        n => Some(
            parse_number(n, 1, crate::domain::limits::MAX_HOUSEHOLD)
                .map_err(|p| p.on("liczba osób w gospodarstwie"))?,
        ),
    };
    let mut services = Vec::new();
    for (list, (_, kind)) in SERVICE_LISTS.iter().enumerate() {
        let entries = form.entries(list).map_err(|(_, e)| e)?;
        services.extend(entries.into_iter().map(|e| AssessedService::described(kind, e)));
    }
    let text = |key| form.value(key).to_string();
    Ok(Some((
        on,
        AssessmentInput {
            occupation: text("zawód"),
            employment: text("sytuacja zawodowa"),
            marital_status: text("stan cywilny"),
            household_size,
            disability: text("niepełnosprawność"),
            dependency: text("niesamodzielność"),
            health: text("zdrowie"),
            problems: text("problemy"),
            needs: text("potrzeby"),
            readiness_for_change: text("gotowość do zmiany"),
            notes: text("uwagi"),
            services,
        },
    )))
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

/// A service as the organiser types it: empty for a new one, or filled with the service's
/// current values for an edit. Areas and groups are lists separated by commas.
pub fn service_form(current: Option<&ServiceDetail>) -> Form {
    let text = |label, key, value: &str| Field::text(label, key, value);
    let choice = |label, key, choices: &'static [&'static str], value: Option<&str>| {
        let mut field = Field::choice(label, key, choices);
        if let Some(v) = value.filter(|v| choices.contains(v)) {
            field.value = v.to_string();
        }
        field
    };
    let row = current.map(|d| &d.row);
    let fee = match row.map(|r| r.fee_grosze) {
        None => String::new(),
        Some(0) => "0".to_string(),
        Some(g) => format!("{},{:02}", g / 100, g % 100),
    };
    let title = if current.is_some() { Text::ServiceEditTitle } else { Text::ServiceAddTitle };
    Form::new(
        title,
        vec![
            text(Text::ServiceCode, "kod", row.map_or("", |r| &r.code)),
            text(Text::ServiceName, "nazwa", row.map_or("", |r| &r.name)),
            text(Text::ServiceUnit, "jednostka", row.map_or("", |r| &r.unit)),
            text(Text::ServiceFee, "opłata", &fee),
            text(Text::ServiceFeeNote, "uwagi o opłacie", current.map_or("", |d| &d.fee_note)),
            choice(Text::Access, "zasady dostępu", &services::ACCESS_RULES, row.map(|r| r.access_rule.as_str())),
            choice(Text::ServiceForm, "forma", &services::FORMS, current.map(|d| d.form.as_str())),
            text(Text::ServiceDeliveryDays, "czas realizacji", &current.map_or(0, |d| d.delivery_days).to_string()),
            text(Text::ServiceDefaultProvider, "realizator", ""),
            text(Text::ServiceAreasList, "obszary", &row.map_or(String::new(), |r| r.areas.join(", "))),
            text(Text::ServiceGroupsList, "grupy docelowe", &row.map_or(String::new(), |r| r.target_groups.join(", "))),
            text(Text::Description, "opis", current.map_or("", |d| &d.description)),
        ],
    )
}

fn comma_list(form: &Form, key: &str) -> Vec<String> {
    form.value(key).split(',').map(str::trim).filter(|v| !v.is_empty()).map(str::to_string).collect()
}

/// Units delivered under a plan line or a qualification, dated today unless changed.
pub fn usage_form(today: NaiveDate) -> Form {
    Form::new(
        Text::UsageTitle,
        vec![
            Field::text(Text::UsagePlan, "numer planu", ""),
            Field::text(Text::UsagePosition, "pozycja", "1"),
            Field::text(Text::UsageDate, "data", &today.to_string()),
            Field::text(Text::UsageUnits, "jednostek", ""),
            Field::text(Text::UsageNote, "uwagi", ""),
            Field::text(Text::UsageQualification, "zakwalifikowanie", ""),
        ],
    )
}

/// How a qualification's amount is counted, as the plan's line form names it.
pub const PER_CHOICES: [&str; 4] = ["miesiąc", "tydzień", "rok", "cały okres"];

/// What the qualification form shows under its fields: what each provider of the service has
/// left in the periods ahead, its waiting list and its fee per unit.
pub fn service_facts(strings: &Strings, service: &PickService) -> Vec<String> {
    const PERIODS_SHOWN: usize = 3;
    let mut out: Vec<String> = service
        .providers
        .iter()
        .filter(|p| !p.left.is_empty())
        .map(|p| {
            let periods: Vec<String> =
                p.left.iter().take(PERIODS_SHOWN).map(|l| format!("{} {}", l.period, l.remaining)).collect();
            format!("{} — {}: {}", p.name, strings.get(Text::ProviderLeft), periods.join(", "))
        })
        .collect();
    out.push(format!(
        "{} · {}: {}",
        strings.waiting_summary(service.waiting, service.first_waiting),
        strings.get(Text::LineFee),
        service.fee
    ));
    out
}

/// The qualification of one service (art. 42): provider, amount, period, the declaration and
/// the fee, and — when people wait for the service — why this grant goes first. Nothing is
/// filled in: every date and amount is the organiser's.
pub fn qualification_form(strings: &Strings, service: &PickService) -> Form {
    qualification_fields(service.waiting > 0).with_notes(service_facts(strings, service))
}

/// The qualification form's fields, with the reason for going first where people wait.
fn qualification_fields(people_wait: bool) -> Form {
    let mut fields = vec![
        Field::text(Text::QualifyProvider, "realizator", ""),
        Field::text(Text::QualifyAmount, "ilość", ""),
        Field::choice(Text::QualifyPer, "na", &PER_CHOICES),
        Field::text(Text::QualifyFrom, "od", ""),
        Field::text(Text::QualifyTo, "do", ""),
        Field::text(Text::QualifyDeclaration, "oświadczenie", ""),
        Field::text(Text::QualifyFee, "odpłatność", ""),
    ];
    if people_wait {
        fields.push(Field::text(Text::QualifyQueueReason, "powód pierwszeństwa", ""));
    }
    Form::new(Text::QualifyTitle, fields)
}

/// A refusal to qualify: the decision's number and date (never guessed) and its grounds.
pub fn refusal_form(strings: &Strings) -> Form {
    Form::new(
        Text::RefuseTitle,
        vec![
            Field::text(Text::RefuseDecision, "numer decyzji", ""),
            Field::text(Text::RefuseDate, "data decyzji", ""),
            Field::text(Text::RefuseGrounds, "uzasadnienie", ""),
        ],
    )
    .with_notes(vec![strings.get(Text::RefuseAppealRule).to_string()])
}

/// Joining a service's waiting list when nothing is left, with the units wanted.
pub fn waitlist_form(strings: &Strings, service: &PickService) -> Form {
    let mut notes = vec![strings.get(Text::NothingLeftJoinList).to_string()];
    notes.extend(service_facts(strings, service));
    waitlist_fields().with_notes(notes)
}

fn waitlist_fields() -> Form {
    Form::new(Text::WaitlistTitle, vec![Field::text(Text::WaitlistUnits, "jednostek", "")])
}

/// A monitoring contact with the resident of a plan, dated today unless changed.
pub fn contact_form(today: NaiveDate) -> Form {
    Form::new(
        Text::ContactTitle,
        vec![
            Field::text(Text::ContactDate, "data", &today.to_string()),
            Field::choice(Text::ContactChannel, "kanał", &CONTACT_CHANNELS),
            Field::text(Text::ContactWithWhom, "z kim", ""),
            Field::text(Text::ContactNote, "notatka", ""),
            Field::choice(Text::ContactQuality, "jakość", &QUALITY_RESULTS),
        ],
    )
}

/// Resignation from one line, or from the whole plan when no line is given (art. 44). The dates
/// are typed, never guessed.
pub fn resign_form() -> Form {
    Form::new(
        Text::ResignTitle,
        vec![
            Field::text(Text::ResignPosition, "pozycja", ""),
            Field::text(Text::ResignDate, "data rezygnacji", ""),
            Field::text(Text::DirectorInformed, "data poinformowania dyrektora", ""),
        ],
    )
}

/// The summary conversation that completes a plan (art. 45).
pub fn complete_form(today: NaiveDate) -> Form {
    Form::new(
        Text::CompleteTitle,
        vec![
            Field::text(Text::SummaryDate, "data rozmowy", &today.to_string()),
            Field::text(Text::SummaryCourse, "przebieg", ""),
            Field::text(Text::SummaryResults, "rezultaty", ""),
        ],
    )
}

/// The follow-up conversation due 6 months after a plan ended.
pub fn follow_up_form(today: NaiveDate) -> Form {
    Form::new(
        Text::FollowUpTitle,
        vec![
            Field::text(Text::FollowUpDate, "data monitoringu", &today.to_string()),
            Field::text(Text::FollowUpNote, "notatka", ""),
        ],
    )
}

/// A form as first shown for `purpose`, its fields empty or dated `today`: what a kept form's
/// text is put back into. A qualification's notes (what is left, who waits) are not kept: they
/// were true when it was typed, and the save checks the pools as they are then.
fn blank(purpose: FormPurpose, today: NaiveDate, draft: &FormDraft) -> Form {
    match purpose {
        FormPurpose::Resident => resident_form(""),
        FormPurpose::Representative { .. } => representative_form(),
        FormPurpose::Outcome { .. } => outcome_form(None),
        FormPurpose::Decide { outcome, .. } => chosen_outcome_form(outcome, ""),
        FormPurpose::Qualify { .. } => qualification_fields(true),
        FormPurpose::RefuseQualification { .. } => refusal_form(&Strings::new(crate::i18n::current())),
        FormPurpose::JoinWaitlist { .. } => waitlist_fields(),
        FormPurpose::Visit { resident_id } => visit_form(today, resident_id.is_none()),
        FormPurpose::Application { .. } => {
            // The parts the person was given, as the kept fields show them.
            let kept = |key: &str| draft.fields.iter().any(|(k, _)| k == key);
            let parts = ApplicationParts {
                assessment: kept("data diagnozy"),
                special: kept("zdrowie"),
                draft: kept("szkic od"),
            };
            application_form(today, parts)
        }
        FormPurpose::DraftPlan { .. } => draft_plan_form(),
        FormPurpose::ReturnPlan { .. } => return_form(),
        FormPurpose::Limit { .. } => limit_form(""),
        FormPurpose::Service { service_id } => {
            let mut form = service_form(None);
            if service_id.is_some() {
                form.title = Text::ServiceEditTitle;
            }
            form
        }
        FormPurpose::Usage => usage_form(today),
        FormPurpose::Contact { .. } => contact_form(today),
        FormPurpose::Resign { .. } => resign_form(),
        FormPurpose::Complete { .. } => complete_form(today),
        FormPurpose::FollowUp { .. } => follow_up_form(today),
        FormPurpose::ExportReport { kind } => super::export_form::form(kind, today),
    }
}

/// What a kept draft holds: a form's text, or a plan's content typed but not saved because
/// newer work came first.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
enum Kept {
    Form(FormPurpose),
    TypedPlan { plan_id: i64 },
}

/// A kept draft opened again.
#[derive(Debug)]
pub enum Restored {
    Form(Box<Form>, FormPurpose),
    TypedPlan { plan_id: i64, content: Box<PlanContent> },
}

/// A form with typed text, as kept when the terminal goes away.
pub fn kept(form: &Form, purpose: FormPurpose) -> FormDraft {
    FormDraft {
        purpose: serde_json::to_string(&Kept::Form(purpose)).unwrap_or_default(),
        subject: form.subject.clone(),
        fields: form.fields.iter().map(|f| (draft_key(f), f.value.clone())).collect(),
        saved_at: String::new(),
    }
}

/// How a kept draft names a field: a row's cell by its list too ("0/ilość"), in the rows' order.
fn draft_key(field: &Field) -> String {
    match field.row {
        Some((list, _)) => format!("{list}/{}", field.key),
        None => field.key.to_string(),
    }
}

/// A plan's typed content that waits to be merged with newer work, as kept when the terminal
/// goes away.
pub fn kept_plan(plan_id: i64, subject: String, content: &PlanContent) -> FormDraft {
    FormDraft {
        purpose: serde_json::to_string(&Kept::TypedPlan { plan_id }).unwrap_or_default(),
        subject: Some(subject),
        fields: vec![("content".to_string(), serde_json::to_string(content).unwrap_or_default())],
        saved_at: String::new(),
    }
}

/// A kept draft opened again: a form with its text (it counts as typed, so leaving it asks
/// first), or a plan's typed content for the merge view.
pub fn restored(draft: &FormDraft, today: NaiveDate) -> Option<Restored> {
    let purpose = match serde_json::from_str(&draft.purpose).ok()? {
        Kept::Form(purpose) => purpose,
        Kept::TypedPlan { plan_id } => {
            let (_, content) = draft.fields.iter().find(|(key, _)| key == "content")?;
            let content = Box::new(serde_json::from_str(content).ok()?);
            return Some(Restored::TypedPlan { plan_id, content });
        }
    };
    let mut form = blank(purpose, today, draft);
    // A form shown without some fields (the assessment, special-category data) comes back
    // without them.
    form.fields.retain(|f| f.row.is_some() || draft.fields.iter().any(|(key, _)| key == f.key));
    let mut rows_seen = vec![0; form.lists.len()];
    for (key, value) in &draft.fields {
        let field = match key.split_once('/').and_then(|(list, part)| Some((list.parse::<usize>().ok()?, part))) {
            Some((list, part)) if list < rows_seen.len() => {
                if part == ENTRY_PARTS[0] {
                    rows_seen[list] += 1;
                    if rows_seen[list] > 1 {
                        form.append_row(list);
                    }
                }
                form.fields.iter_mut().rev().find(|f| f.row.is_some_and(|(l, _)| l == list) && f.key == part)
            }
            _ => form.fields.iter_mut().find(|f| f.key == key && f.row.is_none()),
        };
        if let Some(field) = field {
            field.value = value.clone();
            field.cursor = value.chars().count();
        }
    }
    form.subject = draft.subject.clone();
    Some(Restored::Form(Box::new(form), purpose))
}

fn date_field(form: &Form, key: &'static str) -> Result<NaiveDate, FieldError> {
    parse_date(form.value(key)).map_err(|p| p.on(key))
}

/// Checks a submitted form; the error names the field to fix.
/// What a checked form's work will do when it cannot be undone: the confirmation asks with it.
pub fn consequence(job: &Job, strings: &Strings) -> Option<String> {
    let effect = match job {
        Job::Plan(PlanJob::Resign { position: None, on, informed, .. }) => {
            Effect::ResignPlan { on: *on, informed: *informed }
        }
        Job::Plan(PlanJob::Resign { position: Some(position), on, informed, .. }) => {
            Effect::ResignLine { position: *position, on: *on, informed: *informed }
        }
        Job::Plan(PlanJob::Complete { on, .. }) => Effect::Complete { on: *on },
        Job::Plan(PlanJob::Return { .. }) => Effect::Return,
        Job::SetLimit { period, units, .. } => Effect::SetLimit { period, units: *units },
        Job::Qualify { draft, .. } => Effect::Qualify {
            units: draft.units,
            per: crate::domain::ipus::per_label(draft.per),
            from: draft.starts_on,
            to: draft.ends_on,
        },
        Job::RefuseQualification { refusal, .. } => Effect::Refuse {
            decision: &refusal.decision_number,
            on: refusal.decided_on,
            appeal_until: crate::domain::qualification::appeal_deadline(refusal.decided_on),
        },
        Job::JoinWaitlist { units, .. } => Effect::JoinWaitlist { units: *units },
        Job::CloseApplication { outcome: Outcome::Forward { to, .. }, .. } => Effect::Forward { to },
        Job::CloseApplication { outcome: Outcome::InformationOnly { .. }, .. } => Effect::InformationOnly,
        Job::WaitForService { service, units, .. } => Effect::WaitForService { service, units: *units },
        Job::Plan(PlanJob::DraftFromApplication { from, to, .. }) => Effect::DraftPlan { from: *from, to: *to },
        _ => return None,
    };
    Some(strings.effect(&effect))
}

/// The job an outcome's form asks for, by the outcome's code (`rozstrzygnięcie`).
fn outcome_job(form: &Form, resident_id: i64, application_id: i64, outcome: &str) -> Result<Job, FieldError> {
    if outcome == "oczekuje" {
        let service = check_text(form.value("kod usługi"), 40, true).map_err(|p| p.on("kod usługi"))?;
        let units = parse_number(form.value("ilość"), 1, i64::from(crate::domain::plan::MAX_UNITS))
            .map_err(|p| p.on("ilość"))?;
        return Ok(Job::WaitForService { resident_id, application_id, service, units });
    }
    let outcome = match outcome {
        "przekazany" => Outcome::Forward {
            to: check_text(form.value("przekazano do"), 160, true).map_err(|p| p.on("przekazano do"))?,
            reason: check_note(form.value("powód przekazania"), 2000).map_err(|p| p.on("powód przekazania"))?,
        },
        _ => Outcome::InformationOnly {
            note: check_note(form.value("informacja"), 2000).map_err(|p| p.on("informacja"))?,
        },
    };
    Ok(Job::CloseApplication { resident_id, application_id, outcome })
}

pub fn submit(purpose: FormPurpose, form: &Form, today: NaiveDate) -> Result<Job, FieldError> {
    match purpose {
        FormPurpose::Representative { resident_id } => {
            let record = RepresentativeInput {
                kind: form.value("rodzaj").to_string(),
                full_name: form.value("imię i nazwisko").to_string(),
                pesel: form.value("PESEL").to_string(),
                phone: form.value("telefon").to_string(),
                email: form.value("e-mail").to_string(),
                address: form.value("adres").to_string(),
                note: form.value("uwagi").to_string(),
            }
            .validate()?;
            Ok(Job::AddRepresentative { resident_id, record })
        }
        FormPurpose::Outcome { resident_id } => {
            let application_id = parse_number(form.value("nr wniosku"), 1, i64::MAX).map_err(|p| p.on("nr wniosku"))?;
            outcome_job(form, resident_id, application_id, form.value("rozstrzygnięcie"))
        }
        FormPurpose::Decide { resident_id, application_id, outcome } => {
            outcome_job(form, resident_id, application_id, outcome.code())
        }
        FormPurpose::DraftPlan { application_id } => {
            let from = date_field(form, "od")?;
            let to = date_field(form, "do")?;
            check_plan_period(from, to).map_err(|p| FieldProblem::from(p).on("do"))?;
            Ok(Job::Plan(PlanJob::DraftFromApplication { application_id, from, to, today }))
        }
        FormPurpose::Resident => {
            let record = resident_input(form).validate_as_of(today)?;
            record.check_identifiable()?;
            Ok(Job::RegisterResident { record: Box::new(record), distinct_from: Vec::new() })
        }
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
            let ReturnComment(comment) = ReturnComment::check(form.value("komentarz"))?;
            Ok(Job::Plan(PlanJob::Return { version_id, comment }))
        }
        FormPurpose::Limit { service_id } => {
            let period = form.value("okres").trim().to_string();
            if PeriodKind::parse_label(&period).is_none() {
                return Err(FieldProblem::PeriodLabel(period).on("okres"));
            }
            let units = parse_number(form.value("limit"), 0, crate::domain::limits::MAX_POOL_UNITS)
                .map_err(|p| p.on("limit"))?;
            let provider = Some(form.value("realizator").trim().to_string()).filter(|p| !p.is_empty());
            Ok(Job::SetLimit { service_id, period, units, provider })
        }
        FormPurpose::Service { service_id } => {
            let input = ServiceInput {
                code: form.value("kod").to_string(),
                name: form.value("nazwa").to_string(),
                unit: form.value("jednostka").to_string(),
                description: form.value("opis").to_string(),
                fee_grosze: match form.value("opłata").trim() {
                    "" => 0,
                    fee => parse_grosze(fee).map_err(|p| p.on("opłata"))?,
                },
                fee_note: form.value("uwagi o opłacie").to_string(),
                access_rule: form.value("zasady dostępu").to_string(),
                form: form.value("forma").to_string(),
                delivery_days: parse_number(form.value("czas realizacji"), 0, 3650)
                    .map_err(|p| p.on("czas realizacji"))?,
                default_provider_id: None,
                areas: comma_list(form, "obszary"),
                target_groups: comma_list(form, "grupy docelowe"),
            }
            .checked()?;
            let provider = Some(form.value("realizator").trim().to_string()).filter(|p| !p.is_empty());
            Ok(Job::SaveService { service_id, input: Box::new(input), provider })
        }
        FormPurpose::Usage => {
            let target = match form.value("zakwalifikowanie").trim() {
                "" => UsageTarget::Line {
                    plan_number: check_text(form.value("numer planu"), 40, true).map_err(|p| p.on("numer planu"))?,
                    position: parse_number(form.value("pozycja"), 1, 1000).map_err(|p| p.on("pozycja"))?,
                },
                _ if !form.value("numer planu").trim().is_empty() => {
                    return Err(
                        FieldProblem::Mismatch(errors::plan_or_qualification(current()).into()).on("zakwalifikowanie")
                    );
                }
                number => UsageTarget::Qualification(
                    parse_number(number, 1, i64::from(i32::MAX)).map_err(|p| p.on("zakwalifikowanie"))?,
                ),
            };
            let day = parse_date(form.value("data")).map_err(|p| p.on("data"))?;
            if day > today {
                return Err(FieldProblem::Future.on("data"));
            }
            let units = parse_number(form.value("jednostek"), 1, 10_000).map_err(|p| p.on("jednostek"))? as u32;
            let note = check_text(form.value("uwagi"), 500, false).map_err(|p| p.on("uwagi"))?;
            Ok(Job::RecordUsage { target, day, units, note })
        }
        FormPurpose::Qualify { application_id, service_id } => {
            let units = parse_number(form.value("ilość"), 1, i64::from(crate::domain::plan::MAX_UNITS))
                .map_err(|p| p.on("ilość"))?;
            let per = crate::domain::ipus::parse_per(form.value("na")).ok_or(FieldProblem::Required.on("na"))?;
            let draft = QualificationDraft {
                units,
                per,
                starts_on: date_field(form, "od")?,
                ends_on: date_field(form, "do")?,
                fee_note: form.value("odpłatność").to_string(),
                declaration_on: date_field(form, "oświadczenie")?,
            };
            // The domain's checks run here too, so the confirmation asks only about a valid grant.
            crate::domain::qualification::check(&draft, today)?;
            let queue_reason = Some(form.value("powód pierwszeństwa").trim().to_string()).filter(|r| !r.is_empty());
            Ok(Job::Qualify {
                application_id,
                service_id,
                provider: form.value("realizator").trim().to_string(),
                draft,
                queue_reason,
                today,
            })
        }
        FormPurpose::RefuseQualification { application_id, service_id } => {
            let refusal = Refusal {
                decision_number: form.value("numer decyzji").to_string(),
                decided_on: date_field(form, "data decyzji")?,
                grounds: form.value("uzasadnienie").to_string(),
            };
            let refusal = crate::domain::qualification::check_refusal(&refusal, today)?;
            Ok(Job::RefuseQualification { application_id, service_id, refusal, today })
        }
        FormPurpose::JoinWaitlist { application_id, service_id } => {
            let units = parse_number(form.value("jednostek"), 1, crate::domain::limits::MAX_POOL_UNITS)
                .map_err(|p| p.on("jednostek"))?;
            Ok(Job::JoinWaitlist { application_id, service_id, units })
        }
        FormPurpose::Contact { plan_id } => {
            let on = date_field(form, "data")?;
            if on > today {
                return Err(FieldProblem::Future.on("data"));
            }
            let contact = Contact::check(
                on,
                form.value("kanał"),
                form.value("z kim"),
                form.value("notatka"),
                form.value("jakość"),
            )?;
            Ok(Job::Plan(PlanJob::AddContact { plan_id, contact }))
        }
        FormPurpose::Resign { plan_id } => {
            let position = match form.value("pozycja").trim() {
                "" => None,
                p => Some(parse_number(p, 1, 1000).map_err(|e| e.on("pozycja"))? as usize),
            };
            let on = date_field(form, "data rezygnacji")?;
            let informed = date_field(form, "data poinformowania dyrektora")?;
            Ok(Job::Plan(PlanJob::Resign { plan_id, position, on, informed }))
        }
        FormPurpose::Complete { plan_id } => {
            let on = date_field(form, "data rozmowy")?;
            if on > today {
                return Err(FieldProblem::Future.on("data rozmowy"));
            }
            let Summary { on, course, results } = Summary::check(on, form.value("przebieg"), form.value("rezultaty"))?;
            Ok(Job::Plan(PlanJob::Complete { plan_id, on, course, results }))
        }
        FormPurpose::FollowUp { plan_id } => {
            let on = date_field(form, "data monitoringu")?;
            if on > today {
                return Err(FieldProblem::Future.on("data monitoringu"));
            }
            let FollowUp { on, note } = FollowUp::check(on, form.value("notatka"))?;
            Ok(Job::Plan(PlanJob::FollowUp { plan_id, on, note }))
        }
        FormPurpose::ExportReport { kind } => super::export_form::submit(kind, form, today),
        FormPurpose::Application { resident_id } => {
            let filed_on = parse_date(form.value("data złożenia")).map_err(|p| p.on("data złożenia"))?;
            if filed_on > today {
                return Err(FieldProblem::Future.on("data złożenia"));
            }
            let applicant_kind = ApplicantKind::from_code(form.value("wnioskodawca"))
                .ok_or(FieldProblem::Required.on("wnioskodawca"))?;
            let name =
                check_text(form.value("imię i nazwisko wnioskodawcy"), 120, applicant_kind != ApplicantKind::Resident)
                    .map_err(|p| p.on("imię i nazwisko wnioskodawcy"))?;
            let phone =
                normalize_phone(form.value("telefon wnioskodawcy")).map_err(|p| p.on("telefon wnioskodawcy"))?;
            let summary = check_note(form.value("treść wniosku"), 2000).map_err(|p| p.on("treść wniosku"))?;
            let draft = match (optional_date(form, "szkic od")?, optional_date(form, "szkic do")?) {
                (None, None) => None,
                (Some(from), Some(to)) => {
                    check_plan_period(from, to).map_err(|p| FieldProblem::from(p).on("szkic do"))?;
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
                applicant_email: form.value("e-mail wnioskodawcy").to_string(),
                applicant_address: form.value("adres wnioskodawcy").to_string(),
                channel: form.value("kanał").to_string(),
                summary,
            };
            let assessment = typed_assessment(form, today)?.map(|(on, a)| (on, Box::new(a)));
            Ok(Job::Plan(PlanJob::RegisterApplication {
                resident_id,
                application: Box::new(application),
                assessment,
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
                Field::text(Text::UsageQualification, "zakwalifikowanie", ""),
                Field::text(Text::UsageDate, "data", day),
                Field::text(Text::UsageUnits, "jednostek", "2"),
                Field::text(Text::UsageNote, "uwagi", ""),
            ],
        )
    }

    #[test]
    fn conversations_at_the_end_and_after_it_cannot_be_dated_after_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let complete = |day: &str| {
            Form::new(
                Text::UsageTitle,
                vec![
                    Field::text(Text::UsageDate, "data rozmowy", day),
                    Field::text(Text::UsageNote, "przebieg", "dobrze"),
                    Field::text(Text::UsageNote, "rezultaty", ""),
                ],
            )
        };
        let err = submit(FormPurpose::Complete { plan_id: 1 }, &complete("2026-12-01"), today).unwrap_err();
        assert_eq!(err.field, "data rozmowy");
        assert!(submit(FormPurpose::Complete { plan_id: 1 }, &complete("2026-11-23"), today).is_ok());
        let follow_up = Form::new(
            Text::UsageTitle,
            vec![
                Field::text(Text::UsageDate, "data monitoringu", "2027-01-02"),
                Field::text(Text::UsageNote, "notatka", ""),
            ],
        );
        let err = submit(FormPurpose::FollowUp { plan_id: 1 }, &follow_up, today).unwrap_err();
        assert_eq!(err.field, "data monitoringu");
    }

    fn typed(form: &mut Form, key: &str, text: &str) {
        form.focus = form.fields.iter().position(|f| f.key == key && f.row.is_none()).unwrap();
        text.chars().for_each(|c| {
            form.handle(crate::tui::action::Action::Type(c));
        });
    }

    #[test]
    fn without_the_right_to_special_category_data_the_form_has_no_health_fields_and_saves_none() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let parts = ApplicationParts { assessment: true, special: false, draft: false };
        let mut form = application_form(today, parts);
        for key in ["zdrowie", "niepełnosprawność", "niesamodzielność", "szkic od"] {
            assert!(!form.fields.iter().any(|f| f.key == key), "{key}");
        }
        typed(&mut form, "treść wniosku", "opieka");
        typed(&mut form, "potrzeby", "pomoc w domu");
        let Ok(Job::Plan(PlanJob::RegisterApplication { assessment: Some((on, a)), draft: None, .. })) =
            submit(FormPurpose::Application { resident_id: 1 }, &form, today)
        else {
            panic!("an application with its assessment");
        };
        assert_eq!((on, a.needs.as_str(), a.health.as_str()), (today, "pomoc w domu", ""));
    }

    #[test]
    fn a_kept_application_comes_back_with_its_rows_and_without_the_fields_it_did_not_show() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let parts = ApplicationParts { assessment: true, special: false, draft: true };
        let mut form = application_form(today, parts);
        let first = form.fields.iter().position(|f| f.row == Some((1, 0))).unwrap();
        form.focus = first;
        "Taxi".chars().for_each(|c| {
            form.handle(crate::tui::action::Action::Type(c));
        });
        form.handle(crate::tui::action::Action::AddRow);
        "Posiłki".chars().for_each(|c| {
            form.handle(crate::tui::action::Action::Type(c));
        });
        let purpose = FormPurpose::Application { resident_id: 1 };
        let Some(Restored::Form(back, _)) = restored(&kept(&form, purpose), today) else { panic!("a form") };
        assert!(!back.fields.iter().any(|f| f.key == "zdrowie"));
        let names: Vec<_> = back.entries(1).unwrap().into_iter().map(|e| e.description).collect();
        assert_eq!(names, ["Taxi", "Posiłki"]);
        assert!(back.entries(0).unwrap().is_empty());
    }

    #[test]
    fn usage_cannot_be_recorded_for_a_day_still_to_come() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let err = submit(FormPurpose::Usage, &usage("2026-11-24"), today).unwrap_err();
        assert_eq!(err.field, "data");
        assert!(submit(FormPurpose::Usage, &usage("2026-11-23"), today).is_ok());
    }
}
