//! The desk's reusable widgets: one list, one form with its one-line text editor, one
//! confirmation popup, one error popup, the help popup, and the helpers every view draws with.
//! Widths are terminal columns (display width), never characters.

pub mod catalogue;
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

/// A styled line cut to `width` columns, ending with the theme's ellipsis when cut: what a pane
/// shows of a line longer than itself (the whole of it is a key away, see [`wrap_line`]).
pub fn fit_line(theme: &Theme, line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let ellipsis = theme.ellipsis();
    let mut room = width.saturating_sub(list::width(ellipsis));
    let mut spans = Vec::new();
    for span in line.spans {
        if room == 0 {
            break;
        }
        let (head, used) = take_columns(&span.content, room);
        room -= used;
        spans.push(Span::styled(head, span.style));
    }
    spans.push(Span::styled(ellipsis, line.style));
    Line { spans, ..Line::default() }.style(line.style)
}

/// A styled line broken into rows of at most `width` columns, so that all of it can be read.
pub fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let style = line.style;
    let mut rows = vec![Line::default().style(style)];
    let mut room = width;
    for span in line.spans {
        let mut rest: &str = &span.content;
        while !rest.is_empty() {
            if room == 0 {
                rows.push(Line::default().style(style));
                room = width;
            }
            let (mut head, mut used) = take_columns(rest, room);
            if head.is_empty() {
                if room < width {
                    // A character wider than the room left starts the next row.
                    room = 0;
                    continue;
                }
                // Wider than a whole row: it stands alone rather than being lost.
                let c = rest.chars().next().unwrap_or(' ');
                head = c.to_string();
                used = room;
            }
            rest = &rest[head.len()..];
            room -= used;
            if let Some(row) = rows.last_mut() {
                row.spans.push(Span::styled(head, span.style));
            }
        }
    }
    rows
}

/// The longest start of `text` at most `room` columns wide, and its width.
fn take_columns(text: &str, room: usize) -> (String, usize) {
    let mut used = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    (text[..end].to_string(), used)
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

#[cfg(test)]
mod tests {
    use super::*;

    const THEME: Theme = Theme { colour: true, ascii: false };

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_line_is_cut_by_columns_with_an_ellipsis_and_wrapped_whole() {
        let line = Line::from(vec![Span::raw("Żółć "), Span::raw("漢字漢字")]);
        assert_eq!(text(&fit_line(&THEME, line.clone(), 8)), "Żółć 漢…");
        assert_eq!(text(&fit_line(&THEME, line.clone(), 20)), "Żółć 漢字漢字");
        let rows: Vec<String> = wrap_line(line, 6).iter().map(text).collect();
        assert_eq!(rows, ["Żółć ", "漢字漢", "字"]);
        let rows: Vec<String> = wrap_line(Line::raw("漢a"), 1).iter().map(text).collect();
        assert_eq!(rows, ["漢", "a"], "a character wider than the pane still shows");
    }
}
