//! Which gmina of the partnership an address belongs to: by its street and postal code in a
//! town, or by the village it names. An address that fits no place, or fits places in several
//! gminas, belongs to none; the desk then shows the gmina as unknown rather than a guess.

use super::fold::fold;

/// A village, town or osiedle of a gmina.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VillagePlace {
    pub village_id: i64,
    pub gmina_id: i64,
    pub name: String,
    pub postal_code: String,
}

/// A street of a town; an empty postal code matches any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreetPlace {
    pub gmina_id: i64,
    pub village_id: Option<i64>,
    pub name: String,
    pub postal_code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub gmina_id: i64,
    pub village_id: Option<i64>,
}

/// A street name without its prefix, folded: "ul. Jana Pawła II" and "Jana Pawła II" match.
fn street_key(name: &str) -> String {
    let folded = fold(name.trim());
    let bare = ["ul.", "ul ", "al.", "al ", "os.", "os ", "pl.", "pl "]
        .iter()
        .find_map(|p| folded.strip_prefix(p))
        .unwrap_or(&folded);
    bare.trim().to_string()
}

/// The one place all candidates agree on, if they agree.
fn agreed(mut candidates: impl Iterator<Item = Located>) -> Option<Located> {
    let first = candidates.next()?;
    let mut village = first.village_id;
    for c in candidates {
        if c.gmina_id != first.gmina_id {
            return None;
        }
        if c.village_id != village {
            village = None;
        }
    }
    Some(Located { gmina_id: first.gmina_id, village_id: village })
}

/// The gmina of an address: a known street with a matching postal code first, then a village
/// named as the city (narrowed by the postal code when the name is in several gminas).
pub fn locate(
    city: &str,
    postal_code: &str,
    street: &str,
    villages: &[VillagePlace],
    streets: &[StreetPlace],
) -> Option<Located> {
    let postal_code = postal_code.trim();
    if !street.trim().is_empty() {
        let key = street_key(street);
        let found = agreed(
            streets
                .iter()
                .filter(|s| street_key(&s.name) == key)
                .filter(|s| s.postal_code.is_empty() || postal_code.is_empty() || s.postal_code == postal_code)
                .map(|s| Located { gmina_id: s.gmina_id, village_id: s.village_id }),
        );
        if found.is_some() {
            return found;
        }
    }
    let city = fold(city.trim());
    if city.is_empty() {
        return None;
    }
    let named: Vec<&VillagePlace> = villages.iter().filter(|v| fold(&v.name) == city).collect();
    let as_place = |v: &&VillagePlace| Located { gmina_id: v.gmina_id, village_id: Some(v.village_id) };
    agreed(named.iter().map(as_place)).or_else(|| {
        agreed(named.iter().filter(|v| !postal_code.is_empty() && v.postal_code == postal_code).map(as_place))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn village(id: i64, gmina: i64, name: &str, postal: &str) -> VillagePlace {
        VillagePlace { village_id: id, gmina_id: gmina, name: name.into(), postal_code: postal.into() }
    }

    fn street(gmina: i64, village: i64, name: &str, postal: &str) -> StreetPlace {
        StreetPlace { gmina_id: gmina, village_id: Some(village), name: name.into(), postal_code: postal.into() }
    }

    fn places() -> (Vec<VillagePlace>, Vec<StreetPlace>) {
        (
            vec![
                village(1, 1, "Osiedle Wolica", "39-200"),
                village(2, 2, "Kochanówka", "39-207"),
                village(3, 2, "Pustków-Osiedle", "39-206"),
                village(4, 3, "Zawada", "39-204"),
                village(5, 2, "Zawada", "39-200"),
            ],
            vec![street(1, 1, "ul. Słoneczna", "39-200"), street(2, 3, "ul. Słoneczna", "39-206")],
        )
    }

    #[test]
    fn a_street_is_told_apart_by_its_postal_code() {
        let (v, s) = places();
        assert_eq!(locate("Dębica", "39-200", "Słoneczna", &v, &s), Some(Located { gmina_id: 1, village_id: Some(1) }));
        assert_eq!(
            locate("Pustków-Osiedle", "39-206", "ul. SŁONECZNA", &v, &s),
            Some(Located { gmina_id: 2, village_id: Some(3) })
        );
        assert_eq!(locate("Dębica", "", "ul. Słoneczna", &v, &s), None, "two gminas have it");
    }

    #[test]
    fn a_village_is_found_by_name_without_diacritics_or_case() {
        let (v, s) = places();
        assert_eq!(locate("kochanowka", "", "", &v, &s), Some(Located { gmina_id: 2, village_id: Some(2) }));
    }

    #[test]
    fn a_village_name_in_two_gminas_needs_the_postal_code() {
        let (v, s) = places();
        assert_eq!(locate("Zawada", "", "", &v, &s), None);
        assert_eq!(locate("Zawada", "39-204", "", &v, &s), Some(Located { gmina_id: 3, village_id: Some(4) }));
    }

    #[test]
    fn an_unknown_place_has_no_gmina() {
        let (v, s) = places();
        assert_eq!(locate("Kraków", "30-001", "ul. Floriańska", &v, &s), None);
        assert_eq!(locate("", "", "", &v, &s), None);
    }
}
