//! Storage and domain errors read in the process language when they are shown: Polish by
//! default, English after `--lang en`, with the field named in that language too. One test, so
//! that no other test in this binary sees the language switched under it.

use chrono::NaiveDate;
use okienko::domain::ipus::{Action, CheckContext, PlanContent, Stage, VersionState, check_content, transition};
use okienko::domain::pesel::Pesel;
use okienko::domain::text::{FieldProblem, check_text};
use okienko::i18n::{Lang, set_current};
use okienko::storage::StorageError;

#[test]
fn errors_follow_the_process_language() {
    let refused = || StorageError::from(FieldProblem::Required.on("nazwa")).to_string();
    let too_long = || check_text(&"a".repeat(5), 4, true).unwrap_err().on("kod pocztowy").to_string();
    let pesel = || Pesel::parse("1234567890").unwrap_err().to_string();
    let approve_draft = || transition(VersionState::Draft, Action::Approve).unwrap_err().to_string();
    let missing = || StorageError::NotFound("plan IPUS/2026/0001".into()).to_string();
    let missing_service =
        || StorageError::NotFound(okienko::i18n::errors::missing_service_no(okienko::i18n::current(), 7)).to_string();
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let empty_plan = PlanContent {
        period_start: day("2026-04-01"),
        period_end: day("2026-12-31"),
        needs: String::new(),
        expected_effects: String::new(),
        quality_check: String::new(),
        lines: Vec::new(),
        actions: Vec::new(),
    };
    let anchor = || okienko::storage::audit::Anchor::parse("x").unwrap_err();
    let born_otherwise = || {
        okienko::domain::resident::ResidentInput {
            pesel: "44051401359".into(),
            first_name: "Jan".into(),
            last_name: "Nowak".into(),
            birth_date: "1944-05-15".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err()
        .to_string()
    };
    let declared_later = || {
        let draft = okienko::domain::qualification::QualificationDraft {
            units: 4,
            per: okienko::domain::plan::Per::Month,
            starts_on: day("2026-12-01"),
            ends_on: day("2027-05-31"),
            fee_note: String::new(),
            declaration_on: day("2026-11-20"),
        };
        okienko::domain::qualification::check(&draft, day("2026-11-10")).unwrap_err().to_string()
    };
    let findings = || -> Vec<String> {
        check_content(&empty_plan, &CheckContext::default(), Stage::Submit).iter().map(ToString::to_string).collect()
    };

    set_current(Lang::Pl);
    assert_eq!(refused(), "nazwa: pole jest wymagane");
    assert_eq!(too_long(), "kod pocztowy: za długie: 5 znaków, najwyżej 4");
    assert_eq!(pesel(), "musi mieć 11 cyfr (ma 10)");
    assert_eq!(approve_draft(), "nie można zatwierdzić wersji w stanie „szkic”; najpierw trzeba go złożyć");
    assert_eq!(missing(), "nie znaleziono: plan IPUS/2026/0001");
    assert_eq!(missing_service(), "nie znaleziono: usługa nr 7");
    assert_eq!(anchor(), "to nie jest kotwica dziennika (pierwsze słowo: okienko-audit-anchor)");
    assert_eq!(born_otherwise(), "data urodzenia: niezgodna z PESEL (1944-05-14)");
    assert_eq!(declared_later(), "oświadczenie: nie może mieć daty po dniu dzisiejszym (2026-11-10)");
    assert_eq!(
        findings(),
        [
            "błąd: potrzeby: opisz potrzeby, na które odpowiada plan",
            "błąd: usługi: plan musi zawierać co najmniej jedną usługę (art. 39)"
        ]
    );

    set_current(Lang::En);
    assert_eq!(refused(), "name: the field is required");
    assert_eq!(too_long(), "postal code: too long: 5 characters, at most 4");
    assert_eq!(pesel(), "must have 11 digits (has 10)");
    assert_eq!(approve_draft(), "cannot approve a version in the state “szkic”; it has to be submitted first");
    assert_eq!(missing(), "not found: plan IPUS/2026/0001");
    assert_eq!(missing_service(), "not found: service no. 7");
    assert_eq!(anchor(), "this is not an audit anchor (its first word is okienko-audit-anchor)");
    assert_eq!(born_otherwise(), "birth date: does not match the PESEL (1944-05-14)");
    assert_eq!(declared_later(), "declaration: cannot be dated after today (2026-11-10)");
    assert_eq!(
        findings(),
        [
            "error: needs: describe the needs the plan answers",
            "error: services: a plan holds at least one service (art. 39)"
        ]
    );
}
