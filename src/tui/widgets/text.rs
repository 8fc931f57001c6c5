//! The one text editor: the editing keys of a one-line field (type, delete back, move, start,
//! end) and the part of a long value that keeps the cursor in view. The form's fields and the
//! plan editor's fields and line form all edit through it; each keeps its own value and cursor
//! (a position in characters).

use crate::tui::action::Action;

/// What an action did to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Moved,
    /// Not an editing action; the caller gives it its own meaning.
    Ignored,
}

fn byte_at(value: &str, chars: usize) -> usize {
    value.char_indices().nth(chars).map_or(value.len(), |(i, _)| i)
}

/// Applies an editing action to `value` with the cursor at `cursor`.
pub fn edit(value: &mut String, cursor: &mut usize, action: Action) -> Edit {
    let len = value.chars().count();
    *cursor = (*cursor).min(len);
    match action {
        Action::Type(c) => {
            value.insert(byte_at(value, *cursor), c);
            *cursor += 1;
            Edit::Changed
        }
        Action::DeleteBack if *cursor > 0 => {
            *cursor -= 1;
            value.remove(byte_at(value, *cursor));
            Edit::Changed
        }
        Action::DeleteBack => Edit::Moved,
        Action::MoveLeft => {
            *cursor = cursor.saturating_sub(1);
            Edit::Moved
        }
        Action::MoveRight => {
            *cursor = (*cursor + 1).min(len);
            Edit::Moved
        }
        Action::LineStart => {
            *cursor = 0;
            Edit::Moved
        }
        Action::LineEnd => {
            *cursor = len;
            Edit::Moved
        }
        _ => Edit::Ignored,
    }
}

/// The characters of `value` shown in `width` columns with the cursor in view, and the cursor's
/// column among them.
pub fn visible(value: &str, cursor: usize, width: usize) -> (String, usize) {
    let skip = (cursor + 1).saturating_sub(width);
    (value.chars().skip(skip).take(width).collect(), cursor - skip.min(cursor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor_and_keeps_it_in_view() {
        let mut value = String::from("Zofa");
        let mut cursor = 4;
        assert_eq!(edit(&mut value, &mut cursor, Action::MoveLeft), Edit::Moved);
        assert_eq!(edit(&mut value, &mut cursor, Action::Type('i')), Edit::Changed);
        assert_eq!((value.as_str(), cursor), ("Zofia", 4));
        edit(&mut value, &mut cursor, Action::LineStart);
        assert_eq!(edit(&mut value, &mut cursor, Action::DeleteBack), Edit::Moved);
        edit(&mut value, &mut cursor, Action::LineEnd);
        edit(&mut value, &mut cursor, Action::DeleteBack);
        assert_eq!(value, "Zofi");
        assert_eq!(edit(&mut value, &mut cursor, Action::Open), Edit::Ignored);
        assert_eq!(visible("Wiśniewska", 10, 4), ("ska".to_string(), 3));
        assert_eq!(visible("Wiśniewska", 2, 4), ("Wiśn".to_string(), 2));
    }
}
