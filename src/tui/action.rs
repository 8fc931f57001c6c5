//! The action vocabulary: everything a person can do at the desk has a name here, and keymap
//! files bind keys to these names. A misspelt name is a load error, never a silent no-op.

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
    PrintPlan,
    SubmitPlan,
    ApprovePlan,
    RemoveLine,
    ReturnPlan,
    RevealPesel,
    CopyPhone,
    CopyPesel,
    FreezeLive,
    SortNext,
    SortReverse,
    FilterRemaining,
    FilterOpenNow,
    EditLimit,
    ToggleSuspend,
    RecordUsage,
    /// A printable character typed into a text field; never bound in a keymap.
    #[serde(skip)]
    Type(char),
}

impl Action {
    /// Parses an action name as written in a keymap file.
    pub fn from_name(name: &str) -> Option<Action> {
        use serde::de::IntoDeserializer;
        let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = name.into_deserializer();
        Action::deserialize(de).ok()
    }

    /// The name used in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Action::Help => "help",
            Action::Residents => "residents",
            Action::ServiceBase => "service_base",
            Action::Plans => "plans",
            Action::Dashboard => "dashboard",
            Action::Quit => "quit",
            Action::Back => "back",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::First => "first",
            Action::Last => "last",
            Action::Open => "open",
            Action::FocusSearch => "focus_search",
            Action::FocusList => "focus_list",
            Action::ClearQuery => "clear_query",
            Action::DeleteBack => "delete_back",
            Action::MoveLeft => "move_left",
            Action::MoveRight => "move_right",
            Action::LineStart => "line_start",
            Action::LineEnd => "line_end",
            Action::NextField => "next_field",
            Action::PrevField => "prev_field",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::NewVisit => "new_visit",
            Action::NewApplication => "new_application",
            Action::PrintPlan => "print_plan",
            Action::SubmitPlan => "submit_plan",
            Action::ApprovePlan => "approve_plan",
            Action::RemoveLine => "remove_line",
            Action::ReturnPlan => "return_plan",
            Action::RevealPesel => "reveal_pesel",
            Action::CopyPhone => "copy_phone",
            Action::CopyPesel => "copy_pesel",
            Action::FreezeLive => "freeze_live",
            Action::SortNext => "sort_next",
            Action::SortReverse => "sort_reverse",
            Action::FilterRemaining => "filter_remaining",
            Action::FilterOpenNow => "filter_open_now",
            Action::EditLimit => "edit_limit",
            Action::ToggleSuspend => "toggle_suspend",
            Action::RecordUsage => "record_usage",
            Action::Type(_) => "type",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_typing_is_not_bindable() {
        for a in [Action::Help, Action::ServiceBase, Action::CopyPesel, Action::PageDown] {
            assert_eq!(Action::from_name(a.name()), Some(a));
        }
        assert_eq!(Action::from_name("type"), None);
        assert_eq!(Action::from_name("qiut"), None);
    }
}
