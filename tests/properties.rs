//! Property tests: the parsers and rules that take outside input never panic and keep their
//! promises for any input, not only the examples in the unit tests.

use chrono::{Days, NaiveDate};
use okienko::domain::fold::fold;
use okienko::domain::period::DateRange;
use okienko::domain::pesel::{Pesel, Sex};
use okienko::domain::plan::{Allocation, Amount, Per};
use okienko::domain::text::{check_text, display_safe, is_unsafe_char};
use proptest::prelude::*;

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..(450 * 365)).prop_map(|d| NaiveDate::from_ymd_opt(1800, 1, 1).unwrap() + Days::new(d as u64))
}

/// 2 000 cases unless `PROPTEST_CASES` asks for another number (`with_cases` would override it).
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 2000;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn pesel_parser_never_panics(s in "\\PC{0,20}") {
        let _ = Pesel::parse(&s);
    }

    #[test]
    fn pesel_parser_never_panics_on_eleven_digits(s in "[0-9]{11}") {
        if let Ok(p) = Pesel::parse(&s) {
            prop_assert_eq!(p.as_str(), s.as_str());
        }
    }

    #[test]
    fn generated_pesels_parse_back_to_their_date_and_sex(date in any_date(), serial in 0u32..1000, male in any::<bool>()) {
        let sex = if male { Sex::Male } else { Sex::Female };
        let p = Pesel::generate(date, serial, sex).unwrap();
        let back = Pesel::parse(p.as_str()).unwrap();
        prop_assert_eq!(back.birth_date(), date);
        prop_assert_eq!(back.sex(), sex);
    }

    #[test]
    fn changing_one_digit_of_a_valid_pesel_is_always_caught(date in any_date(), serial in 0u32..1000, at in 0usize..11, delta in 1u8..10) {
        let p = Pesel::generate(date, serial, Sex::Female).unwrap();
        let mut bytes = p.as_str().as_bytes().to_vec();
        bytes[at] = b'0' + (bytes[at] - b'0' + delta) % 10;
        let changed = String::from_utf8(bytes).unwrap();
        prop_assert!(Pesel::parse(&changed).is_err(), "{} accepted", changed);
    }

    #[test]
    fn folding_is_idempotent_and_leaves_no_polish_diacritics(s in "\\PC{0,40}") {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone());
        prop_assert!(!once.chars().any(|c| "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".contains(c)));
    }

    #[test]
    fn text_checks_refuse_every_unsafe_character(prefix in "[a-zA-Ząę ]{0,10}", bad in prop::sample::select(vec!['\u{1b}', '\u{7}', '\u{0}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{200b}', '\u{feff}']), suffix in "[a-z]{0,10}") {
        let s = format!("{prefix}{bad}{suffix}x");
        prop_assert!(check_text(&s, 100, true).is_err());
        prop_assert!(!display_safe(&s).chars().any(is_unsafe_char));
    }

    #[test]
    fn usage_accepted_step_by_step_never_exceeds_the_grant(
        units in 1u32..10,
        per_code in 0usize..4,
        start in any_date(),
        len in 0u64..400,
        steps in prop::collection::vec((0u64..400, 1u32..5), 0..60),
    ) {
        let per = Per::ALL[per_code];
        let span = DateRange::new(start, start + Days::new(len)).unwrap();
        let line = Allocation { amount: Amount { units, per }, caps: vec![], span };
        let mut used: Vec<(NaiveDate, u32)> = Vec::new();
        for (offset, n) in steps {
            let day = start + Days::new(offset % (len + 1));
            if line.check_usage(&used, day, n).is_ok() {
                used.push((day, n));
            }
        }
        let total: u32 = used.iter().map(|(_, n)| n).sum();
        prop_assert!(total <= line.total_units(), "used {} of {}", total, line.total_units());
    }
}
