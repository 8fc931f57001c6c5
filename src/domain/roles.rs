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
}

impl Role {
    pub const ALL: [Role; 5] =
        [Role::Recepcja, Role::Koordynator, Role::Organizator, Role::Dyrektor, Role::Administrator];

    pub fn code(self) -> &'static str {
        match self {
            Role::Recepcja => "recepcja",
            Role::Koordynator => "koordynator",
            Role::Organizator => "organizator",
            Role::Dyrektor => "dyrektor",
            Role::Administrator => "administrator",
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
    RecordUsage,
    RecordMonitoring,
    EditServiceBase,
    ApprovePlan,
    ViewReports,
    ManageStaff,
    ImportResidents,
    ExportResident,
    ViewAudit,
    /// Joining two records found to be one person.
    MergeResidents,
}

impl Permission {
    pub const ALL: [Permission; 19] = [
        Permission::SearchResidents,
        Permission::ViewCard,
        Permission::EditResident,
        Permission::ViewSpecialCategory,
        Permission::RevealPesel,
        Permission::RecordContact,
        Permission::RegisterApplication,
        Permission::AssessNeeds,
        Permission::DraftPlan,
        Permission::RecordUsage,
        Permission::RecordMonitoring,
        Permission::EditServiceBase,
        Permission::ApprovePlan,
        Permission::ViewReports,
        Permission::ManageStaff,
        Permission::ImportResidents,
        Permission::ExportResident,
        Permission::ViewAudit,
        Permission::MergeResidents,
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
                SearchResidents | ViewCard | EditResident | RevealPesel | RecordContact | RegisterApplication
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
                | RecordUsage
                | RecordMonitoring
        ),
        Role::Organizator => matches!(
            permission,
            SearchResidents
                | ViewCard
                | ViewSpecialCategory
                | EditServiceBase
                | ApprovePlan
                | ViewReports
                | RecordUsage
                | MergeResidents
        ),
        Role::Dyrektor => {
            matches!(
                permission,
                SearchResidents | ViewCard | ViewSpecialCategory | ApprovePlan | ViewReports | ViewAudit
            )
        }
        Role::Administrator => {
            matches!(permission, ManageStaff | ImportResidents | ExportResident | ViewAudit | MergeResidents)
        }
    }
}

/// Whether any of a person's roles grants the permission; an organiser approves only when authorised.
pub fn allowed(roles: &[Role], authorised_to_approve: bool, permission: Permission) -> bool {
    roles.iter().any(|&role| {
        role_allows(role, permission)
            && !(permission == Permission::ApprovePlan && role == Role::Organizator && !authorised_to_approve)
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

    /// The whole table, one row per permission, columns R K O D A (recepcja, koordynator,
    /// organizator, dyrektor, administrator); an organiser here is authorised to approve.
    #[test]
    fn the_whole_permission_table() {
        let expected = [
            (Permission::SearchResidents, "RKOD."),
            (Permission::ViewCard, "RKOD."),
            (Permission::EditResident, "RK..."),
            (Permission::ViewSpecialCategory, ".KOD."),
            (Permission::RevealPesel, "RK..."),
            (Permission::RecordContact, "RK..."),
            (Permission::RegisterApplication, "RK..."),
            (Permission::AssessNeeds, ".K..."),
            (Permission::DraftPlan, ".K..."),
            (Permission::RecordUsage, ".KO.."),
            (Permission::RecordMonitoring, ".K..."),
            (Permission::EditServiceBase, "..O.."),
            (Permission::ApprovePlan, "..OD."),
            (Permission::ViewReports, "..OD."),
            (Permission::ManageStaff, "....A"),
            (Permission::ImportResidents, "....A"),
            (Permission::ExportResident, "....A"),
            (Permission::ViewAudit, "...DA"),
            (Permission::MergeResidents, "..O.A"),
        ];
        assert_eq!(expected.len(), Permission::ALL.len(), "every permission has a row");
        for (permission, row) in expected {
            let actual: String = Role::ALL
                .iter()
                .zip("RKODA".chars())
                .map(|(role, letter)| if allowed(&[*role], true, permission) { letter } else { '.' })
                .collect();
            assert_eq!(actual, row, "{permission:?}");
        }
    }

    #[test]
    fn only_administrators_manage_staff() {
        for role in Role::ALL {
            assert_eq!(allowed(&[role], true, Permission::ManageStaff), role == Role::Administrator);
        }
    }
}
