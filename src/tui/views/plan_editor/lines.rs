//! Plan lines and supporting actions: the rows of the right pane, the service picker, the line
//! form with its checks, and the form of a supporting action.

use super::PlanEditor;
use super::panes::full_date;
use crate::domain::ipus::{self, ActionContent, LineContent};
use crate::domain::plan::Amount;
use crate::domain::text::check_text;
use crate::i18n::desk::{Strings, Text};
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, DrawCtx};
use crate::tui::msg::PickService;
use crate::tui::widgets::catalogue::{Picker, PickerEvent};
use crate::tui::widgets::form::{Field, Form, FormEvent};
use crate::tui::widgets::list::width as width_of;
use crate::tui::widgets::popup::hint_line;
use crate::tui::widgets::text;
use crate::tui::widgets::{block, centered, safe};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
/// The fields of a line, in order; the provider is one of the service's, named by its first letters.
pub(super) const LINE_FIELDS: [Text; 10] = [
    Text::LineAmount,
    Text::LinePer,
    Text::LineCap,
    Text::LineCapPer,
    Text::LineFrom,
    Text::LineTo,
    Text::LineSchedule,
    Text::LinePlaceForm,
    Text::LineScope,
    Text::LineProvider,
];

/// The index of the provider among [`LINE_FIELDS`].
const PROVIDER: usize = 9;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Overlay {
    /// The service base to pick a line's service from, narrowed by what is typed.
    Picker(Picker),
    Line {
        index: Option<usize>,
        service: PickService,
        values: Vec<String>,
        field: usize,
        /// The cursor in the focused field, in characters.
        cursor: usize,
        error: Option<String>,
    },
    /// A supporting action (what, who): a new one, or the one at `index`.
    Action { index: Option<usize>, form: Form },
}

/// What a row of the right pane is: the plan lines, the row that adds a service, the supporting
/// actions, the row that adds an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Row {
    Line(usize),
    AddLine,
    Action(usize),
    AddAction,
}

/// The form of a supporting action, filled with `action` when one is edited.
pub(super) fn action_form(action: Option<&ActionContent>) -> Form {
    let (what, who) = action.map_or(("", ""), |a| (a.what.as_str(), a.who.as_str()));
    Form::new(
        Text::SupportTitle,
        vec![Field::text(Text::SupportWhat, "działanie", what), Field::text(Text::SupportWho, "kto", who)],
    )
}

/// A supporting action from its form; the error names the field.
pub(super) fn parse_action(form: &Form) -> Result<ActionContent, crate::domain::text::FieldError> {
    let what = check_text(form.value("działanie"), ipus::LINE_TEXT_MAX, true).map_err(|p| p.on("działanie"))?;
    let who = check_text(form.value("kto"), ipus::LINE_TEXT_MAX, false).map_err(|p| p.on("kto"))?;
    Ok(ActionContent { what, who })
}

pub(super) fn line_values(l: &LineContent) -> Vec<String> {
    vec![
        l.amount.units.to_string(),
        ipus::per_label(l.amount.per).to_string(),
        l.cap.map(|c| c.units.to_string()).unwrap_or_default(),
        l.cap.map(|c| ipus::per_label(c.per).to_string()).unwrap_or_default(),
        l.starts_on.to_string(),
        l.ends_on.to_string(),
        l.schedule.clone(),
        l.place_form.clone(),
        l.scope.clone(),
        l.provider_name.clone(),
    ]
}

/// A line from the line form; the error names the field (its index and message).
pub(super) fn parse_line(s: &Strings, service: &PickService, v: &[String]) -> Result<LineContent, (usize, String)> {
    let field = |i: usize, reason: &str| (i, format!("{}: {reason}", s.get(LINE_FIELDS[i])));
    let number = |i: usize| -> Result<u32, (usize, String)> {
        v[i].trim().parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| field(i, s.get(Text::LineNeedsPositive)))
    };
    let per = |i: usize| ipus::parse_per(&v[i]).ok_or_else(|| field(i, s.get(Text::LineNeedsPer)));
    let date = |i: usize| full_date(&v[i]).ok_or_else(|| field(i, s.get(Text::LineNeedsDate)));
    let amount = Amount { units: number(0)?, per: per(1)? };
    let cap = if v[2].trim().is_empty() { None } else { Some(Amount { units: number(2)?, per: per(3)? }) };
    let (starts_on, ends_on) = (date(4)?, date(5)?);
    if ends_on < starts_on {
        return Err(field(5, s.get(Text::LineEndsBeforeStart)));
    }
    for (i, value) in v.iter().enumerate().take(PROVIDER).skip(6) {
        crate::domain::text::check_text(value, ipus::LINE_TEXT_MAX, false).map_err(|p| field(i, &p.to_string()))?;
    }
    let provider = match v[PROVIDER].trim() {
        "" => None,
        typed => Some(service.provider_named(typed).ok_or_else(|| {
            let offered: Vec<&str> = service.providers.iter().map(|p| p.name.as_str()).collect();
            field(PROVIDER, &format!("{}: {}", s.get(Text::UnknownProvider), offered.join(", ")))
        })?),
    };
    Ok(LineContent {
        service_id: service.id,
        service_code: service.code.clone(),
        service_name: service.name.clone(),
        provider_id: provider.map(|p| p.id),
        provider_name: provider.map(|p| p.name.clone()).unwrap_or_default(),
        amount,
        cap,
        starts_on,
        ends_on,
        schedule: v[6].trim().to_string(),
        place_form: v[7].trim().to_string(),
        scope: v[8].trim().to_string(),
        resigned_on: None,
    })
}

/// What the line form shows under its fields: what each provider has left in each period of
/// the line (the one chosen marked), the service's waiting list and its fee per unit.
fn line_facts(s: &Strings, service: &PickService, values: &[String]) -> Vec<String> {
    let span = match (full_date(&values[4]), full_date(&values[5])) {
        (Some(from), Some(to)) => crate::domain::period::DateRange::new(from, to),
        _ => None,
    };
    let mut out = Vec::new();
    for p in &service.providers {
        let periods: Vec<String> = p
            .left
            .iter()
            .filter(|l| span.is_none_or(|r| r.intersect(&l.range).is_some()))
            .map(|l| format!("{} {}", l.period, l.remaining))
            .collect();
        if periods.is_empty() {
            continue;
        }
        let chosen = service.provider_named(values[PROVIDER].trim()).is_some_and(|c| c.id == p.id);
        let mark = if chosen && !values[PROVIDER].trim().is_empty() { "▸" } else { " " };
        out.push(format!("{mark}{} — {}: {}", safe(&p.name), s.get(Text::ProviderLeft), periods.join(", ")));
    }
    out.push(format!(
        "{} · {}: {}",
        s.waiting_summary(service.waiting, service.first_waiting),
        s.get(Text::LineFee),
        safe(&service.fee)
    ));
    out
}

impl PlanEditor {
    /// The last row of the right pane: the one that adds a supporting action.
    pub(super) fn last_row(&self) -> usize {
        self.content.lines.len() + 1 + self.content.actions.len()
    }

    pub(super) fn row(&self) -> Row {
        let lines = self.content.lines.len();
        match self.selected_line.at() {
            i if i < lines => Row::Line(i),
            i if i == lines => Row::AddLine,
            i if i - lines - 1 < self.content.actions.len() => Row::Action(i - lines - 1),
            _ => Row::AddAction,
        }
    }

    pub(super) fn handle_overlay(&mut self, action: Action, cx: &mut Ctx<'_>) {
        let Some(overlay) = &mut self.overlay else { return };
        match overlay {
            Overlay::Picker(picker) => match picker.handle(action, &self.plan.services) {
                PickerEvent::Chosen => {
                    let Some(service) = picker.chosen(&self.plan.services).cloned() else {
                        return;
                    };
                    let fresh = LineContent {
                        service_id: service.id,
                        service_code: service.code.clone(),
                        service_name: service.name.clone(),
                        provider_id: None,
                        provider_name: String::new(),
                        amount: Amount { units: 1, per: crate::domain::plan::Per::Month },
                        cap: None,
                        starts_on: self.content.period_start,
                        ends_on: self.content.period_end,
                        schedule: String::new(),
                        place_form: String::new(),
                        scope: String::new(),
                        resigned_on: None,
                    };
                    let values = line_values(&fresh);
                    self.overlay = Some(Overlay::Line {
                        index: None,
                        service,
                        cursor: values[0].chars().count(),
                        values,
                        field: 0,
                        error: None,
                    });
                }
                PickerEvent::Closed => self.overlay = None,
                PickerEvent::Moved | PickerEvent::Ignored => {}
            },
            Overlay::Action { index, form } => match form.handle(action) {
                FormEvent::Submit => match parse_action(form) {
                    Ok(done) => {
                        match *index {
                            Some(j) if j < self.content.actions.len() => self.content.actions[j] = done,
                            _ => {
                                self.content.actions.push(done);
                                self.selected_line.select(self.last_row() - 1, self.last_row() + 1);
                            }
                        }
                        self.overlay = None;
                        self.changed(cx);
                    }
                    Err(e) => form.refuse(e.field, e.to_string()),
                },
                FormEvent::Cancel => self.overlay = None,
                FormEvent::Edited | FormEvent::Ignored => {}
            },
            Overlay::Line { index, service, values, field, cursor, error } => match action {
                Action::Type(_)
                | Action::DeleteBack
                | Action::MoveLeft
                | Action::MoveRight
                | Action::LineStart
                | Action::LineEnd => {
                    text::edit(&mut values[*field], cursor, action);
                }
                Action::NextField | Action::PrevField => {
                    let n = LINE_FIELDS.len();
                    *field = if action == Action::NextField { (*field + 1) % n } else { (*field + n - 1) % n };
                    *cursor = values[*field].chars().count();
                }
                Action::Cancel | Action::Back => self.overlay = None,
                Action::Confirm => match parse_line(&cx.strings, service, values).map(|mut line| {
                    // What the form does not show (a resignation) stays as it was.
                    if let Some(old) = index.and_then(|i| self.content.lines.get(i)) {
                        line.resigned_on = old.resigned_on;
                    }
                    line
                }) {
                    Ok(line) if index.is_some_and(|i| self.content.lines.get(i) == Some(&line)) => self.overlay = None,
                    Ok(line) => {
                        match index {
                            Some(i) => self.content.lines[*i] = line,
                            None => {
                                self.content.lines.push(line);
                                self.selected_line.select(self.content.lines.len() - 1, self.last_row() + 1);
                            }
                        }
                        self.overlay = None;
                        self.effects_fresh = false;
                        self.changed(cx);
                    }
                    Err((at, message)) => {
                        *field = at;
                        *error = Some(message);
                    }
                },
                _ => {}
            },
        }
    }

    pub(super) fn draw_overlay(&self, overlay: &Overlay, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let s = cx.strings;
        match overlay {
            Overlay::Action { form, .. } => {
                let hint = hint_line(cx.theme, s, cx.keymap, self.contexts(), self.hints(), true);
                form.draw(frame, area, cx.theme, s, hint);
            }
            Overlay::Picker(picker) => picker.draw(frame, area, cx.theme, s, &self.plan.services),
            Overlay::Line { service, values, field, cursor, error, .. } => {
                let rect = centered(area, 72, LINE_FIELDS.len() as u16 + 10);
                frame.render_widget(Clear, rect);
                let title = format!("{} {}", s.get(Text::LineTitle), safe(&service.name));
                let outer = block(cx.theme, &title, true);
                let inner = outer.inner(rect);
                frame.render_widget(outer, rect);
                let label_width = LINE_FIELDS.iter().map(|label| width_of(s.get(*label))).max().unwrap_or(0) + 2;
                let room = (inner.width as usize).saturating_sub(label_width + 1);
                let mut lines = Vec::new();
                for (i, label) in LINE_FIELDS.iter().enumerate() {
                    let marker = if i == *field { cx.theme.pointer() } else { " " };
                    let value = match values[i].as_str() {
                        "" if i == PROVIDER && i != *field => s.get(Text::NoProvider).to_string(),
                        v => safe(v),
                    };
                    let at = if i == *field { *cursor } else { value.chars().count() };
                    let (shown, _) = text::visible(&value, at, room);
                    let style = if i == *field { cx.theme.selected() } else { cx.theme.dim() };
                    lines.push(Line::from(vec![
                        Span::styled(format!("{marker}{:<w$}", s.get(*label), w = label_width - 1), cx.theme.label()),
                        Span::raw(" "),
                        Span::styled(format!("{shown:<room$}"), style),
                    ]));
                }
                // The refusal comes before the facts, so that a short screen cuts the facts.
                match error {
                    Some(e) => lines.push(Line::styled(format!("! {e}"), cx.theme.error())),
                    None => lines.push(Line::raw("")),
                }
                for info in line_facts(s, service, values) {
                    lines.push(Line::styled(info, cx.theme.dim()));
                }
                frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
                let (_, column) = text::visible(&values[*field], *cursor, room);
                frame.set_cursor_position(Position::new(
                    inner.x + (label_width + 1 + column) as u16,
                    inner.y + *field as u16,
                ));
            }
        }
    }
}
