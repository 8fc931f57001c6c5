//! Open applications and each application's outcomes, opened over the dashboard (a key on F5,
//! Enter on an overdue application) or from the resident's card.
//!
//! The list holds every open application (the same set the dashboard counts, from
//! [`crate::storage::dashboard::open_applications`]) with the 30-day countdown to the drafting
//! deadline, the newest deadline first; typing narrows it. Enter opens one application: who, filed
//! when and how, the assessment, the deadline and what has been done with it. From there each
//! outcome goes through the same storage function as `okienko application …` and `okienko ipus
//! draft`: a plan's draft, a qualification or a refusal (the card's service picker), forwarding
//! to a partner picked from the directory, information only, a waiting list. Every one of them
//! is confirmed by the app's one confirmation, naming the person and the effect.

use super::qualify::ServicePicker;
use crate::domain::roles::Permission;
use crate::i18n::desk::Text;
use crate::storage::dashboard::ListedApplication;
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, DrawCtx};
use crate::tui::forms;
use crate::tui::keymap::{Context, KeyNames};
use crate::tui::msg::{ApplicationShown, Effect, Job, Msg, PlanMsg};
use crate::tui::widgets::list::{Scroll, Selection, matches_filter, width};
use crate::tui::widgets::popup::{ChosenOutcome, FormPurpose, Popup};
use crate::tui::widgets::{block, cell, centered, fit, labelled, safe};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The width of the countdown column: "po terminie 154 dni" fits.
const COUNTDOWN_WIDTH: usize = 19;

/// The outcomes offered for an open application, in the order listed under it.
const OUTCOME_ACTIONS: [Action; 6] = [
    Action::DraftPlan,
    Action::Qualify,
    Action::RefuseQualification,
    Action::ForwardApplication,
    Action::InformationOnly,
    Action::JoinWaitlist,
];

/// One application on screen, while it loads and once it has.
#[derive(Debug)]
struct Opened {
    id: i64,
    shown: Option<Box<ApplicationShown>>,
    scroll: Scroll,
    /// The partner picker of a forward, while open.
    partners: Option<Selection>,
    /// The service picker of a qualification or a refusal, while open.
    services: Option<ServicePicker>,
}

/// The list of open applications and the application opened from it.
#[derive(Debug, Default)]
pub struct ApplicationsScreen {
    /// `None` until the list has been read (and when the screen opened on one application).
    list: Option<Vec<ListedApplication>>,
    filter: String,
    selected: Selection,
    opened: Option<Opened>,
    /// The screen opened straight on one application: Back leaves it rather than showing the list.
    single: bool,
}

impl ApplicationsScreen {
    /// The list of open applications, read afresh.
    pub fn list(cx: &mut Ctx<'_>) -> ApplicationsScreen {
        let mut screen = ApplicationsScreen::default();
        screen.load_list(cx);
        screen
    }

    /// One application, with Back leaving the screen.
    pub fn application(id: i64, cx: &mut Ctx<'_>) -> ApplicationsScreen {
        let mut screen = ApplicationsScreen { single: true, ..ApplicationsScreen::default() };
        screen.open(id, cx);
        screen
    }

    fn load_list(&mut self, cx: &mut Ctx<'_>) {
        cx.send(Effect::Job(Job::LoadApplications { today: cx.today }));
    }

    fn open(&mut self, id: i64, cx: &mut Ctx<'_>) {
        self.opened = Some(Opened { id, shown: None, scroll: Scroll::default(), partners: None, services: None });
        cx.send(Effect::Job(Job::OpenApplication { id, audit: true }));
    }

    /// The rows the filter keeps.
    fn rows(&self) -> Vec<&ListedApplication> {
        let Some(list) = &self.list else { return Vec::new() };
        list.iter()
            .filter(|a| {
                let id = a.id.to_string();
                matches_filter(&self.filter, &[&a.resident_name, &a.summary, &a.channel, &id])
            })
            .collect()
    }

    pub fn contexts(&self) -> &'static [Context] {
        match &self.opened {
            Some(o) if o.services.is_some() => &[Context::Search, Context::List],
            Some(o) if o.partners.is_some() => &[Context::List],
            Some(_) => &[Context::Application],
            None => &[Context::List],
        }
    }

    /// Letters narrow the list and the service picker; over an application they are nothing.
    pub fn typing(&self) -> bool {
        self.opened.as_ref().is_none_or(|o| o.services.is_some())
    }

    pub fn hints(&self) -> &'static [Action] {
        match &self.opened {
            Some(o) if o.partners.is_some() || o.services.is_some() => &[Action::Down, Action::Open, Action::Back],
            // The outcomes are listed with their keys under the application.
            Some(_) => &[Action::Back, Action::PageDown],
            None => &[Action::Open, Action::Back],
        }
    }

    /// Takes an action; `false` when Back leaves the screen, or for actions the app keeps.
    pub fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        if self.opened.is_some() {
            return self.handle_opened(action, cx);
        }
        let len = self.rows().len();
        if self.selected.handle(action, len) {
            return true;
        }
        match action {
            Action::Type(c) => {
                self.filter.push(c);
                self.selected = Selection::default();
            }
            Action::DeleteBack => {
                self.filter.pop();
                self.selected = Selection::default();
            }
            Action::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.selected = Selection::default();
            }
            Action::Open => match self.rows().get(self.selected.at()).map(|a| a.id) {
                Some(id) => self.open(id, cx),
                None => return true,
            },
            _ => return false,
        }
        true
    }

    fn handle_opened(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        let Some(opened) = &mut self.opened else { return false };
        if let Some(picker) = &mut opened.services {
            if !action.is_for_a_picker() {
                return false;
            }
            if picker.handle(action, cx) {
                opened.services = None;
            }
            return true;
        }
        if let Some(partners) = &mut opened.partners {
            let count = opened.shown.as_ref().map_or(0, |s| s.partners.len());
            if partners.handle(action, count) {
                return true;
            }
            match action {
                Action::Open | Action::Confirm => {
                    let at = partners.at();
                    opened.partners = None;
                    let to = opened.shown.as_ref().and_then(|s| s.partners.get(at)).map(|p| p.name.clone());
                    if let Some(to) = to {
                        self.outcome(ChosenOutcome::Forward, &to, cx);
                    }
                }
                Action::Back | Action::Cancel => opened.partners = None,
                _ => return false,
            }
            return true;
        }
        if opened.scroll.handle(action) {
            return true;
        }
        let Some(shown) = &opened.shown else {
            if action == Action::Back {
                return self.back();
            }
            return false;
        };
        let app = &shown.application;
        let subject = cx.strings.application_subject(&safe(&app.resident_name), app.id);
        match action {
            Action::Back => return self.back(),
            Action::DraftPlan => match cx.me.require(Permission::DraftPlan) {
                Ok(()) => cx.open(Popup::Form {
                    form: forms::draft_plan_form().about(subject),
                    purpose: FormPurpose::DraftPlan { application_id: app.id },
                    saving: false,
                }),
                Err(e) => cx.error(e.to_string()),
            },
            Action::Qualify | Action::RefuseQualification => match cx.me.require(Permission::Qualify) {
                Ok(()) => cx.send(Effect::Job(Job::OpenQualification {
                    application_id: app.id,
                    resident_name: app.resident_name.clone(),
                    refusal: action == Action::RefuseQualification,
                    today: cx.today,
                    from_card: false,
                })),
                Err(e) => cx.error(e.to_string()),
            },
            Action::ForwardApplication => match cx.me.require(Permission::AssessNeeds) {
                Ok(()) if shown.partners.is_empty() => {
                    cx.status(cx.strings.get(Text::NoPartners));
                    self.outcome(ChosenOutcome::Forward, "", cx);
                }
                Ok(()) => opened.partners = Some(Selection::default()),
                Err(e) => cx.error(e.to_string()),
            },
            // The application with its assessment, to sign, whatever its state.
            Action::PrintApplication => cx.send(Effect::Job(Job::PrintApplication { application_id: app.id })),
            Action::PrintDecision => cx.send(Effect::Job(Job::PrintDecision { application_id: app.id })),
            Action::InformationOnly => self.outcome(ChosenOutcome::InformationOnly, "", cx),
            Action::JoinWaitlist => self.outcome(ChosenOutcome::WaitingList, "", cx),
            _ => return false,
        }
        true
    }

    /// Back from an application: to the list, or out of the screen when it opened on it alone.
    fn back(&mut self) -> bool {
        if self.single {
            return false;
        }
        self.opened = None;
        true
    }

    /// The outcome form for the application on screen, naming the person.
    fn outcome(&mut self, outcome: ChosenOutcome, forward_to: &str, cx: &mut Ctx<'_>) {
        let Some(app) = self.opened.as_ref().and_then(|o| o.shown.as_ref()).map(|s| &s.application) else { return };
        if let Err(e) = cx.me.require(Permission::AssessNeeds) {
            cx.error(e.to_string());
            return;
        }
        let subject = cx.strings.application_subject(&safe(&app.resident_name), app.id);
        cx.open(Popup::Form {
            form: forms::chosen_outcome_form(outcome, forward_to).about(subject),
            purpose: FormPurpose::Decide { resident_id: app.resident_id, application_id: app.id, outcome },
            saving: false,
        });
    }

    /// Reads again what an outcome may have changed: the list and the application on screen.
    fn refresh(&mut self, cx: &mut Ctx<'_>) {
        if self.list.is_some() {
            self.load_list(cx);
        }
        if let Some(o) = &self.opened {
            cx.send(Effect::Job(Job::OpenApplication { id: o.id, audit: false }));
        }
    }

    pub fn update(&mut self, msg: &Msg, cx: &mut Ctx<'_>) {
        match msg {
            Msg::Applications(list) => {
                let was = self.rows().get(self.selected.at()).map(|a| a.id);
                self.list = Some(list.clone());
                let rows = self.rows();
                let at = was.and_then(|id| rows.iter().position(|a| a.id == id)).unwrap_or(self.selected.at());
                let len = rows.len();
                self.selected.select(at, len);
            }
            Msg::ApplicationShown(shown) => {
                if let Some(o) = &mut self.opened
                    && o.id == shown.application.id
                {
                    o.shown = Some(shown.clone());
                }
            }
            Msg::QualificationServices(start) if !start.from_card => {
                if let Some(o) = &mut self.opened
                    && o.id == start.application_id
                {
                    o.services = Some(ServicePicker::new((**start).clone()));
                }
            }
            Msg::Plan(PlanMsg::Drafted { plan_id, resident_id, .. }) => {
                self.refresh(cx);
                cx.goto(crate::tui::ctx::Goto::Plan { plan_id: *plan_id, resident_id: *resident_id });
            }
            Msg::ApplicationClosed { .. } | Msg::BaseSaved(_) | Msg::Changed(_) | Msg::BaseTick => self.refresh(cx),
            Msg::DecisionPrinted { decision_number, output } => {
                cx.status(cx.strings.decision_printed(&safe(decision_number)));
                if !output.is_empty() {
                    cx.open(Popup::Notice { title: Text::PrintOutputTitle, message: output.clone() });
                }
            }
            // An application that could not be read (the error popup says why) gives way to the list.
            Msg::Failed(_) if self.opened.as_ref().is_some_and(|o| o.shown.is_none()) => {
                // It may have gone since the list was read: the list is read again too.
                self.opened = None;
                self.single = false;
                self.load_list(cx);
            }
            _ => {}
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        match &self.opened {
            Some(o) => {
                draw_application(o, frame, area, cx);
                if let Some(picker) = &o.services {
                    picker.draw(frame, area, cx);
                }
                if let (Some(partners), Some(shown)) = (&o.partners, &o.shown) {
                    draw_partners(partners, shown, frame, area, cx);
                }
            }
            None => self.draw_list(frame, area, cx),
        }
    }

    fn draw_list(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let (theme, s) = (cx.theme, cx.strings);
        let rows = self.rows();
        let title = match &self.list {
            Some(list) => s.open_applications(rows.len(), list.len()),
            None => s.get(Text::OpenApplicationsTitle).to_string(),
        };
        let outer = block(theme, &title, true);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let [filter, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        let room = inner.width as usize;
        let filter_line = if self.filter.is_empty() {
            Line::styled(fit(theme, &format!("> {}", s.get(Text::ListFilterPlaceholder)), room), theme.dim())
        } else {
            Line::raw(fit(theme, &format!("> {}", safe(&self.filter)), room))
        };
        frame.render_widget(Paragraph::new(filter_line), filter);
        let Some(list) = &self.list else {
            let text = format!("{}{}", s.get(Text::ApplicationsLoading), theme.ellipsis());
            frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), body);
            return;
        };
        if rows.is_empty() {
            let note = if list.is_empty() { Text::NoOpenApplications } else { Text::NoApplicationMatches };
            frame.render_widget(Paragraph::new(Line::styled(format!("  {}", s.get(note)), theme.dim())), body);
            return;
        }
        let lines: Vec<Line> = self
            .selected
            .window(&rows, body.height as usize)
            .map(|(i, a)| {
                let selected = i == self.selected.at();
                let pointer = if selected { theme.pointer() } else { " " };
                let flag = if a.days_left < 0 { "!" } else { " " };
                let text = format!(
                    "{pointer}{flag}{} {} {}",
                    cell(theme, &s.countdown(a.days_left), COUNTDOWN_WIDTH),
                    cell(theme, &safe(&a.resident_name), 22),
                    safe(&s.application_number(a.id, &a.filed_on.to_string(), &a.summary))
                );
                let style = if selected {
                    theme.selected()
                } else if a.days_left < 0 {
                    theme.error()
                } else {
                    Style::new()
                };
                Line::styled(cell(theme, &text, room), style)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
    }
}

fn draw_application(o: &Opened, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
    let (theme, s) = (cx.theme, cx.strings);
    let Some(shown) = &o.shown else {
        let outer = block(theme, s.get(Text::OpenApplicationsTitle), true);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let text = format!("{}{}", s.get(Text::ApplicationLoading), theme.ellipsis());
        frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), inner);
        return;
    };
    let title = s.application_subject(&safe(&shown.application.resident_name), shown.application.id);
    let outer = block(theme, &title, true);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let lines: Vec<Line> = application_lines(shown, cx)
        .into_iter()
        .map(|l| crate::tui::widgets::fit_line(theme, l, inner.width as usize))
        .collect();
    let top = o.scroll.top(lines.len(), inner.height as usize);
    frame.render_widget(Paragraph::new(lines).scroll((top, 0)), inner);
}

fn application_lines(shown: &ApplicationShown, cx: &DrawCtx<'_>) -> Vec<Line<'static>> {
    let (theme, s) = (cx.theme, cx.strings);
    let app = &shown.application;
    let w = 10;
    let open = shown.open;
    let mut lines = Vec::new();
    let applicant = if app.applicant_name.is_empty() { String::new() } else { format!(", {}", app.applicant_name) };
    let filed = format!("{} ({}){applicant}", app.filed_on, s.channel(&app.channel));
    lines.push(labelled(theme, s.get(Text::ShownFiled), w, Span::raw(safe(&filed))));
    let deadline = crate::domain::plan::drafting_deadline(app.filed_on);
    let state = if open { s.get(Text::ApplicationOpenState) } else { s.get(Text::ApplicationClosedState) };
    let mut deadline_line = labelled(theme, s.get(Text::ApplicationDeadline), w, Span::raw(deadline.to_string()));
    if open {
        let left = crate::domain::plan::drafting_days_left(app.filed_on, cx.today);
        let style = if left < 0 { theme.error() } else { Style::new() };
        deadline_line.spans.push(Span::styled(format!(" · {}", s.countdown(left)), style));
    }
    let state_word = crate::i18n::codes::application_state_in(s.lang, &app.state);
    deadline_line.spans.push(Span::styled(format!(" · {state} [{}]", safe(state_word)), theme.dim()));
    lines.push(deadline_line);
    let summary = if app.summary.is_empty() {
        Span::styled(s.get(Text::None).to_string(), theme.dim())
    } else {
        Span::raw(safe(&app.summary))
    };
    lines.push(labelled(theme, s.get(Text::ShownSummary), w, summary));

    lines.push(Line::styled(s.get(Text::ApplicationAssessment), theme.label()));
    match &shown.assessment {
        None => lines.push(Line::styled(format!("  {}", s.get(Text::None)), theme.dim())),
        Some(a) => {
            lines.push(Line::raw(format!("  {} ({})", a.conducted_on, safe(&a.coordinator_login))));
            for (label, text) in [
                (Text::ShownProblems, &a.input.problems),
                (Text::ShownNeeds, &a.input.needs),
                (Text::ShownReadiness, &a.input.readiness_for_change),
            ] {
                if !text.is_empty() {
                    lines.push(labelled(theme, &format!("  {}", s.get(label)), 12, Span::raw(safe(text))));
                }
            }
            let wanted: Vec<String> =
                a.input.services.iter().filter(|sv| sv.kind == "oczekiwana").map(|sv| safe(&sv.description)).collect();
            if !wanted.is_empty() {
                let label = format!("  {}", s.get(Text::ShownWanted));
                lines.push(labelled(theme, &label, 20, Span::raw(wanted.join(", "))));
            }
        }
    }

    lines.push(Line::styled(s.get(Text::ApplicationDone), theme.label()));
    let mut done = Vec::new();
    match app.state.as_str() {
        "przekazany" => done.push(s.done_forwarded(&app.forwarded_to, &app.forwarded_reason)),
        "informacja" => done.push(s.done_information(&app.forwarded_reason)),
        "oczekuje" => done.push(s.done_waiting().to_string()),
        _ => {}
    }
    done.extend(shown.plans.iter().map(|(_, number)| s.done_plan(number)));
    done.extend(shown.qualifications.iter().map(|q| {
        s.done_qualified(
            &q.service_name,
            i64::from(q.amount.units),
            crate::domain::ipus::per_label(q.amount.per),
            &q.span.start.to_string(),
            &q.span.end.to_string(),
        )
    }));
    done.extend(
        shown.refusals.iter().map(|r| s.done_refused(&r.service_name, &r.decision_number, &r.decided_on.to_string())),
    );
    if done.is_empty() {
        lines.push(Line::styled(format!("  {}", s.get(Text::NothingDoneYet)), theme.dim()));
    }
    lines.extend(done.into_iter().map(|d| Line::raw(format!("  {}", safe(&d)))));
    let names = KeyNames { lang: s.lang, ascii: theme.ascii };
    let key_line = |action: Action| {
        let key = names.hint(&cx.keymap.key_seqs(&[Context::Application], action, false))?;
        Some(Line::from(vec![
            Span::raw("  "),
            Span::styled(cell(theme, &key, 7), theme.key()),
            Span::raw(s.command(action)),
        ]))
    };
    if open {
        lines.push(Line::styled(s.get(Text::OutcomesOffered), theme.label()));
        lines.extend(OUTCOME_ACTIONS.into_iter().filter_map(key_line));
    }
    // The papers to sign: the application always, a refusal decision once there is one.
    let printouts: &[Action] = if shown.refusals.is_empty() {
        &[Action::PrintApplication]
    } else {
        &[Action::PrintApplication, Action::PrintDecision]
    };
    lines.push(Line::styled(s.get(Text::Printouts), theme.label()));
    lines.extend(printouts.iter().copied().filter_map(key_line));
    lines
}

fn draw_partners(partners: &Selection, shown: &ApplicationShown, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
    let (theme, s) = (cx.theme, cx.strings);
    let rect = centered(area, 70, area.height.saturating_sub(2).max(5));
    frame.render_widget(Clear, rect);
    let outer = block(theme, s.get(Text::PickPartnerTitle), true);
    let inner = outer.inner(rect);
    frame.render_widget(outer, rect);
    let room = inner.width as usize;
    let lines: Vec<Line> = partners
        .window(&shown.partners, inner.height as usize)
        .map(|(i, p)| {
            let selected = i == partners.at();
            let pointer = if selected { theme.pointer() } else { " " };
            let kind = safe(&p.kind);
            let name = cell(theme, &format!("{pointer}{}", safe(&p.name)), room.saturating_sub(width(&kind) + 1));
            let style = if selected { theme.selected() } else { Style::new() };
            Line::from(vec![Span::styled(name, style), Span::raw(" "), Span::styled(kind, theme.dim())])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
