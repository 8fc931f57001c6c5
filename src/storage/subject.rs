//! Everything held about one resident, for a data-subject access request (RODO art. 15),
//! including who accessed the record. Rows are read generically so that a column added by a
//! later migration is included without anyone remembering to add it here.

use super::Result;
use rusqlite::Connection;
use rusqlite::types::ValueRef;
use serde_json::{Map, Value};

/// Each section: a name and the query selecting that resident's rows (parameter 1 is the resident id).
const SECTIONS: &[(&str, &str)] = &[
    ("resident", "SELECT * FROM resident WHERE id = ?1"),
    ("special_category_data", "SELECT * FROM resident_sensitive WHERE resident_id = ?1"),
    ("representatives", "SELECT * FROM representative WHERE resident_id = ?1"),
    ("applications", "SELECT * FROM application WHERE resident_id = ?1 ORDER BY filed_on"),
    (
        "needs_assessments",
        "SELECT n.* FROM needs_assessment n JOIN application a ON a.id = n.application_id WHERE a.resident_id = ?1",
    ),
    (
        "assessed_services",
        "SELECT s.* FROM assessment_service s JOIN needs_assessment n ON n.id = s.assessment_id
         JOIN application a ON a.id = n.application_id WHERE a.resident_id = ?1",
    ),
    (
        "waiting_list",
        "SELECT w.* FROM waitlist_entry w JOIN application a ON a.id = w.application_id WHERE a.resident_id = ?1",
    ),
    (
        "qualifications",
        "SELECT q.* FROM qualification q JOIN application a ON a.id = q.application_id WHERE a.resident_id = ?1",
    ),
    (
        "qualification_refusals",
        "SELECT f.* FROM qualification_refusal f JOIN application a ON a.id = f.application_id WHERE a.resident_id = ?1",
    ),
    ("plans", "SELECT * FROM plan WHERE resident_id = ?1"),
    (
        "plan_versions",
        "SELECT v.* FROM plan_version v JOIN plan p ON p.id = v.plan_id WHERE p.resident_id = ?1 ORDER BY v.plan_id, v.version",
    ),
    (
        "plan_lines",
        "SELECT l.* FROM plan_line l JOIN plan_version v ON v.id = l.version_id JOIN plan p ON p.id = v.plan_id
         WHERE p.resident_id = ?1",
    ),
    (
        "supporting_actions",
        "SELECT s.* FROM supporting_action s JOIN plan_version v ON v.id = s.version_id JOIN plan p ON p.id = v.plan_id
         WHERE p.resident_id = ?1",
    ),
    (
        "plan_decisions",
        "SELECT d.* FROM plan_decision d JOIN plan_version v ON v.id = d.version_id JOIN plan p ON p.id = v.plan_id
         WHERE p.resident_id = ?1",
    ),
    (
        "service_usage",
        "SELECT u.* FROM usage_record u
         LEFT JOIN plan_line l ON l.id = u.line_id LEFT JOIN plan_version v ON v.id = l.version_id
         LEFT JOIN plan p ON p.id = v.plan_id
         LEFT JOIN qualification q ON q.id = u.qualification_id LEFT JOIN application a ON a.id = q.application_id
         WHERE coalesce(p.resident_id, a.resident_id) = ?1 ORDER BY u.used_on",
    ),
    (
        "monitoring_contacts",
        "SELECT m.* FROM monitoring_contact m JOIN plan p ON p.id = m.plan_id WHERE p.resident_id = ?1 ORDER BY m.contact_on",
    ),
    ("visits_and_calls", "SELECT * FROM contact_visit WHERE resident_id = ?1 ORDER BY visited_on"),
    ("merged_records", "SELECT * FROM resident_merge WHERE kept_id = ?1 ORDER BY id"),
    // Entries written under a record later merged into this one belong to this person too.
    (
        "access_log",
        "SELECT id, at, login, action, target, detail FROM audit_log
         WHERE resident_id = ?1 OR resident_id IN (SELECT merged_id FROM resident_merge WHERE kept_id = ?1) ORDER BY id",
    ),
];

fn value(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(format!("<{} bajtów>", b.len())),
    }
}

fn rows(conn: &Connection, sql: &str, resident_id: i64) -> Result<Vec<Value>> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let mut out = Vec::new();
    let mut rows = stmt.query([resident_id])?;
    while let Some(row) = rows.next()? {
        let mut object = Map::new();
        for (i, name) in names.iter().enumerate() {
            object.insert(name.clone(), value(row.get_ref(i)?));
        }
        out.push(Value::Object(object));
    }
    Ok(out)
}

pub fn export(conn: &Connection, resident_id: i64) -> Result<Value> {
    let mut doc = Map::new();
    for (name, sql) in SECTIONS {
        doc.insert((*name).to_string(), Value::Array(rows(conn, sql, resident_id)?));
    }
    Ok(Value::Object(doc))
}
