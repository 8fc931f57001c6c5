//! How the desk looks: the 16 ANSI colours by default; without colour (NO_COLOR, `--color never`)
//! selection is reverse video and every status is a text marker; on consoles that cannot draw
//! box characters (TERM=linux, vt100, vt220, `--ascii`) borders and symbols are plain ASCII.
//! What the terminal can show is decided once, by [`crate::settings::Capability`].

use crate::settings::Capability;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub colour: bool,
    pub ascii: bool,
}

impl Theme {
    pub fn new(capability: Capability) -> Theme {
        Theme { colour: capability.colour, ascii: capability.ascii }
    }

    fn fg(&self, c: Color) -> Style {
        if self.colour { Style::new().fg(c) } else { Style::new() }
    }

    pub fn border_set(&self) -> border::Set<'static> {
        if self.ascii { ASCII_BORDER } else { border::PLAIN }
    }

    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn border_focused(&self) -> Style {
        if self.colour { Style::new().fg(Color::Cyan) } else { Style::new().add_modifier(Modifier::BOLD) }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        if self.colour {
            Style::new().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Matched characters of a name: colour plus underline, so they show without colour too.
    /// One attribute only: each is switched on and off again around every match of every row.
    pub fn matched(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED)
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn dim(&self) -> Style {
        if self.colour { Style::new().fg(Color::DarkGray) } else { Style::new() }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn tab_active(&self) -> Style {
        if self.colour {
            Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn bar(&self) -> Style {
        if self.colour { Style::new().bg(Color::Blue).fg(Color::White) } else { Style::new() }
    }

    /// Marks the selected row so that it shows even where reverse video is lost.
    pub fn pointer(&self) -> &'static str {
        if self.ascii { ">" } else { "▶" }
    }

    pub fn ellipsis(&self) -> &'static str {
        if self.ascii { "..." } else { "…" }
    }

    pub fn dash(&self) -> &'static str {
        if self.ascii { "-" } else { "—" }
    }

    pub fn mask_pesel(&self, pesel: &str) -> String {
        if self.ascii { crate::domain::pesel::mask_ascii(pesel) } else { crate::domain::pesel::mask(pesel) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_the_selection_is_reverse_video() {
        let plain = Theme { colour: false, ascii: false };
        assert_eq!(plain.selected(), Style::new().add_modifier(Modifier::REVERSED));
        assert_eq!(plain.error().fg, None);
    }
}
