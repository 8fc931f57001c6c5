//! The dashboard (F5): what is due for the person at the desk, most overdue first, and for the
//! organiser the counts per coordinator. Enter opens the resident's card. The lists come from
//! [`crate::storage::dashboard`]; this view only draws them and moves the selection.

use super::View;
use crate::domain::roles::Permission;
use crate::storage::dashboard::{CoordinatorCounts, Dashboard, Item, ItemKind};
use crate::tui::action::Action;
use crate::tui::app::{Ctx, DrawCtx, Effect, Goto, Job, Msg};
use crate::tui::keymap::Context;
use crate::tui::strings::{Lang, Strings, Text};
use crate::tui::widgets::{block, fit, safe};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Debug, Default)]
pub struct DashboardView {
    board: Option<Dashboard>,
    loading: bool,
    /// Index into every item of every list, in the order drawn.
    selected: usize,
}

fn pick(strings: &Strings, pl: &'static str, en: &'static str) -> &'static str {
    match strings.lang {
        Lang::Pl => pl,
        Lang::En => en,
    }
}

fn days(strings: &Strings, n: i64) -> String {
    match (strings.lang, n) {
        (Lang::Pl, 1) => "1 dzień".into(),
        (Lang::Pl, n) => format!("{n} dni"),
        (Lang::En, 1) => "1 day".into(),
        (Lang::En, n) => format!("{n} days"),
    }
}

/// The lists in the order drawn, with their headings; approvals only for those who approve.
fn sections<'a>(board: &'a Dashboard, strings: &Strings, approves: bool) -> Vec<(&'static str, &'a [Item])> {
    let mut out = vec![
        (
            pick(
                strings,
                "Wnioski: 30 dni na sporządzenie planu (art. 40)",
                "Applications: 30 days to draft a plan (art. 40)",
            ),
            board.applications.as_slice(),
        ),
        (pick(strings, "Plany kończące się w ciągu 30 dni", "Plans ending within 30 days"), &board.plans_ending),
        (
            pick(
                strings,
                "Kontakt monitorujący (co najmniej raz na kwartał)",
                "Monitoring contact (at least quarterly)",
            ),
            &board.monitoring,
        ),
        (
            pick(strings, "Rozmowa 6 miesięcy po zakończeniu planu", "Follow-up 6 months after a plan ended"),
            &board.follow_ups,
        ),
    ];
    if approves {
        out.push((pick(strings, "Plany do zatwierdzenia", "Plans awaiting approval"), &board.awaiting_approval));
    }
    out.push((pick(strings, "Szkice bez zmian od ponad 2 dni", "Drafts untouched for over 2 days"), &board.drafts));
    out
}

/// Whether the item is past its deadline (drafts and approvals are dated by their last change).
fn overdue(item: &Item) -> bool {
    item.days < 0 && !matches!(item.kind, ItemKind::AwaitingApproval | ItemKind::UnfinishedDraft)
}

/// How urgent, in words: "po terminie 4 dni", "zostało 12 dni", "czeka 3 dni".
fn when(strings: &Strings, item: &Item) -> String {
    let n = item.days.abs();
    match (item.kind, item.days) {
        (ItemKind::AwaitingApproval, _) => format!("{} {}", pick(strings, "czeka", "waiting"), days(strings, n)),
        (ItemKind::UnfinishedDraft, _) => format!("{} {}", pick(strings, "bez zmian", "untouched"), days(strings, n)),
        (_, 0) => pick(strings, "dziś", "today").into(),
        (ItemKind::ApplicationDeadline, d) if d > 0 => {
            format!("{} {}", pick(strings, "zostało", "left"), days(strings, n))
        }
        (ItemKind::PlanEnding, d) if d > 0 => format!("{} {}", pick(strings, "za", "in"), days(strings, n)),
        (ItemKind::PlanEnding, _) => format!("{} {}", pick(strings, "po końcu", "ended"), days(strings, n)),
        (_, d) if d > 0 => format!("{} {}", pick(strings, "za", "in"), days(strings, n)),
        _ => format!("{} {}", pick(strings, "po terminie", "overdue"), days(strings, n)),
    }
}

/// What the item is: the plan's number or the application, and the date that matters.
fn what(strings: &Strings, item: &Item) -> String {
    let number = item.plan_number.as_deref().map(safe).unwrap_or_default();
    match item.kind {
        ItemKind::ApplicationDeadline => format!("{} {}", pick(strings, "termin", "deadline"), item.date),
        ItemKind::PlanEnding => format!("{number}, {} {}", pick(strings, "do", "until"), item.date),
        ItemKind::MonitoringDue | ItemKind::FollowUpDue => {
            format!("{number}, {} {}", pick(strings, "termin", "due"), item.date)
        }
        // Waiting or untouched since the last change.
        ItemKind::AwaitingApproval | ItemKind::UnfinishedDraft => {
            format!("{number}, {} {}", pick(strings, "od", "since"), item.date)
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
        self.loading = true;
        cx.send(Effect::Job(Job::LoadDashboard { today: cx.today }));
    }

    fn draw_lists(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let theme = cx.theme;
        let mut title =
            format!("{} {} {}, {}", cx.strings.get(Text::Dashboard), theme.dash(), safe(&cx.me.login), cx.today);
        if self.loading && self.board.is_some() {
            title.push_str(&format!(" ({}{})", pick(cx.strings, "odświeżanie", "refreshing"), theme.ellipsis()));
        }
        let outer = block(theme, &title, true);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let Some(board) = &self.board else {
            let text = format!("{}{}", pick(cx.strings, "Wczytywanie", "Loading"), theme.ellipsis());
            frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), inner);
            return;
        };
        let width = inner.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        let mut selected_line = 0;
        let mut n = 0;
        for (heading, items) in sections(board, cx.strings, cx.me.can(Permission::ApprovePlan)) {
            let count =
                if items.is_empty() { pick(cx.strings, "brak", "none").to_string() } else { items.len().to_string() };
            let head = fit(theme, heading, width.saturating_sub(count.chars().count() + 1));
            let pad = width.saturating_sub(head.chars().count() + count.chars().count());
            lines.push(Line::from(vec![
                Span::styled(head, theme.label()),
                Span::styled(format!("{:pad$}{count}", ""), if items.is_empty() { theme.dim() } else { theme.label() }),
            ]));
            for item in items {
                let is_selected = n == self.selected;
                if is_selected {
                    selected_line = lines.len();
                }
                let pointer = if is_selected { theme.pointer() } else { " " };
                let flag = if overdue(item) { "!" } else { " " };
                let name = fit(theme, &safe(&item.resident_name), 22);
                let text =
                    format!("{pointer}{flag}{:<18} {name:<22} {}", when(cx.strings, item), what(cx.strings, item));
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
        let top = selected_line.saturating_sub(height.saturating_sub(1));
        let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
        frame.render_widget(Paragraph::new(shown), inner);
    }

    fn draw_counts(&self, frame: &mut Frame, area: Rect, counts: &[CoordinatorCounts], cx: &DrawCtx<'_>) {
        let theme = cx.theme;
        let outer = block(theme, pick(cx.strings, "Koordynatorzy", "Coordinators"), false);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let header = pick(
            cx.strings,
            "koordynator           w realizacji  szkice  wnioski po terminie  monitoring",
            "coordinator            in progress  drafts  overdue applications  monitoring",
        );
        let mut lines = vec![Line::styled(fit(theme, header, inner.width as usize), theme.label())];
        for c in counts {
            let login = if c.login.is_empty() {
                pick(cx.strings, "(nieprzydzielone)", "(unassigned)").to_string()
            } else {
                safe(&c.login)
            };
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
        &[Context::List]
    }

    fn typing(&self) -> bool {
        false
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Open, Action::Dashboard]
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        let total = self.items(&cx.strings, cx.me.can(Permission::ApprovePlan)).len();
        let last = total.saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::Open => {
                let approves = cx.me.can(Permission::ApprovePlan);
                let Some(item) = self.items(&cx.strings, approves).get(self.selected).copied() else {
                    return false;
                };
                let target = match item.plan_id {
                    Some(plan_id) => Goto::Plan { plan_id, resident_id: item.resident_id },
                    None => Goto::Resident(item.resident_id),
                };
                cx.goto(target);
            }
            // F5 on the dashboard reads it afresh.
            Action::Dashboard => self.load(cx),
            _ => return false,
        }
        true
    }

    fn update(&mut self, msg: &Msg, cx: &mut Ctx<'_>) {
        if let Msg::Dashboard(board) = msg {
            self.board = Some((**board).clone());
            self.loading = false;
            let total = self.items(&cx.strings, cx.me.can(Permission::ApprovePlan)).len();
            self.selected = self.selected.min(total.saturating_sub(1));
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let counts = self.board.as_ref().map(|b| b.per_coordinator.as_slice()).unwrap_or_default();
        if counts.is_empty() {
            self.draw_lists(frame, area, cx);
            return;
        }
        let height = (counts.len() as u16 + 3).min(area.height / 3).max(4);
        let [lists, table] = Layout::vertical([Constraint::Min(6), Constraint::Length(height)]).areas(area);
        self.draw_lists(frame, lists, cx);
        self.draw_counts(frame, table, counts, cx);
    }
}
