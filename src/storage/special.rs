//! Plans and applications as a reader may see them. Without the right to special-category data
//! (art. 9 GDPR; the front desk) needs, notes, the interview and the names of services that
//! reveal health (see [`crate::domain::special`]) come back replaced by a mark, so that no view,
//! command or export built on these readers can show them.

use super::Result;
use super::applications::{self, Application, Assessment};
use super::plans::{self, PlanDetail};
use super::staff::StaffMember;
use crate::domain::roles::Permission;
use crate::domain::special::{HEALTH_AREAS, hide, hide_in_content};
use rusqlite::Connection;
use std::collections::HashSet;

/// Whether `reader` sees special-category data as written.
pub fn sees_special(reader: &StaffMember) -> bool {
    reader.can(Permission::ViewSpecialCategory)
}

/// The services whose name reveals health or disability.
pub fn health_services(conn: &Connection) -> Result<HashSet<i64>> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT service_id FROM service_area WHERE area IN (?1, ?2)")?;
    let ids = stmt.query_map(HEALTH_AREAS, |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// A plan, every version and note, as `reader` may see it.
pub fn plan_detail(conn: &Connection, plan_id: i64, reader: &StaffMember) -> Result<PlanDetail> {
    let mut detail = plans::detail(conn, plan_id)?;
    if !sees_special(reader) {
        hide_in_plan(conn, &mut detail)?;
    }
    Ok(detail)
}

fn hide_in_plan(conn: &Connection, detail: &mut PlanDetail) -> Result<()> {
    let health = health_services(conn)?;
    let hidden = crate::i18n::trust::hidden();
    for version in &mut detail.versions {
        hide_in_content(&mut version.content, &health, &hidden);
    }
    let header = &mut detail.header;
    for text in [&mut header.summary_course, &mut header.summary_results, &mut header.follow_up_note] {
        hide(text, &hidden);
    }
    for decision in &mut detail.decisions {
        hide(&mut decision.comment, &hidden);
    }
    for contact in &mut detail.contacts {
        hide(&mut contact.note, &hidden);
    }
    Ok(())
}

/// An application as `reader` may see it: its summary hidden from those without the right.
pub fn application(conn: &Connection, id: i64, reader: &StaffMember) -> Result<Application> {
    let mut application = applications::get(conn, id)?;
    if !sees_special(reader) {
        hide(&mut application.summary, &crate::i18n::trust::hidden());
    }
    Ok(application)
}

/// The latest needs assessment as `reader` may see it: without the right, the interview's
/// health, disability, problems, needs and notes and the services described are hidden.
pub fn latest_assessment(conn: &Connection, application_id: i64, reader: &StaffMember) -> Result<Option<Assessment>> {
    let mut assessment = applications::latest_assessment(conn, application_id)?;
    if !sees_special(reader)
        && let Some(a) = &mut assessment
    {
        let hidden = crate::i18n::trust::hidden();
        let input = &mut a.input;
        for text in [
            &mut input.disability,
            &mut input.dependency,
            &mut input.health,
            &mut input.problems,
            &mut input.needs,
            &mut input.readiness_for_change,
            &mut input.notes,
        ] {
            hide(text, &hidden);
        }
        for service in &mut input.services {
            hide(&mut service.description, &hidden);
            hide(&mut service.frequency, &hidden);
        }
    }
    Ok(assessment)
}
