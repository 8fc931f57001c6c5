//! Overlays: the help popup (generated from the active keymap), the one confirmation popup, the
//! one error popup, and a form. They stack; the top one takes the keys.

use super::super::action::Action;
use super::super::keymap::{Context, KeyNames, Keymap};
use super::super::theme::Theme;
use super::form::Form;
use super::list::Scroll;
use super::{block, cell, centered, safe};
use crate::domain::resident::{ResidentRecord, format_address};
use crate::i18n::desk::{Strings, Text};
use crate::storage::residents::LookAlike;
use crate::tui::msg::Job;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// The outcomes an application's view offers through a form of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ChosenOutcome {
    Forward,
    InformationOnly,
    WaitingList,
}

impl ChosenOutcome {
    /// The outcome as the card's outcome form names it (`rozstrzygnięcie`).
    pub fn code(self) -> &'static str {
        match self {
            ChosenOutcome::Forward => "przekazany",
            ChosenOutcome::InformationOnly => "informacja",
            ChosenOutcome::WaitingList => "oczekuje",
        }
    }
}

/// What a form is for; the app checks and saves it accordingly. Serialized, it names a form
/// kept when the terminal went away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// One outcome chosen in an application's view, for that application alone.
    Decide {
        resident_id: i64,
        application_id: i64,
        outcome: ChosenOutcome,
    },
    /// A registered resident's visit, or an anonymous enquiry ("Informacja bez rejestracji").
    Visit {
        resident_id: Option<i64>,
    },
    Application {
        resident_id: i64,
    },
    /// A plan's first draft for an application: its period.
    DraftPlan {
        application_id: i64,
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
    /// One service granted on an application without an IPUS (art. 42).
    Qualify {
        application_id: i64,
        service_id: i64,
    },
    RefuseQualification {
        application_id: i64,
        service_id: i64,
    },
    JoinWaitlist {
        application_id: i64,
        service_id: i64,
    },
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed {
    /// Close the form below without saving.
    DiscardForm,
    /// Save the form below with this work, checked already.
    SaveForm(Job),
    /// Send this work.
    Run(Job),
    /// Give the action back to the view that asked; it acts on what it showed in the question.
    View(Action),
}

/// What a pick from a [`Popup::Choose`] list is for; the view that opened it gets the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    SortBy,
    /// One of the card's applications, to open with its outcomes.
    Application,
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
    /// A message that is not a refusal, such as what a print command wrote.
    Notice {
        title: Text,
        message: String,
    },
    /// The one confirmation: the question names the person, the plan and the effect; the answer
    /// chosen starts on "no", so Enter alone never does what cannot be undone.
    Confirm {
        question: String,
        yes: Confirmed,
        agreed: bool,
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
    /// A short list to pick one row from: arrows and Enter, or the row's digit.
    Choose {
        title: Text,
        rows: Vec<String>,
        list: super::list::Selection,
        choice: Choice,
    },
}

impl Popup {
    /// A confirmation with "no" chosen.
    pub fn confirm(question: String, yes: Confirmed) -> Popup {
        Popup::Confirm { question, yes, agreed: false }
    }
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
            Popup::Form { form, .. } => form.hints(),
            Popup::Confirm { .. } => &[Action::ChooseAnswer, Action::Confirm, Action::Cancel],
            Popup::Choose { .. } => &[Action::Down, Action::Confirm, Action::Cancel],
            Popup::LookAlike { .. } => &[Action::Down, Action::Confirm, Action::Cancel],
            Popup::Help { .. } => &[Action::Down, Action::Cancel],
            Popup::Error { .. } | Popup::Notice { .. } => &[Action::Cancel],
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
                let names = KeyNames { lang: strings.lang, ascii: theme.ascii };
                let mut lines = Vec::new();
                for context in contexts {
                    let bindings: Vec<_> = keymap.bindings_in(*context).collect();
                    if bindings.is_empty() {
                        continue;
                    }
                    lines.push(Line::styled(strings.help_section(*context), theme.title()));
                    for (seq, action) in bindings {
                        lines.push(Line::from(vec![
                            Span::styled(format!("  {:<12}", names.seq(seq)), theme.key()),
                            Span::raw(strings.command(action)),
                        ]));
                    }
                }
                let body = Rect { height: inner.height.saturating_sub(1), ..inner };
                let top = scroll.top(lines.len(), body.height as usize);
                frame.render_widget(Paragraph::new(lines).scroll((top, 0)), body);
                let footer = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
                frame.render_widget(Paragraph::new(hint), footer);
            }
            Popup::Error { message } => message_box(
                frame,
                area,
                theme,
                strings.get(Text::ErrorTitle),
                &format!("! {message}"),
                None,
                hint,
                true,
            ),
            Popup::Notice { title, message } => {
                message_box(frame, area, theme, strings.get(*title), message, None, hint, false)
            }
            Popup::Confirm { question, agreed, .. } => {
                let no = format!("[ {} ]", strings.get(Text::AnswerNo));
                let yes = format!("[ {} ]", strings.get(Text::AnswerYes));
                let (no_style, yes_style) =
                    if *agreed { (theme.dim(), theme.selected()) } else { (theme.selected(), theme.dim()) };
                let answers =
                    Line::from(vec![Span::styled(no, no_style), Span::raw("   "), Span::styled(yes, yes_style)]);
                let title = strings.get(Text::ConfirmTitle);
                message_box(frame, area, theme, title, question, Some(answers), hint, false)
            }
            Popup::Form { form, .. } => form.draw(frame, area, theme, strings, hint),
            Popup::Choose { title, rows, list, .. } => {
                let height = (rows.len() as u16 + 3).min(area.height);
                let rect = centered(area, 50, height);
                frame.render_widget(Clear, rect);
                let outer = block(theme, strings.get(*title), true);
                let inner = outer.inner(rect);
                frame.render_widget(outer, rect);
                let body = Rect { height: inner.height.saturating_sub(1), ..inner };
                let width = inner.width as usize;
                let lines: Vec<Line> = list
                    .window(rows, body.height as usize)
                    .map(|(i, row)| {
                        let selected = i == list.at();
                        let pointer = if selected { theme.pointer() } else { " " };
                        let digit = if i < 9 { format!("{}", i + 1) } else { " ".to_string() };
                        let text = super::fit(theme, &format!("{pointer}{digit} {row}"), width);
                        Line::styled(text, if selected { theme.selected() } else { ratatui::style::Style::new() })
                    })
                    .collect();
                frame.render_widget(Paragraph::new(lines), body);
                let footer = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
                frame.render_widget(Paragraph::new(hint), footer);
            }
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

#[allow(clippy::too_many_arguments)]
fn message_box(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    title: &str,
    message: &str,
    answers: Option<Line<'_>>,
    hint: Line<'_>,
    error: bool,
) {
    let width = 72u16.min(area.width);
    let inner_width = width.saturating_sub(2).max(1) as usize;
    let style = if error { theme.error() } else { theme.title() };
    // Refusals and questions may quote stored names; a child process's output keeps its lines.
    let mut lines: Vec<Line<'_>> = message.lines().map(|l| Line::styled(super::safe(l), style)).collect();
    let text_rows: usize = message.lines().map(|l| super::list::width(l) / inner_width + 1).sum();
    lines.push(Line::raw(""));
    let mut rows = text_rows + 2;
    if let Some(answers) = answers {
        lines.push(answers);
        lines.push(Line::raw(""));
        rows += 2;
    }
    lines.push(hint);
    let height = (rows as u16 + 2).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let outer = block(theme, title, true);
    let inner = outer.inner(rect);
    frame.render_widget(outer, rect);
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
    let names = KeyNames { lang: strings.lang, ascii: theme.ascii };
    for action in actions {
        let Some(key) = names.hint(&keymap.key_seqs(contexts, *action, typing)) else { continue };
        let gap = if spans.is_empty() { "" } else { "  " };
        let label = format!(" {}", strings.command(*action));
        let needed = gap.len() + super::list::width(&key) + super::list::width(&label);
        if width + needed > HINT_WIDTH {
            continue;
        }
        width += needed;
        spans.push(Span::raw(gap));
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(label));
    }
    Line::from(spans)
}
