//! Qualification for one service without an IPUS (art. 42 of the Act): on an application with
//! the applicant's declaration that the programme's conditions are met, the organiser grants one
//! service within the programme's limits. It needs no decision; a refusal is one, and may be
//! appealed within 14 days of its date.

use super::period::DateRange;
use super::plan::{Allocation, Amount, MAX_UNITS, latest_plan_end};
use super::text::{FieldError, FieldProblem, check_note, check_text};
use chrono::{Days, NaiveDate};

/// Days for an appeal against a refusal (art. 129 § 2 of the administrative procedure code).
pub const APPEAL_DAYS: u64 = 14;

/// The last day to appeal a refusal dated `decided_on`.
pub fn appeal_deadline(decided_on: NaiveDate) -> NaiveDate {
    decided_on + Days::new(APPEAL_DAYS)
}

pub const FEE_NOTE_MAX: usize = 300;
pub const GROUNDS_MAX: usize = 2000;
pub const DECISION_NUMBER_MAX: usize = 60;

/// A qualification as typed, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualificationDraft {
    pub units: i64,
    pub per: super::plan::Per,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub fee_note: String,
    pub declaration_on: NaiveDate,
}

/// A checked qualification: what it grants and the declaration it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualification {
    pub allocation: Allocation,
    pub fee_note: String,
    pub declaration_on: NaiveDate,
}

/// Checks a qualification typed on `today`: an amount a period may hold, a span of at most a
/// year, a declaration already made and made before the service starts.
pub fn check(draft: &QualificationDraft, today: NaiveDate) -> Result<Qualification, FieldError> {
    if draft.units < 1 || draft.units > i64::from(MAX_UNITS) {
        return Err(FieldProblem::Number { min: 1, max: i64::from(MAX_UNITS) }.on("ilość"));
    }
    let Some(span) = DateRange::new(draft.starts_on, draft.ends_on) else {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::ends_before_start_on(
            crate::i18n::current(),
            draft.starts_on,
        ))
        .on("do"));
    };
    let latest = latest_plan_end(span.start);
    if span.end > latest {
        return Err(
            FieldProblem::Mismatch(crate::i18n::errors::at_most_a_year(crate::i18n::current(), latest)).on("do")
        );
    }
    if draft.declaration_on > today {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::dated_after_today(crate::i18n::current(), today))
            .on("oświadczenie"));
    }
    if draft.declaration_on > span.start {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::starts_before_declaration(
            crate::i18n::current(),
            draft.declaration_on,
        ))
        .on("od"));
    }
    let fee_note = check_note(&draft.fee_note, FEE_NOTE_MAX).map_err(|p| p.on("odpłatność"))?;
    let units = u32::try_from(draft.units).expect("checked against MAX_UNITS");
    Ok(Qualification {
        allocation: Allocation { amount: Amount { units, per: draft.per }, caps: Vec::new(), span },
        fee_note,
        declaration_on: draft.declaration_on,
    })
}

/// A refusal to qualify as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub grounds: String,
}

/// Checks a refusal: the decision has a number, a date not after `today`, and its grounds.
pub fn check_refusal(refusal: &Refusal, today: NaiveDate) -> Result<Refusal, FieldError> {
    let decision_number =
        check_text(&refusal.decision_number, DECISION_NUMBER_MAX, true).map_err(|p| p.on("numer decyzji"))?;
    if refusal.decided_on > today {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::dated_after_today(crate::i18n::current(), today))
            .on("data decyzji"));
    }
    let grounds = check_note(&refusal.grounds, GROUNDS_MAX).map_err(|p| p.on("uzasadnienie"))?;
    if grounds.is_empty() {
        return Err(FieldProblem::Required.on("uzasadnienie"));
    }
    Ok(Refusal { decision_number, decided_on: refusal.decided_on, grounds })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Per;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn draft() -> QualificationDraft {
        QualificationDraft {
            units: 4,
            per: Per::Month,
            starts_on: day("2026-12-01"),
            ends_on: day("2027-05-31"),
            fee_note: String::new(),
            declaration_on: day("2026-11-20"),
        }
    }

    #[test]
    fn accepts_a_qualification_after_the_declaration() {
        let q = check(&draft(), day("2026-11-25")).unwrap();
        assert_eq!(q.allocation.amount, Amount { units: 4, per: Per::Month });
        assert_eq!(q.allocation.span.days(), 182);
    }

    #[test]
    fn names_the_refused_field() {
        let today = day("2026-11-25");
        assert_eq!(check(&QualificationDraft { units: 0, ..draft() }, today).unwrap_err().field, "ilość");
        assert_eq!(
            check(&QualificationDraft { ends_on: day("2026-11-30"), ..draft() }, today).unwrap_err().field,
            "do"
        );
        assert_eq!(
            check(&QualificationDraft { ends_on: day("2027-12-01"), ..draft() }, today).unwrap_err().field,
            "do"
        );
        let late = QualificationDraft { declaration_on: day("2026-11-26"), ..draft() };
        assert_eq!(check(&late, today).unwrap_err().field, "oświadczenie");
        let before = QualificationDraft { starts_on: day("2026-11-10"), ..draft() };
        assert_eq!(check(&before, today).unwrap_err().field, "od");
    }

    #[test]
    fn a_refusal_may_be_appealed_for_fourteen_days() {
        assert_eq!(appeal_deadline(day("2026-12-01")), day("2026-12-15"));
        let r =
            Refusal { decision_number: " DS.4011.7.2026 ".into(), decided_on: day("2026-12-01"), grounds: "x".into() };
        assert_eq!(check_refusal(&r, day("2026-12-01")).unwrap().decision_number, "DS.4011.7.2026");
        let empty = Refusal { grounds: " ".into(), ..r.clone() };
        assert_eq!(check_refusal(&empty, day("2026-12-01")).unwrap_err().field, "uzasadnienie");
        assert_eq!(check_refusal(&r, day("2026-11-30")).unwrap_err().field, "data decyzji");
    }
}
