//! Capacity pools: a limit of units per calendar period; what remains is the limit less what
//! approved plans grant in that period, and nothing may be granted past it.

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::i18n::errors::quota_exceeded(crate::i18n::current(), .remaining, .requested))]
pub struct QuotaExceeded {
    pub remaining: i64,
    pub requested: i64,
}

/// The largest limit a pool may have in one period: more is a typing error, and sums of such
/// limits must stay far from overflowing.
pub const MAX_LIMIT: i64 = super::limits::MAX_POOL_UNITS;

/// Remaining units: may be negative if a limit was lowered by hand below what is granted.
pub fn remaining(limit: i64, granted: i64) -> i64 {
    limit - granted
}

pub fn check_grant(limit: i64, granted: i64, requested: i64) -> Result<i64, QuotaExceeded> {
    let left = remaining(limit, granted);
    if requested > left { Err(QuotaExceeded { remaining: left, requested }) } else { Ok(left - requested) }
}

/// How the service base labels a pool, without relying on colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PoolStatus {
    /// Enough left.
    Ok,
    /// Little left: at most a tenth of the limit (and at least one unit).
    Low,
    /// Nothing left.
    None,
    /// Nothing left and applications are waiting.
    Waiting,
    /// No pool is set for the period: the service is not rationed.
    Unlimited,
    /// Suspended by the organiser.
    Suspended,
}

pub fn pool_status(limit: Option<i64>, granted: i64, waiting: usize, suspended: bool) -> PoolStatus {
    if suspended {
        return PoolStatus::Suspended;
    }
    let Some(limit) = limit else { return PoolStatus::Unlimited };
    let left = remaining(limit, granted);
    if left <= 0 {
        if waiting > 0 { PoolStatus::Waiting } else { PoolStatus::None }
    } else if waiting > 0 {
        PoolStatus::Waiting
    } else if left <= limit / 10 {
        PoolStatus::Low
    } else {
        PoolStatus::Ok
    }
}

/// Why a grant's provider does not fit the service's pools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderProblem {
    /// The service has pools per provider: a grant without one would draw on none of them.
    Missing,
    /// The provider has no pool of the service, and no pool is for the whole service.
    NoPool,
}

impl std::fmt::Display for ProviderProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lang = crate::i18n::current();
        f.write_str(match self {
            ProviderProblem::Missing => crate::i18n::plan::provider_required(lang),
            ProviderProblem::NoPool => crate::i18n::plan::provider_has_no_pool(lang),
        })
    }
}

impl std::error::Error for ProviderProblem {}

/// Checks a grant's provider against the providers of the service's pools in force over the
/// grant (`None` for a pool of the whole service): where pools are per provider, a grant must
/// name one of them, so that every grant draws on the pools it should.
pub fn check_provider(pool_providers: &[Option<i64>], provider: Option<i64>) -> Result<(), ProviderProblem> {
    if !pool_providers.iter().any(Option::is_some) {
        return Ok(());
    }
    match provider {
        None => Err(ProviderProblem::Missing),
        Some(p) if !pool_providers.iter().any(|&q| q.is_none() || q == Some(p)) => Err(ProviderProblem::NoPool),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grants_up_to_the_limit_and_no_further() {
        assert_eq!(check_grant(100, 90, 10), Ok(0));
        assert_eq!(check_grant(100, 90, 11), Err(QuotaExceeded { remaining: 10, requested: 11 }));
        assert_eq!(check_grant(10, 12, 1), Err(QuotaExceeded { remaining: -2, requested: 1 }));
    }

    #[test]
    fn labels_a_pool_with_an_absurd_limit_from_an_old_database_without_overflowing() {
        assert_eq!(pool_status(Some(i64::MAX), 0, 0, false), PoolStatus::Ok);
    }

    #[test]
    fn labels_pools_by_what_is_left() {
        assert_eq!(pool_status(Some(100), 50, 0, false), PoolStatus::Ok);
        assert_eq!(pool_status(Some(100), 90, 0, false), PoolStatus::Low);
        assert_eq!(pool_status(Some(100), 100, 0, false), PoolStatus::None);
        assert_eq!(pool_status(Some(100), 100, 3, false), PoolStatus::Waiting);
        assert_eq!(pool_status(None, 100, 0, false), PoolStatus::Unlimited);
        assert_eq!(pool_status(Some(100), 0, 0, true), PoolStatus::Suspended);
    }

    #[test]
    fn a_service_with_provider_pools_needs_a_provider_that_has_one() {
        assert_eq!(check_provider(&[], None), Ok(()));
        assert_eq!(check_provider(&[None], None), Ok(()));
        assert_eq!(check_provider(&[Some(1), Some(2)], None), Err(ProviderProblem::Missing));
        assert_eq!(check_provider(&[Some(1), Some(2)], Some(2)), Ok(()));
        assert_eq!(check_provider(&[Some(1), Some(2)], Some(3)), Err(ProviderProblem::NoPool));
        assert_eq!(check_provider(&[Some(1), None], Some(3)), Ok(()));
        assert_eq!(check_provider(&[Some(1), None], None), Err(ProviderProblem::Missing));
    }
}
