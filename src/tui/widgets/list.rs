//! The one list: a selection that moves with the list actions and pages by the rows the list
//! last had on screen, and a window of rows that always holds the selection. Every list of the
//! desk (search results, the service base, plans, the dashboard, the service picker, the plan's
//! lines) keeps a [`Selection`] and draws the rows [`Selection::window`] gives. Text read rather
//! than picked from (a card, a service's detail, a report, the help) keeps a [`Scroll`].

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

/// Whether every word of a filter typed over a list is found in one of the row's texts, with
/// case and Polish letters folded (`zolc` finds "Żółć"); an empty filter keeps every row.
pub fn matches_filter(filter: &str, texts: &[&str]) -> bool {
    let texts: Vec<String> = texts.iter().map(|t| crate::domain::fold::fold(t)).collect();
    crate::domain::fold::fold(filter).split_whitespace().all(|word| texts.iter().any(|t| t.contains(word)))
}

/// How far a text read line by line is scrolled; it pages by the rows last drawn and stops
/// where the last line reaches the bottom.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scroll {
    /// The first line shown; drawing brings it back inside the text, so it is kept in a cell.
    top: Cell<usize>,
    /// Rows of the last draw; zero until the text has been drawn once.
    rows: Cell<usize>,
}

impl Scroll {
    /// Scrolls by a list action; `false` for actions that do not scroll.
    pub fn handle(&mut self, action: Action) -> bool {
        let page = match self.rows.get() {
            0 => FIRST_PAGE,
            rows => rows,
        };
        let top = self.top.get();
        self.top.set(match action {
            Action::Up => top.saturating_sub(1),
            Action::Down => top.saturating_add(1),
            Action::PageUp => top.saturating_sub(page),
            Action::PageDown => top.saturating_add(page),
            Action::First => 0,
            Action::Last => usize::MAX,
            _ => return false,
        });
        true
    }

    /// Back to the first line, for a new text.
    pub fn reset(&mut self) {
        self.top.set(0);
    }

    /// The first of `lines` lines to draw in `rows` rows, for `Paragraph::scroll`.
    pub fn top(&self, lines: usize, rows: usize) -> u16 {
        self.rows.set(rows);
        let top = self.top.get().min(lines.saturating_sub(rows));
        self.top.set(top);
        u16::try_from(top).unwrap_or(u16::MAX)
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
    fn a_scroll_stops_where_the_last_line_reaches_the_bottom() {
        let mut s = Scroll::default();
        assert_eq!(s.top(30, 10), 0);
        s.handle(Action::PageDown);
        assert_eq!(s.top(30, 10), 10);
        s.handle(Action::PageDown);
        s.handle(Action::PageDown);
        assert_eq!(s.top(30, 10), 20);
        s.handle(Action::Up);
        assert_eq!(s.top(30, 10), 19);
        s.reset();
        assert_eq!(s.top(30, 10), 0);
    }

    #[test]
    fn width_counts_columns_not_characters() {
        assert_eq!(width("Łódź"), 4);
        assert_eq!(width("漢字"), 4);
        assert_eq!(width("e\u{301}"), 1);
    }
}
