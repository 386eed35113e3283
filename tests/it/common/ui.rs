//! Driving the real desk view through the iced_test simulator.

use iced_test::{Simulator, selector};
use wuye_desk::ui::{Desk, Message};

/// The window's size in the tests: tall enough that no form needs scrolling.
const SIZE: (f32, f32) = (1280.0, 1000.0);

/// The app's font and default font, as the window sets them.
pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![wuye_desk::forms::font::FONT_BYTES.into()],
        default_font: iced::Font::with_name(wuye_desk::ui::FONT_NAME),
        ..iced::Settings::default()
    }
}

/// Runs `interact` on the current view, then feeds what it produced back to the desk.
pub fn act(desk: &mut Desk, interact: impl FnOnce(&mut Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(settings(), SIZE, desk.view());
        interact(&mut ui);
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = desk.update(m);
    }
}

/// Whether the current view shows exactly `text` somewhere.
pub fn shows(desk: &Desk, text: &str) -> bool {
    Simulator::with_size(settings(), SIZE, desk.view())
        .find(text)
        .is_ok()
}

/// Clicks a button by its label.
pub fn click(desk: &mut Desk, label: &str) {
    act(desk, |ui| {
        ui.click(label)
            .unwrap_or_else(|e| panic!("no “{label}” on screen: {e:?}"));
    });
}

/// Clicks the field with widget id `id` and types `text` at its end.
pub fn type_into(desk: &mut Desk, id: &'static str, text: &str) {
    act(desk, |ui| {
        ui.click(selector::id(id)).expect("field on screen");
        ui.tap_key(iced::keyboard::key::Named::End);
        ui.typewrite(text);
    });
}

/// Clicks the field with widget id `id`, deletes what it held and types `text`.
pub fn retype(desk: &mut Desk, id: &'static str, text: &str) {
    act(desk, |ui| {
        ui.click(selector::id(id)).expect("field on screen");
        ui.tap_key(iced::keyboard::key::Named::End);
        for _ in 0..40 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite(text);
    });
}

/// Answers the countersign dialog the desk opened: picks `who` (as its button reads,
/// `刘洋（客服中心主管）`), gives their PIN and sends the refused action again.
pub fn countersign(desk: &mut Desk, who: &str, pin: &str) {
    assert!(
        desk.session().dialog().is_some(),
        "the desk asks for a countersign"
    );
    click(desk, who);
    type_into(desk, wuye_desk::ui::session::PIN_ID, pin);
    click(desk, "会签并继续");
}
