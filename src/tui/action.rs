//! The action vocabulary: everything a person can do at the desk, named in the catalogue
//! ([`crate::i18n::desk::Action`], so that its labels sit beside it), and what the desk asks of it.

pub use crate::i18n::desk::Action;
use serde::Deserialize;

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
