//! The desk's state and the one place where keys become actions and actions become effects.
//! Nothing here touches the terminal or the database: effects are carried out by the event loop
//! (or synchronously by tests) and their results come back as [`Msg`]s.

use super::action::Action;
use super::ctx::{Ctx, DrawCtx, Goto, Status};
use super::forms;
use super::keymap::{Context, KeyPress, Keymap, Lookup};
use super::msg::{Effect, Job, Msg, PlanMsg, ReportMsg};
use super::theme::Theme;
use super::views::{self, View};
use super::widgets::list::{Scroll, width};
use super::widgets::popup::{Confirmed, Popup, hint_line};
use super::widgets::{centered, fit, safe};
use crate::i18n::Lang;
use crate::i18n::desk::{Strings, Text};
use crate::storage::staff::StaffMember;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// How the desk is set up for this run.
#[derive(Debug, Clone)]
pub struct DeskOptions {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    /// The day the desk works on; passed in so that drawing never reads the clock.
    pub today: NaiveDate,
    /// A training centre, marked so on every screen.
    pub training: bool,
}

pub const MIN_WIDTH: u16 = 80;
/// 23 rows: PuTTY's 24 inside tmux or screen with a status line.
pub const MIN_HEIGHT: u16 = 23;

pub struct App {
    pub strings: Strings,
    pub theme: Theme,
    pub keymap: Keymap,
    pub today: NaiveDate,
    pub me: StaffMember,
    training: bool,
    views: Vec<Box<dyn View>>,
    active: usize,
    popups: Vec<Popup>,
    status: Option<Status>,
    pending: Vec<KeyPress>,
    effects: Vec<Effect>,
    goto: Option<Goto>,
    /// The views that sent the person on with a [`Goto`], latest last: Esc comes back to them.
    came_from: Vec<usize>,
    quit: bool,
}

impl App {
    pub fn new(options: DeskOptions, me: StaffMember) -> App {
        App {
            strings: Strings::new(options.lang),
            theme: options.theme,
            keymap: options.keymap,
            today: options.today,
            me,
            training: options.training,
            views: views::all(),
            active: 0,
            popups: Vec::new(),
            status: None,
            pending: Vec::new(),
            effects: Vec::new(),
            goto: None,
            came_from: Vec::new(),
            quit: false,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// What was typed and not saved, to keep when the terminal goes away: the forms open with
    /// typed text, and a plan's content that waits to be merged.
    pub fn open_forms(&self) -> Vec<crate::storage::form_drafts::FormDraft> {
        let views = self.views.iter().filter_map(|v| v.unsaved());
        let forms = self.popups.iter().filter_map(|p| match p {
            Popup::Form { form, purpose, .. } if form.is_changed() => Some(forms::kept(form, *purpose)),
            _ => None,
        });
        views.chain(forms).collect()
    }

    /// Asks for the forms kept when this person's terminal last went away, to open them again.
    pub fn offer_kept_forms(&mut self) {
        self.effects.push(Effect::Job(crate::tui::msg::Job::TakeKeptForms));
    }

    /// Work asked for since the last call, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    fn contexts_and_typing(&self) -> (Vec<Context>, bool) {
        match self.popups.last() {
            Some(p) => (p.contexts().to_vec(), p.typing()),
            None => {
                let view = &self.views[self.active];
                let mut contexts = view.contexts().to_vec();
                contexts.push(Context::Global);
                (contexts, view.typing())
            }
        }
    }

    pub fn handle_key(&mut self, key: KeyPress) {
        self.status = None;
        let (contexts, typing) = self.contexts_and_typing();
        if typing
            && self.pending.is_empty()
            && let Some(c) = key.typed_char()
        {
            self.dispatch(Action::Type(c));
            return;
        }
        let mut pressed = std::mem::take(&mut self.pending);
        pressed.push(key);
        match self.keymap.lookup(&contexts, &pressed) {
            Lookup::Action(action) => self.dispatch(action),
            Lookup::Prefix => self.pending = pressed,
            Lookup::Unbound if pressed.len() > 1 => self.handle_key(key),
            Lookup::Unbound => {
                if let Some(c) = key.typed_char() {
                    self.dispatch(Action::Type(c));
                }
            }
        }
    }

    fn ctx(&mut self) -> (Ctx<'_>, &mut Vec<Box<dyn View>>) {
        (
            Ctx {
                me: &self.me,
                today: self.today,
                strings: self.strings,
                effects: &mut self.effects,
                popups: &mut self.popups,
                status: &mut self.status,
                goto: &mut self.goto,
            },
            &mut self.views,
        )
    }

    pub fn dispatch(&mut self, action: Action) {
        if !self.popups.is_empty() {
            self.popup_action(action);
            return;
        }
        let active = self.active;
        let (mut cx, views) = self.ctx();
        if views[active].handle(action, &mut cx) {
            self.follow_goto();
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Repaint => self.effects.push(Effect::Repaint),
            Action::Help => {
                let first = self.views[self.active].contexts();
                let mut contexts = first.to_vec();
                contexts.extend(Context::ALL.into_iter().filter(|c| !first.contains(c)));
                self.popups.push(Popup::Help { contexts, scroll: Scroll::default() });
            }
            Action::Residents | Action::ServiceBase | Action::Plans | Action::Dashboard => {
                match self.views.iter().position(|v| v.switch_action() == action) {
                    Some(at) => {
                        // A view chosen by its key starts a new trail.
                        self.came_from.clear();
                        self.active = at;
                        // The view hears its own key too, e.g. to load what it shows.
                        let (mut cx, views) = self.ctx();
                        views[at].handle(action, &mut cx);
                    }
                    None => {
                        self.status = Some(Status { text: self.strings.get(Text::ViewMissing).into(), error: true })
                    }
                }
            }
            _ => {}
        }
    }

    /// Brings forward the view that shows what another view asked for.
    fn follow_goto(&mut self) {
        let Some(target) = self.goto.take() else { return };
        let from = self.active;
        let (mut cx, views) = self.ctx();
        let shown = match target {
            Goto::Resident(id) => views.iter_mut().position(|v| v.show_resident(id, &mut cx)),
            Goto::Application(id) => views.iter_mut().position(|v| v.show_application(id, &mut cx)),
            Goto::Plan { plan_id, resident_id } => views
                .iter_mut()
                .position(|v| v.show_plan(plan_id, &mut cx))
                .or_else(|| views.iter_mut().position(|v| v.show_resident(resident_id, &mut cx))),
            Goto::Back => {
                if let Some(at) = self.came_from.pop() {
                    self.active = at;
                }
                return;
            }
        };
        if let Some(at) = shown {
            if at != from {
                self.came_from.push(from);
            }
            self.active = at;
        }
    }

    fn popup_action(&mut self, action: Action) {
        let today = self.today;
        let Some(top) = self.popups.last_mut() else { return };
        match top {
            Popup::Help { scroll, .. } => match action {
                Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                    scroll.handle(action);
                }
                Action::Cancel | Action::Confirm | Action::Back | Action::Help => {
                    self.popups.pop();
                }
                _ => {}
            },
            Popup::Choose { rows, list, choice, .. } => {
                let picked = match action {
                    Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First | Action::Last => {
                        list.handle(action, rows.len());
                        return;
                    }
                    Action::Confirm | Action::Open => Some(list.at()),
                    Action::Type(c) => {
                        let Some(row) = c.to_digit(10).and_then(|d| (d as usize).checked_sub(1)) else { return };
                        if row >= rows.len() {
                            return;
                        }
                        Some(row)
                    }
                    Action::Cancel | Action::Back => None,
                    _ => return,
                };
                let choice = *choice;
                self.popups.pop();
                if let Some(row) = picked {
                    let active = self.active;
                    let (mut cx, views) = self.ctx();
                    views[active].chosen(choice, row, &mut cx);
                    self.follow_goto();
                }
            }
            Popup::Error { .. } | Popup::Notice { .. } => {
                if matches!(action, Action::Cancel | Action::Confirm | Action::Back) {
                    self.popups.pop();
                }
            }
            Popup::Confirm { agreed, .. } => match action {
                Action::ChooseAnswer => *agreed = !*agreed,
                Action::Confirm => {
                    if let Some(Popup::Confirm { yes, agreed: true, .. }) = self.popups.pop() {
                        self.confirmed(yes);
                    }
                }
                Action::Cancel | Action::Back => {
                    self.popups.pop();
                }
                _ => {}
            },
            Popup::LookAlike { other, .. } => match action {
                Action::Up | Action::Down | Action::MoveLeft | Action::MoveRight => *other = !*other,
                Action::Confirm => {
                    let Some(Popup::LookAlike { record, alike, other }) = self.popups.pop() else { return };
                    if other {
                        let distinct_from = alike.iter().map(|l| l.person.id).collect();
                        if let Some(Popup::Form { saving, .. }) = self.popups.last_mut() {
                            *saving = true;
                        }
                        self.effects.push(Effect::Job(Job::RegisterResident { record, distinct_from }));
                    } else if let Some(first) = alike.first() {
                        if matches!(self.popups.last(), Some(Popup::Form { .. })) {
                            self.popups.pop();
                        }
                        self.goto = Some(Goto::Resident(first.person.id));
                        self.follow_goto();
                    }
                }
                Action::Cancel | Action::Back => {
                    self.popups.pop();
                }
                _ => {}
            },
            Popup::Form { form, purpose, saving } => match form.handle(action) {
                super::widgets::form::FormEvent::Submit if !*saving => match forms::submit(*purpose, form, today) {
                    Ok(job) => {
                        form.error = None;
                        match forms::consequence(&job, &self.strings) {
                            Some(effect) => {
                                let question = match &form.subject {
                                    Some(subject) => format!("{subject} · {effect}"),
                                    None => effect,
                                };
                                self.popups.push(Popup::confirm(question, Confirmed::SaveForm(job)));
                            }
                            None => {
                                *saving = true;
                                self.effects.push(Effect::Job(job));
                            }
                        }
                    }
                    Err(e) => form.refuse(e.field, e.to_string()),
                },
                super::widgets::form::FormEvent::Cancel => {
                    if form.is_changed() {
                        let question = self.strings.get(Text::DiscardForm).to_string();
                        self.popups.push(Popup::confirm(question, Confirmed::DiscardForm));
                    } else {
                        self.popups.pop();
                    }
                }
                _ => {}
            },
        }
    }

    /// Carries out what a confirmation answered "yes" asked.
    fn confirmed(&mut self, yes: Confirmed) {
        match yes {
            Confirmed::DiscardForm => {
                if matches!(self.popups.last(), Some(Popup::Form { .. })) {
                    self.popups.pop();
                }
            }
            Confirmed::SaveForm(job) => {
                if let Some(Popup::Form { saving, .. }) = self.popups.last_mut() {
                    *saving = true;
                }
                self.effects.push(Effect::Job(job));
            }
            Confirmed::Run(job) => self.effects.push(Effect::Job(job)),
            Confirmed::View(action) => {
                let active = self.active;
                let (mut cx, views) = self.ctx();
                views[active].confirmed(action, &mut cx);
                self.follow_goto();
            }
        }
    }

    pub fn handle_msg(&mut self, msg: Msg) {
        match &msg {
            Msg::Failed(message) => {
                if let Some(Popup::Form { saving, .. }) = self.popups.last_mut() {
                    *saving = false;
                }
                self.popups.push(Popup::Error { message: message.clone() });
            }
            Msg::Refused(refusal) => match self.popups.last_mut() {
                Some(Popup::Form { form, saving, .. }) => {
                    *saving = false;
                    form.refuse(refusal.field, refusal.to_string());
                }
                _ => self.popups.push(Popup::Error { message: refusal.to_string() }),
            },
            Msg::Plan(PlanMsg::Returned { .. }) => {
                if matches!(self.popups.last(), Some(Popup::Form { saving: true, .. })) {
                    self.popups.pop();
                }
            }
            Msg::Plan(PlanMsg::ApplicationRegistered { id, draft }) => {
                let text = self.strings.application_registered(*id, draft.as_deref().map(safe).as_deref());
                self.saved(text);
            }
            Msg::Plan(PlanMsg::Recorded { done, .. }) => self.saved(done.text(&self.strings)),
            Msg::Plan(PlanMsg::Drafted { number, .. }) => self.saved(self.strings.plan_drafted(&safe(number))),
            Msg::VisitSaved { resident_id } => {
                if matches!(self.popups.last(), Some(Popup::Form { saving: true, .. })) {
                    self.popups.pop();
                }
                let text = if resident_id.is_some() { Text::VisitSaved } else { Text::EnquirySaved };
                self.status = Some(Status { text: self.strings.get(text).into(), error: false });
            }
            Msg::ResidentRegistered { .. } => self.saved(self.strings.get(Text::ResidentRegistered).into()),
            Msg::ApplicationClosed { .. } => self.saved(self.strings.get(Text::OutcomeSaved).into()),
            Msg::RepresentativeAdded { .. } => self.saved(self.strings.get(Text::RepresentativeSaved).into()),
            Msg::LooksLike { record, alike } => {
                if let Some(Popup::Form { saving, .. }) = self.popups.last_mut() {
                    *saving = false;
                }
                self.popups.push(Popup::LookAlike { record: record.clone(), alike: alike.clone(), other: false });
            }
            Msg::BaseSaved(text) => {
                if matches!(self.popups.last(), Some(Popup::Form { saving: true, .. })) {
                    self.popups.pop();
                }
                self.status = Some(Status { text: self.strings.get(*text).into(), error: false });
            }
            Msg::NewDay(day) => self.today = *day,
            Msg::KeptForms(drafts) => {
                for draft in drafts {
                    match forms::restored(draft, self.today) {
                        Some(forms::Restored::Form(form, purpose)) => {
                            self.popups.push(Popup::Form { form: *form, purpose, saving: false })
                        }
                        Some(forms::Restored::TypedPlan { plan_id, content }) => {
                            let (mut cx, views) = self.ctx();
                            if let Some(at) = views.iter_mut().position(|v| v.restore_typed(plan_id, &content, &mut cx))
                            {
                                self.active = at;
                            }
                        }
                        None => continue,
                    }
                    let at = crate::storage::plans::local_time(&draft.saved_at);
                    self.status = Some(Status { text: self.strings.form_restored(&at), error: false });
                }
            }
            Msg::Report(ReportMsg::WouldOverwrite { path, job }) => {
                if let Some(Popup::Form { saving, .. }) = self.popups.last_mut() {
                    *saving = false;
                }
                let question = self.strings.effect(&crate::i18n::desk::Effect::Overwrite { path: &safe(path) });
                let yes = Confirmed::SaveForm(crate::tui::msg::Job::Report(job.clone()));
                self.popups.push(Popup::confirm(question, yes));
            }
            Msg::Report(ReportMsg::ExportFailed { path, reason }) => {
                if let Some(Popup::Form { saving, .. }) = self.popups.last_mut() {
                    *saving = false;
                }
                self.popups.push(Popup::Error { message: self.strings.export_failed(path, reason) });
            }
            Msg::Report(ReportMsg::Exported { path }) => {
                if matches!(self.popups.last(), Some(Popup::Form { saving: true, .. })) {
                    self.popups.pop();
                }
                self.status =
                    Some(Status { text: self.strings.exported(&crate::tui::widgets::safe(path)), error: false });
            }
            Msg::PeselForCopy(pesel) => {
                self.effects.push(Effect::Clipboard(pesel.clone()));
                self.status = Some(Status { text: self.strings.get(Text::PeselCopied).into(), error: false });
                return;
            }
            _ => {}
        }
        let (mut cx, views) = self.ctx();
        for view in views.iter_mut() {
            view.update(&msg, &mut cx);
        }
        // A result may bring another view forward (a draft made for an application opens in the editor).
        self.follow_goto();
    }

    /// A form's save came back: the form closes and the status line says what was saved.
    fn saved(&mut self, text: String) {
        if matches!(self.popups.last(), Some(Popup::Form { saving: true, .. })) {
            self.popups.pop();
        }
        self.status = Some(Status { text, error: false });
    }

    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        let cx = DrawCtx {
            theme: &self.theme,
            strings: &self.strings,
            keymap: &self.keymap,
            today: self.today,
            me: &self.me,
        };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let text = self.strings.too_small(area.width, area.height);
            let rect = centered(area, area.width, 3);
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).style(self.theme.error()), rect);
            return;
        }
        let [tabs, body, status, hints] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1), Constraint::Length(1)])
                .areas(area);
        self.draw_tabs(frame, tabs);
        self.views[self.active].draw(frame, body, &cx);
        if let Some(s) = &self.status {
            let style = if s.error { self.theme.error() } else { self.theme.ok() };
            let marker = if s.error { "! " } else { "* " };
            let text = crate::tui::widgets::safe(&s.text);
            frame.render_widget(Paragraph::new(Line::styled(format!("{marker}{text}"), style)), status);
        }
        let (contexts, typing) = self.contexts_and_typing();
        let hint = match self.popups.last() {
            Some(p) => hint_line(&self.theme, &self.strings, &self.keymap, &contexts, p.hints(), typing),
            None => {
                // Help first: when not every hint fits, it leads to all of them.
                let mut actions = vec![Action::Help];
                actions.extend(self.views[self.active].hints());
                actions.push(Action::Quit);
                hint_line(&self.theme, &self.strings, &self.keymap, &contexts, &actions, typing)
            }
        };
        frame.render_widget(Paragraph::new(hint), hints);
        for popup in &self.popups {
            popup.draw(frame, body, &self.theme, &self.strings, &self.keymap);
        }
    }

    fn draw_tabs(&self, frame: &mut Frame, area: Rect) {
        let mut spans = Vec::new();
        for (i, view) in self.views.iter().enumerate() {
            let keys = self.keymap.keys_for(&[Context::Global], view.switch_action(), false);
            let key = keys.first().map(String::as_str).unwrap_or("");
            let label = format!(" {key} {} ", view.title(&self.strings));
            let style = if i == self.active { self.theme.tab_active() } else { self.theme.bar() };
            spans.push(Span::styled(label, style));
            spans.push(Span::styled(" ", self.theme.bar()));
        }
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let who = fit(&self.theme, &crate::tui::widgets::safe(&self.me.login), 20);
        let tag = if self.training { format!("{} ", crate::i18n::trust::training_tag()) } else { String::new() };
        let pad = (area.width as usize).saturating_sub(used + width(&tag) + width(&who) + 1);
        spans.push(Span::styled(format!("{:pad$}", ""), self.theme.bar()));
        if self.training {
            spans.push(Span::styled(tag, self.theme.error()));
        }
        spans.push(Span::styled(format!("{who} "), self.theme.bar()));
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}
