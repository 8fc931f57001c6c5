//! Forms left open when a desk's terminal went away: their text is kept for the same login and
//! handed back once at the next start. What a form is for and its fields are the desk's to
//! describe; here they are text.

use super::{Result, Tx};
use rusqlite::params;

/// One form as the desk describes it: what it is for, who it is about, and each field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormDraft {
    pub purpose: String,
    pub subject: Option<String>,
    /// Field key and value, in the form's order.
    pub fields: Vec<(String, String)>,
    /// When the draft was kept (empty until stored).
    pub saved_at: String,
}

/// Keeps the open forms of `login`.
pub fn keep(tx: &Tx<'_>, login: &str, drafts: &[FormDraft]) -> Result<()> {
    let now = tx.now_stamp();
    for d in drafts {
        let fields = serde_json::to_string(&d.fields).map_err(|e| super::StorageError::Conflict(e.to_string()))?;
        tx.execute(
            "INSERT INTO form_draft (login, purpose, subject, fields, saved_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![login, d.purpose, d.subject, fields, now],
        )?;
    }
    Ok(())
}

/// Hands back the forms kept for `login`, oldest first, and forgets them: a form offered once
/// is the person's again, kept anew if the terminal goes away once more.
pub fn take(tx: &Tx<'_>, login: &str) -> Result<Vec<FormDraft>> {
    let mut stmt =
        tx.prepare("SELECT purpose, subject, fields, saved_at FROM form_draft WHERE login = ?1 ORDER BY saved_at, id")?;
    let rows = stmt.query_map([login], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut drafts = Vec::new();
    for row in rows {
        let (purpose, subject, fields, saved_at) = row?;
        // A draft whose fields cannot be read is dropped with the rest: nothing can be offered from it.
        if let Ok(fields) = serde_json::from_str(&fields) {
            drafts.push(FormDraft { purpose, subject, fields, saved_at });
        }
    }
    drop(stmt);
    tx.execute("DELETE FROM form_draft WHERE login = ?1", [login])?;
    Ok(drafts)
}
