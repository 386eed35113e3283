//! One wrapper that makes any form work from the keyboard: Tab and Shift+Tab move through its
//! fields in the order they are laid out (wrapping round), Enter in a field submits it, Esc
//! cancels it, and a form that has just opened puts the cursor in its first field.
//!
//! Every form of every tab is drawn inside [`form`], so the keyboard is written once. The form
//! is keyed by what it is about ([`About`]): a different form, or the same form for another
//! record, counts as newly opened and takes the cursor to its first field again.

use iced::advanced::layout;
use iced::advanced::mouse;
use iced::advanced::overlay;
use iced::advanced::renderer;
use iced::advanced::widget::operation::{Focusable, TextInput};
use iced::advanced::widget::{Id, Operation, Tree, tree};
use iced::advanced::{Clipboard, Layout, Shell, Widget};
use iced::keyboard::{self, Key, key::Named};
use iced::{Element, Event, Length, Rectangle, Size, Vector};

use super::About;

/// A form: its fields, and what Enter and Esc do.
pub struct Form<'a, Message, Theme = iced::Theme, Renderer = iced::Renderer> {
    key: About,
    content: Element<'a, Message, Theme, Renderer>,
    on_submit: Option<Message>,
    on_cancel: Option<Message>,
    takes_cursor: bool,
}

/// Wraps `content` (a form's fields and buttons) as a keyboard form about `key`.
pub fn form<'a, Message, Theme, Renderer>(
    key: About,
    content: impl Into<Element<'a, Message, Theme, Renderer>>,
) -> Form<'a, Message, Theme, Renderer> {
    Form {
        key,
        content: content.into(),
        on_submit: None,
        on_cancel: None,
        takes_cursor: true,
    }
}

impl<'a, Message, Theme, Renderer> Form<'a, Message, Theme, Renderer> {
    /// The message Enter sends while the cursor is in one of the form's fields: the form's one
    /// obvious button (保存, 确认 …).
    pub fn on_submit(mut self, message: Message) -> Self {
        self.on_submit = Some(message);
        self
    }

    /// A form that stays on screen beside a list or a record (a setting, a one-field action):
    /// it does not put the cursor in its first field when shown, so the tab's search box keeps
    /// it; Tab, Enter and Esc work as in any form once the cursor is in one of its fields.
    pub fn keep_cursor(mut self) -> Self {
        self.takes_cursor = false;
        self
    }

    /// The message Esc sends: the form's 取消 or 返回.
    pub fn on_cancel(mut self, message: Message) -> Self {
        self.on_cancel = Some(message);
        self
    }
}

/// What the form remembers between frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct State {
    /// The form these fields belong to.
    key: About,
    /// Whether the cursor was put in the first field since the form opened.
    placed: bool,
}

impl<Message, Theme, Renderer> Widget<Message, Theme, Renderer>
    for Form<'_, Message, Theme, Renderer>
where
    Message: Clone,
    Renderer: iced::advanced::Renderer,
{
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State {
            key: self.key,
            placed: false,
        })
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        let state = tree.state.downcast_mut::<State>();
        if state.key != self.key {
            // Another form (or the same form for another record) took this place: it is new.
            *state = State {
                key: self.key,
                placed: false,
            };
        }
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        let placed = tree.state.downcast_ref::<State>().placed;
        if !placed {
            tree.state.downcast_mut::<State>().placed = true;
            // A click that opened the form may already have put the cursor in a field of it.
            let scan = self.scan(tree, layout, renderer);
            if self.takes_cursor && scan.focused.is_none() && scan.total > 0 {
                self.focus(tree, layout, renderer, 0);
                shell.request_redraw();
            }
        }
        // Esc first: a text field would take it to drop its own cursor, but here it closes the
        // form, wherever the cursor is.
        if let Event::Keyboard(keyboard::Event::KeyPressed { key, .. }) = event
            && key.as_ref() == Key::Named(Named::Escape)
            && let Some(cancel) = &self.on_cancel
        {
            shell.publish(cancel.clone());
            shell.capture_event();
            return;
        }
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
        if shell.is_event_captured() {
            return;
        }
        let Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event else {
            return;
        };
        match key.as_ref() {
            Key::Named(Named::Tab) => {
                let scan = self.scan(tree, layout, renderer);
                // A form moves the cursor only once it is inside it, so it never pulls Tab
                // away from a search box or another form on the page; Tab from elsewhere goes
                // through the window's fields in order (the desk's keyboard does that).
                let Some(focused) = scan.focused else {
                    return;
                };
                let target = if modifiers.shift() {
                    (focused + scan.total - 1) % scan.total
                } else {
                    (focused + 1) % scan.total
                };
                self.focus(tree, layout, renderer, target);
                shell.capture_event();
                shell.request_redraw();
            }
            // Only for the form the cursor is in: a page may show several forms.
            Key::Named(Named::Enter)
                if !modifiers.command()
                    && self.on_submit.is_some()
                    && self.scan(tree, layout, renderer).focused.is_some() =>
            {
                if let Some(submit) = &self.on_submit {
                    shell.publish(submit.clone());
                }
                shell.capture_event();
            }
            _ => {}
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, Renderer>> {
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

impl<Message, Theme, Renderer> Form<'_, Message, Theme, Renderer>
where
    Renderer: iced::advanced::Renderer,
{
    /// How many fields the form has, and which one has the cursor.
    fn scan(&mut self, tree: &mut Tree, layout: Layout<'_>, renderer: &Renderer) -> Scan {
        let mut scan = Scan::default();
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, &mut scan);
        scan
    }

    /// Puts the cursor in the form's field number `target`, with its text selected.
    fn focus(&mut self, tree: &mut Tree, layout: Layout<'_>, renderer: &Renderer, target: usize) {
        // Two passes: giving a text field the cursor moves it to the end, so the text is
        // selected only once the cursor is there.
        for select in [false, true] {
            let mut op = FocusNth {
                target,
                current: 0,
                select,
            };
            self.content
                .as_widget_mut()
                .operate(&mut tree.children[0], layout, renderer, &mut op);
        }
    }
}

impl<'a, Message, Theme, Renderer> From<Form<'a, Message, Theme, Renderer>>
    for Element<'a, Message, Theme, Renderer>
where
    Message: Clone + 'a,
    Theme: 'a,
    Renderer: iced::advanced::Renderer + 'a,
{
    fn from(form: Form<'a, Message, Theme, Renderer>) -> Self {
        Element::new(form)
    }
}

/// Counts the fields that take the cursor, in layout order, and finds the one that has it.
#[derive(Debug, Default)]
struct Scan {
    total: usize,
    focused: Option<usize>,
}

impl Operation for Scan {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }

    fn focusable(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        if state.is_focused() {
            self.focused = Some(self.total);
        }
        self.total += 1;
    }
}

/// Gives the cursor to field number `target` and takes it from the others; or, in its second
/// pass, selects that field's text.
struct FocusNth {
    target: usize,
    current: usize,
    select: bool,
}

impl Operation for FocusNth {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }

    fn text_input(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn TextInput) {
        // A text field reports itself here just before it reports as focusable, so `current`
        // is its number. Text arriving by Tab is usually replaced, as in every desktop form.
        if self.select && self.current == self.target {
            state.select_all();
        }
    }

    fn focusable(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        if !self.select {
            if self.current == self.target {
                state.focus();
            } else {
                state.unfocus();
            }
        }
        self.current += 1;
    }
}
