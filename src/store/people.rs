//! Owners and residents of units.

use rusqlite::{Row, Transaction, params};

use super::audit::{Entry, Target};
use super::{Result, Store, StoreError};
use crate::domain::access::Action;
use crate::domain::person::{Person, PersonId, Relation};
use crate::domain::staff::Recorded;
use crate::domain::unit::UnitId;
use crate::domain::{Mobile, ResidentId};

/// A person as stored, with the unit they belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRecord {
    /// Row id.
    pub id: PersonId,
    /// Their unit.
    pub unit: UnitId,
    /// The person.
    pub person: Person,
}

const PERSON_COLUMNS: &str = "id, unit_id, name, phone, id_number, relation, move_in, \
                              emergency_contact, emergency_phone, note";

impl PersonRecord {
    pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<PersonRecord>> {
        let id: i64 = row.get("id")?;
        let unit: i64 = row.get("unit_id")?;
        let name: String = row.get("name")?;
        let phone: Option<String> = row.get("phone")?;
        let id_number: Option<String> = row.get("id_number")?;
        let relation: String = row.get("relation")?;
        let move_in: Option<String> = row.get("move_in")?;
        let emergency_contact: String = row.get("emergency_contact")?;
        let emergency_phone: Option<String> = row.get("emergency_phone")?;
        let note: String = row.get("note")?;
        Ok((|| {
            let mobile = |p: Option<String>| -> Result<Option<Mobile>> {
                p.map(|p| Mobile::parse(&p).map_err(|_| StoreError::Corrupt(format!("电话 “{p}”"))))
                    .transpose()
            };
            let person = Person {
                name,
                phone: mobile(phone)?,
                id_number: id_number
                    .map(|s| {
                        ResidentId::parse(&s).map_err(|_| StoreError::Corrupt("身份证号".into()))
                    })
                    .transpose()?,
                relation: Relation::from_code(&relation)
                    .ok_or_else(|| StoreError::Corrupt(format!("关系 “{relation}”")))?,
                move_in: move_in
                    .map(|d| {
                        chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                            .map_err(|_| StoreError::Corrupt(format!("入住日期 “{d}”")))
                    })
                    .transpose()?,
                emergency_contact,
                emergency_phone: mobile(emergency_phone)?,
                note,
            };
            Ok(PersonRecord {
                id: PersonId(id),
                unit: UnitId(unit),
                person,
            })
        })())
    }
}

fn person_params(p: &Person) -> (Option<&str>, Option<&str>, Option<String>, Option<&str>) {
    (
        p.phone.as_ref().map(|m| m.as_str()),
        p.id_number.as_ref().map(|i| i.as_str()),
        p.move_in.map(|d| d.format("%Y-%m-%d").to_string()),
        p.emergency_phone.as_ref().map(|m| m.as_str()),
    )
}

/// Inserts a person inside the caller's transaction and logs it on the unit.
pub(crate) fn insert_person(
    tx: &Transaction<'_>,
    unit: UnitId,
    p: &Person,
    rec: &Recorded,
) -> Result<PersonId> {
    let (phone, id_number, move_in, emergency_phone) = person_params(p);
    tx.prepare_cached(
        "INSERT INTO people (unit_id, name, phone, id_number, relation, move_in, emergency_contact,
                             emergency_phone, note, recorded_by, recorded_by_name, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        unit.0,
        p.name.trim(),
        phone,
        id_number,
        p.relation.code(),
        move_in,
        p.emergency_contact.trim(),
        emergency_phone,
        p.note.trim(),
        rec.by.map(|b| b.0),
        rec.by_name,
        super::time_text(rec.at)
    ])?;
    let id = PersonId(tx.last_insert_rowid());
    super::units::log(
        tx,
        unit,
        rec,
        p.relation.label(),
        &format!("添加{} {}", p.relation.label(), p.name.trim()),
    )?;
    Ok(id)
}

/// Updates a person inside the caller's transaction and logs it on the unit.
pub(crate) fn update_person_in(
    tx: &Transaction<'_>,
    id: PersonId,
    unit: UnitId,
    p: &Person,
    rec: &Recorded,
) -> Result<()> {
    let (phone, id_number, move_in, emergency_phone) = person_params(p);
    tx.execute(
        "UPDATE people SET name = ?2, phone = ?3, id_number = ?4, relation = ?5, move_in = ?6,
                           emergency_contact = ?7, emergency_phone = ?8, note = ?9
         WHERE id = ?1",
        params![
            id.0,
            p.name.trim(),
            phone,
            id_number,
            p.relation.code(),
            move_in,
            p.emergency_contact.trim(),
            emergency_phone,
            p.note.trim()
        ],
    )?;
    super::units::log(
        tx,
        unit,
        rec,
        p.relation.label(),
        &format!("修改{} {} 的信息", p.relation.label(), p.name.trim()),
    )?;
    Ok(())
}

/// A person as the log names them: `3-2-1502 王建国`.
pub(crate) fn person_target(id: PersonId, home: &crate::domain::unit::Unit, p: &Person) -> Target {
    Target::new(
        "person",
        id.0,
        &format!("{} {}", home.address.short(), p.name.trim()),
    )
}

impl Store {
    /// The owners and residents of a unit: owners first, then in the order they were added.
    pub fn people_of(&self, unit: UnitId) -> Result<Vec<PersonRecord>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {PERSON_COLUMNS} FROM people WHERE unit_id = ?1
             ORDER BY relation <> 'owner', id"
        ))?;
        let rows = stmt.query_map([unit.0], PersonRecord::from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// One person.
    pub fn person(&self, id: PersonId) -> Result<PersonRecord> {
        let row = super::optional(self.conn().query_row(
            &format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1"),
            [id.0],
            PersonRecord::from_row,
        ))?;
        super::found(row, || "找不到这位业主或住户，可能已被删除".to_string())?
    }

    /// Adds an owner or resident to a unit.
    pub fn add_person(
        &mut self,
        unit: UnitId,
        person: &Person,
        rec: &Recorded,
    ) -> Result<PersonId> {
        let home = self.unit(unit)?;
        self.write(Action::RegisterEdit, None, rec, |tx, auth| {
            let rec = &auth.rec;
            let id = insert_person(tx, unit, person, rec)?;
            let what = format!("添加{}", person.relation.label());
            let target = person_target(id, &home.unit, person);
            let entry = Entry::new(Action::RegisterEdit, &what, target);
            Ok((id, entry.change(None::<&Person>, Some(person))))
        })
    }

    /// Saves changes to an owner or resident.
    pub fn update_person(&mut self, id: PersonId, person: &Person, rec: &Recorded) -> Result<()> {
        let old = self.person(id)?;
        let home = self.unit(old.unit)?;
        self.write(Action::RegisterEdit, None, rec, |tx, auth| {
            let rec = &auth.rec;
            update_person_in(tx, id, old.unit, person, rec)?;
            let what = format!("修改{}信息", person.relation.label());
            let target = person_target(id, &home.unit, person);
            let entry = Entry::new(Action::RegisterEdit, &what, target);
            Ok(((), entry.change(Some(&old.person), Some(person))))
        })
    }

    /// Removes an owner or resident from a unit (moved out, sold); the unit's history keeps the name.
    pub fn remove_person(&mut self, id: PersonId, rec: &Recorded) -> Result<()> {
        let old = self.person(id)?;
        let home = self.unit(old.unit)?;
        self.write(Action::RegisterEdit, None, rec, |tx, auth| {
            let rec = &auth.rec;
            tx.execute("DELETE FROM people WHERE id = ?1", [id.0])?;
            let what = format!("移除{}", old.person.relation.label());
            super::units::log(
                tx,
                old.unit,
                rec,
                old.person.relation.label(),
                &format!("{what} {}", old.person.name),
            )?;
            let target = person_target(id, &home.unit, &old.person);
            let entry = Entry::new(Action::RegisterEdit, &what, target);
            Ok(((), entry.change(Some(&old.person), None::<&Person>)))
        })
    }
}
