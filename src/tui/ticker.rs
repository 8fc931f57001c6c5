//! The service base's clock: a thread that tells the desk when to look at the base again.

use super::msg::Msg;
use crate::storage::Db;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How often the ticker looks for changes committed by other desks.
pub const TICK: Duration = Duration::from_secs(2);
/// Recompute at least this often even when nothing was committed: "open now" moves with the clock.
const CLOCK_REFRESH: Duration = Duration::from_secs(60);

/// Sends [`Msg::BaseTick`] at once, then whenever another connection has committed (`PRAGMA
/// data_version` changed) or a minute has passed; an idle database costs one cheap query a tick.
/// When the date turns over it first sends [`Msg::NewDay`], so that the tick after it already
/// counts for the new day.
pub fn spawn(path: PathBuf, send: impl Fn(Msg) + Send + 'static) {
    std::thread::spawn(move || {
        let Ok(db) = Db::open(&path) else { return };
        let mut seen: Option<i64> = None;
        let mut last = Instant::now();
        let mut day = crate::config::today();
        loop {
            let now = crate::config::today();
            if now != day {
                day = now;
                seen = None;
                send(Msg::NewDay(day));
            }
            let version = db.conn().query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0)).ok();
            if seen.is_none() || version != seen || last.elapsed() >= CLOCK_REFRESH {
                seen = version.or(Some(0));
                last = Instant::now();
                send(Msg::BaseTick);
            }
            std::thread::sleep(TICK);
        }
    });
}
