//! Every text the desk shows, Polish first and English beside it, so that a translation is
//! checked in one place. Data from the database is never here; it is drawn as stored.

use super::action::Action;
use super::keymap::{KeymapError, KeymapProblem};

pub use crate::i18n::Lang;

/// A fixed text of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    ServiceBase,
    Residents,
    Plans,
    Dashboard,
    Search,
    SearchPlaceholder,
    Loading,
    NoMatches,
    SoundsAlike,
    PeselNearest,
    TypeToSearch,
    ColName,
    ColPesel,
    ColAge,
    ColPlace,
    Card,
    CardLoading,
    Age,
    Pesel,
    Address,
    Phone,
    Email,
    Representative,
    LegalRepresentative,
    DeFactoCarer,
    ActivePlans,
    Applications,
    LastContacts,
    SpecialCategory,
    Disability,
    Dependency,
    Health,
    None,
    Visit,
    Monitoring,
    VisitTitle,
    VisitDate,
    VisitChannel,
    VisitTopic,
    VisitReferral,
    VisitNote,
    VisitSaved,
    ApplicationTitle,
    ApplicationFiled,
    ApplicantKind,
    ApplicantName,
    ApplicantPhone,
    ApplicationChannel,
    ApplicationSummary,
    AssessmentProblems,
    AssessmentNeeds,
    AssessmentUses,
    AssessmentWants,
    DraftFrom,
    DraftTo,
    ReturnTitle,
    ReturnComment,
    PeselRevealed,
    PhoneCopied,
    PeselCopied,
    NoPhone,
    NoPesel,
    ErrorTitle,
    ConfirmTitle,
    DiscardForm,
    HelpTitle,
    ViewMissing,
    NoCardOpen,
    Yes,
    No,
    ColService,
    ColUnit,
    ColToday,
    ColPeople,
    ColGranted,
    ColUsed,
    ColRemaining,
    ColStatus,
    ColProvider,
    ColFee,
    ColWaiting,
    Filter,
    FilterPlaceholder,
    BaseLoading,
    NoServices,
    Live,
    Frozen,
    FrozenChanged,
    OnlyRemaining,
    OpenNowFilter,
    ServiceDetailTitle,
    Closed,
    LimitTitle,
    LimitPeriod,
    LimitUnits,
    LimitProvider,
    UsageTitle,
    UsagePlan,
    UsagePosition,
    UsageDate,
    UsageUnits,
    UsageNote,
    Reports,
    ReportLoading,
    ExportTitle,
    ExportPath,
    LimitSaved,
    ServiceAddTitle,
    ServiceEditTitle,
    ServiceCode,
    ServiceName,
    ServiceUnit,
    ServiceFee,
    ServiceFeeNote,
    ServiceForm,
    ServiceDeliveryDays,
    ServiceDefaultProvider,
    ServiceAreasList,
    ServiceGroupsList,
    ServiceSaved,
    UsageSaved,
    ContactTitle,
    ContactDate,
    ContactChannel,
    ContactWithWhom,
    ContactNote,
    ResignTitle,
    ResignPosition,
    ResignDate,
    DirectorInformed,
    CompleteTitle,
    SummaryDate,
    SummaryCourse,
    SummaryResults,
    FollowUpTitle,
    FollowUpDate,
    FollowUpNote,
    SupportTitle,
    SupportWhat,
    SupportWho,
    ServiceSuspended,
    ServiceResumed,
    NoServiceSelected,
    Areas,
    Groups,
    Providers,
    Access,
    FeeLabel,
    Delivery,
    HoursLabel,
    PoolsLabel,
    WaitingLabel,
    LastUpdate,
    Description,
    NoPool,
}

fn text(t: Text) -> (&'static str, &'static str) {
    match t {
        Text::Residents => ("Mieszkańcy", "Residents"),
        Text::Plans => ("Plany", "Plans"),
        Text::ServiceBase => ("Baza usług", "Service base"),
        Text::Dashboard => ("Pulpit", "Dashboard"),
        Text::Search => ("Szukaj", "Search"),
        Text::SearchPlaceholder => {
            ("nazwisko, imię, PESEL, telefon, adres", "surname, first name, PESEL, phone, address")
        }
        Text::Loading => ("Wczytywanie mieszkańców…", "Loading residents…"),
        Text::NoMatches => ("Nikt nie pasuje do zapytania", "Nobody matches the query"),
        Text::SoundsAlike => ("brzmi podobnie", "sounds alike"),
        Text::PeselNearest => {
            ("zła cyfra kontrolna PESEL; najbliższe poprawne", "wrong PESEL check digit; nearest valid")
        }
        Text::TypeToSearch => ("Wpisz nazwisko, imię, PESEL lub telefon", "Type a surname, first name, PESEL or phone"),
        Text::ColName => ("Nazwisko i imię", "Name"),
        Text::ColPesel => ("PESEL", "PESEL"),
        Text::ColAge => ("Wiek", "Age"),
        Text::ColPlace => ("Miejscowość", "Place"),
        Text::Card => ("Karta mieszkańca", "Resident card"),
        Text::CardLoading => ("Wczytywanie karty…", "Loading the card…"),
        Text::Age => ("Wiek", "Age"),
        Text::Pesel => ("PESEL", "PESEL"),
        Text::Address => ("Adres", "Address"),
        Text::Phone => ("Telefon", "Phone"),
        Text::Email => ("E-mail", "E-mail"),
        Text::Representative => ("Przedstawiciel/opiekun", "Representative/carer"),
        Text::LegalRepresentative => ("przedstawiciel ustawowy", "legal representative"),
        Text::DeFactoCarer => ("opiekun faktyczny", "de facto carer"),
        Text::ActivePlans => ("Plany (IPUS)", "Plans (IPUS)"),
        Text::Applications => ("Wnioski w toku", "Open applications"),
        Text::LastContacts => ("Ostatnie kontakty", "Last contacts"),
        Text::SpecialCategory => ("Dane szczególnej kategorii (RODO art. 9)", "Special-category data (GDPR art. 9)"),
        Text::Disability => ("Niepełnosprawność", "Disability"),
        Text::Dependency => ("Niesamodzielność", "Dependency"),
        Text::Health => ("Zdrowie", "Health"),
        Text::None => ("brak", "none"),
        Text::Visit => ("wizyta", "visit"),
        Text::Monitoring => ("monitoring", "monitoring"),
        Text::VisitTitle => ("Wizyta lub telefon informacyjny", "Information visit or call"),
        Text::VisitDate => ("Data", "Date"),
        Text::VisitChannel => ("Kanał", "Channel"),
        Text::VisitTopic => ("Temat", "Topic"),
        Text::VisitReferral => ("Skierowano do", "Referred to"),
        Text::VisitNote => ("Notatka", "Note"),
        Text::VisitSaved => ("Zapisano kontakt", "Contact saved"),
        Text::ApplicationTitle => ("Wniosek i diagnoza potrzeb", "Application and needs assessment"),
        Text::ApplicationFiled => ("Data złożenia", "Filed on"),
        Text::ApplicantKind => ("Wnioskodawca", "Applicant"),
        Text::ApplicantName => ("Imię i nazwisko wnioskodawcy", "Applicant's name"),
        Text::ApplicantPhone => ("Telefon wnioskodawcy", "Applicant's phone"),
        Text::ApplicationChannel => ("Kanał", "Channel"),
        Text::ApplicationSummary => ("Czego dotyczy wniosek", "What is asked for"),
        Text::AssessmentProblems => ("Problemy (diagnoza)", "Problems (assessment)"),
        Text::AssessmentNeeds => ("Potrzeby (diagnoza)", "Needs (assessment)"),
        Text::AssessmentUses => ("Usługi obecne", "Services used now"),
        Text::AssessmentWants => ("Usługi oczekiwane", "Services wanted"),
        Text::DraftFrom => ("Szkic IPUS od (puste: bez)", "Draft plan from (empty: none)"),
        Text::DraftTo => ("Szkic IPUS do", "Draft plan to"),
        Text::ReturnTitle => ("Zwrot planu do poprawy", "Return the plan for corrections"),
        Text::ReturnComment => ("Co poprawić", "What to correct"),
        Text::PeselRevealed => ("PESEL odsłonięty (zapisano w dzienniku)", "PESEL revealed (logged)"),
        Text::PhoneCopied => ("Skopiowano telefon do schowka", "Phone copied to the clipboard"),
        Text::PeselCopied => ("Skopiowano PESEL do schowka (zapisano w dzienniku)", "PESEL copied (logged)"),
        Text::NoPhone => ("Mieszkaniec nie ma telefonu", "The resident has no phone"),
        Text::NoPesel => ("Mieszkaniec nie ma numeru PESEL", "The resident has no PESEL"),
        Text::ErrorTitle => ("Błąd", "Error"),
        Text::ConfirmTitle => ("Potwierdź", "Confirm"),
        Text::DiscardForm => ("Porzucić wpisane dane?", "Discard what was typed?"),
        Text::HelpTitle => ("Pomoc: klawisze", "Help: keys"),
        Text::ViewMissing => ("Ten widok nie jest jeszcze dostępny", "This view is not available yet"),
        Text::NoCardOpen => ("Najpierw otwórz kartę mieszkańca (Enter)", "Open a resident's card first (Enter)"),
        Text::Yes => ("tak", "yes"),
        Text::No => ("nie", "no"),
        Text::ColService => ("Usługa", "Service"),
        Text::ColUnit => ("Jednostka", "Unit"),
        Text::ColToday => ("Dziś", "Today"),
        Text::ColPeople => ("Os.", "Ppl"),
        Text::ColGranted => ("Przyzn.", "Granted"),
        Text::ColUsed => ("Wyk.", "Used"),
        Text::ColRemaining => ("Zost.", "Left"),
        Text::ColStatus => ("Status", "Status"),
        Text::ColProvider => ("Realizator", "Provider"),
        Text::ColFee => ("Opłata", "Fee"),
        Text::ColWaiting => ("Oczek.", "Waiting"),
        Text::Filter => ("Filtr", "Filter"),
        Text::FilterPlaceholder => {
            ("/ szukaj; obszar: grupa: gmina: dzień:RRRR-MM-DD", "/ search; obszar: grupa: gmina: dzień:YYYY-MM-DD")
        }
        Text::BaseLoading => ("Liczenie bazy usług…", "Computing the service base…"),
        Text::NoServices => ("Żadna usługa nie pasuje do filtra", "No service matches the filter"),
        Text::Live => ("na żywo", "live"),
        Text::Frozen => ("ZAMROŻONE", "FROZEN"),
        Text::FrozenChanged => ("ZAMROŻONE, są zmiany", "FROZEN, changes waiting"),
        Text::OnlyRemaining => ("wolne", "available"),
        Text::OpenNowFilter => ("otwarte teraz", "open now"),
        Text::ServiceDetailTitle => ("Szczegóły usługi", "Service detail"),
        Text::Closed => ("nieczynne", "closed"),
        Text::LimitTitle => ("Limit puli w jednym okresie", "Pool limit for one period"),
        Text::LimitPeriod => ("Okres", "Period"),
        Text::LimitUnits => ("Jednostek", "Units"),
        Text::LimitProvider => ("Realizator (gdy kilka pul)", "Provider (several pools)"),
        Text::UsageTitle => ("Wykonanie usługi z planu", "Usage delivered under a plan"),
        Text::UsagePlan => ("Numer planu", "Plan number"),
        Text::UsagePosition => ("Pozycja planu", "Plan line"),
        Text::UsageDate => ("Data", "Date"),
        Text::UsageUnits => ("Jednostek", "Units"),
        Text::UsageNote => ("Uwagi", "Note"),
        Text::Reports => ("Raporty", "Reports"),
        Text::ReportLoading => ("Liczenie raportu", "Computing the report"),
        Text::ExportTitle => ("Zapis raportu do pliku", "Save the report to a file"),
        Text::ExportPath => ("Plik (.csv albo .pdf)", "File (.csv or .pdf)"),
        Text::LimitSaved => ("Zapisano limit", "Limit saved"),
        Text::ServiceAddTitle => ("Nowa usługa", "New service"),
        Text::ServiceEditTitle => ("Zmiana usługi", "Edit service"),
        Text::ServiceCode => ("Kod", "Code"),
        Text::ServiceName => ("Nazwa", "Name"),
        Text::ServiceUnit => ("Jednostka", "Unit"),
        Text::ServiceFee => ("Opłata za jednostkę, zł", "Fee per unit, PLN"),
        Text::ServiceFeeNote => ("Uwagi o opłacie", "Fee note"),
        Text::ServiceForm => ("Forma", "Form"),
        Text::ServiceDeliveryDays => ("Dni do realizacji", "Days to delivery"),
        Text::ServiceDefaultProvider => ("Realizator (puste: bez zmian)", "Provider (empty: unchanged)"),
        Text::ServiceAreasList => ("Obszary (po przecinku)", "Areas (comma-separated)"),
        Text::ServiceGroupsList => ("Grupy (po przecinku)", "Groups (comma-separated)"),
        Text::ServiceSaved => ("Zapisano usługę", "Service saved"),
        Text::UsageSaved => ("Zapisano wykonanie", "Usage recorded"),
        Text::ContactTitle => ("Kontakt monitorujący", "Monitoring contact"),
        Text::ContactDate => ("Data", "Date"),
        Text::ContactChannel => ("Forma", "Channel"),
        Text::ContactWithWhom => ("Z kim", "With whom"),
        Text::ContactNote => ("Notatka", "Note"),
        Text::ResignTitle => ("Rezygnacja (art. 44)", "Resignation (art. 44)"),
        Text::ResignPosition => ("Pozycja (puste: cały plan)", "Line (empty: whole plan)"),
        Text::ResignDate => ("Data rezygnacji", "Resigned on"),
        Text::DirectorInformed => ("Dyrektor poinformowany", "Director informed on"),
        Text::CompleteTitle => ("Zakończenie planu (art. 45)", "Completing the plan (art. 45)"),
        Text::SummaryDate => ("Rozmowa podsumowująca", "Summary conversation"),
        Text::SummaryCourse => ("Przebieg realizacji", "Course of the plan"),
        Text::SummaryResults => ("Rezultaty", "Results"),
        Text::FollowUpTitle => ("Monitoring 6 miesięcy po zakończeniu", "Follow-up 6 months after the end"),
        Text::FollowUpDate => ("Data", "Date"),
        Text::FollowUpNote => ("Notatka", "Note"),
        Text::SupportTitle => ("Działanie wspierające", "Supporting action"),
        Text::SupportWhat => ("Na czym polega", "What"),
        Text::SupportWho => ("Kto je zapewnia", "Who provides it"),
        Text::ServiceSuspended => ("Zawieszono usługę", "Service suspended"),
        Text::ServiceResumed => ("Wznowiono usługę", "Service resumed"),
        Text::NoServiceSelected => ("Najpierw wybierz usługę", "Select a service first"),
        Text::Areas => ("Obszary", "Areas"),
        Text::Groups => ("Grupy docelowe", "Target groups"),
        Text::Providers => ("Realizatorzy", "Providers"),
        Text::Access => ("Zasady dostępu", "Access rule"),
        Text::FeeLabel => ("Odpłatność", "Fee"),
        Text::Delivery => ("Od zgłoszenia do realizacji", "Request to delivery"),
        Text::HoursLabel => ("Godziny", "Hours"),
        Text::PoolsLabel => ("Pule", "Pools"),
        Text::WaitingLabel => ("Oczekujący (kolejność złożenia)", "Waiting (filing order)"),
        Text::LastUpdate => ("Ostatnia zmiana", "Last update"),
        Text::Description => ("Opis", "Description"),
        Text::NoPool => ("bez limitu", "no limit"),
    }
}

fn action_label(a: Action) -> (&'static str, &'static str) {
    match a {
        Action::Help => ("pomoc", "help"),
        Action::Residents => ("mieszkańcy", "residents"),
        Action::ServiceBase => ("baza usług", "service base"),
        Action::Plans => ("plany", "plans"),
        Action::Dashboard => ("pulpit", "dashboard"),
        Action::Quit => ("wyjście", "quit"),
        Action::Back => ("wstecz", "back"),
        Action::NextPane => ("następny panel", "next pane"),
        Action::PrevPane => ("poprzedni panel", "previous pane"),
        Action::Up => ("w górę", "up"),
        Action::Down => ("w dół", "down"),
        Action::PageUp => ("strona w górę", "page up"),
        Action::PageDown => ("strona w dół", "page down"),
        Action::First => ("pierwszy", "first"),
        Action::Last => ("ostatni", "last"),
        Action::Open => ("otwórz", "open"),
        Action::FocusSearch => ("do wyszukiwania", "to search"),
        Action::FocusList => ("do listy", "to the list"),
        Action::ClearQuery => ("wyczyść zapytanie", "clear query"),
        Action::DeleteBack => ("usuń znak", "delete character"),
        Action::MoveLeft => ("w lewo", "left"),
        Action::MoveRight => ("w prawo", "right"),
        Action::LineStart => ("początek pola", "start of field"),
        Action::LineEnd => ("koniec pola", "end of field"),
        Action::NextField => ("następne pole", "next field"),
        Action::PrevField => ("poprzednie pole", "previous field"),
        Action::Confirm => ("zatwierdź", "confirm"),
        Action::Cancel => ("anuluj", "cancel"),
        Action::NewVisit => ("nowa wizyta", "new visit"),
        Action::NewApplication => ("nowy wniosek", "new application"),
        Action::PrintPlan => ("drukuj plan", "print the plan"),
        Action::SubmitPlan => ("złóż plan", "submit the plan"),
        Action::ApprovePlan => ("zatwierdź plan", "approve the plan"),
        Action::RemoveLine => ("usuń pozycję", "remove the line"),
        Action::ReturnPlan => ("zwróć do poprawy", "return for corrections"),
        Action::RevealPesel => ("pokaż PESEL", "reveal PESEL"),
        Action::CopyPhone => ("kopiuj telefon", "copy phone"),
        Action::CopyPesel => ("kopiuj PESEL", "copy PESEL"),
        Action::FreezeLive => ("zamroź/odśwież", "freeze/live"),
        Action::SortNext => ("sortuj", "sort"),
        Action::SortReverse => ("odwróć", "reverse"),
        Action::FilterRemaining => ("tylko wolne", "only available"),
        Action::FilterOpenNow => ("otwarte teraz", "open now"),
        Action::EditLimit => ("limit", "limit"),
        Action::ToggleSuspend => ("zawieś/wznów", "suspend/resume"),
        Action::AddService => ("dodaj", "add"),
        Action::EditService => ("zmień", "edit"),
        Action::RecordUsage => ("wykonanie", "record usage"),
        Action::RecordMonitoring => ("kontakt", "contact"),
        Action::ResignPlan => ("rezygnacja", "resignation"),
        Action::CompletePlan => ("zakończenie", "completion"),
        Action::RecordFollowUp => ("po 6 mies.", "6-month follow-up"),
        Action::UpdatePlan => ("aktualizacja", "update"),
        Action::OpenReports => ("raporty", "reports"),
        Action::ExportReport => ("zapisz do pliku", "save to a file"),
        Action::Type(_) => ("pisz", "type"),
    }
}

/// The interface language's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Strings {
    pub lang: Lang,
}

impl Strings {
    pub fn new(lang: Lang) -> Strings {
        Strings { lang }
    }

    fn pick(&self, (pl, en): (&'static str, &'static str)) -> &'static str {
        match self.lang {
            Lang::Pl => pl,
            Lang::En => en,
        }
    }

    pub fn get(&self, t: Text) -> &'static str {
        self.pick(text(t))
    }

    pub fn action(&self, a: Action) -> &'static str {
        self.pick(action_label(a))
    }

    pub fn context(&self, c: super::keymap::Context) -> &'static str {
        use super::keymap::Context;
        self.pick(match c {
            Context::Global => ("Wszędzie", "Everywhere"),
            Context::Search => ("Wyszukiwanie", "Search box"),
            Context::List => ("Lista", "List"),
            Context::Card => ("Karta", "Card"),
            Context::Form => ("Formularz", "Form"),
            Context::Popup => ("Okienka", "Popups"),
            Context::Base => ("Baza usług", "Service base"),
            Context::Plan => ("Plan", "Plan"),
            Context::Reports => ("Pulpit i raporty", "Dashboard and reports"),
        })
    }

    /// Visit channels as stored (Polish) and as shown.
    pub fn channel(&self, stored: &str) -> &'static str {
        match stored {
            "osobiście" => self.pick(("osobiście", "in person")),
            "telefon" => self.pick(("telefon", "phone")),
            "e-mail" => "e-mail",
            "pismo" => self.pick(("pismo", "letter")),
            "wizyta" => self.pick(("wizyta domowa", "home visit")),
            "w_cus" => self.pick(("w CUS", "at the centre")),
            _ => "?",
        }
    }

    pub fn shown_of_total(&self, shown: usize, total: usize) -> String {
        match self.lang {
            Lang::Pl => format!("{shown} z {total}"),
            Lang::En => format!("{shown} of {total}"),
        }
    }

    /// "20 z 345", or "100 z ponad 10 000" when the count stopped.
    pub fn shown_of_count(&self, shown: usize, total: crate::search::Count) -> String {
        let n = group_thousands(total.n);
        match (self.lang, total.more) {
            (Lang::Pl, false) => format!("{shown} z {n}"),
            (Lang::Pl, true) => format!("{shown} z ponad {n}"),
            (Lang::En, false) => format!("{shown} of {n}"),
            (Lang::En, true) => format!("{shown} of over {n}"),
        }
    }

    pub fn residents_loaded(&self, count: usize) -> String {
        match self.lang {
            Lang::Pl => format!("W bazie: {count} mieszkańców"),
            Lang::En => format!("In the database: {count} residents"),
        }
    }

    pub fn age(&self, years: u32) -> String {
        match self.lang {
            Lang::Pl if years == 1 => "1 rok".to_string(),
            Lang::Pl if (2..=4).contains(&(years % 10)) && !(12..=14).contains(&(years % 100)) => {
                format!("{years} lata")
            }
            Lang::Pl => format!("{years} lat"),
            Lang::En if years == 1 => "1 year".to_string(),
            Lang::En => format!("{years} years"),
        }
    }

    pub fn exported(&self, path: &str) -> String {
        let path = crate::domain::text::display_safe(path);
        match self.lang {
            Lang::Pl => format!("Zapisano raport: {path}"),
            Lang::En => format!("Report saved: {path}"),
        }
    }

    pub fn too_small(&self, width: u16, height: u16) -> String {
        match self.lang {
            Lang::Pl => format!("Terminal za mały: {width}x{height}. Potrzeba co najmniej 80x24."),
            Lang::En => format!("Terminal too small: {width}x{height}. At least 80x24 is needed."),
        }
    }

    pub fn plan_line(&self, number: &str, version: i64, state: &str, start: &str, end: &str) -> String {
        match self.lang {
            Lang::Pl => format!("{number} w.{version} [{state}] {start}–{end}"),
            Lang::En => format!("{number} v.{version} [{state}] {start}–{end}"),
        }
    }

    /// A pool's status in words, so that it never relies on colour.
    pub fn pool_status(&self, status: crate::domain::quota::PoolStatus) -> &'static str {
        use crate::domain::quota::PoolStatus;
        self.pick(match status {
            PoolStatus::Ok => ("OK", "OK"),
            PoolStatus::Low => ("MAŁO", "LOW"),
            PoolStatus::None => ("BRAK", "NONE LEFT"),
            PoolStatus::Waiting => ("LISTA", "WAITLIST"),
            PoolStatus::Unlimited => ("BEZ LIMITU", "NO LIMIT"),
            PoolStatus::Suspended => ("ZAWIESZONA", "SUSPENDED"),
        })
    }

    /// The column the service base is sorted by.
    pub fn sort_key(&self, key: crate::storage::base::SortKey) -> &'static str {
        use crate::storage::base::SortKey;
        self.pick(match key {
            SortKey::Name => ("nazwa", "name"),
            SortKey::Code => ("kod", "code"),
            SortKey::Area => ("obszar", "area"),
            SortKey::Unit => ("jednostka", "unit"),
            SortKey::Provider => ("realizator", "provider"),
            SortKey::Place => ("miejsce", "place"),
            SortKey::Hours => ("godziny", "hours"),
            SortKey::Fee => ("opłata", "fee"),
            SortKey::People => ("osoby", "people"),
            SortKey::Granted => ("przyznano", "granted"),
            SortKey::Used => ("wykonano", "used"),
            SortKey::Remaining => ("zostało", "left"),
            SortKey::Waiting => ("oczekujący", "waiting"),
            SortKey::Status => ("status", "status"),
            SortKey::Updated => ("zmiana", "updated"),
        })
    }

    pub fn sorted_by(&self, key: &str, descending: bool) -> String {
        let arrow = if descending { "↓" } else { "↑" };
        match self.lang {
            Lang::Pl => format!("sort: {key} {arrow}"),
            Lang::En => format!("sort: {key} {arrow}"),
        }
    }

    pub fn delivery_days(&self, days: i64) -> String {
        match self.lang {
            Lang::Pl if days == 1 => "1 dzień".to_string(),
            Lang::Pl => format!("{days} dni"),
            Lang::En if days == 1 => "1 day".to_string(),
            Lang::En => format!("{days} days"),
        }
    }

    /// One period of a pool in the detail pane.
    pub fn pool_period(&self, label: &str, limit: i64, granted: i64, used: i64, remaining: i64) -> String {
        match self.lang {
            Lang::Pl => format!("{label}: limit {limit}, przyznano {granted}, wykonano {used}, zostało {remaining}"),
            Lang::En => format!("{label}: limit {limit}, granted {granted}, used {used}, left {remaining}"),
        }
    }

    pub fn waiting_entry(&self, name: &str, filed_on: &str, units: i64) -> String {
        match self.lang {
            Lang::Pl => format!("{name} — wniosek z {filed_on}, {units} jedn."),
            Lang::En => format!("{name} — filed {filed_on}, {units} units"),
        }
    }

    /// A service's access rule as stored, in words.
    pub fn access_rule(&self, stored: &str) -> &'static str {
        match stored {
            "otwarty" => self.pick(("otwarty", "open")),
            "kryteria" => self.pick(("według kryteriów", "by criteria")),
            "odplatnosc_czesciowa" => self.pick(("odpłatność częściowa", "partial payment")),
            _ => "?",
        }
    }

    pub fn valid_from(&self, day: &str) -> String {
        match self.lang {
            Lang::Pl => format!("od {day}"),
            Lang::En => format!("from {day}"),
        }
    }

    pub fn weekday(&self, n: u32) -> &'static str {
        let pl = ["pn", "wt", "śr", "cz", "pt", "so", "nd"];
        let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let i = (n.clamp(1, 7) - 1) as usize;
        self.pick((pl[i], en[i]))
    }

    /// Said instead of drawing when the output cannot hold a full-screen program.
    pub fn not_a_terminal(&self) -> &'static str {
        self.pick((
            "okienko: pełny ekran wymaga terminala (wyjście nie jest terminalem albo TERM=dumb).\n\
             Do wyszukiwania bez pełnego ekranu użyj: okienko find ZAPYTANIE",
            "okienko: the full-screen desk needs a terminal (output is not a terminal or TERM=dumb).\n\
             To search without the full screen use: okienko find QUERY",
        ))
    }

    pub fn unknown_lang(&self, given: &str) -> String {
        format!("nieznany język interfejsu {given:?}; do wyboru: pl, en")
    }

    pub fn unknown_color(&self, given: &str) -> String {
        format!("nieznane ustawienie kolorów {given:?}; do wyboru: auto, always, never")
    }

    pub fn keymap_error(&self, e: &KeymapError) -> String {
        let what = match (&e.problem, self.lang) {
            (KeymapProblem::Syntax(m), Lang::Pl) => format!("błąd składni TOML: {m}"),
            (KeymapProblem::Syntax(m), Lang::En) => format!("TOML syntax error: {m}"),
            (KeymapProblem::UnknownContext(c), Lang::Pl) => format!(
                "nieznany kontekst [{c}]; dostępne: {}",
                super::keymap::Context::ALL.map(|c| c.name()).join(", ")
            ),
            (KeymapProblem::UnknownContext(c), Lang::En) => {
                format!("unknown context [{c}]; known: {}", super::keymap::Context::ALL.map(|c| c.name()).join(", "))
            }
            (KeymapProblem::NotATable(c), Lang::Pl) => format!("{c} musi być tabelą [{c}] z przypisaniami klawiszy"),
            (KeymapProblem::NotATable(c), Lang::En) => format!("{c} must be a table [{c}] of key bindings"),
            (KeymapProblem::UnknownKey(k), Lang::Pl) => format!(
                "nieznany klawisz {k:?} (przykłady: F1, ctrl-q, shift-tab, esc, enter, up, pgdn, home, j, \"g g\")"
            ),
            (KeymapProblem::UnknownKey(k), Lang::En) => {
                format!("unknown key {k:?} (examples: F1, ctrl-q, shift-tab, esc, enter, up, pgdn, home, j, \"g g\")")
            }
            (KeymapProblem::NotAnActionName(k), Lang::Pl) => {
                format!("klawisz {k:?} musi mieć nazwę czynności w cudzysłowie, np. \"help\"")
            }
            (KeymapProblem::NotAnActionName(k), Lang::En) => {
                format!("key {k:?} must be given an action name in quotes, e.g. \"help\"")
            }
            (KeymapProblem::UnknownAction(a), Lang::Pl) => format!("nieznana czynność {a:?}"),
            (KeymapProblem::UnknownAction(a), Lang::En) => format!("unknown action {a:?}"),
            (KeymapProblem::Duplicate { key, context, first_line }, Lang::Pl) => {
                format!("klawisz {key:?} przypisany drugi raz w [{context}] (pierwszy raz w wierszu {first_line})")
            }
            (KeymapProblem::Duplicate { key, context, first_line }, Lang::En) => {
                format!("key {key:?} bound a second time in [{context}] (first in line {first_line})")
            }
            (KeymapProblem::Unreadable(m), Lang::Pl) => format!("nie można odczytać pliku: {m}"),
            (KeymapProblem::Unreadable(m), Lang::En) => format!("cannot read the file: {m}"),
        };
        match (e.line, self.lang) {
            (0, _) => format!("{}: {what}", e.file),
            (line, Lang::Pl) => format!("{}, wiersz {line}: {what}", e.file),
            (line, Lang::En) => format!("{}, line {line}: {what}", e.file),
        }
    }
}

/// Digits in groups of three, as Polish writes large numbers: "10 000".
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
