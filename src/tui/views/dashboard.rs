//! The dashboard (F5): what is due for the person at the desk, most overdue first, and for the
//! organiser the counts per coordinator. Enter opens the resident's card. The lists come from
//! [`crate::storage::dashboard`]; this view only draws them and moves the selection.
//!
//! Once shown, the dashboard reads itself afresh on the service base's ticker (another desk
//! committed, or a minute passed) and when the date turns over; the selection stays on the same
//! item while that item is still listed.
//!
//! For those who see reports, a key opens the reports screen over the lists
//! ([`super::reports`]); Back returns to the dashboard.
//!
//! Another key opens the list of open applications ([`super::applications`]); Enter on an
//! application's deadline opens that application with its outcomes, and so does the card.

use super::View;
use super::applications::ApplicationsScreen;
use super::reports::ReportsScreen;
use crate::domain::roles::Permission;
use crate::i18n::desk::{Strings, Text};
use crate::storage::dashboard::{CoordinatorCounts, Dashboard, Item, ItemKind, Reminder, ReminderKind};
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, DrawCtx, Goto};
use crate::tui::keymap::Context;
use crate::tui::msg::{Effect, Job, Msg};
use crate::tui::widgets::list::{self, Selection};
use crate::tui::widgets::{block, cell, fit, safe};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Debug, Default)]
pub struct DashboardView {
    board: Option<Dashboard>,
    loading: bool,
    /// Index into every item of every list, in the order drawn.
    selected: Selection,
    /// Whether the person may open the reports (known from the first load on).
    reports_allowed: bool,
    /// The reports screen, while open.
    reports: Option<ReportsScreen>,
    /// The open applications or one application, while open.
    applications: Option<ApplicationsScreen>,
    /// The application was opened for another view (the card): leaving it goes back there.
    opened_for_another_view: bool,
}

/// The lists in the order drawn, with their headings; approvals only for those who approve.
fn sections<'a>(board: &'a Dashboard, strings: &Strings, approves: bool) -> Vec<(&'static str, &'a [Item])> {
    let mut out = vec![
        (strings.get(Text::Applications30DaysToDraft), board.applications.as_slice()),
        (strings.get(Text::PlansEndingSoon), &board.plans_ending),
        (strings.get(Text::MonitoringContactAtLeastQuarterly), &board.monitoring),
        (strings.get(Text::FollowUp6MonthsAfter), &board.follow_ups),
    ];
    if approves {
        out.push((strings.get(Text::PlansAwaitingApproval), &board.awaiting_approval));
    }
    out.push((strings.get(Text::DraftsUntouched), &board.drafts));
    out
}

/// What identifies an item across refreshes: its kind and the plan, application and resident it
/// is about (its place in the lists moves as others come and go).
type ItemKey = (ItemKind, Option<i64>, Option<i64>, i64);

fn key(item: &Item) -> ItemKey {
    (item.kind, item.plan_id, item.application_id, item.resident_id)
}

/// Whether the item is past its deadline (drafts and approvals are dated by their last change).
fn overdue(item: &Item) -> bool {
    item.days < 0 && !matches!(item.kind, ItemKind::AwaitingApproval | ItemKind::UnfinishedDraft)
}

/// The narrowest the "when" column gets, so that the lists do not shift as counts change.
const WHEN_WIDTH: usize = 18;

/// How urgent, in words: "po terminie 4 dni", "zostało 12 dni", "czeka 3 dni", "czeka od dziś".
fn when(strings: &Strings, item: &Item) -> String {
    let n = item.days.abs();
    match (item.kind, item.days) {
        (ItemKind::AwaitingApproval, 0) => format!("{} {}", strings.get(Text::Waiting), strings.get(Text::SinceToday)),
        (ItemKind::UnfinishedDraft, 0) => format!("{} {}", strings.get(Text::Untouched), strings.get(Text::SinceToday)),
        (ItemKind::AwaitingApproval, _) => format!("{} {}", strings.get(Text::Waiting), strings.days(n)),
        (ItemKind::UnfinishedDraft, _) => format!("{} {}", strings.get(Text::Untouched), strings.days(n)),
        (_, 0) => strings.get(Text::Today).into(),
        (ItemKind::ApplicationDeadline, d) if d > 0 => {
            format!("{} {}", strings.get(Text::Left), strings.days(n))
        }
        (ItemKind::PlanEnding, d) if d > 0 => format!("{} {}", strings.get(Text::InDays), strings.days(n)),
        (ItemKind::PlanEnding, _) => format!("{} {}", strings.get(Text::Ended), strings.days(n)),
        (_, d) if d > 0 => format!("{} {}", strings.get(Text::InDays), strings.days(n)),
        _ => format!("{} {}", strings.get(Text::Overdue), strings.days(n)),
    }
}

/// What the item is: the plan's number or the application, and the date that matters.
fn what(strings: &Strings, item: &Item) -> String {
    let number = item.plan_number.as_deref().map(safe).unwrap_or_default();
    match item.kind {
        ItemKind::ApplicationDeadline => format!("{} {}", strings.get(Text::Deadline), item.date),
        ItemKind::PlanEnding => format!("{number}, {} {}", strings.get(Text::Until), item.date),
        ItemKind::MonitoringDue | ItemKind::FollowUpDue => {
            format!("{number}, {} {}", strings.get(Text::Due), item.date)
        }
        // Waiting or untouched since the last change.
        ItemKind::AwaitingApproval | ItemKind::UnfinishedDraft => {
            format!("{number}, {} {}", strings.get(Text::Since), item.date)
        }
    }
}

impl DashboardView {
    fn items<'a>(&'a self, strings: &Strings, approves: bool) -> Vec<&'a Item> {
        self.board
            .as_ref()
            .map(|b| sections(b, strings, approves).into_iter().flat_map(|(_, items)| items.iter()).collect())
            .unwrap_or_default()
    }

    fn load(&mut self, cx: &mut Ctx<'_>) {
        self.reports_allowed = cx.me.can(Permission::ViewReports);
        self.loading = true;
        cx.send(Effect::Job(Job::LoadDashboard { today: cx.today }));
    }

    fn draw_lists(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let theme = cx.theme;
        let mut title =
            format!("{} {} {}, {}", cx.strings.get(Text::Dashboard), theme.dash(), safe(&cx.me.login), cx.today);
        if self.loading && self.board.is_some() {
            title.push_str(&format!(" ({}{})", cx.strings.get(Text::Refreshing), theme.ellipsis()));
        }
        let outer = block(theme, &title, true);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let Some(board) = &self.board else {
            let text = format!("{}{}", cx.strings.get(Text::DashboardLoading), theme.ellipsis());
            frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), inner);
            return;
        };
        let width = inner.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        if !board.freed_places.is_empty() {
            let count = board.freed_places.len().to_string();
            let head = fit(theme, cx.strings.get(Text::FreedPlaces), width.saturating_sub(list::width(&count) + 1));
            let pad = width.saturating_sub(list::width(&head) + list::width(&count));
            lines.push(Line::styled(format!("{head}{:pad$}{count}", ""), theme.label()));
            for f in &board.freed_places {
                let text = cx.strings.freed_place(
                    &safe(&f.service_name),
                    f.remaining,
                    &safe(&f.first.resident_name),
                    &f.first.filed_on.to_string(),
                    f.waiting,
                );
                lines.push(Line::raw(fit(theme, &format!("  {text}"), width)));
            }
        }
        let mut selected_line = 0;
        let mut n = 0;
        let sections = sections(board, cx.strings, cx.me.can(Permission::ApprovePlan));
        // The widest count sets the column ("po terminie 154 dni"), so the names stay in line.
        let when_width = sections
            .iter()
            .flat_map(|(_, items)| items.iter())
            .map(|item| list::width(&when(cx.strings, item)))
            .max()
            .unwrap_or(0)
            .max(WHEN_WIDTH);
        for (heading, items) in sections {
            let count =
                if items.is_empty() { cx.strings.get(Text::NoneDue).to_string() } else { items.len().to_string() };
            let head = fit(theme, heading, width.saturating_sub(list::width(&count) + 1));
            let pad = width.saturating_sub(list::width(&head) + list::width(&count));
            lines.push(Line::from(vec![
                Span::styled(head, theme.label()),
                Span::styled(format!("{:pad$}{count}", ""), if items.is_empty() { theme.dim() } else { theme.label() }),
            ]));
            for item in items {
                let is_selected = n == self.selected.at();
                if is_selected {
                    selected_line = lines.len();
                }
                let pointer = if is_selected { theme.pointer() } else { " " };
                let flag = if overdue(item) { "!" } else { " " };
                let name = cell(theme, &safe(&item.resident_name), 22);
                let text = format!(
                    "{pointer}{flag}{} {name} {}",
                    cell(theme, &when(cx.strings, item), when_width),
                    what(cx.strings, item)
                );
                let style = if is_selected {
                    theme.selected()
                } else if overdue(item) {
                    theme.error()
                } else {
                    ratatui::style::Style::new()
                };
                lines.push(Line::styled(fit(theme, &text, width), style));
                n += 1;
            }
        }
        let height = inner.height as usize;
        let top = self.selected.first_line(selected_line, height);
        let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
        frame.render_widget(Paragraph::new(shown), inner);
    }

    fn draw_counts(
        &self,
        frame: &mut Frame,
        area: Rect,
        counts: &[CoordinatorCounts],
        reminders: &[Reminder],
        cx: &DrawCtx<'_>,
    ) {
        let theme = cx.theme;
        let outer = block(theme, cx.strings.get(Text::Coordinators), false);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let header = cx.strings.get(Text::CoordinatorInProgressDraftsOverdue);
        let mut lines = vec![Line::styled(fit(theme, header, inner.width as usize), theme.label())];
        for c in counts {
            let login = if c.login.is_empty() { cx.strings.get(Text::Unassigned).to_string() } else { safe(&c.login) };
            let text = format!(
                "{:<20} {:>13} {:>7} {:>20} {:>11}",
                fit(theme, &login, 20),
                c.active_plans,
                c.drafts,
                c.overdue_applications,
                c.monitoring_due
            );
            let style = if c.overdue_applications > 0 { theme.error() } else { ratatui::style::Style::new() };
            lines.push(Line::styled(fit(theme, &text, inner.width as usize), style));
        }
        for r in reminders {
            let meeting = r.kind == ReminderKind::CoordinatorsMeeting;
            let text = crate::i18n::centre::reminder(cx.strings.lang, meeting, &r.date.to_string(), r.days);
            let style = if r.days < 0 { theme.error() } else { theme.label() };
            lines.push(Line::styled(fit(theme, &text, inner.width as usize), style));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

impl View for DashboardView {
    fn switch_action(&self) -> Action {
        Action::Dashboard
    }

    fn title(&self, strings: &Strings) -> &'static str {
        strings.get(Text::Dashboard)
    }

    fn contexts(&self) -> &'static [Context] {
        match &self.applications {
            Some(screen) => screen.contexts(),
            None => &[Context::Reports, Context::List],
        }
    }

    fn typing(&self) -> bool {
        self.applications.as_ref().is_some_and(|screen| screen.typing())
    }

    fn hints(&self) -> &'static [Action] {
        if let Some(screen) = &self.applications {
            return screen.hints();
        }
        match &self.reports {
            Some(screen) => screen.hints(),
            None if self.reports_allowed => {
                &[Action::Open, Action::OpenApplications, Action::OpenReports, Action::Dashboard]
            }
            None => &[Action::Open, Action::OpenApplications, Action::Dashboard],
        }
    }

    fn show_application(&mut self, id: i64, cx: &mut Ctx<'_>) -> bool {
        self.reports = None;
        self.applications = Some(ApplicationsScreen::application(id, cx));
        self.opened_for_another_view = true;
        true
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        if let Some(screen) = &mut self.applications {
            if screen.handle(action, cx) {
                return true;
            }
            // Back and the dashboard's own key leave the applications; other keys go to the app.
            if !matches!(action, Action::Back | Action::Dashboard) {
                return false;
            }
            self.applications = None;
            if std::mem::take(&mut self.opened_for_another_view) && action == Action::Back {
                cx.goto(Goto::Back);
                return true;
            }
            if action == Action::Back {
                self.load(cx);
                return true;
            }
        }
        if let Some(screen) = &mut self.reports {
            if screen.handle(action, cx) {
                return true;
            }
            // Back and the dashboard's own key leave the reports; other keys go to the app.
            if !matches!(action, Action::Back | Action::Dashboard) {
                return false;
            }
            self.reports = None;
            if action == Action::Back {
                return true;
            }
        }
        let total = self.items(&cx.strings, cx.me.can(Permission::ApprovePlan)).len();
        if self.selected.handle(action, total) {
            return true;
        }
        match action {
            Action::Open => {
                let approves = cx.me.can(Permission::ApprovePlan);
                let Some(item) = self.items(&cx.strings, approves).get(self.selected.at()).copied() else {
                    return false;
                };
                match (item.plan_id, item.application_id) {
                    (Some(plan_id), _) => cx.goto(Goto::Plan { plan_id, resident_id: item.resident_id }),
                    (None, Some(id)) => {
                        self.reports = None;
                        self.applications = Some(ApplicationsScreen::application(id, cx));
                    }
                    (None, None) => cx.goto(Goto::Resident(item.resident_id)),
                }
            }
            Action::OpenApplications => {
                self.reports = None;
                self.applications = Some(ApplicationsScreen::list(cx));
            }
            // F5 on the dashboard reads it afresh.
            Action::Dashboard => self.load(cx),
            Action::OpenReports => match cx.me.require(Permission::ViewReports) {
                Ok(()) => self.reports = Some(ReportsScreen::open(cx)),
                Err(e) => cx.error(e.to_string()),
            },
            _ => return false,
        }
        true
    }

    fn update(&mut self, msg: &Msg, cx: &mut Ctx<'_>) {
        if let Some(screen) = &mut self.reports {
            screen.update(msg);
        }
        if let Some(screen) = &mut self.applications {
            screen.update(msg, cx);
        }
        let approves = cx.me.can(Permission::ApprovePlan);
        match msg {
            Msg::Dashboard(board) => {
                let was = self.items(&cx.strings, approves).get(self.selected.at()).map(|item| key(item));
                self.board = Some((**board).clone());
                self.loading = false;
                let items = self.items(&cx.strings, approves);
                let again = was.and_then(|k| items.iter().position(|item| key(item) == k));
                let at = again.unwrap_or(self.selected.at());
                self.selected.select(at, items.len());
            }
            // Only a dashboard already shown is kept fresh; nothing is read for people who never open it.
            Msg::BaseTick if self.board.is_some() && !self.loading => self.load(cx),
            // A load under way counts for the old day: read again for the new one.
            Msg::NewDay(_) if self.board.is_some() => self.load(cx),
            Msg::Failed(_) => self.loading = false,
            _ => {}
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        if let Some(screen) = &self.applications {
            screen.draw(frame, area, cx);
            return;
        }
        if let Some(screen) = &self.reports {
            screen.draw(frame, area, cx);
            return;
        }
        let counts = self.board.as_ref().map(|b| b.per_coordinator.as_slice()).unwrap_or_default();
        let reminders = self.board.as_ref().map(|b| b.reminders.as_slice()).unwrap_or_default();
        if counts.is_empty() && reminders.is_empty() {
            self.draw_lists(frame, area, cx);
            return;
        }
        let height = ((counts.len() + reminders.len()) as u16 + 3).min(area.height / 3).max(4);
        let [lists, table] = Layout::vertical([Constraint::Min(6), Constraint::Length(height)]).areas(area);
        self.draw_lists(frame, lists, cx);
        self.draw_counts(frame, table, counts, reminders, cx);
    }
}
