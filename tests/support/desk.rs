//! The desk driven in process through the public `App` API: keys go in, what the app asks for
//! (searches, database jobs, clipboard, autosave) is carried out on the spot, and the screen is
//! drawn on a test terminal, 80×24 unless a test asks for another size.

use chrono::{NaiveDate, NaiveDateTime};
use okienko::i18n::Lang;
use okienko::search::Searcher;
use okienko::storage::Db;
use okienko::storage::staff::{StaffMember, identify};
use okienko::tui::keymap::{KeyPress, Keymap};
use okienko::tui::msg::Autosave;
use okienko::tui::search_thread::{found, ready};
use okienko::tui::theme::Theme;
use okienko::tui::{App, DeskOptions, Effect, Job, Msg, worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const COLOUR: Theme = Theme { colour: true, ascii: false };
pub const NO_COLOUR: Theme = Theme { colour: false, ascii: false };
pub const ASCII: Theme = Theme { colour: true, ascii: true };
/// The three looks a screen is pinned in.
pub const MODES: [(&str, Theme); 3] = [("colour", COLOUR), ("no_colour", NO_COLOUR), ("ascii", ASCII)];

/// Polish, the default keys, `theme`, working on `today`.
pub fn options(theme: Theme, today: NaiveDate) -> DeskOptions {
    DeskOptions { lang: Lang::Pl, theme, keymap: Keymap::default_keys(), today, training: false }
}

pub struct Desk {
    pub app: App,
    pub db: Db,
    pub me: StaffMember,
    pub searcher: Searcher,
    /// Everything the desk put on the clipboard, oldest first.
    pub clipboard: Vec<String>,
    /// The latest draft the editor handed to the autosave thread.
    pub autosaved: Option<Autosave>,
    /// The draft the editor last told the autosave thread it edits: plan, version, revision.
    pub tracked: Option<(i64, i64, i64)>,
    /// Every database job the desk asked for, oldest first.
    pub jobs: Vec<Job>,
    /// With it, the base view is loaded at this moment instead of the clock's.
    base_moment: Option<NaiveDateTime>,
    /// The print command the settings would give the worker.
    print_command: Option<String>,
    dir: Option<tempfile::TempDir>,
}

impl Desk {
    /// `login`'s desk on `db`, its search announced ready.
    pub fn open(db: Db, login: &str, options: DeskOptions) -> Desk {
        let me = identify(db.conn(), login).unwrap_or_else(|e| panic!("login {login}: {e}"));
        let mut app = App::new(options, me.clone());
        app.handle_msg(ready(&db));
        Desk {
            app,
            db,
            me,
            searcher: Searcher::default(),
            clipboard: Vec::new(),
            autosaved: None,
            tracked: None,
            jobs: Vec::new(),
            base_moment: None,
            print_command: None,
            dir: None,
        }
    }

    /// Prints with `command`, as `print_command` in config.toml would have it.
    pub fn printing_with(mut self, command: &str) -> Desk {
        self.print_command = Some(command.to_string());
        self
    }

    /// Keeps the directory holding the database for as long as the desk lives.
    pub fn keeping(mut self, dir: tempfile::TempDir) -> Desk {
        self.dir = Some(dir);
        self
    }

    pub fn dir(&self) -> &std::path::Path {
        self.dir.as_ref().expect("the desk keeps no directory").path()
    }

    /// Loads the service base at `moment`, so that opening hours do not depend on the clock.
    pub fn at(mut self, moment: NaiveDateTime) -> Desk {
        self.base_moment = Some(moment);
        self
    }

    /// Carries out what the app asked for, as the desk's threads would, until nothing is left.
    pub fn settle(&mut self) {
        loop {
            let effects = self.app.take_effects();
            if effects.is_empty() {
                return;
            }
            for effect in effects {
                let msg = match effect {
                    Effect::Search { generation, query } => found(&self.db, &self.searcher, generation, &query),
                    Effect::Job(job) => match (self.record(job), self.base_moment) {
                        (Job::LoadBase { day }, Some(moment)) => {
                            assert_eq!(day, moment.date(), "the base is loaded for the desk's day");
                            worker::load_base(&self.db, &self.me, moment).unwrap_or_else(|e| Msg::Failed(e.to_string()))
                        }
                        (job, _) => worker::execute(&mut self.db, &self.me, self.print_command.as_deref(), job),
                    },
                    Effect::Clipboard(text) => {
                        self.clipboard.push(text);
                        continue;
                    }
                    // A submit is carried out as the autosave thread does; drafts are only kept.
                    Effect::Autosave(Autosave::Submit { version_id }) => {
                        okienko::tui::autosave::submit(&mut self.db, &self.me, version_id)
                    }
                    Effect::Autosave(Autosave::Track { plan_id, version_id, revision }) => {
                        self.tracked = Some((plan_id, version_id, revision));
                        continue;
                    }
                    Effect::Autosave(draft) => {
                        self.autosaved = Some(draft);
                        continue;
                    }
                    Effect::Repaint => continue,
                };
                self.app.handle_msg(msg);
            }
        }
    }

    /// Writes the kept draft as the autosave thread would when its time comes, and tells the desk.
    pub fn autosave_now(&mut self) {
        let Some(Autosave::Content { seq, content, .. }) = self.autosaved.take() else { return };
        let tracked = self.tracked.take().expect("the editor tracks the draft it sends");
        let msg = okienko::tui::autosave::write(&mut self.db, &self.me, tracked, *content, seq);
        if let Msg::Plan(okienko::tui::msg::PlanMsg::Saved { revision, .. }) = &msg {
            self.tracked = Some((tracked.0, tracked.1, *revision));
        }
        self.app.handle_msg(msg);
        self.settle();
    }

    fn record(&mut self, job: Job) -> Job {
        self.jobs.push(job.clone());
        job
    }

    /// The ticker's signal: another desk may have committed.
    pub fn tick(&mut self) {
        self.app.handle_msg(Msg::BaseTick);
        self.settle();
    }

    /// Presses the keys of `spec` (space-separated, as in a keymap) one by one.
    pub fn press(&mut self, spec: &str) {
        for key in spec.split_whitespace() {
            self.app.handle_key(KeyPress::parse(key).unwrap_or_else(|| panic!("key {key}")));
            self.settle();
        }
    }

    /// Types `text` character by character.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.app
                .handle_key(KeyPress::new(crossterm::event::KeyCode::Char(c), crossterm::event::KeyModifiers::NONE));
            self.settle();
        }
    }

    pub fn terminal(&self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| self.app.draw(f)).unwrap();
        terminal
    }

    /// The characters on an 80×24 screen, one line per row, without trailing blanks.
    pub fn text(&self) -> String {
        self.text_at(80, 24)
    }

    pub fn text_at(&self, width: u16, height: u16) -> String {
        let terminal = self.terminal(width, height);
        let buffer = terminal.backend().buffer();
        (0..buffer.area.height)
            .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Characters and styles at 80×24, so that a snapshot pins colours (or their absence) too.
    pub fn screen(&self) -> String {
        self.screen_at(80, 24)
    }

    pub fn screen_at(&self, width: u16, height: u16) -> String {
        format!("{:?}", self.terminal(width, height).backend().buffer())
    }

    /// The row the selection marker stands on.
    pub fn selected_line(&self) -> String {
        self.text().lines().find(|l| l.contains('▶')).unwrap_or_default().to_string()
    }
}
