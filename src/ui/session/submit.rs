//! What Enter (or the form's button) does on each of the session's forms: the store checks the
//! PIN, and the form keeps its message when it refuses.

use chrono::NaiveDateTime;

use super::{Cover, Dialog, NO_PIN, Outcome, PHONE_ID, PIN_ID, Session};
use crate::domain::Mobile;
use crate::store::Store;

impl Session {
    /// Enter or the form's button: whatever the form on screen does.
    pub(super) fn submit(&mut self, store: &mut Store, now: NaiveDateTime) -> Outcome {
        match (&mut self.cover, &mut self.dialog) {
            (Some(Cover::First(_)), _) => self.set_up(store, now),
            (Some(Cover::SignIn(d)), _) => {
                let Some(who) = d.who.clone() else {
                    d.error = Some("请先输入或点选您的姓名（输入的姓名须与一位员工相符）".into());
                    return Outcome::None;
                };
                if d.pin.is_empty() {
                    d.error = Some(NO_PIN.into());
                    return Outcome::Focus(PIN_ID);
                }
                match store.sign_in(who.id, &std::mem::take(&mut d.pin), now) {
                    Ok(_) => {
                        self.cover = None;
                        Outcome::SignedIn { first: false }
                    }
                    Err(e) => {
                        d.error = Some(e.to_string());
                        Outcome::Focus(PIN_ID)
                    }
                }
            }
            (Some(Cover::Locked(l)), _) => {
                if l.hand_over.is_some() {
                    return self.hand_over(store, now);
                }
                if l.pin.is_empty() {
                    l.error = Some(NO_PIN.into());
                    return Outcome::Focus(PIN_ID);
                }
                match store.unlock(&std::mem::take(&mut l.pin), now) {
                    Ok(_) => {
                        self.cover = None;
                        Outcome::Unlocked
                    }
                    Err(e) => {
                        l.error = Some(e.to_string());
                        Outcome::Focus(PIN_ID)
                    }
                }
            }
            (None, Some(Dialog::HandOver(_))) => self.hand_over(store, now),
            (None, Some(Dialog::Countersign(c))) => {
                let Some(who) = c.who.clone() else {
                    c.error = Some("请先输入或点选会签人".into());
                    return Outcome::None;
                };
                if c.pin.is_empty() {
                    c.error = Some(NO_PIN.into());
                    return Outcome::Focus(PIN_ID);
                }
                let pin = std::mem::take(&mut c.pin);
                match store.countersign(who.id, &pin, c.refusal.action, c.refusal.building, now) {
                    Ok(_) => {
                        let retry = c.retry.take();
                        self.dialog = None;
                        Outcome::Retry(retry)
                    }
                    Err(e) => {
                        c.error = Some(e.to_string());
                        Outcome::Focus(PIN_ID)
                    }
                }
            }
            (None, None) => Outcome::None,
        }
    }

    /// The hand-over on screen (from the header's 交接班 or the lock screen's 换人).
    fn hand_over(&mut self, store: &mut Store, now: NaiveDateTime) -> Outcome {
        let Some(h) = self.hand_over_mut() else {
            return Outcome::None;
        };
        let Some(next) = h.next.clone() else {
            h.error = Some("请先输入或点选接班人".into());
            return Outcome::None;
        };
        if h.pin.is_empty() {
            h.error = Some(NO_PIN.into());
            return Outcome::Focus(PIN_ID);
        }
        let pin = std::mem::take(&mut h.pin);
        let note = h.note.clone();
        match store.hand_over(next.id, &pin, &note, now) {
            Ok(_) => {
                self.dialog = None;
                self.cover = None;
                Outcome::SignedIn { first: false }
            }
            Err(e) => {
                if let Some(h) = self.hand_over_mut() {
                    h.error = Some(e.to_string());
                }
                Outcome::Focus(PIN_ID)
            }
        }
    }

    /// Creates the first supervisor's account from the form and signs them in.
    pub(super) fn set_up(&mut self, store: &mut Store, now: NaiveDateTime) -> Outcome {
        let Some(Cover::First(d)) = &mut self.cover else {
            return Outcome::None;
        };
        let phone = match d.phone.trim() {
            "" => None,
            p => match Mobile::parse(p) {
                Ok(m) => Some(m),
                Err(e) => {
                    d.error = Some(e.to_string());
                    return Outcome::Focus(PHONE_ID);
                }
            },
        };
        if d.pin != d.again {
            d.pin.clear();
            d.again.clear();
            d.error = Some("两次输入的PIN不一致，请重新输入".into());
            return Outcome::Focus(PIN_ID);
        }
        let pin = std::mem::take(&mut d.pin);
        d.again.clear();
        match store.set_up_supervisor(&d.name, phone, &pin, now) {
            Ok(_) => {
                self.cover = None;
                self.reload(store);
                Outcome::SignedIn { first: true }
            }
            Err(e) => {
                d.error = Some(e.to_string());
                Outcome::None
            }
        }
    }
}
