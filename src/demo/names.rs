//! Polish first names by generation and sex, surnames common in Podkarpacie, and the feminine
//! form of a surname.

use crate::domain::pesel::Sex;

/// First names popular for people born before 1960, 1960–1999 and from 2000 on, most common first.
const FEMALE: [&[&str]; 3] = [
    &[
        "Janina",
        "Stanisława",
        "Helena",
        "Zofia",
        "Krystyna",
        "Maria",
        "Genowefa",
        "Józefa",
        "Anna",
        "Leokadia",
        "Władysława",
        "Bronisława",
        "Czesława",
        "Kazimiera",
        "Jadwiga",
        "Danuta",
        "Irena",
        "Halina",
        "Teresa",
        "Barbara",
        "Wanda",
        "Marianna",
        "Eugenia",
        "Aniela",
        "Stefania",
        "Łucja",
    ],
    &[
        "Anna",
        "Katarzyna",
        "Małgorzata",
        "Agnieszka",
        "Ewa",
        "Elżbieta",
        "Joanna",
        "Magdalena",
        "Monika",
        "Beata",
        "Dorota",
        "Grażyna",
        "Jolanta",
        "Iwona",
        "Bożena",
        "Urszula",
        "Justyna",
        "Renata",
        "Sylwia",
        "Aneta",
        "Izabela",
        "Ewelina",
        "Karolina",
        "Marta",
        "Edyta",
        "Żaneta",
    ],
    &[
        "Zuzanna",
        "Julia",
        "Lena",
        "Maja",
        "Hanna",
        "Zofia",
        "Oliwia",
        "Amelia",
        "Alicja",
        "Aleksandra",
        "Natalia",
        "Wiktoria",
        "Laura",
        "Antonina",
        "Pola",
        "Gabriela",
        "Nikola",
        "Emilia",
        "Weronika",
        "Łucja",
        "Liliana",
        "Nadia",
        "Jagoda",
        "Helena",
    ],
];

const MALE: [&[&str]; 3] = [
    &[
        "Stanisław",
        "Jan",
        "Józef",
        "Kazimierz",
        "Tadeusz",
        "Władysław",
        "Zbigniew",
        "Henryk",
        "Ryszard",
        "Czesław",
        "Edward",
        "Mieczysław",
        "Bolesław",
        "Zdzisław",
        "Jerzy",
        "Andrzej",
        "Eugeniusz",
        "Franciszek",
        "Marian",
        "Bronisław",
        "Wiesław",
        "Leszek",
        "Roman",
        "Stefan",
        "Bogusław",
    ],
    &[
        "Piotr",
        "Krzysztof",
        "Tomasz",
        "Paweł",
        "Marcin",
        "Michał",
        "Grzegorz",
        "Łukasz",
        "Adam",
        "Marek",
        "Dariusz",
        "Mariusz",
        "Wojciech",
        "Robert",
        "Rafał",
        "Jacek",
        "Sławomir",
        "Artur",
        "Sebastian",
        "Damian",
        "Przemysław",
        "Dawid",
        "Bartłomiej",
        "Mateusz",
    ],
    &[
        "Antoni",
        "Jan",
        "Jakub",
        "Szymon",
        "Filip",
        "Franciszek",
        "Aleksander",
        "Mikołaj",
        "Wojciech",
        "Kacper",
        "Stanisław",
        "Adam",
        "Igor",
        "Nikodem",
        "Tymon",
        "Bartosz",
        "Oskar",
        "Leon",
        "Ignacy",
        "Marcel",
        "Maksymilian",
        "Michał",
        "Mateusz",
        "Łukasz",
    ],
];

/// Surnames in their masculine form, most common first.
pub const SURNAMES: &[&str] = &[
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Mazur",
    "Jankowski",
    "Kwiatkowski",
    "Krawczyk",
    "Kaczmarek",
    "Piotrowski",
    "Grabowski",
    "Zając",
    "Pawłowski",
    "Michalski",
    "Król",
    "Wróbel",
    "Wieczorek",
    "Jabłoński",
    "Nowakowski",
    "Majewski",
    "Olszewski",
    "Dudek",
    "Stępień",
    "Jaworski",
    "Malinowski",
    "Adamczyk",
    "Górski",
    "Pawlak",
    "Sikora",
    "Witkowski",
    "Rutkowski",
    "Baran",
    "Michalak",
    "Szewczyk",
    "Ostrowski",
    "Tomaszewski",
    "Pietrzak",
    "Zalewski",
    "Wróblewski",
    "Jasiński",
    "Marciniak",
    "Bąk",
    "Zawadzki",
    "Sadowski",
    "Duda",
    "Włodarczyk",
    "Wilk",
    "Chmielewski",
    "Borkowski",
    "Sokołowski",
    "Szczepański",
    "Sawicki",
    "Lis",
    "Kucharski",
    "Kalinowski",
    "Wysocki",
    "Mazurek",
    "Kubiak",
    "Kołodziej",
    "Czarnecki",
    "Sobczak",
    "Konieczny",
    "Urbański",
    "Głowacki",
    "Zakrzewski",
    "Krajewski",
    "Gąsior",
    "Kozioł",
    "Pająk",
    "Kurek",
    "Bieniek",
    "Mucha",
    "Kluska",
    "Chmiel",
    "Płaza",
    "Skrzypek",
    "Grzesik",
    "Wilczek",
    "Ryba",
    "Socha",
    "Kędzior",
    "Mróz",
    "Kula",
    "Drozd",
    "Grzywacz",
    "Hołda",
    "Kapusta",
    "Skowron",
    "Sroka",
    "Szczepanik",
    "Ziaja",
    "Cebula",
    "Wąsik",
    "Ptak",
    "Żak",
    "Łuczak",
    "Bryła",
    "Czarny",
    "Wesoły",
    "Łącki",
    "Ślęzak",
    "Gołębiowski",
    "Bielecki",
    "Dziedzic",
    "Świątek",
    "Śliwa",
    "Rzepka",
    "Fryc",
    "Tabor",
];

/// A first name typical for someone born in `birth_year`; `pick` chooses among them.
pub fn first_name(sex: Sex, birth_year: i32, pick: impl FnOnce(usize) -> usize) -> &'static str {
    let generation = match birth_year {
        ..1960 => 0,
        1960..2000 => 1,
        _ => 2,
    };
    let list = match sex {
        Sex::Female => FEMALE[generation],
        Sex::Male => MALE[generation],
    };
    list[pick(list.len()).min(list.len() - 1)]
}

/// The surname a woman of the family bears: adjectival surnames change their ending
/// (Kowalski → Kowalska, Czarny → Czarna), nouns stay (Nowak); each part of a
/// double-barrelled surname changes on its own.
pub fn feminine(surname: &str) -> String {
    surname.split('-').map(feminine_part).collect::<Vec<_>>().join("-")
}

fn feminine_part(part: &str) -> String {
    for ending in ["ski", "cki", "dzki"] {
        if let Some(stem) = part.strip_suffix(ending) {
            return format!("{stem}{}a", &ending[..ending.len() - 1]);
        }
    }
    match part.strip_suffix('y') {
        Some(stem) if !stem.is_empty() => format!("{stem}a"),
        _ => part.to_string(),
    }
}

/// The surname as borne by a person of `sex`.
pub fn surname_for(masculine: &str, sex: Sex) -> String {
    match sex {
        Sex::Male => masculine.to_string(),
        Sex::Female => feminine(masculine),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjectival_surnames_take_the_feminine_ending() {
        assert_eq!(feminine("Kowalski"), "Kowalska");
        assert_eq!(feminine("Nowicki"), "Nowicka");
        assert_eq!(feminine("Zawadzki"), "Zawadzka");
        assert_eq!(feminine("Łącki"), "Łącka");
        assert_eq!(feminine("Czarny"), "Czarna");
        assert_eq!(feminine("Wesoły"), "Wesoła");
    }

    #[test]
    fn noun_surnames_stay_as_they_are() {
        for s in ["Nowak", "Wójcik", "Zając", "Król", "Żak", "Kozioł", "Duda", "Żółć"] {
            assert_eq!(feminine(s), s);
        }
    }

    #[test]
    fn each_part_of_a_double_surname_changes_on_its_own() {
        assert_eq!(feminine("Kowalski-Nowak"), "Kowalska-Nowak");
        assert_eq!(feminine("Ziaja-Zawadzki"), "Ziaja-Zawadzka");
    }

    #[test]
    fn first_names_follow_the_generation() {
        assert_eq!(first_name(Sex::Female, 1940, |_| 0), "Janina");
        assert_eq!(first_name(Sex::Male, 1975, |_| 0), "Piotr");
        assert_eq!(first_name(Sex::Female, 2015, |n| n + 5), "Helena");
    }
}
