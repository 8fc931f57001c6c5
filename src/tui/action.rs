//! The action vocabulary: everything a person can do at the desk has a name here, and keymap
//! files bind keys to these names. A misspelt name is a load error, never a silent no-op.

use crate::i18n::desk::Command;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Help,
    Residents,
    ServiceBase,
    Plans,
    Dashboard,
    Quit,
    Back,
    NextPane,
    PrevPane,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Open,
    FocusSearch,
    FocusList,
    ClearQuery,
    DeleteBack,
    MoveLeft,
    MoveRight,
    LineStart,
    LineEnd,
    NextField,
    PrevField,
    Confirm,
    Cancel,
    NewVisit,
    NewApplication,
    /// Qualifies the applicant on the card's open application for one service (art. 42).
    Qualify,
    /// Records a refusal to qualify, a decision open to appeal.
    RefuseQualification,
    /// Puts the plan's application on the waiting list of a line whose service has nothing left.
    JoinWaitlist,
    PrintPlan,
    SubmitPlan,
    ApprovePlan,
    RemoveLine,
    ReturnPlan,
    /// Long text shown whole (wrapped) instead of cut with an ellipsis, and back.
    ShowWhole,
    RevealPesel,
    CopyPhone,
    CopyPesel,
    FreezeLive,
    /// Opens the list of sort orders to pick one from (`sort_next` in older keymap files).
    #[serde(alias = "sort_next")]
    SortBy,
    SortReverse,
    FilterRemaining,
    FilterOpenNow,
    EditLimit,
    ToggleSuspend,
    AddService,
    EditService,
    RecordUsage,
    RecordMonitoring,
    ResignPlan,
    CompletePlan,
    RecordFollowUp,
    UpdatePlan,
    OpenReports,
    ExportReport,
    /// Moves between "no" and "yes" in a confirmation.
    ChooseAnswer,
    /// Draws the whole screen again (after something else wrote over it).
    Repaint,
    RegisterResident,
    AnonymousEnquiry,
    ApplicationOutcome,
    AddRepresentative,
    /// The list of open applications with the 30-day countdown, or the card's application.
    OpenApplications,
    /// A plan's first draft for the application on screen.
    DraftPlan,
    /// Forwards the application to a partner team or institution.
    ForwardApplication,
    /// Ends the application as information and referral only.
    InformationOnly,
    /// Saves a long form, where Enter only moves to the next field.
    SaveForm,
    /// Adds a row to a form's list (a service used now or wanted).
    AddRow,
    /// Removes the focused row of a form's list.
    RemoveRow,
    /// Opens the service catalogue to fill the focused row's service.
    PickService,
    /// Sends the card's newest open application, with its needs assessment, to the print command.
    PrintApplication,
    /// Sends the application's latest refusal decision, the letter to sign, to the print command.
    PrintDecision,
    /// A printable character typed into a text field; never bound in a keymap.
    #[serde(skip)]
    Type(char),
}

impl Action {
    /// Whether a picker opened over a view takes this action: narrowing by typing, moving,
    /// choosing, leaving. The app keeps the rest (help, other views, quit) while it is open.
    pub fn is_for_a_picker(self) -> bool {
        matches!(
            self,
            Action::Type(_)
                | Action::DeleteBack
                | Action::ClearQuery
                | Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last
                | Action::Open
                | Action::Confirm
                | Action::Back
                | Action::Cancel
        )
    }

    /// Parses an action name as written in a keymap file.
    pub fn from_name(name: &str) -> Option<Action> {
        use serde::de::IntoDeserializer;
        let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = name.into_deserializer();
        Action::deserialize(de).ok()
    }

    /// How the help popup and the hint line name the action.
    pub fn command(self) -> Command {
        match self {
            Action::Help => Command::Help,
            Action::Residents => Command::Residents,
            Action::ServiceBase => Command::ServiceBase,
            Action::Plans => Command::Plans,
            Action::Dashboard => Command::Dashboard,
            Action::Quit => Command::Quit,
            Action::Back => Command::Back,
            Action::NextPane => Command::NextPane,
            Action::PrevPane => Command::PrevPane,
            Action::Up => Command::Up,
            Action::Down => Command::Down,
            Action::PageUp => Command::PageUp,
            Action::PageDown => Command::PageDown,
            Action::First => Command::First,
            Action::Last => Command::Last,
            Action::Open => Command::Open,
            Action::FocusSearch => Command::FocusSearch,
            Action::FocusList => Command::FocusList,
            Action::ClearQuery => Command::ClearQuery,
            Action::DeleteBack => Command::DeleteBack,
            Action::MoveLeft => Command::MoveLeft,
            Action::MoveRight => Command::MoveRight,
            Action::LineStart => Command::LineStart,
            Action::LineEnd => Command::LineEnd,
            Action::NextField => Command::NextField,
            Action::PrevField => Command::PrevField,
            Action::Confirm => Command::Confirm,
            Action::Cancel => Command::Cancel,
            Action::NewVisit => Command::NewVisit,
            Action::NewApplication => Command::NewApplication,
            Action::Qualify => Command::Qualify,
            Action::RefuseQualification => Command::RefuseQualification,
            Action::JoinWaitlist => Command::JoinWaitlist,
            Action::PrintPlan => Command::PrintPlan,
            Action::SubmitPlan => Command::SubmitPlan,
            Action::ApprovePlan => Command::ApprovePlan,
            Action::RemoveLine => Command::RemoveLine,
            Action::ReturnPlan => Command::ReturnPlan,
            Action::ShowWhole => Command::ShowWhole,
            Action::RevealPesel => Command::RevealPesel,
            Action::CopyPhone => Command::CopyPhone,
            Action::CopyPesel => Command::CopyPesel,
            Action::FreezeLive => Command::FreezeLive,
            Action::SortBy => Command::SortBy,
            Action::SortReverse => Command::SortReverse,
            Action::FilterRemaining => Command::FilterRemaining,
            Action::FilterOpenNow => Command::FilterOpenNow,
            Action::EditLimit => Command::EditLimit,
            Action::ToggleSuspend => Command::ToggleSuspend,
            Action::AddService => Command::AddService,
            Action::EditService => Command::EditService,
            Action::RecordUsage => Command::RecordUsage,
            Action::RecordMonitoring => Command::RecordMonitoring,
            Action::ResignPlan => Command::ResignPlan,
            Action::CompletePlan => Command::CompletePlan,
            Action::RecordFollowUp => Command::RecordFollowUp,
            Action::UpdatePlan => Command::UpdatePlan,
            Action::OpenReports => Command::OpenReports,
            Action::ExportReport => Command::ExportReport,
            Action::Repaint => Command::Repaint,
            Action::ChooseAnswer => Command::ChooseAnswer,
            Action::RegisterResident => Command::RegisterResident,
            Action::AnonymousEnquiry => Command::AnonymousEnquiry,
            Action::ApplicationOutcome => Command::ApplicationOutcome,
            Action::AddRepresentative => Command::AddRepresentative,
            Action::OpenApplications => Command::OpenApplications,
            Action::DraftPlan => Command::DraftPlan,
            Action::ForwardApplication => Command::ForwardApplication,
            Action::InformationOnly => Command::InformationOnly,
            Action::SaveForm => Command::SaveForm,
            Action::AddRow => Command::AddRow,
            Action::RemoveRow => Command::RemoveRow,
            Action::PickService => Command::PickService,
            Action::PrintApplication => Command::PrintApplication,
            Action::PrintDecision => Command::PrintDecision,
            Action::Type(_) => Command::Type,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_typing_is_not_bindable() {
        assert_eq!(Action::from_name("help"), Some(Action::Help));
        assert_eq!(Action::from_name("service_base"), Some(Action::ServiceBase));
        assert_eq!(Action::from_name("copy_pesel"), Some(Action::CopyPesel));
        assert_eq!(Action::from_name("page_down"), Some(Action::PageDown));
        assert_eq!(Action::from_name("type"), None);
        assert_eq!(Action::from_name("qiut"), None);
    }
}
