//! Case history: applications in every state, needs assessments, plans (IPUS) in every state
//! with their versions, lines, supporting actions and decisions, usage never beyond what a line
//! grants, and monitoring contacts.

use super::catalogue::{ADULT, APPROVERS, CHILD, COORDINATORS, LOCATIONS, SENIOR, SERVICES, TODDLER};
use super::people::Person;
use super::{Generator, pick, stamp};
use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::plan::{Allocation, Amount, Per};
use crate::storage::{Result, StorageError};
use chrono::{Datelike, Days, Months, NaiveDate};
use rand::Rng;
use rusqlite::params;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    New,
    Assessed,
    Forwarded,
    Refused,
    Information,
    Waiting,
    Draft,
    Submitted,
    Active,
    Returned,
    Updated,
    Ended,
    Resigned,
}

/// Every kind once, then by weight: most cases at a desk are plans being carried out.
const WEIGHTED: &[(Kind, u32)] = &[
    (Kind::New, 6),
    (Kind::Assessed, 5),
    (Kind::Forwarded, 4),
    (Kind::Refused, 2),
    (Kind::Information, 3),
    (Kind::Waiting, 3),
    (Kind::Draft, 6),
    (Kind::Submitted, 5),
    (Kind::Active, 30),
    (Kind::Returned, 3),
    (Kind::Updated, 8),
    (Kind::Ended, 10),
    (Kind::Resigned, 4),
];

/// Services whose pools must come out exactly as planned; the first active plans take them in turn.
const TIGHT: &[&str] = &["SUO", "DDS", "TAXI", "FIZ"];
const FORCED_TIGHT_PLANS: usize = 16;

const NEEDS_SENIOR: &[&str] = &[
    "Pomoc w codziennych czynnościach i w utrzymaniu mieszkania; dojazdy do lekarzy specjalistów.",
    "Wsparcie po wypisie ze szpitala: rehabilitacja w domu, pomoc w higienie, zakupy.",
    "Przeciwdziałanie samotności: kontakt z ludźmi, zajęcia w ciągu dnia, bezpieczeństwo w domu.",
    "Odciążenie córki opiekującej się matką na co dzień; drobne naprawy w mieszkaniu.",
];
const NEEDS_FAMILY: &[&str] = &[
    "Wsparcie rodziny w konflikcie; poprawa komunikacji między rodzicami i dziećmi.",
    "Pomoc dziecku w trudnościach emocjonalnych po rozwodzie rodziców.",
    "Opieka nad najmłodszym dzieckiem w czasie poszukiwania pracy przez matkę.",
];
const NEEDS_ADULT: &[&str] = &[
    "Powrót na rynek pracy po długiej przerwie; uporządkowanie spraw urzędowych.",
    "Wyjście z uzależnienia od alkoholu; odbudowa relacji z rodziną.",
    "Bezpieczne miejsce do życia po opuszczeniu domu z powodu przemocy.",
    "Wsparcie w samodzielnym życiu osoby z niepełnosprawnością.",
];
const EFFECTS: &[&str] = &[
    "Mieszkaniec pozostaje w swoim domu, bezpieczny i zadbany; rodzina jest odciążona.",
    "Lepsza sprawność ruchowa i samodzielność w codziennych czynnościach.",
    "Zmniejszenie poczucia osamotnienia, regularny udział w zajęciach.",
    "Poprawa relacji w rodzinie, umiejętność rozwiązywania konfliktów bez przemocy.",
    "Podjęcie zatrudnienia albo stażu; uregulowane sprawy w urzędach.",
];
const QUALITY: &[&str] = &[
    "rozmowa telefoniczna z mieszkańcem raz w miesiącu; ankieta satysfakcji co 3 miesiące",
    "wizyta koordynatora co 3 miesiące; karta realizacji usług od realizatora co miesiąc",
    "spotkanie w CUS raz na kwartał z udziałem opiekuna; ankieta satysfakcji na koniec planu",
];
const SUPPORTING: &[(&str, &str)] = &[
    ("Pomoc w złożeniu wniosku o orzeczenie o stopniu niepełnosprawności", "koordynator"),
    ("Kontakt z lekarzem rodzinnym w sprawie skierowania na rehabilitację", "koordynator"),
    ("Zaproszenie do Klubu Seniora w sołectwie", "organizator społeczności lokalnej"),
    ("Pomoc w wypełnieniu wniosku o dodatek osłonowy", "pracownik socjalny CUS"),
    ("Informacja o grupie wsparcia dla opiekunów rodzinnych", "koordynator"),
    ("Odwiedziny wolontariusza raz w tygodniu", "Fundacja „Aktywni Razem”"),
];
const RETURN_COMMENTS: &[&str] = &[
    "Proszę doprecyzować harmonogram usług opiekuńczych i uzgodnić go z realizatorem.",
    "Brak podpisu mieszkańca na diagnozie; proszę uzupełnić przed ponownym złożeniem.",
    "Okres planu przekracza dostępność puli w I kwartale; proszę przesunąć początek usługi.",
];
const FORWARDS: &[(&str, &str)] = &[
    ("Powiatowy Urząd Pracy w Dębicy", "sprawa dotyczy zasiłku dla bezrobotnych i szkoleń"),
    ("Powiatowe Centrum Pomocy Rodzinie w Dębicy", "piecza zastępcza – właściwość powiatu"),
    ("Gminna Komisja Rozwiązywania Problemów Alkoholowych", "wniosek o leczenie odwykowe członka rodziny"),
    ("Zespół pomocy społecznej CUS", "zasiłek celowy na zakup opału"),
    ("Referat Świadczeń Urzędu Gminy Dębica", "dodatek mieszkaniowy"),
];
const REFUSALS: &[&str] = &[
    "Odmowa: wnioskodawca nie zamieszkuje na terenie gmin porozumienia.",
    "Odmowa: usługa mieszkania chronionego nie odpowiada potrzebom (wymagana opieka całodobowa).",
];
const INFORMATION: &[&str] = &[
    "Udzielono informacji o usługach dla seniorów i godzinach otwarcia Dziennego Domu „Senior+”.",
    "Udzielono informacji o programie „Podaj Dalej”; mieszkaniec nie składa wniosku o plan.",
    "Informacja o wypożyczalni sprzętu; sprzęt odebrany bez planu usług.",
];
const SUMMARY_COURSE: &[&str] = &[
    "Usługi realizowane zgodnie z planem, z krótką przerwą w czasie pobytu w szpitalu.",
    "Mieszkanka regularnie korzystała z usług; opiekunka zmieniona na prośbę rodziny w 2. miesiącu.",
    "Realizacja bez zakłóceń; kontakty monitorujące co kwartał.",
];
const SUMMARY_RESULTS: &[&str] = &[
    "Mieszkaniec odzyskał sprawność pozwalającą na samodzielne wyjścia; dalsze usługi niepotrzebne.",
    "Rodzina przejęła opiekę; zalecono kontakt z CUS w razie pogorszenia.",
    "Cele planu osiągnięte częściowo; mieszkanka korzysta dalej z Klubu Aktywności Lokalnej bez planu.",
];
const RESIGNATIONS: &[&str] = &[
    "Rezygnacja: mieszkanka zamieszkała u córki w Rzeszowie.",
    "Rezygnacja: mieszkaniec umieszczony w zakładzie opiekuńczo-leczniczym.",
    "Rezygnacja na życzenie mieszkańca – rodzina zapewnia opiekę.",
];
const MONITORING_NOTES: &[&str] = &[
    "Usługi realizowane zgodnie z planem; mieszkaniec zadowolony.",
    "Opiekunka spóźnia się we wtorki – uzgodniono zmianę godzin z realizatorem.",
    "Stan zdrowia bez zmian; rozważyć zwiększenie liczby godzin przy aktualizacji planu.",
    "Mieszkanka prosi o dodatkowy przejazd do okulisty; poinformowano o limicie.",
    "Rodzina potwierdza poprawę; brak uwag do realizatora.",
];
const FOLLOW_UP_NOTES: &[&str] = &[
    "Po 6 miesiącach: mieszkaniec radzi sobie samodzielnie, korzysta z zajęć w GOK.",
    "Po 6 miesiącach: sytuacja stabilna, rodzina nie zgłasza potrzeb.",
];

#[derive(Clone, Copy)]
struct LineSpec {
    service: usize,
    provider: usize,
    amount: u32,
    per: Per,
    cap: Option<(u32, Per)>,
    span: DateRange,
    location: usize,
    /// The resident gave up this one service on that day (art. 44).
    resigned: Option<NaiveDate>,
}

impl LineSpec {
    fn with_span(&self, span: DateRange) -> LineSpec {
        LineSpec { span, ..*self }
    }

    fn allocation(&self) -> Allocation {
        Allocation {
            amount: Amount { units: self.amount, per: self.per },
            caps: self.cap.map(|(units, per)| Amount { units, per }).into_iter().collect(),
            span: self.span,
        }
    }
}

fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn shift_months(day: NaiveDate, months: i32) -> NaiveDate {
    let shifted = if months >= 0 {
        day.checked_add_months(Months::new(months as u32))
    } else {
        day.checked_sub_months(Months::new(months.unsigned_abs()))
    };
    shifted.unwrap_or(day)
}

/// The last day of the `len`-month period that starts on `start`.
fn months_end(start: NaiveDate, len: i32) -> NaiveDate {
    shift_months(start, len) - Days::new(1)
}

/// What a line still grants once it stops on `last_day`: the store counts it only up to then.
fn cut_at(alloc: &Allocation, last_day: NaiveDate) -> Allocation {
    let span = DateRange::new(alloc.span.start, last_day.min(alloc.span.end)).unwrap_or(alloc.span);
    Allocation { span, ..alloc.clone() }
}

fn age_bits(age: u32) -> u8 {
    match age {
        0..=2 => TODDLER | CHILD,
        3..=17 => CHILD,
        18..=59 => ADULT,
        _ => SENIOR,
    }
}

fn service_index(code: &str) -> usize {
    SERVICES.iter().position(|s| s.code == code).unwrap_or(0)
}

fn is_tight(index: usize) -> bool {
    SERVICES[index].pool.is_tight()
}

fn err(message: String) -> StorageError {
    StorageError::Invalid(message)
}

/// When an application was filed and, if it got that far, when the needs interview took place.
struct Timeline {
    filed: NaiveDate,
    assessed: Option<NaiveDate>,
}

impl Generator<'_> {
    fn days_before(&mut self, day: NaiveDate, from: u64, to: u64) -> NaiveDate {
        day - Days::new(self.rng.random_range(from..=to))
    }

    fn kinds(&mut self, count: usize) -> Vec<Kind> {
        let total: u32 = WEIGHTED.iter().map(|(_, w)| w).sum();
        let mut kinds = vec![Kind::Active];
        kinds.extend(WEIGHTED.iter().map(|(k, _)| *k));
        while kinds.len() < count {
            let mut roll = self.rng.random_range(0..total);
            for (kind, weight) in WEIGHTED {
                if roll < *weight {
                    kinds.push(*kind);
                    break;
                }
                roll -= weight;
            }
        }
        kinds.truncate(count);
        kinds
    }

    pub(super) fn cases(&mut self, people: &[Person]) -> Result<()> {
        let count = (people.len() / 20).clamp(40, 600).min(people.len());
        let kinds = self.kinds(count);
        let mut order: Vec<usize> = Vec::with_capacity(people.len().min(count * 6));
        if !people.is_empty() {
            order.push(0);
            let others = people.len() - 1;
            let sample = rand::seq::index::sample(&mut self.rng, others, others.min(count * 6));
            order.extend(sample.into_iter().map(|i| i + 1));
        }
        let mut used = vec![false; order.len()];
        let mut forced = 0usize;
        for kind in kinds {
            let plan_in_force = matches!(kind, Kind::Active | Kind::Updated);
            let tight = (plan_in_force && forced < FORCED_TIGHT_PLANS).then(|| {
                forced += 1;
                service_index(TIGHT[(forced - 1) % TIGHT.len()])
            });
            let needs_senior = tight.is_some() || kind == Kind::Waiting;
            let found = order.iter().enumerate().position(|(slot, &i)| {
                let p = &people[i];
                !used[slot]
                    && (!needs_senior || p.age >= 60)
                    && (p.age >= 18 || p.representative.is_some() || matches!(kind, Kind::New | Kind::Information))
            });
            let Some(slot) = found else { continue };
            used[slot] = true;
            self.case(kind, &people[order[slot]], tight)?;
        }
        Ok(())
    }

    /// Picks up to `count` different services that fit the person's age.
    fn choose_services(&mut self, person: &Person, count: usize, allow_tight: bool) -> Vec<usize> {
        let bits = age_bits(person.age);
        let mut fitting: Vec<usize> =
            (0..SERVICES.len()).filter(|&i| SERVICES[i].ages & bits != 0 && (allow_tight || !is_tight(i))).collect();
        let mut chosen = Vec::new();
        while chosen.len() < count && !fitting.is_empty() {
            let i = self.rng.random_range(0..fitting.len());
            chosen.push(fitting.swap_remove(i));
        }
        chosen
    }

    fn vary(&mut self, base: u32) -> u32 {
        if base <= 2 { base } else { pick(&mut self.rng, &[base / 2, base * 3 / 4, base, base]).max(1) }
    }

    fn line_spec(&mut self, service: usize, span: DateRange) -> LineSpec {
        let s = &SERVICES[service];
        let span = if s.per == Per::Plan {
            DateRange { start: span.start, end: months_end(span.start, 3).min(span.end) }
        } else {
            span
        };
        LineSpec {
            service,
            provider: pick(&mut self.rng, s.providers),
            amount: self.vary(s.amount),
            per: s.per,
            cap: s.cap,
            span,
            location: pick(&mut self.rng, s.locations),
            resigned: None,
        }
    }

    fn case(&mut self, kind: Kind, person: &Person, tight: Option<usize>) -> Result<()> {
        // The person trying the demo coordinates a share of the cases, so their own dashboard
        // has something due from the first start.
        let slot = self.rng.random_range(0..=COORDINATORS.len());
        let coordinator = COORDINATORS.get(slot).map_or_else(|| self.login.clone(), |c| (*c).to_string());
        let coordinator = coordinator.as_str();
        let today = self.today;
        let this_month = month_start(today);
        let wanted = match kind {
            Kind::Active | Kind::Updated => {
                let count = self.rng.random_range(1..=2);
                let mut services = self.choose_services(person, count, false);
                services.extend(tight);
                services
            }
            Kind::Waiting => vec![service_index("TAXI")],
            _ => {
                let count = self.rng.random_range(1..=3);
                self.choose_services(person, count, !matches!(kind, Kind::Ended | Kind::Resigned))
            }
        };
        // Applications that did not lead to a plan: when filed, whether interviewed, where they stand.
        let without_plan = match kind {
            Kind::New => Some((Timeline { filed: self.days_before(today, 0, 12), assessed: None }, "złożony")),
            Kind::Information => {
                Some((Timeline { filed: self.days_before(today, 1, 120), assessed: None }, "informacja"))
            }
            Kind::Assessed => {
                let filed = self.days_before(today, 3, 40);
                Some((Timeline { filed, assessed: Some((filed + Days::new(2)).min(today)) }, "diagnoza"))
            }
            Kind::Forwarded => {
                let filed = self.days_before(today, 5, 200);
                Some((Timeline { filed, assessed: Some(filed + Days::new(1)) }, "przekazany"))
            }
            Kind::Refused => {
                let filed = self.days_before(today, 30, 200);
                Some((Timeline { filed, assessed: Some(filed + Days::new(3)) }, "odmowa"))
            }
            Kind::Waiting => {
                let filed = self.days_before(today, 3, 40);
                Some((Timeline { filed, assessed: Some((filed + Days::new(1)).min(today)) }, "oczekuje"))
            }
            _ => None,
        };
        if let Some((timeline, state)) = without_plan {
            let app = self.application(person, &timeline, state, coordinator, &wanted, kind)?;
            if kind == Kind::Waiting {
                // The same storage function as the desk and `waitlist add`; the list is ordered by
                // the filing date, so the day of joining needs no back-dating.
                let me = crate::storage::staff::identify(self.tx, coordinator)?;
                crate::storage::waitlist::join(self.tx, &me, app, self.service_ids[wanted[0]], 2)?;
                self.summary.waiting += 1;
            }
            return Ok(());
        }

        // Plans: the period, and the application filed 1–4 weeks before it starts.
        let (start, len) = match kind {
            Kind::Draft | Kind::Submitted | Kind::Returned => (shift_months(this_month, 1), 6),
            Kind::Active => {
                let back = self.rng.random_range(0..=5);
                (shift_months(this_month, -back), self.rng.random_range((back + 1).max(3)..=12))
            }
            Kind::Updated => (shift_months(this_month, -self.rng.random_range(2..=7)), 12),
            Kind::Ended => {
                let ended_months_ago = self.rng.random_range(1..=11);
                let len = self.rng.random_range(3..=12);
                (shift_months(this_month, -ended_months_ago - len), len)
            }
            _ => (shift_months(this_month, -self.rng.random_range(3..=8)), 12),
        };
        let period = DateRange { start, end: months_end(start, len) };
        let filed = if matches!(kind, Kind::Draft | Kind::Submitted | Kind::Returned) {
            self.days_before(today, 2, 25)
        } else {
            self.days_before(start, 8, 28)
        };
        let assessed = (filed + Days::new(self.rng.random_range(1..=4))).min(today);
        let drafted = if start > today {
            (assessed + Days::new(self.rng.random_range(0..=3))).min(today)
        } else {
            (assessed + Days::new(self.rng.random_range(1..=20))).min(start - Days::new(1)).min(filed + Days::new(30))
        }
        .max(filed);
        let timeline = Timeline { filed, assessed: Some(assessed) };
        let app = self.application(person, &timeline, "plan", coordinator, &wanted, kind)?;
        self.summary.plans += 1;
        let number = format!("IPUS/{}/{:04}", drafted.year(), self.summary.plans);
        self.tx.execute(
            "INSERT INTO plan (number, resident_id, application_id, coordinator_login, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![number, person.id, app, coordinator, stamp(drafted, 9, 0)],
        )?;
        let plan = self.tx.last_insert_rowid();
        let approver = pick(&mut self.rng, APPROVERS);
        let approved_on = (drafted + Days::new(self.rng.random_range(1..=4))).min(start).max(drafted);
        let mut specs: Vec<LineSpec> = wanted.iter().map(|&s| self.line_spec(s, period)).collect();
        // Now and then a resident of a plan in force gives up one service and keeps the rest.
        if kind == Kind::Active && specs.len() > 1 && self.rng.random_bool(0.3) {
            let earliest = period.start + Days::new(30);
            if let Some(spec) = specs.iter_mut().find(|s| !is_tight(s.service) && s.span.end > today)
                && earliest < today
            {
                let days = (today - earliest).num_days().max(1) as u64;
                spec.resigned = Some(earliest + Days::new(self.rng.random_range(0..days)));
            }
        }

        match kind {
            Kind::Draft => {
                self.version(plan, 1, "szkic", period, drafted, person, &specs, None, coordinator)?;
            }
            Kind::Submitted => {
                let v = self.version(plan, 1, "złożony", period, drafted, person, &specs, None, coordinator)?;
                self.decision(v.0, "złożony", coordinator, drafted, "")?;
            }
            Kind::Returned => {
                let v = self.version(plan, 1, "zwrócony", period, drafted, person, &specs, None, coordinator)?;
                self.decision(v.0, "złożony", coordinator, drafted, "")?;
                let comment = pick(&mut self.rng, RETURN_COMMENTS);
                self.decision(v.0, "zwrócony", approver, (drafted + Days::new(1)).min(today), comment)?;
            }
            Kind::Active => {
                let (v, lines) =
                    self.version(plan, 1, "zatwierdzony", period, drafted, person, &specs, None, coordinator)?;
                self.approve(v, coordinator, approver, drafted, approved_on)?;
                for ((line, alloc), spec) in lines.iter().zip(&specs) {
                    let until = spec.resigned.unwrap_or(today).pred_opt().unwrap_or(today);
                    let granted = if spec.resigned.is_some() { cut_at(alloc, until) } else { alloc.clone() };
                    self.usage(*line, &granted, alloc.span.start, until, coordinator)?;
                }
                let skip_last = self.rng.random_bool(0.25);
                self.monitoring(plan, period.start, today, skip_last, coordinator, person)?;
            }
            Kind::Updated => {
                // The update starts on the first of a month after the start, at the latest this month.
                let months_in =
                    ((this_month.year() - start.year()) * 12 + this_month.month() as i32 - start.month() as i32).max(1);
                let update = shift_months(start, self.rng.random_range(1..=months_in));
                let (old_specs, new_specs): (Vec<&LineSpec>, Vec<&LineSpec>) =
                    specs.iter().partition(|s| !is_tight(s.service));
                let v1_specs: Vec<LineSpec> = old_specs.iter().map(|s| s.with_span(s.span)).collect();
                let (v1, v1_lines) =
                    self.version(plan, 1, "zastąpiony", period, drafted, person, &v1_specs, None, coordinator)?;
                self.approve(v1, coordinator, approver, drafted, approved_on)?;
                // The new version keeps the old lines and adds what changed from the update on.
                let mut v2_specs: Vec<LineSpec> = old_specs.iter().map(|s| s.with_span(s.span)).collect();
                let changed_span = DateRange { start: update, end: period.end };
                if new_specs.is_empty() {
                    let extra = self.choose_services(person, 1, false);
                    v2_specs.extend(extra.into_iter().map(|s| self.line_spec(s, changed_span)));
                } else {
                    v2_specs.extend(new_specs.iter().map(|s| s.with_span(changed_span)));
                }
                let v2_drafted = (update - Days::new(self.rng.random_range(3..=10))).max(approved_on);
                let v2_approved = (v2_drafted + Days::new(2)).min(update);
                let (v2, v2_lines) =
                    self.version(plan, 2, "zatwierdzony", period, v2_drafted, person, &v2_specs, None, coordinator)?;
                self.approve(v2, coordinator, approver, v2_drafted, v2_approved)?;
                let before_update = update.pred_opt().unwrap_or(update);
                for (line, alloc) in &v1_lines {
                    self.usage(*line, alloc, alloc.span.start, before_update.min(today), coordinator)?;
                }
                for (line, alloc) in &v2_lines {
                    let from = alloc.span.start.max(update);
                    self.usage(*line, alloc, from, today.pred_opt().unwrap_or(today), coordinator)?;
                }
                self.monitoring(plan, period.start, today, false, coordinator, person)?;
            }
            Kind::Ended => {
                let (v, lines) =
                    self.version(plan, 1, "zatwierdzony", period, drafted, person, &specs, None, coordinator)?;
                self.approve(v, coordinator, approver, drafted, approved_on)?;
                for (line, alloc) in &lines {
                    self.usage(*line, alloc, alloc.span.start, period.end, coordinator)?;
                }
                self.monitoring(plan, period.start, period.end, false, coordinator, person)?;
                let summary_on = period.end - Days::new(self.rng.random_range(0..=5));
                let due = crate::domain::plan::follow_up_due(period.end);
                // Half of the follow-ups that are due have been done; the rest wait on the desk's list.
                let follow_up = (due <= today && self.rng.random_bool(0.5)).then(|| {
                    let on = (due + Days::new(self.rng.random_range(0..=14))).min(today);
                    (on, pick(&mut self.rng, FOLLOW_UP_NOTES))
                });
                let course = pick(&mut self.rng, SUMMARY_COURSE);
                let results = pick(&mut self.rng, SUMMARY_RESULTS);
                self.tx.execute(
                    "UPDATE plan SET ended_on = ?2, end_reason = 'zakończony', summary_on = ?3, summary_course = ?4,
                         summary_results = ?5, follow_up_on = ?6, follow_up_note = ?7 WHERE id = ?1",
                    params![
                        plan,
                        period.end.to_string(),
                        summary_on.to_string(),
                        course,
                        results,
                        follow_up.map(|(d, _)| d.to_string()),
                        follow_up.map_or("", |(_, n)| n)
                    ],
                )?;
            }
            Kind::Resigned => {
                let served = (today - period.start).num_days().max(31) as u64;
                let resigned = (period.start + Days::new(self.rng.random_range(30..=served))).min(today);
                let (v, lines) = self.version(
                    plan,
                    1,
                    "zatwierdzony",
                    period,
                    drafted,
                    person,
                    &specs,
                    Some(resigned),
                    coordinator,
                )?;
                self.approve(v, coordinator, approver, drafted, approved_on)?;
                let last_day = resigned.pred_opt().unwrap_or(resigned);
                for (line, alloc) in &lines {
                    self.usage(*line, &cut_at(alloc, last_day), alloc.span.start, last_day.min(today), coordinator)?;
                }
                self.monitoring(plan, period.start, last_day.min(today), false, coordinator, person)?;
                let informed = (resigned + Days::new(self.rng.random_range(0..=3))).min(today);
                let reason = pick(&mut self.rng, RESIGNATIONS);
                self.tx.execute(
                    "UPDATE plan SET ended_on = ?2, end_reason = 'rezygnacja', director_informed_on = ?3,
                         summary_on = ?3, summary_course = ?4 WHERE id = ?1",
                    params![plan, resigned.to_string(), informed.to_string(), reason],
                )?;
            }
            _ => return Err(err(format!("demo: nieobsłużony rodzaj sprawy {kind:?}"))),
        }
        Ok(())
    }

    fn application(
        &mut self,
        person: &Person,
        t: &Timeline,
        state: &str,
        coordinator: &str,
        wanted: &[usize],
        kind: Kind,
    ) -> Result<i64> {
        let (applicant_kind, name, phone, address) = match &person.representative {
            Some(r) => (r.kind, r.full_name.clone(), r.phone.clone(), r.address.clone()),
            None => (
                "mieszkaniec",
                format!("{} {}", person.first_name, person.last_name),
                person.phone.clone(),
                person.address.clone(),
            ),
        };
        let channel =
            pick(&mut self.rng, &["osobiście", "osobiście", "osobiście", "telefon", "pismo", "e-mail", "epuap"]);
        let names: Vec<&str> = wanted.iter().map(|&s| SERVICES[s].name).collect();
        let (mut summary, mut forwarded_to, mut forwarded_reason) =
            (format!("Wniosek o: {}", names.join("; ")), "", "");
        let (mut decision_number, mut decision_date) = (String::new(), None);
        match kind {
            Kind::Forwarded => {
                let (to, why) = pick(&mut self.rng, FORWARDS);
                forwarded_to = to;
                forwarded_reason = why;
            }
            Kind::Refused => {
                summary = pick(&mut self.rng, REFUSALS).to_string();
                let decided = (t.filed + Days::new(self.rng.random_range(10..=20))).min(self.today);
                decision_number = format!("CUS.4011.{}.{}", self.rng.random_range(10..400), decided.year());
                decision_date = Some(decided.to_string());
            }
            Kind::Information => summary = pick(&mut self.rng, INFORMATION).to_string(),
            _ => {}
        }
        let assigned = kind != Kind::New || self.rng.random_bool(0.5);
        self.tx
            .prepare_cached(
                "INSERT INTO application (resident_id, filed_on, applicant_kind, applicant_name, applicant_phone,
                     applicant_address, channel, summary, state, coordinator_login, forwarded_to, forwarded_reason,
                     decision_number, decision_date, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(params![
                person.id,
                t.filed.to_string(),
                applicant_kind,
                name,
                phone,
                address,
                channel,
                summary,
                state,
                assigned.then_some(coordinator),
                forwarded_to,
                forwarded_reason,
                decision_number,
                decision_date,
                stamp(t.filed, 9, 30),
                "jwrobel",
            ])?;
        let app = self.tx.last_insert_rowid();
        self.summary.applications += 1;
        if let Some(on) = t.assessed {
            self.assessment(app, on, coordinator, person, wanted)?;
        }
        Ok(app)
    }

    fn assessment(
        &mut self,
        app: i64,
        on: NaiveDate,
        coordinator: &str,
        person: &Person,
        wanted: &[usize],
    ) -> Result<()> {
        let senior = person.age >= 60;
        let family = person.age < 18;
        let needs = if senior {
            pick(&mut self.rng, NEEDS_SENIOR)
        } else if family {
            pick(&mut self.rng, NEEDS_FAMILY)
        } else {
            pick(&mut self.rng, NEEDS_ADULT)
        };
        let problems = if senior {
            "samotność, ograniczona sprawność, trudności z dojazdem do lekarzy"
        } else if family {
            "konflikty w rodzinie, trudności wychowawcze"
        } else {
            "trudna sytuacja życiowa, brak stałego zatrudnienia"
        };
        let readiness = pick(&mut self.rng, &["wysoka", "średnia", "wymaga motywowania"]);
        let household = self.rng.random_range(1..=5);
        self.tx
            .prepare_cached(
                "INSERT INTO needs_assessment (application_id, conducted_on, coordinator_login, household_size,
                     problems, needs, readiness_for_change, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                app,
                on.to_string(),
                coordinator,
                household,
                problems,
                needs,
                readiness,
                stamp(on, 12, 0)
            ])?;
        let assessment = self.tx.last_insert_rowid();
        let mut row = self.tx.prepare_cached(
            "INSERT INTO assessment_service (assessment_id, kind, service_id, description, unit, quantity, frequency)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        if self.rng.random_bool(0.4) {
            let (what, unit) = pick(
                &mut self.rng,
                &[
                    ("zasiłek stały (pomoc społeczna)", "świadczenie"),
                    ("posiłek w szkole", "posiłek"),
                    ("rehabilitacja NFZ", "zabieg"),
                ],
            );
            row.execute(params![assessment, "obecna", None::<i64>, what, unit, None::<i64>, ""])?;
        }
        for &s in wanted {
            let def = &SERVICES[s];
            let frequency = match def.per {
                Per::Week => "tygodniowo",
                Per::Month => "miesięcznie",
                Per::Year => "rocznie",
                Per::Plan => "w okresie planu",
            };
            row.execute(params![
                assessment,
                "oczekiwana",
                self.service_ids[s],
                def.name,
                def.unit,
                def.amount,
                frequency
            ])?;
        }
        Ok(())
    }

    /// Inserts a plan version with its lines and supporting actions; returns the version and its lines.
    #[allow(clippy::too_many_arguments)]
    fn version(
        &mut self,
        plan: i64,
        number: i64,
        state: &str,
        period: DateRange,
        drafted: NaiveDate,
        person: &Person,
        specs: &[LineSpec],
        resigned: Option<NaiveDate>,
        coordinator: &str,
    ) -> Result<(i64, Vec<(i64, Allocation)>)> {
        let needs = if person.age >= 60 { pick(&mut self.rng, NEEDS_SENIOR) } else { pick(&mut self.rng, NEEDS_ADULT) };
        let effects = pick(&mut self.rng, EFFECTS);
        let quality = pick(&mut self.rng, QUALITY);
        self.tx
            .prepare_cached(
                "INSERT INTO plan_version (plan_id, version, state, period_start, period_end, needs, expected_effects,
                     quality_check, drafted_on, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                plan,
                number,
                state,
                period.start.to_string(),
                period.end.to_string(),
                needs,
                effects,
                quality,
                drafted.to_string(),
                stamp(drafted, 14, 0),
                coordinator,
            ])?;
        let version = self.tx.last_insert_rowid();
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO plan_line (version_id, position, service_id, provider_id, amount, per, cap_amount, cap_per,
                 starts_on, ends_on, schedule, place_form, scope, resigned_on, director_informed_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        let mut lines = Vec::with_capacity(specs.len());
        for (position, spec) in specs.iter().enumerate() {
            let s = &SERVICES[spec.service];
            let alloc = spec.allocation();
            alloc.check(period).map_err(|e| err(format!("demo: pozycja planu {}: {e}", s.code)))?;
            let form = match s.form {
                "grupowa" => "zajęcia grupowe",
                "indywidualna_i_grupowa" => "indywidualnie i w grupie",
                _ => "indywidualnie",
            };
            let place_form = format!("{} – {form}", LOCATIONS[spec.location].name);
            let scope =
                if s.code == "UO" { "pomoc w higienie, zakupy, sprzątanie, przygotowanie posiłku" } else { "" };
            insert.execute(params![
                version,
                position as i64 + 1,
                self.service_ids[spec.service],
                self.provider_ids[spec.provider],
                spec.amount,
                spec.per.code(),
                spec.cap.map(|c| c.0),
                spec.cap.map(|c| c.1.code()),
                spec.span.start.to_string(),
                spec.span.end.to_string(),
                s.schedule,
                place_form,
                scope,
                spec.resigned.or(resigned).map(|d| d.to_string()),
                spec.resigned.map(|d| (d + Days::new(1)).min(self.today).to_string()),
            ])?;
            lines.push((self.tx.last_insert_rowid(), alloc));
        }
        let actions = self.rng.random_range(0..=2);
        let mut action = self.tx.prepare_cached(
            "INSERT INTO supporting_action (version_id, position, what, who) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for position in 0..actions {
            let (what, who) = pick(&mut self.rng, SUPPORTING);
            action.execute(params![version, position + 1, what, who])?;
        }
        Ok((version, lines))
    }

    fn decision(&mut self, version: i64, decision: &str, by: &str, on: NaiveDate, comment: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO plan_decision (version_id, decision, decided_by, decided_at, comment)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![version, decision, by, stamp(on, 13, 15), comment])?;
        Ok(())
    }

    fn approve(
        &mut self,
        version: i64,
        coordinator: &str,
        approver: &str,
        submitted: NaiveDate,
        approved: NaiveDate,
    ) -> Result<()> {
        self.decision(version, "złożony", coordinator, submitted, "")?;
        self.decision(version, "zatwierdzony", approver, approved, "")
    }

    /// Records usage on a line from `from` to `until`, as a provider's monthly report would:
    /// spread over the period, some sessions missed, never beyond what the line grants.
    fn usage(&mut self, line: i64, alloc: &Allocation, from: NaiveDate, until: NaiveDate, by: &str) -> Result<()> {
        let Some(window) = DateRange::new(from.max(alloc.span.start), until.min(alloc.span.end)) else {
            return Ok(());
        };
        let units = alloc.amount.units;
        let mut candidates: Vec<(NaiveDate, u32)> = Vec::new();
        match alloc.amount.per {
            Per::Week => {
                for week in PeriodKind::Week.periods_touching(window) {
                    candidates.push((week.start, units / 2));
                    candidates.push((week.start + Days::new(3), units - units / 2));
                }
            }
            Per::Month => {
                for month in PeriodKind::Month.periods_touching(window) {
                    let visits = units.min(4);
                    for v in 0..visits {
                        let share = units / visits + u32::from(v < units % visits);
                        candidates.push((month.start + Days::new(3 + 7 * u64::from(v)), share));
                    }
                }
            }
            Per::Year => {
                for month in PeriodKind::Month.periods_touching(window) {
                    if (month.start.month() + 12 - alloc.span.start.month()) % 3 == 1 {
                        candidates.push((month.start + Days::new(14), 1));
                    }
                }
            }
            Per::Plan => {
                for n in 0..u64::from(units) {
                    candidates.push((alloc.span.start + Days::new(5 + 14 * n), 1));
                }
            }
        }
        let mut used: Vec<(NaiveDate, u32)> = Vec::new();
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO usage_record (line_id, used_on, units, note, source, recorded_by, recorded_at)
             VALUES (?1, ?2, ?3, ?4, 'desk', ?5, ?6)",
        )?;
        for (day, wanted) in candidates {
            if wanted == 0 || !window.contains(day) || self.rng.random_bool(0.1) {
                continue;
            }
            let units = if alloc.check_usage(&used, day, wanted).is_ok() {
                wanted
            } else if alloc.check_usage(&used, day, 1).is_ok() {
                1
            } else {
                continue;
            };
            let note = if units < wanted { "część niewykorzystana – nieobecność" } else { "" };
            let recorded = (day + Days::new(1)).min(self.today);
            insert.execute(params![line, day.to_string(), units, note, by, stamp(recorded, 15, 40)])?;
            used.push((day, units));
            self.summary.usage_records += 1;
        }
        Ok(())
    }

    /// Quarterly contacts from three weeks after the start; `skip_last` leaves one overdue.
    fn monitoring(
        &mut self,
        plan: i64,
        start: NaiveDate,
        until: NaiveDate,
        skip_last: bool,
        by: &str,
        person: &Person,
    ) -> Result<()> {
        let mut days = Vec::new();
        let mut next = start + Days::new(21);
        while next <= until.min(self.today) {
            days.push(next);
            next = shift_months(next, 3) + Days::new(self.rng.random_range(0..=6));
        }
        if skip_last && days.len() > 1 {
            days.pop();
        }
        let with_whom = match &person.representative {
            Some(r) if self.rng.random_bool(0.5) => r.full_name.clone(),
            _ => format!("{} {}", person.first_name, person.last_name),
        };
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO monitoring_contact (plan_id, contact_on, channel, with_whom, note, quality, recorded_by,
                 recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for day in days {
            let channel = pick(&mut self.rng, &["telefon", "telefon", "wizyta", "w_cus"]);
            let note = pick(&mut self.rng, MONITORING_NOTES);
            let quality = pick(&mut self.rng, &["zgodna", "zgodna", "zgodna", "uwagi", ""]);
            insert.execute(params![
                plan,
                day.to_string(),
                channel,
                with_whom,
                note,
                quality,
                by,
                stamp(day, 10, 45)
            ])?;
            self.summary.monitoring_contacts += 1;
        }
        Ok(())
    }

    /// Information-only visits and calls, most ending with a referral.
    pub(super) fn visits(&mut self, people: &[Person]) -> Result<()> {
        const TOPICS: &[(&str, &str, &str)] = &[
            ("dodatek mieszkaniowy", "Referat Świadczeń Urzędu Gminy Dębica, pok. 12", ""),
            ("wolne miejsca w Dziennym Domu „Senior+”", "", "przekazano ulotkę i numer telefonu"),
            ("problem alkoholowy w rodzinie", "Gminna Komisja Rozwiązywania Problemów Alkoholowych", ""),
            ("porada prawna w sprawie spadku", "Nieodpłatna pomoc prawna – Starostwo Powiatowe w Dębicy", ""),
            ("zasiłek celowy na opał", "Zespół pomocy społecznej CUS", "umówiono wizytę pracownika socjalnego"),
            ("szukanie pracy", "Powiatowy Urząd Pracy w Dębicy", ""),
            ("orzeczenie o niepełnosprawności", "Powiatowy Zespół ds. Orzekania o Niepełnosprawności", ""),
            ("Karta Dużej Rodziny", "Referat Spraw Obywatelskich UG Dębica", ""),
            ("przemoc w rodzinie", "Punkt Interwencji Kryzysowej CUS", "przekazano numer telefonu zaufania"),
            ("paczki żywnościowe", "Bank Żywności – PCK Dębica", ""),
            ("godziny zajęć Klubu Rodzinnego", "", ""),
            ("wypożyczenie wózka inwalidzkiego", "Wypożyczalnia sprzętu rehabilitacyjnego", ""),
        ];
        let count = (people.len() / 10).clamp(30, 1500);
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO contact_visit (resident_id, visited_on, channel, topic, referral, note, recorded_by, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for _ in 0..count {
            let resident = (!people.is_empty() && self.rng.random_bool(0.8))
                .then(|| people[self.rng.random_range(0..people.len())].id);
            let day = self.days_before(self.today, 0, 180);
            let channel = pick(&mut self.rng, &["osobiście", "osobiście", "telefon", "telefon", "e-mail", "pismo"]);
            let (topic, referral, note) = pick(&mut self.rng, TOPICS);
            let by = pick(&mut self.rng, &["jwrobel", "jwrobel", "kmazur", "psroka", "aziaja"]);
            insert.execute(params![
                resident,
                day.to_string(),
                channel,
                topic,
                referral,
                note,
                by,
                stamp(day, 11, 5)
            ])?;
            self.summary.contact_visits += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_arithmetic_keeps_periods_whole() {
        assert_eq!(months_end(d(2026, 11, 1), 3), d(2027, 1, 31));
        assert_eq!(shift_months(d(2026, 11, 1), -11), d(2025, 12, 1));
        assert_eq!(month_start(d(2026, 11, 23)), d(2026, 11, 1));
    }

    #[test]
    fn services_fit_ages() {
        assert_eq!(age_bits(1), TODDLER | CHILD);
        assert_eq!(age_bits(40), ADULT);
        assert_eq!(age_bits(80), SENIOR);
    }
}
