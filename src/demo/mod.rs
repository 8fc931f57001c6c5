//! The demo centre: a plausible partnership CUS around Dębica with its service base, staff,
//! residents and case history, generated deterministically from a seed. Dates are relative to
//! [`crate::config::today`], so the demo always looks current.
//!
//! Everything is written in one transaction through the storage functions the desk and the
//! command line use, so the demo keeps every rule they keep. The case history happened months
//! ago: before each step the generator sets the transaction's clock to the moment it took place,
//! and the rows and audit entries carry that moment.

mod cases;
pub mod catalogue;
pub mod names;
mod people;
mod pools;
mod programme;
mod qualified;

use crate::domain::period::PeriodKind;
use crate::storage::audit::{self, AuditAction};
use crate::storage::services::{self, HoursInput, LocationInput, ProviderInput, ServiceInput};
use crate::storage::staff::{self, StaffMember};
use crate::storage::{Db, Result, StorageError, Tx};
use catalogue::{GMINAS, LOCATIONS, PROVIDERS, SERVICES, STAFF};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

pub const DEFAULT_RESIDENTS: usize = 5000;
pub const DEFAULT_SEED: u64 = 1;

#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub residents: usize,
    pub seed: u64,
    pub today: NaiveDate,
    /// The login that runs the demo: it becomes an administrator with every role.
    pub login: String,
}

/// What was generated, for the command's report and the audit entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub residents: usize,
    pub services: usize,
    pub providers: usize,
    pub staff: usize,
    pub applications: usize,
    pub plans: usize,
    pub usage_records: usize,
    pub monitoring_contacts: usize,
    pub contact_visits: usize,
    pub waiting: usize,
    pub pools: usize,
    pub qualifications: usize,
}

impl std::fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "mieszkańcy: {}, usługi: {}, realizatorzy: {}, pracownicy: {}, wnioski: {}, plany: {}, \
             realizacje: {}, kontakty monitorujące: {}, wizyty informacyjne: {}, pule: {}, oczekujący: {}, \
             zakwalifikowani bez IPUS: {}",
            self.residents,
            self.services,
            self.providers,
            self.staff,
            self.applications,
            self.plans,
            self.usage_records,
            self.monitoring_contacts,
            self.contact_visits,
            self.pools,
            self.waiting,
            self.qualifications
        )
    }
}

/// Fills an empty centre database with the demo centre.
pub fn generate(db: &mut Db, options: &DemoOptions) -> Result<DemoSummary> {
    db.write(|tx| {
        let mut generator = Generator::new(tx, options);
        generator.run(options.residents)
    })
}

pub(crate) struct Generator<'a> {
    tx: &'a Tx<'a>,
    rng: ChaCha8Rng,
    today: NaiveDate,
    login: String,
    /// The staff as the storage functions take them, read once each.
    members: HashMap<String, StaffMember>,
    /// Applications left at the needs assessment, with their filing dates, in filing order.
    assessed: Vec<(i64, NaiveDate)>,
    /// Each plan's number with the day it was drafted, in drafting order.
    drafted: Vec<(NaiveDate, String)>,
    /// Every plan line as (resident, service, first day), for the income declarations.
    planned: Vec<(i64, i64, NaiveDate)>,
    /// Plans ended so far, and of them those whose follow-up is due.
    ended: usize,
    follow_ups_due: usize,
    seed: u64,
    village_ids: Vec<i64>,
    provider_ids: Vec<i64>,
    location_ids: Vec<i64>,
    service_ids: Vec<i64>,
    summary: DemoSummary,
}

/// Uniform choice from a non-empty slice.
pub(crate) fn pick<T: Copy>(rng: &mut impl Rng, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

/// An index below `len` where small indices are more likely, like name frequencies.
pub(crate) fn zipf(rng: &mut impl Rng, len: usize) -> usize {
    ((rng.random::<f64>().powf(1.8) * len as f64) as usize).min(len.saturating_sub(1))
}

/// A moment on a given day, in UTC.
pub(crate) fn moment(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    day.and_hms_opt(hour, minute, 0).unwrap_or_default().and_utc()
}

impl<'a> Generator<'a> {
    fn new(tx: &'a Tx<'a>, options: &DemoOptions) -> Generator<'a> {
        Generator {
            tx,
            rng: ChaCha8Rng::seed_from_u64(options.seed),
            today: options.today,
            login: options.login.clone(),
            members: HashMap::new(),
            assessed: Vec::new(),
            drafted: Vec::new(),
            planned: Vec::new(),
            ended: 0,
            follow_ups_due: 0,
            seed: options.seed,
            village_ids: Vec::new(),
            provider_ids: Vec::new(),
            location_ids: Vec::new(),
            service_ids: Vec::new(),
            summary: DemoSummary::default(),
        }
    }

    fn run(&mut self, residents: usize) -> Result<DemoSummary> {
        self.centre()?;
        self.places()?;
        self.providers()?;
        self.services()?;
        self.programme()?;
        self.staff()?;
        self.volunteers()?;
        let people = self.residents(residents)?;
        self.summary.residents = people.len();
        self.partners()?;
        self.cases(&people)?;
        self.tx.set_clock(None);
        self.meetings()?;
        self.declarations()?;
        self.pools()?;
        self.qualifications()?;
        self.visits(&people)?;
        self.tx.set_clock(None);
        let detail = format!("centrum demonstracyjne, ziarno {}: {}", self.seed, self.summary);
        audit::append(self.tx, &self.login, AuditAction::Create, None, "demo", &detail)?;
        Ok(self.summary.clone())
    }

    /// Moves the storage clock: what is written next happened on `day` at that hour.
    pub(crate) fn at(&self, day: NaiveDate, hour: u32, minute: u32) {
        self.tx.set_clock(Some(moment(day, hour, minute)));
    }

    /// A member of the demo's staff, as the storage functions take them.
    pub(crate) fn member(&mut self, login: &str) -> Result<StaffMember> {
        if let Some(m) = self.members.get(login) {
            return Ok(m.clone());
        }
        let m = crate::storage::staff::identify(self.tx, login)?;
        self.members.insert(login.to_string(), m.clone());
        Ok(m)
    }

    fn places(&mut self) -> Result<()> {
        self.gminas()?;
        for l in LOCATIONS {
            let input = LocationInput {
                name: l.name.into(),
                address: l.address.into(),
                village_id: l.village.and_then(|name| self.village_id(name)),
                kind: l.kind.into(),
            };
            self.location_ids.push(services::add_location_unaudited(self.tx, &input)?);
        }
        Ok(())
    }

    fn village_id(&self, name: &str) -> Option<i64> {
        GMINAS
            .iter()
            .flat_map(|g| g.villages.iter())
            .position(|v| v.name == name)
            .and_then(|i| self.village_ids.get(i).copied())
    }

    fn providers(&mut self) -> Result<()> {
        for p in PROVIDERS {
            let input = ProviderInput {
                name: p.name.into(),
                kind: p.kind.into(),
                phone: p.phone.into(),
                email: p.email.into(),
                address: p.address.into(),
            };
            self.provider_ids.push(services::add_provider_unaudited(self.tx, &input)?);
        }
        self.summary.providers = PROVIDERS.len();
        Ok(())
    }

    fn services(&mut self) -> Result<()> {
        let this_year = NaiveDate::from_ymd_opt(self.today.year(), 1, 1).unwrap_or(self.today);
        let last_year = NaiveDate::from_ymd_opt(self.today.year() - 1, 1, 1).unwrap_or(self.today);
        let last_year_end = this_year.pred_opt().unwrap_or(this_year);
        let this_quarter = PeriodKind::Quarter.containing(self.today).start;
        for s in SERVICES {
            let input = ServiceInput {
                code: s.code.into(),
                name: s.name.into(),
                unit: s.unit.into(),
                description: s.description.into(),
                fee_grosze: s.fee_grosze,
                fee_note: s.fee_note.into(),
                access_rule: s.access_rule.into(),
                form: s.form.into(),
                delivery_days: s.delivery_days,
                default_provider_id: Some(self.provider_ids[s.providers[0]]),
                areas: s.areas.iter().map(|a| a.to_string()).collect(),
                target_groups: s.groups.iter().map(|g| g.to_string()).collect(),
            };
            if NEW_SERVICES.contains(&s.code) {
                self.at(this_quarter, 9, 0);
            } else {
                self.at(last_year, 8, 0);
            }
            let id = services::add_service(self.tx, &self.login, &input)?;
            self.service_ids.push(id);
            for &provider in s.providers {
                for &location in s.locations {
                    for (days, opens, closes) in s.hours {
                        for &day in *days {
                            let hours = |opens: &str, closes: &str, valid_from, valid_to| -> Result<HoursInput> {
                                Ok(HoursInput {
                                    service_id: id,
                                    location_id: self.location_ids[location],
                                    provider_id: Some(self.provider_ids[provider]),
                                    weekday: u32::from(day),
                                    opens: time(opens)?,
                                    closes: time(closes)?,
                                    valid_from,
                                    valid_to,
                                    on_holidays: false,
                                })
                            };
                            // Group activities moved to longer hours this year; the old timetable stays on record.
                            if s.form == "grupowa" {
                                let earlier = shorten_by_an_hour(opens, closes);
                                let old = hours(opens, &earlier, last_year, Some(last_year_end))?;
                                services::add_hours(self.tx, &self.login, &old)?;
                                let new = hours(opens, closes, this_year, None)?;
                                services::add_hours(self.tx, &self.login, &new)?;
                            } else {
                                services::add_hours(self.tx, &self.login, &hours(opens, closes, last_year, None)?)?;
                            }
                        }
                    }
                }
            }
        }
        self.tx.set_clock(None);
        self.summary.services = SERVICES.len();
        Ok(())
    }

    fn staff(&mut self) -> Result<()> {
        let me = self.login.clone();
        staff::add(self.tx, &me, &me, "", &crate::domain::roles::Role::ALL, true)?;
        for (login, name, phone, roles, may_approve) in STAFF {
            if *login == me {
                continue;
            }
            let roles = roles
                .iter()
                .map(|code| {
                    crate::domain::roles::Role::from_code(code)
                        .ok_or_else(|| StorageError::Invalid(format!("demo: nieznana rola {code}")))
                })
                .collect::<Result<Vec<_>>>()?;
            staff::add(self.tx, &me, login, name, &roles, *may_approve)?;
            staff::set_phone(self.tx, &me, login, phone)?;
        }
        self.summary.staff = staff::list(self.tx)?.len();
        Ok(())
    }
}

/// A catalogue time, `HH:MM`.
fn time(hhmm: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(hhmm, "%H:%M").map_err(|e| StorageError::Invalid(format!("demo: godzina {hhmm}: {e}")))
}

/// Services added to the catalogue this quarter, so that the quarterly indicators show some.
const NEW_SERVICES: &[&str] = &["TAXI", "FIZ", "ZLOB"];

/// The closing time an hour earlier, or unchanged if that would not leave the service open.
fn shorten_by_an_hour(opens: &str, closes: &str) -> String {
    let hour: Option<u32> = closes.get(..2).and_then(|h| h.parse().ok());
    match hour {
        Some(h) if h >= 1 => {
            let earlier = format!("{:02}{}", h - 1, &closes[2..]);
            if earlier.as_str() > opens { earlier } else { closes.to_string() }
        }
        _ => closes.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_closing_time_only_when_still_open_afterwards() {
        assert_eq!(shorten_by_an_hour("16:00", "19:00"), "18:00");
        assert_eq!(shorten_by_an_hour("16:00", "17:00"), "17:00");
    }

    #[test]
    fn zipf_stays_in_range_and_prefers_the_front() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let picks: Vec<usize> = (0..1000).map(|_| zipf(&mut rng, 10)).collect();
        assert!(picks.iter().all(|&i| i < 10));
        let front = picks.iter().filter(|&&i| i < 5).count();
        assert!(front > 600, "{front}");
    }
}
