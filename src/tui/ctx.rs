//! What a view may touch: [`Ctx`] while it handles an action or a message, [`DrawCtx`] while it
//! draws. The app builds both; views receive them and never see the app itself.

use super::keymap::Keymap;
use super::msg::Effect;
use super::theme::Theme;
use super::widgets::popup::{Confirmed, Popup};
use crate::i18n::desk::Strings;
use crate::storage::staff::StaffMember;
use chrono::NaiveDate;

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
    pub(super) effects: &'a mut Vec<Effect>,
    pub(super) popups: &'a mut Vec<Popup>,
    pub(super) status: &'a mut Option<Status>,
    pub(super) goto: &'a mut Option<Goto>,
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
    /// One application with its outcomes.
    Application(i64),
    /// Back to the view that asked for what is being closed (dashboard → plan → Esc → dashboard).
    Back,
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

    /// Asks before doing what cannot be undone; the question names the person, the plan and the effect.
    pub fn confirm(&mut self, question: String, yes: Confirmed) {
        self.popups.push(Popup::confirm(question, yes));
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
