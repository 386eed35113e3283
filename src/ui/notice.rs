//! Messages about a record or a form: each remembers what it is about, and a tab shows it only
//! while that record or form is on screen, so a message never follows the user elsewhere.
//!
//! Every tab keeps one [`Notices`] and says what its right-hand side shows with an [`About`];
//! the view asks [`Notices::about`] for the message to draw. Changing the selection or opening
//! another form changes the `About`, and the old message is simply no longer shown.

/// What a message is about: a kind of record or form (`"order"`, `"callback"`) and its id
/// (0 for a form that belongs to no record yet, such as a new intake).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct About {
    /// A short name for the kind of record or form, unique within the tab.
    pub kind: &'static str,
    /// The record's row id, or 0.
    pub id: i64,
}

impl About {
    /// The tab itself, when nothing is selected and no form is open.
    pub const TAB: About = About { kind: "tab", id: 0 };

    /// A form or record that has no row id (a new record's form, a settings pane).
    pub const fn form(kind: &'static str) -> About {
        About { kind, id: 0 }
    }

    /// A stored record, or a form about it.
    pub const fn record(kind: &'static str, id: i64) -> About {
        About { kind, id }
    }
}

/// A message telling what just happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The text, in Chinese.
    pub text: String,
    /// Whether it reports a problem (drawn red) or a success (drawn green).
    pub error: bool,
    /// What it is about.
    pub about: About,
}

/// A tab's latest message. Only one is kept: a newer message replaces the older.
#[derive(Debug, Clone, Default)]
pub struct Notices {
    latest: Option<Notice>,
}

impl Notices {
    /// Reports a success about `about`.
    pub fn ok(&mut self, about: About, text: impl Into<String>) {
        self.latest = Some(Notice {
            text: text.into(),
            error: false,
            about,
        });
    }

    /// Reports a problem about `about`.
    pub fn error(&mut self, about: About, text: impl Into<String>) {
        self.latest = Some(Notice {
            text: text.into(),
            error: true,
            about,
        });
    }

    /// Reports `result` about `about`: its success text, or its error.
    pub fn report<E: std::fmt::Display>(&mut self, about: About, result: Result<String, E>) {
        match result {
            Ok(text) => self.ok(about, text),
            Err(e) => self.error(about, e.to_string()),
        }
    }

    /// The message about what is on screen now, if there is one.
    pub fn about(&self, on_screen: About) -> Option<&Notice> {
        self.latest.as_ref().filter(|n| n.about == on_screen)
    }

    /// Forgets an error about `about`: its form was just edited, so the user is fixing it.
    pub fn edited(&mut self, about: About) {
        if self
            .latest
            .as_ref()
            .is_some_and(|n| n.error && n.about == about)
        {
            self.latest = None;
        }
    }

    /// Forgets the message.
    pub fn clear(&mut self) {
        self.latest = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER_14: About = About::record("order", 14);
    const ORDER_8: About = About::record("order", 8);
    const CALLBACK_14: About = About::record("callback", 14);

    #[test]
    fn a_message_shows_only_beside_what_it_is_about() {
        let mut n = Notices::default();
        n.ok(ORDER_14, "已关闭");
        assert_eq!(n.about(ORDER_14).map(|m| m.text.as_str()), Some("已关闭"));
        assert!(n.about(ORDER_8).is_none());
        assert!(n.about(CALLBACK_14).is_none());
        assert!(n.about(About::TAB).is_none());
    }

    #[test]
    fn editing_a_form_drops_its_error_but_not_a_success() {
        let mut n = Notices::default();
        n.error(CALLBACK_14, "请选择满意度");
        n.edited(ORDER_14);
        assert!(n.about(CALLBACK_14).is_some());
        n.edited(CALLBACK_14);
        assert!(n.about(CALLBACK_14).is_none());
        n.ok(CALLBACK_14, "已回访");
        n.edited(CALLBACK_14);
        assert!(n.about(CALLBACK_14).is_some_and(|m| !m.error));
    }

    #[test]
    fn report_takes_either_side_of_a_result() {
        let mut n = Notices::default();
        n.report::<String>(ORDER_8, Err("找不到".into()));
        assert!(
            n.about(ORDER_8)
                .is_some_and(|m| m.error && m.text == "找不到")
        );
        n.report::<String>(ORDER_8, Ok("已保存".into()));
        assert!(n.about(ORDER_8).is_some_and(|m| !m.error));
        n.clear();
        assert!(n.about(ORDER_8).is_none());
    }
}
