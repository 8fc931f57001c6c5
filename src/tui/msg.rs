//! The desk's shared vocabulary: the work views ask for ([`Job`], [`Effect`]), the results that
//! come back ([`Msg`]), and the data they carry. It sits below the views, the worker and the app,
//! so that each of them can speak it without importing another.

use crate::domain::ipus::PlanContent;
use crate::domain::visit::VisitRecord;
use crate::i18n::desk::{Strings, Text};
use crate::report::Document;
use crate::report::chart::Chart;
use crate::storage::applications;
use crate::storage::card::Card;
use crate::storage::plans::{LineEffect, PlanSummary, VersionView};
use crate::storage::residents::SearchRow;
use chrono::NaiveDate;
use std::path::PathBuf;

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
    /// Ends an application of the resident on the card with an outcome other than a plan.
    CloseApplication {
        resident_id: i64,
        application_id: i64,
        outcome: crate::storage::applications::Outcome,
    },
    AddRepresentative {
        resident_id: i64,
        record: crate::domain::resident::RepresentativeRecord,
    },
    /// Puts an application of the resident on the card on a service's waiting list.
    WaitForService {
        resident_id: i64,
        application_id: i64,
        service: String,
        units: i64,
    },
    /// A new resident; `distinct_from` are look-alikes the person at the desk judged to be others.
    RegisterResident {
        record: Box<crate::domain::resident::ResidentRecord>,
        distinct_from: Vec<i64>,
    },
    /// A visit of a registered resident, or an anonymous enquiry when `resident_id` is `None`.
    SaveVisit {
        resident_id: Option<i64>,
        visit: VisitRecord,
    },
    Plan(PlanJob),
    Report(ReportJob),
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
    Autosave(Autosave),
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
        resident_id: Option<i64>,
    },
    ResidentRegistered {
        id: i64,
    },
    ApplicationClosed {
        resident_id: i64,
    },
    RepresentativeAdded {
        resident_id: i64,
    },
    /// Registration stopped: these registered people may be the one being registered.
    LooksLike {
        record: Box<crate::domain::resident::ResidentRecord>,
        alike: Vec<crate::storage::residents::LookAlike>,
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
    /// Storage refused one field of a submitted form: the form puts the cursor there.
    Refused(crate::domain::text::FieldError),
    Plan(PlanMsg),
    Report(ReportMsg),
}

/// Database work of the plan views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanJob {
    List,
    /// Opens a plan's current version for editing (takes the hold when free); the pools are
    /// shown as of `today`.
    Open {
        plan_id: i64,
        today: NaiveDate,
    },
    /// Lets go of the hold on leaving the editor.
    Release {
        plan_id: i64,
    },
    /// Approves the version at the revision the approver saw.
    Approve {
        version_id: i64,
        revision: i64,
    },
    /// Returns a submitted version with the approver's comment.
    Return {
        version_id: i64,
        comment: String,
    },
    /// Prints the version the editor shows with the configured print command.
    Print {
        plan_id: i64,
        version: u32,
    },
    /// An application from the resident's card, with the needs assessment when there is one and
    /// the plan's draft when a period was given; all in one transaction.
    RegisterApplication {
        resident_id: i64,
        application: Box<applications::ApplicationInput>,
        assessment: Box<applications::AssessmentInput>,
        draft: Option<(NaiveDate, NaiveDate)>,
        today: NaiveDate,
    },
    /// Starts an update from the approved version (art. 41) and opens the new draft.
    StartUpdate {
        plan_id: i64,
        today: NaiveDate,
    },
    /// A monitoring contact with the resident (art. 45).
    AddContact {
        plan_id: i64,
        contact: crate::domain::monitoring::Contact,
    },
    /// Resignation from the line at `position` (1-based), or from the whole plan (art. 44).
    Resign {
        plan_id: i64,
        position: Option<usize>,
        on: NaiveDate,
        informed: NaiveDate,
    },
    /// The summary conversation that completes the plan (art. 45).
    Complete {
        plan_id: i64,
        on: NaiveDate,
        course: String,
        results: String,
    },
    /// The follow-up 6 months after the end.
    FollowUp {
        plan_id: i64,
        on: NaiveDate,
        note: String,
    },
}

/// What a plan form recorded, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    Contact { on: NaiveDate },
    ResignedLine { position: usize, on: NaiveDate },
    ResignedPlan { on: NaiveDate },
    Completed { on: NaiveDate },
    FollowUp { on: NaiveDate },
}

impl Recorded {
    pub fn text(self, s: &Strings) -> String {
        match self {
            Recorded::Contact { on } => s.contact_recorded(&on.to_string()),
            Recorded::ResignedLine { position, on } => s.line_resigned(position, &on.to_string()),
            Recorded::ResignedPlan { on } => s.plan_resigned(&on.to_string()),
            Recorded::Completed { on } => s.plan_completed(&on.to_string()),
            Recorded::FollowUp { on } => s.follow_up_recorded(&on.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanMsg {
    Listed(Vec<PlanSummary>),
    Opened(Box<OpenedPlan>),
    Saved {
        version_id: i64,
        seq: u64,
        revision: i64,
        at: String,
        effects: Vec<Option<LineEffect>>,
    },
    /// An application registered from the card, with the number of its plan's draft if one was made.
    ApplicationRegistered {
        id: i64,
        draft: Option<String>,
    },
    Submitted {
        version_id: i64,
    },
    Approved {
        version_id: i64,
    },
    Returned {
        version_id: i64,
    },
    /// A print sent to the print command.
    Printed {
        number: String,
        version: u32,
    },
    /// Something recorded on a plan from a form; the plan is shown again with it.
    Recorded {
        plan_id: i64,
        done: Recorded,
    },
    SaveRefused {
        version_id: i64,
        message: String,
        content: Box<PlanContent>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportKind {
    #[default]
    Summary,
    Indicators,
    Programme,
    PoolUse,
}

impl ReportKind {
    pub const ALL: [ReportKind; 4] =
        [ReportKind::Summary, ReportKind::Indicators, ReportKind::Programme, ReportKind::PoolUse];

    /// The name the audit log and `okienko report` use.
    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Summary => "summary",
            ReportKind::Indicators => "indicators",
            ReportKind::Programme => "programme",
            ReportKind::PoolUse => "pool-use",
        }
    }

    /// The report's name on its tab.
    pub fn label(self) -> Text {
        match self {
            ReportKind::Summary => Text::ReportSummary,
            ReportKind::Indicators => Text::ReportIndicators,
            ReportKind::Programme => Text::ReportProgramme,
            ReportKind::PoolUse => Text::ReportPoolUse,
        }
    }

    /// The report `by` places further along the tabs, round the end.
    pub fn step(self, by: isize) -> ReportKind {
        let at = ReportKind::ALL.iter().position(|k| *k == self).unwrap_or(0) as isize;
        let n = ReportKind::ALL.len() as isize;
        ReportKind::ALL[(at + by).rem_euclid(n) as usize]
    }
}

/// One report as computed for the desk: its tables and, for pool use, its charts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub kind: ReportKind,
    pub doc: Document,
    pub charts: Vec<Chart>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Pdf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportJob {
    Load { kind: ReportKind, today: NaiveDate },
    Export { kind: ReportKind, today: NaiveDate, path: PathBuf, format: ExportFormat },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportMsg {
    Loaded(Box<Shown>),
    Exported {
        path: String,
    },
    /// The file could not be written; nothing was audited.
    ExportFailed {
        path: String,
        reason: String,
    },
}

/// A service as the picker offers it, with what remains in its pool now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickService {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub remaining: Option<i64>,
    pub period: Option<String>,
    pub suspended: bool,
}

/// A plan as the editor opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedPlan {
    pub plan_id: i64,
    pub number: String,
    pub resident_name: String,
    pub filed_on: Option<NaiveDate>,
    pub assessed_on: Option<NaiveDate>,
    pub problems: String,
    pub version: VersionView,
    /// Someone else editing it now.
    pub holder: Option<String>,
    /// When the plan ended (completed or resigned from), if it has.
    pub ended_on: Option<NaiveDate>,
    pub monitoring: Monitoring,
    pub may_edit: bool,
    pub returned_comment: Option<String>,
    pub effects: Vec<Option<LineEffect>>,
    pub services: Vec<PickService>,
    /// Services limited to gminas the resident does not live in, with those gminas.
    pub closed_services: Vec<(i64, String)>,
}

/// What has been recorded after approval, and what is due next.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Monitoring {
    pub contacts: usize,
    pub last_contact: Option<NaiveDate>,
    /// The next monitoring contact, while the plan is in force.
    pub contact_due: Option<NaiveDate>,
    /// The follow-up 6 months after the end, once the plan has ended.
    pub follow_up_due: Option<NaiveDate>,
    pub follow_up_on: Option<NaiveDate>,
}

/// What the editor tells the autosave thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Autosave {
    /// The editor opened this version at this revision.
    Track { plan_id: i64, version_id: i64, revision: i64 },
    /// The content as it is now, numbered so that the editor knows which change a save covered.
    Content { version_id: i64, seq: u64, content: Box<PlanContent> },
    /// Write what is pending, then submit the version for approval.
    Submit { version_id: i64 },
}
