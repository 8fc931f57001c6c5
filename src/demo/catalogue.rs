//! The demo centre's fixed data: the partnership of gminas, providers, places and the service
//! catalogue of the Dębica and Starachowice pilots. Names, phones, hours and limits are invented.

use crate::domain::period::PeriodKind;
use crate::domain::plan::Per;

pub const CENTRE_NAME: &str = "Centrum Usług Społecznych w Dębicy";
pub const CENTRE_ADDRESS: &str = "ul. Stefana Batorego 13, 39-200 Dębica";
pub const CENTRE_PHONE: &str = "146702130";
pub const PROGRAMME_RESOLUTION: &str = "Uchwała nr XXXIV/412/2025 Rady Gminy Dębica z dnia 27 listopada 2025 r. \
     w sprawie przyjęcia Programu Usług Społecznych „Model Usług Społecznych w Gminie Dębica” \
     (porozumienie międzygminne z Miastem Dębica i Gminą Żyraków)";

pub struct VillageDef {
    pub name: &'static str,
    pub kind: &'static str,
    pub postal_code: &'static str,
    /// The town residents write as their city: the osiedla of Dębica belong to the city.
    pub city: &'static str,
    /// Empty for villages where addresses are just the village and a house number.
    pub streets: &'static [&'static str],
}

pub struct GminaDef {
    pub name: &'static str,
    /// Relative share of residents living there.
    pub weight: u32,
    pub villages: &'static [VillageDef],
}

const fn osiedle(name: &'static str, streets: &'static [&'static str]) -> VillageDef {
    VillageDef { name, kind: "osiedle", postal_code: "39-200", city: "Dębica", streets }
}

const fn wies(name: &'static str, postal_code: &'static str) -> VillageDef {
    VillageDef { name, kind: "wieś", postal_code, city: name, streets: &[] }
}

pub const GMINAS: &[GminaDef] = &[
    GminaDef {
        name: "Miasto Dębica",
        weight: 45,
        villages: &[
            osiedle("Osiedle Kościuszki", &["ul. Kościuszki", "ul. Krakowska", "ul. Sienkiewicza", "ul. Grunwaldzka"]),
            osiedle("Osiedle Matejki", &["ul. Matejki", "ul. Kochanowskiego", "ul. Słowackiego", "ul. Reymonta"]),
            osiedle("Osiedle Sobieskiego", &["ul. Sobieskiego", "ul. Rzeszowska", "ul. Piłsudskiego", "ul. Ogrodowa"]),
            osiedle("Osiedle Metalowców", &["ul. Metalowców", "ul. Robotnicza", "ul. Fabryczna", "ul. Kolejowa"]),
            osiedle("Osiedle Wolica", &["ul. Wolicka", "ul. Łysogórska", "ul. Słoneczna", "ul. Polna"]),
            osiedle("Osiedle Rzemieślnicze", &["ul. Rzemieślnicza", "ul. Szkolna", "ul. Jana Pawła II", "ul. Cicha"]),
            osiedle("Osiedle Kawiory", &["ul. Konopnickiej", "ul. Żeromskiego", "ul. Leśna", "ul. Wielopolska"]),
        ],
    },
    GminaDef {
        name: "Gmina Dębica",
        weight: 35,
        villages: &[
            wies("Kochanówka", "39-207"),
            wies("Braciejowa", "39-209"),
            wies("Brzeźnica", "39-207"),
            wies("Gumniska", "39-200"),
            wies("Głobikowa", "39-220"),
            wies("Grabiny", "39-200"),
            wies("Latoszyn", "39-200"),
            wies("Nagawczyna", "39-200"),
            wies("Paszczyna", "39-207"),
            wies("Podgrodzie", "39-200"),
            wies("Pustków", "39-205"),
            VillageDef {
                name: "Pustków-Osiedle",
                kind: "osiedle",
                postal_code: "39-206",
                city: "Pustków-Osiedle",
                streets: &["ul. Słoneczna", "ul. Dębowa", "ul. Kwiatowa", "ul. Szkolna", "ul. Lipowa"],
            },
            wies("Pustynia", "39-200"),
            wies("Stasiówka", "39-208"),
            wies("Stobierna", "39-200"),
            wies("Zawada", "39-200"),
            wies("Zwiernik", "39-210"),
        ],
    },
    GminaDef {
        name: "Gmina Żyraków",
        weight: 20,
        villages: &[
            wies("Żyraków", "39-204"),
            wies("Straszęcin", "39-218"),
            wies("Wola Żyrakowska", "39-205"),
            wies("Zasów", "39-204"),
            wies("Korzeniów", "39-204"),
            wies("Nagoszyn", "39-204"),
            wies("Mokre", "39-215"),
            wies("Wiewiórka", "39-204"),
            wies("Góra Motyczna", "39-204"),
            wies("Zdziarzec", "39-204"),
        ],
    },
];

pub struct ProviderDef {
    pub name: &'static str,
    pub kind: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub address: &'static str,
}

const fn provider(
    name: &'static str,
    kind: &'static str,
    phone: &'static str,
    email: &'static str,
    address: &'static str,
) -> ProviderDef {
    ProviderDef { name, kind, phone, email, address }
}

// Indices into PROVIDERS, used by the service catalogue below.
pub const P_CUS: usize = 0;
const P_DDS: usize = 1;
const P_GOK: usize = 2;
const P_MOSIR: usize = 3;
const P_ZGK: usize = 4;
const P_RODZINA: usize = 5;
const P_PRZYSTAN: usize = 6;
const P_AKTYWNI: usize = 7;
const P_POMOCNA: usize = 8;
const P_OPIEKUN: usize = 9;
const P_CIS: usize = 10;
const P_REHAMED: usize = 11;
const P_MEDICUS: usize = 12;

pub const PROVIDERS: &[ProviderDef] = &[
    provider(
        "Centrum Usług Społecznych w Dębicy",
        "cus",
        "146702130",
        "sekretariat@cus.debica.example.pl",
        "ul. Stefana Batorego 13, 39-200 Dębica",
    ),
    provider(
        "Dzienny Dom „Senior+” w Kochanówce",
        "jednostka_gminy",
        "146702188",
        "seniorplus@cus.debica.example.pl",
        "Kochanówka 60, 39-207 Kochanówka",
    ),
    provider(
        "Gminny Ośrodek Kultury w Pustkowie-Osiedlu",
        "jednostka_gminy",
        "146708412",
        "gok@pustkow.example.pl",
        "ul. Słoneczna 3, 39-206 Pustków-Osiedle",
    ),
    provider(
        "Miejski Ośrodek Sportu i Rekreacji w Dębicy",
        "jednostka_gminy",
        "146702290",
        "mosir@debica.example.pl",
        "ul. Piłsudskiego 9, 39-200 Dębica",
    ),
    provider(
        "Zakład Gospodarki Komunalnej Gminy Dębica",
        "jednostka_gminy",
        "146703377",
        "zgk@gmina-debica.example.pl",
        "Podgrodzie 32c, 39-200 Podgrodzie",
    ),
    provider(
        "Stowarzyszenie „Razem dla Rodziny”",
        "ngo",
        "602418733",
        "biuro@razemdlarodziny.example.pl",
        "ul. Kościuszki 21, 39-200 Dębica",
    ),
    provider(
        "Stowarzyszenie Trzeźwościowe „Przystań”",
        "ngo",
        "504227961",
        "przystan@example.pl",
        "ul. Rzeszowska 14, 39-200 Dębica",
    ),
    provider(
        "Fundacja „Aktywni Razem”",
        "ngo",
        "697310442",
        "kontakt@aktywnirazem.example.pl",
        "Straszęcin 215, 39-218 Straszęcin",
    ),
    provider(
        "Spółdzielnia Socjalna „Pomocna Dłoń”",
        "pes",
        "146701809",
        "biuro@pomocnadlon.example.pl",
        "ul. Metalowców 7, 39-200 Dębica",
    ),
    provider("Spółdzielnia Socjalna „Opiekun”", "pes", "533902114", "opiekun@example.pl", "Żyraków 88, 39-204 Żyraków"),
    provider(
        "Centrum Integracji Społecznej w Żyrakowie",
        "pes",
        "146711260",
        "cis@zyrakow.example.pl",
        "Żyraków 120, 39-204 Żyraków",
    ),
    provider(
        "Rehamed Sp. z o.o.",
        "firma",
        "146705543",
        "rejestracja@rehamed.example.pl",
        "ul. Krakowska 56, 39-200 Dębica",
    ),
    provider(
        "Przychodnia „Medicus” s.c.",
        "firma",
        "146709021",
        "rejestracja@medicus-debica.example.pl",
        "ul. Sobieskiego 4, 39-200 Dębica",
    ),
];

pub struct LocationDef {
    pub name: &'static str,
    pub address: &'static str,
    /// The village or osiedle it stands in, by name.
    pub village: Option<&'static str>,
    pub kind: &'static str,
}

const fn venue(name: &'static str, address: &'static str, village: &'static str) -> LocationDef {
    LocationDef { name, address, village: Some(village), kind: "placówka" }
}

const L_CUS: usize = 0;
const L_SENIOR: usize = 1;
const L_GOK: usize = 2;
const L_GABINET: usize = 3;
const L_WYPOZYCZALNIA: usize = 4;
const L_HALA: usize = 5;
const L_MIESZKANIA: usize = 6;
const L_ZLOBEK: usize = 7;
const L_PRZYCHODNIA: usize = 8;
const L_SWIETLICA: usize = 9;
const L_DOM: usize = 10;
const L_ZDALNIE: usize = 11;

pub const LOCATIONS: &[LocationDef] = &[
    venue("Siedziba CUS (parter, punkt KIPUS)", "ul. Stefana Batorego 13, 39-200 Dębica", "Osiedle Kościuszki"),
    venue("Dzienny Dom „Senior+”", "Kochanówka 60, 39-207 Kochanówka", "Kochanówka"),
    venue("Gminny Ośrodek Kultury", "ul. Słoneczna 3, 39-206 Pustków-Osiedle", "Pustków-Osiedle"),
    venue("Gabinety terapeutyczne CUS", "ul. Rzeszowska 14, 39-200 Dębica", "Osiedle Sobieskiego"),
    venue("Wypożyczalnia sprzętu rehabilitacyjnego", "ul. Krakowska 56, 39-200 Dębica", "Osiedle Kościuszki"),
    venue("Hala sportowa MOSiR", "ul. Piłsudskiego 9, 39-200 Dębica", "Osiedle Sobieskiego"),
    venue("Mieszkania chronione", "ul. Kolejowa 2, 39-200 Dębica", "Osiedle Metalowców"),
    venue("Klubik dziecięcy „Tęczowa Kraina”", "Straszęcin 215, 39-218 Straszęcin", "Straszęcin"),
    venue("Przychodnia „Medicus”", "ul. Sobieskiego 4, 39-200 Dębica", "Osiedle Sobieskiego"),
    venue("Świetlica wiejska w Brzeźnicy", "Brzeźnica 45, 39-207 Brzeźnica", "Brzeźnica"),
    LocationDef { name: "W miejscu zamieszkania", address: "", village: None, kind: "dom" },
    LocationDef { name: "Zdalnie (telefon, wideorozmowa)", address: "", village: None, kind: "zdalnie" },
];

/// Who a service fits, by age; plans pick services that fit the resident.
pub const CHILD: u8 = 1;
pub const ADULT: u8 = 2;
pub const SENIOR: u8 = 4;
pub const TODDLER: u8 = 8;

/// What the demo's pool for a service should look like today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolShape {
    /// Not rationed: no pool.
    None,
    /// Plenty left; one pool, or one per provider when `per_provider`.
    Plenty { kind: PeriodKind, per_provider: bool },
    /// At most a tenth left this month.
    Little,
    /// Exactly full this month.
    Full,
    /// Exactly full this month, with applications waiting.
    FullWithWaiting,
}

impl PoolShape {
    /// Pools that must come out exactly as planned take lines only from current approved plans,
    /// spanning whole months through the current one.
    pub fn is_tight(self) -> bool {
        matches!(self, PoolShape::Little | PoolShape::Full | PoolShape::FullWithWaiting)
    }
}

pub struct ServiceDef {
    pub code: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub description: &'static str,
    pub areas: &'static [&'static str],
    pub groups: &'static [&'static str],
    pub form: &'static str,
    pub access_rule: &'static str,
    pub fee_grosze: i64,
    pub fee_note: &'static str,
    pub delivery_days: i64,
    pub providers: &'static [usize],
    pub locations: &'static [usize],
    /// Weekdays (1 = Monday) with opening and closing times.
    pub hours: &'static [(&'static [u8], &'static str, &'static str)],
    pub pool: PoolShape,
    /// What a typical plan line grants: amount per period, and an optional cap.
    pub amount: u32,
    pub per: Per,
    pub cap: Option<(u32, Per)>,
    pub schedule: &'static str,
    pub ages: u8,
}

const WEEKDAYS: &[u8] = &[1, 2, 3, 4, 5];

const FREE: &str = "bezpłatnie w ramach pilotażu";

pub const A_PRORODZINNA: &str = "polityka prorodzinna";
pub const A_RODZINA: &str = "wspieranie rodziny";
pub const A_PIECZA: &str = "system pieczy zastępczej";
pub const A_POMOC: &str = "pomoc społeczna";
pub const A_ZDROWIE: &str = "promocja i ochrona zdrowia";
pub const A_OZN: &str = "wspieranie osób niepełnosprawnych";
pub const A_BEZROBOCIE: &str = "przeciwdziałanie bezrobociu";
pub const A_KULTURA: &str = "kultura";
pub const A_SPORT: &str = "kultura fizyczna i turystyka";
pub const A_OBYWATELSKA: &str = "pobudzanie aktywności obywatelskiej";
pub const A_MIESZKALNICTWO: &str = "mieszkalnictwo";
pub const A_SRODOWISKO: &str = "ochrona środowiska";
pub const A_REINTEGRACJA: &str = "reintegracja zawodowa i społeczna";

const G_SENIORZY: &str = "seniorzy";
const G_OZN: &str = "osoby z niepełnosprawnościami";
const G_RODZINY: &str = "rodziny";
const G_KRYZYS: &str = "osoby i rodziny w kryzysie";
const G_PIECZA: &str = "osoby opuszczające pieczę zastępczą";
const G_DZIECI: &str = "dzieci i młodzież";
const G_UZALEZNIENI: &str = "osoby uzależnione i ich rodziny";
const G_WSZYSCY: &str = "wszyscy mieszkańcy";
const G_OPIEKUNOWIE: &str = "opiekunowie faktyczni";
const G_BEZROBOTNI: &str = "osoby bezrobotne";

pub const SERVICES: &[ServiceDef] = &[
    ServiceDef {
        code: "KAL",
        name: "Klub Aktywności Lokalnej",
        unit: "spotkanie",
        description: "Spotkania mieszkańców, wolontariat i działania samopomocowe; przeciwdziałanie izolacji.",
        areas: &[A_OBYWATELSKA],
        groups: &[G_SENIORZY, G_OZN, G_WSZYSCY],
        form: "grupowa",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 0,
        providers: &[P_AKTYWNI],
        locations: &[L_SWIETLICA, L_GOK],
        hours: &[(&[2, 4], "16:00", "19:00")],
        pool: PoolShape::None,
        amount: 4,
        per: Per::Month,
        cap: None,
        schedule: "wtorki i czwartki 16:00–19:00",
        ages: ADULT | SENIOR,
    },
    ServiceDef {
        code: "KR",
        name: "Klub Rodzinny",
        unit: "spotkanie",
        description: "Zajęcia dla rodzin z dziećmi: kompetencje rodzicielskie, wspólny czas, wsparcie samopomocowe.",
        areas: &[A_RODZINA, A_PRORODZINNA],
        groups: &[G_RODZINY, G_DZIECI],
        form: "grupowa",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 0,
        providers: &[P_RODZINA],
        locations: &[L_GOK],
        hours: &[(&[3], "16:00", "19:00"), (&[6], "10:00", "13:00")],
        pool: PoolShape::None,
        amount: 2,
        per: Per::Month,
        cap: None,
        schedule: "środy 16:00 albo soboty 10:00",
        ages: CHILD | ADULT,
    },
    ServiceDef {
        code: "TR",
        name: "Terapia rodzinna i krótkoterminowa",
        unit: "sesja (60 min)",
        description: "Rozwiązywanie konfliktów w rodzinie, odbudowa więzi, wsparcie w sytuacjach kryzysowych.",
        areas: &[A_RODZINA, A_PRORODZINNA],
        groups: &[G_RODZINY, G_KRYZYS],
        form: "indywidualna",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 14,
        providers: &[P_CUS],
        locations: &[L_GABINET, L_DOM],
        hours: &[(&[1, 2, 3, 4], "10:00", "18:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Month, per_provider: false },
        amount: 2,
        per: Per::Month,
        cap: None,
        schedule: "co drugi poniedziałek, godz. uzgadniane z terapeutą",
        ages: CHILD | ADULT,
    },
    ServiceDef {
        code: "PSY",
        name: "Indywidualne poradnictwo psychologiczne",
        unit: "konsultacja (50 min)",
        description: "Pomoc w trudnościach emocjonalnych, zachowania i w trudnych sytuacjach rodzinnych lub rówieśniczych.",
        areas: &[A_RODZINA, A_ZDROWIE],
        groups: &[G_WSZYSCY, G_RODZINY, G_DZIECI],
        form: "indywidualna",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 7,
        providers: &[P_CUS],
        locations: &[L_GABINET, L_DOM, L_ZDALNIE],
        hours: &[(&[1, 3], "08:00", "16:00"), (&[5], "12:00", "19:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Month, per_provider: false },
        amount: 2,
        per: Per::Month,
        cap: None,
        schedule: "piątki 12:00–19:00",
        ages: CHILD | ADULT | SENIOR,
    },
    ServiceDef {
        code: "MED",
        name: "Mediacje rodzinne",
        unit: "spotkanie mediacyjne",
        description: "Mediator pomaga stronom konfliktu rodzinnego dojść do rozwiązania, które obie przyjmą.",
        areas: &[A_RODZINA],
        groups: &[G_RODZINY, G_KRYZYS],
        form: "indywidualna",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 14,
        providers: &[P_RODZINA],
        locations: &[L_GABINET, L_DOM],
        hours: &[(&[2, 4], "12:00", "18:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Quarter, per_provider: false },
        amount: 6,
        per: Per::Plan,
        cap: None,
        schedule: "wtorki lub czwartki po uzgodnieniu ze stronami",
        ages: ADULT,
    },
    ServiceDef {
        code: "PFIZ",
        name: "Poradnictwo fizjoterapeutyczne w domu",
        unit: "wizyta",
        description: "Fizjoterapeuta ocenia sprawność, uczy ćwiczeń i doradza w doborze sprzętu i przystosowaniu mieszkania.",
        areas: &[A_ZDROWIE, A_OZN],
        groups: &[G_SENIORZY, G_OZN],
        form: "indywidualna",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 10,
        providers: &[P_REHAMED],
        locations: &[L_DOM],
        hours: &[(WEEKDAYS, "08:00", "16:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Month, per_provider: false },
        amount: 2,
        per: Per::Month,
        cap: None,
        schedule: "wizyty przed południem, termin telefonicznie",
        ages: SENIOR | ADULT,
    },
    ServiceDef {
        code: "UZAL",
        name: "Terapia dla osób uzależnionych",
        unit: "sesja",
        description: "Terapia indywidualna i grupowa; poprawa funkcjonowania psychospołecznego i postaw prozdrowotnych.",
        areas: &[A_ZDROWIE],
        groups: &[G_UZALEZNIENI],
        form: "indywidualna_i_grupowa",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 7,
        providers: &[P_PRZYSTAN],
        locations: &[L_GABINET],
        hours: &[(&[1, 3], "15:00", "20:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Month, per_provider: false },
        amount: 4,
        per: Per::Month,
        cap: None,
        schedule: "poniedziałki (grupa) i środy (indywidualnie)",
        ages: ADULT,
    },
    ServiceDef {
        code: "WYP",
        name: "Wypożyczalnia sprzętu rehabilitacyjnego",
        unit: "wypożyczenie (do 3 miesięcy)",
        description: "Łóżka, wózki, balkoniki, kule i koncentratory tlenu; dowóz sprzętu na terenie gmin.",
        areas: &[A_ZDROWIE, A_OZN],
        groups: &[G_SENIORZY, G_OZN],
        form: "indywidualna",
        access_rule: "kryteria",
        fee_grosze: 0,
        fee_note: "bezpłatnie; kaucja zwrotna 50 zł za koncentrator tlenu",
        delivery_days: 3,
        providers: &[P_CUS],
        locations: &[L_WYPOZYCZALNIA],
        hours: &[(WEEKDAYS, "09:00", "15:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Quarter, per_provider: false },
        amount: 2,
        per: Per::Plan,
        cap: None,
        schedule: "odbiór w wypożyczalni albo dowóz w ciągu 3 dni",
        ages: SENIOR | ADULT,
    },
    ServiceDef {
        code: "ASYST",
        name: "Usługi asystenckie dla osób z niepełnosprawnościami",
        unit: "godzina",
        description: "Asystent pomaga w wyjściach, załatwianiu spraw, dojazdach do lekarza i w aktywności społecznej.",
        areas: &[A_OZN, A_POMOC],
        groups: &[G_OZN],
        form: "indywidualna",
        access_rule: "kryteria",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 14,
        providers: &[P_POMOCNA],
        locations: &[L_DOM],
        hours: &[(WEEKDAYS, "07:00", "20:00"), (&[6], "08:00", "14:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Month, per_provider: false },
        amount: 8,
        per: Per::Week,
        cap: None,
        schedule: "wtorki i piątki, po 4 godziny",
        ages: ADULT | SENIOR | CHILD,
    },
    ServiceDef {
        code: "PIEL",
        name: "Pielęgniarstwo środowiskowe",
        unit: "wizyta",
        description: "Wizyty pielęgniarki w domu: opatrunki, pomiary, edukacja zdrowotna rodziny i opiekunów.",
        areas: &[A_ZDROWIE, A_OZN],
        groups: &[G_SENIORZY, G_OZN],
        form: "indywidualna",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 3,
        providers: &[P_MEDICUS],
        locations: &[L_DOM],
        hours: &[(WEEKDAYS, "08:00", "18:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Month, per_provider: false },
        amount: 4,
        per: Per::Month,
        cap: None,
        schedule: "co tydzień, poniedziałki",
        ages: SENIOR | ADULT,
    },
    ServiceDef {
        code: "SUO",
        name: "Specjalistyczne usługi opiekuńcze dla osób z zaburzeniami psychicznymi",
        unit: "godzina",
        description: "Trening umiejętności społecznych i samoobsługi, pomoc w kontaktach z lekarzem i urzędami.",
        areas: &[A_POMOC, A_OZN],
        groups: &[G_OZN],
        form: "indywidualna",
        access_rule: "odplatnosc_czesciowa",
        fee_grosze: 2850,
        fee_note: "28,50 zł za godzinę; bezpłatnie przy dochodzie do kryterium, powyżej według tabeli odpłatności",
        delivery_days: 14,
        providers: &[P_POMOCNA],
        locations: &[L_DOM],
        hours: &[(WEEKDAYS, "07:00", "19:00")],
        pool: PoolShape::Little,
        amount: 20,
        per: Per::Month,
        cap: None,
        schedule: "poniedziałki, środy i piątki",
        ages: ADULT | SENIOR,
    },
    ServiceDef {
        code: "DDS",
        name: "Dzienny Dom „Senior+” w Kochanówce",
        unit: "dzień pobytu",
        description: "Opieka dzienna, posiłek, zajęcia ruchowe i kulturalne; dowóz z domu i z powrotem.",
        areas: &[A_POMOC, A_KULTURA, A_ZDROWIE],
        groups: &[G_SENIORZY],
        form: "grupowa",
        access_rule: "odplatnosc_czesciowa",
        fee_grosze: 1000,
        fee_note: "10 zł za dzień (posiłek); zwolnienie przy dochodzie do 150% kryterium",
        delivery_days: 7,
        providers: &[P_DDS],
        locations: &[L_SENIOR],
        hours: &[(WEEKDAYS, "07:30", "15:30")],
        pool: PoolShape::Little,
        amount: 20,
        per: Per::Month,
        cap: None,
        schedule: "od poniedziałku do piątku, 7:30–15:30",
        ages: SENIOR,
    },
    ServiceDef {
        code: "3PLUS",
        name: "Program „Gmina Przyjazna Rodzinie 3+”",
        unit: "karta rodziny",
        description: "Karta uprawniająca rodziny wielodzietne do zniżek u partnerów programu.",
        areas: &[A_PRORODZINNA],
        groups: &[G_RODZINY],
        form: "indywidualna",
        access_rule: "kryteria",
        fee_grosze: 0,
        fee_note: "bezpłatnie",
        delivery_days: 14,
        providers: &[P_CUS],
        locations: &[L_CUS],
        hours: &[(WEEKDAYS, "07:30", "15:30")],
        pool: PoolShape::None,
        amount: 1,
        per: Per::Plan,
        cap: None,
        schedule: "odbiór karty w siedzibie CUS",
        ages: CHILD | ADULT,
    },
    ServiceDef {
        code: "ZR",
        name: "Złota Rączka – mobilny konserwator",
        unit: "zlecenie (do 2 godzin)",
        description: "Drobne naprawy w domu: kran, gniazdko, karnisz, uszczelki; bez zakupu materiałów.",
        areas: &[A_POMOC, A_OZN],
        groups: &[G_SENIORZY, G_OZN],
        form: "indywidualna",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: "bezpłatnie; materiały kupuje mieszkaniec",
        delivery_days: 5,
        providers: &[P_CIS],
        locations: &[L_DOM],
        hours: &[(WEEKDAYS, "08:00", "16:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Year, per_provider: false },
        amount: 4,
        per: Per::Year,
        cap: None,
        schedule: "po zgłoszeniu telefonicznym, najwyżej 2 godziny na zlecenie",
        ages: SENIOR | ADULT,
    },
    ServiceDef {
        code: "PD",
        name: "Program „Podaj Dalej”",
        unit: "przekazanie",
        description: "Przekazywanie używanych mebli, sprzętu AGD i ubrań między mieszkańcami.",
        areas: &[A_POMOC, A_SRODOWISKO],
        groups: &[G_WSZYSCY],
        form: "indywidualna",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: "bezpłatnie",
        delivery_days: 14,
        providers: &[P_AKTYWNI],
        locations: &[L_CUS],
        hours: &[(&[2], "10:00", "14:00")],
        pool: PoolShape::None,
        amount: 2,
        per: Per::Plan,
        cap: None,
        schedule: "odbiór we wtorki",
        ages: ADULT | SENIOR,
    },
    ServiceDef {
        code: "DTD",
        name: "Transport door-to-door",
        unit: "przejazd",
        description: "Przewóz osoby z trudnościami w poruszaniu się spod drzwi domu pod drzwi celu, z pomocą kierowcy.",
        areas: &[A_OZN],
        groups: &[G_OZN, G_SENIORZY],
        form: "indywidualna",
        access_rule: "kryteria",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 3,
        providers: &[P_ZGK],
        locations: &[L_DOM],
        hours: &[(WEEKDAYS, "07:00", "17:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Month, per_provider: false },
        amount: 4,
        per: Per::Month,
        cap: Some((30, Per::Year)),
        schedule: "zamówienie najpóźniej 2 dni wcześniej",
        ages: ADULT | SENIOR | CHILD,
    },
    ServiceDef {
        code: "PS",
        name: "Praca socjalna",
        unit: "spotkanie",
        description: "Pracownik socjalny pomaga rozwiązać trudną sytuację życiową i załatwić sprawy w instytucjach.",
        areas: &[A_POMOC],
        groups: &[G_WSZYSCY],
        form: "indywidualna",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: "bezpłatnie",
        delivery_days: 0,
        providers: &[P_CUS],
        locations: &[L_CUS, L_DOM],
        hours: &[(WEEKDAYS, "07:30", "15:30")],
        pool: PoolShape::None,
        amount: 2,
        per: Per::Month,
        cap: None,
        schedule: "wizyta w domu raz na dwa tygodnie",
        ages: CHILD | ADULT | SENIOR,
    },
    ServiceDef {
        code: "PIK",
        name: "Punkt Interwencji Kryzysowej",
        unit: "konsultacja",
        description: "Natychmiastowe wsparcie psychologiczne i prawne w kryzysie, w tym przy przemocy w rodzinie.",
        areas: &[A_POMOC, A_RODZINA],
        groups: &[G_KRYZYS],
        form: "indywidualna",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: "bezpłatnie",
        delivery_days: 0,
        providers: &[P_CUS],
        locations: &[L_CUS, L_ZDALNIE],
        hours: &[(WEEKDAYS, "08:00", "20:00")],
        pool: PoolShape::None,
        amount: 4,
        per: Per::Plan,
        cap: None,
        schedule: "w dniu zgłoszenia",
        ages: ADULT,
    },
    ServiceDef {
        code: "UO",
        name: "Usługi opiekuńcze w miejscu zamieszkania, w tym opieka wytchnieniowa",
        unit: "godzina",
        description: "Pomoc w codziennych czynnościach, higienie, zakupach; zastępstwo dla opiekuna rodzinnego.",
        areas: &[A_POMOC, A_OZN],
        groups: &[G_SENIORZY, G_OZN, G_OPIEKUNOWIE],
        form: "indywidualna",
        access_rule: "odplatnosc_czesciowa",
        fee_grosze: 1500,
        fee_note: "bezpłatnie w pilotażu do 150% kryterium dochodowego; powyżej 15 zł za godzinę według tabeli",
        delivery_days: 7,
        providers: &[P_POMOCNA, P_OPIEKUN],
        locations: &[L_DOM],
        hours: &[(WEEKDAYS, "07:00", "20:00"), (&[6, 7], "08:00", "14:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Month, per_provider: true },
        amount: 6,
        per: Per::Week,
        cap: None,
        schedule: "poniedziałek, środa, piątek po 2 godziny",
        ages: SENIOR | ADULT,
    },
    ServiceDef {
        code: "TAXI",
        name: "Taksówka dla seniora",
        unit: "przejazd tam i z powrotem",
        description: "Dowóz do lekarza, urzędu lub na zajęcia i powrót; zamówienie telefoniczne dzień wcześniej.",
        areas: &[A_POMOC, A_OZN],
        groups: &[G_SENIORZY, G_OZN],
        form: "indywidualna",
        access_rule: "kryteria",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 1,
        providers: &[P_ZGK],
        locations: &[L_DOM],
        hours: &[(WEEKDAYS, "07:00", "17:00")],
        pool: PoolShape::FullWithWaiting,
        amount: 2,
        per: Per::Month,
        cap: Some((6, Per::Year)),
        schedule: "zamówienie dzień wcześniej do 14:00",
        ages: SENIOR,
    },
    ServiceDef {
        code: "FIZ",
        name: "Mobilny fizjoterapeuta",
        unit: "wizyta (60 min)",
        description: "Rehabilitacja w domu po udarze, złamaniu lub przy długotrwałym unieruchomieniu.",
        areas: &[A_ZDROWIE, A_POMOC, A_OZN],
        groups: &[G_SENIORZY, G_OZN],
        form: "indywidualna",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 14,
        providers: &[P_REHAMED],
        locations: &[L_DOM],
        hours: &[(WEEKDAYS, "08:00", "18:00")],
        pool: PoolShape::Full,
        amount: 4,
        per: Per::Month,
        cap: None,
        schedule: "raz w tygodniu, czwartki",
        ages: SENIOR | ADULT,
    },
    ServiceDef {
        code: "MCH-S",
        name: "Mieszkanie chronione dla osób starszych i z niepełnosprawnościami",
        unit: "miejsce (miesiąc pobytu)",
        description: "Mieszkanie treningowe ze wsparciem opiekuna zamiast umieszczenia w placówce całodobowej.",
        areas: &[A_POMOC, A_OZN, A_MIESZKALNICTWO],
        groups: &[G_SENIORZY, G_OZN],
        form: "indywidualna",
        access_rule: "odplatnosc_czesciowa",
        fee_grosze: 30000,
        fee_note: "300 zł miesięcznie albo według dochodu; zwolnienie w szczególnych przypadkach",
        delivery_days: 30,
        providers: &[P_CUS],
        locations: &[L_MIESZKANIA],
        hours: &[(WEEKDAYS, "08:00", "16:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Month, per_provider: false },
        amount: 1,
        per: Per::Month,
        cap: None,
        schedule: "pobyt stały, opiekun codziennie 8:00–16:00",
        ages: SENIOR,
    },
    ServiceDef {
        code: "MCH-K",
        name: "Mieszkanie chronione dla osób w kryzysie i opuszczających pieczę zastępczą",
        unit: "miejsce (miesiąc pobytu)",
        description: "Bezpieczne miejsce dla osób doznających przemocy i usamodzielniających się wychowanków.",
        areas: &[A_PRORODZINNA, A_RODZINA, A_PIECZA, A_MIESZKALNICTWO],
        groups: &[G_KRYZYS, G_PIECZA],
        form: "indywidualna",
        access_rule: "kryteria",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 1,
        providers: &[P_CUS],
        locations: &[L_MIESZKANIA],
        hours: &[(WEEKDAYS, "08:00", "16:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Month, per_provider: false },
        amount: 1,
        per: Per::Month,
        cap: None,
        schedule: "pobyt do 6 miesięcy",
        ages: ADULT,
    },
    ServiceDef {
        code: "ZLOB",
        name: "Opieka nad dziećmi do lat 3",
        unit: "dzień opieki",
        description: "Opieka w klubiku dziecięcym, gdy rodzic szuka pracy albo załatwia ważne sprawy.",
        areas: &[A_PRORODZINNA, A_RODZINA, A_PIECZA],
        groups: &[G_KRYZYS, G_RODZINY],
        form: "grupowa",
        access_rule: "kryteria",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 7,
        providers: &[P_OPIEKUN],
        locations: &[L_ZLOBEK],
        hours: &[(WEEKDAYS, "06:30", "16:30")],
        pool: PoolShape::Plenty { kind: PeriodKind::Month, per_provider: false },
        amount: 10,
        per: Per::Month,
        cap: None,
        schedule: "poniedziałki, środy, piątki 7:00–15:00",
        ages: TODDLER,
    },
    ServiceDef {
        code: "BROK",
        name: "Broker pracy",
        unit: "spotkanie",
        description: "Pomoc w szukaniu pracy: dokumenty, kontakt z pracodawcami, przygotowanie do rozmowy.",
        areas: &[A_REINTEGRACJA, A_BEZROBOCIE],
        groups: &[G_BEZROBOTNI, G_KRYZYS, G_PIECZA],
        form: "indywidualna",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 7,
        providers: &[P_CIS],
        locations: &[L_CUS],
        hours: &[(&[2, 4], "09:00", "15:00")],
        pool: PoolShape::None,
        amount: 2,
        per: Per::Month,
        cap: None,
        schedule: "wtorki 9:00",
        ages: ADULT,
    },
    ServiceDef {
        code: "GW",
        name: "Grupa wsparcia dla rodzin w kryzysie",
        unit: "spotkanie grupy",
        description: "Spotkania prowadzone przez psychologa; wymiana doświadczeń i wzajemne wsparcie.",
        areas: &[A_RODZINA, A_PIECZA],
        groups: &[G_KRYZYS, G_RODZINY],
        form: "grupowa",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 14,
        providers: &[P_RODZINA],
        locations: &[L_GABINET],
        hours: &[(&[3], "17:00", "19:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Quarter, per_provider: false },
        amount: 2,
        per: Per::Month,
        cap: None,
        schedule: "co drugą środę 17:00–19:00",
        ages: ADULT,
    },
    ServiceDef {
        code: "ZDR",
        name: "Pakiet programów zdrowotnych",
        unit: "badanie lub zajęcia",
        description: "Badania profilaktyczne, zajęcia z dietetykiem, nauka samokontroli cukrzycy i nadciśnienia.",
        areas: &[A_ZDROWIE],
        groups: &[G_SENIORZY, G_OZN, G_KRYZYS],
        form: "indywidualna_i_grupowa",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 14,
        providers: &[P_MEDICUS],
        locations: &[L_PRZYCHODNIA],
        hours: &[(WEEKDAYS, "08:00", "18:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Year, per_provider: false },
        amount: 4,
        per: Per::Year,
        cap: None,
        schedule: "według harmonogramu przychodni",
        ages: ADULT | SENIOR,
    },
    ServiceDef {
        code: "KULT",
        name: "Usługi kulturalne",
        unit: "wyjście lub zajęcia",
        description: "Wyjścia do kina i teatru, warsztaty rękodzieła, spotkania z muzyką; dowóz dla seniorów.",
        areas: &[A_KULTURA, A_OBYWATELSKA],
        groups: &[G_SENIORZY, G_OZN, G_KRYZYS],
        form: "grupowa",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 7,
        providers: &[P_GOK],
        locations: &[L_GOK],
        hours: &[(&[2, 3, 4, 5], "14:00", "20:00"), (&[6], "10:00", "14:00")],
        pool: PoolShape::None,
        amount: 2,
        per: Per::Month,
        cap: None,
        schedule: "według miesięcznego programu GOK",
        ages: CHILD | ADULT | SENIOR,
    },
    ServiceDef {
        code: "SPORT",
        name: "Usługi sportowo-rekreacyjne",
        unit: "zajęcia",
        description: "Gimnastyka dla seniorów, basen, nordic walking, zajęcia dla dzieci z rodzin w kryzysie.",
        areas: &[A_SPORT],
        groups: &[G_SENIORZY, G_OZN, G_KRYZYS, G_DZIECI],
        form: "grupowa",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 7,
        providers: &[P_MOSIR],
        locations: &[L_HALA],
        hours: &[(WEEKDAYS, "15:00", "21:00"), (&[6], "09:00", "13:00")],
        pool: PoolShape::Plenty { kind: PeriodKind::Month, per_provider: false },
        amount: 4,
        per: Per::Month,
        cap: None,
        schedule: "wtorki i czwartki 15:00",
        ages: CHILD | ADULT | SENIOR,
    },
    ServiceDef {
        code: "ANIM",
        name: "Animacja społeczności lokalnej",
        unit: "wydarzenie",
        description: "Festyny, sąsiedzkie spotkania, wolontariat i grupy samopomocowe w sołectwach i osiedlach.",
        areas: &[A_OBYWATELSKA],
        groups: &[G_WSZYSCY],
        form: "grupowa",
        access_rule: "otwarty",
        fee_grosze: 0,
        fee_note: FREE,
        delivery_days: 0,
        providers: &[P_AKTYWNI],
        locations: &[L_SWIETLICA, L_GOK],
        hours: &[(&[5], "16:00", "20:00"), (&[6], "10:00", "14:00")],
        pool: PoolShape::None,
        amount: 1,
        per: Per::Month,
        cap: None,
        schedule: "według kalendarza wydarzeń",
        ages: CHILD | ADULT | SENIOR,
    },
];

/// Invented staff: login, full name, phone, roles, may approve.
pub const STAFF: &[(&str, &str, &str, &[&str], bool)] = &[
    ("jwrobel", "Joanna Wróbel", "146702131", &["recepcja"], false),
    ("kmazur", "Katarzyna Mazur", "146702141", &["koordynator"], false),
    ("psroka", "Paweł Sroka", "146702142", &["koordynator"], false),
    ("aziaja", "Agnieszka Ziaja-Kurek", "146702143", &["koordynator"], false),
    ("mpajak", "Marek Pająk", "146702150", &["organizator"], true),
    ("ekozlowska", "Elżbieta Kozłowska", "146702100", &["dyrektor"], false),
];

pub const COORDINATORS: &[&str] = &["kmazur", "psroka", "aziaja"];
pub const APPROVERS: &[&str] = &["ekozlowska", "mpajak"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_service_refers_to_existing_providers_and_locations() {
        for s in SERVICES {
            assert!(s.providers.iter().all(|&p| p < PROVIDERS.len()), "{}", s.code);
            assert!(s.locations.iter().all(|&l| l < LOCATIONS.len()), "{}", s.code);
            assert!(!s.areas.is_empty() && !s.groups.is_empty(), "{}", s.code);
        }
    }

    #[test]
    fn every_location_village_exists() {
        for l in LOCATIONS {
            if let Some(v) = l.village {
                assert!(GMINAS.iter().any(|g| g.villages.iter().any(|x| x.name == v)), "{v}");
            }
        }
    }

    #[test]
    fn postal_codes_are_in_the_debica_area() {
        for g in GMINAS {
            for v in g.villages {
                assert!(v.postal_code.starts_with("39-2") && v.postal_code.len() == 6, "{}", v.name);
            }
        }
    }
}
