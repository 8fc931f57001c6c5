//! Plany (F4): the plans by state; Enter opens the plan editor. The database work the two views
//! need runs on the worker thread through [`PlanJob`] and comes back as [`PlanMsg`].

use super::View;
use super::plan_editor::{Monitoring, OpenedPlan, PickService, PlanEditor};
use crate::domain::ipus::{Standing, VersionState};
use crate::domain::roles::Permission;
use crate::storage::plans::{self, PlanSummary};
use crate::storage::staff::StaffMember;
use crate::storage::{Db, Result, applications};
use crate::tui::action::Action;
use crate::tui::app::{Ctx, DrawCtx, Effect, Job, Msg};
use crate::tui::keymap::Context;
use crate::tui::strings::{Lang, Strings, Text};
use crate::tui::widgets::popup::{FormPurpose, Popup};
use crate::tui::widgets::{block, fit, safe};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Polish or English by the interface language.
pub fn tr(strings: &Strings, pl: &'static str, en: &'static str) -> &'static str {
    match strings.lang {
        Lang::Pl => pl,
        Lang::En => en,
    }
}

/// Database work of the plan views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanJob {
    List,
    /// Opens a plan's current version for editing (takes the hold when free); the pools are
    /// shown as of `today`.
    Open {
        plan_id: i64,
        today: chrono::NaiveDate,
    },
    /// Lets go of the hold on leaving the editor.
    Release {
        plan_id: i64,
    },
    /// Approves the version at the revision the approver saw.
    Approve {
        version_id: i64,
        revision: i64,
    },
    /// Returns a submitted version with the approver's comment.
    Return {
        version_id: i64,
        comment: String,
    },
    /// Prints the version the editor shows with the configured print command.
    Print {
        plan_id: i64,
        version: u32,
    },
    /// An application from the resident's card, with the needs assessment when there is one and
    /// the plan's draft when a period was given; all in one transaction.
    RegisterApplication {
        resident_id: i64,
        application: Box<applications::ApplicationInput>,
        assessment: Box<applications::AssessmentInput>,
        draft: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
        today: chrono::NaiveDate,
    },
    /// Starts an update from the approved version (art. 41) and opens the new draft.
    StartUpdate {
        plan_id: i64,
        today: chrono::NaiveDate,
    },
    /// A monitoring contact with the resident (art. 45).
    AddContact {
        plan_id: i64,
        on: chrono::NaiveDate,
        channel: String,
        with_whom: String,
        note: String,
    },
    /// Resignation from the line at `position` (1-based), or from the whole plan (art. 44).
    Resign {
        plan_id: i64,
        position: Option<usize>,
        on: chrono::NaiveDate,
        informed: chrono::NaiveDate,
    },
    /// The summary conversation that completes the plan (art. 45).
    Complete {
        plan_id: i64,
        on: chrono::NaiveDate,
        course: String,
        results: String,
    },
    /// The follow-up 6 months after the end.
    FollowUp {
        plan_id: i64,
        on: chrono::NaiveDate,
        note: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanMsg {
    Listed(Vec<PlanSummary>),
    Opened(Box<OpenedPlan>),
    Saved {
        version_id: i64,
        seq: u64,
        revision: i64,
        at: String,
        effects: Vec<Option<plans::LineEffect>>,
    },
    /// What was registered, for the status line.
    ApplicationRegistered {
        text: String,
    },
    Submitted {
        version_id: i64,
    },
    Approved {
        version_id: i64,
    },
    Returned {
        version_id: i64,
    },
    /// A print sent to the print command, for the status line.
    Printed {
        text: String,
    },
    /// Something recorded on a plan from a form; the plan is shown again with it.
    Recorded {
        plan_id: i64,
        text: String,
    },
    SaveRefused {
        version_id: i64,
        message: String,
        content: Box<crate::domain::ipus::PlanContent>,
    },
}

/// Runs a plan job on the worker's connection.
pub fn run_job(db: &mut Db, me: &StaffMember, job: PlanJob) -> Result<Msg> {
    match job {
        PlanJob::List => {
            me.require(Permission::ViewCard)?;
            Ok(Msg::Plan(PlanMsg::Listed(plans::list(db.conn(), None)?)))
        }
        PlanJob::Open { plan_id, today } => {
            me.require(Permission::ViewCard)?;
            let holder =
                if me.can(Permission::DraftPlan) { db.write(|tx| plans::hold(tx, me, plan_id))? } else { None };
            let conn = db.conn();
            let detail = plans::detail(conn, plan_id)?;
            let Some(version) = detail.current().cloned() else {
                return Err(crate::storage::StorageError::NotFound(format!("wersja planu {}", detail.header.number)));
            };
            let application = detail.header.application_id.map(|a| applications::get(conn, a)).transpose()?;
            let assessment = match (&application, me.can(Permission::ViewSpecialCategory)) {
                (Some(a), true) => applications::latest_assessment(conn, a.id)?,
                _ => None,
            };
            let effects = plans::pool_effects(conn, plan_id, &version.content)?;
            let services = crate::storage::base::table(conn, today, None)?
                .into_iter()
                .map(|r| PickService {
                    id: r.id,
                    code: r.code,
                    name: r.name,
                    unit: r.unit,
                    remaining: r.remaining,
                    period: r.period,
                    suspended: r.suspended,
                })
                .collect();
            let comment = detail
                .decisions
                .iter()
                .rev()
                .find(|d| d.version == version.version && d.decision == VersionState::Returned.code())
                .map(|d| d.comment.clone());
            Ok(Msg::Plan(PlanMsg::Opened(Box::new(OpenedPlan {
                plan_id,
                number: detail.header.number.clone(),
                resident_name: detail.header.resident_name.clone(),
                filed_on: application.as_ref().map(|a| a.filed_on),
                assessed_on: assessment.as_ref().map(|a| a.conducted_on),
                problems: assessment.map(|a| a.input.problems).unwrap_or_default(),
                version,
                holder: holder.map(|h| h.to_string()),
                ended_on: detail.header.ended_on,
                monitoring: Monitoring {
                    contacts: detail.contacts.len(),
                    last_contact: detail.contacts.iter().map(|c| c.contact_on).max(),
                    contact_due: if detail.header.ended_on.is_none() { plans::monitoring_due(&detail) } else { None },
                    follow_up_due: detail.header.follow_up_due(),
                    follow_up_on: detail.header.follow_up_on,
                },
                may_edit: me.can(Permission::DraftPlan),
                returned_comment: comment,
                effects,
                services,
            }))))
        }
        PlanJob::RegisterApplication { resident_id, application, assessment, draft, today } => {
            let (id, number) = db.write(|tx| {
                let id =
                    applications::register(tx, me, applications::ForResident::Existing(resident_id), &application)?;
                if !(assessment.needs.is_empty() && assessment.problems.is_empty() && assessment.services.is_empty()) {
                    applications::assess(tx, me, id, today.max(application.filed_on), &assessment)?;
                }
                let number = match draft {
                    Some((from, to)) => {
                        let content = crate::domain::ipus::PlanContent {
                            period_start: from,
                            period_end: to,
                            needs: assessment.needs.clone(),
                            expected_effects: String::new(),
                            quality_check: String::new(),
                            lines: Vec::new(),
                            actions: Vec::new(),
                        };
                        let (plan_id, _) = plans::create_draft(tx, me, id, &content, today)?;
                        Some(plans::header(tx, plan_id)?.number)
                    }
                    None => None,
                };
                Ok((id, number))
            })?;
            let text = match number {
                Some(n) => format!("Zarejestrowano wniosek nr {id}; szkic planu {n} czeka w F4"),
                None => format!("Zarejestrowano wniosek nr {id}"),
            };
            Ok(Msg::Plan(PlanMsg::ApplicationRegistered { text }))
        }
        PlanJob::Approve { version_id, revision } => {
            db.write(|tx| plans::approve(tx, me, version_id, Some(revision), "", None))?;
            Ok(Msg::Plan(PlanMsg::Approved { version_id }))
        }
        PlanJob::Return { version_id, comment } => {
            db.write(|tx| plans::return_version(tx, me, version_id, &comment))?;
            Ok(Msg::Plan(PlanMsg::Returned { version_id }))
        }
        PlanJob::Print { plan_id, version } => {
            me.require(Permission::ViewCard)?;
            let invalid = |e: &dyn std::fmt::Display| crate::storage::StorageError::Invalid(e.to_string());
            let command = crate::config::load().map_err(|e| invalid(&e))?.print_command.ok_or_else(|| {
                invalid(&"print_command: nie ustawiono polecenia drukowania (np. print_command = \"lp -d biuro\")")
            })?;
            let printed = crate::export::gather(db.conn(), plan_id, Some(version))?;
            let pdf = crate::export::pdf::render_pdf(&printed).map_err(|e| invalid(&e))?;
            crate::export::print(&command, &pdf).map_err(|e| invalid(&format!("drukowanie ({command}): {e}")))?;
            let target = format!("plan_version:{}", printed.version.id);
            let resident = printed.detail.header.resident_id;
            db.write(|tx| {
                crate::storage::audit::append(
                    tx,
                    &me.login,
                    crate::storage::audit::AuditAction::Print,
                    Some(resident),
                    &target,
                    &command,
                )
            })?;
            Ok(Msg::Plan(PlanMsg::Printed {
                text: format!("Wysłano do druku: {} wersja {version}", printed.detail.header.number),
            }))
        }
        PlanJob::StartUpdate { plan_id, today } => {
            me.require(Permission::DraftPlan)?;
            db.write(|tx| plans::start_update(tx, me, plan_id, today))?;
            run_job(db, me, PlanJob::Open { plan_id, today })
        }
        PlanJob::AddContact { plan_id, on, channel, with_whom, note } => {
            me.require(Permission::RecordMonitoring)?;
            db.write(|tx| plans::add_contact(tx, me, plan_id, on, &channel, &with_whom, &note))?;
            Ok(Msg::Plan(PlanMsg::Recorded { plan_id, text: format!("Zapisano kontakt monitorujący z {on}") }))
        }
        PlanJob::Resign { plan_id, position, on, informed } => {
            me.require(Permission::DraftPlan)?;
            let text = match position {
                Some(position) => {
                    db.write(|tx| plans::resign_line(tx, me, plan_id, position, on, informed))?;
                    format!("Zapisano rezygnację z pozycji {position} od {on}")
                }
                None => {
                    db.write(|tx| plans::end_plan(tx, me, plan_id, on, plans::EndReason::Resignation, Some(informed)))?;
                    format!("Zapisano rezygnację z całego planu od {on}")
                }
            };
            Ok(Msg::Plan(PlanMsg::Recorded { plan_id, text }))
        }
        PlanJob::Complete { plan_id, on, course, results } => {
            me.require(Permission::DraftPlan)?;
            db.write(|tx| plans::record_summary(tx, me, plan_id, on, &course, &results))?;
            Ok(Msg::Plan(PlanMsg::Recorded { plan_id, text: format!("Zakończono plan; rozmowa podsumowująca {on}") }))
        }
        PlanJob::FollowUp { plan_id, on, note } => {
            me.require(Permission::RecordMonitoring)?;
            db.write(|tx| plans::record_follow_up(tx, me, plan_id, on, &note))?;
            Ok(Msg::Plan(PlanMsg::Recorded { plan_id, text: format!("Zapisano monitoring po zakończeniu z {on}") }))
        }
        PlanJob::Release { plan_id } => {
            db.write(|tx| plans::release(tx, me, plan_id))?;
            Ok(Msg::Plan(PlanMsg::Listed(plans::list(db.conn(), None)?)))
        }
    }
}

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
        Action::ResignPlan => (Permission::DraftPlan, forms::resign_form(today), FormPurpose::Resign { plan_id }),
        Action::CompletePlan => (Permission::DraftPlan, forms::complete_form(today), FormPurpose::Complete { plan_id }),
        Action::RecordFollowUp => {
            (Permission::RecordMonitoring, forms::follow_up_form(today), FormPurpose::FollowUp { plan_id })
        }
        _ => return None,
    };
    Some(form)
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
    selected: usize,
    editor: Option<PlanEditor>,
    asked: bool,
}

impl PlansView {
    fn shown(&self) -> Vec<&PlanSummary> {
        let wanted = FILTERS[self.filter];
        self.rows.iter().flatten().filter(|r| wanted.is_none_or(|s| r.state == s)).collect()
    }

    fn refresh(&mut self, cx: &mut Ctx<'_>) {
        self.asked = true;
        cx.send(Effect::Job(Job::Plan(PlanJob::List)));
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
            None => &[Context::List],
        }
    }

    fn typing(&self) -> bool {
        self.editor.as_ref().is_some_and(PlanEditor::typing)
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
                editor.submit(cx);
                return true;
            }
            if action == Action::ApprovePlan {
                let (version_id, revision) = editor.approvable();
                cx.send(Effect::Job(Job::Plan(PlanJob::Approve { version_id, revision })));
                return true;
            }
            if action == Action::ReturnPlan {
                match cx.me.require(Permission::ApprovePlan) {
                    Ok(()) => cx.open(Popup::Form {
                        form: crate::tui::forms::return_form(),
                        purpose: FormPurpose::ReturnPlan { version_id: editor.approvable().0 },
                        saving: false,
                    }),
                    Err(e) => cx.error(e.to_string()),
                }
                return true;
            }
            if action == Action::PrintPlan {
                let (plan_id, version) = editor.printable();
                cx.send(Effect::Job(Job::Plan(PlanJob::Print { plan_id, version })));
                return true;
            }
            if action == Action::UpdatePlan {
                match cx.me.require(Permission::DraftPlan) {
                    Ok(()) => {
                        let plan_id = editor.plan_id();
                        cx.send(Effect::Job(Job::Plan(PlanJob::StartUpdate { plan_id, today: cx.today })));
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
                let plan_id = editor.plan_id();
                editor.flush(cx);
                self.editor = None;
                cx.send(Effect::Job(Job::Plan(PlanJob::Release { plan_id })));
                return true;
            }
            return false;
        }
        if !self.asked {
            self.refresh(cx);
        }
        let count = self.shown().len();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(count.saturating_sub(1)),
            Action::First => self.selected = 0,
            Action::Last => self.selected = count.saturating_sub(1),
            Action::NextPane | Action::PrevPane => {
                let n = FILTERS.len();
                self.filter =
                    if action == Action::NextPane { (self.filter + 1) % n } else { (self.filter + n - 1) % n };
                self.selected = 0;
            }
            Action::Open => {
                let Some(row) = self.shown().get(self.selected).map(|r| r.plan_id) else { return true };
                cx.send(Effect::Job(Job::Plan(PlanJob::Open { plan_id: row, today: cx.today })));
            }
            Action::Plans => self.refresh(cx),
            _ => return false,
        }
        true
    }

    fn show_plan(&mut self, plan_id: i64, cx: &mut Ctx<'_>) -> bool {
        // Leave the plan being edited as Back would: save what was typed, let go of the hold.
        if let Some(mut editor) = self.editor.take() {
            editor.flush(cx);
            cx.send(Effect::Job(Job::Plan(PlanJob::Release { plan_id: editor.plan_id() })));
        }
        cx.send(Effect::Job(Job::Plan(PlanJob::Open { plan_id, today: cx.today })));
        true
    }

    fn update(&mut self, msg: &Msg, cx: &mut Ctx<'_>) {
        let Msg::Plan(msg) = msg else { return };
        match msg {
            PlanMsg::Listed(rows) => {
                self.selected = self.selected.min(rows.len().saturating_sub(1));
                let mut rows = rows.clone();
                // Stable: within a standing the plans keep their number order.
                rows.sort_by_key(|r| standing(r, cx.today));
                self.rows = Some(rows);
            }
            PlanMsg::Opened(opened) => {
                let editor = PlanEditor::new((**opened).clone(), cx.today);
                if let Some(holder) = &opened.holder {
                    cx.status(holder.clone());
                }
                editor.track(cx);
                self.editor = Some(editor);
            }
            PlanMsg::Printed { text } => cx.status(text.clone()),
            PlanMsg::Recorded { plan_id, .. } => {
                if self.editor.as_ref().is_some_and(|e| e.plan_id() == *plan_id) {
                    cx.send(Effect::Job(Job::Plan(PlanJob::Open { plan_id: *plan_id, today: cx.today })));
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
            None => tr(s, "wszystkie", "all"),
            Some(state) => state.code(),
        };
        let title = format!("{} — {filter}", tr(s, "Plany (IPUS)", "Plans (IPUS)"));
        let outer = block(cx.theme, &title, true);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        let width = inner.width as usize;
        let name_width = width.saturating_sub(16 + 1 + 15 + 1 + 23 + 1 + 2);
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    "  {:<16} {:<15} {:<23} {}",
                    tr(s, "Numer", "Number"),
                    tr(s, "Stan", "State"),
                    tr(s, "Okres", "Period"),
                    tr(s, "Mieszkaniec", "Resident")
                ),
                cx.theme.label(),
            )),
            head,
        );
        let rows = match &self.rows {
            None => {
                let text = tr(s, "Naciśnij F4 lub Enter, aby wczytać plany", "Press F4 or Enter to load the plans");
                frame.render_widget(Paragraph::new(Line::styled(text, cx.theme.dim())), list);
                return;
            }
            Some(_) => self.shown(),
        };
        if rows.is_empty() {
            frame.render_widget(Paragraph::new(Line::styled(tr(s, "Brak planów", "No plans"), cx.theme.dim())), list);
            return;
        }
        let height = list.height as usize;
        let first = self.selected.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, r)| {
                let pointer = if i == self.selected { cx.theme.pointer() } else { " " };
                let text = format!(
                    "{pointer} {:<16} {:<15} {} – {} {}",
                    r.number,
                    format!("{} v{}", standing(r, cx.today).label(), r.version),
                    r.period_start,
                    r.period_end,
                    fit(cx.theme, &safe(&r.resident_name), name_width)
                );
                let style = if i == self.selected { cx.theme.selected() } else { ratatui::style::Style::new() };
                Line::from(Span::styled(text, style))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), list);
    }
}
