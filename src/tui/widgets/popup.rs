//! Overlays: the help popup (generated from the active keymap), the one confirmation popup, the
//! one error popup, and a form. They stack; the top one takes the keys.

use super::super::action::Action;
use super::super::keymap::{Context, Keymap, seq_label};
use super::super::theme::Theme;
use super::form::Form;
use super::list::Scroll;
use super::{block, cell, centered, safe};
use crate::domain::resident::{ResidentRecord, format_address};
use crate::i18n::desk::{Strings, Text};
use crate::storage::residents::LookAlike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// What a form is for; the app checks and saves it accordingly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormPurpose {
    /// A walk-in resident registered from the search.
    Resident,
    Representative {
        resident_id: i64,
    },
    /// Forwarding, refusal by decision or information only, for one of the card's applications.
    Outcome {
        resident_id: i64,
    },
    /// A registered resident's visit, or an anonymous enquiry ("Informacja bez rejestracji").
    Visit {
        resident_id: Option<i64>,
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
    Help {
        contexts: Vec<Context>,
        scroll: Scroll,
    },
    Error {
        message: String,
    },
    Confirm {
        question: Text,
        yes: Confirmed,
    },
    Form {
        form: Form,
        purpose: FormPurpose,
        saving: bool,
    },
    /// The person being registered beside a registered look-alike: "to ta sama osoba" (the safe
    /// answer, highlighted first) opens the existing card, "inna osoba" registers and is audited.
    LookAlike {
        record: Box<ResidentRecord>,
        alike: Vec<LookAlike>,
        other: bool,
    },
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
            Popup::LookAlike { .. } => &[Action::Down, Action::Confirm, Action::Cancel],
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
            Popup::LookAlike { record, alike, other } => {
                look_alike(frame, area, theme, strings, record, alike, *other, hint)
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn look_alike(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    strings: &Strings,
    record: &ResidentRecord,
    alike: &[LookAlike],
    other: bool,
    hint: Line<'_>,
) {
    let Some(first) = alike.first() else { return };
    let existing = &first.person;
    let rect = centered(area, 76, if alike.len() > 1 { 15 } else { 14 });
    frame.render_widget(Clear, rect);
    let outer = block(theme, strings.get(Text::LookAlikeTitle), true);
    let inner = outer.inner(rect);
    frame.render_widget(outer, rect);
    let (label_w, value_w) = (16, (inner.width as usize).saturating_sub(18) / 2);
    let row = |label: &str, new: &str, old: &str, style| {
        Line::from(vec![
            Span::styled(cell(theme, label, label_w), theme.label()),
            Span::raw(" "),
            Span::styled(cell(theme, &safe(new), value_w), style),
            Span::raw(" "),
            Span::styled(cell(theme, &safe(old), value_w), style),
        ])
    };
    let new_address =
        format_address(&record.street, &record.house_no, &record.flat_no, &record.postal_code, &record.city);
    let new_pesel = record.pesel.as_ref().map(|p| theme.mask_pesel(p.as_str())).unwrap_or_default();
    let old_pesel = if existing.pesel.is_empty() { String::new() } else { theme.mask_pesel(&existing.pesel) };
    let why = crate::i18n::errors::likeness(strings.lang, first.likeness.code());
    let plain = ratatui::style::Style::new();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{}: ", strings.get(Text::AlikeIn)), theme.label()),
            Span::styled(why.to_string(), theme.title()),
        ]),
        row(
            "",
            strings.get(Text::BeingRegistered),
            &format!("{} (nr {})", strings.get(Text::AlreadyRegistered), existing.id),
            theme.label(),
        ),
        row(
            strings.get(Text::ColName),
            &format!("{} {}", record.last_name, record.first_name),
            &format!("{} {}", existing.last_name, existing.first_name),
            plain,
        ),
        row(strings.get(Text::Pesel), &new_pesel, &old_pesel, plain),
        row(
            strings.get(Text::BirthDate),
            &record.birth_date.map(|d| d.to_string()).unwrap_or_default(),
            &existing.birth_date,
            plain,
        ),
        row(strings.get(Text::DocumentNo), &record.document_no, &existing.document_no, plain),
        row(strings.get(Text::Address), &new_address, &existing.address, plain),
    ];
    if alike.len() > 1 {
        lines.push(Line::styled(format!("{} {}", strings.get(Text::MoreLookAlikes), alike.len()), theme.dim()));
    }
    lines.push(Line::raw(""));
    for (answer, chosen) in [(Text::SamePerson, !other), (Text::OtherPerson, other)] {
        let pointer = if chosen { theme.pointer() } else { " " };
        let style = if chosen { theme.selected() } else { plain };
        lines.push(Line::styled(format!("{pointer} {}", strings.get(answer)), style));
    }
    lines.push(Line::raw(""));
    lines.push(hint);
    frame.render_widget(Paragraph::new(lines), inner);
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
