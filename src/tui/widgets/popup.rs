//! Overlays: the help popup (generated from the active keymap), the one confirmation popup, the
//! one error popup, and a form. They stack; the top one takes the keys.

use super::super::action::Action;
use super::super::keymap::{Context, Keymap, seq_label};
use super::super::theme::Theme;
use super::form::Form;
use super::list::Scroll;
use super::{block, centered};
use crate::i18n::desk::{Strings, Text};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// What a form is for; the app checks and saves it accordingly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormPurpose {
    Visit {
        resident_id: i64,
    },
    Application {
        resident_id: i64,
    },
    ReturnPlan {
        version_id: i64,
    },
    Limit {
        service_id: i64,
    },
    /// A new service, or an edit of the one given.
    Service {
        service_id: Option<i64>,
    },
    Usage,
    Contact {
        plan_id: i64,
    },
    Resign {
        plan_id: i64,
    },
    Complete {
        plan_id: i64,
    },
    FollowUp {
        plan_id: i64,
    },
    ExportReport {
        kind: crate::tui::msg::ReportKind,
    },
}

/// What a confirmation leads to when the answer is yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    /// Close the form below without saving.
    DiscardForm,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help { contexts: Vec<Context>, scroll: Scroll },
    Error { message: String },
    Confirm { question: Text, yes: Confirmed },
    Form { form: Form, purpose: FormPurpose, saving: bool },
}

impl Popup {
    /// Keymap contexts while this popup is on top.
    pub fn contexts(&self) -> &'static [Context] {
        match self {
            Popup::Form { .. } => &[Context::Form],
            _ => &[Context::Popup],
        }
    }

    pub fn typing(&self) -> bool {
        matches!(self, Popup::Form { .. })
    }

    pub fn hints(&self) -> &'static [Action] {
        match self {
            Popup::Form { .. } => &[Action::NextField, Action::Confirm, Action::Cancel],
            Popup::Confirm { .. } => &[Action::Confirm, Action::Cancel],
            Popup::Help { .. } => &[Action::Down, Action::Cancel],
            Popup::Error { .. } => &[Action::Cancel],
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, strings: &Strings, keymap: &Keymap) {
        let hint = hint_line(theme, strings, keymap, self.contexts(), self.hints(), self.typing());
        match self {
            Popup::Help { contexts, scroll } => {
                let rect = centered(area, 76, area.height.saturating_sub(2));
                frame.render_widget(Clear, rect);
                let outer = block(theme, strings.get(Text::HelpTitle), true);
                let inner = outer.inner(rect);
                frame.render_widget(outer, rect);
                let mut lines = Vec::new();
                for context in contexts {
                    let bindings: Vec<_> = keymap.bindings_in(*context).collect();
                    if bindings.is_empty() {
                        continue;
                    }
                    lines.push(Line::styled(strings.help_section(context.help_section()), theme.title()));
                    for (seq, action) in bindings {
                        lines.push(Line::from(vec![
                            Span::styled(format!("  {:<12}", seq_label(seq)), theme.key()),
                            Span::raw(strings.command(action.command())),
                        ]));
                    }
                }
                let body = Rect { height: inner.height.saturating_sub(1), ..inner };
                let top = scroll.top(lines.len(), body.height as usize);
                frame.render_widget(Paragraph::new(lines).scroll((top, 0)), body);
                let footer = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
                frame.render_widget(Paragraph::new(hint), footer);
            }
            Popup::Error { message } => {
                message_box(frame, area, theme, strings.get(Text::ErrorTitle), &format!("! {message}"), hint, true)
            }
            Popup::Confirm { question, .. } => {
                message_box(frame, area, theme, strings.get(Text::ConfirmTitle), strings.get(*question), hint, false)
            }
            Popup::Form { form, .. } => form.draw(frame, area, theme, strings, hint),
        }
    }
}

fn message_box(frame: &mut Frame, area: Rect, theme: &Theme, title: &str, message: &str, hint: Line<'_>, error: bool) {
    let width = 64u16;
    let text_lines = super::list::width(message) as u16 / (width - 4) + 1;
    let rect = centered(area, width, text_lines + 4);
    frame.render_widget(Clear, rect);
    let outer = block(theme, title, true);
    let inner = outer.inner(rect);
    frame.render_widget(outer, rect);
    let style = if error { theme.error() } else { theme.title() };
    // Refusals may quote stored names.
    let lines = vec![Line::styled(super::safe(&message.replace('\n', " ")), style), Line::raw(""), hint];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// How wide the key hints may be; hints that do not fit are left out whole.
pub const HINT_WIDTH: usize = 80;

/// `F1 pomoc  F10 wyjście …` for the actions given, with the keys that really trigger them now.
pub fn hint_line<'a>(
    theme: &Theme,
    strings: &Strings,
    keymap: &Keymap,
    contexts: &[Context],
    actions: &[Action],
    typing: bool,
) -> Line<'a> {
    let mut spans = Vec::new();
    let mut width = 0;
    for action in actions {
        let keys = keymap.keys_for(contexts, *action, typing);
        let Some(key) = keys.first() else { continue };
        let gap = if spans.is_empty() { "" } else { "  " };
        let label = format!(" {}", strings.command(action.command()));
        let needed = gap.len() + super::list::width(key) + super::list::width(&label);
        if width + needed > HINT_WIDTH {
            continue;
        }
        width += needed;
        spans.push(Span::raw(gap));
        spans.push(Span::styled(key.clone(), theme.key()));
        spans.push(Span::raw(label));
    }
    Line::from(spans)
}
