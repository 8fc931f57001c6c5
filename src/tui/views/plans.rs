//! Plans (F4): the plans by state; Enter opens the plan editor. The database work of the list and
//! the editor is asked for as `msg::PlanJob`, runs on the worker (`worker::plans`) and comes back
//! as `msg::PlanMsg`.

use super::View;
use super::plan_editor::PlanEditor;
use super::{standing_text, state_text};
use crate::domain::ipus::{Standing, VersionState};
use crate::domain::roles::Permission;
use crate::i18n::desk::Effect;
use crate::i18n::desk::{Strings, Text};
use crate::storage::plans::PlanSummary;
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, DrawCtx, Goto};
use crate::tui::keymap::Context;
use crate::tui::msg::{Effect as Work, Job, Msg, PlanJob, PlanMsg};
use crate::tui::widgets::list::{Selection, matches_filter};
use crate::tui::widgets::popup::{Confirmed, FormPurpose, Popup};
use crate::tui::widgets::{block, cell, fit, safe};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The form an action on an opened plan asks for, with the permission it needs; `None` when
/// the action is not one of them. A plan in the wrong state says so instead.
fn plan_form(
    action: Action,
    editor: &PlanEditor,
    today: chrono::NaiveDate,
) -> Option<(Permission, crate::tui::widgets::form::Form, FormPurpose)> {
    use crate::tui::forms;
    let plan_id = editor.plan_id();
    let form = match action {
        Action::RecordMonitoring => {
            (Permission::RecordMonitoring, forms::contact_form(today), FormPurpose::Contact { plan_id })
        }
        Action::ResignPlan => (Permission::EndPlan, forms::resign_form(), FormPurpose::Resign { plan_id }),
        Action::CompletePlan => (Permission::EndPlan, forms::complete_form(today), FormPurpose::Complete { plan_id }),
        Action::RecordFollowUp => {
            (Permission::RecordMonitoring, forms::follow_up_form(today), FormPurpose::FollowUp { plan_id })
        }
        _ => return None,
    };
    let (permission, form, purpose) = form;
    Some((permission, form.about(editor.subject()), purpose))
}

fn standing(row: &PlanSummary, today: chrono::NaiveDate) -> Standing {
    Standing::of(row.state, row.period_end, row.ended_on, today)
}

/// The states shown, in the order the filter cycles through them; `None` is every plan.
const FILTERS: [Option<VersionState>; 5] = [
    None,
    Some(VersionState::Draft),
    Some(VersionState::Submitted),
    Some(VersionState::Returned),
    Some(VersionState::Approved),
];

#[derive(Debug, Default)]
pub struct PlansView {
    rows: Option<Vec<PlanSummary>>,
    filter: usize,
    /// Typed over the list: the plans whose number, resident or state hold every word.
    query: String,
    selected: Selection,
    editor: Option<PlanEditor>,
    /// The editor was opened for another view: closing it goes back there.
    opened_for_another_view: bool,
    /// Content typed before the terminal went away, for the plan being opened: merged on arrival.
    typed: Option<(i64, Box<crate::domain::ipus::PlanContent>)>,
    asked: bool,
}

impl PlansView {
    fn shown(&self, strings: &Strings, today: chrono::NaiveDate) -> Vec<&PlanSummary> {
        let wanted = FILTERS[self.filter];
        self.rows
            .iter()
            .flatten()
            .filter(|r| wanted.is_none_or(|s| r.state == s))
            .filter(|r| {
                let state = strings.get(standing_text(standing(r, today)));
                matches_filter(&self.query, &[&r.number, &r.resident_name, state])
            })
            .collect()
    }

    /// Leaves the editor: what was typed is sent to be saved, the hold is let go, and a plan
    /// opened for another view goes back there.
    fn close_editor(&mut self, cx: &mut Ctx<'_>) {
        let Some(mut editor) = self.editor.take() else { return };
        editor.flush(cx);
        cx.send(Work::Job(Job::Plan(PlanJob::Release { plan_id: editor.plan_id() })));
        if std::mem::take(&mut self.opened_for_another_view) {
            cx.goto(Goto::Back);
        }
    }

    fn refresh(&mut self, cx: &mut Ctx<'_>) {
        self.asked = true;
        cx.send(Work::Job(Job::Plan(PlanJob::List)));
    }
}

impl View for PlansView {
    fn switch_action(&self) -> Action {
        Action::Plans
    }

    fn title(&self, strings: &Strings) -> &'static str {
        strings.get(Text::Plans)
    }

    fn contexts(&self) -> &'static [Context] {
        match &self.editor {
            Some(e) => e.contexts(),
            None => &[Context::Search, Context::List],
        }
    }

    fn typing(&self) -> bool {
        self.editor.as_ref().is_none_or(PlanEditor::typing)
    }

    fn hints(&self) -> &'static [Action] {
        match &self.editor {
            Some(e) => e.hints(),
            None => &[Action::Open, Action::NextPane],
        }
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        if let Some(editor) = &mut self.editor {
            if action == Action::SubmitPlan {
                editor.ask_submit(cx);
                return true;
            }
            if action == Action::ApprovePlan {
                match cx.me.require(Permission::ApprovePlan) {
                    Ok(()) => {
                        let (version_id, revision) = editor.approvable();
                        let question = editor.question(cx.strings, &Effect::Approve { version: editor.version() });
                        cx.confirm(question, Confirmed::Run(Job::Plan(PlanJob::Approve { version_id, revision })));
                    }
                    Err(e) => cx.error(e.to_string()),
                }
                return true;
            }
            if action == Action::ReturnPlan {
                match cx.me.require(Permission::ApprovePlan) {
                    Ok(()) => cx.open(Popup::Form {
                        form: crate::tui::forms::return_form().about(editor.subject()),
                        purpose: FormPurpose::ReturnPlan { version_id: editor.approvable().0 },
                        saving: false,
                    }),
                    Err(e) => cx.error(e.to_string()),
                }
                return true;
            }
            if action == Action::PrintPlan {
                let (plan_id, version) = editor.printable();
                cx.send(Work::Job(Job::Plan(PlanJob::Print { plan_id, version })));
                return true;
            }
            if action == Action::UpdatePlan {
                match cx.me.require(Permission::DraftPlan) {
                    Ok(()) => {
                        let job = Job::Plan(PlanJob::StartUpdate { plan_id: editor.plan_id(), today: cx.today });
                        cx.confirm(editor.question(cx.strings, &Effect::NewVersion), Confirmed::Run(job));
                    }
                    Err(e) => cx.error(e.to_string()),
                }
                return true;
            }
            if let Some((permission, form, purpose)) = plan_form(action, editor, cx.today) {
                match cx.me.require(permission) {
                    Ok(()) => cx.open(Popup::Form { form, purpose, saving: false }),
                    Err(e) => cx.error(e.to_string()),
                }
                return true;
            }
            if editor.handle(action, cx) {
                return true;
            }
            if matches!(action, Action::Back | Action::Cancel) {
                self.close_editor(cx);
                return true;
            }
            return false;
        }
        if !self.asked {
            self.refresh(cx);
        }
        if self.selected.handle(action, self.shown(&cx.strings, cx.today).len()) {
            return true;
        }
        match action {
            Action::Type(_) | Action::DeleteBack => {
                let mut cursor = self.query.chars().count();
                crate::tui::widgets::text::edit(&mut self.query, &mut cursor, action);
                self.selected = Selection::default();
            }
            Action::ClearQuery => {
                self.query.clear();
                self.selected = Selection::default();
            }
            Action::NextPane | Action::PrevPane => {
                let n = FILTERS.len();
                self.filter =
                    if action == Action::NextPane { (self.filter + 1) % n } else { (self.filter + n - 1) % n };
                self.selected = Selection::default();
            }
            Action::Open => {
                let Some(row) = self.shown(&cx.strings, cx.today).get(self.selected.at()).map(|r| r.plan_id) else {
                    return true;
                };
                self.opened_for_another_view = false;
                cx.send(Work::Job(Job::Plan(PlanJob::Open { plan_id: row, today: cx.today })));
            }
            Action::Plans => self.refresh(cx),
            _ => return false,
        }
        true
    }

    fn confirmed(&mut self, action: Action, cx: &mut Ctx<'_>) {
        match &mut self.editor {
            // The person chose to leave a plan whose typed content could not be saved.
            Some(_) if action == Action::Back => self.close_editor(cx),
            Some(editor) => editor.confirmed(action, cx),
            None => {}
        }
    }

    fn unsaved(&self) -> Option<crate::storage::form_drafts::FormDraft> {
        let editor = self.editor.as_ref()?;
        let typed = editor.unresolved_content()?;
        Some(crate::tui::forms::kept_plan(editor.plan_id(), editor.subject(), typed))
    }

    fn restore_typed(&mut self, plan_id: i64, content: &crate::domain::ipus::PlanContent, cx: &mut Ctx<'_>) -> bool {
        if self.editor.as_ref().is_some_and(PlanEditor::unresolved) {
            return false;
        }
        self.typed = Some((plan_id, Box::new(content.clone())));
        self.show_plan(plan_id, cx);
        // Opened on its own, not for another view: Esc comes back to the plans.
        self.opened_for_another_view = false;
        true
    }

    fn show_plan(&mut self, plan_id: i64, cx: &mut Ctx<'_>) -> bool {
        // Typed content that could not be saved is not dropped for another plan: it is merged first.
        if let Some(editor) = self.editor.as_mut().filter(|e| e.unresolved()) {
            editor.show_conflict();
            cx.status(cx.strings.get(Text::MergePending));
            return true;
        }
        // Leave the plan being edited as Back would: save what was typed, let go of the hold.
        if let Some(mut editor) = self.editor.take() {
            editor.flush(cx);
            cx.send(Work::Job(Job::Plan(PlanJob::Release { plan_id: editor.plan_id() })));
        }
        cx.send(Work::Job(Job::Plan(PlanJob::Open { plan_id, today: cx.today })));
        self.opened_for_another_view = true;
        true
    }

    fn update(&mut self, msg: &Msg, cx: &mut Ctx<'_>) {
        let Msg::Plan(msg) = msg else { return };
        match msg {
            PlanMsg::Listed(rows) => {
                self.selected.clamp(rows.len());
                let mut rows = rows.clone();
                // Stable: within a standing the plans keep their number order.
                rows.sort_by_key(|r| standing(r, cx.today));
                self.rows = Some(rows);
            }
            PlanMsg::Opened(opened) => {
                let editor =
                    PlanEditor::new((**opened).clone(), cx.today).for_approver(cx.me.can(Permission::ApprovePlan));
                if let Some(holder) = &opened.holder {
                    cx.status(holder.clone());
                }
                let mut editor = editor;
                editor.track(cx);
                if let Some((_, typed)) = self.typed.take_if(|(plan_id, _)| *plan_id == opened.plan_id) {
                    editor.offer_typed(*typed, cx);
                }
                self.editor = Some(editor);
            }
            PlanMsg::Printed { number, version, output } => {
                cx.status(cx.strings.printed(number, *version));
                if !output.is_empty() {
                    cx.open(Popup::Notice { title: Text::PrintOutputTitle, message: output.clone() });
                }
            }
            PlanMsg::Recorded { plan_id, .. } => {
                if self.editor.as_ref().is_some_and(|e| e.plan_id() == *plan_id) {
                    cx.send(Work::Job(Job::Plan(PlanJob::Open { plan_id: *plan_id, today: cx.today })));
                }
            }
            other => {
                if let Some(e) = &mut self.editor {
                    e.update(other, cx);
                }
            }
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        if let Some(editor) = &self.editor {
            editor.draw(frame, area, cx);
            return;
        }
        let s = cx.strings;
        let filter = match FILTERS[self.filter] {
            None => s.get(Text::All),
            Some(state) => s.get(state_text(state)),
        };
        let title = format!("{} — {filter}", s.get(Text::PlansIPUS));
        let outer = block(cx.theme, &title, true);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let [query, head, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        let typed = safe(&self.query);
        let label = format!("{}: ", s.get(Text::Filter));
        let column = crate::tui::widgets::list::width(&label) + crate::tui::widgets::list::width(&typed);
        let shown_query = if typed.is_empty() {
            Span::styled(s.get(Text::PlansFilterPlaceholder), cx.theme.dim())
        } else {
            Span::raw(typed)
        };
        frame
            .render_widget(Paragraph::new(Line::from(vec![Span::styled(label, cx.theme.label()), shown_query])), query);
        frame.set_cursor_position(ratatui::layout::Position::new(
            query.x + (column as u16).min(query.width.saturating_sub(1)),
            query.y,
        ));
        let width = inner.width as usize;
        let name_width = width.saturating_sub(16 + 1 + 15 + 1 + 23 + 1 + 2);
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    "  {} {} {} {}",
                    cell(cx.theme, s.get(Text::Number), 16),
                    cell(cx.theme, s.get(Text::State), 15),
                    cell(cx.theme, s.get(Text::Period), 23),
                    s.get(Text::Resident)
                ),
                cx.theme.label(),
            )),
            head,
        );
        let rows = match &self.rows {
            None => {
                let text = s.get(Text::PressF4ToLoadPlans);
                frame.render_widget(Paragraph::new(Line::styled(text, cx.theme.dim())), list);
                return;
            }
            Some(_) => self.shown(cx.strings, cx.today),
        };
        if rows.is_empty() {
            frame.render_widget(Paragraph::new(Line::styled(s.get(Text::NoPlans), cx.theme.dim())), list);
            return;
        }
        let lines: Vec<Line> = self
            .selected
            .window(&rows, list.height as usize)
            .map(|(i, r)| {
                let is_selected = i == self.selected.at();
                let pointer = if is_selected { cx.theme.pointer() } else { " " };
                let state = format!("{} v{}", cx.strings.get(standing_text(standing(r, cx.today))), r.version);
                let text = format!(
                    "{pointer} {} {} {} – {} {}",
                    cell(cx.theme, &safe(&r.number), 16),
                    cell(cx.theme, &state, 15),
                    r.period_start,
                    r.period_end,
                    fit(cx.theme, &safe(&r.resident_name), name_width)
                );
                let style = if is_selected { cx.theme.selected() } else { ratatui::style::Style::new() };
                Line::from(Span::styled(text, style))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), list);
    }
}
