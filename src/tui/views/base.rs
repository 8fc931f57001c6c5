//! Baza usług: the live service base. The table shows what can still be granted, recomputed by
//! the worker whenever another desk commits (checked every two seconds) without moving the
//! selection off the service being looked at; a key freezes it while someone reads.

use super::View;
use crate::domain::quota::PoolStatus;
use crate::domain::roles::Permission;
use crate::i18n::desk::{Strings, Text};
use crate::storage::base::{self, Filter, ServiceDetail, ServiceRow, SortKey};
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, DrawCtx};
use crate::tui::forms;
use crate::tui::keymap::Context;
use crate::tui::msg::{Effect, Job, Msg};
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Scroll, Selection};
use crate::tui::widgets::popup::{Choice, FormPurpose, Popup};
use crate::tui::widgets::{self, block, fit, labelled, safe};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// From this width the detail opens beside the table instead of over it.
const SIDE_BY_SIDE_WIDTH: u16 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Pane {
    Filter,
    #[default]
    Table,
    Detail,
}

#[derive(Debug, Default)]
pub struct BaseView {
    details: Vec<ServiceDetail>,
    /// The details as residents of the gmina the filter names see them (`gmina:`), if it names one.
    seen: Option<Vec<ServiceDetail>>,
    loaded: bool,
    loading: bool,
    frozen: bool,
    /// Changes arrived while frozen.
    stale: bool,
    query: String,
    only_remaining: bool,
    open_now: bool,
    sort: Option<(SortKey, bool)>,
    /// The selected service's id: kept across refreshes and re-sorting.
    selected: Option<i64>,
    /// Moves the selection and remembers the table's page size.
    list: Selection,
    pane: Pane,
    scroll: Scroll,
}

impl BaseView {
    fn visible(&self) -> Vec<&ServiceDetail> {
        let filter = Filter { has_remaining: self.only_remaining, ..Filter::parse_line(&self.query) };
        let mut shown: Vec<&ServiceDetail> = filter
            .apply_by(self.seen.as_ref().unwrap_or(&self.details), |d| &d.row)
            .into_iter()
            .filter(|d| !self.open_now || d.row.open_now == Some(true))
            .collect();
        let (key, descending) = self.sort.unwrap_or((SortKey::Name, false));
        base::sort_by_row(&mut shown, |d| &d.row, key, descending);
        shown
    }

    fn selected_index(&self, shown: &[&ServiceDetail]) -> usize {
        self.selected.and_then(|id| shown.iter().position(|d| d.row.id == id)).unwrap_or(0)
    }

    fn current(&self) -> Option<&ServiceDetail> {
        let shown = self.visible();
        shown.get(self.selected_index(&shown)).copied()
    }

    /// Recomputes the rows a `gmina:` word asks for, from the details loaded.
    fn see(&mut self) {
        let filter = Filter::parse_line(&self.query);
        self.seen = filter.gmina.is_some().then(|| {
            self.details
                .iter()
                .filter_map(|d| {
                    base::seen_by(&d.row, |g| filter.in_gmina(g)).map(|row| ServiceDetail { row, ..d.clone() })
                })
                .collect()
        });
    }

    /// Follows a change of the filter or of the rows: the gmina's view, then the selection on a
    /// shown service, the same one if it is still shown.
    fn settle_selection(&mut self) {
        self.see();
        let shown = self.visible();
        let at = self.selected_index(&shown);
        self.selected = shown.get(at).map(|d| d.row.id);
    }

    fn select(&mut self, action: Action) {
        let shown = self.visible();
        let mut list = self.list.clone();
        list.select(self.selected_index(&shown), shown.len());
        list.handle(action, shown.len());
        self.selected = shown.get(list.at()).map(|d| d.row.id);
        self.list = list;
        self.scroll.reset();
    }

    fn reload(&mut self, cx: &mut Ctx<'_>) {
        if !cx.me.can(Permission::SearchResidents) {
            return;
        }
        self.loading = true;
        cx.send(Effect::Job(Job::LoadBase { day: cx.today }));
    }

    /// Offers every sort order at once, the current one selected.
    fn ask_sort(&self, cx: &mut Ctx<'_>) {
        let (key, _) = self.sort.unwrap_or((SortKey::Name, false));
        let mut list = Selection::default();
        let rows: Vec<String> = SortKey::ALL.iter().map(|k| cx.strings.get(sort_key(*k)).to_string()).collect();
        list.select(SortKey::ALL.iter().position(|k| *k == key).unwrap_or(0), rows.len());
        cx.open(Popup::Choose { title: Text::SortByTitle, rows, list, choice: Choice::SortBy });
    }

    fn edit(&mut self, action: Action, cx: &mut Ctx<'_>) {
        let Some(service) = self.current().map(|d| d.row.clone()) else {
            cx.status(cx.strings.get(Text::NoServiceSelected));
            return;
        };
        let needed = if action == Action::RecordUsage { Permission::RecordUsage } else { Permission::EditServiceBase };
        if let Err(e) = cx.me.require(needed) {
            cx.error(e.to_string());
            return;
        }
        match action {
            Action::EditLimit => {
                let period = service
                    .pools
                    .first()
                    .map(|p| p.current.label.clone())
                    .unwrap_or_else(|| cx.today.format("%Y-%m").to_string());
                cx.open(Popup::Form {
                    form: forms::limit_form(&period).about(safe(&service.name)),
                    purpose: FormPurpose::Limit { service_id: service.id },
                    saving: false,
                });
            }
            Action::ToggleSuspend => {
                let name = safe(&service.name);
                let effect = if service.suspended {
                    crate::i18n::desk::Effect::Resume { service: &name }
                } else {
                    crate::i18n::desk::Effect::Suspend { service: &name }
                };
                let job = Job::SetSuspended { service_id: service.id, suspended: !service.suspended };
                cx.confirm(cx.strings.effect(&effect), crate::tui::widgets::popup::Confirmed::Run(job));
            }
            Action::EditService => {
                let form = forms::service_form(self.current());
                cx.open(Popup::Form {
                    form,
                    purpose: FormPurpose::Service { service_id: Some(service.id) },
                    saving: false,
                });
            }
            _ => cx.open(Popup::Form { form: forms::usage_form(cx.today), purpose: FormPurpose::Usage, saving: false }),
        }
    }
}

impl View for BaseView {
    fn switch_action(&self) -> Action {
        Action::ServiceBase
    }

    fn title(&self, strings: &Strings) -> &'static str {
        strings.get(Text::ServiceBase)
    }

    fn contexts(&self) -> &'static [Context] {
        match self.pane {
            Pane::Filter => &[Context::Search, Context::List],
            Pane::Table | Pane::Detail => &[Context::Base, Context::List],
        }
    }

    fn typing(&self) -> bool {
        self.pane == Pane::Filter
    }

    fn hints(&self) -> &'static [Action] {
        match self.pane {
            Pane::Filter => &[Action::Open, Action::ClearQuery],
            Pane::Table => &[Action::Open, Action::SortBy, Action::FreezeLive, Action::EditLimit],
            Pane::Detail => {
                &[Action::EditService, Action::AddService, Action::EditLimit, Action::RecordUsage, Action::Back]
            }
        }
    }

    fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        match (self.pane, action) {
            (_, Action::Type(c)) => {
                self.query.push(c);
                self.pane = Pane::Filter;
                self.settle_selection();
            }
            (Pane::Filter, Action::DeleteBack) => {
                self.query.pop();
                self.settle_selection();
            }
            (_, Action::ClearQuery) => {
                self.query.clear();
                self.settle_selection();
            }
            (Pane::Filter, Action::Back) if !self.query.is_empty() => {
                self.query.clear();
                self.settle_selection();
            }
            (Pane::Filter, Action::Back | Action::Open) => self.pane = Pane::Table,
            (Pane::Detail, Action::Back) => self.pane = Pane::Table,
            (Pane::Detail, Action::Up | Action::Down) => {
                self.scroll.handle(action);
            }
            (_, Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First | Action::Last) => {
                self.select(action)
            }
            (Pane::Table, Action::Open) => {
                self.scroll.reset();
                self.pane = Pane::Detail;
            }
            (_, Action::FocusSearch) => self.pane = Pane::Filter,
            (_, Action::FocusList) => self.pane = Pane::Table,
            (_, Action::NextPane | Action::PrevPane) => {
                self.pane = match (self.pane, action) {
                    (Pane::Filter, Action::NextPane) | (Pane::Detail, Action::PrevPane) => Pane::Table,
                    (Pane::Table, Action::NextPane) => Pane::Detail,
                    _ => Pane::Filter,
                }
            }
            (_, Action::FreezeLive) => {
                self.frozen = !self.frozen;
                if !self.frozen && self.stale {
                    self.stale = false;
                    self.reload(cx);
                }
            }
            (_, Action::SortBy) => self.ask_sort(cx),
            (_, Action::SortReverse) => {
                let (key, descending) = self.sort.unwrap_or((SortKey::Name, false));
                self.sort = Some((key, !descending));
            }
            (_, Action::FilterRemaining) => {
                self.only_remaining = !self.only_remaining;
                self.settle_selection();
            }
            (_, Action::FilterOpenNow) => {
                self.open_now = !self.open_now;
                self.settle_selection();
            }
            (_, Action::EditLimit | Action::ToggleSuspend | Action::RecordUsage | Action::EditService) => {
                self.edit(action, cx)
            }
            (_, Action::AddService) => match cx.me.require(Permission::EditServiceBase) {
                Ok(()) => cx.open(Popup::Form {
                    form: forms::service_form(None),
                    purpose: FormPurpose::Service { service_id: None },
                    saving: false,
                }),
                Err(e) => cx.error(e.to_string()),
            },
            _ => return false,
        }
        true
    }

    fn chosen(&mut self, choice: Choice, row: usize, _cx: &mut Ctx<'_>) {
        if choice != Choice::SortBy {
            return;
        }
        if let Some(key) = SortKey::ALL.get(row) {
            let (_, descending) = self.sort.unwrap_or((SortKey::Name, false));
            self.sort = Some((*key, descending));
            self.settle_selection();
        }
    }

    fn update(&mut self, msg: &Msg, cx: &mut Ctx<'_>) {
        match msg {
            Msg::BaseTick if self.frozen => self.stale |= self.loaded,
            Msg::BaseTick if !self.loading => self.reload(cx),
            Msg::BaseLoaded(details) => {
                self.details = (**details).clone();
                self.loaded = true;
                self.loading = false;
                self.settle_selection();
            }
            Msg::BaseSaved(_) => self.reload(cx),
            Msg::Failed(_) => self.loading = false,
            _ => {}
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let [filter, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
        let shown = self.visible();
        self.draw_filter(frame, filter, cx, shown.len());
        let current = shown.get(self.selected_index(&shown)).copied();
        if self.pane == Pane::Detail && area.width >= SIDE_BY_SIDE_WIDTH {
            let [table, detail] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(rest);
            self.draw_table(frame, table, cx, &shown);
            self.draw_detail(frame, detail, cx, current);
        } else if self.pane == Pane::Detail {
            self.draw_detail(frame, rest, cx, current);
        } else {
            self.draw_table(frame, rest, cx, &shown);
        }
    }
}

/// A column of the table: what it shows and how wide it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Today,
    Unit,
    Provider,
    People,
    Granted,
    Used,
    Remaining,
    Waiting,
    Fee,
    Status,
}

impl Column {
    fn width(self) -> usize {
        match self {
            Column::Today => 12,
            Column::Unit => 10,
            Column::Provider => 18,
            Column::People => 4,
            Column::Granted => 7,
            Column::Used => 5,
            Column::Remaining => 6,
            Column::Waiting => 6,
            Column::Fee => 18,
            Column::Status => 10,
        }
    }

    fn header(self) -> Text {
        match self {
            Column::Today => Text::ColToday,
            Column::Unit => Text::ColUnit,
            Column::Provider => Text::ColProvider,
            Column::People => Text::ColPeople,
            Column::Granted => Text::ColGranted,
            Column::Used => Text::ColUsed,
            Column::Remaining => Text::ColRemaining,
            Column::Waiting => Text::ColWaiting,
            Column::Fee => Text::ColFee,
            Column::Status => Text::ColStatus,
        }
    }

    fn numeric(self) -> bool {
        matches!(self, Column::People | Column::Granted | Column::Used | Column::Remaining | Column::Waiting)
    }

    /// `text` in this column: cut to its width, numbers to the right.
    fn cell(self, theme: &Theme, text: &str) -> String {
        if self.numeric() {
            widgets::cell_right(theme, text, self.width())
        } else {
            widgets::cell(theme, text, self.width())
        }
    }
}

/// Name width never goes below this when choosing columns.
const NAME_MIN: usize = 22;
const ALWAYS: [Column; 6] =
    [Column::Today, Column::People, Column::Granted, Column::Used, Column::Remaining, Column::Status];
/// Added in this order while the terminal is wide enough.
const WHEN_WIDE: [Column; 4] = [Column::Provider, Column::Waiting, Column::Unit, Column::Fee];

/// The columns that fit `width`, in display order, and the width left for the name.
fn columns(width: usize) -> (Vec<Column>, usize) {
    let cost = |cols: &[Column]| 2 + cols.iter().map(|c| c.width() + 1).sum::<usize>();
    let mut chosen: Vec<Column> = ALWAYS.to_vec();
    for extra in WHEN_WIDE {
        let mut trial = chosen.clone();
        trial.push(extra);
        if cost(&trial) + NAME_MIN <= width {
            chosen = trial;
        }
    }
    let order = [
        Column::Unit,
        Column::Provider,
        Column::Today,
        Column::Fee,
        Column::People,
        Column::Granted,
        Column::Used,
        Column::Remaining,
        Column::Waiting,
        Column::Status,
    ];
    let cols: Vec<Column> = order.into_iter().filter(|c| chosen.contains(c)).collect();
    let name = width.saturating_sub(cost(&cols));
    (cols, name)
}

/// A pool's status in words, so that it never relies on colour.
fn pool_status(status: PoolStatus) -> Text {
    match status {
        PoolStatus::Ok => Text::PoolOk,
        PoolStatus::Low => Text::PoolLow,
        PoolStatus::None => Text::PoolNone,
        PoolStatus::Waiting => Text::PoolWaiting,
        PoolStatus::Unlimited => Text::PoolUnlimited,
        PoolStatus::Suspended => Text::PoolSuspended,
    }
}

fn sort_key(key: SortKey) -> Text {
    match key {
        SortKey::Name => Text::SortName,
        SortKey::Code => Text::SortCode,
        SortKey::Area => Text::SortArea,
        SortKey::Unit => Text::SortUnit,
        SortKey::Provider => Text::SortProvider,
        SortKey::Place => Text::SortPlace,
        SortKey::Hours => Text::SortHours,
        SortKey::Fee => Text::SortFee,
        SortKey::People => Text::SortPeople,
        SortKey::Granted => Text::SortGranted,
        SortKey::Used => Text::SortUsed,
        SortKey::Remaining => Text::SortRemaining,
        SortKey::Waiting => Text::SortWaiting,
        SortKey::Status => Text::SortStatus,
        SortKey::Updated => Text::SortUpdated,
    }
}

fn status_style(theme: &Theme, status: PoolStatus) -> Style {
    match status {
        PoolStatus::Ok | PoolStatus::Unlimited => theme.ok(),
        PoolStatus::Low | PoolStatus::Waiting => theme.key(),
        PoolStatus::None | PoolStatus::Suspended => theme.error(),
    }
}

fn cell(row: &ServiceRow, column: Column, theme: &Theme, strings: &Strings) -> String {
    let number = |n: i64| n.to_string();
    match column {
        Column::Today => match row.hours_today.first() {
            None if row.closure_today.is_some() => strings.get(Text::ClosureWord).to_string(),
            None if row.holiday.is_some() => strings.get(Text::HolidayWord).to_string(),
            None => strings.get(Text::Closed).to_string(),
            Some(h) => {
                let dash = if theme.ascii { "-" } else { "–" };
                // One mark fits the column: open now matters more than further openings today.
                let mark = match (row.open_now == Some(true), row.hours_today.len() > 1) {
                    (true, _) => "*",
                    (false, true) => "+",
                    (false, false) => "",
                };
                format!("{}{dash}{}{mark}", h.opens.format("%H:%M"), h.closes.format("%H:%M"))
            }
        },
        Column::Unit => safe(&row.unit),
        Column::Provider => safe(&row.providers.join(", ")),
        Column::People => number(row.people as i64),
        Column::Granted => number(row.granted),
        Column::Used => number(row.used),
        Column::Remaining => row.remaining.map_or_else(|| (if theme.ascii { "-" } else { "—" }).to_string(), number),
        Column::Waiting => number(row.waiting as i64),
        Column::Fee => strings.fee(row.fee_grosze, &safe(&row.unit)),
        Column::Status => strings.get(pool_status(row.status)).to_string(),
    }
}

impl BaseView {
    fn draw_filter(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>, shown: usize) {
        let (theme, strings) = (cx.theme, cx.strings);
        let outer = block(theme, strings.get(Text::Filter), self.pane == Pane::Filter);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let mut flags: Vec<String> = Vec::new();
        if self.only_remaining {
            flags.push(format!("[{}]", strings.get(Text::OnlyRemaining)));
        }
        if self.open_now {
            flags.push(format!("[{}]", strings.get(Text::OpenNowFilter)));
        }
        let (key, descending) = self.sort.unwrap_or((SortKey::Name, false));
        let mut sorted = strings.sorted_by(strings.get(sort_key(key)), descending);
        if theme.ascii {
            sorted = sorted.replace('↑', "^").replace('↓', "v");
        }
        flags.push(sorted);
        flags.push(strings.shown_of_total(shown, self.details.len()));
        let live = match (self.frozen, self.stale) {
            (false, _) => strings.get(Text::Live),
            (true, false) => strings.get(Text::Frozen),
            (true, true) => strings.get(Text::FrozenChanged),
        };
        flags.push(live.to_string());
        let right = flags.join("  ");
        let right_width = (widgets::list::width(&right) as u16 + 1).min(inner.width);
        let [q, r] = Layout::horizontal([Constraint::Min(1), Constraint::Length(right_width)]).areas(inner);
        let query_line = if self.query.is_empty() {
            Line::styled(fit(theme, strings.get(Text::FilterPlaceholder), q.width as usize), theme.dim())
        } else {
            Line::raw(fit(theme, &self.query, q.width as usize))
        };
        frame.render_widget(Paragraph::new(query_line), q);
        let live_style = if self.frozen { theme.error() } else { theme.label() };
        frame.render_widget(Paragraph::new(Line::styled(right, live_style)).right_aligned(), r);
        if self.pane == Pane::Filter {
            let x = q.x + (self.query.chars().count() as u16).min(q.width.saturating_sub(1));
            frame.set_cursor_position(Position::new(x, q.y));
        }
    }

    fn draw_table(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>, shown: &[&ServiceDetail]) {
        let (theme, strings) = (cx.theme, cx.strings);
        let outer = block(theme, strings.get(Text::ServiceBase), self.pane == Pane::Table);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let (cols, name_w) = columns(inner.width as usize);
        let mut header = format!("  {}", widgets::cell(theme, strings.get(Text::ColService), name_w));
        for c in &cols {
            header.push(' ');
            header.push_str(&c.cell(theme, strings.get(c.header())));
        }
        let mut lines = vec![Line::styled(header, theme.label())];
        if shown.is_empty() {
            let note = if self.loaded { Text::NoServices } else { Text::BaseLoading };
            lines.push(Line::styled(format!("  {}", strings.get(note)), theme.dim()));
        }
        let rows = inner.height.saturating_sub(1) as usize;
        let selected = self.selected_index(shown);
        let first = self.list.first_line(selected, rows);
        for (i, d) in shown.iter().enumerate().skip(first).take(rows) {
            let row = &d.row;
            let is_selected = i == selected;
            let base = if is_selected { theme.selected() } else { Style::new() };
            let pointer = if is_selected { theme.pointer() } else { " " };
            let mut spans =
                vec![Span::styled(format!("{pointer} {}", widgets::cell(theme, &safe(&row.name), name_w)), base)];
            for c in &cols {
                let text = format!(" {}", c.cell(theme, &cell(row, *c, theme, strings)));
                let style = if *c == Column::Status && !is_selected { status_style(theme, row.status) } else { base };
                spans.push(Span::styled(text, style));
            }
            lines.push(Line::from(spans));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn draw_detail(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>, current: Option<&ServiceDetail>) {
        let (theme, strings) = (cx.theme, cx.strings);
        let outer = block(theme, strings.get(Text::ServiceDetailTitle), self.pane == Pane::Detail);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let lines = match current {
            Some(d) => detail_lines(d, theme, strings, cx.today),
            None => vec![Line::styled(strings.get(Text::NoServiceSelected), theme.dim())],
        };
        let top = self.scroll.top(lines.len(), inner.height as usize);
        frame.render_widget(Paragraph::new(lines).scroll((top, 0)), inner);
    }
}

fn detail_lines(d: &ServiceDetail, theme: &Theme, s: &Strings, today: chrono::NaiveDate) -> Vec<Line<'static>> {
    let r = &d.row;
    let w = 27;
    let none = || Span::styled(s.get(Text::None).to_string(), theme.dim());
    let value = |text: String| if text.is_empty() { none() } else { Span::raw(text) };
    let mut lines = vec![Line::from(vec![
        Span::styled(safe(&format!("{} ({})", r.name, r.code)), theme.title()),
        Span::raw("  "),
        Span::styled(s.get(pool_status(r.status)).to_string(), status_style(theme, r.status)),
    ])];
    lines.push(labelled(theme, s.get(Text::Areas), w, value(safe(&r.areas.join(", ")))));
    lines.push(labelled(theme, s.get(Text::Groups), w, value(safe(&r.target_groups.join(", ")))));
    lines.push(labelled(theme, s.get(Text::Providers), w, value(safe(&r.providers.join(", ")))));
    let form = d.form.replace('_', " ");
    lines.push(labelled(theme, s.get(Text::Access), w, value(format!("{}, {form}", s.access_rule(&r.access_rule)))));
    let fee = s.fee(r.fee_grosze, &safe(&r.unit));
    let fee = if d.fee_note.is_empty() { fee } else { format!("{fee} ({})", safe(&d.fee_note)) };
    lines.push(labelled(theme, s.get(Text::FeeLabel), w, value(fee)));
    lines.push(labelled(theme, s.get(Text::Delivery), w, value(s.days(d.delivery_days))));
    if !d.description.is_empty() {
        lines.push(labelled(theme, s.get(Text::Description), w, value(safe(&d.description))));
    }
    lines.push(Line::styled(s.get(Text::HoursLabel), theme.label()));
    // Hours that ended before today are history, not availability.
    let hours: Vec<_> = r.hours.iter().filter(|h| h.valid.end >= today).collect();
    if hours.is_empty() {
        lines.push(Line::from(vec![Span::raw("  "), none()]));
    }
    let dash = if theme.ascii { "-" } else { "–" };
    for h in hours {
        let validity = if h.valid.end.format("%Y").to_string() == "9999" {
            s.valid_from(&h.valid.start.to_string())
        } else {
            format!("{}{dash}{}", h.valid.start, h.valid.end)
        };
        lines.push(Line::raw(format!(
            "  {:<20} {:<3} {}{dash}{}  {validity}",
            fit(theme, &safe(&h.place), 20),
            s.weekday(h.weekday),
            h.opens.format("%H:%M"),
            h.closes.format("%H:%M"),
        )));
    }
    if let Some(holiday) = r.holiday {
        lines.push(Line::styled(format!("  {}", s.holiday_note(holiday.code())), theme.key()));
    }
    let closures: Vec<_> = r.closure_today.iter().chain(&r.closures_ahead).collect();
    if !closures.is_empty() {
        lines.push(Line::styled(s.get(Text::ClosuresLabel), theme.label()));
    }
    for c in closures {
        let text = s.closure(&c.days.start.to_string(), &c.days.end.to_string(), &safe(&c.reason));
        lines.push(Line::raw(format!("  {text}")));
    }
    lines.push(Line::styled(s.get(Text::PoolsLabel), theme.label()));
    if r.pools.is_empty() {
        lines.push(Line::from(vec![Span::raw("  "), Span::styled(s.get(Text::NoPool).to_string(), theme.dim())]));
    }
    for p in &r.pools {
        let who = p.provider.as_deref().map(|n| format!(" ({})", safe(n))).unwrap_or_default();
        for c in [&p.current, &p.next] {
            let text = s.pool_period(&c.label, c.limit, c.granted, c.used, c.remaining);
            lines.push(Line::raw(format!("  #{}{who} {text}", p.pool_id)));
        }
    }
    lines.push(Line::styled(s.get(Text::WaitingLabel), theme.label()));
    if d.waiting_list.is_empty() {
        lines.push(Line::from(vec![Span::raw("  "), none()]));
    }
    for (i, w) in d.waiting_list.iter().enumerate() {
        let days = crate::domain::waitlist::days_waited(w.filed_on, today);
        let text = s.waiting_with_days(&safe(&w.resident_name), &w.filed_on.to_string(), w.units, days);
        lines.push(Line::raw(format!("  {}. {text}", i + 1)));
    }
    let stamp = r.updated_at.get(..16).unwrap_or(&r.updated_at).replace('T', " ");
    lines.push(labelled(theme, s.get(Text::LastUpdate), w, value(format!("{stamp} UTC, {}", safe(&r.updated_by)))));
    lines
}
