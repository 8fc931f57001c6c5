//! The plan editor in split panes: on the left the resident, the needs and the plan's period and
//! texts; on the right the plan lines with each line's effect on its pool, and the service base
//! as a picker. Below 100 columns the panes switch instead of standing side by side.
//!
//! Drafts save themselves: every change goes to the autosave thread, which writes at most
//! [`AUTOSAVE_AFTER`] after the first unsaved change, off the input path. A kill loses at most
//! that much typing; a save that would overwrite someone else's newer work is refused and the
//! typed content stays on screen.

use super::plans::{PlanMsg, tr};
use crate::domain::ipus::{self, ActionContent, CheckContext, Finding, LineContent, PlanContent, Severity, Stage};
use crate::domain::plan::{Amount, drafting_days_left};
use crate::domain::text::check_text;
use crate::storage::Db;
use crate::storage::plans::{self, LineEffect, VersionView};
use crate::storage::staff::StaffMember;
use crate::tui::action::Action;
use crate::tui::app::{Ctx, DrawCtx, Effect, Msg};
use crate::tui::keymap::Context;
use crate::tui::strings::Text;
use crate::tui::widgets::form::{Field, Form, FormEvent};
use crate::tui::widgets::popup::hint_line;
use crate::tui::widgets::{block, centered, fit, safe};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

/// How long after the first unsaved change the draft is written.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(2);
/// From this width the two panes stand side by side.
const SIDE_BY_SIDE_WIDTH: u16 = 100;

/// A service as the picker offers it, with what remains in its pool now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickService {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub remaining: Option<i64>,
    pub period: Option<String>,
    pub suspended: bool,
}

/// A plan as the editor opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedPlan {
    pub plan_id: i64,
    pub number: String,
    pub resident_name: String,
    pub filed_on: Option<NaiveDate>,
    pub assessed_on: Option<NaiveDate>,
    pub problems: String,
    pub version: VersionView,
    /// Someone else editing it now.
    pub holder: Option<String>,
    /// When the plan ended (completed or resigned from), if it has.
    pub ended_on: Option<NaiveDate>,
    pub monitoring: Monitoring,
    pub may_edit: bool,
    pub returned_comment: Option<String>,
    pub effects: Vec<Option<LineEffect>>,
    pub services: Vec<PickService>,
}

/// What has been recorded after approval, and what is due next.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Monitoring {
    pub contacts: usize,
    pub last_contact: Option<NaiveDate>,
    /// The next monitoring contact, while the plan is in force.
    pub contact_due: Option<NaiveDate>,
    /// The follow-up 6 months after the end, once the plan has ended.
    pub follow_up_due: Option<NaiveDate>,
    pub follow_up_on: Option<NaiveDate>,
}

/// What the editor tells the autosave thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Autosave {
    /// The editor opened this version at this revision.
    Track { plan_id: i64, version_id: i64, revision: i64 },
    /// The content as it is now, numbered so that the editor knows which change a save covered.
    Content { version_id: i64, seq: u64, content: Box<PlanContent> },
    /// Write what is pending, then submit the version for approval.
    Submit { version_id: i64 },
}

/// Starts the autosave thread with its own connection. When the sender is dropped it writes what
/// is pending and ends; join the handle to be sure a normal exit loses nothing.
pub fn spawn_autosave(
    path: PathBuf,
    me: StaffMember,
    send: impl Fn(Msg) + Send + 'static,
) -> (Sender<Autosave>, std::thread::JoinHandle<()>) {
    let (tx, rx) = channel();
    let handle = std::thread::spawn(move || autosave_loop(path, me, rx, send));
    (tx, handle)
}

/// The version being edited: plan, version and the revision last written.
type Tracked = Option<(i64, i64, i64)>;
/// Content not yet written, its change number, and when the first unsaved change came.
type Pending = Option<(PlanContent, u64, Instant)>;

fn autosave_loop(path: PathBuf, me: StaffMember, rx: Receiver<Autosave>, send: impl Fn(Msg)) {
    let Ok(mut db) = Db::open(&path) else { return };
    let mut tracked: Tracked = None;
    let mut pending: Pending = None;
    loop {
        let next = match &pending {
            Some((_, _, since)) => rx.recv_timeout(AUTOSAVE_AFTER.saturating_sub(since.elapsed())),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let disconnected = match next {
            Ok(Autosave::Track { plan_id, version_id, revision }) => {
                tracked = Some((plan_id, version_id, revision));
                pending = None;
                continue;
            }
            Ok(Autosave::Content { version_id, seq, content }) => {
                if tracked.is_some_and(|(_, v, _)| v == version_id) {
                    let since = pending.take().map_or_else(Instant::now, |(_, _, since)| since);
                    pending = Some((*content, seq, since));
                }
                if pending.as_ref().is_none_or(|(_, _, since)| since.elapsed() < AUTOSAVE_AFTER) {
                    continue;
                }
                false
            }
            Ok(Autosave::Submit { version_id }) => {
                save_pending(&mut db, &me, &mut tracked, &mut pending, &send);
                // A refused save has cleared `tracked`: the person sees why and nothing is submitted.
                if let Some((_, tracked_version, _)) = tracked.filter(|(_, v, _)| *v == version_id) {
                    let today = crate::config::today();
                    match db.write(|tx| plans::submit(tx, &me, tracked_version, today)) {
                        Ok(_) => {
                            tracked = None;
                            send(Msg::Plan(PlanMsg::Submitted { version_id }));
                        }
                        Err(e) => send(Msg::Failed(e.to_string())),
                    }
                }
                continue;
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        save_pending(&mut db, &me, &mut tracked, &mut pending, &send);
        if disconnected {
            return;
        }
    }
}

/// Writes the pending content, if any, against the tracked revision.
fn save_pending(db: &mut Db, me: &StaffMember, tracked: &mut Tracked, pending: &mut Pending, send: &impl Fn(Msg)) {
    let (Some((plan_id, version_id, revision)), Some((content, seq, _))) = (*tracked, pending.take()) else { return };
    let today = crate::config::today();
    match plans::save_draft(db, me, version_id, revision, content.clone(), today) {
        Ok(saved) => {
            *tracked = Some((plan_id, version_id, saved.revision));
            let effects = plans::pool_effects(db.conn(), plan_id, &content).unwrap_or_default();
            send(Msg::Plan(PlanMsg::Saved {
                version_id,
                seq,
                revision: saved.revision,
                at: crate::storage::now_stamp(),
                effects,
            }));
        }
        Err(unsaved) => {
            // Nothing more is written until the editor is opened again on fresh data.
            *tracked = None;
            send(Msg::Plan(PlanMsg::SaveRefused {
                version_id,
                message: unsaved.error.to_string(),
                content: unsaved.content,
            }));
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Field(usize),
    Lines,
}

/// The left pane's fields, in order.
const FIELDS: [(&str, &str); 5] = [
    ("Początek okresu", "Period start"),
    ("Koniec okresu", "Period end"),
    ("Potrzeby", "Needs"),
    ("Oczekiwane efekty", "Expected effects"),
    ("Ocena jakości (jak często)", "Quality check (how often)"),
];

/// The fields of a line, in order.
const LINE_FIELDS: [(&str, &str); 9] = [
    ("Ilość", "Amount"),
    ("Na (tydzień/miesiąc/rok/plan)", "Per (week/month/year/plan)"),
    ("Limit (puste: bez)", "Cap (empty: none)"),
    ("Limit na", "Cap per"),
    ("Od", "From"),
    ("Do", "To"),
    ("Harmonogram", "Schedule"),
    ("Miejsce i forma", "Place and form"),
    ("Zakres", "Scope"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Overlay {
    Picker {
        selected: usize,
    },
    Line {
        index: Option<usize>,
        service: PickService,
        values: Vec<String>,
        field: usize,
        error: Option<String>,
    },
    /// A supporting action (what, who): a new one, or the one at `index`.
    Action {
        index: Option<usize>,
        form: Form,
    },
}

/// What a row of the right pane is: the plan lines, the row that adds a service, the supporting
/// actions, the row that adds an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Line(usize),
    AddLine,
    Action(usize),
    AddAction,
}

/// The form of a supporting action, filled with `action` when one is edited.
fn action_form(action: Option<&ActionContent>) -> Form {
    let (what, who) = action.map_or(("", ""), |a| (a.what.as_str(), a.who.as_str()));
    Form::new(
        Text::SupportTitle,
        vec![Field::text(Text::SupportWhat, "działanie", what), Field::text(Text::SupportWho, "kto", who)],
    )
}

/// A supporting action from its form; the error names the field.
fn parse_action(form: &Form) -> Result<ActionContent, crate::domain::text::FieldError> {
    let what = check_text(form.value("działanie"), ipus::LINE_TEXT_MAX, true).map_err(|p| p.on("działanie"))?;
    let who = check_text(form.value("kto"), ipus::LINE_TEXT_MAX, false).map_err(|p| p.on("kto"))?;
    Ok(ActionContent { what, who })
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum SaveState {
    Saved { revision: i64, at: Option<String> },
    Pending,
    Refused(String),
}

#[derive(Debug)]
pub struct PlanEditor {
    plan: OpenedPlan,
    content: PlanContent,
    values: Vec<String>,
    cursor: usize,
    focus: Focus,
    selected_line: usize,
    overlay: Option<Overlay>,
    save: SaveState,
    /// Number of the last change sent to the autosave thread.
    sent: u64,
    effects: Vec<Option<LineEffect>>,
    /// False from a change of the lines until the save that recomputes the effects.
    effects_fresh: bool,
    findings: Vec<Finding>,
    today: NaiveDate,
}

fn field_values(c: &PlanContent) -> Vec<String> {
    vec![
        c.period_start.to_string(),
        c.period_end.to_string(),
        c.needs.clone(),
        c.expected_effects.clone(),
        c.quality_check.clone(),
    ]
}

fn line_values(l: &LineContent) -> Vec<String> {
    vec![
        l.amount.units.to_string(),
        ipus::per_label(l.amount.per).to_string(),
        l.cap.map(|c| c.units.to_string()).unwrap_or_default(),
        l.cap.map(|c| ipus::per_label(c.per).to_string()).unwrap_or_default(),
        l.starts_on.to_string(),
        l.ends_on.to_string(),
        l.schedule.clone(),
        l.place_form.clone(),
        l.scope.clone(),
    ]
}

impl PlanEditor {
    pub fn new(plan: OpenedPlan, today: NaiveDate) -> PlanEditor {
        let content = plan.version.content.clone();
        let values = field_values(&content);
        let cursor = values[2].chars().count();
        let mut editor = PlanEditor {
            effects: plan.effects.clone(),
            save: SaveState::Saved { revision: plan.version.revision, at: None },
            sent: 0,
            effects_fresh: true,
            plan,
            content,
            values,
            cursor,
            focus: Focus::Field(2),
            selected_line: 0,
            overlay: None,
            findings: Vec::new(),
            today,
        };
        editor.recheck();
        editor
    }

    pub fn plan_id(&self) -> i64 {
        self.plan.plan_id
    }

    /// Submits the draft after its last change is written (the autosave thread does both, in order).
    pub fn submit(&mut self, cx: &mut Ctx<'_>) {
        if !self.editable() {
            cx.status(tr(&cx.strings, "Tej wersji nie można złożyć", "This version cannot be submitted"));
            return;
        }
        if self.save == SaveState::Pending {
            self.changed(cx);
        }
        cx.send(Effect::Autosave(Autosave::Submit { version_id: self.plan.version.id }));
    }

    /// The version and the revision the approver is looking at.
    pub fn approvable(&self) -> (i64, i64) {
        (self.plan.version.id, self.plan.version.revision)
    }

    /// The plan and version number a print of this screen shows.
    pub fn printable(&self) -> (i64, u32) {
        (self.plan.plan_id, self.plan.version.version)
    }

    /// Whether this person may change the version now.
    fn editable(&self) -> bool {
        self.plan.may_edit
            && self.plan.holder.is_none()
            && self.plan.version.state.is_editable()
            && !matches!(self.save, SaveState::Refused(_))
    }

    /// Tells the autosave thread which version is edited (on opening).
    pub fn track(&self, cx: &mut Ctx<'_>) {
        if self.editable() {
            cx.send(Effect::Autosave(Autosave::Track {
                plan_id: self.plan.plan_id,
                version_id: self.plan.version.id,
                revision: self.plan.version.revision,
            }));
        }
    }

    /// Sends the content once more, so that leaving the editor does not wait for the timer to matter.
    pub fn flush(&mut self, cx: &mut Ctx<'_>) {
        if self.save == SaveState::Pending {
            self.changed(cx);
        }
    }

    pub fn contexts(&self) -> &'static [Context] {
        match (&self.overlay, self.focus) {
            (Some(Overlay::Picker { .. }), _) => &[Context::Popup],
            (Some(Overlay::Line { .. } | Overlay::Action { .. }), _) => &[Context::Form],
            (None, Focus::Field(_)) if self.editable() => &[Context::Form],
            _ => &[Context::Plan, Context::List],
        }
    }

    pub fn typing(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Line { .. } | Overlay::Action { .. }))
            || (self.overlay.is_none() && matches!(self.focus, Focus::Field(_)) && self.editable())
    }

    pub fn hints(&self) -> &'static [Action] {
        match (&self.overlay, self.focus) {
            (Some(Overlay::Picker { .. }), _) => &[Action::Confirm, Action::Cancel],
            (Some(Overlay::Line { .. } | Overlay::Action { .. }), _) => {
                &[Action::NextField, Action::Confirm, Action::Cancel]
            }
            _ if self.plan.ended_on.is_some() => &[Action::RecordFollowUp, Action::RecordMonitoring, Action::Back],
            _ if self.plan.version.state == crate::domain::ipus::VersionState::Approved => &[
                Action::RecordMonitoring,
                Action::ResignPlan,
                Action::CompletePlan,
                Action::UpdatePlan,
                Action::PrintPlan,
                Action::Back,
            ],
            (None, Focus::Field(_)) => &[Action::NextField, Action::Cancel],
            (None, Focus::Lines) => &[Action::Open, Action::SubmitPlan, Action::PrintPlan, Action::Back],
        }
    }

    fn recheck(&mut self) {
        let version = &self.plan.version;
        // The 30 days of art. 40 bind the first draft only; an approved or updated plan is past them.
        let drafting = version.version == 1 && version.state.is_editable();
        let ctx = CheckContext {
            filed_on: self.plan.filed_on.filter(|_| drafting),
            today: Some(self.today),
            suspended_services: self.plan.services.iter().filter(|s| s.suspended).map(|s| s.id).collect(),
            ..Default::default()
        };
        self.findings = ipus::check_content(&self.content, &ctx, Stage::Draft);
        for (i, field) in ["początek okresu", "koniec okresu"].into_iter().enumerate() {
            if full_date(&self.values[i]).is_none() {
                self.findings.insert(
                    0,
                    Finding {
                        severity: Severity::Error,
                        field: field.into(),
                        message: crate::domain::text::FieldProblem::Date.to_string(),
                    },
                );
            }
        }
    }

    fn changed(&mut self, cx: &mut Ctx<'_>) {
        self.recheck();
        self.save = SaveState::Pending;
        self.sent += 1;
        cx.send(Effect::Autosave(Autosave::Content {
            version_id: self.plan.version.id,
            seq: self.sent,
            content: Box::new(self.content.clone()),
        }));
    }

    /// Applies the left pane's text to the content: dates only when they parse.
    fn apply_fields(&mut self) {
        if let Some(d) = full_date(&self.values[0]) {
            self.content.period_start = d;
        }
        if let Some(d) = full_date(&self.values[1]) {
            self.content.period_end = d;
        }
        self.content.needs = self.values[2].clone();
        self.content.expected_effects = self.values[3].clone();
        self.content.quality_check = self.values[4].clone();
    }

    pub fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        if self.overlay.is_some() {
            self.handle_overlay(action, cx);
            return true;
        }
        match (self.focus, action) {
            (Focus::Field(i), Action::Type(c)) if self.editable() => {
                let at = byte_at(&self.values[i], self.cursor);
                self.values[i].insert(at, c);
                self.cursor += 1;
                self.apply_fields();
                self.changed(cx);
            }
            (Focus::Field(i), Action::DeleteBack) if self.editable() => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    let at = byte_at(&self.values[i], self.cursor);
                    self.values[i].remove(at);
                    self.apply_fields();
                    self.changed(cx);
                }
            }
            (Focus::Field(i), Action::MoveLeft) => {
                self.cursor = self.cursor.saturating_sub(1).min(self.values[i].chars().count())
            }
            (Focus::Field(i), Action::MoveRight) => self.cursor = (self.cursor + 1).min(self.values[i].chars().count()),
            (Focus::Field(_), Action::LineStart) => self.cursor = 0,
            (Focus::Field(i), Action::LineEnd) => self.cursor = self.values[i].chars().count(),
            (Focus::Field(i), Action::NextField | Action::Down | Action::Confirm) => {
                self.focus = if i + 1 < FIELDS.len() { Focus::Field(i + 1) } else { Focus::Lines };
                self.cursor_to_end();
            }
            (Focus::Field(i), Action::PrevField | Action::Up) => {
                self.focus = Focus::Field(i.saturating_sub(1));
                self.cursor_to_end();
            }
            (_, Action::NextPane | Action::PrevPane) => {
                self.focus = match self.focus {
                    Focus::Field(_) => Focus::Lines,
                    Focus::Lines => Focus::Field(2),
                };
                self.cursor_to_end();
            }
            (Focus::Lines, Action::Up) => self.selected_line = self.selected_line.saturating_sub(1),
            (Focus::Lines, Action::First | Action::PageUp) => self.selected_line = 0,
            (Focus::Lines, Action::Last | Action::PageDown) => self.selected_line = self.last_row(),
            (Focus::Lines, Action::Down) => self.selected_line = (self.selected_line + 1).min(self.last_row()),
            (Focus::Lines, Action::Open) if self.editable() => {
                self.overlay = match self.row() {
                    Row::Action(j) => {
                        Some(Overlay::Action { index: Some(j), form: action_form(self.content.actions.get(j)) })
                    }
                    Row::AddAction => Some(Overlay::Action { index: None, form: action_form(None) }),
                    Row::AddLine => Some(Overlay::Picker { selected: 0 }),
                    Row::Line(_) => {
                        let Some(line) = self.content.lines.get(self.selected_line) else { return true };
                        Some(Overlay::Line {
                            index: Some(self.selected_line),
                            service: self
                                .plan
                                .services
                                .iter()
                                .find(|s| s.id == line.service_id)
                                .cloned()
                                .unwrap_or_else(|| PickService {
                                    id: line.service_id,
                                    code: line.service_code.clone(),
                                    name: line.service_name.clone(),
                                    unit: String::new(),
                                    remaining: None,
                                    period: None,
                                    suspended: false,
                                }),
                            values: line_values(line),
                            field: 0,
                            error: None,
                        })
                    }
                };
            }
            (Focus::Lines, Action::RemoveLine) if self.editable() && matches!(self.row(), Row::Action(_)) => {
                if let Row::Action(j) = self.row() {
                    self.content.actions.remove(j);
                    self.selected_line = self.selected_line.min(self.last_row());
                    self.changed(cx);
                }
            }
            (Focus::Lines, Action::RemoveLine) if self.editable() && self.selected_line < self.content.lines.len() => {
                self.content.lines.remove(self.selected_line);
                self.effects_fresh = false;
                self.selected_line = self.selected_line.min(self.content.lines.len());
                self.changed(cx);
            }
            (Focus::Lines, Action::Open | Action::RemoveLine) if !self.editable() => {
                cx.status(tr(&cx.strings, "Tej wersji nie można zmieniać", "This version cannot be changed"))
            }
            _ => return false,
        }
        true
    }

    /// The last row of the right pane: the one that adds a supporting action.
    fn last_row(&self) -> usize {
        self.content.lines.len() + 1 + self.content.actions.len()
    }

    fn row(&self) -> Row {
        let lines = self.content.lines.len();
        match self.selected_line {
            i if i < lines => Row::Line(i),
            i if i == lines => Row::AddLine,
            i if i - lines - 1 < self.content.actions.len() => Row::Action(i - lines - 1),
            _ => Row::AddAction,
        }
    }

    fn cursor_to_end(&mut self) {
        if let Focus::Field(i) = self.focus {
            self.cursor = self.values[i].chars().count();
        }
    }

    fn handle_overlay(&mut self, action: Action, cx: &mut Ctx<'_>) {
        let services = self.plan.services.len();
        let Some(overlay) = &mut self.overlay else { return };
        match overlay {
            Overlay::Picker { selected } => match action {
                Action::Up => *selected = selected.saturating_sub(1),
                Action::Down => *selected = (*selected + 1).min(services.saturating_sub(1)),
                Action::PageUp => *selected = selected.saturating_sub(10),
                Action::PageDown => *selected = (*selected + 10).min(services.saturating_sub(1)),
                Action::Confirm => {
                    let Some(service) = self.plan.services.get(*selected).cloned() else { return };
                    let fresh = LineContent {
                        service_id: service.id,
                        service_code: service.code.clone(),
                        service_name: service.name.clone(),
                        provider_id: None,
                        provider_name: String::new(),
                        amount: Amount { units: 1, per: crate::domain::plan::Per::Month },
                        cap: None,
                        starts_on: self.content.period_start,
                        ends_on: self.content.period_end,
                        schedule: String::new(),
                        place_form: String::new(),
                        scope: String::new(),
                        resigned_on: None,
                    };
                    self.overlay = Some(Overlay::Line {
                        index: None,
                        service,
                        values: line_values(&fresh),
                        field: 0,
                        error: None,
                    });
                }
                Action::Cancel | Action::Back => self.overlay = None,
                _ => {}
            },
            Overlay::Action { index, form } => match form.handle(action) {
                FormEvent::Submit => match parse_action(form) {
                    Ok(done) => {
                        match *index {
                            Some(j) if j < self.content.actions.len() => self.content.actions[j] = done,
                            _ => {
                                self.content.actions.push(done);
                                self.selected_line = self.last_row() - 1;
                            }
                        }
                        self.overlay = None;
                        self.changed(cx);
                    }
                    Err(e) => form.refuse(e.field, e.to_string()),
                },
                FormEvent::Cancel => self.overlay = None,
                FormEvent::Edited | FormEvent::Ignored => {}
            },
            Overlay::Line { index, service, values, field, error } => match action {
                Action::Type(c) => values[*field].push(c),
                Action::DeleteBack => {
                    values[*field].pop();
                }
                Action::NextField => *field = (*field + 1) % LINE_FIELDS.len(),
                Action::PrevField => *field = (*field + LINE_FIELDS.len() - 1) % LINE_FIELDS.len(),
                Action::Cancel | Action::Back => self.overlay = None,
                Action::Confirm => match parse_line(service, values).map(|mut line| {
                    // What the form does not show (provider, a resignation) stays as it was.
                    if let Some(old) = index.and_then(|i| self.content.lines.get(i)) {
                        line.provider_id = old.provider_id;
                        line.provider_name = old.provider_name.clone();
                        line.resigned_on = old.resigned_on;
                    }
                    line
                }) {
                    Ok(line) if index.is_some_and(|i| self.content.lines.get(i) == Some(&line)) => self.overlay = None,
                    Ok(line) => {
                        match index {
                            Some(i) => self.content.lines[*i] = line,
                            None => {
                                self.content.lines.push(line);
                                self.selected_line = self.content.lines.len() - 1;
                            }
                        }
                        self.overlay = None;
                        self.effects_fresh = false;
                        self.changed(cx);
                    }
                    Err((at, message)) => {
                        *field = at;
                        *error = Some(message);
                    }
                },
                _ => {}
            },
        }
    }

    pub fn update(&mut self, msg: &PlanMsg, cx: &mut Ctx<'_>) {
        match msg {
            PlanMsg::Saved { version_id, seq, revision, at, effects } if *version_id == self.plan.version.id => {
                // A later change still on its way keeps the editor "saving…".
                if *seq == self.sent {
                    self.save = SaveState::Saved { revision: *revision, at: Some(at.clone()) };
                }
                self.effects = effects.clone();
                self.effects_fresh = *seq == self.sent;
            }
            PlanMsg::Submitted { version_id } if *version_id == self.plan.version.id => {
                self.plan.version.state = crate::domain::ipus::VersionState::Submitted;
                cx.status(tr(&cx.strings, "Złożono do zatwierdzenia", "Submitted for approval"));
            }
            PlanMsg::Returned { version_id } if *version_id == self.plan.version.id => {
                self.plan.version.state = crate::domain::ipus::VersionState::Returned;
                cx.status(tr(&cx.strings, "Zwrócono do poprawy", "Returned for corrections"));
            }
            PlanMsg::Approved { version_id } if *version_id == self.plan.version.id => {
                self.plan.version.state = crate::domain::ipus::VersionState::Approved;
                cx.status(tr(&cx.strings, "Zatwierdzono plan", "Plan approved"));
            }
            PlanMsg::SaveRefused { version_id, message, content } if *version_id == self.plan.version.id => {
                // The typed content stays in the editor; the person reopens and merges by hand.
                self.content = (**content).clone();
                self.save = SaveState::Refused(message.clone());
                cx.error(message.clone());
            }
            _ => {}
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
        self.draw_head(frame, head, cx);
        if area.width >= SIDE_BY_SIDE_WIDTH {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
            self.draw_left(frame, left, cx, false);
            self.draw_right(frame, right, cx, false);
        } else {
            match self.focus {
                Focus::Field(_) => self.draw_left(frame, body, cx, true),
                Focus::Lines => self.draw_right(frame, body, cx, true),
            }
        }
        if let Some(overlay) = &self.overlay {
            self.draw_overlay(overlay, frame, body, cx);
        }
    }

    fn draw_head(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let s = cx.strings;
        let v = &self.plan.version;
        let countdown = match self.plan.filed_on {
            Some(filed) if v.version == 1 && v.state.is_editable() => {
                let left = drafting_days_left(filed, cx.today);
                if left >= 0 {
                    format!(" · {} {left}", tr(s, "dni na sporządzenie:", "days left to draft:"))
                } else {
                    format!(" · {} {}", tr(s, "po terminie 30 dni o", "past the 30 days by"), -left)
                }
            }
            _ => String::new(),
        };
        let state = match (v.state, self.plan.ended_on) {
            (_, Some(on)) => format!("{} {on}", tr(s, "zakończony", "ended")),
            (ipus::VersionState::Approved, None) => {
                ipus::Standing::of(v.state, v.content.period_end, None, cx.today).label().to_string()
            }
            _ => v.state.code().to_string(),
        };
        let title =
            format!("{} v{} {state} · {}{countdown}", self.plan.number, v.version, safe(&self.plan.resident_name));
        let (save_text, save_style) = match (&self.plan.holder, &self.save) {
            (Some(holder), _) => (holder.clone(), cx.theme.error()),
            (None, _) if !self.editable() => (tr(s, "tylko do odczytu", "read only").to_string(), cx.theme.dim()),
            (None, SaveState::Pending) => (tr(s, "zapisywanie…", "saving…").to_string(), cx.theme.dim()),
            (None, SaveState::Saved { revision, at }) => (
                match at {
                    Some(at) => format!(
                        "{} {} ({} {revision})",
                        tr(s, "zapisano", "saved"),
                        plans::local_time(at),
                        tr(s, "zmiana", "revision")
                    ),
                    None => format!("{} {revision}", tr(s, "zmiana", "revision")),
                },
                cx.theme.ok(),
            ),
            (None, SaveState::Refused(message)) => (message.clone(), cx.theme.error()),
        };
        let width = area.width as usize;
        let lines = vec![
            Line::styled(fit(cx.theme, &title, width), cx.theme.title()),
            Line::styled(fit(cx.theme, &save_text, width), save_style),
        ];
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// `switched`: the panes take turns on a narrow screen, so the title says how to reach the other.
    fn draw_left(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>, switched: bool) {
        let s = cx.strings;
        let focused = matches!(self.focus, Focus::Field(_)) && self.overlay.is_none();
        let title = if switched {
            tr(s, "Mieszkaniec i potrzeby [Tab: dalej, do pozycji]", "Resident and needs [Tab: on to the lines]")
        } else {
            tr(s, "Mieszkaniec i potrzeby", "Resident and needs")
        };
        let outer = block(cx.theme, title, focused);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let width = inner.width as usize;
        let mut lines = Vec::new();
        if let Some(on) = self.plan.assessed_on {
            lines.push(Line::styled(
                fit(
                    cx.theme,
                    &format!("{} {on}: {}", tr(s, "Diagnoza", "Assessment"), safe(&self.plan.problems)),
                    width,
                ),
                cx.theme.dim(),
            ));
        }
        for text in self.monitoring_lines(s) {
            lines.push(Line::styled(fit(cx.theme, &text, width), cx.theme.dim()));
        }
        if let Some(comment) = &self.plan.returned_comment {
            lines.push(Line::styled(
                fit(cx.theme, &format!("{}: {}", tr(s, "Zwrócono", "Returned"), safe(comment)), width),
                cx.theme.error(),
            ));
        }
        let mut cursor_at = None;
        for (i, (pl, en)) in FIELDS.iter().enumerate() {
            let is_focused = focused && self.focus == Focus::Field(i);
            let marker = if is_focused { cx.theme.pointer() } else { " " };
            let label = format!("{marker}{}: ", tr(s, pl, en));
            let label_width = label.chars().count();
            let value = safe(&self.values[i]);
            let room = width.saturating_sub(label_width).max(1);
            let shown: String = if is_focused {
                let skip = (self.cursor + 1).saturating_sub(room);
                value.chars().skip(skip).take(room).collect()
            } else {
                fit(cx.theme, &value, room)
            };
            if is_focused {
                let skip = (self.cursor + 1).saturating_sub(room);
                cursor_at = Some((label_width + self.cursor - skip, lines.len()));
            }
            let style = if is_focused { cx.theme.selected() } else { Style::new() };
            lines.push(Line::from(vec![Span::styled(label, cx.theme.label()), Span::styled(shown, style)]));
        }
        lines.push(Line::raw(""));
        for f in self
            .findings
            .iter()
            // Line problems are shown beside their lines on the right.
            .filter(|f| !f.field.starts_with("pozycja"))
        {
            let style = if f.severity == Severity::Error { cx.theme.error() } else { cx.theme.dim() };
            lines.push(Line::styled(format!("! {}: {}", f.field, f.message), style));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        if let Some((x, y)) = cursor_at
            && self.typing()
        {
            let x = inner.x + (x as u16).min(inner.width.saturating_sub(1));
            frame.set_cursor_position(Position::new(x, inner.y + y as u16));
        }
    }

    /// The monitoring of an approved or ended plan, one line each.
    fn monitoring_lines(&self, s: &crate::tui::strings::Strings) -> Vec<String> {
        let m = &self.plan.monitoring;
        let mut out = Vec::new();
        if m.contacts > 0 || m.contact_due.is_some() {
            let mut text = format!("{} {}", tr(s, "Kontakty monitorujące:", "Monitoring contacts:"), m.contacts);
            if let Some(last) = m.last_contact {
                text.push_str(&format!(" ({} {last})", tr(s, "ostatni", "last")));
            }
            if let Some(due) = m.contact_due {
                text.push_str(&format!(", {} {due}", tr(s, "następny do", "next by")));
            }
            out.push(text);
        }
        match (m.follow_up_on, m.follow_up_due) {
            (Some(on), _) => {
                out.push(format!("{} {on}", tr(s, "Monitoring po zakończeniu:", "Follow-up after the end:")))
            }
            (None, Some(due)) => {
                out.push(format!("{} {due}", tr(s, "Monitoring po zakończeniu do", "Follow-up after the end by")))
            }
            (None, None) => {}
        }
        out
    }

    fn draw_right(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>, switched: bool) {
        let s = cx.strings;
        let focused = self.focus == Focus::Lines && self.overlay.is_none();
        let title = if switched {
            tr(s, "Pozycje planu [Tab: potrzeby]", "Plan lines [Tab: needs]")
        } else {
            tr(s, "Pozycje planu i pule", "Plan lines and pools")
        };
        let outer = block(cx.theme, title, focused);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let width = inner.width as usize;
        let mut lines = Vec::new();
        for (i, line) in self.content.lines.iter().enumerate() {
            let pointer = if focused && i == self.selected_line { cx.theme.pointer() } else { " " };
            let style = if focused && i == self.selected_line { cx.theme.selected() } else { Style::new() };
            let head = format!("{pointer}{}. {} — {}", i + 1, safe(&line.service_name), line.amount_label());
            lines.push(Line::styled(fit(cx.theme, &head, width), style));
            let span = match line.resigned_on {
                Some(on) => {
                    format!("   {} – {} {} {on}", line.starts_on, line.ends_on, tr(s, "rezygnacja od", "resigned from"))
                }
                None => format!("   {} – {}", line.starts_on, line.ends_on),
            };
            let (pool, pool_style) = match self.effects.get(i).cloned().flatten() {
                _ if !self.effects_fresh => {
                    (tr(s, "pula: sprawdzanie…", "pool: checking…").to_string(), cx.theme.dim())
                }
                None => (tr(s, "bez limitu", "not rationed").to_string(), cx.theme.dim()),
                Some(e) if e.fits() => (
                    format!(
                        "{} {}: {} → {}",
                        tr(s, "pula", "pool"),
                        e.period_label,
                        e.remaining_before,
                        e.remaining_after
                    ),
                    cx.theme.ok(),
                ),
                Some(e) => (
                    format!(
                        "{} {}: {} → {} {}",
                        tr(s, "pula", "pool"),
                        e.period_label,
                        e.remaining_before,
                        e.remaining_after,
                        tr(s, "BRAK MIEJSC", "DOES NOT FIT")
                    ),
                    cx.theme.error(),
                ),
            };
            lines.push(Line::from(vec![Span::raw(span), Span::raw("  "), Span::styled(pool, pool_style)]));
            for f in self.findings.iter().filter(|f| f.field == format!("pozycja {}", i + 1)) {
                lines.push(Line::styled(fit(cx.theme, &format!("   ! {}", f.message), width), cx.theme.error()));
            }
        }
        let add_selected = focused && self.selected_line == self.content.lines.len();
        let pointer = if add_selected { cx.theme.pointer() } else { " " };
        lines.push(Line::styled(
            format!("{pointer}+ {}", tr(s, "dodaj usługę z bazy (Enter)", "add a service from the base (Enter)")),
            if add_selected { cx.theme.selected() } else { cx.theme.dim() },
        ));
        lines.push(Line::raw(""));
        lines.push(Line::styled(tr(s, "Działania wspierające", "Supporting actions"), cx.theme.label()));
        let first_action = self.content.lines.len() + 1;
        for (j, a) in self.content.actions.iter().enumerate() {
            let selected = focused && self.selected_line == first_action + j;
            let pointer = if selected { cx.theme.pointer() } else { " " };
            let style = if selected { cx.theme.selected() } else { Style::new() };
            let text = format!("{pointer}* {} — {}", safe(&a.what), safe(&a.who));
            lines.push(Line::styled(fit(cx.theme, &text, width), style));
        }
        let add_selected = focused && self.selected_line == self.last_row();
        let pointer = if add_selected { cx.theme.pointer() } else { " " };
        lines.push(Line::styled(
            format!("{pointer}+ {}", tr(s, "dodaj działanie wspierające (Enter)", "add a supporting action (Enter)")),
            if add_selected { cx.theme.selected() } else { cx.theme.dim() },
        ));
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn draw_overlay(&self, overlay: &Overlay, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let s = cx.strings;
        match overlay {
            Overlay::Action { form, .. } => {
                let hint = hint_line(cx.theme, s, cx.keymap, self.contexts(), self.hints(), true);
                form.draw(frame, area, cx.theme, s, hint);
            }
            Overlay::Picker { selected } => {
                let rect = centered(area, 76, area.height.saturating_sub(2).max(5));
                frame.render_widget(Clear, rect);
                let outer = block(cx.theme, tr(s, "Baza usług: wybierz usługę", "Service base: pick a service"), true);
                let inner = outer.inner(rect);
                frame.render_widget(outer, rect);
                let height = inner.height as usize;
                let first = selected.saturating_sub(height.saturating_sub(1));
                let width = inner.width as usize;
                let lines: Vec<Line> = self
                    .plan
                    .services
                    .iter()
                    .enumerate()
                    .skip(first)
                    .take(height)
                    .map(|(i, svc)| {
                        let left = match (svc.suspended, svc.remaining) {
                            (true, _) => tr(s, "zawieszona", "suspended").to_string(),
                            (false, Some(r)) => format!(
                                "{} {r} {}{}",
                                tr(s, "zostało", "left"),
                                safe(&svc.unit),
                                svc.period.as_ref().map(|p| format!(" ({p})")).unwrap_or_default()
                            ),
                            (false, None) => tr(s, "bez limitu", "not rationed").to_string(),
                        };
                        let pointer = if i == *selected { cx.theme.pointer() } else { " " };
                        let text = format!("{pointer}{:<10} {}", safe(&svc.code), safe(&svc.name));
                        let room = width.saturating_sub(left.chars().count() + 1);
                        let style = if i == *selected { cx.theme.selected() } else { Style::new() };
                        Line::from(vec![
                            Span::styled(format!("{:<room$}", fit(cx.theme, &text, room)), style),
                            Span::raw(" "),
                            Span::styled(left, cx.theme.dim()),
                        ])
                    })
                    .collect();
                frame.render_widget(Paragraph::new(lines), inner);
            }
            Overlay::Line { service, values, field, error, .. } => {
                let rect = centered(area, 72, LINE_FIELDS.len() as u16 + 4);
                frame.render_widget(Clear, rect);
                let title = format!("{} {}", tr(s, "Pozycja:", "Line:"), safe(&service.name));
                let outer = block(cx.theme, &title, true);
                let inner = outer.inner(rect);
                frame.render_widget(outer, rect);
                let label_width =
                    LINE_FIELDS.iter().map(|(pl, en)| tr(s, pl, en).chars().count()).max().unwrap_or(0) + 2;
                let room = (inner.width as usize).saturating_sub(label_width + 1);
                let mut lines = Vec::new();
                for (i, (pl, en)) in LINE_FIELDS.iter().enumerate() {
                    let marker = if i == *field { cx.theme.pointer() } else { " " };
                    let value = safe(&values[i]);
                    let skip = (value.chars().count() + 1).saturating_sub(room);
                    let shown: String = value.chars().skip(skip).collect();
                    let style = if i == *field { cx.theme.selected() } else { cx.theme.dim() };
                    lines.push(Line::from(vec![
                        Span::styled(format!("{marker}{:<w$}", tr(s, pl, en), w = label_width - 1), cx.theme.label()),
                        Span::raw(" "),
                        Span::styled(format!("{shown:<room$}"), style),
                    ]));
                }
                lines.push(Line::raw(""));
                if let Some(e) = error {
                    lines.push(Line::styled(format!("! {e}"), cx.theme.error()));
                }
                frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
                let shown = values[*field].chars().count().min(room.saturating_sub(1));
                frame.set_cursor_position(Position::new(
                    inner.x + (label_width + 1 + shown) as u16,
                    inner.y + *field as u16,
                ));
            }
        }
    }
}

/// A date typed in full (`2026-05-31`); `2026-05-3` is still being typed, not the 3rd of May.
fn full_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    (v.len() == 10).then(|| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()).flatten()
}

fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// A line from the line form; the error names the field (its index and message).
fn parse_line(service: &PickService, v: &[String]) -> Result<LineContent, (usize, String)> {
    let field = |i: usize, reason: &str| (i, format!("{}: {reason}", LINE_FIELDS[i].0));
    let number = |i: usize| -> Result<u32, (usize, String)> {
        v[i].trim().parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| field(i, "liczba większa od zera"))
    };
    let per = |i: usize| ipus::parse_per(&v[i]).ok_or_else(|| field(i, "tydzień, miesiąc, rok albo plan"));
    let date = |i: usize| full_date(&v[i]).ok_or_else(|| field(i, "data w postaci RRRR-MM-DD"));
    let amount = Amount { units: number(0)?, per: per(1)? };
    let cap = if v[2].trim().is_empty() { None } else { Some(Amount { units: number(2)?, per: per(3)? }) };
    let (starts_on, ends_on) = (date(4)?, date(5)?);
    if ends_on < starts_on {
        return Err(field(5, "koniec przed początkiem"));
    }
    for (i, value) in v.iter().enumerate().skip(6) {
        crate::domain::text::check_text(value, ipus::LINE_TEXT_MAX, false).map_err(|p| field(i, &p.to_string()))?;
    }
    Ok(LineContent {
        service_id: service.id,
        service_code: service.code.clone(),
        service_name: service.name.clone(),
        provider_id: None,
        provider_name: String::new(),
        amount,
        cap,
        starts_on,
        ends_on,
        schedule: v[6].trim().to_string(),
        place_form: v[7].trim().to_string(),
        scope: v[8].trim().to_string(),
        resigned_on: None,
    })
}
