//! The one form widget: labelled one-line fields, some offering a fixed choice, some required
//! (marked `*`), grouped under headings, and lists of rows — a service with its unit, quantity
//! and frequency — that grow and shrink with their own keys. A form taller than its area scrolls
//! to keep the focused field in sight and says that there is more above or below. A refused
//! submission keeps every typed value and puts the focus on the field the message names.

use super::super::action::Action;
use super::super::theme::Theme;
use super::catalogue::{Picker, PickerEvent};
use super::text::{self, Edit};
use super::{block, centered, wrap_line};
use crate::domain::assessment::{ENTRY_PARTS, ServiceEntry, check_service_entry};
use crate::domain::text::{FieldError, FieldProblem};
use crate::i18n::desk::{Strings, Text};
use crate::tui::msg::CatalogueItem;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use std::cell::Cell;

/// The cells of a row, in order: the service, its unit, the quantity and the frequency, each
/// keyed by the part's name in the domain's check.
const ROW_CELLS: [Text; 4] = [Text::RowService, Text::RowUnit, Text::RowQuantity, Text::RowFrequency];
/// Columns of the unit, the quantity and the frequency; the service takes the rest.
const ROW_WIDTHS: [usize; 3] = [11, 6, 16];
/// The row's number before its cells (" 1. ").
const ROW_NUMBER: usize = 4;

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
    /// Must not be left empty; the label is marked.
    pub required: bool,
    /// The section this field opens, drawn as a heading above it.
    pub heading: Option<Text>,
    /// A cell of a row: the list it belongs to and the row's place in it, from 0.
    pub row: Option<(usize, usize)>,
}

impl Field {
    pub fn text(label: Text, key: &'static str, value: &str) -> Field {
        Field {
            label,
            key,
            value: value.to_string(),
            cursor: value.chars().count(),
            choices: None,
            required: false,
            heading: None,
            row: None,
        }
    }

    pub fn choice(label: Text, key: &'static str, choices: &'static [&'static str]) -> Field {
        let value = choices.first().copied().unwrap_or_default();
        Field { choices: Some(choices), cursor: 0, ..Field::text(label, key, value) }
    }

    /// The same field, which must be filled in.
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// The same field opening a section with this heading.
    pub fn under(mut self, heading: Text) -> Field {
        self.heading = Some(heading);
        self
    }

    /// The empty cells of row `index` of list `list`.
    pub fn row_cells(list: usize, index: usize) -> Vec<Field> {
        ROW_CELLS
            .iter()
            .zip(ENTRY_PARTS)
            .map(|(label, key)| Field { row: Some((list, index)), ..Field::text(*label, key, "") })
            .collect()
    }

    fn column(&self) -> usize {
        ENTRY_PARTS.iter().position(|k| *k == self.key).unwrap_or(0)
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
    /// Enter moves to the next field and only the save key saves: a long form is not sent by
    /// the Enter that ends a field.
    pub long: bool,
    /// The heading of each list of rows, by the list's number in [`Field::row`].
    pub lists: Vec<Text>,
    /// The services a row's service may be picked from.
    pub catalogue: Vec<CatalogueItem>,
    /// The catalogue open over the form.
    picker: Option<Picker>,
    /// Values as first shown, to tell whether anything was typed.
    initial: Vec<String>,
    /// The first line of the fields on screen; drawing keeps the focus in sight, so it is a cell.
    top: Cell<usize>,
}

impl Form {
    pub fn new(title: Text, fields: Vec<Field>) -> Form {
        let initial = fields.iter().map(|f| f.value.clone()).collect();
        Form {
            title,
            fields,
            focus: 0,
            error: None,
            subject: None,
            notes: Vec::new(),
            long: false,
            lists: Vec::new(),
            catalogue: Vec::new(),
            picker: None,
            initial,
            top: Cell::new(0),
        }
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

    /// The same form as a long one, with lists of rows under these headings: each list's rows
    /// are already among the fields ([`Field::row_cells`]).
    pub fn long(mut self, lists: Vec<Text>) -> Form {
        self.long = true;
        self.lists = lists;
        self
    }

    pub fn value(&self, key: &str) -> &str {
        self.fields.iter().find(|f| f.key == key && f.row.is_none()).map_or("", |f| f.value.as_str())
    }

    /// Whether leaving would lose something the person typed.
    pub fn is_changed(&self) -> bool {
        self.fields.len() != self.initial.len() || self.fields.iter().zip(&self.initial).any(|(f, v)| f.value != *v)
    }

    /// Shows a refusal and moves the focus to the field it names.
    pub fn refuse(&mut self, field: &str, message: String) {
        if let Some(at) = self.fields.iter().position(|f| f.key == field && f.row.is_none()) {
            self.focus = at;
        }
        self.error = Some(message);
    }

    /// The filled rows of list `list`, each as the index of its first cell and its values.
    fn filled_rows(&self, list: usize) -> Vec<(usize, [&str; 4])> {
        let mut rows = Vec::new();
        for (at, f) in self.fields.iter().enumerate() {
            if f.row.is_some_and(|(l, _)| l == list) && f.column() == 0 {
                let cells: [&str; 4] =
                    std::array::from_fn(|c| self.fields.get(at + c).map_or("", |cell| cell.value.as_str()));
                if cells.iter().any(|v| !v.trim().is_empty()) {
                    rows.push((at, cells));
                }
            }
        }
        rows
    }

    /// The services of list `list` as the domain checks them; an empty row is no entry.
    pub fn entries(&self, list: usize) -> Result<Vec<ServiceEntry>, (usize, FieldError)> {
        self.filled_rows(list)
            .into_iter()
            .map(|(at, cells)| check_service_entry(cells).map_err(|e| (at + column_of(e.field), e)))
            .collect()
    }

    /// What blocks saving: an empty required field or a refused row, as the field to focus and
    /// the message.
    fn incomplete(&self, strings: &Strings) -> Option<(usize, String)> {
        if let Some(at) = self.fields.iter().position(|f| f.required && f.value.trim().is_empty()) {
            return Some((at, FieldProblem::Required.on(self.fields[at].key).to_string()));
        }
        (0..self.lists.len()).find_map(|list| {
            self.entries(list).err().map(|(at, e)| {
                let row = self.fields[at].row.map_or(0, |(_, r)| r) + 1;
                (at, format!("{} {row}: {e}", strings.get(self.lists[list])))
            })
        })
    }

    /// Submits when nothing blocks it; otherwise shows why with the focus on the field.
    fn submit(&mut self) -> FormEvent {
        match self.incomplete(&Strings::new(crate::i18n::current())) {
            Some((at, message)) => {
                self.focus = at;
                self.error = Some(message);
                FormEvent::Edited
            }
            None => FormEvent::Submit,
        }
    }

    /// The list a new row goes to: the focused row's, else the first list below the focus,
    /// else the last one.
    fn list_for_new_row(&self) -> Option<usize> {
        if let Some((list, _)) = self.fields.get(self.focus).and_then(|f| f.row) {
            return Some(list);
        }
        self.fields[self.focus..].iter().find_map(|f| f.row.map(|(l, _)| l)).or(self.lists.len().checked_sub(1))
    }

    fn add_row(&mut self) {
        let Some(list) = self.list_for_new_row() else { return };
        let focused_row = self.fields.get(self.focus).and_then(|f| f.row).filter(|(l, _)| *l == list);
        let last_of = |want: Option<usize>| {
            self.fields.iter().rposition(|f| f.row.is_some_and(|(l, r)| l == list && want.is_none_or(|w| w == r)))
        };
        let after = match focused_row {
            Some((_, r)) => last_of(Some(r)),
            None => last_of(None),
        };
        self.focus = self.insert_row(list, after);
    }

    /// A new row of list `list` after its last one (a kept form's rows put back).
    pub fn append_row(&mut self, list: usize) {
        let after = self.fields.iter().rposition(|f| f.row.is_some_and(|(l, _)| l == list));
        self.insert_row(list, after);
    }

    /// Inserts an empty row after field `after` (at the end without one); returns its first cell.
    fn insert_row(&mut self, list: usize, after: Option<usize>) -> usize {
        let at = after.map_or(self.fields.len(), |a| a + 1);
        self.fields.splice(at..at, Field::row_cells(list, 0));
        self.number_rows(list);
        at
    }

    /// Removes the focused row; the only row of a list is emptied instead, so the list stays
    /// where it can be filled.
    fn remove_row(&mut self) {
        let Some((list, row)) = self.fields.get(self.focus).and_then(|f| f.row) else { return };
        let first = self.focus - self.fields[self.focus].column();
        let rows = self.fields.iter().filter(|f| f.row.is_some_and(|(l, _)| l == list) && f.column() == 0).count();
        if rows == 1 {
            for cell in &mut self.fields[first..first + ROW_CELLS.len()] {
                cell.value.clear();
                cell.cursor = 0;
            }
            self.focus = first;
            return;
        }
        self.fields.drain(first..first + ROW_CELLS.len());
        self.number_rows(list);
        let next = self.fields.iter().position(|f| f.row == Some((list, row))).or_else(|| {
            self.fields.iter().rposition(|f| f.row.is_some_and(|(l, _)| l == list)).map(|at| at + 1 - ROW_CELLS.len())
        });
        self.focus = next.unwrap_or(0).min(self.fields.len().saturating_sub(1));
    }

    fn number_rows(&mut self, list: usize) {
        let mut row = 0;
        for f in self.fields.iter_mut().filter(|f| f.row.is_some_and(|(l, _)| l == list)) {
            f.row = Some((list, row));
            if f.column() == ROW_CELLS.len() - 1 {
                row += 1;
            }
        }
    }

    fn open_catalogue(&mut self) -> FormEvent {
        match self.fields.get(self.focus) {
            Some(f) if f.row.is_some() && f.column() == 0 && !self.catalogue.is_empty() => {
                self.picker = Some(Picker::new(&f.value));
                FormEvent::Edited
            }
            _ => FormEvent::Ignored,
        }
    }

    /// A key while the catalogue is open: typing narrows it, the arrows move, Enter fills the
    /// row's service and, when empty, its unit.
    fn handle_picker(&mut self, action: Action) -> FormEvent {
        let Some(picker) = &mut self.picker else { return FormEvent::Ignored };
        if action == Action::PickService {
            self.picker = None;
            return FormEvent::Edited;
        }
        match picker.handle(action, &self.catalogue) {
            PickerEvent::Chosen => {
                let Some(item) = picker.chosen(&self.catalogue).cloned() else { return FormEvent::Ignored };
                self.picker = None;
                let at = self.focus;
                set(&mut self.fields[at], &item.name);
                if let Some(unit) = self.fields.get_mut(at + 1).filter(|u| u.value.trim().is_empty()) {
                    set(unit, &item.unit);
                }
                self.focus = (at + 2).min(self.fields.len() - 1);
            }
            PickerEvent::Closed => self.picker = None,
            PickerEvent::Moved => {}
            PickerEvent::Ignored => return FormEvent::Ignored,
        }
        FormEvent::Edited
    }

    pub fn handle(&mut self, action: Action) -> FormEvent {
        if self.picker.is_some() {
            return self.handle_picker(action);
        }
        let count = self.fields.len();
        if count == 0 {
            return FormEvent::Ignored;
        }
        match action {
            Action::NextField => self.focus = (self.focus + 1) % count,
            Action::Confirm if self.long => self.focus = (self.focus + 1) % count,
            Action::PrevField => self.focus = (self.focus + count - 1) % count,
            Action::Confirm | Action::SaveForm => return self.submit(),
            Action::Cancel => return FormEvent::Cancel,
            Action::AddRow if !self.lists.is_empty() => self.add_row(),
            Action::RemoveRow if !self.lists.is_empty() => self.remove_row(),
            Action::PickService => return self.open_catalogue(),
            _ => return self.edit(action),
        }
        FormEvent::Edited
    }

    /// A key for the focused field itself: typing, or picking among its choices.
    fn edit(&mut self, action: Action) -> FormEvent {
        let Some(field) = self.fields.get_mut(self.focus) else { return FormEvent::Ignored };
        match action {
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

    /// The keys the hint line offers: a long form names its save key and, on a row, the row's keys.
    pub fn hints(&self) -> &'static [Action] {
        let on_row = self.fields.get(self.focus).is_some_and(|f| f.row.is_some());
        match (self.long, on_row) {
            _ if self.picker.is_some() => &[Action::Confirm, Action::Cancel],
            (false, _) => &[Action::NextField, Action::Confirm, Action::Cancel],
            (true, false) if self.lists.is_empty() => &[Action::SaveForm, Action::NextField, Action::Cancel],
            (true, false) => &[Action::SaveForm, Action::AddRow, Action::NextField, Action::Cancel],
            (true, true) => &[Action::SaveForm, Action::PickService, Action::AddRow, Action::RemoveRow, Action::Cancel],
        }
    }

    /// The lines of the fields and notes, and for each field the line it is on and the first line
    /// that belongs to it (its heading).
    fn body(&self, theme: &Theme, strings: &Strings, width: usize) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
        let label_width = self.label_width(strings);
        let value_width = width.saturating_sub(label_width + 1);
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut at = Vec::with_capacity(self.fields.len());
        for (i, f) in self.fields.iter().enumerate() {
            let start = lines.len();
            if let Some(heading) = f.heading {
                lines.push(Line::styled(strings.get(heading).to_string(), theme.title()));
            }
            if let Some((list, row)) = f.row {
                if f.column() != 0 {
                    let line = lines.len().saturating_sub(1);
                    at.push((line, line));
                    continue;
                }
                if row == 0 {
                    let heading = self.lists.get(list).map_or("", |h| strings.get(*h));
                    lines.push(Line::styled(heading.to_string(), theme.title()));
                    lines.push(self.row_header(theme, strings, width));
                }
                at.push((lines.len(), start));
                lines.push(self.row_line(i, theme, width));
                continue;
            }
            let focused = i == self.focus;
            let marker = if focused { theme.pointer() } else { " " };
            let star = if f.required { "*" } else { "" };
            let label = format!("{}{star}", strings.get(f.label));
            let label = format!("{marker}{label:<w$}", w = label_width - 1);
            let label_style = if focused { theme.label().add_modifier(Modifier::BOLD) } else { theme.label() };
            let shown = match f.choices {
                Some(_) => match strings.channel(&f.value) {
                    "?" => format!("< {} >", f.value.replace('_', " ")),
                    label => format!("< {label} >"),
                },
                None => text::visible(&f.value, f.cursor, value_width).0,
            };
            let value_style = if focused { theme.selected() } else { theme.dim() };
            at.push((lines.len(), start));
            lines.push(Line::from(vec![
                Span::styled(label, label_style),
                Span::raw(" "),
                Span::styled(format!("{shown:<value_width$}"), value_style),
            ]));
        }
        if !self.notes.is_empty() {
            lines.push(Line::raw(""));
            for note in &self.notes {
                lines.extend(wrap_line(Line::styled(super::safe(note), theme.dim()), width));
            }
        }
        (lines, at)
    }

    fn label_width(&self, strings: &Strings) -> usize {
        let widest = self
            .fields
            .iter()
            .filter(|f| f.row.is_none())
            .map(|f| super::list::width(strings.get(f.label)) + usize::from(f.required))
            .max();
        widest.unwrap_or(0) + 2
    }

    /// Widths of a row's four cells in `width` columns.
    fn cell_widths(width: usize) -> [usize; 4] {
        let rest: usize = ROW_WIDTHS.iter().sum::<usize>() + ROW_CELLS.len() - 1;
        [width.saturating_sub(ROW_NUMBER + rest).max(8), ROW_WIDTHS[0], ROW_WIDTHS[1], ROW_WIDTHS[2]]
    }

    fn row_header(&self, theme: &Theme, strings: &Strings, width: usize) -> Line<'static> {
        let widths = Self::cell_widths(width);
        let names: Vec<String> =
            ROW_CELLS.iter().zip(widths).map(|(label, w)| super::cell(theme, strings.get(*label), w)).collect();
        Line::styled(format!("{:ROW_NUMBER$}{}", "", names.join(" ")), theme.label())
    }

    /// One row: its number and its cells from field `first` on, the focused cell highlighted.
    fn row_line(&self, first: usize, theme: &Theme, width: usize) -> Line<'static> {
        let widths = Self::cell_widths(width);
        let row = self.fields[first].row.map_or(0, |(_, r)| r) + 1;
        let in_row = (first..first + ROW_CELLS.len()).contains(&self.focus);
        let marker = if in_row { theme.pointer() } else { " " };
        let mut spans = vec![Span::styled(format!("{marker}{row:>2}."), theme.label())];
        for (c, w) in widths.iter().enumerate() {
            let Some(f) = self.fields.get(first + c) else { break };
            let shown = text::visible(&f.value, f.cursor, *w).0;
            let style = if first + c == self.focus { theme.selected() } else { theme.dim() };
            spans.push(Span::raw(if c == 0 { "" } else { " " }));
            spans.push(Span::styled(format!("{shown:<w$}"), style));
        }
        Line::from(spans)
    }

    /// Where the focused field's text starts on its line, in columns.
    fn value_column(&self, strings: &Strings, width: usize) -> usize {
        let Some(f) = self.fields.get(self.focus) else { return 0 };
        if f.row.is_none() {
            return self.label_width(strings) + 1;
        }
        let widths = Self::cell_widths(width);
        ROW_NUMBER + widths.iter().take(f.column()).map(|w| w + 1).sum::<usize>()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, strings: &Strings, hint: Line<'_>) {
        const BELOW: u16 = 3;
        let inner_width = centered(area, 72, 3).width.saturating_sub(2) as usize;
        let (lines, at) = self.body(theme, strings, inner_width);
        let rect = centered(area, 72, lines.len() as u16 + BELOW + 2);
        frame.render_widget(Clear, rect);
        let outer = block(theme, strings.get(self.title), true);
        let inner = outer.inner(rect);
        frame.render_widget(outer, rect);
        let rows = inner.height.saturating_sub(BELOW) as usize;
        let (line, start) = at.get(self.focus).copied().unwrap_or((0, 0));
        let mut top = self.top.get().min(lines.len().saturating_sub(rows));
        if start < top {
            top = start;
        }
        if line >= top + rows {
            top = line + 1 - rows;
        }
        self.top.set(top);
        let (above, below) = (top > 0, top + rows < lines.len());
        let body = Rect { height: rows as u16, ..inner };
        frame.render_widget(Paragraph::new(lines.into_iter().skip(top).take(rows).collect::<Vec<_>>()), body);
        let more = match (above, below) {
            (false, false) => String::new(),
            _ => {
                let (up, down) = if theme.ascii { ("^", "v") } else { ("↑", "↓") };
                let arrows = format!("{}{}", if above { up } else { "" }, if below { down } else { "" });
                format!("{arrows} {}", strings.get(Text::FormMore))
            }
        };
        let mut tail = vec![Line::styled(more, theme.dim())];
        match &self.error {
            Some(e) => tail.push(Line::styled(format!("! {e}"), theme.error())),
            None => tail.push(Line::raw("")),
        }
        tail.push(hint);
        let bottom = Rect { y: inner.y + rows as u16, height: inner.height.saturating_sub(rows as u16), ..inner };
        frame.render_widget(Paragraph::new(tail).wrap(Wrap { trim: false }), bottom);
        if let Some(picker) = &self.picker {
            picker.draw(frame, area, theme, strings, &self.catalogue);
            return;
        }
        if let Some(f) = self.fields.get(self.focus).filter(|f| f.choices.is_none())
            && line >= top
            && line < top + rows
        {
            let room = match f.row {
                Some(_) => Self::cell_widths(inner.width as usize)[f.column()],
                None => (inner.width as usize).saturating_sub(self.label_width(strings) + 1),
            };
            let before = text::visible(&f.value, f.cursor, room).1;
            let x = inner.x + (self.value_column(strings, inner.width as usize) + before) as u16;
            let y = inner.y + (line - top) as u16;
            frame.set_cursor_position(Position::new(x.min(inner.right().saturating_sub(1)), y));
        }
    }
}

fn column_of(key: &str) -> usize {
    ENTRY_PARTS.iter().position(|k| *k == key).unwrap_or(0)
}

fn set(field: &mut Field, value: &str) {
    field.value = value.to_string();
    field.cursor = value.chars().count();
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

    fn with_rows() -> Form {
        let mut fields = vec![Field::text(Text::VisitTopic, "temat", "").required()];
        fields.extend(Field::row_cells(0, 0));
        fields.extend(Field::row_cells(1, 0));
        Form::new(Text::VisitTitle, fields).long(vec![Text::AssessmentUses, Text::AssessmentWants])
    }

    fn typed(form: &mut Form, text: &str) {
        text.chars().for_each(|c| {
            form.handle(Action::Type(c));
        });
    }

    #[test]
    fn a_required_field_left_empty_stops_the_save_with_the_focus_on_it() {
        let mut form = with_rows();
        form.focus = 3;
        assert_eq!(form.handle(Action::SaveForm), FormEvent::Edited);
        assert_eq!(form.focus, 0);
        assert!(form.error.as_deref().is_some_and(|e| e.starts_with("temat")), "{:?}", form.error);
        typed(&mut form, "dowozy");
        assert_eq!(form.handle(Action::Confirm), FormEvent::Edited, "Enter in a long form moves on");
        assert_eq!(form.focus, 1);
        assert_eq!(form.handle(Action::SaveForm), FormEvent::Submit);
    }

    #[test]
    fn rows_are_added_after_the_focused_one_and_removed_keeping_one() {
        let mut form = with_rows();
        form.focus = 1;
        typed(&mut form, "Taxi");
        form.handle(Action::AddRow);
        assert_eq!(form.focus, 5, "the new row follows the focused one");
        typed(&mut form, "Posiłki");
        form.handle(Action::AddRow);
        typed(&mut form, "Opieka");
        let names: Vec<_> = form.entries(0).unwrap().into_iter().map(|e| e.description).collect();
        assert_eq!(names, ["Taxi", "Posiłki", "Opieka"]);
        assert_eq!(form.fields[9].row, Some((0, 2)));
        form.focus = 5;
        form.handle(Action::RemoveRow);
        let names: Vec<_> = form.entries(0).unwrap().into_iter().map(|e| e.description).collect();
        assert_eq!(names, ["Taxi", "Opieka"]);
        assert_eq!(form.fields[form.focus].row, Some((0, 1)));
        let last = form.fields.len() - 4;
        form.focus = last;
        typed(&mut form, "Zakupy");
        form.handle(Action::RemoveRow);
        assert_eq!(form.fields.len(), 13, "the only row of a list is emptied, not removed");
        assert!(form.entries(1).unwrap().is_empty());
    }

    #[test]
    fn a_refused_row_puts_the_focus_on_the_cell_the_check_names() {
        let mut form = with_rows();
        typed(&mut form, "dowozy");
        form.focus = 1;
        typed(&mut form, "Taxi");
        form.focus = 3;
        typed(&mut form, "dwa");
        assert_eq!(form.handle(Action::SaveForm), FormEvent::Edited);
        assert_eq!(form.focus, 3);
        let error = form.error.clone().unwrap_or_default();
        assert!(error.contains("1: ilość"), "{error}");
        assert_eq!(form.fields[3].value, "dwa", "nothing typed is lost");
    }

    #[test]
    fn the_catalogue_fills_the_service_and_its_unit() {
        let mut form = with_rows();
        form.catalogue = vec![
            CatalogueItem { code: "OPI".into(), name: "Usługi opiekuńcze".into(), unit: "godzina".into() },
            CatalogueItem { code: "TAXI".into(), name: "Taxi senioralne".into(), unit: "kurs".into() },
        ];
        form.focus = 1;
        typed(&mut form, "tax");
        form.handle(Action::PickService);
        form.handle(Action::Confirm);
        assert_eq!((form.fields[1].value.as_str(), form.fields[2].value.as_str()), ("Taxi senioralne", "kurs"));
        assert_eq!(form.focus, 3);
    }
}
