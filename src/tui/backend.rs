//! The terminal backend the desk draws through: ratatui sends only the cells that changed, and
//! between two changed cells of a row the backend would move the cursor (`ESC[row;colH`, six to
//! eight bytes) even to step over one unchanged letter. Over SSH every byte counts, so short runs
//! of unchanged cells between changes are printed again instead, when that is shorter and needs
//! no change of style. What the screen shows is kept here to know those cells, on the same
//! assumption ratatui diffs on: the screen starts blank and is blank after a clear.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

/// A cursor move costs at least this many bytes (`ESC[r;cH` with one-digit row and column).
const MOVE_BYTES: usize = 6;

pub struct GapFill<B: Backend> {
    inner: B,
    /// What the terminal shows, as far as this backend drew it.
    shown: Buffer,
}

impl<B: Backend> GapFill<B> {
    pub fn new(inner: B) -> GapFill<B> {
        GapFill { inner, shown: Buffer::empty(Rect::default()) }
    }

    pub fn inner_mut(&mut self) -> &mut B {
        &mut self.inner
    }

    /// The unchanged cells between a cell drawn at `(x, y)` and the next change at `next_x`, if
    /// printing them costs fewer bytes than moving the cursor and they share `after`'s style.
    fn gap(&self, after: &Cell, x: u16, y: u16, next_x: u16) -> Option<Vec<(u16, Cell)>> {
        let from = x.checked_add(1)?;
        if next_x <= from || !self.shown.area.contains(Position::new(next_x - 1, y)) {
            return None;
        }
        if after.symbol().width() != 1 || after.diff_option != CellDiffOption::None {
            return None;
        }
        let mut cells = Vec::new();
        let mut bytes = 0;
        for gx in from..next_x {
            let cell = &self.shown[(gx, y)];
            let same_style = cell.fg == after.fg
                && cell.bg == after.bg
                && cell.modifier == after.modifier
                && cell.underline_color == after.underline_color;
            if !same_style || cell.diff_option != CellDiffOption::None || cell.symbol().width() != 1 {
                return None;
            }
            bytes += cell.symbol().len();
            if bytes >= MOVE_BYTES {
                return None;
            }
            cells.push((gx, cell.clone()));
        }
        Some(cells)
    }

    fn remember(&mut self, x: u16, y: u16, cell: &Cell) {
        if !self.shown.area.contains(Position::new(x, y)) {
            return;
        }
        self.shown[(x, y)] = cell.clone();
        // The right half of a wide character is covered: never print it on its own.
        if cell.symbol().width() > 1 && self.shown.area.contains(Position::new(x + 1, y)) {
            self.shown[(x + 1, y)].set_symbol("");
        }
    }

    /// Grows what is known to cover `(x, y)`; a larger screen starts blank, as after a clear.
    fn cover(&mut self, x: u16, y: u16) {
        let area = self.shown.area;
        if !area.contains(Position::new(x, y)) {
            let width = area.width.max(x.saturating_add(1));
            let height = area.height.max(y.saturating_add(1));
            self.shown = Buffer::empty(Rect::new(0, 0, width, height));
        }
    }
}

impl<B: Backend> Backend for GapFill<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changes: Vec<(u16, u16, &Cell)> = content.collect();
        if let (Some(x), Some(y)) = (changes.iter().map(|c| c.0).max(), changes.iter().map(|c| c.1).max()) {
            self.cover(x, y);
        }
        let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(changes.len());
        for (i, &(x, y, cell)) in changes.iter().enumerate() {
            out.push((x, y, cell.clone()));
            if let Some(&(next_x, next_y, _)) = changes.get(i + 1)
                && next_y == y
                && let Some(gap) = self.gap(cell, x, y, next_x)
            {
                out.extend(gap.into_iter().map(|(gx, c)| (gx, y, c)));
            }
        }
        for (x, y, cell) in &out {
            self.remember(*x, *y, cell);
        }
        self.inner.draw(out.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.shown.reset();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.shown.reset();
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.shown.reset();
        self.inner.append_lines(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Style};
    use ratatui::text::{Line, Span};
    use ratatui::widgets::Paragraph;

    fn frame(name: &str, highlight: usize) -> Line<'static> {
        let (hit, rest) = name.split_at(name.char_indices().nth(highlight).map_or(name.len(), |(i, _)| i));
        Line::from(vec![Span::styled(hit.to_string(), Style::new().fg(Color::Yellow)), Span::raw(rest.to_string())])
    }

    #[test]
    fn the_screen_ends_up_as_drawn_whatever_is_printed_again() {
        let mut plain = Terminal::new(TestBackend::new(16, 2)).unwrap();
        let mut filled = Terminal::new(GapFill::new(TestBackend::new(16, 2))).unwrap();
        for (name, highlight) in
            [("Łącka Anna", 1), ("Łuzka Adam", 2), ("日本 Ewa Łuk", 1), ("Łuk Ewa 日本", 3), ("", 0)]
        {
            let lines = vec![frame(name, highlight), frame(&name.chars().rev().collect::<String>(), 0)];
            plain.draw(|f| f.render_widget(Paragraph::new(lines.clone()), f.area())).unwrap();
            filled.draw(|f| f.render_widget(Paragraph::new(lines.clone()), f.area())).unwrap();
            assert_eq!(filled.backend_mut().inner_mut().buffer(), plain.backend().buffer(), "{name}");
        }
    }

    /// What a crossterm terminal is sent, shared with the test.
    #[derive(Clone, Default)]
    struct Sent(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl std::io::Write for Sent {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn second_frame<B: Backend>(backend: B, sent: &Sent, first: &str, second: &str) -> usize {
        use ratatui::{TerminalOptions, Viewport};
        let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 40, 1)) };
        let mut terminal = Terminal::with_options(backend, options).unwrap();
        terminal.draw(|f| f.render_widget(Paragraph::new(first.to_string()), f.area())).unwrap();
        sent.0.borrow_mut().clear();
        terminal.draw(|f| f.render_widget(Paragraph::new(second.to_string()), f.area())).unwrap();
        sent.0.borrow().len()
    }

    /// Bytes a crossterm terminal is sent for the second of two frames of one 40-column row.
    fn bytes(fill: bool, first: &str, second: &str) -> usize {
        use ratatui::backend::CrosstermBackend;
        let sent = Sent::default();
        let backend = CrosstermBackend::new(sent.clone());
        if fill {
            second_frame(GapFill::new(backend), &sent, first, second)
        } else {
            second_frame(backend, &sent, first, second)
        }
    }

    #[test]
    fn a_letter_left_between_two_changes_is_printed_again_instead_of_moving_over_it() {
        let (first, second) = ("Łącka Anna 640807", "Łuzka Adam 620807");
        assert!(bytes(true, first, second) < bytes(false, first, second));
        // Far apart, the cursor still moves.
        let (first, second) = ("a                 b", "c                 d");
        assert_eq!(bytes(true, first, second), bytes(false, first, second));
    }
}
