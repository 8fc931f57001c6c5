//! `okienko ipus …`: the whole life of a plan from scripts, with the same rules and permissions
//! as the desk. One file per group of subcommands: reading, drafting, the approval cycle, the
//! end and follow-up, printing.

mod application;
mod draft;
mod lifecycle;
mod monitoring;
mod print;
mod show;

pub use application::{ApplicationCommand, run as run_application};

use super::Session;
use crate::config;
use crate::domain::ipus::{self, Finding, Severity};
use crate::domain::text::display_safe;
use crate::i18n::cli as t;
use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum IpusCommand {
    /// Lista planów · list plans
    List {
        /// szkic, złożony, zatwierdzony, zwrócony, zastąpiony · draft, submitted, approved, returned, superseded
        #[arg(long)]
        state: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Plan ze wszystkimi wersjami · a plan with every version
    Show {
        /// Numer planu (IPUS/2026/0001) albo identyfikator · plan number or id
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Sporządź szkic planu do wniosku · draft a plan for an application
    Draft {
        application: i64,
        /// Początek okresu · period start
        #[arg(long)]
        from: String,
        /// Koniec okresu · period end
        #[arg(long)]
        to: String,
        #[command(flatten)]
        texts: PlanTexts,
    },
    /// Zmień okres lub opisy szkicu · change the draft's period or texts
    Set {
        id: String,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[command(flatten)]
        texts: PlanTexts,
    },
    /// Pozycje planu (usługi) · plan lines
    #[command(subcommand)]
    Line(LineCommand),
    /// Działania wspierające · supporting actions
    #[command(subcommand)]
    Action(ActionCommand),
    /// Sprawdź szkic: terminy, okres, wpływ na pule · check a draft: deadlines, period, effect on pools
    Check { id: String },
    /// Złóż szkic do zatwierdzenia · submit for approval
    Submit { id: String },
    /// Zatwierdź złożoną wersję · approve the submitted version
    Approve {
        id: String,
        #[arg(long, default_value = "")]
        comment: String,
        /// Powód przyznania przed osobami z listy oczekujących · why it goes ahead of the waiting list
        #[arg(long)]
        queue_reason: Option<String>,
    },
    /// Zwróć do poprawy · return for corrections
    Return {
        id: String,
        #[arg(long)]
        comment: String,
    },
    /// Aktualizacja: nowa wersja z zatwierdzonej · update: a new version from the approved one
    Update { id: String },
    /// Zmiany między wersjami · what changed between two versions
    Diff {
        id: String,
        #[arg(value_parser = crate::domain::limits::arg_number::<u32>)]
        from: u32,
        #[arg(value_parser = crate::domain::limits::arg_number::<u32>)]
        to: u32,
    },
    /// Rezygnacja z usługi (--line) lub całego planu · resignation from a line or the whole plan
    Resign {
        id: String,
        /// Numer pozycji; bez niego rezygnacja z całego planu · line number; without it, the whole plan
        #[arg(long, value_parser = crate::domain::limits::arg_number::<usize>)]
        line: Option<usize>,
        #[arg(long)]
        on: String,
        /// Data poinformowania dyrektora (art. 44) · date the director was informed
        #[arg(long)]
        director_informed: String,
    },
    /// Rozmowa podsumowująca na zakończenie · summary conversation at the end
    Complete {
        id: String,
        #[arg(long)]
        on: String,
        /// Opis przebiegu · course
        #[arg(long)]
        course: String,
        /// Osiągnięte rezultaty · results
        #[arg(long, default_value = "")]
        results: String,
    },
    /// Monitoring 6 miesięcy po zakończeniu · follow-up after the end
    FollowUp {
        id: String,
        #[arg(long)]
        on: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Kontakt monitorujący · monitoring contact
    Monitor {
        id: String,
        #[arg(long)]
        on: String,
        /// telefon, wizyta, w_cus, e-mail
        #[arg(long)]
        channel: String,
        #[arg(long = "with", default_value = "")]
        with_whom: String,
        #[arg(long, default_value = "")]
        note: String,
        /// Wynik kontroli jakości: zgodna, uwagi, niezgodna · quality-check result
        #[arg(long, default_value = "")]
        quality: String,
    },
    /// Zapisz plan do pliku PDF lub tekstowego · export to PDF or text
    Export {
        id: String,
        #[arg(long, conflicts_with = "text", required_unless_present = "text")]
        pdf: Option<PathBuf>,
        #[arg(long)]
        text: Option<PathBuf>,
        /// Numer wersji (domyślnie zatwierdzona) · version number (default: approved)
        #[arg(long, value_name = "N", value_parser = crate::domain::limits::arg_number::<u32>)]
        plan_version: Option<u32>,
    },
    /// Wydrukuj plan poleceniem print_command · print with the configured command
    Print {
        id: String,
        /// Numer wersji (domyślnie zatwierdzona) · version number (default: approved)
        #[arg(long, value_name = "N", value_parser = crate::domain::limits::arg_number::<u32>)]
        plan_version: Option<u32>,
    },
}

#[derive(Debug, Args, Default)]
pub struct PlanTexts {
    /// Potrzeby · needs
    #[arg(long)]
    needs: Option<String>,
    /// Oczekiwane efekty · expected effects
    #[arg(long)]
    effects: Option<String>,
    /// Jak często ocena jakości i satysfakcji · how often quality is checked
    #[arg(long)]
    quality: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum LineCommand {
    /// Dodaj usługę do szkicu · add a service to the draft
    Add(Box<AddLine>),
    /// Usuń pozycję ze szkicu · remove a line from the draft
    Remove {
        id: String,
        #[arg(value_parser = crate::domain::limits::arg_number::<usize>)]
        position: usize,
    },
}

#[derive(Debug, Args)]
pub struct AddLine {
    pub id: String,
    /// Kod usługi · service code
    #[arg(long)]
    pub service: String,
    #[arg(long)]
    pub amount: u32,
    /// week, month, year, plan (tydzień, miesiąc, rok, cały okres)
    #[arg(long)]
    pub per: String,
    /// Limit nad dłuższy okres, np. 6 · cap over a longer period
    #[arg(long, requires = "cap_per")]
    pub cap: Option<u32>,
    #[arg(long, requires = "cap")]
    pub cap_per: Option<String>,
    #[arg(long)]
    pub from: String,
    #[arg(long)]
    pub to: String,
    #[arg(long, default_value = "")]
    pub schedule: String,
    /// Miejsce i forma · place and form
    #[arg(long, default_value = "")]
    pub place: String,
    #[arg(long, default_value = "")]
    pub scope: String,
    /// Realizator (nazwa) · provider name
    #[arg(long)]
    pub provider: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Dodaj działanie wspierające · add a supporting action
    Add {
        id: String,
        #[arg(long)]
        what: String,
        #[arg(long, default_value = "")]
        who: String,
    },
}

pub fn run(session: &mut Session, cmd: IpusCommand) -> Result<()> {
    let today = config::today();
    match cmd {
        IpusCommand::List { state, json } => show::list(session, state, json),
        IpusCommand::Show { id, json } => show::show(session, &id, json),
        IpusCommand::Diff { id, from, to } => show::diff(session, &id, from, to),
        IpusCommand::Draft { application, from, to, texts } => draft::draft(session, application, &from, &to, texts),
        IpusCommand::Set { id, from, to, texts } => draft::set(session, &id, from, to, texts),
        IpusCommand::Line(LineCommand::Add(add)) => draft::add_line(session, *add),
        IpusCommand::Line(LineCommand::Remove { id, position }) => draft::remove_line(session, &id, position),
        IpusCommand::Action(ActionCommand::Add { id, what, who }) => draft::add_action(session, &id, what, who),
        IpusCommand::Check { id } => draft::check(session, &id, today),
        IpusCommand::Submit { id } => lifecycle::submit(session, &id, today),
        IpusCommand::Approve { id, comment, queue_reason } => {
            lifecycle::approve(session, &id, &comment, queue_reason.as_deref())
        }
        IpusCommand::Return { id, comment } => lifecycle::return_version(session, &id, &comment),
        IpusCommand::Update { id } => lifecycle::update(session, &id, today),
        IpusCommand::Resign { id, line, on, director_informed } => {
            lifecycle::resign(session, &id, line, &on, &director_informed)
        }
        IpusCommand::Complete { id, on, course, results } => {
            monitoring::complete(session, &id, &on, &course, &results, today)
        }
        IpusCommand::FollowUp { id, on, note } => monitoring::follow_up(session, &id, &on, &note, today),
        IpusCommand::Monitor { id, on, channel, with_whom, note, quality } => {
            let args = monitoring::ContactArgs {
                on: &on,
                channel: &channel,
                with_whom: &with_whom,
                note: &note,
                quality: &quality,
            };
            monitoring::contact(session, &id, args, today)
        }
        IpusCommand::Export { id, pdf, text, plan_version } => print::export(session, &id, pdf, text, plan_version),
        IpusCommand::Print { id, plan_version } => print::print(session, &id, plan_version),
    }
}

/// A date argument; the field is named by its option, which reads the same in both languages.
fn date_arg(option: &'static str, value: &str) -> Result<NaiveDate> {
    super::date_option(option, value)
}

/// A date of something that has already happened (a filing, a conversation, a contact).
fn past_date_arg(option: &'static str, value: &str, today: NaiveDate) -> Result<NaiveDate> {
    let date = date_arg(option, value)?;
    if date > today {
        bail!(t::date_in_future(option, today));
    }
    Ok(date)
}

fn safe(s: &str) -> String {
    display_safe(s).into_owned()
}

fn service_id(session: &Session, code: &str) -> Result<i64> {
    crate::storage::services::id_by_code(session.db.conn(), code)?.ok_or_else(|| anyhow!(t::no_service_code(code)))
}

fn per_arg(option: &str, value: &str) -> Result<crate::domain::plan::Per> {
    ipus::parse_per(value).ok_or_else(|| anyhow!(t::bad_per(option, value)))
}

fn print_findings(findings: &[Finding]) {
    for f in findings {
        println!("  {}", t::finding(f.severity == Severity::Error, &safe(&f.field.to_string()), &safe(&f.message)));
    }
}
