//! Staff roles and the one table of what each role may do. The UI and the CLI both ask
//! [`allowed`]; neither keeps its own list.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Recepcja,
    Koordynator,
    Organizator,
    Dyrektor,
    Administrator,
    /// A partner's team a case is forwarded to: reads, changes nothing.
    Zespol,
    /// The local community organiser (OSL), who receives the half-year summary.
    Osl,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Recepcja,
        Role::Koordynator,
        Role::Organizator,
        Role::Dyrektor,
        Role::Administrator,
        Role::Zespol,
        Role::Osl,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Recepcja => "recepcja",
            Role::Koordynator => "koordynator",
            Role::Organizator => "organizator",
            Role::Dyrektor => "dyrektor",
            Role::Administrator => "administrator",
            Role::Zespol => "zespol",
            Role::Osl => "osl",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Everything a person can do that some role may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    SearchResidents,
    ViewCard,
    EditResident,
    ViewSpecialCategory,
    RevealPesel,
    RecordContact,
    RegisterApplication,
    AssessNeeds,
    DraftPlan,
    /// Ending a plan or recording a resignation from it or from one of its lines; a coordinator
    /// holds it for the plans they coordinate only ([`may_end_plan`]).
    EndPlan,
    RecordUsage,
    RecordMonitoring,
    EditServiceBase,
    ApprovePlan,
    /// Grants one service without an IPUS, or refuses it by decision (art. 42).
    Qualify,
    ViewReports,
    ManageStaff,
    ImportResidents,
    ExportResident,
    ViewAudit,
    /// Joining two records found to be one person.
    MergeResidents,
    /// A refusal by administrative decision closes an application.
    RecordRefusal,
    /// The half-year summary of all plans (art. 46).
    ViewHalfYearSummary,
    /// The centre's own details and the partnership's gminas, villages and streets.
    ConfigureCentre,
    /// The programme: resolutions, services, fees, contracts, partners.
    ConfigureProgramme,
    /// Meetings with the coordinators and volunteers.
    RecordMeeting,
    RecordIncome,
}

impl Permission {
    pub const ALL: [Permission; 27] = [
        Permission::SearchResidents,
        Permission::ViewCard,
        Permission::EditResident,
        Permission::ViewSpecialCategory,
        Permission::RevealPesel,
        Permission::RecordContact,
        Permission::RegisterApplication,
        Permission::AssessNeeds,
        Permission::DraftPlan,
        Permission::EndPlan,
        Permission::RecordUsage,
        Permission::RecordMonitoring,
        Permission::EditServiceBase,
        Permission::ApprovePlan,
        Permission::Qualify,
        Permission::ViewReports,
        Permission::ManageStaff,
        Permission::ImportResidents,
        Permission::ExportResident,
        Permission::ViewAudit,
        Permission::MergeResidents,
        Permission::RecordRefusal,
        Permission::ViewHalfYearSummary,
        Permission::ConfigureCentre,
        Permission::ConfigureProgramme,
        Permission::RecordMeeting,
        Permission::RecordIncome,
    ];
}

/// Whether one role grants a permission. Approval by an organiser also needs the director's
/// authorisation, which is per person and checked by the caller with [`may_approve`].
pub fn role_allows(role: Role, permission: Permission) -> bool {
    use Permission::*;
    match role {
        Role::Recepcja => {
            matches!(
                permission,
                SearchResidents
                    | ViewCard
                    | EditResident
                    | RevealPesel
                    | RecordContact
                    | RegisterApplication
                    | RecordIncome
            )
        }
        Role::Koordynator => matches!(
            permission,
            SearchResidents
                | ViewCard
                | EditResident
                | ViewSpecialCategory
                | RevealPesel
                | RecordContact
                | RegisterApplication
                | AssessNeeds
                | DraftPlan
                | EndPlan
                | RecordUsage
                | RecordMonitoring
                | RecordRefusal
                | RecordIncome
        ),
        Role::Organizator => matches!(
            permission,
            SearchResidents
                | ViewCard
                | ViewSpecialCategory
                | EditServiceBase
                | ApprovePlan
                | Qualify
                | EndPlan
                | ViewReports
                | ViewHalfYearSummary
                | RecordUsage
                | MergeResidents
                | ConfigureProgramme
                | RecordMeeting
        ),
        Role::Dyrektor => {
            matches!(
                permission,
                SearchResidents
                    | ViewCard
                    | ViewSpecialCategory
                    | ApprovePlan
                    | Qualify
                    | EndPlan
                    | ViewReports
                    | ViewHalfYearSummary
                    | ViewAudit
                    | RecordRefusal
                    | ConfigureCentre
                    | ConfigureProgramme
            )
        }
        Role::Administrator => {
            matches!(
                permission,
                ManageStaff | ImportResidents | ExportResident | ViewAudit | MergeResidents | ConfigureCentre
            )
        }
        Role::Zespol => matches!(permission, SearchResidents | ViewCard),
        Role::Osl => matches!(permission, ViewHalfYearSummary),
    }
}

/// Whether any of a person's roles grants the permission; an organiser approves only when authorised.
pub fn allowed(roles: &[Role], authorised_to_approve: bool, permission: Permission) -> bool {
    roles.iter().any(|&role| {
        role_allows(role, permission)
            && !(permission == Permission::ApprovePlan && role == Role::Organizator && !authorised_to_approve)
    })
}

/// Whether a person may end one plan or record a resignation from it: the organiser and the
/// director may end any plan, a coordinator only the plans they coordinate.
pub fn may_end_plan(roles: &[Role], coordinates_the_plan: bool) -> bool {
    roles.iter().any(|&role| match role {
        Role::Koordynator => coordinates_the_plan,
        Role::Organizator | Role::Dyrektor => true,
        Role::Recepcja | Role::Administrator | Role::Zespol | Role::Osl => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_desk_does_not_see_special_category_data_or_plans() {
        assert!(allowed(&[Role::Recepcja], false, Permission::SearchResidents));
        assert!(!allowed(&[Role::Recepcja], false, Permission::ViewSpecialCategory));
        assert!(!allowed(&[Role::Recepcja], false, Permission::DraftPlan));
    }

    #[test]
    fn organiser_approves_only_when_authorised() {
        assert!(!allowed(&[Role::Organizator], false, Permission::ApprovePlan));
        assert!(allowed(&[Role::Organizator], true, Permission::ApprovePlan));
        assert!(allowed(&[Role::Dyrektor], false, Permission::ApprovePlan));
    }

    /// The whole table, one row per permission, columns R K O D A Z S (recepcja, koordynator,
    /// organizator, dyrektor, administrator, zespół, OSL); an organiser here is authorised to approve.
    #[test]
    fn the_whole_permission_table() {
        let expected = [
            (Permission::SearchResidents, "RKOD.Z."),
            (Permission::ViewCard, "RKOD.Z."),
            (Permission::EditResident, "RK....."),
            (Permission::ViewSpecialCategory, ".KOD..."),
            (Permission::RevealPesel, "RK....."),
            (Permission::RecordContact, "RK....."),
            (Permission::RegisterApplication, "RK....."),
            (Permission::AssessNeeds, ".K....."),
            (Permission::DraftPlan, ".K....."),
            (Permission::EndPlan, ".KOD..."),
            (Permission::RecordUsage, ".KO...."),
            (Permission::RecordMonitoring, ".K....."),
            (Permission::EditServiceBase, "..O...."),
            (Permission::ApprovePlan, "..OD..."),
            (Permission::Qualify, "..OD..."),
            (Permission::ViewReports, "..OD..."),
            (Permission::ManageStaff, "....A.."),
            (Permission::ImportResidents, "....A.."),
            (Permission::ExportResident, "....A.."),
            (Permission::ViewAudit, "...DA.."),
            (Permission::MergeResidents, "..O.A.."),
            (Permission::RecordRefusal, ".K.D..."),
            (Permission::ViewHalfYearSummary, "..OD..S"),
            (Permission::ConfigureCentre, "...DA.."),
            (Permission::ConfigureProgramme, "..OD..."),
            (Permission::RecordMeeting, "..O...."),
            (Permission::RecordIncome, "RK....."),
        ];
        assert_eq!(expected.len(), Permission::ALL.len(), "every permission has a row");
        for (permission, row) in expected {
            let actual: String = Role::ALL
                .iter()
                .zip("RKODAZS".chars())
                .map(|(role, letter)| if allowed(&[*role], true, permission) { letter } else { '.' })
                .collect();
            assert_eq!(actual, row, "{permission:?}");
        }
    }

    #[test]
    fn a_coordinator_ends_only_the_plans_they_coordinate() {
        assert!(may_end_plan(&[Role::Koordynator], true));
        assert!(!may_end_plan(&[Role::Koordynator], false));
        assert!(may_end_plan(&[Role::Organizator], false));
        assert!(may_end_plan(&[Role::Dyrektor], false));
        assert!(!may_end_plan(&[Role::Recepcja], true));
        assert!(!may_end_plan(&[Role::Administrator], true));
    }

    #[test]
    fn forwarded_teams_and_the_osl_change_nothing() {
        let writes = [
            Permission::EditResident,
            Permission::RecordContact,
            Permission::RegisterApplication,
            Permission::DraftPlan,
            Permission::RecordUsage,
            Permission::RecordMonitoring,
            Permission::ApprovePlan,
            Permission::RecordRefusal,
            Permission::MergeResidents,
            Permission::RecordIncome,
        ];
        for role in [Role::Zespol, Role::Osl] {
            for p in writes {
                assert!(!allowed(&[role], true, p), "{role:?} {p:?}");
            }
        }
        assert!(allowed(&[Role::Osl], false, Permission::ViewHalfYearSummary));
        assert!(!allowed(&[Role::Osl], false, Permission::ViewSpecialCategory));
    }

    #[test]
    fn only_administrators_manage_staff() {
        for role in Role::ALL {
            assert_eq!(allowed(&[role], true, Permission::ManageStaff), role == Role::Administrator);
        }
    }
}
