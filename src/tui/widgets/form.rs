//! The one form widget: labelled one-line fields, some offering a fixed choice. A refused
//! submission keeps every typed value and puts the focus on the field the message names.

use super::super::action::Action;
use super::super::theme::Theme;
use super::text::{self, Edit};
use super::{block, centered};
use crate::i18n::desk::{Strings, Text};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: Text,
    /// The name the domain's validation uses for this field (`FieldError::field`).
    pub key: &'static str,
    pub value: String,
    /// Cursor position in characters.
    pub cursor: usize,
    /// When set, Left/Right pick one of these instead of typing.
    pub choices: Option<&'static [&'static str]>,
}

impl Field {
    pub fn text(label: Text, key: &'static str, value: &str) -> Field {
        Field { label, key, value: value.to_string(), cursor: value.chars().count(), choices: None }
    }

    pub fn choice(label: Text, key: &'static str, choices: &'static [&'static str]) -> Field {
        let value = choices.first().copied().unwrap_or_default().to_string();
        Field { label, key, cursor: 0, value, choices: Some(choices) }
    }

    fn cycle(&mut self, forward: bool) {
        let Some(choices) = self.choices else { return };
        let at = choices.iter().position(|c| *c == self.value).unwrap_or(0);
        let next = if forward { (at + 1) % choices.len() } else { (at + choices.len() - 1) % choices.len() };
        self.value = choices[next].to_string();
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    Edited,
    Submit,
    Cancel,
    Ignored,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: Text,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The last refusal, naming the field and the reason.
    pub error: Option<String>,
    /// Who and what the form is about ("IPUS/2026/0009 · Jan Kowalski"), named by the confirmation
    /// of a save that cannot be undone.
    pub subject: Option<String>,
    /// What the person should know while filling it in (what is left, the appeal rule), shown
    /// under the fields.
    pub notes: Vec<String>,
    /// Values as first shown, to tell whether anything was typed.
    initial: Vec<String>,
}

impl Form {
    pub fn new(title: Text, fields: Vec<Field>) -> Form {
        let initial = fields.iter().map(|f| f.value.clone()).collect();
        Form { title, fields, focus: 0, error: None, subject: None, notes: Vec::new(), initial }
    }

    pub fn with_notes(mut self, notes: Vec<String>) -> Form {
        self.notes = notes;
        self
    }

    /// The same form naming what it is about.
    pub fn about(mut self, subject: String) -> Form {
        self.subject = Some(subject);
        self
    }

    pub fn value(&self, key: &str) -> &str {
        self.fields.iter().find(|f| f.key == key).map_or("", |f| f.value.as_str())
    }

    /// Whether leaving would lose something the person typed.
    pub fn is_changed(&self) -> bool {
        self.fields.iter().zip(&self.initial).any(|(f, v)| f.value != *v)
    }

    /// Shows a refusal and moves the focus to the field it names.
    pub fn refuse(&mut self, field: &str, message: String) {
        if let Some(at) = self.fields.iter().position(|f| f.key == field) {
            self.focus = at;
        }
        self.error = Some(message);
    }

    pub fn handle(&mut self, action: Action) -> FormEvent {
        let count = self.fields.len();
        let Some(field) = self.fields.get_mut(self.focus) else { return FormEvent::Ignored };
        match action {
            Action::NextField => self.focus = (self.focus + 1) % count,
            Action::PrevField => self.focus = (self.focus + count - 1) % count,
            Action::Confirm => return FormEvent::Submit,
            Action::Cancel => return FormEvent::Cancel,
            Action::MoveLeft if field.choices.is_some() => field.cycle(false),
            Action::MoveRight if field.choices.is_some() => field.cycle(true),
            Action::Type(' ') if field.choices.is_some() => field.cycle(true),
            _ if field.choices.is_some() => return FormEvent::Ignored,
            _ => {
                if text::edit(&mut field.value, &mut field.cursor, action) == Edit::Ignored {
                    return FormEvent::Ignored;
                }
            }
        }
        FormEvent::Edited
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, strings: &Strings, hint: Line<'_>) {
        let label_width = self.fields.iter().map(|f| super::list::width(strings.get(f.label))).max().unwrap_or(0) + 2;
        let notes = if self.notes.is_empty() { 0 } else { self.notes.len() + 1 };
        let height = (self.fields.len() + notes) as u16 + 5;
        let rect = centered(area, 72, height);
        frame.render_widget(Clear, rect);
        let outer = block(theme, strings.get(self.title), true);
        let inner = outer.inner(rect);
        frame.render_widget(outer, rect);
        let value_width = (inner.width as usize).saturating_sub(label_width + 1);
        let mut lines = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let focused = i == self.focus;
            let marker = if focused { theme.pointer() } else { " " };
            let label = format!("{marker}{:<w$}", strings.get(f.label), w = label_width - 1);
            let label_style = if focused { theme.label().add_modifier(Modifier::BOLD) } else { theme.label() };
            let shown = match f.choices {
                Some(_) => match strings.channel(&f.value) {
                    "?" => format!("< {} >", f.value.replace('_', " ")),
                    label => format!("< {label} >"),
                },
                None => text::visible(&f.value, f.cursor, value_width).0,
            };
            let value_style = if focused { theme.selected() } else { theme.dim() };
            lines.push(Line::from(vec![
                Span::styled(label, label_style),
                Span::raw(" "),
                Span::styled(format!("{shown:<value_width$}"), value_style),
            ]));
        }
        if !self.notes.is_empty() {
            lines.push(Line::raw(""));
            for note in &self.notes {
                lines.push(Line::styled(super::safe(note), theme.dim()));
            }
        }
        lines.push(Line::raw(""));
        match &self.error {
            Some(e) => lines.push(Line::styled(format!("! {e}"), theme.error())),
            None => lines.push(Line::raw("")),
        }
        lines.push(hint);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        if let Some(f) = self.fields.get(self.focus).filter(|f| f.choices.is_none()) {
            let before = text::visible(&f.value, f.cursor, value_width).1;
            let x = inner.x + label_width as u16 + 1 + before as u16;
            let y = inner.y + self.focus as u16;
            frame.set_cursor_position(Position::new(x.min(inner.right().saturating_sub(1)), y));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_in_the_middle_and_cycles_choices() {
        let mut form = Form::new(
            Text::VisitTitle,
            vec![
                Field::text(Text::VisitTopic, "temat", "Zofa"),
                Field::choice(Text::VisitChannel, "kanał", &["a", "b"]),
            ],
        );
        form.handle(Action::MoveLeft);
        form.handle(Action::Type('i'));
        assert_eq!(form.value("temat"), "Zofia");
        form.handle(Action::NextField);
        form.handle(Action::MoveRight);
        assert_eq!(form.value("kanał"), "b");
        assert!(form.is_changed());
        form.refuse("temat", "temat: pole jest wymagane".into());
        assert_eq!(form.focus, 0);
        assert_eq!(form.value("temat"), "Zofia");
    }
}
