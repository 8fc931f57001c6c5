//! Four eyes: a plan is approved by someone who neither coordinates it nor drafted the version.
//! A centre too small for that turns the rule off explicitly; the decision then says so.

/// Why a person may not approve a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnPlan {
    /// The approver is the plan's coordinator.
    Coordinates,
    /// The approver edited or submitted the version.
    Drafted,
}

/// Whether `approver` may approve a version coordinated by `coordinator` and drafted by
/// `drafters` (whoever edited or submitted it). With the rule off (`four_eyes` false) anyone
/// allowed to approve may.
pub fn four_eyes(approver: &str, coordinator: &str, drafters: &[String], four_eyes: bool) -> Result<(), OwnPlan> {
    if !four_eyes {
        return Ok(());
    }
    if approver == coordinator {
        return Err(OwnPlan::Coordinates);
    }
    if drafters.iter().any(|d| d == approver) {
        return Err(OwnPlan::Drafted);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_coordinator_and_the_drafters_never_approve_unless_the_centre_turned_the_rule_off() {
        let drafters = ["anna".to_string(), "piotr".to_string()];
        assert_eq!(four_eyes("kasia", "kasia", &drafters, true), Err(OwnPlan::Coordinates));
        assert_eq!(four_eyes("piotr", "kasia", &drafters, true), Err(OwnPlan::Drafted));
        assert_eq!(four_eyes("dyrektor", "kasia", &drafters, true), Ok(()));
        assert_eq!(four_eyes("kasia", "kasia", &drafters, false), Ok(()));
    }
}
