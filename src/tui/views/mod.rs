//! Full-screen views, one per tab. Adding a view is one file here plus one line in [`all`].
//!
//! A view is a component the app drives explicitly:
//! - the app asks [`View::contexts`] and [`View::typing`] for the focused pane, looks the key up
//!   in the keymap (the view's contexts first, then `[global]`) and passes the resulting
//!   [`Action`] to [`View::handle`]; a view returns `false` for actions it does not take, and the
//!   app then applies its own meaning (switch view, help, quit);
//! - results of background work arrive as [`Msg`]s in [`View::update`];
//! - [`View::draw`] is pure over the view's state: no database, no clock, no I/O. Work that
//!   needs the database is asked for through [`Ctx::send`] and comes back as a message;
//! - the bottom line hints at [`View::hints`], with the keys the active keymap really binds.
//!
//! Views speak the vocabulary of `tui::msg` and see the app only through [`Ctx`] and
//! [`DrawCtx`]; they never import the app, and their database work runs in `tui::worker`.

pub mod applications;
pub mod base;
pub mod dashboard;
pub mod plan_editor;
pub mod plans;
pub mod qualify;
pub mod reports;
pub mod residents;

use super::action::Action;
use super::ctx::{Ctx, DrawCtx};
use super::keymap::Context;
use crate::domain::ipus;

use super::msg::Msg;
use crate::i18n::desk::{Strings, Text};
use ratatui::Frame;
use ratatui::layout::Rect;

pub trait View {
    /// The action that brings this view forward (its key labels the tab).
    fn switch_action(&self) -> Action;
    fn title(&self, strings: &Strings) -> &'static str;
    /// Keymap contexts of the focused pane, most specific first; `[global]` follows them.
    fn contexts(&self) -> &'static [Context];
    /// Whether printable characters are text for the focused pane.
    fn typing(&self) -> bool;
    /// Actions worth a hint on the bottom line now.
    fn hints(&self) -> &'static [Action];
    /// Takes an action; `false` leaves it to the app.
    fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool;
    /// Takes the result of background work.
    fn update(&mut self, msg: &Msg, cx: &mut Ctx<'_>);
    fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>);
    /// Acts on an action this view asked to be confirmed, once the person answered yes.
    fn confirmed(&mut self, _action: Action, _cx: &mut Ctx<'_>) {}
    /// Takes the row picked from a list this view opened.
    fn chosen(&mut self, _choice: crate::tui::widgets::popup::Choice, _row: usize, _cx: &mut Ctx<'_>) {}
    /// Shows one resident's card when another view asks; `false` when this view shows no cards.
    fn show_resident(&mut self, _id: i64, _cx: &mut Ctx<'_>) -> bool {
        false
    }
    /// What this view holds that was typed and not saved, to keep when the terminal goes away.
    fn unsaved(&self) -> Option<crate::storage::form_drafts::FormDraft> {
        None
    }
    /// Opens a plan with content typed before the terminal went away, to merge it with what is
    /// stored; `false` when this view shows no plans.
    fn restore_typed(&mut self, _plan_id: i64, _content: &crate::domain::ipus::PlanContent, _cx: &mut Ctx<'_>) -> bool {
        false
    }
    /// Opens one application when another view asks; `false` when this view shows none.
    fn show_application(&mut self, _id: i64, _cx: &mut Ctx<'_>) -> bool {
        false
    }
    /// Opens one plan when another view asks; `false` when this view shows no plans.
    fn show_plan(&mut self, _plan_id: i64, _cx: &mut Ctx<'_>) -> bool {
        false
    }
}

/// Every view of the desk, in tab order.
pub fn all() -> Vec<Box<dyn View>> {
    vec![
        Box::new(residents::ResidentsView::default()),
        Box::new(base::BaseView::default()),
        Box::new(plans::PlansView::default()),
        Box::new(dashboard::DashboardView::default()),
    ]
}

/// A version's state in words.
pub fn state_text(state: ipus::VersionState) -> Text {
    match state {
        ipus::VersionState::Draft => Text::StateDraft,
        ipus::VersionState::Submitted => Text::StateSubmitted,
        ipus::VersionState::Approved => Text::StateApproved,
        ipus::VersionState::Returned => Text::StateReturned,
        ipus::VersionState::Superseded => Text::StateSuperseded,
    }
}

/// Where a plan stands today, in words.
pub fn standing_text(standing: ipus::Standing) -> Text {
    match standing {
        ipus::Standing::Active => Text::StateApproved,
        ipus::Standing::Overdue => Text::StandingOverdue,
        ipus::Standing::Submitted => Text::StateSubmitted,
        ipus::Standing::Draft => Text::StateDraft,
        ipus::Standing::Returned => Text::StateReturned,
        ipus::Standing::Ended => Text::StandingEnded,
    }
}
