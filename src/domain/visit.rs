//! An information-only visit or call at the desk: most contacts end with information or a
//! referral to a unit or an organisation, and are logged.

use super::text::{FieldError, FieldProblem, check_note, check_text, parse_date};
use chrono::NaiveDate;

/// How the resident got in touch, as stored.
pub const CHANNELS: [&str; 4] = ["osobiście", "telefon", "e-mail", "pismo"];

pub const TOPIC_MAX: usize = 200;
pub const REFERRAL_MAX: usize = 200;
pub const NOTE_MAX: usize = 2000;

/// A visit as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitInput {
    pub date: String,
    pub channel: String,
    pub topic: String,
    pub referral: String,
    pub note: String,
}

/// A visit whose every field passed its check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRecord {
    pub visited_on: NaiveDate,
    pub channel: &'static str,
    pub topic: String,
    pub referral: String,
    pub note: String,
}

impl VisitInput {
    /// Checks every field; the error names the first wrong field. A visit cannot be dated after `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<VisitRecord, FieldError> {
        let visited_on = parse_date(&self.date).map_err(|p| p.on("data"))?;
        if visited_on > today {
            return Err(
                FieldProblem::Mismatch(crate::i18n::errors::not_after_today(crate::i18n::current(), today)).on("data")
            );
        }
        let channel = CHANNELS.into_iter().find(|c| *c == self.channel.trim()).ok_or_else(|| {
            FieldProblem::Mismatch(crate::i18n::errors::choose_one_of(crate::i18n::current(), CHANNELS.join(", ")))
                .on("kanał")
        })?;
        Ok(VisitRecord {
            visited_on,
            channel,
            topic: check_text(&self.topic, TOPIC_MAX, true).map_err(|p| p.on("temat"))?,
            referral: check_text(&self.referral, REFERRAL_MAX, false).map_err(|p| p.on("skierowano do"))?,
            note: check_note(&self.note, NOTE_MAX).map_err(|p| p.on("notatka"))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn input() -> VisitInput {
        VisitInput {
            date: "2026-11-23".into(),
            channel: "telefon".into(),
            topic: "pytanie o taksówkę dla seniora".into(),
            referral: "Klub Senior+".into(),
            note: String::new(),
        }
    }

    #[test]
    fn accepts_a_call_with_a_referral() {
        let v = input().validate(today()).unwrap();
        assert_eq!(v.channel, "telefon");
        assert_eq!(v.referral, "Klub Senior+");
    }

    #[test]
    fn names_the_wrong_field() {
        let mut i = input();
        i.topic = "  ".into();
        assert_eq!(i.validate(today()).unwrap_err().field, "temat");
        let mut i = input();
        i.date = "2026-11-24".into();
        assert_eq!(i.validate(today()).unwrap_err().field, "data");
        let mut i = input();
        i.channel = "gołąb".into();
        assert_eq!(i.validate(today()).unwrap_err().field, "kanał");
        let mut i = input();
        i.referral = "\u{1b}[2J".into();
        assert_eq!(i.validate(today()).unwrap_err().field, "skierowano do");
    }
}
