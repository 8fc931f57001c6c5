//! A version's life in the editor: what it may do now, the autosave it feeds, the checks run
//! after each change, and the answers of the worker and the autosave thread.

use super::panes::full_date;
use super::{PlanEditor, SaveState};
use crate::domain::ipus::{self, CheckContext, Finding, Severity, Stage};
use crate::i18n::desk::Text;
use crate::tui::ctx::Ctx;
use crate::tui::msg::{Autosave, Effect, PlanMsg};

impl PlanEditor {
    pub fn plan_id(&self) -> i64 {
        self.plan.plan_id
    }

    /// Submits the draft after its last change is written (the autosave thread does both, in order).
    pub fn submit(&mut self, cx: &mut Ctx<'_>) {
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

    pub(super) fn recheck(&mut self) {
        let version = &self.plan.version;
        // The 30 days of art. 40 bind the first draft only; an approved or updated plan is past them.
        let drafting = version.version == 1 && version.state.is_editable();
        let ctx = CheckContext {
            filed_on: self.plan.filed_on.filter(|_| drafting),
            today: Some(self.today),
            suspended_services: self.plan.services.iter().filter(|s| s.suspended).map(|s| s.id).collect(),
            closed_services: self.plan.closed_services.clone(),
        };
        self.findings = ipus::check_content(&self.content, &ctx, Stage::Draft);
        for (i, field) in ["początek okresu", "koniec okresu"].into_iter().enumerate() {
            if full_date(&self.values[i]).is_none() {
                self.findings.insert(
                    0,
                    Finding {
                        severity: Severity::Error,
                        field: field.into(),
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
            PlanMsg::Saved { version_id, seq, revision, at, effects } if *version_id == self.plan.version.id => {
                // A later change still on its way keeps the editor "saving…".
                if *seq == self.sent {
                    self.save = SaveState::Saved { revision: *revision, at: Some(at.clone()) };
                }
                self.effects = effects.clone();
                self.effects_fresh = *seq == self.sent;
            }
            PlanMsg::Submitted { version_id } if *version_id == self.plan.version.id => {
                self.plan.version.state = crate::domain::ipus::VersionState::Submitted;
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
            PlanMsg::SaveRefused { version_id, message, content } if *version_id == self.plan.version.id => {
                // The typed content stays in the editor; the person reopens and merges by hand.
                self.content = (**content).clone();
                self.save = SaveState::Refused(message.clone());
                cx.error(message.clone());
            }
            _ => {}
        }
    }
}
