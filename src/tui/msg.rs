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
use crate::storage::form_drafts::FormDraft;
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
        /// The day the card's services in force and their usage are counted on.
        today: chrono::NaiveDate,
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
    /// Hands back the forms kept when this person's terminal last went away.
    TakeKeptForms,
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
    /// The application form of a resident, with the service base its rows may be picked from.
    OpenApplicationForm {
        resident_id: i64,
    },
    /// Sends an application with its needs assessment, as the applicant signs it, to the
    /// configured print command.
    /// The latest refusal decision on an application, to the print command.
    PrintDecision {
        application_id: i64,
    },
    PrintApplication {
        application_id: i64,
    },
    /// The services an application may be qualified for (or refused), for the picker.
    OpenQualification {
        application_id: i64,
        resident_name: String,
        refusal: bool,
        today: NaiveDate,
        /// Asked from the resident's card rather than from the application's own view.
        from_card: bool,
    },
    /// Every open application with its countdown to the drafting deadline.
    LoadApplications {
        today: NaiveDate,
    },
    /// One application with its assessment, what has been done with it and the partners it
    /// may be forwarded to.
    OpenApplication {
        id: i64,
        /// When a person opens it (a refresh after an outcome is not a new look).
        audit: bool,
    },
    /// Qualifies for one service (art. 42); the provider is named as typed, among the service's.
    Qualify {
        application_id: i64,
        service_id: i64,
        provider: String,
        draft: crate::domain::qualification::QualificationDraft,
        /// Why the grant goes ahead of people waiting for the service, if any wait.
        queue_reason: Option<String>,
        today: NaiveDate,
    },
    RefuseQualification {
        application_id: i64,
        service_id: i64,
        refusal: crate::domain::qualification::Refusal,
        today: NaiveDate,
    },
    /// Puts an application on a service's waiting list.
    JoinWaitlist {
        application_id: i64,
        service_id: i64,
        units: i64,
    },
    RecordUsage {
        target: crate::storage::usage::UsageTarget,
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
    /// Clear the terminal and draw every cell again.
    Repaint,
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
    /// The services to qualify an application for, or to refuse.
    QualificationServices(Box<QualificationStart>),
    /// The open applications, the newest deadline first.
    Applications(Vec<crate::storage::dashboard::ListedApplication>),
    ApplicationShown(Box<ApplicationShown>),
    /// The service base for the application form of a resident.
    ApplicationForm {
        resident_id: i64,
        catalogue: Vec<CatalogueItem>,
    },
    /// An application was sent to the print command, which wrote `output` (often nothing).
    ApplicationPrinted {
        application_id: i64,
        output: String,
    },
    /// A refusal decision was sent to the print command, which wrote `output` (often nothing).
    DecisionPrinted {
        decision_number: String,
        output: String,
    },
    /// Time to look at the service base again (another desk may have changed it).
    BaseTick,
    /// The date turned over while the desk was open: the day it works on from now.
    NewDay(NaiveDate),
    /// Forms kept when the terminal last went away, opened again.
    KeptForms(Vec<FormDraft>),
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
        /// The day of the interview and what it recorded.
        assessment: Option<(NaiveDate, Box<applications::AssessmentInput>)>,
        draft: Option<(NaiveDate, NaiveDate)>,
        today: NaiveDate,
    },
    /// A plan's first draft for an application, with the needs from its assessment; the same
    /// storage function as `okienko ipus draft`.
    DraftFromApplication {
        application_id: i64,
        from: NaiveDate,
        to: NaiveDate,
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
    Contact {
        on: NaiveDate,
    },
    ResignedLine {
        position: usize,
        on: NaiveDate,
    },
    ResignedPlan {
        on: NaiveDate,
    },
    Completed {
        on: NaiveDate,
    },
    /// With the due date when it came well before it.
    FollowUp {
        on: NaiveDate,
        early: Option<NaiveDate>,
    },
}

impl Recorded {
    pub fn text(self, s: &Strings) -> String {
        match self {
            Recorded::Contact { on } => s.contact_recorded(&on.to_string()),
            Recorded::ResignedLine { position, on } => s.line_resigned(position, &on.to_string()),
            Recorded::ResignedPlan { on } => s.plan_resigned(&on.to_string()),
            Recorded::Completed { on } => s.plan_completed(&on.to_string()),
            Recorded::FollowUp { on, early } => s.follow_up_recorded(&on.to_string(), early.map(|d| d.to_string())),
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
        /// Each saved line's service with the resident's fee.
        fees: Vec<crate::export::plan::LineService>,
    },
    /// An application registered from the card, with the number of its plan's draft if one was made.
    ApplicationRegistered {
        id: i64,
        draft: Option<String>,
    },
    /// A draft made for an application, to be opened in the editor.
    Drafted {
        plan_id: i64,
        resident_id: i64,
        number: String,
    },
    /// A version submitted, with the revision the submit left it at (what an approval expects).
    Submitted {
        version_id: i64,
        revision: i64,
    },
    Approved {
        version_id: i64,
    },
    Returned {
        version_id: i64,
    },
    /// A print sent to the print command, with what the command wrote (shown in a popup).
    Printed {
        number: String,
        version: u32,
        output: String,
    },
    /// Something recorded on a plan from a form; the plan is shown again with it.
    Recorded {
        plan_id: i64,
        done: Recorded,
    },
    /// A save refused, with the typed content; when someone saved newer work of the same draft,
    /// `stored` is that work, so that the editor can offer both side by side.
    SaveRefused {
        version_id: i64,
        message: String,
        content: Box<PlanContent>,
        stored: Option<Box<VersionView>>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
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
    Load {
        kind: ReportKind,
        today: NaiveDate,
    },
    /// Writes the report to `path`; a file already there is replaced only when `overwrite`.
    Export {
        kind: ReportKind,
        today: NaiveDate,
        path: PathBuf,
        format: ExportFormat,
        overwrite: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportMsg {
    Loaded(Box<Shown>),
    Exported {
        path: String,
    },
    /// The file exists and the job did not say to replace it; nothing was written.
    WouldOverwrite {
        path: String,
        job: ReportJob,
    },
    /// The file could not be written; nothing was audited.
    ExportFailed {
        path: String,
        reason: String,
    },
}

/// One service of the base as a row of the needs assessment takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueItem {
    pub code: String,
    pub name: String,
    pub unit: String,
}

/// A service as the picker offers it, with what remains in its pool now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PickService {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub remaining: Option<i64>,
    pub period: Option<String>,
    pub suspended: bool,
    /// The fee per unit as the base shows it.
    pub fee: String,
    /// Who may deliver it: the providers with a pool of it, or every provider of the service
    /// when a pool is for the whole service or there is none.
    pub providers: Vec<PickProvider>,
    /// The provider of each pool (`None` for the whole service), for the provider rule.
    pub pool_providers: Vec<Option<i64>>,
    /// People waiting for it, and the filing day of the first of them.
    pub waiting: usize,
    pub first_waiting: Option<NaiveDate>,
}

impl PickService {
    /// The provider the typed text names: the exact name, or the only one whose name starts
    /// with it (case and Polish letters aside).
    pub fn provider_named(&self, typed: &str) -> Option<&PickProvider> {
        use crate::domain::fold::fold;
        let want = fold(typed);
        if let Some(p) = self.providers.iter().find(|p| fold(&p.name) == want) {
            return Some(p);
        }
        let mut starting = self.providers.iter().filter(|p| fold(&p.name).starts_with(&want));
        match (starting.next(), starting.next()) {
            (Some(p), None) => Some(p),
            _ => None,
        }
    }
}

/// An application about to be qualified for one service or refused, with the services offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualificationStart {
    pub application_id: i64,
    pub resident_name: String,
    pub refusal: bool,
    pub services: Vec<PickService>,
    /// The card asked (its picker opens), or the application's view.
    pub from_card: bool,
}

/// An application as its view shows it: the record, its latest assessment, what has been done
/// with it, and the partners it may be forwarded to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationShown {
    pub application: applications::Application,
    /// Still waiting for its outcome (the open list's and the dashboard's rule).
    pub open: bool,
    pub assessment: Option<applications::Assessment>,
    /// Plans drafted for it: id and number.
    pub plans: Vec<(i64, String)>,
    pub qualifications: Vec<crate::storage::qualifications::QualificationRecord>,
    pub refusals: Vec<crate::storage::qualifications::RefusalRecord>,
    pub partners: Vec<crate::storage::partners::Partner>,
}

/// A provider the line form offers, with what its pool has left in each period of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PickProvider {
    pub id: i64,
    pub name: String,
    pub left: Vec<crate::storage::pools::PeriodLeft>,
}

/// A plan as the editor opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedPlan {
    pub plan_id: i64,
    pub number: String,
    pub resident_name: String,
    /// The application the plan answers, which joins a waiting list in its filing order.
    pub application_id: Option<i64>,
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
    /// Each line's service with the resident's fee, as the printed plan states it.
    pub fees: Vec<crate::export::plan::LineService>,
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
    /// The forms open when the terminal went away, kept for the next start.
    KeepForms(Vec<FormDraft>),
}
