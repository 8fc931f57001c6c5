//! The desk's reusable widgets: one list, one form with its one-line text editor, one
//! confirmation popup, one error popup, the help popup, and the helpers every view draws with.
//! Widths are terminal columns (display width), never characters.

pub mod form;
pub mod list;
pub mod popup;
pub mod text;

use super::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

/// A bordered block in the theme's border set; the focused one stands out without colour too.
pub fn block<'a>(theme: &Theme, title: &'a str, focused: bool) -> Block<'a> {
    let style = if focused { theme.border_focused() } else { theme.border() };
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .border_style(style)
        .title(Span::styled(format!(" {title} "), theme.title()))
}

/// A rectangle of at most `width`×`height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

/// `label value` with the label in the theme's label style.
pub fn labelled(theme: &Theme, label: &str, width: usize, value: Span<'static>) -> Line<'static> {
    Line::from(vec![Span::styled(format!("{label:<width$} "), theme.label()), value])
}

/// Cuts text to `width` columns, ending with the theme's ellipsis when cut.
pub fn fit(theme: &Theme, text: &str, width: usize) -> String {
    if list::width(text) <= width {
        return text.to_string();
    }
    let ellipsis = theme.ellipsis();
    let room = width.saturating_sub(list::width(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(ellipsis);
    out
}

/// Text cut to `width` columns and padded with spaces to exactly that many: one table cell.
pub fn cell(theme: &Theme, text: &str, width: usize) -> String {
    let mut out = fit(theme, text, width);
    let pad = width.saturating_sub(list::width(&out));
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// A table cell whose text stands at the right edge, as numbers do.
pub fn cell_right(theme: &Theme, text: &str, width: usize) -> String {
    let text = fit(theme, text, width);
    let pad = width.saturating_sub(list::width(&text));
    format!("{}{text}", " ".repeat(pad))
}

/// Database text made safe for the terminal (no control characters, escapes or bidi overrides).
pub fn safe(text: &str) -> String {
    crate::domain::text::display_safe(text).into_owned()
}
