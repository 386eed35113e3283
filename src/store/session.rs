//! Who is at the desk: signing in with a PIN, the lock after five wrong tries, the countersign
//! of someone holding a role the signed-in person lacks, the shift hand-over, and the one gate
//! every write passes ([`Store::authorize`]), which checks the role table and names who signs.

use chrono::{NaiveDateTime, TimeDelta};
use rusqlite::params;
use serde::Serialize;

use super::audit::{self, Entry, Target};
use super::{Result, Store, StoreError, optional, parse_time, time_text};
use crate::domain::access::{Action, permits, who_may};
use crate::domain::secret::verify_secret;
use crate::domain::staff::{Recorded, Role, StaffId};

/// Wrong tries in a row that lock a person out.
pub const MAX_TRIES: u32 = 5;
/// How long the lock lasts.
pub const LOCK_MINUTES: i64 = 5;
/// How long a countersign given at the desk stays good for the action it was given for.
pub(crate) const COUNTERSIGN_MINUTES: i64 = 5;

/// A person whose PIN the store has checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// Their staff row.
    pub id: StaffId,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: Role,
}

impl Actor {
    /// `王强（客户服务员）`.
    pub fn title(&self) -> String {
        format!("{}（{}）", self.name, self.role.label())
    }
}

/// What the gate found for one write: the record's signer and who is logged.
#[derive(Debug, Clone)]
pub(crate) struct Authority {
    /// Who the record names, and when: the countersigner when there is one, with the person
    /// signed in as 经办 (`刘洋（经办：张敏）`); otherwise the person signed in.
    pub rec: Recorded,
    /// The person signed in and the countersigner; `None` while the demo builder writes its
    /// history (logged under the names the history gives).
    pub who: Option<(Actor, Option<Actor>)>,
}

impl Authority {
    /// `actor` acting alone at `at`.
    pub fn of(actor: &Actor, at: NaiveDateTime) -> Authority {
        Authority {
            rec: Recorded {
                by: Some(actor.id),
                by_name: actor.name.clone(),
                at,
            },
            who: Some((actor.clone(), None)),
        }
    }

    /// The role of whoever signs the record (the countersigner's when there is one).
    pub fn signer_role(&self) -> Option<Role> {
        self.who
            .as_ref()
            .map(|(by, cs)| cs.as_ref().unwrap_or(by).role)
    }
}

/// The desk's sign-in state, held by the open store.
#[derive(Debug, Default)]
pub(crate) struct Session {
    /// The person signed in.
    pub actor: Option<Actor>,
    /// A countersign given for the next write of one action, and when.
    pub countersign: Option<(Actor, Action, NaiveDateTime)>,
    /// The demo builder is writing history into a fresh file: roles are not asked, and the log
    /// names the people the history names.
    pub building_history: bool,
    /// The last write refused for want of a countersign, for the desk to ask for one.
    pub refused: Option<Refusal>,
    /// The full scope of the last refusal (a public repair's officer is not a building), so the
    /// countersign that follows is checked against it.
    pub refused_scope: Option<(Action, Scope)>,
}

/// Where an action bound to an area takes place, to tell whether a service officer may take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Not bound to a place (or a place no officer owns).
    Estate,
    /// A unit in this building.
    Building(u32),
    /// A public area owned by this officer (公共报修 names its officer).
    Officer(StaffId),
}

impl Scope {
    /// The building, for the desk's countersign prompt.
    fn building(self) -> Option<u32> {
        match self {
            Scope::Building(b) => Some(b),
            _ => None,
        }
    }
}

impl From<Option<u32>> for Scope {
    fn from(building: Option<u32>) -> Scope {
        building.map_or(Scope::Estate, Scope::Building)
    }
}

/// A write refused because the person signed in lacks the role: what the desk needs to ask for
/// a countersign and try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The action tried.
    pub action: Action,
    /// The building of its record, for the actions bound to an area.
    pub building: Option<u32>,
    /// The message shown.
    pub message: String,
}

/// A row of the staff table as sign-in needs it.
pub(super) struct Account {
    pub(super) actor: Actor,
    pub(super) active: bool,
    pub(super) hash: Option<String>,
    pub(super) tries: u32,
    pub(super) locked_until: Option<NaiveDateTime>,
}

impl Store {
    pub(super) fn account(&self, id: StaffId) -> Result<Account> {
        let row = optional(self.conn.query_row(
            "SELECT name, role, active, secret_hash, failed_tries, locked_until FROM staff
             WHERE id = ?1",
            [id.0],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, u32>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            },
        ))?;
        let (name, role, active, hash, tries, locked) =
            super::found(row, || "找不到这名员工，可能已被删除".to_string())?;
        let role =
            Role::from_code(&role).ok_or_else(|| StoreError::Corrupt(format!("岗位 “{role}”")))?;
        Ok(Account {
            actor: Actor { id, name, role },
            active,
            hash,
            tries,
            locked_until: locked.as_deref().map(parse_time).transpose()?,
        })
    }

    /// Checks `secret` for `staff` at `now`, counting wrong tries and locking after
    /// [`MAX_TRIES`]; the lock itself is logged.
    fn verify(&mut self, staff: StaffId, secret: &str, now: NaiveDateTime) -> Result<Actor> {
        let acc = self.account(staff)?;
        let name = &acc.actor.name;
        if !acc.active {
            return Err(StoreError::Conflict(format!("{name} 已离职，不能登录")));
        }
        let Some(hash) = acc.hash else {
            return Err(StoreError::Conflict(format!(
                "{name} 还没有设置PIN，请客服中心主管在“设置 › 人员”中为其设置"
            )));
        };
        if let Some(until) = acc.locked_until.filter(|u| *u > now) {
            return Err(StoreError::Conflict(format!(
                "{name} 的PIN已连续输错{MAX_TRIES}次，账户锁定到 {}，请到时再试或请主管重设PIN",
                until.format("%H:%M")
            )));
        }
        if verify_secret(secret, &hash) {
            self.keep_books(|s| {
                s.conn.execute(
                    "UPDATE staff SET failed_tries = 0, locked_until = NULL WHERE id = ?1",
                    [staff.0],
                )?;
                Ok(())
            })?;
            return Ok(acc.actor);
        }
        let tries = acc.tries + 1;
        if tries < MAX_TRIES {
            self.keep_books(|s| {
                s.conn.execute(
                    "UPDATE staff SET failed_tries = ?2 WHERE id = ?1",
                    params![staff.0, tries],
                )?;
                Ok(())
            })?;
            return Err(StoreError::Conflict(format!(
                "PIN 不对，{name} 还可以再试 {} 次",
                MAX_TRIES - tries
            )));
        }
        let until = now + TimeDelta::minutes(LOCK_MINUTES);
        self.keep_books(|s| {
            let tx = s.conn.transaction()?;
            tx.execute(
                "UPDATE staff SET failed_tries = 0, locked_until = ?2 WHERE id = ?1",
                params![staff.0, time_text(until)],
            )?;
            let auth = Authority::of(&acc.actor, now);
            audit::append(
                &tx,
                &auth,
                &Entry::new(
                    Action::SignIn,
                    "PIN连续输错，账户锁定",
                    Target::staff(&acc.actor),
                ),
            )?;
            tx.commit()?;
            Ok(())
        })?;
        Err(StoreError::Conflict(format!(
            "PIN 已连续输错{MAX_TRIES}次，{name} 的账户锁定{LOCK_MINUTES}分钟（到 {}）",
            until.format("%H:%M")
        )))
    }

    /// Signs `staff` in with their PIN or password. The sign-in is logged.
    ///
    /// # Errors
    /// A wrong PIN (with the tries left), a locked account, a former employee, no PIN set.
    pub fn sign_in(&mut self, staff: StaffId, secret: &str, now: NaiveDateTime) -> Result<Actor> {
        let actor = self.verify(staff, secret, now)?;
        self.session.actor = Some(actor.clone());
        self.session.countersign = None;
        self.keep_books(|s| s.log_session(Action::SignIn, "登录", &actor, now, None))?;
        Ok(actor)
    }

    /// Runs a sign-in's own bookkeeping (its tries, its line in the log). A file that cannot
    /// take writes (opened read-only, a full disk, read-only media) must not keep anyone from
    /// signing in to look things up and print: the store turns read-only and says why, and
    /// every save after is refused with that reason.
    fn keep_books(&mut self, write: impl FnOnce(&mut Store) -> Result<()>) -> Result<()> {
        if self.read_only.is_some() {
            return Ok(());
        }
        match write(self) {
            Err(StoreError::Sqlite(e)) => match super::open::cannot_write(&e) {
                Some(why) => {
                    self.read_only = Some(why);
                    Ok(())
                }
                None => Err(StoreError::Sqlite(e)),
            },
            other => other,
        }
    }

    /// The person signed in, if anyone is.
    pub fn signed_in(&self) -> Option<&Actor> {
        self.session.actor.as_ref()
    }

    /// Signs the desk out (the next person must sign in).
    pub fn sign_out(&mut self) {
        self.session.actor = None;
        self.session.countersign = None;
    }

    /// Checks the PIN of the person signed in again (unlocking the desk after it sat idle).
    ///
    /// # Errors
    /// Nobody signed in, or a wrong PIN (counted as at sign-in).
    pub fn unlock(&mut self, secret: &str, now: NaiveDateTime) -> Result<Actor> {
        let who = self
            .session
            .actor
            .as_ref()
            .ok_or_else(|| StoreError::Conflict("请先登录".into()))?
            .id;
        self.verify(who, secret, now)
    }

    /// Shift change (交接班): `next` signs in with their PIN, and the hand-over from the person
    /// signed in (if any) is recorded with `note` (what is pending).
    ///
    /// # Errors
    /// As [`Store::sign_in`].
    pub fn hand_over(
        &mut self,
        next: StaffId,
        secret: &str,
        note: &str,
        now: NaiveDateTime,
    ) -> Result<Actor> {
        // The hand-over note is a record: on a file that cannot take it, the next person signs
        // in instead, and the desk says why.
        self.writable()?;
        let actor = self.verify(next, secret, now)?;
        let from = self.session.actor.clone();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO handovers (from_staff, from_name, to_staff, to_name, at, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                from.as_ref().map(|f| f.id.0),
                from.as_ref().map(|f| f.name.as_str()).unwrap_or(""),
                actor.id.0,
                actor.name,
                time_text(now),
                note.trim(),
            ],
        )?;
        let id = tx.last_insert_rowid();
        let auth = Authority::of(&actor, now);
        let what = match &from {
            Some(f) => format!("{} 交班给 {}", f.name, actor.name),
            None => format!("{} 接班", actor.name),
        };
        let mut entry = Entry::new(Action::Handover, &what, Target::new("handover", id, &what));
        entry.after = Some(
            serde_json::json!({ "交班": from.map(|f| f.name), "接班": actor.name, "待办": note.trim() }),
        );
        audit::append(&tx, &auth, &entry)?;
        tx.commit()?;
        self.session.actor = Some(actor.clone());
        self.session.countersign = None;
        Ok(actor)
    }

    /// The recorded hand-overs, newest first: (when, from, to, note).
    pub fn handovers(&self, limit: usize) -> Result<Vec<(NaiveDateTime, String, String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT at, from_name, to_name, note FROM handovers ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, from, to, note) = row?;
            out.push((parse_time(&at)?, from, to, note));
        }
        Ok(out)
    }

    /// `staff` countersigns the next write of `action` (within five minutes), for a unit in
    /// `building` if the action is bound to an area.
    ///
    /// # Errors
    /// A wrong PIN, or a person who may not sign this either.
    pub fn countersign(
        &mut self,
        staff: StaffId,
        secret: &str,
        action: Action,
        building: Option<u32>,
        now: NaiveDateTime,
    ) -> Result<Actor> {
        let actor = self.verify(staff, secret, now)?;
        let scope = self.scope_of(action, building);
        if !self.may(&actor, action, scope)? {
            return Err(StoreError::Conflict(format!(
                "{}不能会签“{}”：须由{}签字",
                actor.title(),
                action.label(),
                who_may(action)
            )));
        }
        self.session.countersign = Some((actor.clone(), action, now));
        Ok(actor)
    }

    /// The scope a countersign for `action` is checked against: the building given, or the
    /// scope of the write just refused.
    fn scope_of(&self, action: Action, building: Option<u32>) -> Scope {
        match (building, self.session.refused_scope) {
            (Some(b), _) => Scope::Building(b),
            (None, Some((refused, scope))) if refused == action => scope,
            (None, _) => Scope::Estate,
        }
    }

    /// Whether `actor` may take `action` in `scope` (asked only of the roles bound to an area).
    fn may(&self, actor: &Actor, action: Action, scope: Scope) -> Result<bool> {
        let in_area = match scope {
            Scope::Estate => false,
            Scope::Building(b) => self.covers(actor.id, b)?,
            Scope::Officer(o) => actor.id == o,
        };
        Ok(permits(action, actor.role, in_area))
    }

    /// Whether `staff` covers `building`: a service officer with no buildings assigned covers
    /// the whole estate (a small office does not split it).
    fn covers(&self, staff: StaffId, building: u32) -> Result<bool> {
        let (n, here): (i64, i64) = self.conn.query_row(
            "SELECT count(*), count(*) FILTER (WHERE building = ?2) FROM officer_buildings
             WHERE staff_id = ?1",
            params![staff.0, building],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(n == 0 || here > 0)
    }

    /// Whether the person signed in may take `action` without a countersign (what the desk
    /// asks before offering a button).
    pub fn may_now(&self, action: Action, building: Option<u32>) -> bool {
        match &self.session.actor {
            Some(a) => self.may(a, action, building.into()).unwrap_or(false),
            None => self.session.building_history,
        }
    }

    /// The one gate of every write: someone is signed in, and they (or the countersigner who
    /// just gave their PIN for this action) may take `action`. Returns who the record names:
    /// the caller's `rec` supplies only the time.
    ///
    /// # Errors
    /// [`StoreError::NotSignedIn`], or [`StoreError::NeedsCountersign`] naming who must sign.
    pub(crate) fn authorize(
        &mut self,
        action: Action,
        building: Option<u32>,
        rec: &Recorded,
    ) -> Result<Authority> {
        self.authorize_in(action, building.into(), rec)
    }

    /// [`Store::authorize`] in a scope that is not a building (a public repair's officer).
    pub(crate) fn authorize_in(
        &mut self,
        action: Action,
        scope: Scope,
        rec: &Recorded,
    ) -> Result<Authority> {
        self.writable()?;
        if self.session.building_history && self.session.actor.is_none() {
            return Ok(Authority {
                rec: rec.clone(),
                who: None,
            });
        }
        let by = self.session.actor.clone().ok_or(StoreError::NotSignedIn)?;
        let at = rec.at;
        if self.may(&by, action, scope)? {
            return Ok(Authority::of(&by, at));
        }
        if let Some((cs, for_action, given)) = self.session.countersign.clone()
            && for_action == action
            && (at - given).abs() <= TimeDelta::minutes(COUNTERSIGN_MINUTES)
            && self.may(&cs, action, scope)?
        {
            self.session.countersign = None;
            return Ok(Authority {
                rec: Recorded {
                    by: Some(cs.id),
                    by_name: format!("{}（经办：{}）", cs.name, by.name),
                    at,
                },
                who: Some((by, Some(cs))),
            });
        }
        let message = format!(
            "{}不能单独“{}”：须由{}签字，请其输入PIN会签",
            by.title(),
            action.label(),
            who_may(action)
        );
        self.session.refused = Some(Refusal {
            action,
            building: scope.building(),
            message: message.clone(),
        });
        self.session.refused_scope = Some((action, scope));
        Err(StoreError::NeedsCountersign {
            action,
            building: scope.building(),
            message,
        })
    }

    /// The last write refused for want of a countersign, taken (so it is asked for once). The
    /// desk checks after each message: it asks someone who may sign for their PIN
    /// ([`Store::countersign`]) and sends the message again.
    pub fn take_refusal(&mut self) -> Option<Refusal> {
        self.session.refused.take()
    }

    /// The active staff who may take `action` (for the countersign prompt's list), with a PIN.
    pub fn who_may_sign(&self, action: Action, building: Option<u32>) -> Result<Vec<Actor>> {
        let scope = self.scope_of(action, building);
        let mut out = Vec::new();
        for s in self.staff()? {
            if !s.staff.active {
                continue;
            }
            let actor = Actor {
                id: s.id,
                name: s.staff.name,
                role: s.staff.role,
            };
            if self.may(&actor, action, scope)? && self.account(actor.id)?.hash.is_some() {
                out.push(actor);
            }
        }
        Ok(out)
    }

    /// Logs a desk-wide event (sign-in) for `actor`.
    fn log_session(
        &mut self,
        action: Action,
        what: &str,
        actor: &Actor,
        now: NaiveDateTime,
        after: Option<serde_json::Value>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let auth = Authority::of(actor, now);
        let mut entry = Entry::new(action, what, Target::staff(actor));
        entry.after = after;
        audit::append(&tx, &auth, &entry)?;
        tx.commit()?;
        Ok(())
    }
}
