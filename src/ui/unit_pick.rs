//! Picking the unit and owner a new record is for (an entrustment, a renovation application):
//! the unit searched as typed, picked from the matches, and one of its owners picked (at once
//! when it has only one) or a name typed. One state and one view, so the forms that pick this
//! way behave alike.

use iced::Element;
use iced::widget::{Column, button, row, text};

use super::OwnerChoice;
use super::widget::{choice_row, hint, labelled};
use crate::domain::unit::UnitId;
use crate::domain::{Mobile, UnitAddress};
use crate::store::UnitSummary;

/// The unit and owner as a form has them so far.
#[derive(Debug, Clone, Default)]
pub struct UnitOwnerPick {
    /// Typed in the unit search box.
    pub unit_text: String,
    /// The unit picked.
    pub unit: Option<(UnitId, UnitAddress)>,
    /// Its owners in the register, to pick from.
    pub owners: Vec<OwnerChoice>,
    /// The owner picked.
    pub owner: Option<OwnerChoice>,
    /// The owner's name as typed (or as picked).
    pub owner_text: String,
}

impl UnitOwnerPick {
    /// Typing in the unit box drops the unit picked and its owners.
    pub fn type_unit(&mut self, v: String) {
        self.unit = None;
        self.owners.clear();
        self.owner = None;
        self.unit_text = v;
    }

    /// Typing a name drops the owner picked (the name may be someone else's).
    pub fn type_owner(&mut self, v: String) {
        self.owner = None;
        self.owner_text = v;
    }

    /// The unit picked, with its owners; an only owner is picked at once (then `true`).
    pub fn pick_unit(&mut self, unit: (UnitId, UnitAddress), owners: Vec<OwnerChoice>) -> bool {
        self.unit_text = unit.1.short();
        self.unit = Some(unit);
        let only = match owners.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        };
        self.owners = owners;
        match only {
            Some(o) => {
                self.pick_owner(o);
                true
            }
            None => false,
        }
    }

    /// The owner picked from the unit's owners.
    pub fn pick_owner(&mut self, o: OwnerChoice) {
        self.owner_text = o.name.clone();
        self.owner = Some(o);
    }

    /// The register's row of the owner picked.
    pub fn person(&self) -> Option<i64> {
        self.owner.as_ref().map(|o| o.person)
    }

    /// The phone of the owner picked, as stored.
    pub fn owner_phone(&self) -> Option<Mobile> {
        self.owner.as_ref().and_then(|o| o.phone.clone())
    }

    /// Below the unit box: the unit picked, or buttons for the first matches of the search;
    /// then the unit's owners to pick from.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        matches: &'a [UnitSummary],
        on_unit: impl Fn(UnitSummary) -> M,
        on_owner: impl Fn(OwnerChoice) -> M + 'a,
    ) -> Element<'a, M> {
        let mut c = Column::new().spacing(8);
        match self.unit {
            Some((_, a)) => c = c.push(hint(format!("已选：{a}"))),
            None => {
                let mut found = row![].spacing(6);
                for u in matches.iter().take(6) {
                    found = found.push(
                        button(text(u.unit.unit.address.to_string()).size(13))
                            .on_press(on_unit(u.clone()))
                            .style(button::secondary),
                    );
                }
                c = c.push(found.wrap());
            }
        }
        if !self.owners.is_empty() {
            c = c.push(labelled(
                "业主",
                choice_row(&self.owners, self.owner.as_ref(), on_owner),
                None,
            ));
        }
        c.into()
    }
}

/// The first units of the register matching the unit box as typed (none for an empty box).
pub fn matches(store: &crate::store::Store, typed: &str) -> Vec<UnitSummary> {
    match crate::domain::SearchQuery::parse(typed) {
        crate::domain::SearchQuery::All => Vec::new(),
        q => store
            .search_units(&q, 0, 8)
            .map(|p| p.rows)
            .unwrap_or_default(),
    }
}

/// The unit the search names when it found exactly one, with its owners: the form picks it
/// without a click.
pub fn the_one(
    store: &crate::store::Store,
    matches: &[UnitSummary],
) -> Option<((UnitId, UnitAddress), Vec<OwnerChoice>)> {
    match matches {
        [only] => Some((
            (only.unit.id, only.unit.unit.address),
            super::owners_of(store, only.unit.id),
        )),
        _ => None,
    }
}
