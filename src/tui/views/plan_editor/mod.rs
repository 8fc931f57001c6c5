//! The plan editor in split panes: on the left the resident, the needs and the plan's period and
//! texts; on the right the plan lines with each line's effect on its pool, and the service base
//! as a picker. Below 100 columns the panes switch instead of standing side by side.
//!
//! Drafts save themselves: every change is sent to the autosave thread (`tui::autosave`), off
//! the input path; a save that would overwrite someone else's newer work is refused and the
//! conflict view (`merge`) sets the typed content beside the newer one, part by part.
//!
//! The editor's state and keys are here; `panes` draws the two panes, `lines` holds the
//! plan lines and supporting actions with their forms and the service picker, `lifecycle`
//! follows the version through saving, submitting, approval and return.

mod lifecycle;
mod lines;
mod merge;
mod panes;

use super::{standing_text, state_text};
use crate::domain::ipus::{self, Finding, PlanContent};
use crate::domain::plan::drafting_days_left;
use crate::i18n::desk::Text;
use crate::storage::plans::{self, LineEffect};
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, DrawCtx};
use crate::tui::keymap::Context;
use crate::tui::msg::{OpenedPlan, PickProvider, PickService};
use crate::tui::widgets::list::Selection;
use crate::tui::widgets::text::{self, Edit};
use crate::tui::widgets::{fit, safe};
use chrono::NaiveDate;
use lines::{Overlay, Row, action_form, line_values};
use panes::{FIELDS, field_values};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// From this width the two panes stand side by side.
const SIDE_BY_SIDE_WIDTH: u16 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Field(usize),
    Lines,
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
    /// Each line's service with the resident's fee, recomputed with the effects.
    fees: Vec<crate::export::plan::LineService>,
    /// False from a change of the lines until the save that recomputes the effects and fees.
    effects_fresh: bool,
    findings: Vec<Finding>,
    today: NaiveDate,
    /// The person may approve or return plans: a submitted version hints at F7 and F8.
    approver: bool,
    /// A save met newer work: both are kept until the person merges them.
    conflict: Option<merge::Conflict>,
}

impl PlanEditor {
    /// The editor as seen by someone who may approve plans.
    pub fn for_approver(mut self, approver: bool) -> PlanEditor {
        self.approver = approver;
        self
    }

    pub fn new(plan: OpenedPlan, today: NaiveDate) -> PlanEditor {
        let content = plan.version.content.clone();
        let values = field_values(&content);
        let cursor = values[2].chars().count();
        let mut editor = PlanEditor {
            effects: plan.effects.clone(),
            fees: plan.fees.clone(),
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
            approver: false,
            conflict: None,
        };
        editor.recheck();
        editor
    }

    pub fn contexts(&self) -> &'static [Context] {
        if self.conflict.as_ref().is_some_and(|c| c.open) {
            return &[Context::Popup];
        }
        match (&self.overlay, self.focus) {
            (Some(Overlay::Picker { .. }), _) => &[Context::Search, Context::Popup],
            (Some(Overlay::Line { .. } | Overlay::Action { .. }), _) => &[Context::Form],
            (None, Focus::Field(_)) if self.editable() => &[Context::Form],
            _ => &[Context::Plan, Context::List],
        }
    }

    pub fn typing(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Line { .. } | Overlay::Action { .. } | Overlay::Picker { .. }))
            || (self.overlay.is_none() && matches!(self.focus, Focus::Field(_)) && self.editable())
    }

    pub fn hints(&self) -> &'static [Action] {
        match &self.conflict {
            Some(c) if c.open => return &[Action::Confirm, Action::Cancel],
            Some(_) => return &[Action::Open, Action::Back],
            None => {}
        }
        match (&self.overlay, self.focus) {
            (Some(Overlay::Picker { .. }), _) => &[Action::Open, Action::Cancel],
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
            _ if self.approver && self.plan.version.state == crate::domain::ipus::VersionState::Submitted => {
                &[Action::ApprovePlan, Action::ReturnPlan, Action::NextPane, Action::PrintPlan, Action::Back]
            }
            _ if !self.editable() => &[Action::NextPane, Action::Open, Action::PrintPlan, Action::Back],
            (None, Focus::Field(_)) => &[Action::NextField, Action::SubmitPlan, Action::Cancel],
            (None, Focus::Lines) => &[Action::Open, Action::SubmitPlan, Action::PrintPlan, Action::Back],
        }
    }

    pub fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        if let Some(conflict) = &mut self.conflict {
            match action {
                _ if !conflict.open => match action {
                    Action::Open | Action::Confirm => conflict.open = true,
                    Action::Back | Action::Cancel => {
                        let question = self.question(cx.strings, &crate::i18n::desk::Effect::DiscardTyped);
                        cx.confirm(question, crate::tui::widgets::popup::Confirmed::View(Action::Back));
                    }
                    _ => return false,
                },
                Action::Confirm => self.take_merge(cx),
                Action::Cancel | Action::Back => conflict.open = false,
                other => conflict.handle(other),
            }
            return true;
        }
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
                    Row::AddLine => Some(Overlay::Picker(crate::tui::widgets::catalogue::Picker::default())),
                    Row::Line(_) => {
                        let Some(line) = self.content.lines.get(self.selected_line.at()) else { return true };
                        let values = line_values(line);
                        let mut service =
                            self.plan.services.iter().find(|s| s.id == line.service_id).cloned().unwrap_or_else(|| {
                                PickService {
                                    id: line.service_id,
                                    code: line.service_code.clone(),
                                    name: line.service_name.clone(),
                                    unit: String::new(),
                                    ..PickService::default()
                                }
                            });
                        // The line's own provider stays offered even if the base no longer lists it.
                        if let Some(id) = line.provider_id
                            && !service.providers.iter().any(|p| p.id == id)
                        {
                            service.providers.push(PickProvider {
                                id,
                                name: line.provider_name.clone(),
                                left: Vec::new(),
                            });
                        }
                        Some(Overlay::Line {
                            index: Some(self.selected_line.at()),
                            service,
                            cursor: values[0].chars().count(),
                            values,
                            field: 0,
                            error: None,
                        })
                    }
                };
            }
            (Focus::Lines, Action::RemoveLine) if self.editable() => self.ask_remove(cx),
            (Focus::Lines, Action::JoinWaitlist) => self.ask_join_waitlist(cx),
            (Focus::Lines, Action::Open) if !self.editable() => match self.row() {
                Row::Line(i) => {
                    let message = self.line_detail(i, cx.strings);
                    cx.open(crate::tui::widgets::popup::Popup::Notice { title: Text::LineDetailTitle, message });
                }
                _ => cx.status(cx.strings.get(Text::CannotChange)),
            },
            (Focus::Lines, Action::RemoveLine) if !self.editable() => cx.status(cx.strings.get(Text::CannotChange)),
            _ => return false,
        }
        true
    }

    /// Everything about one plan line, as a read-only version shows it on Enter.
    fn line_detail(&self, i: usize, s: crate::i18n::desk::Strings) -> String {
        let Some(line) = self.content.lines.get(i) else { return String::new() };
        let or_dash = |v: &str| if v.trim().is_empty() { "—".to_string() } else { safe(v) };
        let mut rows = vec![
            format!("{}. {} ({})", i + 1, safe(&line.service_name), safe(&line.service_code)),
            format!("{}: {}", s.get(Text::LineAmount), line.amount_label()),
            format!("{} – {}: {} – {}", s.get(Text::LineFrom), s.get(Text::LineTo), line.starts_on, line.ends_on),
            format!("{}: {}", s.get(Text::LineSchedule), or_dash(&line.schedule)),
            format!("{}: {}", s.get(Text::LinePlaceForm), or_dash(&line.place_form)),
            format!("{}: {}", s.get(Text::LineScope), or_dash(&line.scope)),
            format!("{}: {}", s.get(Text::ColProvider), or_dash(&line.provider_name)),
        ];
        rows.push(match self.effects.get(i).cloned().flatten() {
            Some(e) => {
                let verdict = if e.fits() { "" } else { s.get(Text::PoolDoesNotFit) };
                format!(
                    "{} {}: {} → {} {verdict}",
                    s.get(Text::Pool),
                    e.period_label,
                    e.remaining_before,
                    e.remaining_after
                )
            }
            None => s.get(Text::NotRationed).to_string(),
        });
        if let Some(fee) = self.line_fee(i, s) {
            rows.push(fee);
        }
        if let Some(reason) = self.fees.get(i).and_then(|f| f.programme_fee.as_ref()).filter(|_| self.effects_fresh) {
            rows.push(reason.describe(s.lang));
        }
        if let Some(on) = line.resigned_on {
            rows.push(format!("{} {on}", s.get(Text::ResignedFrom)));
        }
        rows.join("\n")
    }

    /// The resident's fee per unit of line `i`, while the figures match the lines shown.
    fn line_fee(&self, i: usize, s: crate::i18n::desk::Strings) -> Option<String> {
        let service = self.fees.get(i).filter(|_| self.effects_fresh)?;
        Some(s.line_fee(service.per_unit_grosze(), &service.unit))
    }

    /// Asks before removing the selected plan line or supporting action, naming it.
    fn ask_remove(&mut self, cx: &mut Ctx<'_>) {
        let named = match self.row() {
            Row::Line(i) => self.content.lines.get(i).map(|l| (i + 1, safe(&l.service_name))),
            Row::Action(j) => self.content.actions.get(j).map(|a| (j + 1, safe(&a.what))),
            Row::AddLine | Row::AddAction => None,
        };
        let Some((position, service)) = named else { return };
        let question =
            self.question(cx.strings, &crate::i18n::desk::Effect::RemoveLine { position, service: &service });
        cx.confirm(question, crate::tui::widgets::popup::Confirmed::View(Action::RemoveLine));
    }

    /// Asks to put the plan's application on the waiting list of the selected line's service,
    /// for the line's amount, when the line does not fit its pool.
    fn ask_join_waitlist(&mut self, cx: &mut Ctx<'_>) {
        let Row::Line(i) = self.row() else { return };
        let Some(line) = self.content.lines.get(i) else { return };
        if self.effects.get(i).cloned().flatten().is_none_or(|e| e.fits()) {
            cx.status(cx.strings.get(Text::LineFitsNoWait));
            return;
        }
        let Some(application_id) = self.plan.application_id else {
            cx.status(cx.strings.get(Text::PlanWithoutApplication));
            return;
        };
        let units = i64::from(line.amount.units);
        let effect = cx.strings.effect(&crate::i18n::desk::Effect::JoinWaitlist { units });
        let question = format!("{} · {} · {effect}", self.subject(), safe(&line.service_name));
        let job = crate::tui::msg::Job::JoinWaitlist { application_id, service_id: line.service_id, units };
        cx.confirm(question, crate::tui::widgets::popup::Confirmed::Run(job));
    }

    /// Removes the selected plan line or supporting action (after the person confirmed).
    fn remove_selected(&mut self, cx: &mut Ctx<'_>) {
        if !self.editable() {
            return;
        }
        match self.row() {
            Row::Action(j) => {
                self.content.actions.remove(j);
            }
            Row::Line(_) if self.selected_line.at() < self.content.lines.len() => {
                self.content.lines.remove(self.selected_line.at());
                self.effects_fresh = false;
            }
            _ => return,
        }
        self.selected_line.clamp(self.last_row() + 1);
        self.changed(cx);
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
            // Narrower, the panes stand one above the other, the focused one taller: the needs and
            // the plan lines are on screen together at 80×24.
            let (needs, lines) = match self.focus {
                Focus::Field(_) => (60, 40),
                Focus::Lines => (35, 65),
            };
            let [top, bottom] =
                Layout::vertical([Constraint::Percentage(needs), Constraint::Percentage(lines)]).areas(body);
            self.draw_left(frame, top, cx, true);
            self.draw_right(frame, bottom, cx, true);
        }
        if let Some(overlay) = &self.overlay {
            self.draw_overlay(overlay, frame, body, cx);
        }
        if let Some(conflict) = self.conflict.as_ref().filter(|c| c.open) {
            conflict.draw(frame, body, cx);
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
                    format!(" · {} {}", s.get(Text::PastDraftingDeadlineBy), -left)
                }
            }
            _ => String::new(),
        };
        let state = match (v.state, self.plan.ended_on) {
            (_, Some(on)) => format!("{} {on}", s.get(Text::PlanEnded)),
            (ipus::VersionState::Approved, None) => {
                s.get(standing_text(ipus::Standing::of(v.state, v.content.period_end, None, cx.today))).to_string()
            }
            _ => s.get(state_text(v.state)).to_string(),
        };
        let title =
            format!("{} v{} {state} · {}{countdown}", self.plan.number, v.version, safe(&self.plan.resident_name));
        let (save_text, save_style) = match (&self.plan.holder, &self.save) {
            (Some(holder), _) => (holder.clone(), cx.theme.error()),
            (None, _) if self.conflict.is_some() => (s.get(Text::MergePending).to_string(), cx.theme.error()),
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
}
