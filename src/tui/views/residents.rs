//! Mieszkańcy: the search box, the results as you type, and the resident card with the actions a
//! front desk needs while the person is on the phone.

use super::View;
use super::state_text;
use crate::domain::ipus::VersionState;
use crate::domain::pesel::Pesel;
use crate::domain::roles::Permission;
use crate::domain::text::format_phone;
use crate::i18n::desk::{Strings, Text};
use crate::search::{Count, display_name};
use crate::storage::card::{Card, ContactKind};
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, DrawCtx, Goto};
use crate::tui::forms;
use crate::tui::keymap::Context;
use crate::tui::msg::{Effect, Found, Job, Msg};
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Scroll, Selection, width};
use crate::tui::widgets::popup::{FormPurpose, Popup};
use crate::tui::widgets::{block, cell, cell_right, fit, fit_line, labelled, safe, wrap_line};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Rows moved by PgUp/PgDn.
/// From this width the card opens beside the list instead of over it.
const SIDE_BY_SIDE_WIDTH: u16 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Pane {
    #[default]
    Query,
    List,
    Card,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum CardState {
    #[default]
    Closed,
    Loading(i64),
    Open {
        card: Box<Card>,
        revealed: bool,
        scroll: Scroll,
        /// Long lines wrapped whole rather than cut with an ellipsis.
        whole: bool,
    },
}

impl CardState {
    fn id(&self) -> Option<i64> {
        match self {
            CardState::Closed => None,
            CardState::Loading(id) => Some(*id),
            CardState::Open { card, .. } => Some(card.id),
        }
    }
}

#[derive(Debug, Default)]
pub struct ResidentsView {
    query: String,
    /// Bumped with every change of the query; results of an older query are dropped.
    generation: u64,
    hits: Vec<Found>,
    /// The generation `hits` answer; a newer one starts at the best match again.
    shown: u64,
    total: Count,
    /// The query was a PESEL with a wrong check digit.
    pesel_check_failed: bool,
    selected: Selection,
    /// How many residents the index holds, once loaded.
    loaded: Option<usize>,
    pane: Pane,
    card: CardState,
    /// The card was opened for another view: closing it goes back there.
    opened_for_another_view: bool,
    /// Choosing the service to qualify the card's open application for, or to refuse.
    picker: Option<super::qualify::ServicePicker>,
}

impl ResidentsView {
    fn search(&mut self, cx: &mut Ctx<'_>) {
        self.generation += 1;
        if self.query.trim().is_empty() {
            self.hits.clear();
            self.total = Count::default();
            self.pesel_check_failed = false;
            self.selected = Selection::default();
        } else {
            cx.send(Effect::Search { generation: self.generation, query: self.query.clone() });
        }
    }

    fn select(&mut self, action: Action) {
        self.selected.handle(action, self.hits.len());
    }

    fn open_card(&mut self, cx: &mut Ctx<'_>) -> bool {
        self.opened_for_another_view = false;
        let Some(found) = self.hits.get(self.selected.at()) else { return false };
        let id = found.row.id;
        self.load_card(id, cx)
    }

    fn load_card(&mut self, id: i64, cx: &mut Ctx<'_>) -> bool {
        self.card = CardState::Loading(id);
        self.pane = Pane::Card;
        cx.send(Effect::Job(Job::OpenCard { id, audit: true, today: cx.today }));
        true
    }

    fn open(&self) -> Option<&Card> {
        match &self.card {
            CardState::Open { card, .. } => Some(card),
            _ => None,
        }
    }

    fn card_action(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        let Some(card) = self.open() else {
            cx.status(cx.strings.get(Text::NoCardOpen));
            return true;
        };
        let id = card.id;
        match action {
            Action::NewVisit => match cx.me.require(Permission::RecordContact) {
                Ok(()) => cx.open(Popup::Form {
                    form: forms::visit_form(cx.today, false),
                    purpose: FormPurpose::Visit { resident_id: Some(id) },
                    saving: false,
                }),
                Err(e) => cx.error(e.to_string()),
            },
            // The form opens once the service base its rows are picked from is read.
            Action::NewApplication => match cx.me.require(Permission::RegisterApplication) {
                Ok(()) => cx.send(Effect::Job(Job::OpenApplicationForm { resident_id: id })),
                Err(e) => cx.error(e.to_string()),
            },
            // The paper the resident signs: the newest open application.
            Action::PrintApplication => match card.applications.first() {
                Some(application) => cx.send(Effect::Job(Job::PrintApplication { application_id: application.id })),
                None => cx.status(cx.strings.get(Text::NoOpenApplication)),
            },
            Action::Qualify | Action::RefuseQualification => {
                if let Err(e) = cx.me.require(Permission::Qualify) {
                    cx.error(e.to_string());
                    return true;
                }
                // The newest open application: the one the resident is at the desk about.
                let Some(application) = card.applications.first() else {
                    cx.status(cx.strings.get(Text::NoOpenApplication));
                    return true;
                };
                cx.send(Effect::Job(Job::OpenQualification {
                    application_id: application.id,
                    resident_name: format!("{} {}", card.first_name, card.last_name),
                    refusal: action == Action::RefuseQualification,
                    today: cx.today,
                    from_card: true,
                }));
            }
            Action::AddRepresentative => match cx.me.require(Permission::EditResident) {
                Ok(()) => cx.open(Popup::Form {
                    form: forms::representative_form(),
                    purpose: FormPurpose::Representative { resident_id: id },
                    saving: false,
                }),
                Err(e) => cx.error(e.to_string()),
            },
            Action::ApplicationOutcome => match cx.me.require(Permission::AssessNeeds) {
                Ok(()) => {
                    let only = match card.applications.as_slice() {
                        [one] => Some(one.id),
                        _ => None,
                    };
                    cx.open(Popup::Form {
                        form: forms::outcome_form(only),
                        purpose: FormPurpose::Outcome { resident_id: id },
                        saving: false,
                    })
                }
                Err(e) => cx.error(e.to_string()),
            },
            // An application with its outcomes: the only one, or the one picked from the card's.
            Action::OpenApplications => match card.applications.as_slice() {
                [] => cx.status(cx.strings.get(Text::NoOpenApplication)),
                [only] => cx.goto(Goto::Application(only.id)),
                several => {
                    let rows = several
                        .iter()
                        .map(|a| safe(&cx.strings.application_line(a.id, &a.filed_on, &a.state, &a.summary)))
                        .collect();
                    cx.open(Popup::Choose {
                        title: Text::PickApplicationTitle,
                        rows,
                        list: Selection::default(),
                        choice: crate::tui::widgets::popup::Choice::Application,
                    });
                }
            },
            Action::RevealPesel | Action::CopyPesel if card.pesel.is_empty() => {
                cx.status(cx.strings.get(Text::NoPesel))
            }
            Action::RevealPesel => cx.send(Effect::Job(Job::RevealPesel(id))),
            Action::CopyPesel => cx.send(Effect::Job(Job::CopyPesel(id))),
            Action::CopyPhone if card.phone.is_empty() => cx.status(cx.strings.get(Text::NoPhone)),
            Action::CopyPhone => {
                let phone = card.phone.clone();
                cx.send(Effect::Clipboard(phone));
                cx.status(cx.strings.get(Text::PhoneCopied));
            }
            _ => return false,
        }
        true
    }

    /// A walk-in not found by the search: the registration form, prefilled from the query.
    fn register(&mut self, cx: &mut Ctx<'_>) {
        match cx.me.require(Permission::EditResident) {
            Ok(()) => cx.open(Popup::Form {
                form: forms::resident_form(&self.query),
                purpose: FormPurpose::Resident,
                saving: false,
            }),
            Err(e) => cx.error(e.to_string()),
        }
    }

    /// "Informacja bez rejestracji": topic, channel and referral, no personal data.
    fn enquiry(&mut self, cx: &mut Ctx<'_>) {
        match cx.me.require(Permission::RecordContact) {
            Ok(()) => cx.open(Popup::Form {
                form: forms::visit_form(cx.today, true),
                purpose: FormPurpose::Visit { resident_id: None },
                saving: false,
            }),
            Err(e) => cx.error(e.to_string()),
        }
    }

    fn panes(&self) -> Vec<Pane> {
        let mut panes = vec![Pane::Query, Pane::List];
        if self.card != CardState::Closed {
            panes.push(Pane::Card);
        }
        panes
    }
}

impl View for ResidentsView {
    fn switch_action(&self) -> Action {
        Action::Residents
    }

    fn title(&self, strings: &Strings) -> &'static str {
        strings.get(Text::Residents)
    }

    fn contexts(&self) -> &'static [Context] {
        if self.picker.is_some() {
            return &[Context::Search, Context::List];
        }
        match self.pane {
            Pane::Query => &[Context::Search, Context::List],
            Pane::List => &[Context::List],
            Pane::Card => &[Context::Card],
        }
    }

    fn typing(&self) -> bool {
        self.picker.is_some() || self.pane == Pane::Query
    }

    fn hints(&self) -> &'static [Action] {
        if self.picker.is_some() {
            return &[Action::Down, Action::Open, Action::Back];
        }
        match self.pane {
            // Nobody found: the way on is to register the person or log an enquiry.
            Pane::Query if !self.query.trim().is_empty() && self.hits.is_empty() && self.loaded.is_some() => {
                &[Action::RegisterResident, Action::AnonymousEnquiry, Action::ClearQuery]
            }
            Pane::Query => &[Action::Open, Action::ClearQuery],
            Pane::List => &[Action::Open, Action::FocusSearch],
            Pane::Card => &[
                Action::NewVisit,
                Action::ShowWhole,
                Action::RevealPesel,
                Action::CopyPhone,
                Action::CopyPesel,
                Action::Back,
            ],
        }
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        if let Some(picker) = &mut self.picker {
            // The app keeps its own keys (help, other views, quit) while the picker is open.
            if !action.is_for_a_picker() {
                return false;
            }
            if picker.handle(action, cx) {
                self.picker = None;
            }
            return true;
        }
        match (self.pane, action) {
            (Pane::Query | Pane::List, Action::Type(c)) => {
                self.query.push(c);
                self.pane = Pane::Query;
                self.search(cx);
            }
            // The next caller's name typed on a card is a new search, never a card command.
            (Pane::Card, Action::Type(c)) => {
                self.card = CardState::Closed;
                self.opened_for_another_view = false;
                self.query = c.to_string();
                self.pane = Pane::Query;
                self.search(cx);
            }
            // F2 always lands in the search box, ready for the next name.
            (_, Action::Residents) => {
                self.pane = Pane::Query;
                return false;
            }
            (Pane::Query, Action::DeleteBack) => {
                self.query.pop();
                self.search(cx);
            }
            (_, Action::ClearQuery) => {
                self.query.clear();
                self.search(cx);
            }
            (Pane::Query, Action::Back) if !self.query.is_empty() => {
                self.query.clear();
                self.search(cx);
            }
            (Pane::List, Action::Back) => self.pane = Pane::Query,
            (Pane::Card, Action::Back) => {
                self.card = CardState::Closed;
                self.pane = Pane::Query;
                if std::mem::take(&mut self.opened_for_another_view) {
                    cx.goto(Goto::Back);
                }
            }
            (
                Pane::Query | Pane::List,
                Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First | Action::Last,
            ) => self.select(action),
            (Pane::Card, Action::Up | Action::Down) => {
                if let CardState::Open { scroll, .. } = &mut self.card {
                    scroll.handle(action);
                }
            }
            (Pane::Card, Action::ShowWhole) => {
                if let CardState::Open { whole, scroll, .. } = &mut self.card {
                    *whole = !*whole;
                    scroll.reset();
                }
            }
            (Pane::Query | Pane::List, Action::Open) => return self.open_card(cx),
            (Pane::Query | Pane::List, Action::RegisterResident) => self.register(cx),
            (Pane::Query | Pane::List, Action::AnonymousEnquiry) => self.enquiry(cx),
            (_, Action::FocusSearch) => self.pane = Pane::Query,
            (_, Action::FocusList) => self.pane = Pane::List,
            (_, Action::NextPane | Action::PrevPane) => {
                let panes = self.panes();
                let at = panes.iter().position(|p| *p == self.pane).unwrap_or(0);
                let step = if action == Action::NextPane { 1 } else { panes.len() - 1 };
                self.pane = panes[(at + step) % panes.len()];
            }
            (
                Pane::Card,
                Action::NewVisit
                | Action::NewApplication
                | Action::Qualify
                | Action::RefuseQualification
                | Action::ApplicationOutcome
                | Action::AddRepresentative
                | Action::OpenApplications
                | Action::PrintApplication
                | Action::RevealPesel
                | Action::CopyPhone
                | Action::CopyPesel,
            ) => {
                return self.card_action(action, cx);
            }
            _ => return false,
        }
        true
    }

    fn chosen(&mut self, choice: crate::tui::widgets::popup::Choice, row: usize, cx: &mut Ctx<'_>) {
        if choice != crate::tui::widgets::popup::Choice::Application {
            return;
        }
        if let Some(application) = self.open().and_then(|card| card.applications.get(row)) {
            cx.goto(Goto::Application(application.id));
        }
    }

    fn show_resident(&mut self, id: i64, cx: &mut Ctx<'_>) -> bool {
        self.opened_for_another_view = true;
        self.load_card(id, cx)
    }

    fn update(&mut self, msg: &Msg, cx: &mut Ctx<'_>) {
        match msg {
            Msg::IndexReady { count } => self.loaded = Some(*count),
            Msg::Found { generation, hits, total, pesel_check_failed } if *generation == self.generation => {
                // The same query answered again (residents changed elsewhere): stay on the same person.
                let keep = self.hits.get(self.selected.at()).map(|f| f.row.id).filter(|_| self.shown == *generation);
                self.shown = *generation;
                self.hits = hits.clone();
                self.total = *total;
                self.pesel_check_failed = *pesel_check_failed;
                let at = keep.and_then(|id| self.hits.iter().position(|f| f.row.id == id)).unwrap_or(0);
                self.selected.select(at, self.hits.len());
            }
            Msg::Card(card) if self.card.id() == Some(card.id) => {
                let revealed = matches!(self.card, CardState::Open { revealed: true, .. });
                self.card = CardState::Open { card: card.clone(), revealed, scroll: Scroll::default(), whole: false };
            }
            Msg::PeselRevealed(id) => {
                if let CardState::Open { card, revealed, .. } = &mut self.card
                    && card.id == *id
                {
                    *revealed = true;
                    cx.status(cx.strings.get(Text::PeselRevealed));
                }
            }
            // The card on screen was changed at another desk: read it again (not a new look).
            Msg::Changed(ids) if matches!(&self.card, CardState::Open { card, .. } if ids.contains(&card.id)) => {
                if let Some(id) = self.card.id() {
                    cx.send(Effect::Job(Job::OpenCard { id, audit: false, today: cx.today }));
                }
            }
            Msg::Failed(_) if matches!(self.card, CardState::Loading(_)) => {
                self.card = CardState::Closed;
                self.pane = Pane::Query;
            }
            Msg::ApplicationForm { resident_id, catalogue } if self.card.id() == Some(*resident_id) => {
                let mut form = forms::application_form(cx.today, forms::ApplicationParts::of(cx.me));
                form.catalogue = catalogue.clone();
                if let Some(card) = self.open() {
                    form = form.about(safe(&format!("{} {}", card.first_name, card.last_name)));
                }
                cx.open(Popup::Form {
                    form,
                    purpose: FormPurpose::Application { resident_id: *resident_id },
                    saving: false,
                });
            }
            Msg::ApplicationPrinted { application_id, output } => {
                cx.status(cx.strings.application_printed(*application_id));
                if !output.is_empty() {
                    cx.open(Popup::Notice { title: Text::PrintOutputTitle, message: output.clone() });
                }
            }
            Msg::QualificationServices(start) if start.from_card => {
                self.picker = Some(super::qualify::ServicePicker::new((**start).clone()));
            }
            Msg::BaseSaved(_) => {
                if let Some(id) = self.card.id() {
                    cx.send(Effect::Job(Job::OpenCard { id, audit: false, today: cx.today }));
                }
            }
            Msg::ResidentRegistered { id } => {
                self.load_card(*id, cx);
            }
            Msg::ApplicationClosed { resident_id } | Msg::RepresentativeAdded { resident_id }
                if self.card.id() == Some(*resident_id) =>
            {
                cx.send(Effect::Job(Job::OpenCard { id: *resident_id, audit: false, today: cx.today }));
            }
            Msg::VisitSaved { resident_id: Some(id) } if self.card.id() == Some(*id) => {
                cx.send(Effect::Job(Job::OpenCard { id: *id, audit: false, today: cx.today }));
            }
            _ => {}
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let [search, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
        self.draw_search(frame, search, cx);
        let card_shown = self.card != CardState::Closed;
        if card_shown && area.width >= SIDE_BY_SIDE_WIDTH {
            let [list, card] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(rest);
            self.draw_list(frame, list, cx);
            self.draw_card(frame, card, cx);
        } else if card_shown && self.pane == Pane::Card {
            self.draw_card(frame, rest, cx);
        } else {
            self.draw_list(frame, rest, cx);
        }
        if let Some(picker) = &self.picker {
            picker.draw(frame, rest, cx);
        }
    }
}

impl ResidentsView {
    fn draw_search(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let (theme, strings) = (cx.theme, cx.strings);
        let outer = block(theme, strings.get(Text::Search), self.pane == Pane::Query);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let count = match self.loaded {
            None => strings.get(Text::Loading).to_string(),
            Some(n) if self.query.trim().is_empty() => strings.residents_loaded(n),
            Some(_) if self.pesel_check_failed => strings.get(Text::PeselNearest).to_string(),
            Some(_) => strings.shown_of_count(self.hits.len(), self.total.n, self.total.more),
        };
        let count_width = width(&count) as u16 + 1;
        let query_width = inner.width.saturating_sub(count_width + 1) as usize;
        let shown: String = {
            let skip = self.query.chars().count().saturating_sub(query_width.saturating_sub(1));
            self.query.chars().skip(skip).collect()
        };
        let query_line = if self.query.is_empty() {
            Line::styled(fit(theme, strings.get(Text::SearchPlaceholder), query_width), theme.dim())
        } else {
            Line::raw(shown.clone())
        };
        let [q, c] = Layout::horizontal([Constraint::Min(1), Constraint::Length(count_width)]).areas(inner);
        frame.render_widget(Paragraph::new(query_line), q);
        frame.render_widget(Paragraph::new(Line::styled(count, theme.label())).right_aligned(), c);
        if self.pane == Pane::Query {
            frame.set_cursor_position(Position::new(q.x + shown.chars().count() as u16, q.y));
        }
    }

    fn draw_list(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let (theme, strings) = (cx.theme, cx.strings);
        let outer = block(theme, strings.get(Text::Residents), self.pane == Pane::List);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let width = inner.width as usize;
        let fixed = 2 + 11 + 4 + 3;
        let place_w = (width.saturating_sub(fixed) * 2 / 5).max(8);
        let name_w = width.saturating_sub(fixed + place_w);
        let mut lines = vec![Line::styled(
            format!(
                "  {} {} {} {}",
                cell(theme, strings.get(Text::ColName), name_w),
                cell(theme, strings.get(Text::ColPesel), 11),
                cell_right(theme, strings.get(Text::ColAge), 4),
                fit(theme, strings.get(Text::ColPlace), place_w)
            ),
            theme.label(),
        )];
        let rows = inner.height.saturating_sub(1) as usize;
        if self.hits.is_empty() {
            let note = match self.loaded {
                None => Text::Loading,
                Some(_) if self.query.trim().is_empty() => Text::TypeToSearch,
                Some(_) => Text::NoMatches,
            };
            lines.push(Line::styled(format!("  {}", strings.get(note)), theme.dim()));
        }
        for (i, found) in self.selected.window(&self.hits, rows) {
            let mark = if found.sounds_alike { strings.get(Text::SoundsAlike) } else { "" };
            lines.push(result_line(found, mark, i == self.selected.at(), theme, cx.today, name_w, place_w));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn draw_card(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let (theme, strings) = (cx.theme, cx.strings);
        let outer = block(theme, strings.get(Text::Card), self.pane == Pane::Card);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let width = inner.width as usize;
        let (lines, scroll) = match &self.card {
            CardState::Open { card, revealed, scroll, whole } => {
                let lines = card_lines(card, *revealed, *whole, cx).into_iter();
                let lines: Vec<Line<'static>> = if *whole {
                    lines.flat_map(|l| wrap_line(l, width)).collect()
                } else {
                    lines.map(|l| fit_line(theme, l, width)).collect()
                };
                (lines, Some(scroll))
            }
            _ => (vec![Line::styled(strings.get(Text::CardLoading), theme.dim())], None),
        };
        let top = scroll.map_or(0, |s| s.top(lines.len(), inner.height as usize));
        frame.render_widget(Paragraph::new(lines).scroll((top, 0)), inner);
    }
}

fn age(pesel: &str, birth_date: Option<&str>, today: NaiveDate) -> Option<u32> {
    Pesel::parse(pesel).ok().map(|p| p.age_on(today)).or_else(|| {
        birth_date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).and_then(|d| today.years_since(d))
    })
}

/// `mark` says why a resident is on the list when the name alone does not show it.
fn result_line(
    found: &Found,
    mark: &str,
    selected: bool,
    theme: &Theme,
    today: NaiveDate,
    name_w: usize,
    place_w: usize,
) -> Line<'static> {
    let base = if selected { theme.selected() } else { Style::new() };
    let matched = if selected { base.add_modifier(Modifier::UNDERLINED) } else { theme.matched() };
    let row = &found.row;
    let pointer = if selected { theme.pointer() } else { " " };
    let mut spans = vec![Span::styled(format!("{pointer} "), base)];
    let name = safe(&display_name(row));
    let cut = width(&name) > name_w;
    let keep = if cut { name_w.saturating_sub(width(theme.ellipsis())) } else { name_w };
    let mut run = String::new();
    let mut run_matched = false;
    let mut used = 0;
    for (i, c) in name.chars().enumerate() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > keep {
            break;
        }
        used += w;
        let m = found.name_matches.contains(&i);
        if m != run_matched && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_matched { matched } else { base }));
        }
        run_matched = m;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_matched { matched } else { base }));
    }
    let tail = if cut { theme.ellipsis().to_string() } else { String::new() };
    let pad = name_w.saturating_sub(used + width(&tail));
    let pesel = if row.pesel.is_empty() { String::new() } else { theme.mask_pesel(&safe(&row.pesel)) };
    let age = age(&row.pesel, None, today).map(|a| a.to_string()).unwrap_or_default();
    let place = if mark.is_empty() { safe(&row.city) } else { format!("{mark} · {}", safe(&row.city)) };
    spans.push(Span::styled(format!("{tail}{:pad$} {pesel:<11} {age:>4} {}", "", cell(theme, &place, place_w)), base));
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let line_width = 2 + name_w + 1 + 11 + 1 + 4 + 1 + place_w;
    spans.push(Span::styled(" ".repeat(line_width.saturating_sub(used)), base));
    Line::from(spans)
}

/// `whole` also unfolds the ended plans, which otherwise are one line with their count.
fn card_lines(card: &Card, revealed: bool, whole: bool, cx: &DrawCtx<'_>) -> Vec<Line<'static>> {
    let (theme, s) = (cx.theme, cx.strings);
    let w = 9;
    let none = || Span::styled(s.get(Text::None).to_string(), theme.dim());
    let value = |text: String| if text.is_empty() { none() } else { Span::raw(text) };
    let mut lines = vec![Line::styled(safe(&format!("{} {}", card.last_name, card.first_name)), theme.title())];
    let pesel = if card.pesel.is_empty() {
        String::new()
    } else if revealed {
        safe(&card.pesel)
    } else {
        theme.mask_pesel(&safe(&card.pesel))
    };
    let age = age(&card.pesel, card.birth_date.as_deref(), cx.today).map(|a| s.age(a)).unwrap_or_default();
    let mut pesel_line = labelled(theme, s.get(Text::Pesel), w, value(pesel));
    pesel_line.spans.push(Span::styled(format!("   {} ", s.get(Text::Age)), theme.label()));
    pesel_line.spans.push(value(age));
    lines.push(pesel_line);
    let address = crate::domain::resident::format_address(
        &card.street,
        &card.house_no,
        &card.flat_no,
        &card.postal_code,
        &card.city,
    );
    lines.push(labelled(theme, s.get(Text::Address), w, value(safe(&address))));
    let gmina = match &card.gmina {
        Some(g) => value(safe(g)),
        None => Span::styled(s.get(Text::GminaUnknown), theme.dim()),
    };
    lines.push(labelled(theme, s.get(Text::Gmina), w, gmina));
    let mut phone_line = labelled(theme, s.get(Text::Phone), w, value(safe(&format_phone(&card.phone))));
    phone_line.spans.push(Span::styled(format!("   {} ", s.get(Text::Email)), theme.label()));
    phone_line.spans.push(value(safe(&card.email)));
    lines.push(phone_line);

    lines.push(Line::styled(s.get(Text::Representative), theme.label()));
    if card.representatives.is_empty() {
        lines.push(Line::from(vec![Span::raw("  "), none()]));
    }
    for r in &card.representatives {
        let kind = if r.kind == "przedstawiciel_ustawowy" { Text::LegalRepresentative } else { Text::DeFactoCarer };
        let phone = if r.phone.is_empty() { String::new() } else { format!(", {}", format_phone(&r.phone)) };
        let email = if r.email.is_empty() { String::new() } else { format!(", {}", r.email) };
        lines.push(Line::raw(safe(&format!("  {} ({}){phone}{email}", r.full_name, s.get(kind)))));
    }

    lines.push(Line::styled(s.get(Text::ActivePlans), theme.label()));
    if card.plans.is_empty() && card.qualifications.is_empty() {
        lines.push(Line::from(vec![Span::raw("  "), none()]));
    }
    for p in &card.plans {
        let state = VersionState::from_code(&p.state).map_or(p.state.as_str(), |v| s.get(state_text(v)));
        let text = s.plan_line(&p.number, p.version, state, &p.period_start, &p.period_end);
        lines.push(Line::raw(format!("  {}", safe(&text))));
    }
    for q in &card.qualifications {
        let text = s.qualification_line(
            &q.service_name,
            q.amount.units,
            &q.unit,
            crate::domain::ipus::per_label(q.amount.per),
            q.span.start,
            q.span.end,
        );
        lines.push(Line::raw(format!("  {}", safe(&text))));
    }

    if whole {
        for p in &card.ended_plans {
            let state = VersionState::from_code(&p.state).map_or(p.state.as_str(), |v| s.get(state_text(v)));
            let text = s.plan_line(&p.number, p.version, state, &p.period_start, &p.period_end);
            lines.push(Line::styled(format!("  {}", safe(&text)), theme.dim()));
        }
    } else if !card.ended_plans.is_empty() {
        lines.push(Line::styled(format!("  {}", s.ended_plans(card.ended_plans.len())), theme.dim()));
    }

    // Nothing granted and nothing awaited is already said by the plans' "brak"; the rows go to
    // the applications and contacts.
    if !card.in_force.is_empty() || !card.waiting.is_empty() {
        lines.push(Line::styled(s.get(Text::InForce), theme.label()));
    }
    for f in &card.in_force {
        let text = s.in_force_line(
            &f.service_name,
            f.provider_name.as_deref(),
            f.amount.units,
            f.amount.per.code(),
            f.used,
            f.granted,
        );
        lines.push(Line::raw(format!("  {}", safe(&text))));
    }
    for w in &card.waiting {
        lines.push(Line::raw(format!("  {}", safe(&s.waiting_place(&w.service_name, w.position, w.filed_on)))));
    }

    lines.push(Line::styled(s.get(Text::Applications), theme.label()));
    if card.applications.is_empty() {
        lines.push(Line::from(vec![Span::raw("  "), none()]));
    }
    for a in &card.applications {
        let deadline = NaiveDate::parse_from_str(&a.filed_on, "%Y-%m-%d")
            .map(|filed| {
                let left = (crate::domain::plan::drafting_deadline(filed) - cx.today).num_days();
                format!(" · {}", s.deadline_in(left))
            })
            .unwrap_or_default();
        let deadline = if a.awaiting_answer { deadline } else { String::new() };
        let line = s.application_line(a.id, &a.filed_on, &a.state, &a.summary);
        lines.push(Line::raw(safe(&format!("  {line}{deadline}"))));
    }

    lines.push(Line::styled(s.get(Text::LastContacts), theme.label()));
    if card.contacts.is_empty() {
        lines.push(Line::from(vec![Span::raw("  "), none()]));
    }
    let arrow = if theme.ascii { "->" } else { "→" };
    for c in &card.contacts {
        let kind = match c.kind {
            ContactKind::Visit => s.get(Text::Visit),
            ContactKind::Monitoring => s.get(Text::Monitoring),
        };
        let referral = if c.referral.is_empty() { String::new() } else { format!(" {arrow} {}", c.referral) };
        lines.push(Line::raw(safe(&format!("  {} {kind} ({}): {}{referral}", c.on, s.channel(&c.channel), c.what))));
    }

    if let Some(sens) = &card.sensitive {
        lines.push(Line::styled(s.get(Text::SpecialCategory), theme.label()));
        let disability = [sens.disability.as_str(), sens.disability_degree.as_str()]
            .iter()
            .filter(|t| !t.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let present: Vec<(Text, String)> = [
            (Text::Disability, disability),
            (Text::Dependency, sens.dependency.clone()),
            (Text::Health, sens.health.clone()),
        ]
        .into_iter()
        .filter(|(_, text)| !text.is_empty())
        .collect();
        if present.is_empty() {
            lines.push(Line::from(vec![Span::raw("  "), none()]));
        }
        for (label, text) in present {
            lines.push(labelled(theme, &format!("  {}", s.get(label)), 19, Span::raw(safe(&text))));
        }
    }
    lines
}
