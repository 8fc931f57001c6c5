//! What is written down around a plan after drafting: the approver's comment when returning a
//! version, monitoring contacts, the summary conversation at the end (art. 45) and the follow-up
//! after it. One check for each, called by the desk's forms and by storage alike.

use super::text::{FieldError, FieldProblem, check_note, check_one_of, check_text};
use crate::i18n::{current, errors};
use chrono::NaiveDate;

/// How a monitoring contact took place, as stored.
pub const CONTACT_CHANNELS: [&str; 4] = ["telefon", "wizyta", "w_cus", "e-mail"];

pub const COMMENT_MAX: usize = 2000;
pub const NOTE_MAX: usize = 4000;
pub const WITH_WHOM_MAX: usize = 120;

/// What the approver asks to be corrected; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnComment(pub String);

impl ReturnComment {
    pub fn check(comment: &str) -> Result<ReturnComment, FieldError> {
        let comment = check_note(comment, COMMENT_MAX).map_err(|p| p.on("komentarz"))?;
        if comment.is_empty() {
            return Err(FieldProblem::Required.on("komentarz"));
        }
        Ok(ReturnComment(comment))
    }
}

/// The result of checking a service's quality at a monitoring contact (Dębica: a quality and
/// satisfaction check with each contact); empty when no check was made.
pub const QUALITY_RESULTS: [&str; 4] = ["", "zgodna", "uwagi", "niezgodna"];

/// A monitoring contact whose channel, person, note and quality result passed their checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub on: NaiveDate,
    pub channel: String,
    pub with_whom: String,
    pub note: String,
    pub quality: String,
}

impl Contact {
    pub fn check(
        on: NaiveDate,
        channel: &str,
        with_whom: &str,
        note: &str,
        quality: &str,
    ) -> Result<Contact, FieldError> {
        Ok(Contact {
            on,
            channel: check_one_of(channel, &CONTACT_CHANNELS).map_err(|p| p.on("kanał"))?,
            with_whom: check_text(with_whom, WITH_WHOM_MAX, false).map_err(|p| p.on("z kim"))?,
            note: check_note(note, NOTE_MAX).map_err(|p| p.on("notatka"))?,
            quality: check_one_of(quality, &QUALITY_RESULTS).map_err(|p| p.on("jakość"))?,
        })
    }
}

/// The summary conversation at the end of a plan: its course is required, the results may wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub on: NaiveDate,
    pub course: String,
    pub results: String,
}

impl Summary {
    pub fn check(on: NaiveDate, course: &str, results: &str) -> Result<Summary, FieldError> {
        let course = check_note(course, NOTE_MAX).map_err(|p| p.on("przebieg"))?;
        if course.is_empty() {
            return Err(FieldProblem::Required.on("przebieg"));
        }
        Ok(Summary { on, course, results: check_note(results, NOTE_MAX).map_err(|p| p.on("rezultaty"))? })
    }
}

/// The follow-up some months after the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub on: NaiveDate,
    pub note: String,
}

impl FollowUp {
    pub fn check(on: NaiveDate, note: &str) -> Result<FollowUp, FieldError> {
        Ok(FollowUp { on, note: check_note(note, NOTE_MAX).map_err(|p| p.on("notatka"))? })
    }
}

/// "About six months": a follow-up this many days before its due date is still on time.
pub const FOLLOW_UP_EARLY_DAYS: i64 = 14;

/// A follow-up's date against the plan's end: on or before the end it is no follow-up and is
/// refused; well before six months after the end it is accepted with the due date to warn of.
pub fn follow_up_timing(ended_on: NaiveDate, on: NaiveDate) -> Result<Option<NaiveDate>, FieldProblem> {
    if on <= ended_on {
        return Err(FieldProblem::Mismatch(errors::follow_up_not_after_end(current(), on, ended_on)));
    }
    let due = super::plan::follow_up_due(ended_on);
    Ok(((due - on).num_days() > FOLLOW_UP_EARLY_DAYS).then_some(due))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_return_needs_a_comment() {
        assert_eq!(ReturnComment::check("  \n"), Err(FieldProblem::Required.on("komentarz")));
        assert_eq!(ReturnComment::check(" dopisz harmonogram "), Ok(ReturnComment("dopisz harmonogram".into())));
    }

    #[test]
    fn a_contact_is_refused_by_the_field_that_is_wrong() {
        assert_eq!(Contact::check(day(), "gołąb", "", "", "").unwrap_err().field, "kanał");
        assert_eq!(Contact::check(day(), "telefon", &"x".repeat(121), "", "").unwrap_err().field, "z kim");
        assert_eq!(Contact::check(day(), "telefon", "córka", "a\u{1b}[2J", "").unwrap_err().field, "notatka");
        assert_eq!(Contact::check(day(), " telefon ", "córka", "", "").unwrap().channel, "telefon");
        assert_eq!(Contact::check(day(), "telefon", "córka", "", "świetna").unwrap_err().field, "jakość");
        assert_eq!(Contact::check(day(), "telefon", "córka", "", "uwagi").unwrap().quality, "uwagi");
    }

    #[test]
    fn a_summary_needs_its_course() {
        assert_eq!(Summary::check(day(), " ", "dojazdy").unwrap_err(), FieldProblem::Required.on("przebieg"));
        assert_eq!(Summary::check(day(), "zgodnie z planem", "").unwrap().course, "zgodnie z planem");
        assert_eq!(FollowUp::check(day(), &"n".repeat(4001)).unwrap_err().field, "notatka");
    }
}
