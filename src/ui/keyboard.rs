//! The desk's keyboard outside forms, written once for every tab: Ctrl+F goes to search, Ctrl+P
//! prints the selected record, Ctrl+1…9 switch tabs, and Tab, Enter and Esc do what they would
//! in a form when no form took them (Enter in a search box opens the first hit, Esc clears it).
//! Inside a form, [`super::form`] handles Tab, Enter and Esc itself.
//!
//! Key presses become [`Command`]s; the desk moves focus itself and hands the rest to the tab on
//! screen, whose `command` method maps them onto its own messages.

use iced::event::{self, Event};
use iced::keyboard::{self, Key, key::Named};
use iced::widget::operation;
use iced::{Subscription, Task, window};

/// What a key press asks of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Tab: the next field.
    Next,
    /// Shift+Tab: the previous field.
    Previous,
    /// Enter that no form or field took (in a search box: open the first hit).
    Submit,
    /// Esc that no form took: close or clear what is open.
    Cancel,
    /// Ctrl+F: go to the tab's search box.
    Search,
    /// Ctrl+P: print the selected record.
    Print,
    /// Ctrl+1…9: show the tab at this position (0-based).
    Tab(usize),
}

/// Every key press the desk acts on, as commands.
pub fn subscription() -> Subscription<Command> {
    event::listen_with(command_for)
}

/// The command for one event. A key a widget or a form already used (a character typed into a
/// field, Tab, Enter or Esc inside a form, Enter in a multi-line box) is left alone.
fn command_for(event: Event, status: event::Status, _window: window::Id) -> Option<Command> {
    let Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event else {
        return None;
    };
    let ignored = status == event::Status::Ignored;
    command(&key, modifiers, ignored)
}

/// The command for `key` pressed with `modifiers`; `ignored` says no widget used the key.
pub fn command(key: &Key, modifiers: keyboard::Modifiers, ignored: bool) -> Option<Command> {
    match key.as_ref() {
        Key::Named(Named::Escape) if ignored => Some(Command::Cancel),
        Key::Named(Named::Tab) if ignored && modifiers.shift() => Some(Command::Previous),
        Key::Named(Named::Tab) if ignored => Some(Command::Next),
        Key::Named(Named::Enter) if ignored && !modifiers.command() => Some(Command::Submit),
        Key::Character(c) if modifiers.command() => match c {
            "f" | "F" => Some(Command::Search),
            "p" | "P" => Some(Command::Print),
            // Ctrl+1 … Ctrl+9 the first nine tabs, Ctrl+0 the tenth (as on the number row).
            "0" => Some(Command::Tab(9)),
            _ => c
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=9).contains(n))
                .map(|n| Command::Tab(n - 1)),
        },
        _ => None,
    }
}

/// Moves focus for [`Command::Next`] and [`Command::Previous`] through the window's fields in
/// the order they are laid out (the reading order of every form).
pub fn step<M: Send + 'static>(command: Command) -> Task<M> {
    match command {
        Command::Previous => operation::focus_previous(),
        _ => operation::focus_next(),
    }
}

/// Puts the cursor in the field with this id (the first field of a form that just opened, or
/// a tab's search box), with its text selected so typing replaces it.
pub fn focus<M: Send + 'static>(id: &'static str) -> Task<M> {
    Task::batch([operation::focus(id), operation::select_all(id)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use keyboard::Modifiers;

    fn char_key(c: &str) -> Key {
        Key::Character(c.into())
    }

    #[test]
    fn keys_map_to_commands() {
        let none = Modifiers::empty();
        let tab = Key::Named(Named::Tab);
        assert_eq!(command(&tab, none, true), Some(Command::Next));
        assert_eq!(
            command(&tab, Modifiers::SHIFT, true),
            Some(Command::Previous)
        );
        let enter = Key::Named(Named::Enter);
        assert_eq!(command(&enter, none, true), Some(Command::Submit));
        // Enter used by a multi-line box is a line break, not a submit.
        assert_eq!(command(&enter, none, false), None);
        // Esc that a form already used to close itself is not used twice.
        let esc = Key::Named(Named::Escape);
        assert_eq!(command(&esc, none, true), Some(Command::Cancel));
        assert_eq!(command(&esc, none, false), None);
        assert_eq!(
            command(&char_key("f"), Modifiers::COMMAND, false),
            Some(Command::Search)
        );
        assert_eq!(
            command(&char_key("p"), Modifiers::COMMAND, true),
            Some(Command::Print)
        );
        assert_eq!(
            command(&char_key("1"), Modifiers::COMMAND, true),
            Some(Command::Tab(0))
        );
        assert_eq!(
            command(&char_key("9"), Modifiers::COMMAND, true),
            Some(Command::Tab(8))
        );
        assert_eq!(
            command(&char_key("0"), Modifiers::COMMAND, true),
            Some(Command::Tab(9))
        );
        // Plain letters are typing, not shortcuts.
        assert_eq!(command(&char_key("f"), none, true), None);
    }
}
