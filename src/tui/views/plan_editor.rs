//! The plan editor in split panes: on the left the resident, the needs and the plan's period and
//! texts; on the right the plan lines with each line's effect on its pool, and the service base
//! as a picker. Below 100 columns the panes switch instead of standing side by side.
//!
//! Drafts save themselves: every change goes to the autosave thread, which writes at most
//! [`AUTOSAVE_AFTER`] after the first unsaved change, off the input path. A kill loses at most
//! that much typing; a save that would overwrite someone else's newer work is refused and the
//! typed content stays on screen.

use crate::domain::ipus::{self, ActionContent, CheckContext, Finding, LineContent, PlanContent, Severity, Stage};
use crate::domain::plan::{Amount, drafting_days_left};
use crate::domain::text::check_text;
use crate::i18n::desk::{Strings, Text};
use crate::storage::plans::{self, LineEffect};
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, DrawCtx};
use crate::tui::keymap::Context;
use crate::tui::msg::{Autosave, Effect, OpenedPlan, PickService, PlanMsg};
use crate::tui::widgets::form::{Field, Form, FormEvent};
use crate::tui::widgets::list::{Selection, width as width_of};
use crate::tui::widgets::popup::hint_line;
use crate::tui::widgets::text::{self, Edit};
use crate::tui::widgets::{block, cell, centered, fit, safe};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// From this width the two panes stand side by side.
const SIDE_BY_SIDE_WIDTH: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Field(usize),
    Lines,
}

/// The left pane's fields, in order.
const FIELDS: [Text; 5] =
    [Text::PlanPeriodStart, Text::PlanPeriodEnd, Text::PlanNeeds, Text::PlanExpectedEffects, Text::PlanQualityCheck];

/// The fields of a line, in order.
const LINE_FIELDS: [Text; 9] = [
    Text::LineAmount,
    Text::LinePer,
    Text::LineCap,
    Text::LineCapPer,
    Text::LineFrom,
    Text::LineTo,
    Text::LineSchedule,
    Text::LinePlaceForm,
    Text::LineScope,
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Overlay {
    Picker {
        list: Selection,
    },
    Line {
        index: Option<usize>,
        service: PickService,
        values: Vec<String>,
        field: usize,
        /// The cursor in the focused field, in characters.
        cursor: usize,
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
    selected_line: Selection,
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
            selected_line: Selection::default(),
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
            cx.status(cx.strings.get(Text::ThisVersionCannotBeSubmitted));
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
            (Focus::Field(i), Action::Type(_) | Action::DeleteBack) if self.editable() => {
                if text::edit(&mut self.values[i], &mut self.cursor, action) == Edit::Changed {
                    self.apply_fields();
                    self.changed(cx);
                }
            }
            (Focus::Field(i), Action::MoveLeft | Action::MoveRight | Action::LineStart | Action::LineEnd) => {
                text::edit(&mut self.values[i], &mut self.cursor, action);
            }
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
            (
                Focus::Lines,
                Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First | Action::Last,
            ) => {
                self.selected_line.handle(action, self.last_row() + 1);
            }
            (Focus::Lines, Action::Open) if self.editable() => {
                self.overlay = match self.row() {
                    Row::Action(j) => {
                        Some(Overlay::Action { index: Some(j), form: action_form(self.content.actions.get(j)) })
                    }
                    Row::AddAction => Some(Overlay::Action { index: None, form: action_form(None) }),
                    Row::AddLine => Some(Overlay::Picker { list: Selection::default() }),
                    Row::Line(_) => {
                        let Some(line) = self.content.lines.get(self.selected_line.at()) else { return true };
                        let values = line_values(line);
                        Some(Overlay::Line {
                            index: Some(self.selected_line.at()),
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
                            cursor: values[0].chars().count(),
                            values,
                            field: 0,
                            error: None,
                        })
                    }
                };
            }
            (Focus::Lines, Action::RemoveLine) if self.editable() && matches!(self.row(), Row::Action(_)) => {
                if let Row::Action(j) = self.row() {
                    self.content.actions.remove(j);
                    self.selected_line.clamp(self.last_row() + 1);
                    self.changed(cx);
                }
            }
            (Focus::Lines, Action::RemoveLine)
                if self.editable() && self.selected_line.at() < self.content.lines.len() =>
            {
                self.content.lines.remove(self.selected_line.at());
                self.effects_fresh = false;
                self.selected_line.clamp(self.last_row() + 1);
                self.changed(cx);
            }
            (Focus::Lines, Action::Open | Action::RemoveLine) if !self.editable() => {
                cx.status(cx.strings.get(Text::ThisVersionCannotBeChanged))
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
        match self.selected_line.at() {
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
            Overlay::Picker { list } => match action {
                Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                    list.handle(action, services);
                }
                Action::Confirm => {
                    let Some(service) = self.plan.services.get(list.at()).cloned() else { return };
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
                    let values = line_values(&fresh);
                    self.overlay = Some(Overlay::Line {
                        index: None,
                        service,
                        cursor: values[0].chars().count(),
                        values,
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
                                self.selected_line.select(self.last_row() - 1, self.last_row() + 1);
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
            Overlay::Line { index, service, values, field, cursor, error } => match action {
                Action::Type(_)
                | Action::DeleteBack
                | Action::MoveLeft
                | Action::MoveRight
                | Action::LineStart
                | Action::LineEnd => {
                    text::edit(&mut values[*field], cursor, action);
                }
                Action::NextField | Action::PrevField => {
                    let n = LINE_FIELDS.len();
                    *field = if action == Action::NextField { (*field + 1) % n } else { (*field + n - 1) % n };
                    *cursor = values[*field].chars().count();
                }
                Action::Cancel | Action::Back => self.overlay = None,
                Action::Confirm => match parse_line(&cx.strings, service, values).map(|mut line| {
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
                                self.selected_line.select(self.content.lines.len() - 1, self.last_row() + 1);
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
                cx.status(cx.strings.get(Text::SubmittedForApproval));
            }
            PlanMsg::Returned { version_id } if *version_id == self.plan.version.id => {
                self.plan.version.state = crate::domain::ipus::VersionState::Returned;
                cx.status(cx.strings.get(Text::ReturnedForCorrections));
            }
            PlanMsg::Approved { version_id } if *version_id == self.plan.version.id => {
                self.plan.version.state = crate::domain::ipus::VersionState::Approved;
                cx.status(cx.strings.get(Text::PlanApproved));
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
                    format!(" · {} {left}", s.get(Text::DaysLeftToDraft))
                } else {
                    format!(" · {} {}", s.get(Text::PastThe30DaysBy), -left)
                }
            }
            _ => String::new(),
        };
        let state = match (v.state, self.plan.ended_on) {
            (_, Some(on)) => format!("{} {on}", s.get(Text::Ended2)),
            (ipus::VersionState::Approved, None) => {
                ipus::Standing::of(v.state, v.content.period_end, None, cx.today).label().to_string()
            }
            _ => v.state.code().to_string(),
        };
        let title =
            format!("{} v{} {state} · {}{countdown}", self.plan.number, v.version, safe(&self.plan.resident_name));
        let (save_text, save_style) = match (&self.plan.holder, &self.save) {
            (Some(holder), _) => (holder.clone(), cx.theme.error()),
            (None, _) if !self.editable() => (s.get(Text::ReadOnly).to_string(), cx.theme.dim()),
            (None, SaveState::Pending) => (s.get(Text::Saving).to_string(), cx.theme.dim()),
            (None, SaveState::Saved { revision, at }) => (
                match at {
                    Some(at) => format!(
                        "{} {} ({} {revision})",
                        s.get(Text::Saved),
                        plans::local_time(at),
                        s.get(Text::Revision)
                    ),
                    None => format!("{} {revision}", s.get(Text::Revision)),
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
        let title = if switched { s.get(Text::ResidentAndNeedsTabOn) } else { s.get(Text::ResidentAndNeeds) };
        let outer = block(cx.theme, title, focused);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let width = inner.width as usize;
        let mut lines = Vec::new();
        if let Some(on) = self.plan.assessed_on {
            lines.push(Line::styled(
                fit(cx.theme, &format!("{} {on}: {}", s.get(Text::Assessment), safe(&self.plan.problems)), width),
                cx.theme.dim(),
            ));
        }
        for text in self.monitoring_lines(s) {
            lines.push(Line::styled(fit(cx.theme, &text, width), cx.theme.dim()));
        }
        if let Some(comment) = &self.plan.returned_comment {
            lines.push(Line::styled(
                fit(cx.theme, &format!("{}: {}", s.get(Text::Returned), safe(comment)), width),
                cx.theme.error(),
            ));
        }
        let mut cursor_at = None;
        for (i, label) in FIELDS.iter().enumerate() {
            let is_focused = focused && self.focus == Focus::Field(i);
            let marker = if is_focused { cx.theme.pointer() } else { " " };
            let label = format!("{marker}{}: ", s.get(*label));
            let label_width = label.chars().count();
            let value = safe(&self.values[i]);
            let room = width.saturating_sub(label_width).max(1);
            let shown = if is_focused {
                let (shown, column) = text::visible(&value, self.cursor, room);
                cursor_at = Some((label_width + column, lines.len()));
                shown
            } else {
                fit(cx.theme, &value, room)
            };
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
    fn monitoring_lines(&self, s: &crate::i18n::desk::Strings) -> Vec<String> {
        let m = &self.plan.monitoring;
        let mut out = Vec::new();
        if m.contacts > 0 || m.contact_due.is_some() {
            let mut text = format!("{} {}", s.get(Text::MonitoringContacts), m.contacts);
            if let Some(last) = m.last_contact {
                text.push_str(&format!(" ({} {last})", s.get(Text::Last)));
            }
            if let Some(due) = m.contact_due {
                text.push_str(&format!(", {} {due}", s.get(Text::NextBy)));
            }
            out.push(text);
        }
        match (m.follow_up_on, m.follow_up_due) {
            (Some(on), _) => out.push(format!("{} {on}", s.get(Text::FollowUpAfterTheEnd))),
            (None, Some(due)) => out.push(format!("{} {due}", s.get(Text::FollowUpAfterTheEnd2))),
            (None, None) => {}
        }
        out
    }

    fn draw_right(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>, switched: bool) {
        let s = cx.strings;
        let focused = self.focus == Focus::Lines && self.overlay.is_none();
        let title = if switched { s.get(Text::PlanLinesTabNeeds) } else { s.get(Text::PlanLinesAndPools) };
        let outer = block(cx.theme, title, focused);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let width = inner.width as usize;
        let mut lines = Vec::new();
        // The screen line of the selected row, so that the pane scrolls to keep it in view.
        let mut selected_at = 0;
        for (i, line) in self.content.lines.iter().enumerate() {
            if i == self.selected_line.at() {
                selected_at = lines.len();
            }
            let pointer = if focused && i == self.selected_line.at() { cx.theme.pointer() } else { " " };
            let style = if focused && i == self.selected_line.at() { cx.theme.selected() } else { Style::new() };
            let head = format!("{pointer}{}. {} — {}", i + 1, safe(&line.service_name), line.amount_label());
            lines.push(Line::styled(fit(cx.theme, &head, width), style));
            let span = match line.resigned_on {
                Some(on) => {
                    format!("   {} – {} {} {on}", line.starts_on, line.ends_on, s.get(Text::ResignedFrom))
                }
                None => format!("   {} – {}", line.starts_on, line.ends_on),
            };
            let (pool, pool_style) = match self.effects.get(i).cloned().flatten() {
                _ if !self.effects_fresh => (s.get(Text::PoolChecking).to_string(), cx.theme.dim()),
                None => (s.get(Text::NotRationed).to_string(), cx.theme.dim()),
                Some(e) if e.fits() => (
                    format!("{} {}: {} → {}", s.get(Text::Pool), e.period_label, e.remaining_before, e.remaining_after),
                    cx.theme.ok(),
                ),
                Some(e) => (
                    format!(
                        "{} {}: {} → {} {}",
                        s.get(Text::Pool),
                        e.period_label,
                        e.remaining_before,
                        e.remaining_after,
                        s.get(Text::DOESNOTFIT)
                    ),
                    cx.theme.error(),
                ),
            };
            lines.push(Line::from(vec![Span::raw(span), Span::raw("  "), Span::styled(pool, pool_style)]));
            for f in self.findings.iter().filter(|f| f.field == format!("pozycja {}", i + 1)) {
                lines.push(Line::styled(fit(cx.theme, &format!("   ! {}", f.message), width), cx.theme.error()));
            }
        }
        let add_selected = focused && self.selected_line.at() == self.content.lines.len();
        if self.selected_line.at() == self.content.lines.len() {
            selected_at = lines.len();
        }
        let pointer = if add_selected { cx.theme.pointer() } else { " " };
        lines.push(Line::styled(
            format!("{pointer}+ {}", s.get(Text::AddAServiceFromThe)),
            if add_selected { cx.theme.selected() } else { cx.theme.dim() },
        ));
        lines.push(Line::raw(""));
        lines.push(Line::styled(s.get(Text::SupportingActions), cx.theme.label()));
        let first_action = self.content.lines.len() + 1;
        for (j, a) in self.content.actions.iter().enumerate() {
            if self.selected_line.at() == first_action + j {
                selected_at = lines.len();
            }
            let selected = focused && self.selected_line.at() == first_action + j;
            let pointer = if selected { cx.theme.pointer() } else { " " };
            let style = if selected { cx.theme.selected() } else { Style::new() };
            let text = format!("{pointer}* {} — {}", safe(&a.what), safe(&a.who));
            lines.push(Line::styled(fit(cx.theme, &text, width), style));
        }
        let add_selected = focused && self.selected_line.at() == self.last_row();
        if self.selected_line.at() == self.last_row() {
            selected_at = lines.len();
        }
        let pointer = if add_selected { cx.theme.pointer() } else { " " };
        lines.push(Line::styled(
            format!("{pointer}+ {}", s.get(Text::AddASupportingActionEnter)),
            if add_selected { cx.theme.selected() } else { cx.theme.dim() },
        ));
        let top = self.selected_line.first_line(selected_at, inner.height as usize);
        frame.render_widget(Paragraph::new(lines).scroll((top as u16, 0)), inner);
    }

    fn draw_overlay(&self, overlay: &Overlay, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let s = cx.strings;
        match overlay {
            Overlay::Action { form, .. } => {
                let hint = hint_line(cx.theme, s, cx.keymap, self.contexts(), self.hints(), true);
                form.draw(frame, area, cx.theme, s, hint);
            }
            Overlay::Picker { list } => {
                let rect = centered(area, 76, area.height.saturating_sub(2).max(5));
                frame.render_widget(Clear, rect);
                let outer = block(cx.theme, s.get(Text::ServiceBasePickAService), true);
                let inner = outer.inner(rect);
                frame.render_widget(outer, rect);
                let width = inner.width as usize;
                let lines: Vec<Line> = list
                    .window(&self.plan.services, inner.height as usize)
                    .map(|(i, svc)| {
                        let left = match (svc.suspended, svc.remaining) {
                            (true, _) => s.get(Text::Suspended).to_string(),
                            (false, Some(r)) => format!(
                                "{} {r} {}{}",
                                s.get(Text::Left),
                                safe(&svc.unit),
                                svc.period.as_ref().map(|p| format!(" ({p})")).unwrap_or_default()
                            ),
                            (false, None) => s.get(Text::NotRationed).to_string(),
                        };
                        let is_selected = i == list.at();
                        let pointer = if is_selected { cx.theme.pointer() } else { " " };
                        let text = format!("{pointer}{} {}", cell(cx.theme, &safe(&svc.code), 10), safe(&svc.name));
                        let room = width.saturating_sub(width_of(&left) + 1);
                        let style = if is_selected { cx.theme.selected() } else { Style::new() };
                        Line::from(vec![
                            Span::styled(cell(cx.theme, &text, room), style),
                            Span::raw(" "),
                            Span::styled(left, cx.theme.dim()),
                        ])
                    })
                    .collect();
                frame.render_widget(Paragraph::new(lines), inner);
            }
            Overlay::Line { service, values, field, cursor, error, .. } => {
                let rect = centered(area, 72, LINE_FIELDS.len() as u16 + 4);
                frame.render_widget(Clear, rect);
                let title = format!("{} {}", s.get(Text::Line), safe(&service.name));
                let outer = block(cx.theme, &title, true);
                let inner = outer.inner(rect);
                frame.render_widget(outer, rect);
                let label_width = LINE_FIELDS.iter().map(|label| s.get(*label).chars().count()).max().unwrap_or(0) + 2;
                let room = (inner.width as usize).saturating_sub(label_width + 1);
                let mut lines = Vec::new();
                for (i, label) in LINE_FIELDS.iter().enumerate() {
                    let marker = if i == *field { cx.theme.pointer() } else { " " };
                    let value = safe(&values[i]);
                    let at = if i == *field { *cursor } else { value.chars().count() };
                    let (shown, _) = text::visible(&value, at, room);
                    let style = if i == *field { cx.theme.selected() } else { cx.theme.dim() };
                    lines.push(Line::from(vec![
                        Span::styled(format!("{marker}{:<w$}", s.get(*label), w = label_width - 1), cx.theme.label()),
                        Span::raw(" "),
                        Span::styled(format!("{shown:<room$}"), style),
                    ]));
                }
                lines.push(Line::raw(""));
                if let Some(e) = error {
                    lines.push(Line::styled(format!("! {e}"), cx.theme.error()));
                }
                frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
                let (_, column) = text::visible(&values[*field], *cursor, room);
                frame.set_cursor_position(Position::new(
                    inner.x + (label_width + 1 + column) as u16,
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

/// A line from the line form; the error names the field (its index and message).
fn parse_line(s: &Strings, service: &PickService, v: &[String]) -> Result<LineContent, (usize, String)> {
    let field = |i: usize, reason: &str| (i, format!("{}: {reason}", s.get(LINE_FIELDS[i])));
    let number = |i: usize| -> Result<u32, (usize, String)> {
        v[i].trim().parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| field(i, s.get(Text::LineNeedsPositive)))
    };
    let per = |i: usize| ipus::parse_per(&v[i]).ok_or_else(|| field(i, s.get(Text::LineNeedsPer)));
    let date = |i: usize| full_date(&v[i]).ok_or_else(|| field(i, s.get(Text::LineNeedsDate)));
    let amount = Amount { units: number(0)?, per: per(1)? };
    let cap = if v[2].trim().is_empty() { None } else { Some(Amount { units: number(2)?, per: per(3)? }) };
    let (starts_on, ends_on) = (date(4)?, date(5)?);
    if ends_on < starts_on {
        return Err(field(5, s.get(Text::LineEndsBeforeStart)));
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
