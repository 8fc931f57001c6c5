//! A version's life in the editor: what it may do now, the autosave it feeds, the checks run
//! after each change, and the answers of the worker and the autosave thread.

use super::merge::Conflict;
use super::panes::full_date;
use super::{PlanEditor, SaveState};
use crate::domain::ipus::{self, CheckContext, Finding, FindingField, Severity, Stage};
use crate::i18n::desk::{Effect as DeskEffect, Strings, Text};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::msg::{Autosave, Effect, PlanMsg};
use crate::tui::widgets::popup::Confirmed;
use crate::tui::widgets::safe;

impl PlanEditor {
    pub fn plan_id(&self) -> i64 {
        self.plan.plan_id
    }

    /// "IPUS/2026/0009 · Jan Kowalski": what a confirmation or a form about this plan names first.
    pub fn subject(&self) -> String {
        format!("{} · {}", self.plan.number, safe(&self.plan.resident_name))
    }

    pub fn version(&self) -> u32 {
        self.plan.version.version
    }

    /// A confirmation's question: the plan, the person, and what will happen; submitting or
    /// approving also names the lines whose pool has no room left for them.
    pub fn question(&self, strings: Strings, effect: &DeskEffect<'_>) -> String {
        let question = format!("{} · {}", self.subject(), strings.effect(effect));
        let over: Vec<usize> = self.effects.iter().flatten().filter(|e| !e.fits()).map(|e| e.position).collect();
        match effect {
            DeskEffect::Submit { .. } | DeskEffect::Approve { .. } if !over.is_empty() => {
                format!("{question}\n{}", strings.over_pool(&over))
            }
            _ => question,
        }
    }

    /// Asks before submitting, naming the lines whose pool has no room left for them.
    pub fn ask_submit(&mut self, cx: &mut Ctx<'_>) {
        if !self.editable() {
            cx.status(cx.strings.get(Text::CannotSubmit));
            return;
        }
        let question = self.question(cx.strings, &DeskEffect::Submit { version: self.version() });
        cx.confirm(question, Confirmed::View(Action::SubmitPlan));
    }

    /// Carries out an action the person confirmed.
    pub fn confirmed(&mut self, action: Action, cx: &mut Ctx<'_>) {
        match action {
            Action::SubmitPlan => self.submit(cx),
            Action::RemoveLine => self.remove_selected(cx),
            _ => {}
        }
    }

    /// Submits the draft after its last change is written (the autosave thread does both, in order).
    fn submit(&mut self, cx: &mut Ctx<'_>) {
        if !self.editable() {
            cx.status(cx.strings.get(Text::CannotSubmit));
            return;
        }
        if self.save == SaveState::Pending {
            self.changed(cx);
        }
        cx.send(Effect::Autosave(Autosave::Submit { version_id: self.plan.version.id }));
    }

    /// The version and the revision the approver is looking at.
    pub fn approvable(&self) -> (i64, i64) {
        (self.plan.version.id, self.plan.version.revision)
    }

    /// The plan and version number a print of this screen shows.
    pub fn printable(&self) -> (i64, u32) {
        (self.plan.plan_id, self.plan.version.version)
    }

    /// Whether this person may change the version now.
    pub(super) fn editable(&self) -> bool {
        self.plan.may_edit
            && self.plan.holder.is_none()
            && self.plan.version.state.is_editable()
            && !matches!(self.save, SaveState::Refused(_))
    }

    /// Tells the autosave thread which version is edited (on opening).
    pub fn track(&self, cx: &mut Ctx<'_>) {
        if self.editable() {
            cx.send(Effect::Autosave(Autosave::Track {
                plan_id: self.plan.plan_id,
                version_id: self.plan.version.id,
                revision: self.plan.version.revision,
            }));
        }
    }

    /// Sends the content once more, so that leaving the editor does not wait for the timer to matter.
    pub fn flush(&mut self, cx: &mut Ctx<'_>) {
        if self.save == SaveState::Pending {
            self.changed(cx);
        }
    }

    /// Typed content waits to be merged with newer work.
    pub fn unresolved(&self) -> bool {
        self.conflict.is_some()
    }

    /// The typed content that waits to be merged, if any.
    pub fn unresolved_content(&self) -> Option<&ipus::PlanContent> {
        self.conflict.as_ref().map(|c| &c.typed)
    }

    /// Sets content typed before the terminal went away beside what is stored now, in the merge
    /// view; content that matches what is stored needs nothing.
    pub fn offer_typed(&mut self, typed: ipus::PlanContent, cx: &mut Ctx<'_>) {
        if typed == self.content {
            return;
        }
        if !self.editable() {
            cx.error(cx.strings.save_refused(cx.strings.get(Text::CannotChange)));
            return;
        }
        self.conflict = Some(Conflict::new(self.plan.version.clone(), typed.clone()));
        self.content = typed;
        self.values = super::panes::field_values(&self.content);
        self.save = SaveState::Refused(String::new());
    }

    /// Brings the conflict view back on screen.
    pub fn show_conflict(&mut self) {
        if let Some(c) = &mut self.conflict {
            c.open = true;
        }
    }

    /// Saves what the person chose in the conflict view as the next revision of the stored work.
    pub(super) fn take_merge(&mut self, cx: &mut Ctx<'_>) {
        let Some(conflict) = self.conflict.take() else { return };
        let merged = conflict.merged();
        let stored = conflict.stored;
        self.plan.version.revision = stored.revision;
        self.effects_fresh = merged.lines == conflict.typed.lines;
        self.content = merged;
        self.values = super::panes::field_values(&self.content);
        self.cursor_to_end();
        self.save = SaveState::Saved { revision: stored.revision, at: None };
        self.track(cx);
        if self.content != stored.content {
            self.changed(cx);
            cx.status(cx.strings.get(Text::MergeSaved));
        } else {
            self.recheck();
        }
    }

    pub(super) fn recheck(&mut self) {
        let version = &self.plan.version;
        // The 30 days of art. 40 bind the first draft only; an approved or updated plan is past them.
        let drafting = version.version == 1 && version.state.is_editable();
        let ctx = CheckContext {
            filed_on: self.plan.filed_on.filter(|_| drafting),
            today: Some(self.today),
            suspended_services: self.plan.services.iter().filter(|s| s.suspended).map(|s| s.id).collect(),
            pool_providers: self.plan.services.iter().map(|s| (s.id, s.pool_providers.clone())).collect(),
            closed_services: self.plan.closed_services.clone(),
        };
        self.findings = ipus::check_content(&self.content, &ctx, Stage::Draft);
        for (i, field) in ["początek okresu", "koniec okresu"].into_iter().enumerate() {
            if full_date(&self.values[i]).is_none() {
                self.findings.insert(
                    0,
                    Finding {
                        severity: Severity::Error,
                        field: FindingField::Named(field),
                        message: crate::domain::text::FieldProblem::Date.to_string(),
                    },
                );
            }
        }
    }

    pub(super) fn changed(&mut self, cx: &mut Ctx<'_>) {
        self.recheck();
        self.save = SaveState::Pending;
        self.sent += 1;
        cx.send(Effect::Autosave(Autosave::Content {
            version_id: self.plan.version.id,
            seq: self.sent,
            content: Box::new(self.content.clone()),
        }));
    }

    pub fn update(&mut self, msg: &PlanMsg, cx: &mut Ctx<'_>) {
        match msg {
            PlanMsg::Saved { version_id, seq, revision, at, effects, fees } if *version_id == self.plan.version.id => {
                // A later change still on its way keeps the editor "saving…".
                if *seq == self.sent {
                    self.save = SaveState::Saved { revision: *revision, at: Some(at.clone()) };
                }
                self.plan.version.revision = *revision;
                self.effects = effects.clone();
                self.fees = fees.clone();
                self.effects_fresh = *seq == self.sent;
            }
            PlanMsg::Submitted { version_id, revision } if *version_id == self.plan.version.id => {
                self.plan.version.state = crate::domain::ipus::VersionState::Submitted;
                // The approval on this screen is of what was just submitted, not of what was opened.
                self.plan.version.revision = *revision;
                cx.status(cx.strings.get(Text::SubmittedForApproval));
            }
            PlanMsg::Returned { version_id } if *version_id == self.plan.version.id => {
                self.plan.version.state = crate::domain::ipus::VersionState::Returned;
                cx.status(cx.strings.get(Text::ReturnedForCorrections));
            }
            PlanMsg::Approved { version_id } if *version_id == self.plan.version.id => {
                self.plan.version.state = crate::domain::ipus::VersionState::Approved;
                cx.status(cx.strings.get(Text::PlanApproved));
            }
            PlanMsg::SaveRefused { version_id, message, content, stored } if *version_id == self.plan.version.id => {
                // The typed content stays in the editor, beside the newer work when there is one.
                self.content = (**content).clone();
                self.save = SaveState::Refused(message.clone());
                match stored {
                    Some(stored) => {
                        self.conflict = Some(Conflict::new((**stored).clone(), self.content.clone()));
                        if self.conflict.as_ref().is_some_and(Conflict::agrees) {
                            self.take_merge(cx);
                        }
                    }
                    None => cx.error(cx.strings.save_refused(message)),
                }
            }
            _ => {}
        }
    }
}
