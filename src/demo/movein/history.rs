//! The cases of owners who moved in years ago, as the office's paper records give them.

use super::{checklist, items, readings};
use crate::demo::Generation;
use crate::demo::helpers::{at, rec};
use crate::domain::movein::{Agreements, Finish, Inspection, MoveInStep, PastMoveIn, PastStep};
use crate::domain::person::Relation;
use crate::domain::staff::Role;
use crate::domain::unit::UnitStatus;
use crate::store::StoreError;

/// A finished case for every twentieth unit lived in (已入住 or 装修中), on the day its owner
/// moved in, as the office's paper records give them. Runs before the fees tab's records: the
/// bank agreements came later, so that step was skipped then.
pub(in crate::demo) fn history(ctx: &mut Generation<'_>) -> Result<(), StoreError> {
    let desk = ctx.staff_of(Role::Receptionist);
    let mut past = Vec::new();
    for &(unit, _) in ctx.units.iter().step_by(20) {
        let status = ctx.store.unit(unit)?.unit.status;
        if !matches!(status, UnitStatus::Occupied | UnitStatus::Renovating) {
            continue;
        }
        let Some(owner) = ctx
            .store
            .people_of(unit)?
            .into_iter()
            .find(|p| p.person.relation == Relation::Owner)
        else {
            continue;
        };
        let Some(day) = owner.person.move_in else {
            continue;
        };
        let by = ctx.rng.pick(&desk).1.clone();
        let t = |m: u64| rec(&by, at(day, 60 + m));
        let defect = ctx.rng.chance(20).then_some(("墙面", "客厅墙面有一处裂纹"));
        let mut steps = vec![
            (t(0), PastStep::Done(MoveInStep::Verify, String::new())),
            (
                t(5),
                PastStep::Agreements(Agreements {
                    service_signed: day,
                    rules_signed: day,
                }),
            ),
            (t(10), PastStep::Done(MoveInStep::OwnerFile, String::new())),
            (
                t(12),
                PastStep::Skip(MoveInStep::BankAgreement, "入住时未办理代扣".into()),
            ),
            (t(20), PastStep::Done(MoveInStep::Payment, String::new())),
            (t(25), PastStep::Items(items(Some(3)))),
            (
                t(40),
                PastStep::Inspection(Inspection {
                    round: 1,
                    at: at(day, 90),
                    items: checklist(&mut ctx.rng, defect),
                    readings: readings(&mut ctx.rng),
                    by_name: "陈刚".into(),
                }),
            ),
        ];
        if let Some((area, _)) = defect {
            steps.push((t(45), PastStep::AcceptDefect(1, area.into())));
        }
        steps.extend([
            (
                t(70),
                PastStep::Inspection(Inspection {
                    round: 2,
                    at: at(day, 120),
                    items: checklist(&mut ctx.rng, None),
                    readings: readings(&mut ctx.rng),
                    by_name: "陈刚".into(),
                }),
            ),
            (
                t(75),
                PastStep::Done(
                    MoveInStep::Handbook,
                    "居家手册、业主尊利手册、贴心服务卡、温馨提示".into(),
                ),
            ),
            (t(80), PastStep::Done(MoveInStep::Checklist, String::new())),
            (
                t(85),
                PastStep::Finish(Finish {
                    moved_in: day,
                    renovating: status == UnitStatus::Renovating,
                }),
            ),
        ]);
        past.push(PastMoveIn {
            unit,
            owner_name: owner.person.name.clone(),
            person: Some(owner.id.0),
            notice_no: format!("RH-{}-{:04}", day.format("%Y"), past.len() + 1),
            scheduled_at: None,
            opened: t(0),
            steps,
        });
    }
    ctx.store.import_move_ins(&past)?;
    Ok(())
}
