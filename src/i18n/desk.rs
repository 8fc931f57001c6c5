//! The desk's texts, Polish first and English beside it, keyed by [`Text`], [`KeymapFault`] and
//! the desk's own vocabulary, which is defined here beside its labels so that nothing here
//! depends on the desk: its actions ([`Action`]) and keymap contexts ([`Context`]); the desk
//! gives them their behaviour. Data from the database is never here; it is drawn as stored.

use super::{Forms, Lang, count};

/// A fixed text of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    OutcomeTitle,
    OutcomeApplication,
    OutcomeKind,
    ForwardTo,
    ForwardWhat,
    DecisionNumber,
    DecisionDate,
    InformationNote,
    OutcomeSaved,
    RepresentativeTitle,
    RepresentativeKind,
    RepresentativeName,
    RepresentativeAddress,
    RepresentativeNote,
    RepresentativeSaved,
    WaitService,
    WaitUnits,
    ResidentTitle,
    FirstName,
    LastName,
    BirthDate,
    DocumentNo,
    Street,
    HouseNo,
    FlatNo,
    PostalCode,
    City,
    ResidentRegistered,
    EnquiryTitle,
    EnquirySaved,
    LookAlikeTitle,
    BeingRegistered,
    AlreadyRegistered,
    AlikeIn,
    SamePerson,
    OtherPerson,
    MoreLookAlikes,
    ServiceBase,
    Residents,
    Plans,
    Dashboard,
    Search,
    SearchPlaceholder,
    Loading,
    NoMatches,
    NothingMatches,
    SortByTitle,
    PlansFilterPlaceholder,
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
    Gmina,
    GminaUnknown,
    Phone,
    Email,
    Representative,
    LegalRepresentative,
    DeFactoCarer,
    ActivePlans,
    InForce,
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
    AnswerNo,
    AnswerYes,
    PrintOutputTitle,
    LineDetailTitle,
    DiscardForm,
    HelpTitle,
    ViewMissing,
    NoCardOpen,
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
    ClosureWord,
    HolidayWord,
    ClosuresLabel,
    LimitTitle,
    LimitPeriod,
    LimitUnits,
    LimitProvider,
    UsageTitle,
    UsagePlan,
    UsagePosition,
    UsageQualification,
    QualifyTitle,
    RefuseTitle,
    WaitlistTitle,
    QualifyProvider,
    QualifyAmount,
    QualifyPer,
    QualifyFrom,
    QualifyTo,
    QualifyDeclaration,
    QualifyFee,
    QualifyQueueReason,
    RefuseDecision,
    RefuseDate,
    RefuseGrounds,
    RefuseAppealRule,
    WaitlistUnits,
    NothingLeftJoinList,
    NoOpenApplication,
    QualificationSaved,
    RefusalSaved,
    WaitlistJoined,
    PickServiceToRefuse,
    LineFitsNoWait,
    PlanWithoutApplication,
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
    ContactQuality,
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
    /// A pool's status in words, so that it never relies on colour.
    PoolOk,
    PoolLow,
    PoolNone,
    PoolWaiting,
    PoolUnlimited,
    PoolSuspended,
    /// The column the service base is sorted by.
    SortName,
    SortCode,
    SortArea,
    SortUnit,
    SortProvider,
    SortPlace,
    SortHours,
    SortFee,
    SortPeople,
    SortGranted,
    SortUsed,
    SortRemaining,
    SortWaiting,
    SortStatus,
    SortUpdated,
    ReportSummary,
    ReportIndicators,
    ReportProgramme,
    ReportPoolUse,
    All,
    PlansIPUS,
    Number,
    State,
    Period,
    Resident,
    PressF4ToLoadPlans,
    NoPlans,
    Applications30DaysToDraft,
    PlansEndingSoon,
    MonitoringContactAtLeastQuarterly,
    FollowUp6MonthsAfter,
    PlansAwaitingApproval,
    DraftsUntouched,
    Waiting,
    Untouched,
    Today,
    Left,
    InDays,
    Ended,
    Overdue,
    Deadline,
    Until,
    Due,
    Since,
    SinceToday,
    Refreshing,
    DashboardLoading,
    NoneDue,
    Coordinators,
    CoordinatorInProgressDraftsOverdue,
    Unassigned,
    CannotSubmit,
    CannotChange,
    SubmittedForApproval,
    ReturnedForCorrections,
    PlanApproved,
    DaysLeftToDraft,
    PastDraftingDeadlineBy,
    PlanEnded,
    ReadOnly,
    MergeTitle,
    MergeStored,
    MergeTyped,
    MergePending,
    MergeSaved,
    Saving,
    Saved,
    Revision,
    ResidentAndNeedsSwitched,
    ResidentAndNeeds,
    Assessment,
    Returned,
    MonitoringContacts,
    Last,
    NextBy,
    FollowUpDone,
    FollowUpDueBy,
    PlanLinesSwitched,
    PlanLinesTitle,
    ResignedFrom,
    PoolChecking,
    NotRationed,
    Pool,
    PoolDoesNotFit,
    AddLine,
    SupportingActions,
    AddSupportingAction,
    PickServiceTitle,
    Suspended,
    LineTitle,
    PlanPeriodStart,
    PlanPeriodEnd,
    PlanNeeds,
    PlanExpectedEffects,
    PlanQualityCheck,
    LineAmount,
    LinePer,
    LineCap,
    LineCapPer,
    LineFrom,
    LineTo,
    LineSchedule,
    LinePlaceForm,
    LineScope,
    LineProvider,
    NoProvider,
    UnknownProvider,
    ProviderLeft,
    LineFee,
    FreedPlaces,
    LineNeedsPositive,
    LineNeedsPer,
    LineNeedsDate,
    LineEndsBeforeStart,
    /// A plan version's state, and where a plan stands.
    StateDraft,
    StateSubmitted,
    StateApproved,
    StateReturned,
    StateSuperseded,
    StandingOverdue,
    StandingEnded,
    DraftPlanTitle,
    OpenApplicationsTitle,
    ApplicationsLoading,
    NoOpenApplications,
    NoApplicationMatches,
    ListFilterPlaceholder,
    ApplicationLoading,
    ShownFiled,
    ApplicationDeadline,
    ShownSummary,
    ApplicationAssessment,
    ApplicationDone,
    NothingDoneYet,
    ShownProblems,
    ShownNeeds,
    ShownReadiness,
    ShownWanted,
    PickPartnerTitle,
    ApplicationOpenState,
    ApplicationClosedState,
    NoPartners,
    DeadlineToday,
    PlanDrafted,
    OutcomesOffered,
    PickApplicationTitle,
    Printouts,
    /// The full needs assessment (IDP) with the application, and its rows of services.
    ApplicationOnlyTitle,
    SectionApplication,
    SectionAssessment,
    SectionDraft,
    ApplicantEmail,
    ApplicantAddress,
    AssessedOn,
    Occupation,
    Employment,
    MaritalStatus,
    HouseholdSize,
    Readiness,
    AssessmentNotes,
    RowService,
    RowUnit,
    RowQuantity,
    RowFrequency,
    /// Beside the arrows of a form that has more fields above or below.
    FormMore,
}

fn text(t: Text) -> (&'static str, &'static str) {
    match t {
        Text::ResidentTitle => ("Rejestracja mieszkańca", "Register a resident"),
        Text::OutcomeTitle => ("Rozpatrzenie wniosku", "Application outcome"),
        Text::OutcomeApplication => ("Nr wniosku", "Application no."),
        Text::OutcomeKind => ("Rozstrzygnięcie", "Outcome"),
        Text::ForwardTo => ("Przekazano do", "Forwarded to"),
        Text::ForwardWhat => ("Co przesłano, powód", "What was sent, why"),
        Text::DecisionNumber => ("Nr decyzji (odmowa)", "Decision no. (refusal)"),
        Text::DecisionDate => ("Data decyzji", "Decision date"),
        Text::InformationNote => ("Udzielona informacja", "Information given"),
        Text::OutcomeSaved => ("Zapisano rozstrzygnięcie wniosku", "Application outcome saved"),
        Text::RepresentativeTitle => ("Przedstawiciel lub opiekun (art. 35)", "Representative or carer (art. 35)"),
        Text::RepresentativeKind => ("Kto", "Who"),
        Text::RepresentativeName => ("Imię i nazwisko", "Full name"),
        Text::RepresentativeAddress => ("Adres", "Address"),
        Text::RepresentativeNote => ("Uwagi", "Remarks"),
        Text::RepresentativeSaved => ("Zapisano przedstawiciela", "Representative saved"),
        Text::WaitService => ("Kod usługi (lista oczek.)", "Service code (waiting list)"),
        Text::WaitUnits => ("Jednostek", "Units"),
        Text::FirstName => ("Imię", "First name"),
        Text::LastName => ("Nazwisko", "Last name"),
        Text::BirthDate => ("Data urodzenia", "Birth date"),
        Text::DocumentNo => ("Nr dokumentu (bez PESEL)", "Document no. (no PESEL)"),
        Text::Street => ("Ulica", "Street"),
        Text::HouseNo => ("Nr domu", "House no."),
        Text::FlatNo => ("Nr lokalu", "Flat no."),
        Text::PostalCode => ("Kod pocztowy", "Postal code"),
        Text::City => ("Miejscowość", "Town"),
        Text::ResidentRegistered => ("Zarejestrowano mieszkańca", "Resident registered"),
        Text::EnquiryTitle => ("Informacja bez rejestracji", "Enquiry without registration"),
        Text::EnquirySaved => ("Zapisano informację bez rejestracji", "Enquiry without registration saved"),
        Text::LookAlikeTitle => ("Czy to ta sama osoba?", "Is this the same person?"),
        Text::BeingRegistered => ("Rejestrowana", "Being registered"),
        Text::AlreadyRegistered => ("W bazie", "Registered"),
        Text::AlikeIn => ("Zgodne", "Alike in"),
        Text::SamePerson => ("to ta sama osoba (otwórz kartę)", "the same person (open the card)"),
        Text::OtherPerson => ("inna osoba (zarejestruj)", "another person (register)"),
        Text::MoreLookAlikes => ("podobnych osób w bazie:", "similar people registered:"),
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
        Text::NothingMatches => ("Nic nie pasuje do filtra", "Nothing matches the filter"),
        Text::SortByTitle => ("Sortuj według", "Sort by"),
        Text::PlansFilterPlaceholder => {
            ("pisz, by zawęzić: numer, nazwisko, stan", "type to narrow: number, name, state")
        }
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
        Text::Gmina => ("Gmina", "Gmina"),
        Text::GminaUnknown => {
            ("nieustalona (adres spoza gmin partnerstwa)", "unknown (address in no gmina of the partnership)")
        }
        Text::Phone => ("Telefon", "Phone"),
        Text::Email => ("E-mail", "E-mail"),
        Text::Representative => ("Przedstawiciel/opiekun", "Representative/carer"),
        Text::LegalRepresentative => ("przedstawiciel ustawowy", "legal representative"),
        Text::DeFactoCarer => ("opiekun faktyczny", "de facto carer"),
        Text::ActivePlans => ("Plany (IPUS)", "Plans (IPUS)"),
        Text::InForce => ("Usługi przyznane", "Services in force"),
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
        Text::PhoneCopied => (
            "Telefon wysłany do schowka terminala (OSC 52; PuTTY go nie przyjmuje)",
            "Phone sent to the terminal's clipboard (OSC 52; PuTTY ignores it)",
        ),
        Text::PeselCopied => (
            "PESEL wysłany do schowka terminala (OSC 52; PuTTY nie), zapisano w dzienniku",
            "PESEL sent to the terminal's clipboard (OSC 52; not PuTTY), logged",
        ),
        Text::NoPhone => ("Mieszkaniec nie ma telefonu", "The resident has no phone"),
        Text::NoPesel => ("Mieszkaniec nie ma numeru PESEL", "The resident has no PESEL"),
        Text::ErrorTitle => ("Błąd", "Error"),
        Text::ConfirmTitle => ("Potwierdź", "Confirm"),
        Text::AnswerNo => ("Nie", "No"),
        Text::AnswerYes => ("Tak", "Yes"),
        Text::PrintOutputTitle => ("Polecenie drukowania napisało", "The print command wrote"),
        Text::LineDetailTitle => ("Pozycja planu", "Plan line"),
        Text::DiscardForm => ("Porzucić wpisane dane?", "Discard what was typed?"),
        Text::HelpTitle => ("Pomoc: klawisze", "Help: keys"),
        Text::ViewMissing => ("Ten widok nie jest jeszcze dostępny", "This view is not available yet"),
        Text::NoCardOpen => ("Najpierw otwórz kartę mieszkańca (Enter)", "Open a resident's card first (Enter)"),
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
            ("/ szukaj; obszar: grupa: miejsce: gmina: dzień:", "/ search; obszar: grupa: miejsce: gmina: dzień:")
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
        Text::ClosureWord => ("zamknięcie", "closure"),
        Text::HolidayWord => ("święto", "holiday"),
        Text::ClosuresLabel => ("Zamknięcia", "Closures"),
        Text::LimitTitle => ("Limit puli w jednym okresie", "Pool limit for one period"),
        Text::LimitPeriod => ("Okres", "Period"),
        Text::LimitUnits => ("Jednostek", "Units"),
        Text::LimitProvider => ("Realizator (gdy kilka pul)", "Provider (several pools)"),
        Text::UsageTitle => ("Wykonanie usługi z planu lub zakwalifikowania", "Usage under a plan or qualification"),
        Text::UsagePlan => ("Numer planu", "Plan number"),
        Text::UsagePosition => ("Pozycja planu", "Plan line"),
        Text::UsageQualification => ("Albo nr zakwalifikowania", "Or qualification no."),
        Text::QualifyTitle => ("Zakwalifikowanie do usługi bez IPUS", "Qualification for a service without an IPUS"),
        Text::RefuseTitle => ("Odmowa zakwalifikowania (decyzja)", "Refusal of qualification (decision)"),
        Text::WaitlistTitle => ("Wpis na listę oczekujących", "Joining the waiting list"),
        Text::QualifyProvider => ("Realizator", "Provider"),
        Text::QualifyAmount => ("Ilość", "Amount"),
        Text::QualifyPer => ("Na", "Per"),
        Text::QualifyFrom => ("Od", "From"),
        Text::QualifyTo => ("Do", "To"),
        Text::QualifyDeclaration => ("Oświadczenie z dnia", "Declaration dated"),
        Text::QualifyFee => ("Odpłatność", "Fee note"),
        Text::QualifyQueueReason => ("Powód pierwszeństwa", "Why ahead of the queue"),
        Text::RefuseDecision => ("Numer decyzji", "Decision number"),
        Text::RefuseDate => ("Data decyzji", "Decision date"),
        Text::RefuseGrounds => ("Uzasadnienie", "Grounds"),
        Text::RefuseAppealRule => (
            "Odwołanie: 14 dni od daty decyzji (termin podany w potwierdzeniu)",
            "Appeal: 14 days from the decision's date (the deadline is shown when confirming)",
        ),
        Text::WaitlistUnits => ("Jednostek potrzeba", "Units wanted"),
        Text::NothingLeftJoinList => (
            "Brak miejsc w puli tej usługi: można tylko wpisać wniosek na listę oczekujących",
            "Nothing left in this service's pool: the application can only join the waiting list",
        ),
        Text::NoOpenApplication => (
            "Mieszkaniec nie ma otwartego wniosku: najpierw przyjmij wniosek",
            "The resident has no open application: register one first",
        ),
        Text::QualificationSaved => ("Zakwalifikowano do usługi", "Qualified for the service"),
        Text::RefusalSaved => ("Zapisano decyzję o odmowie", "The refusal decision is recorded"),
        Text::WaitlistJoined => ("Wpisano na listę oczekujących", "Added to the waiting list"),
        Text::PickServiceToRefuse => ("Usługa, której dotyczy odmowa", "The service refused"),
        Text::LineFitsNoWait => (
            "Ta pozycja mieści się w puli: lista oczekujących jest dla pozycji z BRAK MIEJSC",
            "This line fits its pool: the waiting list is for lines that do not fit",
        ),
        Text::PlanWithoutApplication => (
            "Plan nie ma wniosku: na listę oczekujących wpisuje się wniosek",
            "The plan has no application: the waiting list takes applications",
        ),
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
        Text::ContactQuality => ("Kontrola jakości", "Quality check"),
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
        Text::PoolOk => ("OK", "OK"),
        Text::PoolLow => ("MAŁO", "LOW"),
        Text::PoolNone => ("BRAK", "NONE LEFT"),
        Text::PoolWaiting => ("LISTA", "WAITLIST"),
        Text::PoolUnlimited => ("BEZ LIMITU", "NO LIMIT"),
        Text::PoolSuspended => ("ZAWIESZONA", "SUSPENDED"),
        Text::SortName => ("nazwa", "name"),
        Text::SortCode => ("kod", "code"),
        Text::SortArea => ("obszar", "area"),
        Text::SortUnit => ("jednostka", "unit"),
        Text::SortProvider => ("realizator", "provider"),
        Text::SortPlace => ("miejsce", "place"),
        Text::SortHours => ("godziny", "hours"),
        Text::SortFee => ("opłata", "fee"),
        Text::SortPeople => ("osoby", "people"),
        Text::SortGranted => ("przyznano", "granted"),
        Text::SortUsed => ("wykonano", "used"),
        Text::SortRemaining => ("zostało", "left"),
        Text::SortWaiting => ("oczekujący", "waiting"),
        Text::SortStatus => ("status", "status"),
        Text::SortUpdated => ("zmiana", "updated"),
        Text::ReportSummary => ("Półrocze", "Half-year"),
        Text::ReportIndicators => ("Wskaźniki", "Indicators"),
        Text::ReportProgramme => ("Program roczny", "Yearly programme"),
        Text::ReportPoolUse => ("Pule usług", "Service pools"),
        Text::All => ("wszystkie", "all"),
        Text::PlansIPUS => ("Plany (IPUS)", "Plans (IPUS)"),
        Text::Number => ("Numer", "Number"),
        Text::State => ("Stan", "State"),
        Text::Period => ("Okres", "Period"),
        Text::Resident => ("Mieszkaniec", "Resident"),
        Text::PressF4ToLoadPlans => ("Naciśnij F4 lub Enter, aby wczytać plany", "Press F4 or Enter to load the plans"),
        Text::NoPlans => ("Brak planów", "No plans"),
        Text::Applications30DaysToDraft => {
            ("Wnioski: 30 dni na sporządzenie planu (art. 40)", "Applications: 30 days to draft a plan (art. 40)")
        }
        Text::PlansEndingSoon => ("Plany kończące się w ciągu 30 dni", "Plans ending within 30 days"),
        Text::MonitoringContactAtLeastQuarterly => {
            ("Kontakt monitorujący (co najmniej raz na kwartał)", "Monitoring contact (at least quarterly)")
        }
        Text::FollowUp6MonthsAfter => {
            ("Rozmowa 6 miesięcy po zakończeniu planu", "Follow-up 6 months after a plan ended")
        }
        Text::PlansAwaitingApproval => ("Plany do zatwierdzenia", "Plans awaiting approval"),
        Text::DraftsUntouched => ("Szkice bez zmian od ponad 2 dni", "Drafts untouched for over 2 days"),
        Text::Waiting => ("czeka", "waiting"),
        Text::Untouched => ("bez zmian", "untouched"),
        Text::Today => ("dziś", "today"),
        Text::Left => ("zostało", "left"),
        Text::InDays => ("za", "in"),
        Text::Ended => ("po końcu", "ended"),
        Text::Overdue => ("po terminie", "overdue"),
        Text::Deadline => ("termin", "deadline"),
        Text::Until => ("do", "until"),
        Text::Due => ("termin", "due"),
        Text::Since => ("od", "since"),
        Text::SinceToday => ("od dziś", "since today"),
        Text::Refreshing => ("odświeżanie", "refreshing"),
        Text::DashboardLoading => ("Wczytywanie", "Loading"),
        Text::NoneDue => ("brak", "none"),
        Text::Coordinators => ("Koordynatorzy", "Coordinators"),
        Text::CoordinatorInProgressDraftsOverdue => (
            "koordynator           w realizacji  szkice  wnioski po terminie  monitoring",
            "coordinator            in progress  drafts  overdue applications  monitoring",
        ),
        Text::Unassigned => ("(nieprzydzielone)", "(unassigned)"),
        Text::CannotSubmit => ("Tej wersji nie można złożyć", "This version cannot be submitted"),
        Text::CannotChange => ("Tej wersji nie można zmieniać", "This version cannot be changed"),
        Text::SubmittedForApproval => ("Złożono do zatwierdzenia", "Submitted for approval"),
        Text::ReturnedForCorrections => ("Zwrócono do poprawy", "Returned for corrections"),
        Text::PlanApproved => ("Zatwierdzono plan", "Plan approved"),
        Text::DaysLeftToDraft => ("dni na sporządzenie:", "days left to draft:"),
        Text::PastDraftingDeadlineBy => ("po terminie 30 dni o", "past the 30 days by"),
        Text::PlanEnded => ("zakończony", "ended"),
        Text::ReadOnly => ("tylko do odczytu", "read only"),
        Text::MergeTitle => ("Plan zmieniono w międzyczasie", "The plan changed meanwhile"),
        Text::MergeStored => ("zapisane", "saved"),
        Text::MergeTyped => ("wpisane przez Ciebie", "typed by you"),
        Text::MergePending => (
            "niezapisane: plan zmieniono w międzyczasie — Enter: połącz zmiany",
            "not saved: the plan changed meanwhile — Enter: merge the changes",
        ),
        Text::MergeSaved => ("Połączono; zapisuję jako nową zmianę", "Merged; saving as a new revision"),
        Text::Saving => ("zapisywanie…", "saving…"),
        Text::Saved => ("zapisano", "saved"),
        Text::Revision => ("zmiana", "revision"),
        Text::ResidentAndNeedsSwitched => {
            ("Mieszkaniec i potrzeby [Tab: dalej, do pozycji]", "Resident and needs [Tab: on to the lines]")
        }
        Text::ResidentAndNeeds => ("Mieszkaniec i potrzeby", "Resident and needs"),
        Text::Assessment => ("Diagnoza", "Assessment"),
        Text::Returned => ("Zwrócono", "Returned"),
        Text::MonitoringContacts => ("Kontakty monitorujące:", "Monitoring contacts:"),
        Text::Last => ("ostatni", "last"),
        Text::NextBy => ("następny do", "next by"),
        Text::FollowUpDone => ("Monitoring po zakończeniu:", "Follow-up after the end:"),
        Text::FollowUpDueBy => ("Monitoring po zakończeniu do", "Follow-up after the end by"),
        Text::PlanLinesSwitched => ("Pozycje planu [Tab: potrzeby]", "Plan lines [Tab: needs]"),
        Text::PlanLinesTitle => ("Pozycje planu i pule", "Plan lines and pools"),
        Text::ResignedFrom => ("rezygnacja od", "resigned from"),
        Text::PoolChecking => ("pula: sprawdzanie…", "pool: checking…"),
        Text::NotRationed => ("bez limitu", "not rationed"),
        Text::Pool => ("pula", "pool"),
        Text::PoolDoesNotFit => ("BRAK MIEJSC", "DOES NOT FIT"),
        Text::AddLine => ("dodaj usługę z bazy (Enter)", "add a service from the base (Enter)"),
        Text::SupportingActions => ("Działania wspierające", "Supporting actions"),
        Text::AddSupportingAction => ("dodaj działanie wspierające (Enter)", "add a supporting action (Enter)"),
        Text::PickServiceTitle => ("Baza usług: wybierz usługę", "Service base: pick a service"),
        Text::Suspended => ("zawieszona", "suspended"),
        Text::LineTitle => ("Pozycja:", "Line:"),
        Text::PlanPeriodStart => ("Początek okresu", "Period start"),
        Text::PlanPeriodEnd => ("Koniec okresu", "Period end"),
        Text::PlanNeeds => ("Potrzeby", "Needs"),
        Text::PlanExpectedEffects => ("Oczekiwane efekty", "Expected effects"),
        Text::PlanQualityCheck => ("Ocena jakości (jak często)", "Quality check (how often)"),
        Text::LineAmount => ("Ilość", "Amount"),
        Text::LinePer => ("Na (tydzień/miesiąc/rok/plan)", "Per (week/month/year/plan)"),
        Text::LineCap => ("Limit (puste: bez)", "Cap (empty: none)"),
        Text::LineCapPer => ("Limit na", "Cap per"),
        Text::LineFrom => ("Od", "From"),
        Text::LineTo => ("Do", "To"),
        Text::LineSchedule => ("Harmonogram", "Schedule"),
        Text::LinePlaceForm => ("Miejsce i forma", "Place and form"),
        Text::LineScope => ("Zakres", "Scope"),
        Text::LineProvider => ("Realizator", "Provider"),
        Text::NoProvider => ("— nie wskazano —", "— none named —"),
        Text::UnknownProvider => ("wpisz jednego z realizatorów usługi", "type one of the service's providers"),
        Text::ProviderLeft => ("zostało", "left"),
        Text::LineFee => ("Opłata za jednostkę", "Fee per unit"),
        Text::FreedPlaces => ("Zwolniły się miejsca", "Places have freed"),
        Text::LineNeedsPositive => ("liczba większa od zera", "a number greater than zero"),
        Text::LineNeedsPer => ("tydzień, miesiąc, rok albo plan", "week, month, year or plan"),
        Text::LineNeedsDate => ("data w postaci RRRR-MM-DD", "a date as YYYY-MM-DD"),
        Text::LineEndsBeforeStart => ("koniec przed początkiem", "ends before it starts"),
        Text::StateDraft => ("szkic", "draft"),
        Text::StateSubmitted => ("złożony", "submitted"),
        Text::StateApproved => ("zatwierdzony", "approved"),
        Text::StateReturned => ("zwrócony", "returned"),
        Text::StateSuperseded => ("zastąpiony", "superseded"),
        Text::StandingOverdue => ("po terminie", "overdue"),
        Text::StandingEnded => ("zakończony", "ended"),
        Text::DraftPlanTitle => ("Szkic planu (IPUS) do wniosku", "Plan draft (IPUS) for the application"),
        Text::OpenApplicationsTitle => ("Otwarte wnioski", "Open applications"),
        Text::ApplicationsLoading => ("Wczytywanie wniosków", "Loading applications"),
        Text::NoOpenApplications => ("Brak otwartych wniosków", "No open applications"),
        Text::NoApplicationMatches => ("Żaden otwarty wniosek nie pasuje", "No open application matches"),
        Text::ListFilterPlaceholder => ("pisz, aby zawęzić listę", "type to narrow the list"),
        Text::ApplicationLoading => ("Wczytywanie wniosku", "Loading the application"),
        Text::ShownFiled => ("Złożony", "Filed"),
        Text::ApplicationDeadline => ("Termin", "Deadline"),
        Text::ShownSummary => ("Treść", "Summary"),
        Text::ApplicationAssessment => ("Diagnoza potrzeb", "Needs assessment"),
        Text::ApplicationDone => ("Co zrobiono", "What has been done"),
        Text::NothingDoneYet => ("nic jeszcze", "nothing yet"),
        Text::ShownProblems => ("problemy", "problems"),
        Text::ShownNeeds => ("potrzeby", "needs"),
        Text::ShownReadiness => ("gotowość", "readiness"),
        Text::ShownWanted => ("usługi oczekiwane", "services wanted"),
        Text::PickPartnerTitle => ("Przekaż do: wybierz partnera", "Forward to: pick a partner"),
        Text::ApplicationOpenState => ("w toku", "open"),
        Text::ApplicationClosedState => ("rozpatrzony", "decided"),
        Text::NoPartners => {
            ("Brak partnerów w katalogu: wpisz, dokąd przekazano", "No partners listed: type where it went")
        }
        Text::DeadlineToday => ("termin dziś", "due today"),
        Text::PlanDrafted => ("Szkic planu utworzony", "Plan draft created"),
        Text::OutcomesOffered => ("Rozstrzygnięcia", "Outcomes"),
        Text::PickApplicationTitle => ("Który wniosek?", "Which application?"),
        Text::Printouts => ("Wydruki", "Printouts"),
        Text::ApplicationOnlyTitle => ("Wniosek o usługi", "Application for services"),
        Text::SectionApplication => ("Wniosek", "Application"),
        Text::SectionAssessment => ("Diagnoza potrzeb (IDP)", "Needs assessment (IDP)"),
        Text::SectionDraft => ("Szkic planu", "Plan draft"),
        Text::ApplicantEmail => ("E-mail wnioskodawcy", "Applicant's e-mail"),
        Text::ApplicantAddress => ("Adres wnioskodawcy", "Applicant's address"),
        Text::AssessedOn => ("Data diagnozy", "Assessed on"),
        Text::Occupation => ("Zawód", "Occupation"),
        Text::Employment => ("Sytuacja zawodowa", "Employment"),
        Text::MaritalStatus => ("Stan cywilny", "Marital status"),
        Text::HouseholdSize => ("Osób w gospodarstwie", "Household size"),
        Text::Readiness => ("Gotowość do zmiany", "Readiness for change"),
        Text::AssessmentNotes => ("Uwagi do diagnozy", "Assessment remarks"),
        Text::RowService => ("Usługa", "Service"),
        Text::RowUnit => ("Jednostka", "Unit"),
        Text::RowQuantity => ("Ilość", "Qty"),
        Text::RowFrequency => ("Częstotliwość", "Frequency"),
        Text::FormMore => ("więcej", "more"),
    }
}

/// Something a person can do at the desk: keymap files bind keys to these names (snake_case),
/// and the help popup and the hint line name each in the desk's language. A misspelt name is a
/// load error, never a silent no-op. The desk gives them their behaviour (`tui::action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Help,
    Residents,
    ServiceBase,
    Plans,
    Dashboard,
    Quit,
    Back,
    NextPane,
    PrevPane,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Open,
    FocusSearch,
    FocusList,
    ClearQuery,
    DeleteBack,
    MoveLeft,
    MoveRight,
    LineStart,
    LineEnd,
    NextField,
    PrevField,
    Confirm,
    Cancel,
    NewVisit,
    NewApplication,
    /// Qualifies the applicant on the card's open application for one service (art. 42).
    Qualify,
    /// Records a refusal to qualify, a decision open to appeal.
    RefuseQualification,
    /// Puts the plan's application on the waiting list of a line whose service has nothing left.
    JoinWaitlist,
    PrintPlan,
    SubmitPlan,
    ApprovePlan,
    RemoveLine,
    ReturnPlan,
    /// Long text shown whole (wrapped) instead of cut with an ellipsis, and back.
    ShowWhole,
    RevealPesel,
    CopyPhone,
    CopyPesel,
    FreezeLive,
    /// Opens the list of sort orders to pick one from (`sort_next` in older keymap files).
    #[serde(alias = "sort_next")]
    SortBy,
    SortReverse,
    FilterRemaining,
    FilterOpenNow,
    EditLimit,
    ToggleSuspend,
    AddService,
    EditService,
    RecordUsage,
    RecordMonitoring,
    ResignPlan,
    CompletePlan,
    RecordFollowUp,
    UpdatePlan,
    OpenReports,
    ExportReport,
    /// Moves between "no" and "yes" in a confirmation.
    ChooseAnswer,
    /// Draws the whole screen again (after something else wrote over it).
    Repaint,
    RegisterResident,
    AnonymousEnquiry,
    ApplicationOutcome,
    AddRepresentative,
    /// The list of open applications with the 30-day countdown, or the card's application.
    OpenApplications,
    /// A plan's first draft for the application on screen.
    DraftPlan,
    /// Forwards the application to a partner team or institution.
    ForwardApplication,
    /// Ends the application as information and referral only.
    InformationOnly,
    /// Saves a long form, where Enter only moves to the next field.
    SaveForm,
    /// Adds a row to a form's list (a service used now or wanted).
    AddRow,
    /// Removes the focused row of a form's list.
    RemoveRow,
    /// Opens the service catalogue to fill the focused row's service.
    PickService,
    /// Sends the card's newest open application, with its needs assessment, to the print command.
    PrintApplication,
    /// Sends the application's latest refusal decision, the letter to sign, to the print command.
    PrintDecision,
    /// A printable character typed into a text field; never bound in a keymap.
    #[serde(skip)]
    Type(char),
}

/// Where a binding applies (a table of a keymap file), and a group of bindings in the help
/// popup. A view names the contexts in effect for its focused pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Search,
    List,
    Card,
    Form,
    Popup,
    Base,
    Plan,
    Reports,
    Application,
}

fn command(action: Action) -> (&'static str, &'static str) {
    match action {
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
        Action::Qualify => ("zakwalifikuj", "qualify"),
        Action::RefuseQualification => ("odmowa zakwalifikowania", "refuse qualification"),
        Action::JoinWaitlist => ("na listę oczekujących", "join the waiting list"),
        Action::PrintPlan => ("drukuj plan", "print the plan"),
        Action::SubmitPlan => ("złóż plan", "submit the plan"),
        Action::ApprovePlan => ("zatwierdź plan", "approve the plan"),
        Action::RemoveLine => ("usuń pozycję", "remove the line"),
        Action::ReturnPlan => ("zwróć do poprawy", "return for corrections"),
        Action::ShowWhole => ("cały tekst", "whole text"),
        Action::RevealPesel => ("pokaż PESEL", "reveal PESEL"),
        Action::CopyPhone => ("kopiuj telefon", "copy phone"),
        Action::CopyPesel => ("kopiuj PESEL", "copy PESEL"),
        Action::FreezeLive => ("zamroź/odśwież", "freeze/live"),
        Action::SortBy => ("sortuj według…", "sort by…"),
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
        Action::Repaint => ("odśwież ekran", "repaint the screen"),
        Action::ChooseAnswer => ("nie / tak", "no / yes"),
        Action::RegisterResident => ("zarejestruj osobę", "register a person"),
        Action::AnonymousEnquiry => ("informacja bez rejestracji", "enquiry without registration"),
        Action::ApplicationOutcome => ("rozpatrz wniosek", "decide an application"),
        Action::AddRepresentative => ("przedstawiciel lub opiekun", "representative or carer"),
        Action::OpenApplications => ("wnioski", "applications"),
        Action::DraftPlan => ("szkic planu", "draft a plan"),
        Action::ForwardApplication => ("przekaż", "forward"),
        Action::InformationOnly => ("tylko informacja", "information only"),
        Action::SaveForm => ("zapisz", "save"),
        Action::AddRow => ("dodaj wiersz", "add a row"),
        Action::RemoveRow => ("usuń wiersz", "remove the row"),
        Action::PickService => ("z bazy usług", "from the service base"),
        Action::PrintApplication => ("drukuj wniosek", "print the application"),
        Action::PrintDecision => ("drukuj decyzję", "print the decision"),
        Action::Type(_) => ("pisz", "type"),
    }
}

/// What is wrong with a keymap file, with the text quoted from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeymapFault<'a> {
    Syntax(&'a str),
    /// `known` lists the contexts a file may name.
    UnknownContext {
        given: &'a str,
        known: &'a str,
    },
    NotATable(&'a str),
    UnknownKey(&'a str),
    NotAnActionName(&'a str),
    UnknownAction(&'a str),
    Duplicate {
        key: &'a str,
        context: &'a str,
        first_line: usize,
    },
    LetterIsText {
        key: &'a str,
        context: &'a str,
    },
    Unreadable(&'a str),
}

/// What cannot be undone, as a confirmation names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect<'a> {
    ResignPlan {
        on: chrono::NaiveDate,
        informed: chrono::NaiveDate,
    },
    ResignLine {
        position: usize,
        on: chrono::NaiveDate,
        informed: chrono::NaiveDate,
    },
    Complete {
        on: chrono::NaiveDate,
    },
    Return,
    Submit {
        version: u32,
    },
    Approve {
        version: u32,
    },
    NewVersion,
    RemoveLine {
        position: usize,
        service: &'a str,
    },
    Suspend {
        service: &'a str,
    },
    Resume {
        service: &'a str,
    },
    SetLimit {
        period: &'a str,
        units: i64,
    },
    Qualify {
        units: i64,
        per: &'a str,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    Refuse {
        decision: &'a str,
        on: chrono::NaiveDate,
        appeal_until: chrono::NaiveDate,
    },
    JoinWaitlist {
        units: i64,
    },
    Overwrite {
        path: &'a str,
    },
    /// Leaving a plan whose typed content could not be saved.
    DiscardTyped,
    /// An application forwarded to another team or institution.
    Forward {
        to: &'a str,
    },
    InformationOnly,
    /// An application put on a service's waiting list.
    WaitForService {
        service: &'a str,
        units: i64,
    },
    /// A plan's first draft for an application.
    DraftPlan {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
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

    pub fn command(&self, action: Action) -> &'static str {
        self.pick(command(action))
    }

    pub fn help_section(&self, context: Context) -> &'static str {
        self.pick(match context {
            Context::Global => ("Wszędzie", "Everywhere"),
            Context::Search => ("Wyszukiwanie", "Search box"),
            Context::List => ("Lista", "List"),
            Context::Card => ("Karta", "Card"),
            Context::Form => ("Formularz", "Form"),
            Context::Popup => ("Okienka", "Popups"),
            Context::Base => ("Baza usług", "Service base"),
            Context::Plan => ("Plan", "Plan"),
            Context::Reports => ("Pulpit i raporty", "Dashboard and reports"),
            Context::Application => ("Wniosek", "Application"),
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

    /// "20 z 345", or "100 z ponad 10 000" when the count stopped at `total`.
    pub fn shown_of_count(&self, shown: usize, total: usize, more: bool) -> String {
        let n = group_thousands(total);
        match (self.lang, more) {
            (Lang::Pl, false) => format!("{shown} z {n}"),
            (Lang::Pl, true) => format!("{shown} z ponad {n}"),
            (Lang::En, false) => format!("{shown} of {n}"),
            (Lang::En, true) => format!("{shown} of over {n}"),
        }
    }

    pub fn shown_of_total(&self, shown: usize, total: usize) -> String {
        match self.lang {
            Lang::Pl => format!("{shown} z {total}"),
            Lang::En => format!("{shown} of {total}"),
        }
    }

    pub fn residents_loaded(&self, count: usize) -> String {
        match self.lang {
            Lang::Pl => format!("W bazie: {count} mieszkańców"),
            Lang::En => format!("In the database: {count} residents"),
        }
    }

    pub fn age(&self, years: u32) -> String {
        let forms = match self.lang {
            Lang::Pl => Forms { one: "rok", few: "lata", many: "lat" },
            Lang::En => Forms { one: "year", few: "years", many: "years" },
        };
        count(self.lang, years.into(), forms)
    }

    /// `path` comes already made safe for the terminal.
    pub fn exported(&self, path: &str) -> String {
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

    /// A service in force on the card: what is granted, by whom, and what was used of it in the
    /// current period; `per` is the amount's period code (`week`, `month`, `year`, `plan`).
    pub fn in_force_line(
        &self,
        service: &str,
        provider: Option<&str>,
        units: u32,
        per: &str,
        used: u32,
        granted: u32,
    ) -> String {
        let provider = provider.map(|p| format!(" · {p}")).unwrap_or_default();
        match self.lang {
            Lang::Pl => {
                let (per, now) = match per {
                    "week" => ("tydzień", "w tym tygodniu"),
                    "month" => ("miesiąc", "w tym miesiącu"),
                    "year" => ("rok", "w tym roku"),
                    _ => ("cały okres", "w całym okresie"),
                };
                format!("{service}{provider} · {units} / {per} · {now} {used} z {granted}")
            }
            Lang::En => {
                let (per, now) = match per {
                    "week" => ("week", "this week"),
                    "month" => ("month", "this month"),
                    "year" => ("year", "this year"),
                    _ => ("whole span", "over the span"),
                };
                format!("{service}{provider} · {units} / {per} · {now} {used} of {granted}")
            }
        }
    }

    /// A place on a waiting list, numbered in filing order.
    pub fn waiting_place(&self, service: &str, position: usize, since: chrono::NaiveDate) -> String {
        match self.lang {
            Lang::Pl => format!("lista oczekujących: {service}, {position}. miejsce, od {since}"),
            Lang::En => format!("waiting list: {service}, place {position}, since {since}"),
        }
    }

    /// Ended plans folded into one line of the card.
    pub fn ended_plans(&self, n: usize) -> String {
        match self.lang {
            Lang::Pl => format!("zakończone plany: {n}"),
            Lang::En => format!("ended plans: {n}"),
        }
    }

    /// A single service granted without a plan, as the card lists it beside the plans.
    pub fn qualification_line(
        &self,
        service: &str,
        units: u32,
        unit: &str,
        per: &str,
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
    ) -> String {
        match self.lang {
            Lang::Pl => format!("{service}: {units} {unit} / {per} {start}–{end} [zakwalifikowanie, bez IPUS]"),
            Lang::En => format!("{service}: {units} {unit} / {per} {start}–{end} [qualification, no IPUS]"),
        }
    }

    pub fn sorted_by(&self, key: &str, descending: bool) -> String {
        let arrow = if descending { "↓" } else { "↑" };
        match self.lang {
            Lang::Pl => format!("sort: {key} {arrow}"),
            Lang::En => format!("sort: {key} {arrow}"),
        }
    }

    /// One period of a pool in the detail pane.
    pub fn pool_period(&self, label: &str, limit: i64, granted: i64, used: i64, remaining: i64) -> String {
        match self.lang {
            Lang::Pl => format!("{label}: limit {limit}, przyznano {granted}, wykonano {used}, zostało {remaining}"),
            Lang::En => format!("{label}: limit {limit}, granted {granted}, used {used}, left {remaining}"),
        }
    }

    /// The waiting list of a service in the line form: how many wait and since when.
    pub fn waiting_summary(&self, waiting: usize, first: Option<chrono::NaiveDate>) -> String {
        let first = first.map(|d| d.to_string()).unwrap_or_default();
        match (self.lang, waiting) {
            (Lang::Pl, 0) => "Lista oczekujących: nikt nie czeka".to_string(),
            (Lang::En, 0) => "Waiting list: nobody waits".to_string(),
            (Lang::Pl, n) => format!("Lista oczekujących: {n} os., pierwszy wniosek z {first}"),
            (Lang::En, n) => format!("Waiting list: {n} waiting, first application of {first}"),
        }
    }

    /// One freed place on the dashboard: the service, what is left, who is first.
    pub fn freed_place(&self, service: &str, remaining: i64, first: &str, filed: &str, waiting: usize) -> String {
        match self.lang {
            Lang::Pl => format!(
                "{service}: zostało {remaining}; pierwsza w kolejce {first} (wniosek z {filed}), czeka {waiting}"
            ),
            Lang::En => {
                format!("{service}: {remaining} left; first in the queue {first} (filed {filed}), {waiting} waiting")
            }
        }
    }

    /// A waiting person in the base's detail, with the days waited.
    pub fn waiting_with_days(&self, name: &str, filed_on: &str, units: i64, days: i64) -> String {
        let waited = self.days(days);
        match self.lang {
            Lang::Pl => format!("{name} — wniosek z {filed_on}, {units} jedn., czeka {waited}"),
            Lang::En => format!("{name} — filed {filed_on}, {units} units, waiting {waited}"),
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

    /// A temporary closure of a service, as the detail lists it.
    pub fn closure(&self, from: &str, to: &str, reason: &str) -> String {
        match self.lang {
            Lang::Pl => format!("nieczynna od {from} do {to} — {reason}"),
            Lang::En => format!("closed from {from} to {to} — {reason}"),
        }
    }

    /// The day's holiday, named, and what it does to the hours.
    pub fn holiday_note(&self, code: &str) -> String {
        let name = super::codes::holiday_in(self.lang, code);
        match self.lang {
            Lang::Pl => format!("dziś święto ({name}): nieczynne, chyba że godziny obejmują święta"),
            Lang::En => format!("a public holiday today ({name}): closed unless the hours hold on holidays"),
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

    /// A service's fee: free, or an amount per unit in złoty.
    pub fn fee(&self, grosze: i64, unit: &str) -> String {
        match (self.lang, grosze) {
            (Lang::Pl, ..=0) => "bezpłatna".to_string(),
            (Lang::En, ..=0) => "free".to_string(),
            (_, g) => format!("{},{:02} zł / {unit}", g / 100, g % 100),
        }
    }

    /// A plan line's fee per unit for the resident; `None` when it is a share of an unknown price.
    pub fn line_fee(&self, grosze: Option<i64>, unit: &str) -> String {
        match (self.lang, grosze) {
            (_, Some(..=0)) => self.fee(0, unit),
            (Lang::Pl, Some(g)) => format!("opłata: {}", self.fee(g, unit)),
            (Lang::En, Some(g)) => format!("fee: {}", self.fee(g, unit)),
            (Lang::Pl, None) => "opłata: cena nieznana".to_string(),
            (Lang::En, None) => "fee: price unknown".to_string(),
        }
    }

    /// `draft` is the number of the plan's draft made with it, if any.
    pub fn application_registered(&self, id: i64, draft: Option<&str>) -> String {
        match (self.lang, draft) {
            (Lang::Pl, Some(n)) => format!("Zarejestrowano wniosek nr {id}; szkic planu {n} czeka w F4"),
            (Lang::Pl, None) => format!("Zarejestrowano wniosek nr {id}"),
            (Lang::En, Some(n)) => format!("Application no. {id} registered; the plan's draft {n} waits in F4"),
            (Lang::En, None) => format!("Application no. {id} registered"),
        }
    }

    pub fn decision_printed(&self, number: &str) -> String {
        match self.lang {
            Lang::Pl => format!("Wysłano do druku: decyzja nr {number}"),
            Lang::En => format!("Sent to the printer: decision no. {number}"),
        }
    }

    pub fn application_printed(&self, id: i64) -> String {
        match self.lang {
            Lang::Pl => format!("Wysłano do druku: wniosek nr {id} z diagnozą potrzeb"),
            Lang::En => format!("Sent to the printer: application no. {id} with its needs assessment"),
        }
    }

    pub fn printed(&self, number: &str, version: u32) -> String {
        match self.lang {
            Lang::Pl => format!("Wysłano do druku: {number} wersja {version}"),
            Lang::En => format!("Sent to the printer: {number} version {version}"),
        }
    }

    pub fn contact_recorded(&self, on: &str) -> String {
        match self.lang {
            Lang::Pl => format!("Zapisano kontakt monitorujący z {on}"),
            Lang::En => format!("Monitoring contact of {on} recorded"),
        }
    }

    pub fn line_resigned(&self, position: usize, on: &str) -> String {
        match self.lang {
            Lang::Pl => format!("Zapisano rezygnację z pozycji {position} od {on}"),
            Lang::En => format!("Resignation from line {position} as of {on} recorded"),
        }
    }

    pub fn plan_resigned(&self, on: &str) -> String {
        match self.lang {
            Lang::Pl => format!("Zapisano rezygnację z całego planu od {on}"),
            Lang::En => format!("Resignation from the whole plan as of {on} recorded"),
        }
    }

    pub fn plan_completed(&self, on: &str) -> String {
        match self.lang {
            Lang::Pl => format!("Zakończono plan; rozmowa podsumowująca {on}"),
            Lang::En => format!("Plan completed; summary conversation on {on}"),
        }
    }

    /// A draft save that lost to another person's: what was typed stays on the screen.
    pub fn save_refused(&self, reason: &str) -> String {
        match self.lang {
            Lang::Pl => {
                format!("{reason}; to, co wpisano, zostaje na ekranie — otwórz plan ponownie i przenieś zmiany")
            }
            Lang::En => {
                format!("{reason}; what you typed stays on the screen — reopen the plan and carry the changes over")
            }
        }
    }

    pub fn follow_up_recorded(&self, on: &str, early_of: Option<String>) -> String {
        match (self.lang, early_of) {
            (Lang::Pl, None) => format!("Zapisano monitoring po zakończeniu z {on}"),
            (Lang::Pl, Some(due)) => {
                format!("Zapisano monitoring po zakończeniu z {on} — wcześniej niż termin około {due}")
            }
            (Lang::En, None) => format!("Follow-up of {on} recorded"),
            (Lang::En, Some(due)) => format!("Follow-up of {on} recorded — earlier than its due date about {due}"),
        }
    }

    /// What a confirmed action will do, as the confirmation says it after naming the plan.
    pub fn effect(&self, effect: &Effect<'_>) -> String {
        match (effect, self.lang) {
            (Effect::Qualify { units, per, from, to }, Lang::Pl) => format!(
                "zakwalifikowanie bez IPUS: {units} / {per} od {from} do {to}; jednostki zajmą pulę realizatora"
            ),
            (Effect::Qualify { units, per, from, to }, Lang::En) => format!(
                "qualification without an IPUS: {units} / {per} from {from} to {to}; the units take from the provider's pool"
            ),
            (Effect::Refuse { decision, on, appeal_until }, Lang::Pl) => format!(
                "odmowa zakwalifikowania, decyzja {decision} z {on}; odwołanie można złożyć do {appeal_until} (14 dni)"
            ),
            (Effect::Refuse { decision, on, appeal_until }, Lang::En) => format!(
                "refusal of qualification, decision {decision} of {on}; an appeal may be filed until {appeal_until} (14 days)"
            ),
            (Effect::JoinWaitlist { units }, Lang::Pl) => {
                format!("wpis na listę oczekujących: {units} jedn.; kolejność według daty złożenia wniosku")
            }
            (Effect::JoinWaitlist { units }, Lang::En) => {
                format!("joins the waiting list for {units} units; the list is in filing order")
            }
            (Effect::ResignPlan { on, informed }, Lang::Pl) => {
                format!("rezygnacja z całego planu od {on}, dyrektor poinformowany {informed}; plan się kończy")
            }
            (Effect::ResignPlan { on, informed }, Lang::En) => {
                format!("resignation from the whole plan from {on}, director informed {informed}; the plan ends")
            }
            (Effect::ResignLine { position, on, informed }, Lang::Pl) => {
                format!("rezygnacja z pozycji {position} od {on}, dyrektor poinformowany {informed}")
            }
            (Effect::ResignLine { position, on, informed }, Lang::En) => {
                format!("resignation from line {position} from {on}, director informed {informed}")
            }
            (Effect::Complete { on }, Lang::Pl) => format!("zakończenie planu {on} po rozmowie podsumowującej"),
            (Effect::Complete { on }, Lang::En) => format!("the plan ends on {on} after the summary conversation"),
            (Effect::Return, Lang::Pl) => "zwrot wersji do poprawy z tym komentarzem".into(),
            (Effect::Return, Lang::En) => "the version goes back for corrections with this comment".into(),
            (Effect::Submit { version }, Lang::Pl) => format!("złożenie wersji {version} do zatwierdzenia"),
            (Effect::Submit { version }, Lang::En) => format!("version {version} goes for approval"),
            (Effect::Approve { version }, Lang::Pl) => {
                format!("zatwierdzenie wersji {version}: plan obowiązuje, usługi zajmują pulę")
            }
            (Effect::Approve { version }, Lang::En) => {
                format!("approval of version {version}: the plan is in force, its services take from the pools")
            }
            (Effect::NewVersion, Lang::Pl) => {
                "nowa wersja planu (aktualizacja); obecna obowiązuje do jej zatwierdzenia".into()
            }
            (Effect::NewVersion, Lang::En) => {
                "a new version of the plan (update); this one holds until it is approved".into()
            }
            (Effect::RemoveLine { position, service }, Lang::Pl) => format!("usunięcie pozycji {position}: {service}"),
            (Effect::RemoveLine { position, service }, Lang::En) => format!("removal of line {position}: {service}"),
            (Effect::Suspend { service }, Lang::Pl) => {
                format!("{service} · zawieszenie usługi w całym ośrodku: nikt jej nie dostanie do wznowienia")
            }
            (Effect::Suspend { service }, Lang::En) => {
                format!("{service} · the service is suspended for the whole centre until resumed")
            }
            (Effect::Resume { service }, Lang::Pl) => format!("{service} · wznowienie usługi w całym ośrodku"),
            (Effect::Resume { service }, Lang::En) => format!("{service} · the service resumes for the whole centre"),
            (Effect::SetLimit { period, units }, Lang::Pl) => format!("nowy limit na okres {period}: {units} jedn."),
            (Effect::SetLimit { period, units }, Lang::En) => format!("a new limit for {period}: {units} units"),
            (Effect::Overwrite { path }, Lang::Pl) => format!("plik {path} już istnieje i zostanie nadpisany"),
            (Effect::Overwrite { path }, Lang::En) => format!("the file {path} exists and will be overwritten"),
            (Effect::DiscardTyped, Lang::Pl) => "to, co wpisano, nie zostało zapisane i przepadnie".into(),
            (Effect::DiscardTyped, Lang::En) => "what you typed was not saved and will be lost".into(),
            (Effect::Forward { to }, Lang::Pl) => {
                format!("przekazanie wniosku do: {to}; wniosek zostaje zamknięty i schodzi z pulpitu")
            }
            (Effect::Forward { to }, Lang::En) => {
                format!("the application goes to {to}; it is closed and leaves the dashboard")
            }
            (Effect::InformationOnly, Lang::Pl) => {
                "wniosek kończy się informacją; zostaje zamknięty i schodzi z pulpitu".into()
            }
            (Effect::InformationOnly, Lang::En) => {
                "the application ends as information only; it is closed and leaves the dashboard".into()
            }
            (Effect::WaitForService { service, units }, Lang::Pl) => format!(
                "wpis na listę oczekujących na {service}: {units} jedn., według daty złożenia; wniosek schodzi z pulpitu"
            ),
            (Effect::WaitForService { service, units }, Lang::En) => format!(
                "joins the waiting list for {service}: {units} units, in filing order; the application leaves the dashboard"
            ),
            (Effect::DraftPlan { from, to }, Lang::Pl) => {
                format!("szkic planu na okres {from} – {to}; wniosek przechodzi do planu i schodzi z pulpitu")
            }
            (Effect::DraftPlan { from, to }, Lang::En) => {
                format!("a plan draft for {from} – {to}; the application moves to the plan and leaves the dashboard")
            }
        }
    }

    /// A form left open when the terminal went away, opened again at this start.
    pub fn form_restored(&self, at: &str) -> String {
        match self.lang {
            Lang::Pl => format!("Przywrócono niezapisany formularz z {at}; Esc porzuca go"),
            Lang::En => format!("An unsaved form from {at} is back; Esc discards it"),
        }
    }

    /// Who saved the newer work that the conflict view sets beside the typed one.
    pub fn merge_intro(&self, by: &str, at: &str) -> String {
        match self.lang {
            Lang::Pl => format!("{by} zapisał(a) plan o {at}. Wybierz, co zostaje w każdym polu."),
            Lang::En => format!("{by} saved the plan at {at}. Choose what stays in each field."),
        }
    }

    /// The conflict view's keys, with arrows unless the terminal shows only ASCII.
    pub fn merge_keys(&self, ascii: bool) -> String {
        let (updown, leftright) = if ascii { ("Up/Down", "Left/Right") } else { ("↑/↓", "←/→") };
        match self.lang {
            Lang::Pl => format!("{updown} pole   {leftright} Tab: zapisane / wpisane"),
            Lang::En => format!("{updown} field   {leftright} Tab: saved / typed"),
        }
    }

    /// The lines of a plan about to be submitted that need more than their pool has left.
    pub fn over_pool(&self, positions: &[usize]) -> String {
        let list = positions.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        match self.lang {
            Lang::Pl => format!("UWAGA: brak miejsc w puli dla pozycji {list}"),
            Lang::En => format!("WARNING: the pool has no room for lines {list}"),
        }
    }

    pub fn export_failed(&self, path: &str, reason: &str) -> String {
        match self.lang {
            Lang::Pl => format!("plik: nie można zapisać {path}: {reason}"),
            Lang::En => format!("file: cannot write {path}: {reason}"),
        }
    }

    /// The 30 days to draft a plan, as the list of open applications counts them:
    /// "został 1 dzień", "zostały 2 dni", "zostało 5 dni", "termin dziś", "po terminie 3 dni".
    pub fn countdown(&self, days_left: i64) -> String {
        if days_left == 0 {
            return self.get(Text::DeadlineToday).to_string();
        }
        let days = self.days(days_left.abs());
        match (self.lang, days_left > 0) {
            (Lang::Pl, true) => {
                let verb = super::form(self.lang, days_left, Forms { one: "został", few: "zostały", many: "zostało" });
                format!("{verb} {days}")
            }
            (Lang::Pl, false) => format!("po terminie {days}"),
            (Lang::En, true) => format!("{days} left"),
            (Lang::En, false) => format!("{days} overdue"),
        }
    }

    /// Who and which application a confirmation is about.
    pub fn application_subject(&self, name: &str, id: i64) -> String {
        match self.lang {
            Lang::Pl => format!("{name} · wniosek nr {id}"),
            Lang::En => format!("{name} · application no. {id}"),
        }
    }

    /// The heading of the list with how many it shows.
    pub fn open_applications(&self, shown: usize, total: usize) -> String {
        let title = self.get(Text::OpenApplicationsTitle);
        if shown == total { format!("{title} ({total})") } else { format!("{title} ({shown}/{total})") }
    }

    /// What has been done with an application, one line each.
    pub fn done_forwarded(&self, to: &str, reason: &str) -> String {
        let reason = if reason.is_empty() { String::new() } else { format!(": {reason}") };
        match self.lang {
            Lang::Pl => format!("przekazano do: {to}{reason}"),
            Lang::En => format!("forwarded to: {to}{reason}"),
        }
    }

    pub fn done_information(&self, note: &str) -> String {
        let note = if note.is_empty() { String::new() } else { format!(": {note}") };
        match self.lang {
            Lang::Pl => format!("tylko informacja{note}"),
            Lang::En => format!("information only{note}"),
        }
    }

    pub fn done_waiting(&self) -> &'static str {
        self.pick(("na liście oczekujących", "on a waiting list"))
    }

    pub fn done_plan(&self, number: &str) -> String {
        match self.lang {
            Lang::Pl => format!("plan {number}"),
            Lang::En => format!("plan {number}"),
        }
    }

    pub fn done_qualified(&self, service: &str, units: i64, per: &str, from: &str, to: &str) -> String {
        match self.lang {
            Lang::Pl => format!("zakwalifikowano: {service}, {units} / {per}, {from} – {to}"),
            Lang::En => format!("qualified: {service}, {units} / {per}, {from} – {to}"),
        }
    }

    pub fn done_refused(&self, service: &str, decision: &str, on: &str) -> String {
        match self.lang {
            Lang::Pl => format!("odmowa: {service}, decyzja {decision} z {on}"),
            Lang::En => format!("refused: {service}, decision {decision} of {on}"),
        }
    }

    /// The status line after a draft was made for an application.
    pub fn plan_drafted(&self, number: &str) -> String {
        format!("{}: {number}", self.get(Text::PlanDrafted))
    }

    /// An application in a list: "nr 12 2026-11-23 [diagnoza potrzeb] dowozy do lekarza".
    pub fn application_line(&self, id: i64, filed_on: &str, state: &str, summary: &str) -> String {
        let state = super::codes::application_state_in(self.lang, state);
        match self.lang {
            Lang::Pl => format!("nr {id} {filed_on} [{state}] {summary}"),
            Lang::En => format!("no. {id} {filed_on} [{state}] {summary}"),
        }
    }

    /// An application where its state is said elsewhere: "nr 12 2026-11-23 dowozy do lekarza".
    pub fn application_number(&self, id: i64, filed_on: &str, summary: &str) -> String {
        match self.lang {
            Lang::Pl => format!("nr {id} {filed_on} {summary}"),
            Lang::En => format!("no. {id} {filed_on} {summary}"),
        }
    }

    /// "1 dzień", "2 dni"; "1 day", "2 days".
    /// The 30 days to draft a plan: `9 dni do terminu`, `po terminie 3 dni`.
    pub fn deadline_in(&self, days_left: i64) -> String {
        let days = self.days(days_left.abs());
        match (self.lang, days_left >= 0) {
            (Lang::Pl, true) => format!("{days} do terminu"),
            (Lang::Pl, false) => format!("po terminie {days}"),
            (Lang::En, true) => format!("{days} to the deadline"),
            (Lang::En, false) => format!("{days} overdue"),
        }
    }

    pub fn days(&self, n: i64) -> String {
        let forms = match self.lang {
            Lang::Pl => Forms { one: "dzień", few: "dni", many: "dni" },
            Lang::En => Forms { one: "day", few: "days", many: "days" },
        };
        count(self.lang, n, forms)
    }

    /// A refused keymap file: `line` 0 when the whole file is at fault.
    pub fn keymap_error(&self, file: &str, line: usize, fault: &KeymapFault<'_>) -> String {
        let what = match (fault, self.lang) {
            (KeymapFault::Syntax(m), Lang::Pl) => format!("błąd składni TOML: {m}"),
            (KeymapFault::Syntax(m), Lang::En) => format!("TOML syntax error: {m}"),
            (KeymapFault::UnknownContext { given, known }, Lang::Pl) => {
                format!("nieznany kontekst [{given}]; dostępne: {known}")
            }
            (KeymapFault::UnknownContext { given, known }, Lang::En) => {
                format!("unknown context [{given}]; known: {known}")
            }
            (KeymapFault::NotATable(c), Lang::Pl) => format!("{c} musi być tabelą [{c}] z przypisaniami klawiszy"),
            (KeymapFault::NotATable(c), Lang::En) => format!("{c} must be a table [{c}] of key bindings"),
            (KeymapFault::UnknownKey(k), Lang::Pl) => format!(
                "nieznany klawisz {k:?} (przykłady: F1, ctrl-q, shift-tab, esc, enter, up, pgdn, home, j, \"g g\")"
            ),
            (KeymapFault::UnknownKey(k), Lang::En) => {
                format!("unknown key {k:?} (examples: F1, ctrl-q, shift-tab, esc, enter, up, pgdn, home, j, \"g g\")")
            }
            (KeymapFault::NotAnActionName(k), Lang::Pl) => {
                format!("klawisz {k:?} musi mieć nazwę czynności w cudzysłowie, np. \"help\"")
            }
            (KeymapFault::NotAnActionName(k), Lang::En) => {
                format!("key {k:?} must be given an action name in quotes, e.g. \"help\"")
            }
            (KeymapFault::UnknownAction(a), Lang::Pl) => format!("nieznana czynność {a:?}"),
            (KeymapFault::UnknownAction(a), Lang::En) => format!("unknown action {a:?}"),
            (KeymapFault::Duplicate { key, context, first_line }, Lang::Pl) => {
                format!("klawisz {key:?} przypisany drugi raz w [{context}] (pierwszy raz w wierszu {first_line})")
            }
            (KeymapFault::Duplicate { key, context, first_line }, Lang::En) => {
                format!("key {key:?} bound a second time in [{context}] (first in line {first_line})")
            }
            (KeymapFault::LetterIsText { key, context }, Lang::Pl) => format!(
                "klawisz {key:?} w [{context}] to litera, a tu litery są tekstem (np. nazwisko); \
                 przypisz czynność do klawisza F, ctrl- lub alt-, np. \"alt-{key}\""
            ),
            (KeymapFault::LetterIsText { key, context }, Lang::En) => format!(
                "key {key:?} in [{context}] is a character, and here characters are text (a name, say); \
                 bind the action to an F-key, ctrl- or alt-, e.g. \"alt-{key}\""
            ),
            (KeymapFault::Unreadable(m), Lang::Pl) => format!("nie można odczytać pliku: {m}"),
            (KeymapFault::Unreadable(m), Lang::En) => format!("cannot read the file: {m}"),
        };
        match (line, self.lang) {
            (0, _) => format!("{file}: {what}"),
            (line, Lang::Pl) => format!("{file}, wiersz {line}: {what}"),
            (line, Lang::En) => format!("{file}, line {line}: {what}"),
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
