//! Codes the database stores (Polish identifiers such as `opiekun_faktyczny` or `w_cus`) in the
//! words a person reads. Machine outputs (JSON, CSV) keep the codes; text outputs show these.
//! A code not listed here is shown as stored, so an old database never loses a value.

use super::{Lang, current};

/// (code, Polish, English)
type Table = [(&'static str, &'static str, &'static str)];

fn word<'a>(table: &Table, code: &'a str) -> &'a str {
    match table.iter().find(|(c, _, _)| *c == code) {
        Some((_, pl, en)) => match current() {
            Lang::Pl => pl,
            Lang::En => en,
        },
        None => code,
    }
}

/// A plan version's state.
pub fn plan_state(code: &str) -> &str {
    word(
        &[
            ("szkic", "szkic", "draft"),
            ("złożony", "złożony", "submitted"),
            ("zatwierdzony", "zatwierdzony", "approved"),
            ("zwrócony", "zwrócony", "returned"),
            ("zastąpiony", "zastąpiony", "superseded"),
        ],
        code,
    )
}

/// A decision on a version, stored as the state it led to.
pub fn decision(code: &str) -> &str {
    word(
        &[
            ("złożony", "złożono do zatwierdzenia", "submitted for approval"),
            ("zatwierdzony", "zatwierdzono", "approved"),
            ("zwrócony", "zwrócono do poprawy", "returned for corrections"),
        ],
        code,
    )
}

/// Why a plan ended.
pub fn end_reason(code: &str) -> &str {
    word(&[("zakończony", "zakończenie", "completed"), ("rezygnacja", "rezygnacja", "resignation")], code)
}

/// How an application came in.
pub fn channel(code: &str) -> &str {
    word(
        &[
            ("osobiście", "osobiście", "in person"),
            ("telefon", "telefon", "phone"),
            ("pismo", "pismo", "letter"),
            ("e-mail", "e-mail", "e-mail"),
            ("epuap", "ePUAP", "ePUAP"),
        ],
        code,
    )
}

/// How a monitoring contact took place.
pub fn contact_channel(code: &str) -> &str {
    word(
        &[
            ("telefon", "telefon", "phone"),
            ("wizyta", "wizyta domowa", "home visit"),
            ("w_cus", "w CUS", "at the centre"),
            ("e-mail", "e-mail", "e-mail"),
        ],
        code,
    )
}

/// Who filed an application.
pub fn applicant_kind(code: &str) -> &str {
    word(
        &[
            ("mieszkaniec", "mieszkaniec", "the resident"),
            ("przedstawiciel_ustawowy", "przedstawiciel ustawowy", "legal representative"),
            ("opiekun_faktyczny", "opiekun faktyczny", "de facto carer"),
        ],
        code,
    )
}

/// Where an application stands.
pub fn application_state(code: &str) -> &str {
    word(
        &[
            ("złożony", "złożony", "filed"),
            ("diagnoza", "diagnoza potrzeb", "needs assessment"),
            ("plan", "plan", "plan drafted"),
            ("przekazany", "przekazany", "forwarded"),
            ("odmowa", "odmowa", "refused"),
            ("informacja", "udzielono informacji", "information given"),
            ("oczekuje", "oczekuje na miejsce", "waiting for a place"),
        ],
        code,
    )
}

/// A service named in the needs assessment: used now or wanted.
pub fn assessed_service_kind(code: &str) -> &str {
    word(&[("obecna", "używana teraz", "used now"), ("oczekiwana", "oczekiwana", "wanted")], code)
}

/// Who may use a service.
pub fn access_rule(code: &str) -> &str {
    word(
        &[
            ("otwarty", "otwarty", "open"),
            ("kryteria", "według kryteriów", "by criteria"),
            ("odplatnosc_czesciowa", "odpłatność częściowa", "partial payment"),
        ],
        code,
    )
}

/// Whether a service is given one to one or in groups.
pub fn service_form(code: &str) -> &str {
    word(
        &[
            ("indywidualna", "indywidualna", "individual"),
            ("grupowa", "grupowa", "group"),
            ("indywidualna_i_grupowa", "indywidualna i grupowa", "individual and group"),
        ],
        code,
    )
}

/// What kind of body provides a service.
pub fn provider_kind(code: &str) -> &str {
    word(
        &[
            ("cus", "CUS", "the centre"),
            ("jednostka_gminy", "jednostka gminy", "municipal unit"),
            ("ngo", "organizacja pozarządowa", "non-governmental organisation"),
            ("pes", "podmiot ekonomii społecznej", "social economy entity"),
            ("firma", "firma", "company"),
        ],
        code,
    )
}

/// A staff role.
pub fn role(code: &str) -> &str {
    word(
        &[
            ("recepcja", "recepcja", "front desk"),
            ("koordynator", "koordynator", "coordinator"),
            ("organizator", "organizator", "organiser"),
            ("dyrektor", "dyrektor", "director"),
            ("administrator", "administrator", "administrator"),
        ],
        code,
    )
}

/// The period an amount is counted over (`week`, `month`, `year`, `plan`) and a pool's
/// counting period (`quarter` too).
pub fn per(code: &str) -> &str {
    word(
        &[
            ("week", "tydzień", "week"),
            ("month", "miesiąc", "month"),
            ("quarter", "kwartał", "quarter"),
            ("year", "rok", "year"),
            ("plan", "cały okres", "whole period"),
        ],
        code,
    )
}

/// A pool's status as the base shows it, in capitals so it reads without colour.
pub fn pool_status(code: &str) -> &str {
    word(
        &[
            ("OK", "OK", "OK"),
            ("MAŁO", "MAŁO", "LOW"),
            ("BRAK", "BRAK", "NONE"),
            ("LISTA", "LISTA", "WAITLIST"),
            ("BEZ LIMITU", "BEZ LIMITU", "NO LIMIT"),
            ("ZAWIESZONA", "ZAWIESZONA", "SUSPENDED"),
        ],
        code,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_words_and_unknown_codes_pass_through() {
        let _guard = crate::i18n::tests::LANG_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        super::super::set_current(Lang::Pl);
        assert_eq!(applicant_kind("opiekun_faktyczny"), "opiekun faktyczny");
        assert_eq!(access_rule("odplatnosc_czesciowa"), "odpłatność częściowa");
        super::super::set_current(Lang::En);
        assert_eq!(contact_channel("w_cus"), "at the centre");
        assert_eq!(per("month"), "month");
        assert_eq!(plan_state("zatwierdzony"), "approved");
        assert_eq!(plan_state("nieznany"), "nieznany");
        super::super::set_current(Lang::Pl);
    }
}
