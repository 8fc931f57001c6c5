//! `okienko base service|provider|location|hours|pool|close`: the organiser's editing of the service
//! base from the command line. Every value is checked before anything is written, and every
//! refusal names the option it is about.

use super::super::Session;
use super::{HoursCommand, LocationCommand, PoolCommand, ProviderCommand, ServiceCommand, ServiceOptions};
use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::text::{display_safe, parse_grosze, parse_number, parse_time};
use crate::i18n::cli as t;
use crate::storage::services::{self, HoursInput, LocationInput, PoolInput, ProviderInput, ServiceInput};
use crate::storage::{Result as StorageResult, StorageError};
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use rusqlite::Connection;

/// Storage refuses a field by its key (`kod`); the command line names the option that set it.
fn named(err: StorageError, fields: &[(&str, &str)]) -> StorageError {
    match err {
        StorageError::Field(e) => match fields.iter().find(|(field, _)| *field == e.field) {
            Some((field, option)) => {
                let name = crate::i18n::errors::field_name(crate::i18n::current(), field);
                StorageError::Invalid(format!("{option} ({name}): {}", e.problem))
            }
            None => StorageError::Field(e),
        },
        other => other,
    }
}

fn bad(option: &str, reason: impl std::fmt::Display) -> StorageError {
    StorageError::Invalid(format!("{option}: {reason}"))
}

const SERVICE_FIELDS: [(&str, &str); 10] = [
    ("kod", "--code"),
    ("nazwa", "--name"),
    ("jednostka", "--unit"),
    ("opis", "--description"),
    ("opłata", "--fee"),
    ("uwagi o opłacie", "--fee-note"),
    ("zasady dostępu", "--access"),
    ("forma", "--form"),
    ("obszary", "--area"),
    ("grupy docelowe", "--group"),
];

fn one_of(value: &str, allowed: &[&str], option: &str) -> StorageResult<String> {
    let v = value.trim();
    if allowed.contains(&v) { Ok(v.to_string()) } else { Err(bad(option, t::one_of(v, &allowed.join(", ")))) }
}

fn date(value: &str, option: &str) -> StorageResult<NaiveDate> {
    crate::domain::limits::parse_event_date(value).map_err(|p| match p {
        crate::domain::text::FieldProblem::Date => StorageError::Invalid(t::bad_date(option, value)),
        other => bad(option, other),
    })
}

fn provider_id(conn: &Connection, provider: Option<&str>) -> StorageResult<Option<i64>> {
    provider.map(|p| services::resolve_provider(conn, p).map_err(|e| bad("--provider", e))).transpose()
}

/// Applies the options given to `input`, checking each value on the way.
fn apply(conn: &Connection, o: &ServiceOptions, input: &mut ServiceInput) -> StorageResult<()> {
    let text = [
        (&o.code, &mut input.code),
        (&o.name, &mut input.name),
        (&o.unit, &mut input.unit),
        (&o.description, &mut input.description),
        (&o.fee_note, &mut input.fee_note),
    ];
    for (given, field) in text {
        if let Some(v) = given {
            *field = v.clone();
        }
    }
    if let Some(fee) = &o.fee {
        input.fee_grosze = parse_grosze(fee).and_then(crate::domain::limits::grosze).map_err(|p| bad("--fee", p))?;
    }
    if let Some(access) = &o.access {
        input.access_rule = one_of(access, &services::ACCESS_RULES, "--access")?;
    }
    if let Some(form) = &o.form {
        input.form = one_of(form, &services::FORMS, "--form")?;
    }
    if let Some(days) = &o.delivery_days {
        input.delivery_days = parse_number(days, 0, 3650).map_err(|p| bad("--delivery-days", p))?;
    }
    if o.provider.is_some() {
        input.default_provider_id = provider_id(conn, o.provider.as_deref())?;
    }
    if !o.area.is_empty() {
        input.areas = o.area.clone();
    }
    if !o.group.is_empty() {
        input.target_groups = o.group.clone();
    }
    Ok(())
}

pub fn service(session: &mut Session, cmd: ServiceCommand) -> Result<()> {
    let login = session.me.login.clone();
    match cmd {
        ServiceCommand::Add(options) => {
            for (given, option) in [(&options.code, "--code"), (&options.name, "--name"), (&options.unit, "--unit")] {
                if given.as_deref().is_none_or(|v| v.trim().is_empty()) {
                    return Err(anyhow!(t::field_required(option)));
                }
            }
            let (id, name) = session.db.write(|tx| {
                let mut input = ServiceInput::default();
                apply(tx, &options, &mut input)?;
                let id = services::add_service(tx, &login, &input).map_err(|e| named(e, &SERVICE_FIELDS))?;
                Ok((id, services::service_name(tx, id)?))
            })?;
            println!("{}", t::service_added(id, &display_safe(&name)));
        }
        ServiceCommand::Edit { service, options } => {
            let name = session.db.write(|tx| {
                let id = services::resolve_service(tx, &service)?;
                let mut input = services::service_input(tx, id)?;
                apply(tx, &options, &mut input)?;
                services::edit_service(tx, &login, id, &input).map_err(|e| named(e, &SERVICE_FIELDS))?;
                services::service_name(tx, id)
            })?;
            println!("{}", t::service_changed(&display_safe(&name)));
        }
    }
    Ok(())
}

pub fn provider(session: &mut Session, cmd: ProviderCommand) -> Result<()> {
    let login = session.me.login.clone();
    let ProviderCommand::Add { name, kind, phone, email, address } = cmd;
    let input = ProviderInput {
        name,
        kind: one_of(&kind, &services::PROVIDER_KINDS, "--kind")?,
        phone: phone.unwrap_or_default(),
        email: email.unwrap_or_default(),
        address: address.unwrap_or_default(),
    };
    let fields = [("nazwa", "--name"), ("telefon", "--phone"), ("e-mail", "--email"), ("adres", "--address")];
    let id = session.db.write(|tx| services::add_provider(tx, &login, &input)).map_err(|e| named(e, &fields))?;
    println!("{}", t::provider_added(id, &display_safe(input.name.trim())));
    Ok(())
}

pub fn location(session: &mut Session, cmd: LocationCommand) -> Result<()> {
    let login = session.me.login.clone();
    let LocationCommand::Add { name, address, village, kind } = cmd;
    let kind = match kind {
        Some(k) => one_of(&k, &services::LOCATION_KINDS, "--kind")?,
        None => String::new(),
    };
    let fields = [("nazwa miejsca", "--name"), ("adres", "--address")];
    let id = session.db.write(|tx| {
        let village_id = village
            .as_deref()
            .map(|v| services::resolve_village(tx, v).map_err(|e| bad("--village", e)))
            .transpose()?;
        let input =
            LocationInput { name: name.clone(), address: address.clone().unwrap_or_default(), village_id, kind };
        services::add_location(tx, &login, &input).map_err(|e| named(e, &fields))
    })?;
    println!("{}", t::location_added(id, &display_safe(name.trim())));
    Ok(())
}

pub fn hours(session: &mut Session, cmd: HoursCommand) -> Result<()> {
    let login = session.me.login.clone();
    match cmd {
        HoursCommand::Add { service, location, weekday, opens, closes, from, to, provider, holidays } => {
            let weekday = parse_number(&weekday, 1, 7).map_err(|p| bad("--weekday", p))? as u32;
            let opens = parse_time(&opens).map_err(|p| bad("--opens", p))?;
            let closes = parse_time(&closes).map_err(|p| bad("--closes", p))?;
            if opens >= closes {
                return Err(anyhow!(t::closes_before_opening()));
            }
            let valid_from = date(&from, "--from")?;
            let valid_to = to.as_deref().map(|t| date(t, "--to")).transpose()?;
            if valid_to.is_some_and(|to| to < valid_from) {
                return Err(anyhow!(t::valid_to_before_from(valid_from)));
            }
            let (id, name) = session.db.write(|tx| {
                let service_id = services::resolve_service(tx, &service)?;
                let location_id = services::resolve_location(tx, &location).map_err(|e| bad("--location", e))?;
                let input = HoursInput {
                    service_id,
                    location_id,
                    provider_id: provider_id(tx, provider.as_deref())?,
                    weekday,
                    opens,
                    closes,
                    valid_from,
                    valid_to,
                    on_holidays: holidays,
                };
                let id = services::add_hours(tx, &login, &input)?;
                Ok((id, services::service_name(tx, service_id)?))
            })?;
            let span = format!("{}–{}", opens.format("%H:%M"), closes.format("%H:%M"));
            println!(
                "{}",
                t::hours_added(id, &display_safe(&name), weekday, &span, &t::valid_span(valid_from, valid_to))
            );
        }
        HoursCommand::End { hours_id, last_day } => {
            let last_day = date(&last_day, "--last-day")?;
            session
                .db
                .write(|tx| services::end_hours(tx, &login, hours_id, last_day))
                .map_err(|e| named(e, &[("ważność", "--last-day")]))?;
            println!("{}", t::hours_ended(hours_id, last_day));
        }
    }
    Ok(())
}

pub fn close(session: &mut Session, service: &str, from: &str, to: &str, reason: &str) -> Result<()> {
    let login = session.me.login.clone();
    let days = DateRange { start: date(from, "--from")?, end: date(to, "--to")? };
    let (id, name) = session.db.write(|tx| {
        let service_id = services::resolve_service(tx, service)?;
        let id = services::add_closure(tx, &login, service_id, days, reason)
            .map_err(|e| named(e, &[("koniec zamknięcia", "--to"), ("powód zamknięcia", "--reason")]))?;
        Ok((id, services::service_name(tx, service_id)?))
    })?;
    println!("{}", t::closure_added(id, &display_safe(&name), days.start, days.end, &display_safe(reason.trim())));
    Ok(())
}

pub fn pool(session: &mut Session, cmd: PoolCommand) -> Result<()> {
    let login = session.me.login.clone();
    let PoolCommand::Add { service, period, limit, from, to, provider } = cmd;
    let period_kind = PeriodKind::from_code(period.trim())
        .ok_or_else(|| bad("--period", t::one_of(period.trim(), "week, month, quarter, year")))?;
    let units_limit = parse_number(&limit, 0, crate::domain::limits::MAX_POOL_UNITS).map_err(|p| bad("--limit", p))?;
    let valid_from = date(&from, "--from")?;
    let valid_to = to.as_deref().map(|t| date(t, "--to")).transpose()?;
    if valid_to.is_some_and(|to| to < valid_from) {
        return Err(anyhow!(t::valid_to_before_from(valid_from)));
    }
    let (id, name) = session.db.write(|tx| {
        let service_id = services::resolve_service(tx, &service)?;
        let input = PoolInput {
            service_id,
            provider_id: provider_id(tx, provider.as_deref())?,
            period_kind,
            units_limit,
            valid_from,
            valid_to,
        };
        let id = services::add_pool(tx, &login, &input)?;
        Ok((id, services::service_name(tx, service_id)?))
    })?;
    println!("{}", t::pool_added(id, &display_safe(&name), units_limit, period_kind.code(), valid_from));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::FieldProblem;

    #[test]
    fn a_refused_field_names_the_option_that_set_it() {
        let err = named(FieldProblem::Required.on("nazwa").into(), &SERVICE_FIELDS);
        assert_eq!(err.to_string(), "--name (nazwa): pole jest wymagane");
        let err = named(FieldProblem::PostalCode.on("kod pocztowy").into(), &SERVICE_FIELDS);
        assert!(matches!(&err, StorageError::Field(e) if e.field == "kod pocztowy"), "{err}");
        let err = named(StorageError::Conflict("kod: bez pola".into()), &SERVICE_FIELDS);
        assert_eq!(err.to_string(), "kod: bez pola", "only a typed field is renamed");
    }
}
