//! The terminal backends the desk draws through; over SSH every byte counts. [`GapFill`] sits on
//! top: ratatui sends only the cells that changed, and between two changed cells of a row the
//! cursor would be moved even to step over one unchanged letter, so short runs of unchanged
//! cells between changes are printed again instead, when that is shorter and needs no change of
//! style. What the screen shows is kept there to know those cells, on the same assumption
//! ratatui diffs on: the screen starts blank and is blank after a clear. [`Compact`] below it
//! writes the cells in as few bytes as the escape sequences allow.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use std::io::Write;
use unicode_width::UnicodeWidthStr;

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
    /// printing them costs fewer bytes than moving the cursor over them ([`Compact`]'s move) and
    /// they share `after`'s style.
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
            if bytes >= forward_sequence(next_x - from).len() {
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

/// A crossterm-compatible backend that writes each change in the fewest bytes: colours of the
/// 16-colour palette as their short SGR codes (`ESC[33m`, not `ESC[38;5;3;49m`), every change
/// of style in one sequence that either switches off what is no longer wanted or resets and
/// sets what is, whichever is shorter, and cursor moves relative to where the cursor is (`ESC[C`
/// over one cell) when that is shorter than an absolute one.
pub struct Compact<W: Write> {
    out: W,
    /// Where the cursor is, when it is known: after a move, or after printing a one-column
    /// symbol (the column after it).
    cursor: Option<(u16, u16)>,
    pen: Pen,
}

/// The style the terminal draws the next character in.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const PLAIN: Pen = Pen { fg: Color::Reset, bg: Color::Reset, underline: Color::Reset, modifier: Modifier::empty() };

    fn of(cell: &Cell) -> Pen {
        Pen { fg: cell.fg, bg: cell.bg, underline: cell.underline_color, modifier: cell.modifier }
    }

    /// The foreground code; the eight basic colours as `30`–`37` unless bold, which some
    /// terminals would then brighten (the indexed form they leave alone).
    fn fg_code(&self) -> Option<String> {
        let short = !self.modifier.contains(Modifier::BOLD);
        colour_code(self.fg, short.then_some(30), Some(90), 38)
    }

    fn bg_code(&self) -> Option<String> {
        colour_code(self.bg, Some(40), Some(100), 48)
    }

    fn underline_code(&self) -> Option<String> {
        colour_code(self.underline, None, None, 58)
    }
}

/// The SGR code of a colour that is not the default: `basic + n` for the eight basic colours and
/// `bright + n` for their bright forms where given, else `extended;5;n` or `extended;2;r;g;b`
/// (the same palette entries).
fn colour_code(colour: Color, basic: Option<u8>, bright: Option<u8>, extended: u8) -> Option<String> {
    let index = match colour {
        Color::Reset => return None,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(n) => n,
        Color::Rgb(r, g, b) => return Some(format!("{extended};2;{r};{g};{b}")),
    };
    Some(match (index, basic, bright) {
        (0..=7, Some(basic), _) => (basic + index).to_string(),
        (8..=15, _, Some(bright)) => (bright + index - 8).to_string(),
        _ => format!("{extended};5;{index}"),
    })
}

/// The attributes ratatui knows and the SGR codes that switch each on and off.
const ATTRIBUTES: [(Modifier, &str, &str); 9] = [
    (Modifier::BOLD, "1", "22"),
    (Modifier::DIM, "2", "22"),
    (Modifier::ITALIC, "3", "23"),
    (Modifier::UNDERLINED, "4", "24"),
    (Modifier::SLOW_BLINK, "5", "25"),
    (Modifier::RAPID_BLINK, "6", "25"),
    (Modifier::REVERSED, "7", "27"),
    (Modifier::HIDDEN, "8", "28"),
    (Modifier::CROSSED_OUT, "9", "29"),
];

/// The SGR parameters that turn `from` into `to`: the changes alone, or a reset and all of `to`,
/// whichever is shorter.
fn sgr(from: Pen, to: Pen) -> String {
    let mut changes: Vec<String> = Vec::new();
    // One code switches off bold and dim together (and both blinks): what stays is set again.
    let mut off = Modifier::empty();
    for (m, _, code) in ATTRIBUTES {
        if from.modifier.contains(m) && !to.modifier.contains(m) && !changes.iter().any(|c| c == code) {
            changes.push(code.to_string());
            off |= ATTRIBUTES.iter().filter(|a| a.2 == code).fold(Modifier::empty(), |all, a| all | a.0);
        }
    }
    for (m, code, _) in ATTRIBUTES {
        if to.modifier.contains(m) && (!from.modifier.contains(m) || off.contains(m)) {
            changes.push(code.to_string());
        }
    }
    for (before, after, default) in [
        (from.fg_code(), to.fg_code(), "39"),
        (from.bg_code(), to.bg_code(), "49"),
        (from.underline_code(), to.underline_code(), "59"),
    ] {
        if before != after {
            changes.push(after.unwrap_or_else(|| default.to_string()));
        }
    }
    let mut reset = vec!["0".to_string()];
    reset.extend(ATTRIBUTES.iter().filter(|a| to.modifier.contains(a.0)).map(|a| a.1.to_string()));
    reset.extend([to.fg_code(), to.bg_code(), to.underline_code()].into_iter().flatten());
    let changes = changes.join(";");
    let reset = if reset.len() == 1 { String::new() } else { reset.join(";") };
    if reset.len() < changes.len() { reset } else { changes }
}

/// The shortest sequence that moves the cursor from `from` (when known) to `(x, y)`. Relative
/// moves only go forward along a row: after a print into the last column terminals disagree on
/// the cursor's column (but there is nothing further right to go to).
fn move_sequence(from: Option<(u16, u16)>, x: u16, y: u16) -> String {
    let absolute = match (x, y) {
        (0, 0) => "\x1b[H".to_string(),
        (0, y) => format!("\x1b[{}H", y + 1),
        (x, y) => format!("\x1b[{};{}H", y + 1, x + 1),
    };
    match from {
        Some((cx, cy)) if cy == y && x > cx => {
            let forward = forward_sequence(x - cx);
            if forward.len() < absolute.len() { forward } else { absolute }
        }
        _ => absolute,
    }
}

fn forward_sequence(cells: u16) -> String {
    if cells == 1 { "\x1b[C".to_string() } else { format!("\x1b[{cells}C") }
}

impl<W: Write> Compact<W> {
    pub fn new(out: W) -> Compact<W> {
        Compact { out, cursor: None, pen: Pen::PLAIN }
    }

    fn move_to(&mut self, x: u16, y: u16) -> std::io::Result<()> {
        if self.cursor != Some((x, y)) {
            self.out.write_all(move_sequence(self.cursor, x, y).as_bytes())?;
            self.cursor = Some((x, y));
        }
        Ok(())
    }

    fn set_pen(&mut self, pen: Pen) -> std::io::Result<()> {
        if self.pen != pen {
            write!(self.out, "\x1b[{}m", sgr(self.pen, pen))?;
            self.pen = pen;
        }
        Ok(())
    }
}

/// Writes through to the terminal (synchronized updates, the clipboard); what it does to the
/// cursor is not known, so the next move is absolute.
impl<W: Write> Write for Compact<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.cursor = None;
        self.out.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> Backend for Compact<W> {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> std::io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for (x, y, cell) in content {
            self.move_to(x, y)?;
            self.set_pen(Pen::of(cell))?;
            self.out.write_all(cell.symbol().as_bytes())?;
            // Terminals disagree on the width of some wide symbols; after one, move absolutely.
            self.cursor = (cell.symbol().width() == 1).then_some((x + 1, y));
        }
        // Whatever is written next (a popup of another program, the shell after exit) starts plain.
        self.set_pen(Pen::PLAIN)
    }

    fn hide_cursor(&mut self) -> std::io::Result<()> {
        self.out.write_all(b"\x1b[?25l")
    }

    fn show_cursor(&mut self) -> std::io::Result<()> {
        self.out.write_all(b"\x1b[?25h")
    }

    fn get_cursor_position(&mut self) -> std::io::Result<Position> {
        crossterm::cursor::position().map(|(x, y)| Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> std::io::Result<()> {
        let Position { x, y } = position.into();
        self.move_to(x, y)?;
        self.out.flush()
    }

    fn clear(&mut self) -> std::io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> std::io::Result<()> {
        let code = match clear_type {
            ClearType::All => "2J",
            ClearType::AfterCursor => "J",
            ClearType::BeforeCursor => "1J",
            ClearType::CurrentLine => "2K",
            ClearType::UntilNewLine => "K",
        };
        write!(self.out, "\x1b[{code}")?;
        self.out.flush()
    }

    fn size(&self) -> std::io::Result<Size> {
        let (width, height) = crossterm::terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> std::io::Result<WindowSize> {
        let w = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size { width: w.columns, height: w.rows },
            pixels: Size { width: w.width, height: w.height },
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    fn append_lines(&mut self, n: u16) -> std::io::Result<()> {
        self.cursor = None;
        for _ in 0..n {
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
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

    /// What a terminal is sent, shared with the test.
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

    /// A terminal that understands what [`Compact`] writes: absolute and forward moves, SGR,
    /// cursor visibility; printing leaves a wide symbol's second cell empty, as ratatui does.
    struct Screen {
        cells: Buffer,
        at: (u16, u16),
        pen: Pen,
    }

    impl Screen {
        fn new(width: u16, height: u16) -> Screen {
            Screen { cells: Buffer::empty(Rect::new(0, 0, width, height)), at: (0, 0), pen: Pen::PLAIN }
        }

        fn colour(params: &mut std::slice::Iter<'_, u16>) -> Color {
            match params.next() {
                Some(5) => Color::Indexed(*params.next().unwrap() as u8),
                Some(2) => {
                    let mut c = || *params.next().unwrap() as u8;
                    Color::Rgb(c(), c(), c())
                }
                other => panic!("colour form {other:?}"),
            }
        }

        fn palette(n: u16) -> Color {
            [
                Color::Black,
                Color::Red,
                Color::Green,
                Color::Yellow,
                Color::Blue,
                Color::Magenta,
                Color::Cyan,
                Color::Gray,
                Color::DarkGray,
                Color::LightRed,
                Color::LightGreen,
                Color::LightYellow,
                Color::LightBlue,
                Color::LightMagenta,
                Color::LightCyan,
                Color::White,
            ][n as usize]
        }

        /// Indexed colours of the 16-colour palette compare as their names.
        fn named(c: Color) -> Color {
            match c {
                Color::Indexed(n) if n < 16 => Screen::palette(n as u16),
                c => c,
            }
        }

        fn sgr(&mut self, params: &[u16]) {
            let mut params = params.iter();
            while let Some(&p) = params.next() {
                let pen = &mut self.pen;
                match p {
                    0 => *pen = Pen::PLAIN,
                    1..=9 => pen.modifier |= ATTRIBUTES[p as usize - 1].0,
                    22 => pen.modifier -= Modifier::BOLD | Modifier::DIM,
                    25 => pen.modifier -= Modifier::SLOW_BLINK | Modifier::RAPID_BLINK,
                    23..=29 => {
                        pen.modifier -= ATTRIBUTES.iter().find(|a| a.2 == p.to_string()).unwrap().0;
                    }
                    30..=37 => pen.fg = Screen::palette(p - 30),
                    90..=97 => pen.fg = Screen::palette(p - 90 + 8),
                    40..=47 => pen.bg = Screen::palette(p - 40),
                    100..=107 => pen.bg = Screen::palette(p - 100 + 8),
                    38 => pen.fg = Screen::named(Screen::colour(&mut params)),
                    48 => pen.bg = Screen::named(Screen::colour(&mut params)),
                    58 => pen.underline = Screen::named(Screen::colour(&mut params)),
                    39 => pen.fg = Color::Reset,
                    49 => pen.bg = Color::Reset,
                    59 => pen.underline = Color::Reset,
                    other => panic!("SGR {other}"),
                }
            }
        }

        fn feed(&mut self, bytes: &[u8]) {
            let text = std::str::from_utf8(bytes).unwrap();
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                if c != '\x1b' {
                    let cell = &mut self.cells[self.at];
                    cell.set_symbol(&c.to_string());
                    cell.fg = self.pen.fg;
                    cell.bg = self.pen.bg;
                    cell.underline_color = self.pen.underline;
                    cell.modifier = self.pen.modifier;
                    self.at.0 += c.to_string().width() as u16;
                    continue;
                }
                assert_eq!(chars.next(), Some('['));
                let mut body = String::new();
                let end = loop {
                    let c = chars.next().unwrap();
                    if c.is_ascii_alphabetic() {
                        break c;
                    }
                    body.push(c);
                };
                if body.starts_with('?') {
                    continue;
                }
                let params: Vec<u16> = body.split(';').map(|p| p.parse().unwrap_or(0)).collect();
                let n = |i: usize| params.get(i).copied().filter(|n| *n > 0).unwrap_or(1);
                match end {
                    'H' => self.at = (n(1) - 1, n(0) - 1),
                    'C' => self.at.0 += n(0),
                    'm' => self.sgr(&params),
                    other => panic!("sequence {other}"),
                }
            }
        }
    }

    fn styled(name: &str, at: usize, style: Style) -> Line<'static> {
        let (hit, rest) = name.split_at(name.char_indices().nth(at).map_or(name.len(), |(i, _)| i));
        Line::from(vec![Span::raw(hit.to_string()), Span::styled(rest.to_string(), style)])
    }

    #[test]
    fn what_compact_writes_draws_the_frames_ratatui_asked_for() {
        let sent = Sent::default();
        let options = ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, 20, 3)) };
        let mut written = Terminal::with_options(GapFill::new(Compact::new(sent.clone())), options).unwrap();
        let mut expected = Terminal::new(TestBackend::new(20, 3)).unwrap();
        let mut screen = Screen::new(20, 3);
        let styles = [
            Style::new().fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            Style::new().fg(Color::Black).bg(Color::Cyan),
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD | Modifier::DIM),
            Style::new().add_modifier(Modifier::DIM | Modifier::REVERSED).bg(Color::Indexed(200)),
            Style::new().fg(Color::Rgb(1, 2, 3)).underline_color(Color::LightBlue),
            Style::new().fg(Color::White).add_modifier(Modifier::ITALIC | Modifier::CROSSED_OUT),
            Style::new(),
        ];
        let names = ["Łącka Anna 640807", "Łuzka Adam 620807", "日本 Ewa Łuk", "Łuk Ewa 日本 x", "", "Kowalska Ewa"];
        for (round, name) in names.iter().cycle().take(18).enumerate() {
            let lines: Vec<Line> =
                (0..3).map(|row| styled(name, (round + row) % 7, styles[(round * 3 + row) % styles.len()])).collect();
            written.draw(|f| f.render_widget(Paragraph::new(lines.clone()), f.area())).unwrap();
            expected.draw(|f| f.render_widget(Paragraph::new(lines.clone()), f.area())).unwrap();
            screen.feed(&std::mem::take(&mut *sent.0.borrow_mut()));
            let mut want = expected.backend().buffer().clone();
            for cell in want.content.iter_mut() {
                cell.fg = Screen::named(cell.fg);
                cell.bg = Screen::named(cell.bg);
                cell.underline_color = Screen::named(cell.underline_color);
            }
            assert_eq!(screen.cells, want, "round {round}: {name}");
            assert!(screen.pen == Pen::PLAIN, "each frame ends in the plain style");
        }
    }

    /// Bytes sent for the second of two frames of one 40-column row.
    fn second_frame<B: Backend>(backend: B, sent: &Sent, first: &Line<'static>, second: &Line<'static>) -> usize {
        use ratatui::{TerminalOptions, Viewport};
        let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 40, 1)) };
        let mut terminal = Terminal::with_options(backend, options).unwrap();
        terminal.draw(|f| f.render_widget(Paragraph::new(first.clone()), f.area())).unwrap();
        sent.0.borrow_mut().clear();
        terminal.draw(|f| f.render_widget(Paragraph::new(second.clone()), f.area())).unwrap();
        sent.0.borrow().len()
    }

    fn crossterm_bytes(first: &Line<'static>, second: &Line<'static>) -> usize {
        let sent = Sent::default();
        second_frame(ratatui::backend::CrosstermBackend::new(sent.clone()), &sent, first, second)
    }

    fn compact_bytes(fill: bool, first: &Line<'static>, second: &Line<'static>) -> usize {
        let sent = Sent::default();
        if fill {
            second_frame(GapFill::new(Compact::new(sent.clone())), &sent, first, second)
        } else {
            second_frame(Compact::new(sent.clone()), &sent, first, second)
        }
    }

    #[test]
    fn a_letter_left_between_two_changes_is_printed_again_instead_of_moving_over_it() {
        let (first, second) = (Line::raw("Łącka Anna 640807"), Line::raw("Łuzka Adam 620807"));
        assert!(compact_bytes(true, &first, &second) < compact_bytes(false, &first, &second));
        // Far apart, the cursor still moves.
        let (first, second) = (Line::raw("a                 b"), Line::raw("c                 d"));
        assert_eq!(compact_bytes(true, &first, &second), compact_bytes(false, &first, &second));
    }

    #[test]
    fn a_highlighted_list_row_costs_less_than_through_crossterm() {
        let matched = Style::new().fg(Color::Yellow).add_modifier(Modifier::UNDERLINED);
        let first = styled("Kowalska Anna  ••••••0807", 3, matched);
        let second = styled("Kozłowski Jan  ••••••1234", 2, matched);
        assert!(compact_bytes(true, &first, &second) * 3 < crossterm_bytes(&first, &second) * 2);
    }
}
