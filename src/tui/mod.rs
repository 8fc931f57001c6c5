//! The full-screen desk. This module owns the terminal: raw mode and the alternate screen, put
//! back on every way out (normal exit, error, panic, SIGTERM, SIGHUP). One thread reads keys,
//! worker threads search and use the database, and the loop below sleeps until one of them
//! sends something: no fixed frame rate, nothing drawn while nothing changes.

pub mod action;
pub mod app;
pub mod autosave;
pub mod backend;
pub mod ctx;
pub mod export_form;
pub mod forms;
pub mod keymap;
pub mod live;
pub mod msg;
pub mod search_thread;
pub mod theme;
pub mod ticker;
pub mod views;
pub mod widgets;
pub mod worker;

pub use app::{App, DeskOptions};
pub use msg::{Effect, Job, Msg};

use crate::domain::roles::Role;
use crate::i18n::Lang;
use crate::i18n::desk::Strings;
use crate::session::Session;
use crate::settings::Settings;
use anyhow::Result;
use backend::{Compact, GapFill};
use base64::Engine;
use chrono::NaiveDate;
use crossterm::event::{Event as TermEvent, KeyEvent, KeyEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{cursor, execute, queue, terminal};
use keymap::{KeyPress, Keymap};
use ratatui::Terminal;
use search_thread::SearchRequest;
use std::io::{IsTerminal, Stdout, Write};
use std::sync::mpsc::{Sender, channel};
use theme::Theme;

/// Whether the output can hold the full-screen desk: a terminal that is not `TERM=dumb`.
pub fn can_draw() -> bool {
    std::io::stdout().is_terminal()
        && std::io::stdin().is_terminal()
        && std::env::var("TERM").is_ok_and(|t| t != "dumb")
}

/// The message printed instead of drawing when [`can_draw`] says no.
pub fn not_a_terminal_message(lang: Lang) -> &'static str {
    Strings::new(lang).not_a_terminal()
}

impl DeskOptions {
    /// The desk as the settings describe it, with the keymap loaded and checked; `training`
    /// marks every screen of a training centre.
    pub fn new(settings: &Settings, today: NaiveDate, training: bool) -> Result<DeskOptions> {
        let strings = Strings::new(settings.lang);
        let keymap = Keymap::load(settings.keymap.as_deref()).map_err(|e| anyhow::anyhow!(e.message(&strings)))?;
        Ok(DeskOptions { lang: settings.lang, theme: Theme::new(settings.capability), keymap, today, training })
    }
}

enum Event {
    Key(KeyEvent),
    Redraw,
    Msg(Msg),
    Stop,
}

/// Puts the terminal back: cooked mode, the normal screen, a visible cursor.
fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(std::io::stdout(), EndSynchronizedUpdate, terminal::LeaveAlternateScreen, cursor::Show);
}

/// Restores the terminal when dropped, whichever way `run` ends.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn enter_terminal() -> Result<TerminalGuard> {
    let previous = std::panic::take_hook();
    // A panic on any thread ends the desk: the terminal is put back first so that the message
    // is readable, and no thread goes on drawing into a restored terminal.
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
        std::process::exit(101);
    }));
    terminal::enable_raw_mode()?;
    let guard = TerminalGuard;
    execute!(std::io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
    Ok(guard)
}

/// How often the key thread looks whether the terminal is still there while no key comes.
const HANGUP_CHECK: std::time::Duration = std::time::Duration::from_millis(200);

fn spawn_input(tx: Sender<Event>) {
    std::thread::spawn(move || {
        loop {
            // A terminal that went away while a wrapper (runuser, su) kept the hangup signal from
            // the desk no longer answers as a terminal; waiting with a timeout notices that.
            let event = match crossterm::event::poll(HANGUP_CHECK) {
                Ok(false) if std::io::stdin().is_terminal() => continue,
                Ok(false) => Event::Stop,
                Ok(true) => match crossterm::event::read() {
                    Ok(TermEvent::Key(k)) if k.kind != KeyEventKind::Release => Event::Key(k),
                    Ok(TermEvent::Resize(..)) => Event::Redraw,
                    Ok(_) => continue,
                    Err(_) => Event::Stop,
                },
                // End of input or a read error: the terminal is gone (SSH dropped).
                Err(_) => Event::Stop,
            };
            let stop = matches!(event, Event::Stop);
            if tx.send(event).is_err() || stop {
                return;
            }
        }
    });
}

fn spawn_signals(tx: Sender<Event>) -> Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP])?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Event::Stop);
            // Normally the loop stops at once. If it is stuck (a terminal that no longer reads),
            // the signal must still end the process — after longer than a write may wait for
            // the database, so that a save under way still commits.
            std::thread::sleep(std::time::Duration::from_secs(15));
            restore_terminal();
            std::process::exit(1);
        }
    });
    Ok(())
}

/// One frame, sent to the terminal as one synchronized update.
fn draw(terminal: &mut Terminal<GapFill<Compact<Stdout>>>, app: &App) -> std::io::Result<()> {
    queue!(terminal.backend_mut().inner_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| app.draw(frame))?;
    execute!(terminal.backend_mut().inner_mut(), EndSynchronizedUpdate)
}

/// The OSC 52 sequence that asks the person's own terminal to put `text` on its clipboard;
/// it travels through SSH like any other output.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text))
}

/// Opens the desk and runs it until the person quits or the terminal goes away.
pub fn run(session: Session) -> Result<()> {
    let training = crate::storage::centre::rules(session.db.conn())?.training;
    let options = DeskOptions::new(&session.settings, session.today, training)?;
    // crossterm drops colours on its own when NO_COLOR is set; the settings have already weighed
    // NO_COLOR against `--color always`.
    crossterm::style::force_color_output(options.theme.colour);
    let print_command = session.settings.print_command.clone();
    let Session { db, me, .. } = session;
    let path = db.path().to_path_buf();
    let (tx, rx) = channel::<Event>();
    let to_loop = |tx: &Sender<Event>| {
        let tx = tx.clone();
        move |msg: Msg| {
            let _ = tx.send(Event::Msg(msg));
        }
    };
    let search = search_thread::spawn(path.clone(), to_loop(&tx));
    ticker::spawn(path.clone(), to_loop(&tx));
    let (autosave, autosave_thread) = autosave::spawn(path, me.clone(), to_loop(&tx));
    let jobs = worker::spawn(db, me.clone(), print_command, to_loop(&tx));
    // A coordinator's, organiser's or director's day starts with what is due (F5); the front
    // desk starts where most calls start, at the resident search.
    let starts_on_dashboard =
        me.roles.iter().any(|r| matches!(r, Role::Koordynator | Role::Organizator | Role::Dyrektor));
    let mut app = App::new(options, me);
    if starts_on_dashboard {
        app.dispatch(action::Action::Dashboard);
    }
    app.offer_kept_forms();
    let _ = tx.send(Event::Redraw);

    let _guard = enter_terminal()?;
    spawn_signals(tx.clone())?;
    // The alternate screen starts blank, so no clear is needed; `Terminal::clear` would also ask
    // the terminal for the cursor position, which competes with the key-reading thread.
    let mut terminal = Terminal::new(GapFill::new(Compact::new(std::io::stdout())))?;
    spawn_input(tx);
    // A write that fails means the terminal is gone: the loop ends as on a hangup, so that the
    // draft is still written below.
    let mut alive = draw(&mut terminal, &app).is_ok();
    let mut stop = false;
    while alive && let Ok(first) = rx.recv() {
        // Everything already queued is taken before drawing once: redraws merge.
        for event in std::iter::once(first).chain(rx.try_iter()) {
            match event {
                Event::Key(key) => app.handle_key(KeyPress::from_event(&key)),
                Event::Msg(msg) => app.handle_msg(msg),
                Event::Redraw => {}
                Event::Stop => stop = true,
            }
        }
        for effect in app.take_effects() {
            match effect {
                Effect::Search { generation, query } => {
                    let _ = search.send(SearchRequest { generation, query });
                }
                Effect::Job(job) => {
                    let _ = jobs.send(job);
                }
                Effect::Autosave(draft) => {
                    let _ = autosave.send(draft);
                }
                Effect::Clipboard(text) => {
                    let out = terminal.backend_mut().inner_mut();
                    alive &= out.write_all(osc52(&text).as_bytes()).and_then(|()| out.flush()).is_ok();
                }
                Effect::Repaint => {
                    // Through the backend, so that what it remembers of the screen is forgotten too.
                    alive &= ratatui::backend::Backend::clear(terminal.backend_mut()).is_ok();
                    // The frame last drawn is forgotten, so the next draw writes every cell.
                    terminal.swap_buffers();
                }
            }
        }
        if stop || app.should_quit() {
            break;
        }
        alive &= draw(&mut terminal, &app).is_ok();
    }
    // The terminal went away (or the desk was told to stop): the forms left open are kept and
    // offered back at the next start. A person who quits has closed what they meant to keep.
    if stop || !alive {
        let forms = app.open_forms();
        if !forms.is_empty() {
            let _ = autosave.send(msg::Autosave::KeepForms(forms));
        }
    }
    // A draft typed just before quitting is written before the process ends.
    drop(autosave);
    let _ = autosave_thread.join();
    Ok(())
}
