//! Small building blocks shared by the tabs: labelled fields with their messages, headings.

use iced::widget::{button, column, container, row, rule, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length};

use super::Notice;

/// Width of the label column in forms, so fields line up.
const LABEL_WIDTH: f32 = 110.0;

/// A labelled text field with its error message right under it.
pub fn field<'a, M: Clone + 'a>(
    id: &'static str,
    label: &'a str,
    placeholder: &'a str,
    value: &'a str,
    error: Option<&'a str>,
    on_input: impl Fn(String) -> M + 'a,
) -> Element<'a, M> {
    wide_field(260.0, id, label, placeholder, value, error, on_input)
}

/// [`field`] `width` pixels wide, for values that are long (a company's name, a folder).
pub fn wide_field<'a, M: Clone + 'a>(
    width: f32,
    id: &'static str,
    label: &'a str,
    placeholder: &'a str,
    value: &'a str,
    error: Option<&'a str>,
    on_input: impl Fn(String) -> M + 'a,
) -> Element<'a, M> {
    let input = text_input(placeholder, value)
        .id(id)
        .on_input(on_input)
        .padding(6)
        .width(Length::Fixed(width));
    labelled(label, input.into(), error)
}

/// Any control with a label before it and its error message under it.
pub fn labelled<'a, M: 'a>(
    label: &'a str,
    control: Element<'a, M>,
    error: Option<&'a str>,
) -> Element<'a, M> {
    labelled_width(label, LABEL_WIDTH, control, error)
}

/// [`labelled`] with a label column of `label_width` pixels, for long labels.
pub fn labelled_width<'a, M: 'a>(
    label: &'a str,
    label_width: f32,
    control: Element<'a, M>,
    error: Option<&'a str>,
) -> Element<'a, M> {
    let line = row![
        text(label).size(14).width(Length::Fixed(label_width)),
        control
    ]
    .spacing(8)
    .align_y(Alignment::Center);
    // Always a column, with or without the message, so the field keeps its place in the widget
    // tree (and the cursor stays in it) when a message appears under it.
    let mut field = column![line].spacing(2);
    if let Some(error) = error {
        // Under the field, aligned with it: messages are often longer than the room beside it.
        field = field.push(row![
            space::horizontal().width(Length::Fixed(label_width + 8.0)),
            text(error).size(13).style(text::danger)
        ]);
    }
    field.into()
}

/// A scrolling area whose scrollbar takes its own room beside the content, so it never
/// covers a list's last column.
pub fn scroll<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> scrollable::Scrollable<'a, M> {
    scrollable(content).spacing(6)
}

/// A section heading.
pub fn heading<'a, M: 'a>(title: &'a str) -> Element<'a, M> {
    text(title).size(18).into()
}

/// A muted line of explanation.
pub fn hint<'a, M: 'a>(words: impl text::IntoFragment<'a>) -> Element<'a, M> {
    text(words).size(13).style(text::secondary).into()
}

/// The layout of a logbook tab: the list on the left, the selected record or an editor on the
/// right with the tab's last message under it.
pub fn master_detail<'a, M: 'a>(
    list: Element<'a, M>,
    detail: Element<'a, M>,
    message: Option<&'a Notice>,
) -> Element<'a, M> {
    let mut right = column![detail].spacing(12);
    if let Some(n) = message {
        right = right.push(text(&n.text).size(14).style(if n.error {
            text::danger
        } else {
            text::success
        }));
    }
    row![
        container(list).width(Length::FillPortion(5)),
        rule::vertical(1),
        container(scroll(right.padding([0, 8])).height(Length::Fill)).width(Length::FillPortion(4)),
    ]
    .spacing(12)
    .height(Length::Fill)
    .into()
}

/// 上一页 · 第 1/146 页，共 2908 套 · 下一页, for a paged list. `unit` is the counter word
/// (套, 张 …); `to_page` makes the message that shows another page.
pub fn pager<'a, M: Clone + 'a>(
    page: usize,
    pages: usize,
    total: i64,
    unit: &str,
    to_page: impl Fn(usize) -> M,
) -> Element<'a, M> {
    row![
        button(text("上一页").size(13))
            .on_press_maybe((page > 0).then(|| to_page(page - 1)))
            .style(button::secondary),
        text(format!(
            "第 {}/{} 页，共 {} {}",
            page + 1,
            pages,
            total,
            unit
        ))
        .size(13),
        button(text("下一页").size(13))
            .on_press_maybe((page + 1 < pages).then(|| to_page(page + 1)))
            .style(button::secondary),
    ]
    .spacing(12)
    .align_y(Alignment::Center)
    .into()
}

/// A row of buttons, one per option, the chosen one highlighted: one click, no drop-down.
pub fn choice_row<'a, T: Clone + PartialEq + std::fmt::Display + 'a, M: Clone + 'a>(
    options: &'a [T],
    selected: Option<&T>,
    on_pick: impl Fn(T) -> M + 'a,
) -> Element<'a, M> {
    let mut r = row![].spacing(6);
    for o in options {
        let b = button(text(o.to_string()).size(14))
            .padding([4, 10])
            .on_press(on_pick(o.clone()));
        r = r.push(if Some(o) == selected {
            b.style(button::primary)
        } else {
            b.style(button::secondary)
        });
    }
    r.wrap().into()
}

/// A form's two buttons: `label` saves (`save`), 返回 goes back (`back`).
pub fn save_back<'a, M: Clone + 'a>(label: &'a str, save: M, back: M) -> Element<'a, M> {
    row![
        button(text(label)).on_press(save),
        button(text("返回")).on_press(back).style(button::secondary),
    ]
    .spacing(8)
    .into()
}
