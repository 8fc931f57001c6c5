//! The one service picker: the services of the base whose code or name has every word typed,
//! narrowed as the person types, picked with the arrows and Enter. The plan editor picks a line's
//! service with it, the needs assessment a row's, and a qualification or refusal its service.

use super::super::action::Action;
use super::super::theme::Theme;
use super::list::{Selection, matches_filter, width};
use super::text;
use super::{block, cell, centered, safe};
use crate::i18n::desk::{Strings, Text};
use crate::tui::msg::{CatalogueItem, PickService};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// A service as the picker lists it: its code and name, and what is said beside them.
pub trait Pickable {
    fn code(&self) -> &str;
    fn name(&self) -> &str;
    fn note(&self, strings: &Strings) -> String;
}

impl Pickable for CatalogueItem {
    fn code(&self) -> &str {
        &self.code
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn note(&self, _: &Strings) -> String {
        safe(&self.unit)
    }
}

/// A service of a plan's line: what is left in its pool now.
impl Pickable for PickService {
    fn code(&self) -> &str {
        &self.code
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn note(&self, s: &Strings) -> String {
        match (self.suspended, self.remaining) {
            (true, _) => s.get(Text::Suspended).to_string(),
            (false, Some(r)) if r <= 0 => s.get(Text::PoolDoesNotFit).to_string(),
            (false, Some(r)) => format!(
                "{} {r} {}{}",
                s.get(Text::Left),
                safe(&self.unit),
                self.period.as_ref().map(|p| format!(" ({p})")).unwrap_or_default()
            ),
            (false, None) => s.get(Text::NotRationed).to_string(),
        }
    }
}

/// What a key did to the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerEvent {
    Moved,
    /// Enter on a service: [`Picker::chosen`] is the one.
    Chosen,
    Closed,
    Ignored,
}

/// The base narrowed by what is typed, with the service under the pointer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Picker {
    pub filter: String,
    list: Selection,
}

impl Picker {
    /// The base narrowed by `filter` (what a row's cell already holds, or nothing).
    pub fn new(filter: &str) -> Picker {
        Picker { filter: filter.trim().to_string(), list: Selection::default() }
    }

    pub fn shown<'a, T: Pickable>(&self, items: &'a [T]) -> Vec<&'a T> {
        items.iter().filter(|s| matches_filter(&self.filter, &[s.code(), s.name()])).collect()
    }

    pub fn chosen<'a, T: Pickable>(&self, items: &'a [T]) -> Option<&'a T> {
        self.shown(items).get(self.list.at()).copied()
    }

    /// Typing narrows the list (the pointer back on the best match), the arrows move over it
    /// (also as a form's next/previous field), Enter chooses, Esc closes.
    pub fn handle<T: Pickable>(&mut self, action: Action, items: &[T]) -> PickerEvent {
        let len = self.shown(items).len();
        match action {
            Action::Up | Action::PrevField => self.list.handle(Action::Up, len),
            Action::Down | Action::NextField => self.list.handle(Action::Down, len),
            Action::PageUp | Action::PageDown => self.list.handle(action, len),
            Action::Type(_) | Action::DeleteBack | Action::ClearQuery => {
                match action {
                    Action::ClearQuery => self.filter.clear(),
                    _ => {
                        let mut cursor = self.filter.chars().count();
                        text::edit(&mut self.filter, &mut cursor, action);
                    }
                }
                self.list = Selection::default();
                true
            }
            Action::Confirm | Action::Open => return PickerEvent::Chosen,
            Action::Cancel | Action::Back => return PickerEvent::Closed,
            _ => return PickerEvent::Ignored,
        };
        PickerEvent::Moved
    }

    pub fn draw<T: Pickable>(&self, frame: &mut Frame, area: Rect, theme: &Theme, strings: &Strings, items: &[T]) {
        self.draw_titled(frame, area, theme, strings, strings.get(Text::PickServiceTitle), items);
    }

    /// The picker under a title of its own ("Wybierz usługę · Jan Kowalski").
    pub fn draw_titled<T: Pickable>(
        &self,
        frame: &mut Frame,
        area: Rect,
        theme: &Theme,
        strings: &Strings,
        title: &str,
        items: &[T],
    ) {
        let rect = centered(area, 76, area.height.saturating_sub(2).max(5));
        frame.render_widget(Clear, rect);
        let outer = block(theme, title, true);
        let inner = outer.inner(rect);
        frame.render_widget(outer, rect);
        let [query, rows] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        let typed = safe(&self.filter);
        let label = format!("{}: ", strings.get(Text::Filter));
        let column = width(&label) + width(&typed);
        frame.render_widget(
            Paragraph::new(Line::from(vec![Span::styled(label, theme.label()), Span::raw(typed)])),
            query,
        );
        frame.set_cursor_position(Position::new(query.x + (column as u16).min(query.width.saturating_sub(1)), query.y));
        let shown = self.shown(items);
        if shown.is_empty() {
            frame.render_widget(Paragraph::new(Line::styled(strings.get(Text::NothingMatches), theme.dim())), rows);
            return;
        }
        let room = rows.width as usize;
        let lines: Vec<Line> = self
            .list
            .window(&shown, rows.height as usize)
            .map(|(i, item)| {
                let selected = i == self.list.at();
                let pointer = if selected { theme.pointer() } else { " " };
                let note = item.note(strings);
                let text = format!("{pointer}{} {}", cell(theme, &safe(item.code()), 10), safe(item.name()));
                let style = if selected { theme.selected() } else { Style::new() };
                Line::from(vec![
                    Span::styled(cell(theme, &text, room.saturating_sub(width(&note) + 1)), style),
                    Span::raw(" "),
                    Span::styled(note, theme.dim()),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), rows);
    }
}
