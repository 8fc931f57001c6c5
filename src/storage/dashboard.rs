//! What needs attention today: the deadlines the law and the centre's own rules put on each plan
//! and application. Loading is plain SQL into [`DashboardInput`]; [`build`] is pure, so the
//! rules of what is due are tested without a database.

use super::Result;
use super::applications::awaiting_answer;
use super::waitlist::Freed;
use crate::domain::meeting::{half_year_summary_due, next_meeting_due};
use crate::domain::plan::{drafting_days_left, follow_up_due, monitoring_due};
use crate::domain::roles::Permission;
use crate::storage::staff::StaffMember;
use chrono::{Days, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::BTreeMap;

/// Applications show up this many days before the drafting deadline.
pub const APPLICATION_WARNING_DAYS: i64 = 14;
/// Plans show up this many days before their period ends.
pub const PLAN_ENDING_DAYS: i64 = 30;
/// Monitoring contacts show up this many days before they are due.
pub const MONITORING_WARNING_DAYS: u64 = 7;
/// Follow-up conversations show up this many days before they are due.
pub const FOLLOW_UP_WARNING_DAYS: u64 = 30;
/// The coordinators' meeting and the half-year summary show up this many days before they are due.
pub const CENTRE_WARNING_DAYS: i64 = 14;
/// A draft untouched for longer than this is listed as unfinished.
pub const STALE_DRAFT_DAYS: i64 = 2;

/// An application still waiting for a plan (state złożony or diagnoza, no plan submitted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenApplication {
    pub id: i64,
    pub resident_id: i64,
    pub resident_name: String,
    pub filed_on: NaiveDate,
    pub coordinator: Option<String>,
}

/// A plan with the dates the dashboard rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFacts {
    pub plan_id: i64,
    pub number: String,
    pub resident_id: i64,
    pub resident_name: String,
    pub application_id: Option<i64>,
    pub coordinator: String,
    /// State and last change of the newest version.
    pub latest_state: String,
    pub latest_updated: NaiveDate,
    /// Period of the version in force, if one is approved.
    pub approved_period: Option<(NaiveDate, NaiveDate)>,
    /// First day of the first approved period: the start of monitoring.
    pub first_start: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub follow_up_on: Option<NaiveDate>,
}

impl PlanFacts {
    fn active_on(&self, today: NaiveDate) -> bool {
        self.ended_on.is_none() && self.approved_period.is_some_and(|(start, _)| start <= today)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DashboardInput {
    pub applications: Vec<OpenApplication>,
    pub plans: Vec<PlanFacts>,
    pub freed_places: Vec<Freed>,
    pub last_meeting: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    ApplicationDeadline,
    PlanEnding,
    MonitoringDue,
    FollowUpDue,
    AwaitingApproval,
    UnfinishedDraft,
}

/// A date of the centre's own calendar, for the organiser and the director.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// The organiser's meeting with the coordinators (at least every 3 months).
    CoordinatorsMeeting,
    /// The summary of all plans for the half-year (art. 46).
    HalfYearSummary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub kind: ReminderKind,
    pub date: NaiveDate,
    /// Days from today to `date`; negative when overdue.
    pub days: i64,
}

/// The centre's dates due within [`CENTRE_WARNING_DAYS`], overdue first.
pub fn reminders(last_meeting: Option<NaiveDate>, today: NaiveDate) -> Vec<Reminder> {
    let mut out: Vec<Reminder> = [
        (ReminderKind::CoordinatorsMeeting, next_meeting_due(last_meeting, today)),
        (ReminderKind::HalfYearSummary, half_year_summary_due(today)),
    ]
    .into_iter()
    .map(|(kind, date)| Reminder { kind, date, days: days_between(today, date) })
    .filter(|r| r.days <= CENTRE_WARNING_DAYS)
    .collect();
    out.sort_by_key(|r| r.days);
    out
}

/// One thing to do, with what is needed to open it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub kind: ItemKind,
    pub resident_id: i64,
    pub resident_name: String,
    pub plan_id: Option<i64>,
    pub plan_number: Option<String>,
    pub application_id: Option<i64>,
    pub coordinator: Option<String>,
    /// The day it is due (for drafts and approvals: the day of the last change).
    pub date: NaiveDate,
    /// Days from today to `date`; negative when overdue (or, for drafts and approvals, days waiting).
    pub days: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CoordinatorCounts {
    pub login: String,
    pub active_plans: usize,
    pub drafts: usize,
    pub overdue_applications: usize,
    pub monitoring_due: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Dashboard {
    pub today: Option<NaiveDate>,
    pub applications: Vec<Item>,
    pub plans_ending: Vec<Item>,
    pub monitoring: Vec<Item>,
    pub follow_ups: Vec<Item>,
    pub awaiting_approval: Vec<Item>,
    pub drafts: Vec<Item>,
    /// Filled for those who see reports (organiser, director).
    pub per_coordinator: Vec<CoordinatorCounts>,
    /// "Zwolniły się miejsca": services with units left while people wait, for the organiser
    /// and the coordinators of those waiting.
    pub freed_places: Vec<Freed>,
    /// The meeting and the half-year summary, for those who see reports.
    pub reminders: Vec<Reminder>,
}

impl Dashboard {
    pub fn is_empty(&self) -> bool {
        self.applications.is_empty()
            && self.plans_ending.is_empty()
            && self.monitoring.is_empty()
            && self.follow_ups.is_empty()
            && self.awaiting_approval.is_empty()
            && self.drafts.is_empty()
            && self.freed_places.is_empty()
            && self.reminders.is_empty()
    }
}

/// Whose lists to build and what they may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub login: String,
    pub approves: bool,
    pub sees_all: bool,
}

impl Viewer {
    pub fn of(me: &StaffMember) -> Viewer {
        Viewer {
            login: me.login.clone(),
            approves: me.can(Permission::ApprovePlan),
            sees_all: me.can(Permission::ViewReports),
        }
    }

    /// A coordinator sees their own cases and applications nobody has taken yet.
    fn owns(&self, coordinator: Option<&str>) -> bool {
        coordinator.is_none_or(|c| c == self.login)
    }
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

fn plan_item(kind: ItemKind, plan: &PlanFacts, date: NaiveDate, today: NaiveDate) -> Item {
    Item {
        kind,
        resident_id: plan.resident_id,
        resident_name: plan.resident_name.clone(),
        plan_id: Some(plan.plan_id),
        plan_number: Some(plan.number.clone()),
        application_id: plan.application_id,
        coordinator: Some(plan.coordinator.clone()),
        date,
        days: days_between(today, date),
    }
}

fn application_item(app: &OpenApplication, today: NaiveDate) -> Item {
    let days = drafting_days_left(app.filed_on, today);
    Item {
        kind: ItemKind::ApplicationDeadline,
        resident_id: app.resident_id,
        resident_name: app.resident_name.clone(),
        plan_id: None,
        plan_number: None,
        application_id: Some(app.id),
        coordinator: app.coordinator.clone(),
        date: today + chrono::Duration::days(days),
        days,
    }
}

/// The next monitoring contact of an active plan, if it falls within the warning window.
fn monitoring_item(plan: &PlanFacts, today: NaiveDate) -> Option<Item> {
    if !plan.active_on(today) {
        return None;
    }
    let from = plan.last_contact.into_iter().chain(plan.first_start).max()?;
    let due = monitoring_due(from);
    (due <= today + Days::new(MONITORING_WARNING_DAYS)).then(|| plan_item(ItemKind::MonitoringDue, plan, due, today))
}

fn sort(items: &mut [Item]) {
    items.sort_by(|a, b| a.days.cmp(&b.days).then(a.resident_name.cmp(&b.resident_name)));
}

/// The dashboard of `viewer` on `today`: every list ordered most urgent (most overdue) first.
pub fn build(input: &DashboardInput, viewer: &Viewer, today: NaiveDate) -> Dashboard {
    let mut d = Dashboard { today: Some(today), ..Dashboard::default() };
    for app in input.applications.iter().filter(|a| viewer.owns(a.coordinator.as_deref())) {
        let item = application_item(app, today);
        if item.days <= APPLICATION_WARNING_DAYS {
            d.applications.push(item);
        }
    }
    for plan in &input.plans {
        let mine = plan.coordinator == viewer.login;
        if mine {
            if let (None, Some((_, end))) = (plan.ended_on, plan.approved_period)
                && days_between(today, end) <= PLAN_ENDING_DAYS
            {
                d.plans_ending.push(plan_item(ItemKind::PlanEnding, plan, end, today));
            }
            d.monitoring.extend(monitoring_item(plan, today));
            if let (Some(ended), None) = (plan.ended_on, plan.follow_up_on) {
                let due = follow_up_due(ended);
                if due <= today + Days::new(FOLLOW_UP_WARNING_DAYS) {
                    d.follow_ups.push(plan_item(ItemKind::FollowUpDue, plan, due, today));
                }
            }
            if plan.latest_state == "szkic"
                && plan.ended_on.is_none()
                && days_between(plan.latest_updated, today) > STALE_DRAFT_DAYS
            {
                d.drafts.push(plan_item(ItemKind::UnfinishedDraft, plan, plan.latest_updated, today));
            }
        }
        if viewer.approves && plan.latest_state == "złożony" && plan.ended_on.is_none() {
            d.awaiting_approval.push(plan_item(ItemKind::AwaitingApproval, plan, plan.latest_updated, today));
        }
    }
    // Overdue first; for drafts and approvals (dated by their last change) the longest waiting first.
    for list in [
        &mut d.applications,
        &mut d.plans_ending,
        &mut d.monitoring,
        &mut d.follow_ups,
        &mut d.awaiting_approval,
        &mut d.drafts,
    ] {
        sort(list);
    }
    if viewer.sees_all {
        d.per_coordinator = per_coordinator(input, today);
        d.reminders = reminders(input.last_meeting, today);
    }
    d.freed_places = input
        .freed_places
        .iter()
        .filter(|f| viewer.sees_all || f.coordinators.contains(&viewer.login))
        .cloned()
        .collect();
    d
}

/// Counts per coordinator for the organiser's three-monthly meeting.
pub fn per_coordinator(input: &DashboardInput, today: NaiveDate) -> Vec<CoordinatorCounts> {
    let mut by: BTreeMap<String, CoordinatorCounts> = BTreeMap::new();
    fn counts<'a>(by: &'a mut BTreeMap<String, CoordinatorCounts>, login: &str) -> &'a mut CoordinatorCounts {
        by.entry(login.to_string())
            .or_insert_with(|| CoordinatorCounts { login: login.to_string(), ..Default::default() })
    }
    for plan in &input.plans {
        let c = counts(&mut by, &plan.coordinator);
        if plan.active_on(today) {
            c.active_plans += 1;
        }
        if plan.latest_state == "szkic" && plan.ended_on.is_none() {
            c.drafts += 1;
        }
        if monitoring_item(plan, today).is_some() {
            c.monitoring_due += 1;
        }
    }
    for app in input.applications.iter().filter(|a| drafting_days_left(a.filed_on, today) < 0) {
        // Applications nobody has taken yet are counted under an empty login.
        counts(&mut by, app.coordinator.as_deref().unwrap_or_default()).overdue_applications += 1;
    }
    by.into_values().collect()
}

fn date_of(stamp: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(stamp.get(..10)?, "%Y-%m-%d").ok()
}

/// Which applications are open: the dashboard's deadlines, the desk's list of open applications
/// and the card's countdown read the same set, so an outcome takes an application off all three.
const OPEN_APPLICATIONS: &str =
    concat!("FROM application a JOIN resident r ON r.id = a.resident_id WHERE ", awaiting_answer!());

fn applications_sql() -> String {
    format!(
        "SELECT a.id, a.resident_id, r.last_name || ' ' || r.first_name, a.filed_on, a.coordinator_login
         {OPEN_APPLICATIONS}"
    )
}

/// An open application as the desk's list shows it: who, when filed and how, what about, and
/// the days left to the 30-day drafting deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListedApplication {
    pub id: i64,
    pub resident_id: i64,
    pub resident_name: String,
    pub filed_on: NaiveDate,
    pub channel: String,
    pub summary: String,
    pub state: String,
    pub coordinator: Option<String>,
    pub deadline: NaiveDate,
    /// Negative when the deadline has passed.
    pub days_left: i64,
}

/// Every open application, the newest deadline first.
pub fn open_applications(conn: &Connection, today: NaiveDate) -> Result<Vec<ListedApplication>> {
    let sql = format!(
        "SELECT a.id, a.resident_id, r.last_name || ' ' || r.first_name, a.filed_on, a.channel, a.summary, a.state,
             a.coordinator_login
         {OPEN_APPLICATIONS}
         ORDER BY a.filed_on DESC, a.id DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        // As on the dashboard, an unreadable date cannot be put on the clock.
        let Some(filed_on) = r.get::<_, Option<String>>(3)?.as_deref().and_then(date_of) else { continue };
        out.push(ListedApplication {
            id: r.get(0)?,
            resident_id: r.get(1)?,
            resident_name: r.get(2)?,
            filed_on,
            channel: r.get(4)?,
            summary: r.get(5)?,
            state: r.get(6)?,
            coordinator: r.get(7)?,
            deadline: crate::domain::plan::drafting_deadline(filed_on),
            days_left: drafting_days_left(filed_on, today),
        });
    }
    Ok(out)
}

/// Whether an application is still open: in the set [`open_applications`] lists.
pub fn is_open(conn: &Connection, application_id: i64) -> Result<bool> {
    let sql = format!("SELECT count(*) > 0 {OPEN_APPLICATIONS} AND a.id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([application_id], |r| r.get(0))?)
}

/// The plans drafted for an application, with their numbers.
pub fn plans_of_application(conn: &Connection, application_id: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, number FROM plan WHERE application_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([application_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const PLANS_SQL: &str = "
    SELECT p.id, p.number, p.resident_id, r.last_name || ' ' || r.first_name, p.application_id, p.coordinator_login,
        lv.state, lv.updated_at, av.period_start, av.period_end,
        (SELECT min(period_start) FROM plan_version WHERE plan_id = p.id AND state IN ('zatwierdzony', 'zastąpiony')),
        (SELECT max(contact_on) FROM monitoring_contact WHERE plan_id = p.id),
        p.ended_on, p.follow_up_on
    FROM plan p
    JOIN resident r ON r.id = p.resident_id
    JOIN plan_version lv ON lv.id = (SELECT id FROM plan_version WHERE plan_id = p.id ORDER BY version DESC LIMIT 1)
    LEFT JOIN plan_version av
        ON av.id = (SELECT id FROM plan_version WHERE plan_id = p.id AND state = 'zatwierdzony' ORDER BY version DESC LIMIT 1)";

/// Reads every open application and every plan with the dates the rules need, and the places
/// freed for people waiting on `today`.
pub fn load(conn: &Connection, today: NaiveDate) -> Result<DashboardInput> {
    let day = |s: Option<String>| s.as_deref().and_then(date_of);
    let mut applications = Vec::new();
    let mut stmt = conn.prepare_cached(&applications_sql())?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        // An application with an unreadable date cannot be put on the clock; it is left out.
        let Some(filed_on) = day(r.get(3)?) else { continue };
        applications.push(OpenApplication {
            id: r.get(0)?,
            resident_id: r.get(1)?,
            resident_name: r.get(2)?,
            filed_on,
            coordinator: r.get(4)?,
        });
    }
    let mut plans = Vec::new();
    let mut stmt = conn.prepare_cached(PLANS_SQL)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(latest_updated) = day(r.get(7)?) else { continue };
        let approved_period = match (day(r.get(8)?), day(r.get(9)?)) {
            (Some(start), Some(end)) => Some((start, end)),
            _ => None,
        };
        plans.push(PlanFacts {
            plan_id: r.get(0)?,
            number: r.get(1)?,
            resident_id: r.get(2)?,
            resident_name: r.get(3)?,
            application_id: r.get(4)?,
            coordinator: r.get(5)?,
            latest_state: r.get(6)?,
            latest_updated,
            approved_period,
            first_start: day(r.get(10)?),
            last_contact: day(r.get(11)?),
            ended_on: day(r.get(12)?),
            follow_up_on: day(r.get(13)?),
        });
    }
    Ok(DashboardInput {
        applications,
        plans,
        freed_places: super::waitlist::freed(conn, today)?,
        last_meeting: super::partners::last_meeting(conn)?,
    })
}

/// The dashboard of the person at the desk.
pub fn for_staff(conn: &Connection, me: &StaffMember, today: NaiveDate) -> Result<Dashboard> {
    Ok(build(&load(conn, today)?, &Viewer::of(me), today))
}
