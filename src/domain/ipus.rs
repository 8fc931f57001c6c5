//! The life of an individual plan (IPUS): the states a version goes through (art. 41), the plan
//! number, what a draft must satisfy before it is saved or submitted, and what changed between
//! two versions. Pure: the store and the desk call these and keep no rules of their own.

use super::period::DateRange;
use super::plan::{
    Allocation, AllocationProblem, Amount, Per, check_plan_period, drafting_days_left, drafting_deadline,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The state of one version of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VersionState {
    /// Being drafted by the coordinator.
    #[serde(rename = "szkic")]
    Draft,
    /// Submitted for approval.
    #[serde(rename = "złożony")]
    Submitted,
    /// Approved: the plan in force.
    #[serde(rename = "zatwierdzony")]
    Approved,
    /// Returned by the approver with a comment; edited again as a draft.
    #[serde(rename = "zwrócony")]
    Returned,
    /// An approved version replaced by a later approved one.
    #[serde(rename = "zastąpiony")]
    Superseded,
}

impl VersionState {
    pub const ALL: [VersionState; 5] = [
        VersionState::Draft,
        VersionState::Submitted,
        VersionState::Approved,
        VersionState::Returned,
        VersionState::Superseded,
    ];

    /// The code stored in `plan_version.state` and shown at the desk.
    pub fn code(self) -> &'static str {
        match self {
            VersionState::Draft => "szkic",
            VersionState::Submitted => "złożony",
            VersionState::Approved => "zatwierdzony",
            VersionState::Returned => "zwrócony",
            VersionState::Superseded => "zastąpiony",
        }
    }

    /// Accepts the stored code, or the same without Polish letters (for typing in scripts).
    pub fn from_code(code: &str) -> Option<VersionState> {
        let folded = super::fold::fold(code.trim());
        VersionState::ALL.into_iter().find(|s| super::fold::fold(s.code()) == folded)
    }

    /// Whether the coordinator may still change the content.
    pub fn is_editable(self) -> bool {
        matches!(self, VersionState::Draft | VersionState::Returned)
    }

    /// Whether the version is still on its way to approval (a plan has at most one such version).
    pub fn is_open(self) -> bool {
        matches!(self, VersionState::Draft | VersionState::Submitted | VersionState::Returned)
    }
}

/// What can happen to a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Edit,
    Submit,
    Approve,
    Return,
    Supersede,
}

impl Action {
    /// The catalogue's key for the action's name.
    fn code(self) -> &'static str {
        match self {
            Action::Edit => "edit",
            Action::Submit => "submit",
            Action::Approve => "approve",
            Action::Return => "return",
            Action::Supersede => "supersede",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::i18n::errors::transition(crate::i18n::current(), self.action.code(), self.from.code(), self.hint))]
pub struct TransitionError {
    pub from: VersionState,
    pub action: Action,
    /// The catalogue's key for the advice that goes with the refusal, empty when there is none.
    pub hint: &'static str,
}

/// The state after `action`, or why the action is not possible in `from`.
pub fn transition(from: VersionState, action: Action) -> Result<VersionState, TransitionError> {
    use VersionState::*;
    let to = match (from, action) {
        (Draft | Returned, Action::Edit) => Some(Draft),
        (Draft | Returned, Action::Submit) => Some(Submitted),
        (Submitted, Action::Approve) => Some(Approved),
        (Submitted, Action::Return) => Some(Returned),
        (Approved, Action::Supersede) => Some(Superseded),
        _ => None,
    };
    to.ok_or(TransitionError {
        from,
        action,
        hint: match (from, action) {
            (Approved | Superseded, Action::Edit) => "approved",
            (Draft | Returned, Action::Approve | Action::Return) => "not_submitted",
            (Submitted, Action::Edit) => "waiting",
            _ => "",
        },
    })
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpdateProblem {
    #[error("{}", crate::i18n::errors::nothing_approved(crate::i18n::current()))]
    NothingApproved,
    #[error("{}", crate::i18n::errors::update_already_open(crate::i18n::current(), .version, .state.code()))]
    AlreadyOpen { version: u32, state: VersionState },
    #[error("{}", crate::i18n::errors::plan_ended(crate::i18n::current()))]
    Ended,
}

/// Whether an update (a new version copied from the approved one) may begin, given every
/// version of the plan as (version number, state) and whether the plan has ended.
pub fn check_update(versions: &[(u32, VersionState)], ended: bool) -> Result<(), UpdateProblem> {
    if ended {
        return Err(UpdateProblem::Ended);
    }
    if let Some(&(version, state)) = versions.iter().find(|(_, s)| s.is_open()) {
        return Err(UpdateProblem::AlreadyOpen { version, state });
    }
    if !versions.iter().any(|(_, s)| *s == VersionState::Approved) {
        return Err(UpdateProblem::NothingApproved);
    }
    Ok(())
}

pub const NUMBER_PREFIX: &str = "IPUS";

/// `IPUS/2026/0042`: the prefix, the year and a sequence within the year.
pub fn format_number(year: i32, seq: u32) -> String {
    format!("{NUMBER_PREFIX}/{year}/{seq:04}")
}

/// The year and sequence of a plan number; `None` for anything else.
pub fn parse_number(number: &str) -> Option<(i32, u32)> {
    let mut parts = number.trim().split('/');
    let (prefix, year, seq) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !prefix.eq_ignore_ascii_case(NUMBER_PREFIX) {
        return None;
    }
    if year.len() != 4 || seq.is_empty() || !year.bytes().chain(seq.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((year.parse().ok()?, seq.parse().ok()?))
}

/// The next number in `year` after the numbers already given (any year; others are ignored).
pub fn next_number<'a>(year: i32, existing: impl IntoIterator<Item = &'a str>) -> String {
    let last = existing.into_iter().filter_map(parse_number).filter(|(y, _)| *y == year).map(|(_, s)| s).max();
    format_number(year, last.unwrap_or(0) + 1)
}

/// One line of a plan as the coordinator writes it (section D of the printed plan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineContent {
    pub service_id: i64,
    /// The service's code and name, filled in when read; not stored with the line.
    #[serde(default)]
    pub service_code: String,
    #[serde(default)]
    pub service_name: String,
    pub provider_id: Option<i64>,
    #[serde(default)]
    pub provider_name: String,
    pub amount: Amount,
    pub cap: Option<Amount>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    #[serde(default)]
    pub schedule: String,
    #[serde(default)]
    pub place_form: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub resigned_on: Option<NaiveDate>,
}

impl LineContent {
    /// The allocation the pools count, or `None` when the dates are reversed.
    pub fn allocation(&self) -> Option<Allocation> {
        Some(Allocation {
            amount: self.amount,
            caps: self.cap.into_iter().collect(),
            span: DateRange::new(self.starts_on, self.ends_on)?,
        })
    }

    /// `2 / miesiąc, najwyżej 6 / rok`
    pub fn amount_label(&self) -> String {
        let mut s = amount_label(self.amount);
        if let Some(cap) = self.cap {
            s.push_str(crate::i18n::plan::at_most());
            s.push_str(&amount_label(cap));
        }
        s
    }
}

pub fn per_label(per: Per) -> &'static str {
    match per {
        Per::Week => "tydzień",
        Per::Month => "miesiąc",
        Per::Year => "rok",
        Per::Plan => "cały okres",
    }
}

/// Accepts the codes and their Polish names: `month`, `miesiąc`, `miesiac`.
pub fn parse_per(value: &str) -> Option<Per> {
    let v = super::fold::fold(value.trim());
    Per::from_code(&v).or_else(|| Per::ALL.into_iter().find(|p| super::fold::fold(per_label(*p)) == v)).or(
        match v.as_str() {
            "plan" | "okres" => Some(Per::Plan),
            _ => None,
        },
    )
}

/// `2 / miesiąc` (`2 / month` in English).
pub fn amount_label(amount: Amount) -> String {
    format!("{} / {}", amount.units, crate::i18n::codes::per(amount.per.code()))
}

/// A supporting action (section E): what, and who provides it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionContent {
    pub what: String,
    #[serde(default)]
    pub who: String,
}

/// Everything in one version that the coordinator edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanContent {
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    #[serde(default)]
    pub needs: String,
    #[serde(default)]
    pub expected_effects: String,
    #[serde(default)]
    pub quality_check: String,
    #[serde(default)]
    pub lines: Vec<LineContent>,
    #[serde(default)]
    pub actions: Vec<ActionContent>,
}

/// Whether a finding stops the save or submission, or is shown and let through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    Error,
}

/// What is being done with the content: a draft may be incomplete; a submitted plan may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Draft,
    Submit,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub field: FindingField,
    pub message: String,
}

/// Where in the plan a check found something; shown in the screen's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingField {
    /// A field of the plan by its key (`potrzeby`, `początek okresu`), as forms name fields.
    Named(&'static str),
    Period,
    Deadline,
    Services,
    /// A plan line, from 1.
    Line(usize),
    /// A supporting action, from 1.
    Action(usize),
}

impl std::fmt::Display for FindingField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::plan as t;
        let lang = crate::i18n::current();
        match self {
            FindingField::Named(key) => f.write_str(crate::i18n::errors::field_name(lang, key)),
            FindingField::Period => f.write_str(t::field_period(lang)),
            FindingField::Deadline => f.write_str(t::field_deadline(lang)),
            FindingField::Services => f.write_str(t::field_services(lang)),
            FindingField::Line(n) => f.write_str(&t::field_line(lang, *n)),
            FindingField::Action(n) => f.write_str(&t::field_action(lang, *n)),
        }
    }
}

impl Serialize for FindingField {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tag = crate::i18n::plan::severity(crate::i18n::current(), self.severity == Severity::Error);
        write!(f, "{tag}: {}: {}", self.field, self.message)
    }
}

/// What the checks need besides the content.
#[derive(Debug, Clone, Default)]
pub struct CheckContext {
    /// The application's filing date, which starts the 30 days of art. 40.
    pub filed_on: Option<NaiveDate>,
    pub today: Option<NaiveDate>,
    /// Services the organiser has suspended.
    pub suspended_services: Vec<i64>,
    /// The provider of each pool of each service (`None` for a pool of the whole service).
    pub pool_providers: std::collections::BTreeMap<i64, Vec<Option<i64>>>,
    /// Services limited to gminas the resident does not live in, with those gminas' names.
    pub closed_services: Vec<(i64, String)>,
}

pub const TEXT_MAX: usize = 4000;
pub const LINE_TEXT_MAX: usize = 300;

/// Checks a version's content. While drafting, legal bounds are warnings (the coordinator is
/// still typing); on submission they are errors. Things the store cannot hold are always errors.
pub fn check_content(content: &PlanContent, ctx: &CheckContext, stage: Stage) -> Vec<Finding> {
    let bound = match stage {
        Stage::Draft => Severity::Warning,
        Stage::Submit => Severity::Error,
    };
    let mut out = Vec::new();
    let mut push = |severity, field: FindingField, message: String| {
        out.push(Finding { severity, field, message });
    };
    let period = DateRange::new(content.period_start, content.period_end);
    match check_plan_period(content.period_start, content.period_end) {
        Ok(_) => {}
        Err(problem) => {
            let severity = if period.is_none() { Severity::Error } else { bound };
            push(severity, FindingField::Period, problem.to_string());
        }
    }
    if let (Some(filed), Some(today)) = (ctx.filed_on, ctx.today) {
        let left = drafting_days_left(filed, today);
        if left < 0 && stage == Stage::Draft {
            push(
                Severity::Warning,
                FindingField::Deadline,
                crate::i18n::plan::deadline_passed(filed, drafting_deadline(filed), -left),
            );
        }
    }
    for (field, value, max) in [
        ("potrzeby", &content.needs, TEXT_MAX),
        ("oczekiwane efekty", &content.expected_effects, TEXT_MAX),
        ("ocena jakości", &content.quality_check, LINE_TEXT_MAX),
    ] {
        if let Err(p) = super::text::check_note(value, max) {
            push(Severity::Error, FindingField::Named(field), p.to_string());
        }
    }
    if stage == Stage::Submit {
        if content.needs.trim().is_empty() {
            push(Severity::Error, FindingField::Named("potrzeby"), crate::i18n::plan::describe_needs().into());
        }
        if content.lines.is_empty() {
            push(Severity::Error, FindingField::Services, crate::i18n::plan::at_least_one_service().into());
        }
    }
    for (i, line) in content.lines.iter().enumerate() {
        let field = FindingField::Line(i + 1);
        for (what, value) in
            [("harmonogram", &line.schedule), ("miejsce i forma", &line.place_form), ("zakres", &line.scope)]
        {
            if let Err(p) = super::text::check_note(value, LINE_TEXT_MAX) {
                push(Severity::Error, field.clone(), crate::i18n::plan::of_field(what, p));
            }
        }
        for message in delivery_problems(line, ctx) {
            push(bound, field.clone(), message);
        }
        if ctx.suspended_services.contains(&line.service_id) {
            push(bound, field.clone(), crate::i18n::plan::service_suspended(&line.service_name));
        }
        if let Some((_, gminas)) = ctx.closed_services.iter().find(|(s, _)| *s == line.service_id) {
            push(bound, field.clone(), crate::i18n::plan::service_for_gminas_only(&line.service_name, gminas));
        }
        let Some(allocation) = line.allocation() else {
            push(Severity::Error, field, crate::i18n::plan::line_ends_before_start(line.ends_on, line.starts_on));
            continue;
        };
        let Some(period) = period else { continue };
        match allocation.check(period) {
            Ok(()) => {}
            Err(problem @ AllocationProblem::OutsidePlan { .. }) => push(bound, field, problem.to_string()),
            Err(problem) => push(Severity::Error, field, problem.to_string()),
        }
    }
    for (i, action) in content.actions.iter().enumerate() {
        let field = FindingField::Action(i + 1);
        if action.what.trim().is_empty() {
            push(Severity::Error, field.clone(), crate::i18n::plan::describe_action().into());
        }
        for value in [&action.what, &action.who] {
            if let Err(p) = super::text::check_text(value, LINE_TEXT_MAX, false) {
                push(Severity::Error, field.clone(), p.to_string());
            }
        }
    }
    out
}

/// What art. 39 requires of a line's way of delivery and the service's pools do not find: a
/// schedule, a place and form, and a provider where the service has pools per provider.
pub fn delivery_problems(line: &LineContent, ctx: &CheckContext) -> Vec<String> {
    let mut out = Vec::new();
    let pools = ctx.pool_providers.get(&line.service_id).map_or(&[][..], Vec::as_slice);
    if let Err(problem) = super::quota::check_provider(pools, line.provider_id) {
        out.push(crate::i18n::plan::provider_problem(problem));
    }
    if line.schedule.trim().is_empty() {
        out.push(crate::i18n::plan::schedule_required());
    }
    if line.place_form.trim().is_empty() {
        out.push(crate::i18n::plan::place_required());
    }
    out
}

/// Whether any finding stops the operation.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// A field of a line that changed between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum LineChange {
    Added(LineContent),
    Removed(LineContent),
    Changed { service: String, changes: Vec<FieldChange> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ActionChange {
    Added(ActionContent),
    Removed(ActionContent),
    WhoChanged { what: String, before: String, after: String },
}

/// What changed from one version to another.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct VersionDiff {
    pub fields: Vec<FieldChange>,
    pub lines: Vec<LineChange>,
    pub actions: Vec<ActionChange>,
}

impl VersionDiff {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.lines.is_empty() && self.actions.is_empty()
    }
}

fn change(field: &'static str, before: impl ToString, after: impl ToString) -> Option<FieldChange> {
    let (before, after) = (before.to_string(), after.to_string());
    (before != after).then_some(FieldChange { field, before, after })
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn line_changes(a: &LineContent, b: &LineContent) -> Vec<FieldChange> {
    [
        change("realizator", &a.provider_name, &b.provider_name),
        change("ilość", a.amount_label(), b.amount_label()),
        change("od", a.starts_on, b.starts_on),
        change("do", a.ends_on, b.ends_on),
        change("harmonogram", &a.schedule, &b.schedule),
        change("miejsce i forma", &a.place_form, &b.place_form),
        change("zakres", &a.scope, &b.scope),
        change("rezygnacja", opt_date(a.resigned_on), opt_date(b.resigned_on)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The changes from `old` to `new`. Lines are matched by service, in order (a plan may hold the
/// same service twice, e.g. care in two periods); supporting actions by what they are.
pub fn diff(old: &PlanContent, new: &PlanContent) -> VersionDiff {
    let fields = [
        change("początek okresu", old.period_start, new.period_start),
        change("koniec okresu", old.period_end, new.period_end),
        change("potrzeby", &old.needs, &new.needs),
        change("oczekiwane efekty", &old.expected_effects, &new.expected_effects),
        change("ocena jakości", &old.quality_check, &new.quality_check),
    ]
    .into_iter()
    .flatten()
    .collect();

    let mut lines = Vec::new();
    let mut unmatched: Vec<Option<&LineContent>> = new.lines.iter().map(Some).collect();
    for line in &old.lines {
        let found = unmatched.iter_mut().find(|slot| slot.is_some_and(|n| n.service_id == line.service_id));
        match found.and_then(Option::take) {
            Some(newer) => {
                let changes = line_changes(line, newer);
                if !changes.is_empty() {
                    lines.push(LineChange::Changed { service: newer.service_name.clone(), changes });
                }
            }
            None => lines.push(LineChange::Removed(line.clone())),
        }
    }
    lines.extend(unmatched.into_iter().flatten().map(|l| LineChange::Added(l.clone())));

    let mut actions = Vec::new();
    for action in &old.actions {
        match new.actions.iter().find(|a| a.what == action.what) {
            Some(newer) if newer.who != action.who => actions.push(ActionChange::WhoChanged {
                what: action.what.clone(),
                before: action.who.clone(),
                after: newer.who.clone(),
            }),
            Some(_) => {}
            None => actions.push(ActionChange::Removed(action.clone())),
        }
    }
    actions.extend(
        new.actions.iter().filter(|a| !old.actions.iter().any(|o| o.what == a.what)).cloned().map(ActionChange::Added),
    );
    VersionDiff { fields, lines, actions }
}

/// A hold on a plan goes stale after this long without a save, so a crashed desk does not block
/// the plan for the day.
pub const HOLD_STALE_MINUTES: i64 = 10;

/// Whether a hold taken at `held_at` still stands at `now`.
pub fn hold_is_live(held_at: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>) -> bool {
    now - held_at < chrono::Duration::minutes(HOLD_STALE_MINUTES)
}

/// Where a plan stands at the desk, in the order the plans list shows them: the plans in force
/// first, then those past their period that still need completing (art. 45), then the ones on
/// their way to approval, and the ended ones last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    Active,
    Overdue,
    Submitted,
    Draft,
    Returned,
    Ended,
}

impl Standing {
    /// The standing of a plan from its latest version's state and period and the plan's end.
    pub fn of(state: VersionState, period_end: NaiveDate, ended_on: Option<NaiveDate>, today: NaiveDate) -> Standing {
        match state {
            _ if ended_on.is_some() => Standing::Ended,
            VersionState::Approved if period_end < today => Standing::Overdue,
            VersionState::Approved => Standing::Active,
            VersionState::Submitted => Standing::Submitted,
            VersionState::Draft => Standing::Draft,
            VersionState::Returned => Standing::Returned,
            VersionState::Superseded => Standing::Ended,
        }
    }

    /// As the desk shows it.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Active => VersionState::Approved.code(),
            Standing::Overdue => "po terminie",
            Standing::Submitted => VersionState::Submitted.code(),
            Standing::Draft => VersionState::Draft.code(),
            Standing::Returned => VersionState::Returned.code(),
            Standing::Ended => "zakończony",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use VersionState::*;

    #[test]
    fn an_approved_plan_past_its_period_and_not_ended_is_overdue_not_active() {
        let today = d(2026, 7, 1);
        assert_eq!(Standing::of(Approved, d(2026, 6, 30), None, today), Standing::Overdue);
        assert_eq!(Standing::of(Approved, d(2026, 7, 1), None, today), Standing::Active);
        assert_eq!(Standing::of(Approved, d(2026, 6, 30), Some(d(2026, 6, 30)), today), Standing::Ended);
        assert_eq!(Standing::Overdue.label(), "po terminie");
    }

    #[test]
    fn plans_in_force_come_first_and_ended_ones_last() {
        let mut all = [Standing::Ended, Standing::Returned, Standing::Draft, Standing::Submitted, Standing::Active];
        all.sort();
        assert_eq!(all, [Standing::Active, Standing::Submitted, Standing::Draft, Standing::Returned, Standing::Ended]);
        assert!(Standing::Overdue < Standing::Submitted);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn taxi() -> LineContent {
        LineContent {
            service_id: 1,
            service_code: "TAXI".into(),
            service_name: "Taxi senioralne".into(),
            provider_id: None,
            provider_name: String::new(),
            amount: Amount { units: 2, per: Per::Month },
            cap: Some(Amount { units: 6, per: Per::Year }),
            starts_on: d(2026, 4, 1),
            ends_on: d(2026, 12, 31),
            schedule: "wtorki".into(),
            place_form: "dom".into(),
            scope: String::new(),
            resigned_on: None,
        }
    }

    fn content() -> PlanContent {
        PlanContent {
            period_start: d(2026, 4, 1),
            period_end: d(2026, 12, 31),
            needs: "dojazdy do lekarza".into(),
            expected_effects: "samodzielne wizyty".into(),
            quality_check: "co kwartał".into(),
            lines: vec![taxi()],
            actions: vec![ActionContent { what: "pomoc w złożeniu wniosku o kartę".into(), who: "KIPUS".into() }],
        }
    }

    #[test]
    fn a_draft_is_submitted_then_approved_or_returned_and_edited_again() {
        assert_eq!(transition(Draft, Action::Submit), Ok(Submitted));
        assert_eq!(transition(Submitted, Action::Approve), Ok(Approved));
        assert_eq!(transition(Submitted, Action::Return), Ok(Returned));
        assert_eq!(transition(Returned, Action::Edit), Ok(Draft));
        assert_eq!(transition(Returned, Action::Submit), Ok(Submitted));
        assert_eq!(transition(Approved, Action::Supersede), Ok(Superseded));
    }

    #[test]
    fn refuses_to_approve_a_draft_or_edit_an_approved_plan_and_says_why() {
        let e = transition(Draft, Action::Approve).unwrap_err();
        assert!(e.to_string().contains("najpierw trzeba go złożyć"), "{e}");
        let e = transition(Approved, Action::Edit).unwrap_err();
        assert!(e.to_string().contains("nową wersję"), "{e}");
        assert!(transition(Submitted, Action::Edit).is_err());
        assert!(transition(Superseded, Action::Approve).is_err());
        assert!(transition(Approved, Action::Approve).is_err());
    }

    #[test]
    fn state_codes_round_trip_with_or_without_polish_letters() {
        for s in VersionState::ALL {
            assert_eq!(VersionState::from_code(s.code()), Some(s));
        }
        assert_eq!(VersionState::from_code("zatwierdzony"), Some(Approved));
        assert_eq!(VersionState::from_code("zlozony"), Some(Submitted));
        assert_eq!(VersionState::from_code("approved"), None);
    }

    #[test]
    fn an_update_starts_only_from_an_approved_plan_without_another_open_version() {
        assert_eq!(check_update(&[(1, Approved)], false), Ok(()));
        assert_eq!(check_update(&[(1, Superseded), (2, Approved)], false), Ok(()));
        assert_eq!(check_update(&[(1, Superseded)], false), Err(UpdateProblem::NothingApproved));
        assert_eq!(
            check_update(&[(1, Approved), (2, Returned)], false),
            Err(UpdateProblem::AlreadyOpen { version: 2, state: Returned })
        );
        assert_eq!(check_update(&[(1, Approved)], true), Err(UpdateProblem::Ended));
    }

    #[test]
    fn numbers_plans_per_year() {
        assert_eq!(format_number(2026, 42), "IPUS/2026/0042");
        assert_eq!(parse_number("IPUS/2026/0042"), Some((2026, 42)));
        assert_eq!(parse_number("ipus/2026/12345"), Some((2026, 12345)));
        assert_eq!(parse_number("IPUS/26/1"), None);
        assert_eq!(parse_number("42"), None);
        assert_eq!(next_number(2026, ["IPUS/2026/0007", "IPUS/2025/0099", "IPUS/2026/0003"]), "IPUS/2026/0008");
        assert_eq!(next_number(2027, ["IPUS/2026/0007"]), "IPUS/2027/0001");
    }

    #[test]
    fn period_bounds_warn_while_drafting_and_stop_a_submission() {
        let mut c = content();
        c.period_end = d(2026, 5, 31);
        let ctx = CheckContext::default();
        let draft = check_content(&c, &ctx, Stage::Draft);
        assert!(!has_errors(&draft), "{draft:?}");
        assert!(draft.iter().any(|f| f.field == FindingField::Period && f.message.contains("3 miesiące")));
        let submit = check_content(&c, &ctx, Stage::Submit);
        assert!(submit.iter().any(|f| f.field == FindingField::Period && f.severity == Severity::Error));
    }

    #[test]
    fn a_reversed_period_or_line_is_an_error_even_in_a_draft() {
        let mut c = content();
        c.lines[0].ends_on = d(2026, 3, 1);
        let f = check_content(&c, &CheckContext::default(), Stage::Draft);
        assert!(f.iter().any(|f| f.field == FindingField::Line(1) && f.severity == Severity::Error), "{f:?}");
    }

    #[test]
    fn warns_when_the_thirty_days_have_passed() {
        let ctx = CheckContext { filed_on: Some(d(2026, 3, 1)), today: Some(d(2026, 4, 5)), ..Default::default() };
        let f = check_content(&content(), &ctx, Stage::Draft);
        assert!(f.iter().any(|f| f.field == FindingField::Deadline && f.severity == Severity::Warning), "{f:?}");
        let ctx = CheckContext { filed_on: Some(d(2026, 3, 20)), today: Some(d(2026, 4, 5)), ..Default::default() };
        assert!(check_content(&content(), &ctx, Stage::Draft).is_empty());
    }

    #[test]
    fn a_submission_needs_needs_and_a_service_within_the_period_and_not_suspended() {
        let mut c = content();
        c.needs.clear();
        c.lines[0].ends_on = d(2027, 1, 31);
        let ctx = CheckContext { suspended_services: vec![1], ..Default::default() };
        let f = check_content(&c, &ctx, Stage::Submit);
        assert!(f.iter().any(|f| f.field == FindingField::Named("potrzeby")));
        assert!(f.iter().any(|f| f.message.contains("poza okres planu")));
        assert!(f.iter().any(|f| f.message.contains("zawieszona")));
        let mut empty = content();
        empty.lines.clear();
        assert!(
            check_content(&empty, &CheckContext::default(), Stage::Submit)
                .iter()
                .any(|f| f.field == FindingField::Services)
        );
        assert!(check_content(&content(), &CheckContext::default(), Stage::Submit).is_empty());
    }

    #[test]
    fn a_cap_over_a_shorter_period_is_an_error() {
        let mut c = content();
        c.lines[0].cap = Some(Amount { units: 1, per: Per::Week });
        assert!(has_errors(&check_content(&c, &CheckContext::default(), Stage::Draft)));
    }

    #[test]
    fn diff_names_period_lines_and_supporting_actions() {
        let old = content();
        let mut new = content();
        new.period_end = d(2027, 3, 31);
        new.lines[0].amount.units = 3;
        new.lines[0].schedule = "środy".into();
        let mut care = taxi();
        care.service_id = 2;
        care.service_name = "Usługi opiekuńcze".into();
        care.cap = None;
        new.lines.push(care);
        new.actions[0].who = "OUS".into();
        new.actions.push(ActionContent { what: "grupa wsparcia".into(), who: "NGO".into() });
        let diff = diff(&old, &new);
        assert_eq!(diff.fields.len(), 1);
        assert_eq!(diff.fields[0].field, "koniec okresu");
        assert!(matches!(&diff.lines[0], LineChange::Changed { changes, .. } if changes.len() == 2));
        assert!(matches!(&diff.lines[1], LineChange::Added(l) if l.service_id == 2));
        assert_eq!(diff.actions.len(), 2);
    }

    #[test]
    fn diff_of_identical_versions_is_empty_and_removal_is_named() {
        assert!(diff(&content(), &content()).is_empty());
        let mut fewer = content();
        fewer.lines.clear();
        fewer.actions.clear();
        let d = diff(&content(), &fewer);
        assert!(matches!(&d.lines[..], [LineChange::Removed(l)] if l.service_id == 1));
        assert!(matches!(&d.actions[..], [ActionChange::Removed(_)]));
    }

    #[test]
    fn parses_periods_in_polish_and_english() {
        assert_eq!(parse_per("miesiąc"), Some(Per::Month));
        assert_eq!(parse_per("miesiac"), Some(Per::Month));
        assert_eq!(parse_per("week"), Some(Per::Week));
        assert_eq!(parse_per("plan"), Some(Per::Plan));
        assert_eq!(parse_per("dekada"), None);
    }

    #[test]
    fn a_hold_goes_stale_after_ten_minutes() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().to_utc();
        assert!(hold_is_live(t, t + chrono::Duration::minutes(9)));
        assert!(!hold_is_live(t, t + chrono::Duration::minutes(10)));
    }
}
