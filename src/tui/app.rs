//! The desk's state and the one place where keys become actions and actions become effects.
//! Nothing here touches the terminal or the database: effects are carried out by the event loop
//! (or synchronously by tests) and their results come back as [`Msg`]s.

use super::action::Action;
use super::forms;
use super::keymap::{Context, KeyPress, Keymap, Lookup};
use super::strings::{Lang, Strings, Text};
use super::theme::Theme;
use super::views::{self, View};
use super::widgets::popup::{Confirmed, Popup, hint_line};
use super::widgets::{centered, fit};
use crate::domain::visit::VisitRecord;
use crate::storage::card::Card;
use crate::storage::residents::SearchRow;
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
}

/// Database work, done by the worker thread with its own connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Reads a card; `audit` when a person opens it (a refresh after saving is not a new look).
    OpenCard {
        id: i64,
        audit: bool,
    },
    RevealPesel(i64),
    CopyPesel(i64),
    SaveVisit {
        resident_id: i64,
        visit: VisitRecord,
    },
    Plan(super::views::plans::PlanJob),
    Report(super::views::reports::ReportJob),
    /// Reads what is due for the person at the desk on `today`.
    LoadDashboard {
        today: NaiveDate,
    },
    /// Recomputes the service base for a day (at the worker's clock for "open now").
    LoadBase {
        day: NaiveDate,
    },
    SetLimit {
        service_id: i64,
        period: String,
        units: i64,
        provider: Option<String>,
    },
    SetSuspended {
        service_id: i64,
        suspended: bool,
    },
    /// Adds a service, or edits it keeping the default provider unless one is named.
    SaveService {
        service_id: Option<i64>,
        input: Box<crate::storage::services::ServiceInput>,
        provider: Option<String>,
    },
    RecordUsage {
        plan_number: String,
        position: i64,
        day: NaiveDate,
        units: u32,
        note: String,
    },
}

/// Work asked of the world outside the app state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Search {
        generation: u64,
        query: String,
    },
    Job(Job),
    /// Put text on the clipboard of the person's own computer (OSC 52).
    Clipboard(String),
    /// A draft's content for the autosave thread.
    Autosave(super::views::plan_editor::Autosave),
}

/// One search result with the row to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub row: SearchRow,
    pub name_matches: Vec<usize>,
    /// Found only by how the name sounds ("brzmi podobnie").
    pub sounds_alike: bool,
}

/// Results of background work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    IndexReady {
        count: usize,
    },
    /// Residents changed by another desk, now in the index.
    Changed(Vec<i64>),
    Found {
        generation: u64,
        hits: Vec<Found>,
        total: crate::search::Count,
        /// The query was a PESEL with a wrong check digit; `hits` have the nearest valid ones.
        pesel_check_failed: bool,
    },
    Card(Box<Card>),
    PeselRevealed(i64),
    PeselForCopy(String),
    VisitSaved {
        resident_id: i64,
    },
    Dashboard(Box<crate::storage::dashboard::Dashboard>),
    /// The service base computed by the worker: every service with its detail.
    BaseLoaded(Box<Vec<crate::storage::base::ServiceDetail>>),
    /// A change to the service base was saved; the text says what.
    BaseSaved(Text),
    /// Time to look at the service base again (another desk may have changed it).
    BaseTick,
    /// The date turned over while the desk was open: the day it works on from now.
    NewDay(NaiveDate),
    /// A storage error, shown in the error popup.
    Failed(String),
    Plan(super::views::plans::PlanMsg),
    Report(super::views::reports::ReportMsg),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// What a view may do while handling an action or a message.
pub struct Ctx<'a> {
    pub me: &'a StaffMember,
    pub today: NaiveDate,
    pub strings: Strings,
    effects: &'a mut Vec<Effect>,
    popups: &'a mut Vec<Popup>,
    status: &'a mut Option<Status>,
    goto: &'a mut Option<Goto>,
}

/// Something one view asks another to bring forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goto {
    Resident(i64),
    /// A plan, or its resident's card when no view shows plans.
    Plan {
        plan_id: i64,
        resident_id: i64,
    },
}

impl Ctx<'_> {
    /// Asks for a resident's card or a plan to be brought forward by the view that shows it.
    pub fn goto(&mut self, target: Goto) {
        *self.goto = Some(target);
    }

    pub fn send(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    pub fn open(&mut self, popup: Popup) {
        self.popups.push(popup);
    }

    pub fn status(&mut self, text: impl Into<String>) {
        *self.status = Some(Status { text: text.into(), error: false });
    }

    pub fn error(&mut self, message: impl Into<String>) {
        self.popups.push(Popup::Error { message: message.into() });
    }
}

/// What a view may read while drawing.
pub struct DrawCtx<'a> {
    pub theme: &'a Theme,
    pub strings: &'a Strings,
    pub keymap: &'a Keymap,
    pub today: NaiveDate,
    pub me: &'a StaffMember,
}

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub struct App {
    pub strings: Strings,
    pub theme: Theme,
    pub keymap: Keymap,
    pub today: NaiveDate,
    pub me: StaffMember,
    views: Vec<Box<dyn View>>,
    active: usize,
    popups: Vec<Popup>,
    status: Option<Status>,
    pending: Vec<KeyPress>,
    effects: Vec<Effect>,
    goto: Option<Goto>,
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
            views: views::all(),
            active: 0,
            popups: Vec::new(),
            status: None,
            pending: Vec::new(),
            effects: Vec::new(),
            goto: None,
            quit: false,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
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
            Action::Help => {
                let first = self.views[self.active].contexts();
                let mut contexts = first.to_vec();
                contexts.extend(Context::ALL.into_iter().filter(|c| !first.contains(c)));
                self.popups.push(Popup::Help { contexts, scroll: 0 });
            }
            Action::Residents | Action::ServiceBase | Action::Plans | Action::Dashboard => {
                match self.views.iter().position(|v| v.switch_action() == action) {
                    Some(at) => {
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
        let (mut cx, views) = self.ctx();
        let shown = match target {
            Goto::Resident(id) => views.iter_mut().position(|v| v.show_resident(id, &mut cx)),
            Goto::Plan { plan_id, resident_id } => views
                .iter_mut()
                .position(|v| v.show_plan(plan_id, &mut cx))
                .or_else(|| views.iter_mut().position(|v| v.show_resident(resident_id, &mut cx))),
        };
        if let Some(at) = shown {
            self.active = at;
        }
    }

    fn popup_action(&mut self, action: Action) {
        let today = self.today;
        let Some(top) = self.popups.last_mut() else { return };
        match top {
            Popup::Help { scroll, .. } => match action {
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::Down => *scroll = scroll.saturating_add(1),
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::PageDown => *scroll = scroll.saturating_add(10),
                Action::Cancel | Action::Confirm | Action::Back | Action::Help => {
                    self.popups.pop();
                }
                _ => {}
            },
            Popup::Error { .. } => {
                if matches!(action, Action::Cancel | Action::Confirm | Action::Back) {
                    self.popups.pop();
                }
            }
            Popup::Confirm { yes, .. } => {
                let yes = *yes;
                match action {
                    Action::Confirm => {
                        self.popups.pop();
                        match yes {
                            Confirmed::DiscardForm => {
                                if matches!(self.popups.last(), Some(Popup::Form { .. })) {
                                    self.popups.pop();
                                }
                            }
                        }
                    }
                    Action::Cancel | Action::Back => {
                        self.popups.pop();
                    }
                    _ => {}
                }
            }
            Popup::Form { form, purpose, saving } => match form.handle(action) {
                super::widgets::form::FormEvent::Submit if !*saving => match forms::submit(*purpose, form, today) {
                    Ok(job) => {
                        form.error = None;
                        *saving = true;
                        self.effects.push(Effect::Job(job));
                    }
                    Err(e) => form.refuse(e.field, e.to_string()),
                },
                super::widgets::form::FormEvent::Cancel => {
                    if form.is_changed() {
                        self.popups.push(Popup::Confirm { question: Text::DiscardForm, yes: Confirmed::DiscardForm });
                    } else {
                        self.popups.pop();
                    }
                }
                _ => {}
            },
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
            Msg::Plan(super::views::plans::PlanMsg::Returned { .. }) => {
                if matches!(self.popups.last(), Some(Popup::Form { saving: true, .. })) {
                    self.popups.pop();
                }
            }
            Msg::Plan(
                super::views::plans::PlanMsg::ApplicationRegistered { text }
                | super::views::plans::PlanMsg::Recorded { text, .. },
            ) => {
                if matches!(self.popups.last(), Some(Popup::Form { saving: true, .. })) {
                    self.popups.pop();
                }
                self.status = Some(Status { text: text.clone(), error: false });
            }
            Msg::VisitSaved { .. } => {
                if matches!(self.popups.last(), Some(Popup::Form { saving: true, .. })) {
                    self.popups.pop();
                }
                self.status = Some(Status { text: self.strings.get(Text::VisitSaved).into(), error: false });
            }
            Msg::BaseSaved(text) => {
                if matches!(self.popups.last(), Some(Popup::Form { saving: true, .. })) {
                    self.popups.pop();
                }
                self.status = Some(Status { text: self.strings.get(*text).into(), error: false });
            }
            Msg::NewDay(day) => self.today = *day,
            Msg::Report(super::views::reports::ReportMsg::Exported { path }) => {
                if matches!(self.popups.last(), Some(Popup::Form { saving: true, .. })) {
                    self.popups.pop();
                }
                self.status = Some(Status { text: self.strings.exported(path), error: false });
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
        let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
        let who = fit(&self.theme, &crate::tui::widgets::safe(&self.me.login), 20);
        let pad = (area.width as usize).saturating_sub(used + who.chars().count() + 1);
        spans.push(Span::styled(format!("{:pad$}{who} ", ""), self.theme.bar()));
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}
