//! Fees (odpłatność) as a programme defines them: free, a flat amount, or a share of the unit
//! price chosen by the resident's income relative to the income criterion (kryterium dochodowe),
//! less a discount for a category the resident holds (Karta Dużej Rodziny, disability …).
//!
//! [`fee_per_unit`] is the one computation of a resident's fee; plan lines, qualification, the
//! printed plan and the reports all call it. Amounts are whole grosze, shares whole percent.

use crate::i18n::Lang;
use chrono::NaiveDate;

/// How a programme charges for one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeeKind {
    Free,
    /// The same amount per unit for everybody.
    Flat {
        grosze: i64,
    },
    /// A share of the unit price by income band; bands are ordered by their upper edge.
    IncomeBands(Vec<IncomeBand>),
}

/// Income up to `up_to_percent` of the criterion (inclusive) pays `price_share_percent` of the
/// unit price. `None` as the edge is the band above all others; without it, an income above every
/// edge pays the whole price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncomeBand {
    pub up_to_percent: Option<u32>,
    pub price_share_percent: u32,
}

/// A category that lowers the fee, with the part of the fee it takes off (100 = free).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discount {
    pub code: String,
    pub name: String,
    pub percent_off: u32,
}

/// Everything a programme says about the fee for one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeScheme {
    pub kind: FeeKind,
    /// The income criterion per month for a person living alone and per person in a family.
    pub criterion_single_grosze: i64,
    pub criterion_family_grosze: i64,
    pub discounts: Vec<Discount>,
}

/// The resident's income declaration (oświadczenie o dochodzie).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomeDeclaration {
    pub declared_on: NaiveDate,
    pub valid_until: NaiveDate,
    /// Net monthly income per person in the household.
    pub income_per_person_grosze: i64,
    pub household_size: u32,
    /// Codes of the discount categories the resident showed a document for.
    pub categories: Vec<String>,
}

impl IncomeDeclaration {
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.declared_on <= day && day <= self.valid_until
    }
}

/// Why the fee is what it is, for the editor, the printed plan and the reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeeBasis {
    Free,
    Flat,
    /// Income in the band ending at `up_to_percent` (`None`: above every edge).
    Band {
        income_percent: u32,
        up_to_percent: Option<u32>,
        price_share_percent: u32,
    },
    /// No declaration valid on the day: the resident pays as in the highest band.
    NoDeclaration {
        price_share_percent: u32,
    },
    /// The fee is a share of a price the programme has no contract for.
    NoPrice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fee {
    /// What the resident pays per unit; `None` only when the price is unknown.
    pub per_unit_grosze: Option<i64>,
    pub basis: FeeBasis,
    /// The discount applied, the largest of those the resident holds.
    pub discount: Option<Discount>,
}

impl Fee {
    /// The fee and why, as the editor, the command line and the printed plan say it.
    pub fn describe(&self, lang: Lang) -> String {
        let pl = lang == Lang::Pl;
        let amount = match self.per_unit_grosze {
            Some(g) if pl => format!("{} zł za jednostkę", zloty(g)),
            Some(g) => format!("PLN {} per unit", zloty(g)),
            None if pl => "cena nieznana".to_string(),
            None => "price unknown".to_string(),
        };
        let basis = match (&self.basis, pl) {
            (FeeBasis::Free, true) => "usługa nieodpłatna".to_string(),
            (FeeBasis::Free, false) => "free of charge".to_string(),
            (FeeBasis::Flat, true) => "opłata stała".to_string(),
            (FeeBasis::Flat, false) => "flat fee".to_string(),
            (FeeBasis::Band { income_percent, up_to_percent, price_share_percent }, true) => match up_to_percent {
                Some(edge) => {
                    format!("dochód {income_percent} % kryterium, próg do {edge} %: {price_share_percent} % ceny")
                }
                None => format!("dochód {income_percent} % kryterium, ponad progi: {price_share_percent} % ceny"),
            },
            (FeeBasis::Band { income_percent, up_to_percent, price_share_percent }, false) => match up_to_percent {
                Some(edge) => format!(
                    "income {income_percent} % of the criterion, band up to {edge} %: {price_share_percent} % of the price"
                ),
                None => format!(
                    "income {income_percent} % of the criterion, above all bands: {price_share_percent} % of the price"
                ),
            },
            (FeeBasis::NoDeclaration { price_share_percent }, true) => {
                format!("brak ważnego oświadczenia o dochodzie: {price_share_percent} % ceny")
            }
            (FeeBasis::NoDeclaration { price_share_percent }, false) => {
                format!("no valid income declaration: {price_share_percent} % of the price")
            }
            (FeeBasis::NoPrice, true) => "brak umowy z ceną jednostki".to_string(),
            (FeeBasis::NoPrice, false) => "no contract with a unit price".to_string(),
        };
        match (&self.discount, pl) {
            (Some(d), true) => format!("{amount} ({basis}; ulga {}: −{} %)", d.name, d.percent_off),
            (Some(d), false) => format!("{amount} ({basis}; discount {}: −{} %)", d.name, d.percent_off),
            (None, _) => format!("{amount} ({basis})"),
        }
    }

    pub fn for_units(&self, units: i64) -> Option<i64> {
        self.per_unit_grosze.map(|g| g * units)
    }
}

impl FeeKind {
    /// What the programme charges, as the catalogue and the printed plan state it.
    pub fn describe(&self, lang: Lang) -> String {
        let pl = lang == Lang::Pl;
        match self {
            FeeKind::Free if pl => "nieodpłatnie".into(),
            FeeKind::Free => "free of charge".into(),
            FeeKind::Flat { grosze } if pl => format!("{} zł za jednostkę", zloty(*grosze)),
            FeeKind::Flat { grosze } => format!("PLN {} per unit", zloty(*grosze)),
            FeeKind::IncomeBands(bands) => {
                let parts: Vec<String> = bands
                    .iter()
                    .map(|b| {
                        let share = match (b.price_share_percent, pl) {
                            (0, true) => "nieodpłatnie".to_string(),
                            (0, false) => "free".to_string(),
                            (n, true) => format!("{n} % ceny"),
                            (n, false) => format!("{n} % of the price"),
                        };
                        match (b.up_to_percent, pl) {
                            (Some(edge), true) => format!("do {edge} % — {share}"),
                            (Some(edge), false) => format!("up to {edge} % — {share}"),
                            (None, true) => format!("powyżej — {share}"),
                            (None, false) => format!("above — {share}"),
                        }
                    })
                    .collect();
                if pl {
                    format!("według dochodu względem kryterium dochodowego: {}", parts.join("; "))
                } else {
                    format!("by income relative to the income criterion: {}", parts.join("; "))
                }
            }
        }
    }
}

/// A validation problem in a fee scheme, named for the option or field that carries it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemeProblem {
    #[error("progi dochodu muszą rosnąć, a próg otwarty może być tylko ostatni")]
    BandsOutOfOrder,
    #[error("udział w cenie musi być od 0 do 100 %")]
    ShareOutOfRange,
    #[error("zniżka musi być od 0 do 100 %")]
    DiscountOutOfRange,
    #[error("kwota nie może być ujemna")]
    Negative,
}

impl FeeScheme {
    pub fn check(&self) -> Result<(), SchemeProblem> {
        if self.criterion_single_grosze < 0 || self.criterion_family_grosze < 0 {
            return Err(SchemeProblem::Negative);
        }
        match &self.kind {
            FeeKind::Free => {}
            FeeKind::Flat { grosze } if *grosze < 0 => return Err(SchemeProblem::Negative),
            FeeKind::Flat { .. } => {}
            FeeKind::IncomeBands(bands) => check_bands(bands)?,
        }
        if self.discounts.iter().any(|d| d.percent_off > 100) {
            return Err(SchemeProblem::DiscountOutOfRange);
        }
        Ok(())
    }
}

pub fn check_bands(bands: &[IncomeBand]) -> Result<(), SchemeProblem> {
    if bands.iter().any(|b| b.price_share_percent > 100) {
        return Err(SchemeProblem::ShareOutOfRange);
    }
    let mut last = None;
    for (i, band) in bands.iter().enumerate() {
        match band.up_to_percent {
            None if i + 1 != bands.len() => return Err(SchemeProblem::BandsOutOfOrder),
            None => {}
            Some(edge) => {
                if last.is_some_and(|l| edge <= l) {
                    return Err(SchemeProblem::BandsOutOfOrder);
                }
                last = Some(edge);
            }
        }
    }
    Ok(())
}

/// Parses bands written as `150:0,200:10,250:50,*:100`: up to 150 % of the criterion free,
/// up to 200 % 10 % of the price …, `*` for the band above every edge.
pub fn parse_bands(text: &str) -> Result<Vec<IncomeBand>, String> {
    let bands = text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|part| {
            let (edge, share) = part.split_once(':').ok_or_else(|| format!("„{part}”: oczekiwano PRÓG:UDZIAŁ"))?;
            let up_to_percent = match edge.trim().trim_end_matches('%') {
                "*" => None,
                e => Some(e.parse::<u32>().map_err(|_| format!("„{edge}”: próg to liczba procent albo *"))?),
            };
            let price_share_percent = share
                .trim()
                .trim_end_matches('%')
                .parse::<u32>()
                .map_err(|_| format!("„{share}”: udział to liczba procent"))?;
            Ok(IncomeBand { up_to_percent, price_share_percent })
        })
        .collect::<Result<Vec<_>, String>>()?;
    if bands.is_empty() {
        return Err("podaj co najmniej jeden próg".into());
    }
    check_bands(&bands).map_err(|p| p.to_string())?;
    Ok(bands)
}

/// The bands written back in the form [`parse_bands`] reads.
pub fn format_bands(bands: &[IncomeBand]) -> String {
    bands
        .iter()
        .map(|b| match b.up_to_percent {
            Some(e) => format!("{e}:{}", b.price_share_percent),
            None => format!("*:{}", b.price_share_percent),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The fee the resident pays per unit of a service on `day`.
///
/// `unit_price_grosze` is the provider's contract price for the unit, needed only for income
/// bands. Income is compared with the criterion for the household's size in exact integers;
/// a band's edge belongs to that band. Only the largest discount counts: categories do not add up.
pub fn fee_per_unit(
    scheme: &FeeScheme,
    unit_price_grosze: Option<i64>,
    declaration: Option<&IncomeDeclaration>,
    day: NaiveDate,
) -> Fee {
    let declaration = declaration.filter(|d| d.valid_on(day));
    let discount = declaration.and_then(|d| {
        scheme.discounts.iter().filter(|x| d.categories.contains(&x.code)).max_by_key(|x| x.percent_off).cloned()
    });
    let (share, basis) = match &scheme.kind {
        FeeKind::Free => return Fee { per_unit_grosze: Some(0), basis: FeeBasis::Free, discount: None },
        FeeKind::Flat { grosze } => {
            let fee = after_discount(*grosze, 100, discount.as_ref());
            return Fee { per_unit_grosze: Some(fee), basis: FeeBasis::Flat, discount };
        }
        FeeKind::IncomeBands(bands) => match declaration {
            None => {
                let share = top_share(bands);
                // Without a declaration no category is proven either.
                return match unit_price_grosze {
                    None => Fee { per_unit_grosze: None, basis: FeeBasis::NoPrice, discount: None },
                    Some(price) => Fee {
                        per_unit_grosze: Some(after_discount(price, share, None)),
                        basis: FeeBasis::NoDeclaration { price_share_percent: share },
                        discount: None,
                    },
                };
            }
            Some(d) => {
                let criterion =
                    if d.household_size <= 1 { scheme.criterion_single_grosze } else { scheme.criterion_family_grosze };
                let band = bands
                    .iter()
                    .find(|b| match b.up_to_percent {
                        None => true,
                        Some(edge) => {
                            i128::from(d.income_per_person_grosze) * 100 <= i128::from(criterion) * i128::from(edge)
                        }
                    })
                    .copied()
                    .unwrap_or(IncomeBand { up_to_percent: None, price_share_percent: 100 });
                let income_percent = if criterion > 0 {
                    u32::try_from(d.income_per_person_grosze.max(0) * 100 / criterion).unwrap_or(u32::MAX)
                } else {
                    u32::MAX
                };
                (
                    band.price_share_percent,
                    FeeBasis::Band {
                        income_percent,
                        up_to_percent: band.up_to_percent,
                        price_share_percent: band.price_share_percent,
                    },
                )
            }
        },
    };
    if share == 0 {
        return Fee { per_unit_grosze: Some(0), basis, discount: None };
    }
    match unit_price_grosze {
        None => Fee { per_unit_grosze: None, basis: FeeBasis::NoPrice, discount },
        Some(price) => Fee { per_unit_grosze: Some(after_discount(price, share, discount.as_ref())), basis, discount },
    }
}

fn zloty(grosze: i64) -> String {
    format!("{},{:02}", grosze / 100, grosze % 100)
}

fn top_share(bands: &[IncomeBand]) -> u32 {
    match bands.last() {
        Some(IncomeBand { up_to_percent: None, price_share_percent }) => *price_share_percent,
        _ => 100,
    }
}

/// `price × share % × (100 − discount) %`, rounded half up to the grosz.
fn after_discount(price: i64, share: u32, discount: Option<&Discount>) -> i64 {
    let keep = 100 - i64::from(discount.map_or(0, |d| d.percent_off.min(100)));
    let numerator = i128::from(price) * i128::from(share) * i128::from(keep);
    ((numerator + 5_000) / 10_000) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Criterion 1010 zł alone, 823 zł per person in a family (from 2025); 150:0,200:10,250:50,*:100.
    fn banded() -> FeeScheme {
        FeeScheme {
            kind: FeeKind::IncomeBands(parse_bands("150:0,200:10,250:50,*:100").unwrap()),
            criterion_single_grosze: 101_000,
            criterion_family_grosze: 82_300,
            discounts: vec![
                Discount { code: "kdr".into(), name: "Karta Dużej Rodziny".into(), percent_off: 50 },
                Discount { code: "niepelnosprawnosc".into(), name: "niepełnosprawność".into(), percent_off: 30 },
            ],
        }
    }

    fn declaration(income: i64, household: u32, categories: &[&str]) -> IncomeDeclaration {
        IncomeDeclaration {
            declared_on: day("2026-01-10"),
            valid_until: day("2026-12-31"),
            income_per_person_grosze: income,
            household_size: household,
            categories: categories.iter().map(|c| c.to_string()).collect(),
        }
    }

    /// Each band edge, one grosz below, at and above, for a single person and a family;
    /// unit price 40,00 zł.
    #[test]
    fn every_band_edge() {
        let scheme = banded();
        let on = day("2026-03-02");
        let table: &[(i64, u32, Option<i64>)] = &[
            // single: 150 % of 1010 zł = 1515 zł
            (151_499, 1, Some(0)),
            (151_500, 1, Some(0)),
            (151_501, 1, Some(400)),
            // 200 % = 2020 zł
            (202_000, 1, Some(400)),
            (202_001, 1, Some(2_000)),
            // 250 % = 2525 zł
            (252_500, 1, Some(2_000)),
            (252_501, 1, Some(4_000)),
            (0, 1, Some(0)),
            // family: 150 % of 823 zł = 1234,50 zł
            (123_450, 3, Some(0)),
            (123_451, 3, Some(400)),
            // 200 % = 1646 zł
            (164_600, 3, Some(400)),
            (164_601, 3, Some(2_000)),
            // 250 % = 2057,50 zł
            (205_750, 3, Some(2_000)),
            (205_751, 3, Some(4_000)),
        ];
        for &(income, household, expected) in table {
            let fee = fee_per_unit(&scheme, Some(4_000), Some(&declaration(income, household, &[])), on);
            assert_eq!(fee.per_unit_grosze, expected, "income {income} gr, household {household}");
        }
    }

    #[test]
    fn the_band_names_its_edge_and_the_income_share() {
        let fee = fee_per_unit(&banded(), Some(4_000), Some(&declaration(181_800, 1, &[])), day("2026-03-02"));
        assert_eq!(
            fee.basis,
            FeeBasis::Band { income_percent: 180, up_to_percent: Some(200), price_share_percent: 10 }
        );
    }

    #[test]
    fn without_an_open_band_income_above_every_edge_pays_the_whole_price() {
        let mut scheme = banded();
        scheme.kind = FeeKind::IncomeBands(parse_bands("150:0,200:10").unwrap());
        let fee = fee_per_unit(&scheme, Some(4_000), Some(&declaration(202_001, 1, &[])), day("2026-03-02"));
        assert_eq!(fee.per_unit_grosze, Some(4_000));
    }

    #[test]
    fn an_expired_or_future_declaration_counts_as_none() {
        let scheme = banded();
        let d = declaration(50_000, 1, &["kdr"]);
        assert_eq!(fee_per_unit(&scheme, Some(4_000), Some(&d), day("2026-12-31")).per_unit_grosze, Some(0));
        let after = fee_per_unit(&scheme, Some(4_000), Some(&d), day("2027-01-01"));
        assert_eq!(after.per_unit_grosze, Some(4_000));
        assert_eq!(after.basis, FeeBasis::NoDeclaration { price_share_percent: 100 });
        assert_eq!(after.discount, None);
        let before = fee_per_unit(&scheme, Some(4_000), Some(&d), day("2026-01-09"));
        assert_eq!(before.per_unit_grosze, Some(4_000));
    }

    #[test]
    fn the_largest_discount_counts_alone_and_rounds_half_up() {
        let scheme = banded();
        let on = day("2026-03-02");
        // the 50 % band of 40,01 zł with KDR's 50 % off: 10,0025 zł → 10,00 zł
        let both = declaration(252_000, 1, &["kdr", "niepelnosprawnosc"]);
        let fee = fee_per_unit(&scheme, Some(4_001), Some(&both), on);
        assert_eq!(fee.per_unit_grosze, Some(1_000));
        assert_eq!(fee.discount.map(|d| d.code), Some("kdr".to_string()));
        let only_disability = declaration(252_000, 1, &["niepelnosprawnosc"]);
        // 4001 × 50 % × 70 % = 1400,35 gr → 1400; without a discount 2000,5 gr rounds up to 2001
        assert_eq!(fee_per_unit(&scheme, Some(4_001), Some(&only_disability), on).per_unit_grosze, Some(1_400));
        assert_eq!(
            fee_per_unit(&scheme, Some(4_001), Some(&declaration(252_000, 1, &[])), on).per_unit_grosze,
            Some(2_001)
        );
    }

    #[test]
    fn free_and_flat_need_no_price() {
        let on = day("2026-03-02");
        let mut scheme = banded();
        scheme.kind = FeeKind::Free;
        assert_eq!(fee_per_unit(&scheme, None, None, on).per_unit_grosze, Some(0));
        scheme.kind = FeeKind::Flat { grosze: 1_500 };
        assert_eq!(fee_per_unit(&scheme, None, None, on).per_unit_grosze, Some(1_500));
        let kdr = declaration(900_000, 4, &["kdr"]);
        assert_eq!(fee_per_unit(&scheme, None, Some(&kdr), on).per_unit_grosze, Some(750));
    }

    #[test]
    fn a_share_of_an_unknown_price_is_unknown_but_a_free_band_is_free() {
        let scheme = banded();
        let on = day("2026-03-02");
        let low = fee_per_unit(&scheme, None, Some(&declaration(100_000, 1, &[])), on);
        assert_eq!(low.per_unit_grosze, Some(0));
        let high = fee_per_unit(&scheme, None, Some(&declaration(300_000, 1, &[])), on);
        assert_eq!((high.per_unit_grosze, high.basis), (None, FeeBasis::NoPrice));
    }

    #[test]
    fn the_fee_says_why_in_both_languages() {
        let fee = fee_per_unit(&banded(), Some(4_000), Some(&declaration(181_800, 3, &["kdr"])), day("2026-03-02"));
        assert_eq!(
            fee.describe(Lang::Pl),
            "10,00 zł za jednostkę (dochód 220 % kryterium, próg do 250 %: 50 % ceny; ulga Karta Dużej Rodziny: −50 %)"
        );
        assert!(fee.describe(Lang::En).starts_with("PLN 10,00 per unit (income 220 %"), "{}", fee.describe(Lang::En));
    }

    #[test]
    fn the_programme_fee_is_stated_band_by_band() {
        assert_eq!(
            banded().kind.describe(Lang::Pl),
            "według dochodu względem kryterium dochodowego: do 150 % — nieodpłatnie; do 200 % — 10 % ceny; \
             do 250 % — 50 % ceny; powyżej — 100 % ceny"
        );
        assert_eq!(FeeKind::Flat { grosze: 1_250 }.describe(Lang::En), "PLN 12,50 per unit");
    }

    #[test]
    fn bands_must_rise_and_stay_within_the_price() {
        assert!(parse_bands("200:10,150:0").is_err());
        assert!(parse_bands("150:0,150:10").is_err());
        assert!(parse_bands("*:100,150:0").is_err());
        assert!(parse_bands("150:120").is_err());
        assert!(parse_bands("150").is_err());
        assert!(parse_bands("").is_err());
        assert_eq!(format_bands(&parse_bands(" 150%:0 , 200:10,*:100 ").unwrap()), "150:0,200:10,*:100");
    }
}
