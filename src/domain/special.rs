//! Special-category data (GDPR art. 9): what a person without the right to it never sees. Health
//! and disability are revealed not only by the needs and notes written about someone but also by
//! the services they get, so a service in a health or disability area counts as such data.

use super::ipus::PlanContent;
use std::collections::HashSet;

/// The statutory areas (art. 2 of the Act) whose services reveal health or disability.
pub const HEALTH_AREAS: [&str; 2] = ["promocja i ochrona zdrowia", "wspieranie osób niepełnosprawnych"];

pub fn reveals_health(area: &str) -> bool {
    HEALTH_AREAS.contains(&area)
}

/// Replaces, in a plan version, what describes the person (needs, expected effects) and every
/// detail of a line whose service is among `health_services` with `hidden`. Amounts and dates
/// stay: they are what the front desk needs to answer "when is the next visit".
pub fn hide_in_content(content: &mut PlanContent, health_services: &HashSet<i64>, hidden: &str) {
    hide(&mut content.needs, hidden);
    hide(&mut content.expected_effects, hidden);
    for line in content.lines.iter_mut().filter(|l| health_services.contains(&l.service_id)) {
        line.service_code = hidden.to_string();
        line.service_name = hidden.to_string();
        for text in [&mut line.scope, &mut line.place_form, &mut line.schedule] {
            hide(text, hidden);
        }
    }
}

/// Replaces a note with `hidden`, leaving an empty one empty.
pub fn hide(text: &mut String, hidden: &str) {
    if !text.is_empty() {
        *text = hidden.to_string();
    }
}
