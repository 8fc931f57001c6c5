//! The plan editor in split panes: on the left the resident, the needs and the plan's period and
//! texts; on the right the plan lines with each line's effect on its pool, and the service base
//! as a picker. Below 100 columns the panes switch instead of standing side by side.
//!
//! Drafts save themselves: every change is sent to the autosave thread (`tui::autosave`), off
//! the input path; a save that would overwrite someone else's newer work is refused and the
//! typed content stays on screen.
//!
//! The editor's state and keys are here; `panes` draws the two panes, `lines` holds the
//! plan lines and supporting actions with their forms and the service picker, `lifecycle`
//! follows the version through saving, submitting, approval and return.

mod lifecycle;
mod lines;
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
const SIDE_BY_SIDE_WIDTH: u16 = 100;

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
    /// False from a change of the lines until the save that recomputes the effects.
    effects_fresh: bool,
    findings: Vec<Finding>,
    today: NaiveDate,
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
                cx.status(cx.strings.get(Text::CannotChange))
            }
            _ => return false,
        }
        true
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
