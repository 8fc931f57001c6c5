//! Case history: applications in every state, needs assessments, plans (IPUS) in every state
//! with their versions, lines, supporting actions and decisions, usage never beyond what a line
//! grants, and monitoring contacts.

use super::catalogue::{ADULT, APPROVERS, CHILD, COORDINATORS, LOCATIONS, SENIOR, SERVICES, TODDLER};
use super::people::Person;
use super::{Generator, pick};
use crate::domain::ipus::{ActionContent, LineContent, PlanContent};
use crate::domain::monitoring::Contact;
use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::plan::{Allocation, Amount, Per};
use crate::domain::qualification::Refusal;
use crate::domain::visit::VisitRecord;
use crate::storage::applications::{
    self, ApplicantKind, ApplicationInput, AssessedService, AssessmentInput, ForResident, Outcome,
};
use crate::storage::plans::{self, EndReason};
use crate::storage::pools::GrantRef;
use crate::storage::usage::{self, Delivery};
use crate::storage::{Result, StorageError, card, qualifications};
use chrono::{Datelike, Days, Months, NaiveDate};
use rand::Rng;

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
/// The front desk, who takes in applications no coordinator has yet.
const FRONT_DESK: &str = "jwrobel";

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
        let mut fitting: Vec<usize> = (0..SERVICES.len())
            .filter(|&i| SERVICES[i].ages & bits != 0 && (allow_tight || !is_tight(i)))
            .filter(|&i| super::programme::open_to(SERVICES[i].code, person.gmina))
            .collect();
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
                // A submitted plan waits for the director, who can approve it: its services have room.
                let count = self.rng.random_range(1..=3);
                self.choose_services(person, count, !matches!(kind, Kind::Ended | Kind::Resigned | Kind::Submitted))
            }
        };
        // Applications that did not lead to a plan: when filed, whether interviewed, where they stand.
        let without_plan = match kind {
            Kind::New => Some(Timeline { filed: self.days_before(today, 0, 12), assessed: None }),
            Kind::Information => Some(Timeline { filed: self.days_before(today, 1, 120), assessed: None }),
            Kind::Assessed => {
                let filed = self.days_before(today, 3, 40);
                Some(Timeline { filed, assessed: Some((filed + Days::new(2)).min(today)) })
            }
            Kind::Forwarded => {
                let filed = self.days_before(today, 5, 200);
                Some(Timeline { filed, assessed: Some(filed + Days::new(1)) })
            }
            Kind::Refused => {
                let filed = self.days_before(today, 30, 200);
                Some(Timeline { filed, assessed: Some(filed + Days::new(3)) })
            }
            Kind::Waiting => {
                let filed = self.days_before(today, 3, 40);
                Some(Timeline { filed, assessed: Some((filed + Days::new(1)).min(today)) })
            }
            _ => None,
        };
        if let Some(timeline) = without_plan {
            let app = self.application(person, &timeline, coordinator, &wanted, kind)?;
            if kind == Kind::Waiting {
                // The same storage function as the desk and `waitlist add`; the list is ordered by
                // the filing date, so the day of joining needs no back-dating.
                let me = self.member(coordinator)?;
                self.at(timeline.assessed.unwrap_or(timeline.filed), 12, 30);
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
                // The first ended plan ended long enough ago for its follow-up to be due.
                self.ended += 1;
                let ended_months_ago = if self.ended == 1 { 8 } else { self.rng.random_range(1..=11) };
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
        let app = self.application(person, &timeline, coordinator, &wanted, kind)?;
        self.summary.plans += 1;
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
        // An updated plan's first version lacks the lines its update adds.
        let first: Vec<LineSpec> = if kind == Kind::Updated {
            specs.iter().filter(|s| !is_tight(s.service)).copied().collect()
        } else {
            specs.clone()
        };
        let content = self.content(period, person, &first);
        let (plan, v1) = self.draft(app, drafted, coordinator, &content)?;

        match kind {
            Kind::Draft => {}
            Kind::Submitted => self.submit(v1, coordinator, drafted)?,
            Kind::Returned => {
                self.submit(v1, coordinator, drafted)?;
                let comment = pick(&mut self.rng, RETURN_COMMENTS);
                let me = self.member(approver)?;
                self.at((drafted + Days::new(1)).min(today), 13, 15);
                plans::return_version(self.tx, &me, v1, comment)?;
            }
            Kind::Active => {
                self.submit(v1, coordinator, drafted)?;
                self.approve(v1, approver, approved_on)?;
                let me = self.member(coordinator)?;
                for (position, spec) in specs.iter().enumerate() {
                    if let Some(on) = spec.resigned {
                        self.at(on, 10, 0);
                        plans::resign_line(self.tx, &me, plan, position + 1, on, (on + Days::new(1)).min(today))?;
                    }
                }
                for ((line, alloc), spec) in self.lines(v1)?.iter().zip(&specs) {
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
                self.submit(v1, coordinator, drafted)?;
                self.approve(v1, approver, approved_on)?;
                let before_update = update.pred_opt().unwrap_or(update);
                for (line, alloc) in self.lines(v1)? {
                    self.usage(line, &alloc, alloc.span.start, before_update.min(today), coordinator)?;
                }
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
                let me = self.member(coordinator)?;
                self.at(v2_drafted, 9, 0);
                let v2 = plans::start_update(self.tx, &me, plan, v2_drafted)?;
                let v2_content = PlanContent { lines: self.line_contents(&v2_specs), ..content };
                self.save(v2, coordinator, v2_drafted, &v2_content)?;
                self.submit(v2, coordinator, v2_drafted)?;
                self.approve(v2, approver, v2_approved)?;
                for (line, alloc) in self.lines(v2)? {
                    let from = alloc.span.start.max(update);
                    self.usage(line, &alloc, from, today.pred_opt().unwrap_or(today), coordinator)?;
                }
                self.monitoring(plan, period.start, today, false, coordinator, person)?;
            }
            Kind::Ended => {
                self.submit(v1, coordinator, drafted)?;
                self.approve(v1, approver, approved_on)?;
                for (line, alloc) in self.lines(v1)? {
                    self.usage(line, &alloc, alloc.span.start, period.end, coordinator)?;
                }
                self.monitoring(plan, period.start, period.end, false, coordinator, person)?;
                let summary_on = period.end - Days::new(self.rng.random_range(0..=5));
                let due = crate::domain::plan::follow_up_due(period.end);
                // Every second follow-up that is due has been done, from the second; the rest wait
                // on the desk's list.
                self.follow_ups_due += usize::from(due <= today);
                let follow_up = (due <= today && self.follow_ups_due.is_multiple_of(2)).then(|| {
                    let on = (due + Days::new(self.rng.random_range(0..=14))).min(today);
                    (on, pick(&mut self.rng, FOLLOW_UP_NOTES))
                });
                let course = pick(&mut self.rng, SUMMARY_COURSE);
                let results = pick(&mut self.rng, SUMMARY_RESULTS);
                let me = self.member(coordinator)?;
                self.at(period.end, 16, 0);
                plans::end_plan(self.tx, &me, plan, period.end, EndReason::Completed, None)?;
                self.at(period.end.max(summary_on), 16, 30);
                plans::record_summary(self.tx, &me, plan, summary_on, course, results)?;
                if let Some((on, note)) = follow_up {
                    self.at(on, 11, 0);
                    plans::record_follow_up(self.tx, &me, plan, on, note)?;
                }
            }
            Kind::Resigned => {
                let served = (today - period.start).num_days().max(31) as u64;
                let resigned = (period.start + Days::new(self.rng.random_range(30..=served))).min(today);
                self.submit(v1, coordinator, drafted)?;
                self.approve(v1, approver, approved_on)?;
                let last_day = resigned.pred_opt().unwrap_or(resigned);
                for (line, alloc) in self.lines(v1)? {
                    self.usage(line, &cut_at(&alloc, last_day), alloc.span.start, last_day.min(today), coordinator)?;
                }
                self.monitoring(plan, period.start, last_day.min(today), false, coordinator, person)?;
                let informed = (resigned + Days::new(self.rng.random_range(0..=3))).min(today);
                let reason = pick(&mut self.rng, RESIGNATIONS);
                let me = self.member(coordinator)?;
                self.at(informed, 10, 0);
                plans::end_plan(self.tx, &me, plan, resigned, EndReason::Resignation, Some(informed))?;
                plans::record_summary(self.tx, &me, plan, informed, reason, "")?;
            }
            _ => return Err(err(format!("demo: nieobsłużony rodzaj sprawy {kind:?}"))),
        }
        Ok(())
    }

    fn application(
        &mut self,
        person: &Person,
        t: &Timeline,
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
        let summary = match kind {
            Kind::Refused => pick(&mut self.rng, REFUSALS).to_string(),
            Kind::Information => pick(&mut self.rng, INFORMATION).to_string(),
            _ => {
                let names: Vec<&str> = wanted.iter().map(|&s| SERVICES[s].name).collect();
                format!("Wniosek o: {}", names.join("; "))
            }
        };
        // A new application the front desk took in waits for a coordinator half of the time.
        let assigned = kind != Kind::New || self.rng.random_bool(0.5);
        let filer = self.member(if assigned { coordinator } else { FRONT_DESK })?;
        let input = ApplicationInput {
            filed_on: t.filed,
            applicant_kind: ApplicantKind::from_code(applicant_kind).unwrap_or(ApplicantKind::Resident),
            applicant_name: name,
            applicant_phone: phone,
            applicant_email: String::new(),
            applicant_address: address,
            channel: channel.to_string(),
            summary: summary.clone(),
        };
        self.at(t.filed, 9, 30);
        let app = applications::register(self.tx, &filer, ForResident::Existing(person.id), &input)?;
        self.summary.applications += 1;
        if let Some(on) = t.assessed {
            self.assessment(app, on, coordinator, person, wanted)?;
        }
        let me = self.member(coordinator)?;
        let settled = t.assessed.unwrap_or(t.filed);
        match kind {
            Kind::Assessed => self.assessed.push((app, t.filed)),
            Kind::Forwarded => {
                let (to, why) = pick(&mut self.rng, FORWARDS);
                self.at(settled, 14, 0);
                let outcome = Outcome::Forward { to: to.to_string(), reason: why.to_string() };
                applications::close(self.tx, &me, app, &outcome)?;
            }
            Kind::Information => {
                self.at(settled, 9, 45);
                applications::close(self.tx, &me, app, &Outcome::InformationOnly { note: summary })?;
            }
            Kind::Refused => {
                if let Some(&service) = wanted.first() {
                    let decided = (t.filed + Days::new(self.rng.random_range(10..=20))).min(self.today);
                    let refusal = Refusal {
                        decision_number: format!("CUS.4011.{}.{}", self.rng.random_range(10..400), decided.year()),
                        decided_on: decided,
                        grounds: summary,
                    };
                    self.at(decided, 12, 0);
                    qualifications::refuse(self.tx, &me, app, self.service_ids[service], &refusal, decided)?;
                }
            }
            _ => {}
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
        let mut services = Vec::with_capacity(wanted.len() + 1);
        if self.rng.random_bool(0.4) {
            let (what, unit) = pick(
                &mut self.rng,
                &[
                    ("zasiłek stały (pomoc społeczna)", "świadczenie"),
                    ("posiłek w szkole", "posiłek"),
                    ("rehabilitacja NFZ", "zabieg"),
                ],
            );
            services.push(AssessedService {
                kind: "obecna".into(),
                service_id: None,
                description: what.into(),
                unit: unit.into(),
                quantity: None,
                frequency: String::new(),
            });
        }
        for &s in wanted {
            let def = &SERVICES[s];
            let frequency = match def.per {
                Per::Week => "tygodniowo",
                Per::Month => "miesięcznie",
                Per::Year => "rocznie",
                Per::Plan => "w okresie planu",
            };
            services.push(AssessedService {
                kind: "oczekiwana".into(),
                service_id: Some(self.service_ids[s]),
                description: def.name.into(),
                unit: def.unit.into(),
                quantity: Some(i64::from(def.amount)),
                frequency: frequency.into(),
            });
        }
        let input = AssessmentInput {
            household_size: Some(household),
            problems: problems.into(),
            needs: needs.into(),
            readiness_for_change: readiness.into(),
            services,
            ..Default::default()
        };
        let me = self.member(coordinator)?;
        self.at(on, 12, 0);
        applications::assess(self.tx, &me, app, on, &input)?;
        Ok(())
    }

    /// What the coordinator writes into a version: needs, expected effects, lines and actions.
    fn content(&mut self, period: DateRange, person: &Person, specs: &[LineSpec]) -> PlanContent {
        let needs = if person.age >= 60 { pick(&mut self.rng, NEEDS_SENIOR) } else { pick(&mut self.rng, NEEDS_ADULT) };
        let effects = pick(&mut self.rng, EFFECTS);
        let quality = pick(&mut self.rng, QUALITY);
        let count = self.rng.random_range(0..=2);
        let actions = (0..count)
            .map(|_| {
                let (what, who) = pick(&mut self.rng, SUPPORTING);
                ActionContent { what: what.into(), who: who.into() }
            })
            .collect();
        PlanContent {
            period_start: period.start,
            period_end: period.end,
            needs: needs.into(),
            expected_effects: effects.into(),
            quality_check: quality.into(),
            lines: self.line_contents(specs),
            actions,
        }
    }

    fn line_contents(&self, specs: &[LineSpec]) -> Vec<LineContent> {
        specs
            .iter()
            .map(|spec| {
                let s = &SERVICES[spec.service];
                let form = match s.form {
                    "grupowa" => "zajęcia grupowe",
                    "indywidualna_i_grupowa" => "indywidualnie i w grupie",
                    _ => "indywidualnie",
                };
                let scope =
                    if s.code == "UO" { "pomoc w higienie, zakupy, sprzątanie, przygotowanie posiłku" } else { "" };
                LineContent {
                    service_id: self.service_ids[spec.service],
                    service_code: String::new(),
                    service_name: String::new(),
                    provider_id: Some(self.provider_ids[spec.provider]),
                    provider_name: String::new(),
                    amount: Amount { units: spec.amount, per: spec.per },
                    cap: spec.cap.map(|(units, per)| Amount { units, per }),
                    starts_on: spec.span.start,
                    ends_on: spec.span.end,
                    schedule: s.schedule.into(),
                    place_form: format!("{} – {form}", LOCATIONS[spec.location].name),
                    scope: scope.into(),
                    resigned_on: None,
                }
            })
            .collect()
    }

    /// Starts the plan of an application with its first version as a draft.
    fn draft(&mut self, app: i64, on: NaiveDate, coordinator: &str, content: &PlanContent) -> Result<(i64, i64)> {
        let me = self.member(coordinator)?;
        self.at(on, 9, 0);
        let (plan, version) = plans::create_draft(self.tx, &me, app, content, on)?;
        let header = plans::header(self.tx, plan)?;
        self.drafted.push((on, header.number));
        self.note_lines(header.resident_id, content);
        Ok((plan, version))
    }

    fn note_lines(&mut self, resident: i64, content: &PlanContent) {
        self.planned.extend(content.lines.iter().map(|l| (resident, l.service_id, l.starts_on)));
    }

    /// Saves the content of a draft version, as the plan editor does.
    fn save(&mut self, version: i64, coordinator: &str, on: NaiveDate, content: &PlanContent) -> Result<()> {
        let me = self.member(coordinator)?;
        let stored = plans::version(self.tx, version)?;
        self.at(on, 14, 0);
        plans::save(self.tx, &me, version, stored.revision, content, on)?;
        self.note_lines(plans::header(self.tx, stored.plan_id)?.resident_id, content);
        Ok(())
    }

    fn submit(&mut self, version: i64, coordinator: &str, on: NaiveDate) -> Result<()> {
        let me = self.member(coordinator)?;
        self.at(on, 14, 30);
        plans::submit(self.tx, &me, version, on)?;
        Ok(())
    }

    fn approve(&mut self, version: i64, approver: &str, on: NaiveDate) -> Result<()> {
        let me = self.member(approver)?;
        self.at(on, 13, 15);
        plans::approve(self.tx, &me, version, None, "", None)
    }

    /// The lines of a version as stored, with what each grants.
    fn lines(&self, version: i64) -> Result<Vec<(i64, Allocation)>> {
        let v = plans::version(self.tx, version)?;
        Ok(v.lines.iter().zip(&v.content.lines).filter_map(|(m, l)| Some((m.id, l.allocation()?))).collect())
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
            self.at((day + Days::new(1)).min(self.today), 15, 40);
            let delivery = Delivery { grant: GrantRef::Line(line), day, units, note, source: "desk", import_key: None };
            usage::record(self.tx, by, &delivery)?;
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
        let me = self.member(by)?;
        for day in days {
            let channel = pick(&mut self.rng, &["telefon", "telefon", "wizyta", "w_cus"]);
            let note = pick(&mut self.rng, MONITORING_NOTES);
            let quality = pick(&mut self.rng, &["zgodna", "zgodna", "zgodna", "uwagi", ""]);
            let contact = Contact {
                on: day,
                channel: channel.into(),
                with_whom: with_whom.clone(),
                note: note.into(),
                quality: quality.into(),
            };
            self.at(day, 10, 45);
            plans::add_contact(self.tx, &me, plan, &contact)?;
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
        for _ in 0..count {
            let resident = (!people.is_empty() && self.rng.random_bool(0.8))
                .then(|| people[self.rng.random_range(0..people.len())].id);
            let day = self.days_before(self.today, 0, 180);
            let channel = pick(&mut self.rng, &["osobiście", "osobiście", "telefon", "telefon", "e-mail", "pismo"]);
            let (topic, referral, note) = pick(&mut self.rng, TOPICS);
            let by = pick(&mut self.rng, &["jwrobel", "jwrobel", "kmazur", "psroka", "aziaja"]);
            let visit = VisitRecord {
                visited_on: day,
                channel,
                topic: topic.to_string(),
                referral: referral.to_string(),
                note: note.to_string(),
            };
            self.at(day, 11, 5);
            card::record_visit(self.tx, by, resident, &visit)?;
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
