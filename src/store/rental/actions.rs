//! The desk's writes on entrustments, each one transaction with its audit row
//! ([`Action::RentalRecord`]) and its lines in the unit's history.

use super::lease::{LeaseSigned, end_in, lease_in};
use super::write::{Head, entrust_in, target, viewing_in, withdraw_in};
use crate::domain::access::Action;
use crate::domain::rental::{
    Entrustment, EntrustmentId, EntrustmentNumber, Lease, LeaseEnd, Viewing,
};
use crate::domain::staff::Recorded;
use crate::store::audit::Entry;
use crate::store::{Result, Store};

/// The audit row of a step on an entrustment.
fn entry(id: EntrustmentId, h: &Head, what: &str, after: serde_json::Value) -> Entry {
    let before = serde_json::json!({ "状态": h.state.label() });
    Entry::new(Action::RentalRecord, what, target(id, &h.number))
        .change(Some(&before), Some(&after))
}

/// The entrustment as the log keeps it: the owner's phone and bank account masked as on every
/// screen (the log masks ID numbers and phones by their field names; these two have their own).
fn masked(e: &Entrustment) -> serde_json::Value {
    let mut v = crate::store::audit::json(e);
    if let Some(map) = v.as_object_mut() {
        map.insert(
            "owner_phone".into(),
            e.owner_phone.as_ref().map(|m| m.masked()).into(),
        );
        if let (Some(bank), Some(b)) = (map.get_mut("bank"), &e.bank)
            && let Some(bank) = bank.as_object_mut()
        {
            bank.insert("account".into(), b.account.masked().into());
        }
    }
    v
}

impl Store {
    /// Records an owner's entrustment (委托代租); returns its id and number `DZ-YYYYMM-NNNN`.
    pub fn entrust_rental(
        &mut self,
        e: &Entrustment,
        rec: &Recorded,
    ) -> Result<(EntrustmentId, EntrustmentNumber)> {
        self.write(Action::RentalRecord, None, rec, |tx, auth| {
            let (id, number) = entrust_in(tx, e, &auth.rec)?;
            let mut entry = Entry::new(
                Action::RentalRecord,
                "委托代租",
                target(id, &number.to_string()),
            );
            entry.after = Some(masked(e));
            Ok(((id, number), entry))
        })
    }

    /// Logs a viewing (看房) of a 待租 listing.
    pub fn log_viewing(&mut self, id: EntrustmentId, v: &Viewing, rec: &Recorded) -> Result<()> {
        self.write(Action::RentalRecord, None, rec, |tx, auth| {
            let h = viewing_in(tx, id, v, &auth.rec)?;
            let after = serde_json::to_value(v).unwrap_or_default();
            Ok(((), entry(id, &h, "登记看房", after)))
        })
    }

    /// Signs a lease: the tenant into the register as 租户, the unit 出租, the commission billed
    /// to the unit in 收费管理, the listing 在租; all in one transaction.
    pub fn sign_lease(
        &mut self,
        id: EntrustmentId,
        lease: &Lease,
        rec: &Recorded,
    ) -> Result<LeaseSigned> {
        self.write(Action::RentalRecord, None, rec, |tx, auth| {
            let (h, signed) = lease_in(tx, id, lease, &auth.rec)?;
            let mut after = crate::store::audit::json(lease);
            if let Some(map) = after.as_object_mut() {
                map.insert("佣金".into(), signed.commission.yuan_string().into());
                map.insert("状态".into(), "在租".into());
            }
            Ok((signed, entry(id, &h, "签订租约", after)))
        })
    }

    /// Ends the running lease (at its end or early, with the reason): the tenant leaves the
    /// current residents, the unit goes back to its status before the lease, the listing is
    /// 待租 again.
    pub fn end_lease(&mut self, id: EntrustmentId, end: &LeaseEnd, rec: &Recorded) -> Result<()> {
        self.write(Action::RentalRecord, None, rec, |tx, auth| {
            let (h, reason) = end_in(tx, id, end, &auth.rec)?;
            let after = serde_json::json!({
                "退租日期": end.on.format("%Y-%m-%d").to_string(),
                "原因": reason,
                "状态": "待租",
            });
            Ok(((), entry(id, &h, "退租", after)))
        })
    }

    /// Withdraws a 待租 listing (the owner takes the unit back), with the reason.
    pub fn withdraw_rental(
        &mut self,
        id: EntrustmentId,
        reason: &str,
        rec: &Recorded,
    ) -> Result<()> {
        self.write(Action::RentalRecord, None, rec, |tx, auth| {
            let h = withdraw_in(tx, id, reason, &auth.rec)?;
            let after = serde_json::json!({ "状态": "已撤回", "原因": reason.trim() });
            Ok(((), entry(id, &h, "撤回委托", after)))
        })
    }
}
