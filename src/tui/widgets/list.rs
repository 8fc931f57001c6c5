//! The one list: a selection that moves with the list actions and pages by the rows the list
//! last had on screen, and a window of rows that always holds the selection. Every list of the
//! desk (search results, the service base, plans, the dashboard, the service picker, the plan's
//! lines) keeps a [`Selection`] and draws the rows [`Selection::window`] gives.

use crate::tui::action::Action;
use std::cell::Cell;

/// Rows a page moves before the list has been drawn once.
const FIRST_PAGE: usize = 10;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Selection {
    at: usize,
    /// Rows shown on the last draw; drawing is `&self`, so it is kept in a cell.
    page: Cell<usize>,
}

impl Selection {
    /// The selected row's index.
    pub fn at(&self) -> usize {
        self.at
    }

    /// Selects row `at` of a list of `len` rows (the last one when `at` is past the end).
    pub fn select(&mut self, at: usize, len: usize) {
        self.at = at.min(len.saturating_sub(1));
    }

    /// Keeps the selection inside a list that now has `len` rows.
    pub fn clamp(&mut self, len: usize) {
        self.select(self.at, len);
    }

    /// Moves by a list action over `len` rows; `false` for actions that do not move a selection.
    pub fn handle(&mut self, action: Action, len: usize) -> bool {
        let last = len.saturating_sub(1);
        let page = match self.page.get() {
            0 => FIRST_PAGE,
            rows => rows,
        };
        self.at = match action {
            Action::Up => self.at.saturating_sub(1),
            Action::Down => (self.at + 1).min(last),
            Action::PageUp => self.at.saturating_sub(page),
            Action::PageDown => (self.at + page).min(last),
            Action::First => 0,
            Action::Last => last,
            _ => return false,
        };
        true
    }

    /// The first row to draw in `rows` lines so that the selected row `selected_line` is on
    /// screen; `rows` becomes the page size. Lists whose rows are one line each pass
    /// [`Selection::at`]; lists with headings between rows pass the selected row's line.
    pub fn first_line(&self, selected_line: usize, rows: usize) -> usize {
        self.page.set(rows);
        (selected_line + 1).saturating_sub(rows)
    }

    /// The rows of `items` to draw in `rows` lines, each with its index, the selection among them.
    pub fn window<'a, T>(&self, items: &'a [T], rows: usize) -> impl Iterator<Item = (usize, &'a T)> + 'a {
        let first = self.first_line(self.at, rows);
        items.iter().enumerate().skip(first).take(rows)
    }
}

/// `text`'s width in terminal columns: a wide character takes two, a combining mark none.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_by_the_rows_last_drawn_and_keeps_the_selection_in_view() {
        let items: Vec<usize> = (0..50).collect();
        let mut s = Selection::default();
        assert!(s.handle(Action::PageDown, items.len()));
        assert_eq!(s.at(), 10, "before the first draw a page is ten rows");
        let shown: Vec<usize> = s.window(&items, 4).map(|(i, _)| i).collect();
        assert_eq!(shown, [7, 8, 9, 10]);
        s.handle(Action::PageDown, items.len());
        assert_eq!(s.at(), 14);
        s.handle(Action::Last, items.len());
        assert_eq!(s.at(), 49);
        s.clamp(3);
        assert_eq!(s.at(), 2);
        assert!(!s.handle(Action::Open, 3));
    }

    #[test]
    fn width_counts_columns_not_characters() {
        assert_eq!(width("Łódź"), 4);
        assert_eq!(width("漢字"), 4);
        assert_eq!(width("e\u{301}"), 1);
    }
}
