//! Drafts save themselves: the plan editor sends every change here (and, when the terminal goes
//! away, the desk sends the forms left open), and this thread, with its own
//! connection, writes at most [`AUTOSAVE_AFTER`] after the first unsaved change, off the input
//! path. A kill loses at most that much typing; a save that would overwrite someone else's newer
//! work is refused: the typed content stays on the editor's screen beside the newer work.

use super::msg::{Autosave, Msg, PlanMsg};
use crate::domain::ipus::PlanContent;
use crate::storage::Db;
use crate::storage::plans;
use crate::storage::staff::StaffMember;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

/// How long after the first unsaved change the draft is written.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(2);

/// Starts the autosave thread with its own connection. When the sender is dropped it writes what
/// is pending and ends; join the handle to be sure a normal exit loses nothing.
pub fn spawn(
    path: PathBuf,
    me: StaffMember,
    send: impl Fn(Msg) + Send + 'static,
) -> (Sender<Autosave>, std::thread::JoinHandle<()>) {
    let (tx, rx) = channel();
    let handle = std::thread::spawn(move || autosave_loop(path, me, rx, send));
    (tx, handle)
}

/// The version being edited: plan, version and the revision last written.
type Tracked = Option<(i64, i64, i64)>;
/// Content not yet written, its change number, and when the first unsaved change came.
type Pending = Option<(PlanContent, u64, Instant)>;

fn autosave_loop(path: PathBuf, me: StaffMember, rx: Receiver<Autosave>, send: impl Fn(Msg)) {
    let Ok(mut db) = Db::open(&path) else { return };
    let mut tracked: Tracked = None;
    let mut pending: Pending = None;
    loop {
        let next = match &pending {
            Some((_, _, since)) => rx.recv_timeout(AUTOSAVE_AFTER.saturating_sub(since.elapsed())),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let disconnected = match next {
            Ok(Autosave::Track { plan_id, version_id, revision }) => {
                tracked = Some((plan_id, version_id, revision));
                pending = None;
                continue;
            }
            Ok(Autosave::Content { version_id, seq, content }) => {
                if tracked.is_some_and(|(_, v, _)| v == version_id) {
                    let since = pending.take().map_or_else(Instant::now, |(_, _, since)| since);
                    pending = Some((*content, seq, since));
                }
                if pending.as_ref().is_none_or(|(_, _, since)| since.elapsed() < AUTOSAVE_AFTER) {
                    continue;
                }
                false
            }
            Ok(Autosave::KeepForms(drafts)) => {
                // The terminal is gone: nobody is left to tell if this fails.
                let _ = db.write(|tx| crate::storage::form_drafts::keep(tx, &me.login, &drafts));
                continue;
            }
            Ok(Autosave::Submit { version_id }) => {
                save_pending(&mut db, &me, &mut tracked, &mut pending, &send);
                // A refused save has cleared `tracked`: the person sees why and nothing is submitted.
                if tracked.is_some_and(|(_, v, _)| v == version_id) {
                    let msg = submit(&mut db, &me, version_id);
                    if matches!(msg, Msg::Plan(PlanMsg::Submitted { .. })) {
                        tracked = None;
                    }
                    send(msg);
                }
                continue;
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        save_pending(&mut db, &me, &mut tracked, &mut pending, &send);
        if disconnected {
            return;
        }
    }
}

/// Submits the version after its content is written; the answer is what the editor is told.
pub fn submit(db: &mut Db, me: &StaffMember, version_id: i64) -> Msg {
    let today = crate::config::today();
    let submitted = db.write(|tx| {
        plans::submit(tx, me, version_id, today)?;
        Ok(plans::version(tx, version_id)?.revision)
    });
    match submitted {
        Ok(revision) => Msg::Plan(PlanMsg::Submitted { version_id, revision }),
        Err(e) => Msg::Failed(e.to_string()),
    }
}

/// Writes the pending content, if any, against the tracked revision.
fn save_pending(db: &mut Db, me: &StaffMember, tracked: &mut Tracked, pending: &mut Pending, send: &impl Fn(Msg)) {
    let (Some(draft), Some((content, seq, _))) = (*tracked, pending.take()) else { return };
    let msg = write(db, me, draft, content, seq);
    *tracked = match &msg {
        Msg::Plan(PlanMsg::Saved { revision, .. }) => Some((draft.0, draft.1, *revision)),
        // Nothing more is written until the editor tracks the version again on fresh data.
        _ => None,
    };
    send(msg);
}

/// Writes `content` as change `seq` of the draft `(plan, version, revision read)`; the answer is
/// what the editor is told. A save refused because someone saved the same draft since carries
/// their work, so that the editor can offer both.
pub fn write(
    db: &mut Db,
    me: &StaffMember,
    (plan_id, version_id, revision): (i64, i64, i64),
    content: PlanContent,
    seq: u64,
) -> Msg {
    let today = crate::config::today();
    match plans::save_draft(db, me, version_id, revision, content.clone(), today) {
        Ok(saved) => {
            let effects = plans::pool_effects(db.conn(), plan_id, &content).unwrap_or_default();
            let fees = crate::export::plan::line_services(db.conn(), plan_id, &content).unwrap_or_default();
            Msg::Plan(PlanMsg::Saved { version_id, seq, revision: saved.revision, at: saved.at, effects, fees })
        }
        Err(unsaved) => {
            let stored = plans::version(db.conn(), version_id)
                .ok()
                .filter(|v| v.revision != revision && v.state.is_editable())
                .map(Box::new);
            Msg::Plan(PlanMsg::SaveRefused {
                version_id,
                message: unsaved.error.to_string(),
                content: unsaved.content,
                stored,
            })
        }
    }
}
