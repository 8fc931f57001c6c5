//! Filtering and sorting the rows, shared by the view and the command line.

use super::ServiceRow;
use crate::domain::fold;
use crate::domain::quota::PoolStatus;
use chrono::{NaiveDate, NaiveDateTime};

/// When the service must be open to pass the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenFilter {
    On(NaiveDate),
    At(NaiveDateTime),
}

/// Filters shared by the view and the command line; empty fields let everything through.
/// Text, area, target group and place compare folded (case and Polish letters ignored), by part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub text: String,
    pub area: Option<String>,
    pub target_group: Option<String>,
    /// Matches a place's gmina or village.
    pub place: Option<String>,
    /// The gmina whose residents' view is asked for: [`Filter::apply`] leaves it to [`seen_by`]
    /// with [`Filter::in_gmina`].
    pub gmina: Option<String>,
    pub provider_id: Option<i64>,
    pub open: Option<OpenFilter>,
    pub has_remaining: bool,
}

fn folded_contains(haystack: &str, needle: &str, buf: &mut String) -> bool {
    fold::fold_into(haystack, buf);
    buf.contains(needle)
}

/// The filter's text fields folded once, not once per row.
struct Folded {
    words: Vec<String>,
    area: Option<String>,
    group: Option<String>,
    place: Option<String>,
}

/// A row as residents of a gmina see it, `in_gmina` telling whether a gmina's name is theirs:
/// `None` for a service limited to other gminas, else the row with `people` counting that
/// gmina's residents only.
pub fn seen_by(row: &ServiceRow, in_gmina: impl Fn(&str) -> bool) -> Option<ServiceRow> {
    if !row.gminas.is_empty() && !row.gminas.iter().any(|g| in_gmina(g)) {
        return None;
    }
    let people = row.people_by_gmina.iter().filter(|(g, _)| in_gmina(g)).map(|(_, n)| n).sum();
    Some(ServiceRow { people, ..row.clone() })
}

/// Prefixes of the filter line that name a field instead of searching everywhere.
const AREA_PREFIX: &str = "obszar:";
const GROUP_PREFIX: &str = "grupa:";
const PLACE_PREFIX: &str = "miejsce:";
const GMINA_PREFIX: &str = "gmina:";
const DAY_PREFIX: &str = "dzien:";

impl Filter {
    /// Reads a filter line as typed at the desk: words search everywhere; `obszar:X`, `grupa:X`
    /// and `miejsce:X` (a place's gmina or village) narrow to one field; `gmina:X` shows the base
    /// as residents of gmina X see it; `dzień:RRRR-MM-DD` keeps what is open that day. A prefix
    /// compares folded, so `dzien:` and `Gmina:` work too.
    pub fn parse_line(line: &str) -> Filter {
        let mut filter = Filter::default();
        let mut words: Vec<&str> = Vec::new();
        for token in line.split_whitespace() {
            let folded = fold::fold(token);
            let value = |prefix: &str| token.chars().skip(prefix.chars().count()).collect::<String>();
            if folded.starts_with(AREA_PREFIX) {
                filter.area = Some(value(AREA_PREFIX));
            } else if folded.starts_with(GROUP_PREFIX) {
                filter.target_group = Some(value(GROUP_PREFIX));
            } else if folded.starts_with(PLACE_PREFIX) {
                filter.place = Some(value(PLACE_PREFIX));
            } else if folded.starts_with(GMINA_PREFIX) {
                filter.gmina = Some(value(GMINA_PREFIX));
            } else if let Some(day) =
                folded.strip_prefix(DAY_PREFIX).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            {
                filter.open = Some(OpenFilter::On(day));
            } else {
                words.push(token);
            }
        }
        filter.text = words.join(" ");
        filter
    }

    /// Whether `name` is the gmina asked for: folded, by part, as the other fields compare.
    pub fn in_gmina(&self, name: &str) -> bool {
        self.gmina.as_deref().is_some_and(|want| fold::fold(name).contains(&fold::fold(want)))
    }

    /// The rows that pass, in their order.
    pub fn apply<'a>(&self, rows: &'a [ServiceRow]) -> Vec<&'a ServiceRow> {
        self.apply_by(rows, |r| r)
    }

    /// The items whose row passes, for callers that keep more than the row per service.
    pub fn apply_by<'a, T>(&self, items: &'a [T], row: impl Fn(&T) -> &ServiceRow) -> Vec<&'a T> {
        let folded = Folded {
            words: fold::fold(&self.text).split_whitespace().map(str::to_string).collect(),
            area: self.area.as_deref().map(fold::fold),
            group: self.target_group.as_deref().map(fold::fold),
            place: self.place.as_deref().map(fold::fold),
        };
        let mut buf = String::new();
        items.iter().filter(|item| self.passes(row(item), &folded, &mut buf)).collect()
    }

    fn passes(&self, r: &ServiceRow, f: &Folded, buf: &mut String) -> bool {
        let text_matches = f.words.iter().all(|w| {
            [r.name.as_str(), r.code.as_str(), r.unit.as_str()]
                .into_iter()
                .chain(r.providers.iter().map(String::as_str))
                .chain(r.areas.iter().map(String::as_str))
                .chain(r.places.iter().map(|p| p.name.as_str()))
                .any(|field| folded_contains(field, w, buf))
        });
        let any_of = |values: &[String], want: &Option<String>, buf: &mut String| {
            want.as_deref().is_none_or(|want| values.iter().any(|v| folded_contains(v, want, buf)))
        };
        let place_matches = f.place.as_deref().is_none_or(|want| {
            r.places.iter().any(|p| folded_contains(&p.gmina, want, buf) || folded_contains(&p.village, want, buf))
        });
        let open_matches = match self.open {
            None => true,
            Some(OpenFilter::On(day)) => r.open_on(day),
            Some(OpenFilter::At(at)) => r.open_at(at),
        };
        text_matches
            && place_matches
            && open_matches
            && any_of(&r.areas, &f.area, buf)
            && any_of(&r.target_groups, &f.group, buf)
            && self.provider_id.is_none_or(|p| r.provider_ids.contains(&p))
            && (!self.has_remaining || (!r.suspended && r.remaining.is_none_or(|left| left > 0)))
    }
}

/// Columns the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    Name,
    Code,
    Area,
    Unit,
    Provider,
    Place,
    Hours,
    Fee,
    People,
    Granted,
    Used,
    Remaining,
    Waiting,
    Status,
    Updated,
}

impl SortKey {
    pub const ALL: [SortKey; 15] = [
        SortKey::Name,
        SortKey::Code,
        SortKey::Area,
        SortKey::Unit,
        SortKey::Provider,
        SortKey::Place,
        SortKey::Hours,
        SortKey::Fee,
        SortKey::People,
        SortKey::Granted,
        SortKey::Used,
        SortKey::Remaining,
        SortKey::Waiting,
        SortKey::Status,
        SortKey::Updated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Code => "code",
            SortKey::Area => "area",
            SortKey::Unit => "unit",
            SortKey::Provider => "provider",
            SortKey::Place => "place",
            SortKey::Hours => "hours",
            SortKey::Fee => "fee",
            SortKey::People => "people",
            SortKey::Granted => "granted",
            SortKey::Used => "used",
            SortKey::Remaining => "remaining",
            SortKey::Waiting => "waiting",
            SortKey::Status => "status",
            SortKey::Updated => "updated",
        }
    }

    pub fn from_code(code: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.code() == code)
    }
}

fn status_rank(status: PoolStatus) -> u8 {
    match status {
        PoolStatus::Ok => 0,
        PoolStatus::Unlimited => 1,
        PoolStatus::Low => 2,
        PoolStatus::Waiting => 3,
        PoolStatus::None => 4,
        PoolStatus::Suspended => 5,
    }
}

/// Sorts rows by one column (text folded, so Ł sorts with L), ties by name then id.
pub fn sort_rows(rows: &mut [&ServiceRow], key: SortKey, descending: bool) {
    sort_by_row(rows, |r| r, key, descending);
}

/// Sorts items by their rows, like [`sort_rows`].
pub fn sort_by_row<T>(items: &mut [&T], row: impl Fn(&T) -> &ServiceRow, key: SortKey, descending: bool) {
    use std::cmp::Ordering;
    let first = |v: &[String]| v.first().map(|s| fold::fold(s)).unwrap_or_default();
    let cmp = |a: &ServiceRow, b: &ServiceRow| -> Ordering {
        match key {
            SortKey::Name => Ordering::Equal,
            SortKey::Code => a.code.cmp(&b.code),
            SortKey::Area => first(&a.areas).cmp(&first(&b.areas)),
            SortKey::Unit => fold::fold(&a.unit).cmp(&fold::fold(&b.unit)),
            SortKey::Provider => first(&a.providers).cmp(&first(&b.providers)),
            SortKey::Place => {
                a.places.first().map(|p| fold::fold(&p.name)).cmp(&b.places.first().map(|p| fold::fold(&p.name)))
            }
            SortKey::Hours => a.hours_today.first().map(|h| h.opens).cmp(&b.hours_today.first().map(|h| h.opens)),
            SortKey::Fee => a.fee_grosze.cmp(&b.fee_grosze),
            SortKey::People => a.people.cmp(&b.people),
            SortKey::Granted => a.granted.cmp(&b.granted),
            SortKey::Used => a.used.cmp(&b.used),
            SortKey::Remaining => a.remaining.unwrap_or(i64::MAX).cmp(&b.remaining.unwrap_or(i64::MAX)),
            SortKey::Waiting => a.waiting.cmp(&b.waiting),
            SortKey::Status => status_rank(a.status).cmp(&status_rank(b.status)),
            SortKey::Updated => a.updated_at.cmp(&b.updated_at),
        }
    };
    items.sort_by(|a, b| {
        let (a, b) = (row(a), row(b));
        let primary = if descending { cmp(b, a) } else { cmp(a, b) };
        primary.then_with(|| fold::fold(&a.name).cmp(&fold::fold(&b.name))).then(a.id.cmp(&b.id))
    });
}
