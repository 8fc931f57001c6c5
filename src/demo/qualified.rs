//! Residents qualified for a single service without an IPUS (art. 42), and one refusal, made
//! through the same storage functions as the desk and `application qualify|refuse`, so that the
//! base, the card and the reports of the demo show them.

use super::Generator;
use super::catalogue::{PoolShape, SERVICES};
use crate::domain::period::DateRange;
use crate::domain::plan::Per;
use crate::domain::qualification::{QualificationDraft, Refusal};
use crate::storage::pools::{self, GrantRef};
use crate::storage::qualifications::{self, Grant};
use crate::storage::{Result, staff, usage, waitlist};
use chrono::{Datelike, Days, Months, NaiveDate};

/// How many assessed applications are qualified; the first of them is also refused a second
/// service, which leaves the application as it stands.
const QUALIFIED: usize = 4;
/// The organiser of the demo's staff, whom the permission table allows to qualify.
const ORGANISER: &str = "mpajak";

impl Generator<'_> {
    pub(super) fn qualifications(&mut self) -> Result<()> {
        let me = staff::identify(self.tx, ORGANISER)?;
        let applications: Vec<(i64, NaiveDate)> = self.assessed.iter().take(QUALIFIED).copied().collect();
        // Monthly services with room to spare: a qualification never fills a pool of the demo.
        let services: Vec<usize> = (0..SERVICES.len())
            .filter(|&i| matches!(SERVICES[i].pool, PoolShape::Plenty { .. }) && SERVICES[i].per == Per::Month)
            .collect();
        if services.is_empty() {
            return Ok(());
        }
        let today = self.today;
        let this_month = today.with_day(1).unwrap_or(today);
        let end = (this_month + Months::new(3)).pred_opt().unwrap_or(today);
        let mut first_qualified = None;
        for (n, (application, filed)) in applications.iter().enumerate() {
            let filed = *filed;
            let service = services[n % services.len()];
            let service_id = self.service_ids[service];
            let declared = (filed + Days::new(2)).min(today);
            // An earlier applicant waiting for the service would need a reason recorded.
            if !waitlist::waiting(self.tx, service_id)?.is_empty() {
                continue;
            }
            let units = i64::from(SERVICES[service].amount.clamp(1, 4));
            let span = DateRange { start: declared, end };
            let Some(pool) = pools::left_per_pool(self.tx, service_id, span)?
                .into_iter()
                .find(|p| p.periods.iter().all(|left| left.remaining >= units))
            else {
                continue;
            };
            let provider_id = pool
                .provider_id
                .or_else(|| SERVICES[service].providers.first().and_then(|&i| self.provider_ids.get(i).copied()));
            let grant = Grant {
                application_id: *application,
                service_id,
                provider_id,
                draft: QualificationDraft {
                    units,
                    per: Per::Month,
                    starts_on: declared,
                    ends_on: end,
                    fee_note: "bezpłatnie (dochód poniżej kryterium programu)".into(),
                    declaration_on: declared,
                },
                queue_reason: None,
            };
            self.at(declared, 10, 0);
            let id = qualifications::qualify(self.tx, &me, &grant, declared)?;
            // A delivery this month, so that the base shows the service in use.
            let day = declared.max(this_month);
            self.at(day, 15, 0);
            let delivery = usage::Delivery {
                grant: GrantRef::Qualification(id),
                day,
                units: 1,
                note: "",
                source: "desk",
                import_key: None,
            };
            usage::record(self.tx, &me.login, &delivery)?;
            self.summary.qualifications += 1;
            self.summary.usage_records += 1;
            first_qualified.get_or_insert((*application, n));
        }
        if let Some((application, n)) = first_qualified {
            let refusal = Refusal {
                decision_number: format!("CUS.4011.1.{}", today.year()),
                decided_on: today,
                grounds: "Usługa nie jest przewidziana dla osób w wieku wnioskodawcy (§ 9.1 programu).".into(),
            };
            let other = self.service_ids[services[(n + 1) % services.len()]];
            self.at(today, 12, 0);
            qualifications::refuse(self.tx, &me, application, other, &refusal, today)?;
        }
        Ok(())
    }
}
