//! Bar charts and sparklines for the terminal that degrade: colour and block characters on a
//! capable terminal, `#`-bars where box characters are not drawn (the Linux console, vt100,
//! `--ascii`), plain numbers when the output is not a terminal (a file, a pipe, a screen reader).

use crate::domain::text::display_safe;
use crate::settings::Capability;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartStyle {
    /// Block characters coloured with ANSI escapes.
    Colour,
    /// Block characters without colour.
    Blocks,
    /// `#`, `+` and `.` only.
    Ascii,
    /// Numbers only, one line per period.
    Plain,
}

impl ChartStyle {
    /// Picks the richest style the output can show: `is_terminal` says whether the chart goes
    /// to a terminal, whose capability the settings decided.
    pub fn detect(is_terminal: bool, capability: Capability) -> ChartStyle {
        match capability {
            _ if !is_terminal => ChartStyle::Plain,
            Capability { ascii: true, .. } => ChartStyle::Ascii,
            Capability { colour: false, .. } => ChartStyle::Blocks,
            Capability { colour: true, .. } => ChartStyle::Colour,
        }
    }
}

/// One period: the pool's limit (if rationed), what plans granted and what was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub limit: Option<i64>,
    pub granted: i64,
    pub used: i64,
}

/// A titled chart: one bar per period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub title: String,
    pub bars: Vec<Bar>,
}

/// Charts for the terminal: each with its title, a sparkline of use, and the bars.
pub fn charts_text(charts: &[Chart], width: usize, style: ChartStyle) -> String {
    let mut out = String::new();
    for chart in charts {
        let used: Vec<i64> = chart.bars.iter().map(|b| b.used).collect();
        out.push_str(&format!("\n{}: {}\n", display_safe(&chart.title), sparkline(&used, style)));
        out.push_str(&bars(&chart.bars, width, style));
    }
    out
}

struct Glyphs {
    used: char,
    granted: char,
    free: char,
}

const BLOCKS: Glyphs = Glyphs { used: '█', granted: '▒', free: '░' };
const ASCII: Glyphs = Glyphs { used: '#', granted: '+', free: '.' };

const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const RED: &str = "\x1b[31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

fn cells(value: i64, scale: i64, width: usize) -> usize {
    if scale <= 0 || value <= 0 {
        return 0;
    }
    // Round to the nearest cell, but never hide a non-zero value.
    (((value as f64 / scale as f64) * width as f64).round() as usize).clamp(1, width)
}

fn numbers(bar: &Bar) -> String {
    crate::i18n::report::bar_numbers(bar.used, bar.granted, bar.limit)
}

/// Horizontal bars, one line per period, `width` cells for the longest bar; a legend first.
pub fn bars(data: &[Bar], width: usize, style: ChartStyle) -> String {
    let label_width = data.iter().map(|b| b.label.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    if style == ChartStyle::Plain {
        for bar in data {
            out.push_str(&format!("{:<label_width$}  {}\n", display_safe(&bar.label), numbers(bar)));
        }
        return out;
    }
    let glyphs = if style == ChartStyle::Ascii { &ASCII } else { &BLOCKS };
    out.push_str(&crate::i18n::report::bar_legend(glyphs.used, glyphs.granted, glyphs.free));
    out.push('\n');
    let scale = data.iter().map(|b| b.limit.unwrap_or(0).max(b.granted).max(b.used)).max().unwrap_or(0);
    let colour = style == ChartStyle::Colour;
    for bar in data {
        let used = cells(bar.used, scale, width);
        let granted = cells(bar.granted.max(bar.used), scale, width).max(used);
        let limit = bar.limit.map_or(granted, |l| cells(l, scale, width)).max(granted);
        let over = bar.limit.is_some_and(|l| bar.granted > l);
        let paint = |text: String, code: &str| if colour { format!("{code}{text}{RESET}") } else { text };
        let line = format!(
            "{:<label_width$} {}{}{}{} {}{}\n",
            display_safe(&bar.label),
            paint(glyphs.used.to_string().repeat(used), GREEN),
            paint(glyphs.granted.to_string().repeat(granted - used), if over { RED } else { YELLOW }),
            paint(glyphs.free.to_string().repeat(limit - granted), DIM),
            " ".repeat(width - limit),
            numbers(bar),
            if over { crate::i18n::report::over_limit() } else { String::new() },
        );
        out.push_str(&line);
    }
    out
}

/// One character per value, scaled to the largest; plain numbers when the style is plain.
pub fn sparkline(values: &[i64], style: ChartStyle) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    const ASCII_LEVELS: [char; 5] = ['_', '.', '-', '=', '#'];
    let max = values.iter().copied().max().unwrap_or(0);
    let pick = |levels: &[char], v: i64| -> char {
        if max <= 0 || v <= 0 {
            return levels[0];
        }
        let top = levels.len() - 1;
        levels[(((v as f64 / max as f64) * top as f64).round() as usize).min(top)]
    };
    match style {
        ChartStyle::Plain => values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(" "),
        ChartStyle::Ascii => values.iter().map(|&v| pick(&ASCII_LEVELS, v)).collect(),
        ChartStyle::Blocks | ChartStyle::Colour => values.iter().map(|&v| pick(&LEVELS, v)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Vec<Bar> {
        vec![
            Bar { label: "2026-05".into(), limit: Some(10), granted: 8, used: 4 },
            Bar { label: "2026-06".into(), limit: Some(10), granted: 12, used: 0 },
        ]
    }

    #[test]
    fn draws_used_granted_and_free_cells_in_blocks() {
        let text = bars(&data(), 12, ChartStyle::Blocks);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "2026-05 ████▒▒▒▒░░   wykorzystano 4 / przyznano 8 / limit 10");
        assert_eq!(lines[2], "2026-06 ▒▒▒▒▒▒▒▒▒▒▒▒ wykorzystano 0 / przyznano 12 / limit 10 (ponad limit)");
    }

    #[test]
    fn degrades_to_ascii_without_escapes() {
        let text = bars(&data(), 12, ChartStyle::Ascii);
        assert!(text.contains("2026-05 ####++++..   wykorzystano 4"), "{text}");
        assert!(!text.contains('\x1b') && !text.contains('█'), "{text}");
    }

    #[test]
    fn colours_only_in_colour_style() {
        assert!(bars(&data(), 12, ChartStyle::Colour).contains("\x1b[32m████\x1b[0m"));
        assert!(!bars(&data(), 12, ChartStyle::Blocks).contains('\x1b'));
    }

    #[test]
    fn plain_style_is_numbers_only() {
        assert_eq!(
            bars(&data(), 12, ChartStyle::Plain),
            "2026-05  wykorzystano 4 / przyznano 8 / limit 10\n2026-06  wykorzystano 0 / przyznano 12 / limit 10\n"
        );
    }

    #[test]
    fn picks_the_style_from_the_terminal() {
        use crate::config::ColorWhen;
        let style = |is_terminal, ascii, color, no_color, term| {
            ChartStyle::detect(is_terminal, Capability::detect(color, ascii, no_color, term))
        };
        assert_eq!(style(false, false, ColorWhen::Auto, false, "xterm"), ChartStyle::Plain);
        assert_eq!(style(true, true, ColorWhen::Auto, false, "xterm"), ChartStyle::Ascii);
        for console in ["linux", "vt100", "vt220"] {
            assert_eq!(style(true, false, ColorWhen::Auto, false, console), ChartStyle::Ascii, "{console}");
        }
        assert_eq!(style(true, false, ColorWhen::Never, false, "xterm"), ChartStyle::Blocks);
        assert_eq!(style(true, false, ColorWhen::Auto, true, "xterm"), ChartStyle::Blocks);
        assert_eq!(style(true, false, ColorWhen::Always, true, "xterm"), ChartStyle::Colour);
        assert_eq!(style(true, false, ColorWhen::Auto, false, "xterm-256color"), ChartStyle::Colour);
    }

    #[test]
    fn sparkline_scales_to_the_largest_value() {
        assert_eq!(sparkline(&[0, 4, 8], ChartStyle::Blocks), "▁▅█");
        assert_eq!(sparkline(&[0, 4, 8], ChartStyle::Ascii), "_-#");
        assert_eq!(sparkline(&[0, 4, 8], ChartStyle::Plain), "0 4 8");
    }
}
