//! The service catalogue opened over a form to fill a row's service: the services whose code or
//! name has every word typed, narrowed as the person types, picked with the arrows and Enter.

use super::super::theme::Theme;
use super::list::{Selection, matches_filter, width};
use super::{block, cell, centered, safe};
use crate::i18n::desk::{Strings, Text};
use crate::tui::msg::CatalogueItem;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The catalogue narrowed by what is typed, with the service under the pointer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Picker {
    pub filter: String,
    list: Selection,
}

impl Picker {
    /// The catalogue narrowed by `filter` (what the row's cell already holds).
    pub fn new(filter: &str) -> Picker {
        Picker { filter: filter.trim().to_string(), list: Selection::default() }
    }

    pub fn shown<'a>(&self, items: &'a [CatalogueItem]) -> Vec<&'a CatalogueItem> {
        items.iter().filter(|s| matches_filter(&self.filter, &[&s.code, &s.name])).collect()
    }

    /// The filter changed: the pointer goes back to the best match.
    pub fn edited(&mut self) {
        self.list = Selection::default();
    }

    pub fn down(&mut self, items: &[CatalogueItem], forward: bool) {
        let action = if forward { super::super::action::Action::Down } else { super::super::action::Action::Up };
        self.list.handle(action, self.shown(items).len());
    }

    pub fn chosen<'a>(&self, items: &'a [CatalogueItem]) -> Option<&'a CatalogueItem> {
        self.shown(items).get(self.list.at()).copied()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, strings: &Strings, items: &[CatalogueItem]) {
        let rect = centered(area, 72, area.height.saturating_sub(2).max(5));
        frame.render_widget(Clear, rect);
        let outer = block(theme, strings.get(Text::PickServiceTitle), true);
        let inner = outer.inner(rect);
        frame.render_widget(outer, rect);
        let [query, rows] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        let typed = safe(&self.filter);
        let label = format!("{}: ", strings.get(Text::Filter));
        frame.render_widget(
            Paragraph::new(Line::from(vec![Span::styled(label.clone(), theme.label()), Span::raw(typed.clone())])),
            query,
        );
        let column = width(&label) + width(&typed);
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
                let unit = safe(&item.unit);
                let text = format!("{pointer}{} {}", cell(theme, &safe(&item.code), 10), safe(&item.name));
                let style = if selected { theme.selected() } else { Style::new() };
                Line::from(vec![
                    Span::styled(cell(theme, &text, room.saturating_sub(width(&unit) + 1)), style),
                    Span::raw(" "),
                    Span::styled(unit, theme.dim()),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), rows);
    }
}
