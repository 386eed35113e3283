//! The desk's writes on matters, each one transaction with its audit row: intake, and the steps
//! after it (派单, 上报, 回复 and 进展, 答复, 回访, 关闭).

use super::write::{Applied, allowed, apply, head, insert, repair_category, target};
use crate::domain::access::Action;
use crate::domain::feedback::{
    Dispatch, FeedbackId, FeedbackNumber, FeedbackState, Intake, Rating, Step, WorkOrderNumber,
    missing_for_close,
};
use crate::domain::repair::RepairId;
use crate::domain::staff::Recorded;
use crate::store::audit::Entry;
use crate::store::{Result, Store, StoreError};

impl Store {
    /// Records a matter taken at the desk; returns its id, its number `FK-YYYYMM-NNNN` and, for
    /// a 报修, the repair order opened for it in 报修管理 in the same transaction.
    pub fn add_feedback(
        &mut self,
        intake: &Intake,
        rec: &Recorded,
    ) -> Result<(FeedbackId, FeedbackNumber, Option<RepairId>)> {
        let problems = intake.check();
        if !problems.is_empty() {
            let text: Vec<&str> = problems.iter().map(|(_, m)| m.as_str()).collect();
            return Err(StoreError::Conflict(text.join("；")));
        }
        let category = repair_category(&self.repair_categories()?);
        self.write(Action::FeedbackRecord, None, rec, |tx, auth| {
            let (id, number, repair) = insert(tx, intake, &auth.rec, None, &category)?;
            let entry = Entry::new(
                Action::FeedbackRecord,
                "登记信息反馈",
                target(id, &number.to_string()),
            );
            Ok((
                (id, number, repair),
                entry.change(None::<&Intake>, Some(intake)),
            ))
        })
    }

    /// Takes one step on a matter, in one transaction with its audit row.
    fn feedback_step(&mut self, id: FeedbackId, step: &Step, rec: &Recorded) -> Result<Applied> {
        allowed(self.conn(), id, step)?;
        let d = self.deadlines()?;
        self.write(Action::FeedbackRecord, None, rec, |tx, auth| {
            let before = head(tx, id)?.state;
            let applied = apply(tx, id, step, &auth.rec, &d)?;
            let entry = Entry::new(
                Action::FeedbackRecord,
                step.label(),
                target(id, &applied.number),
            );
            let old = serde_json::json!({ "状态": before.label() });
            let new = serde_json::json!({ "状态": applied.state.label(), "步骤": step });
            Ok((applied, entry.change(Some(&old), Some(&new))))
        })
    }

    /// 派单: sends the matter to a department with a new 工作联系单; returns its number.
    pub fn dispatch_feedback(
        &mut self,
        id: FeedbackId,
        dispatch: &Dispatch,
        rec: &Recorded,
    ) -> Result<WorkOrderNumber> {
        let applied = self.feedback_step(id, &Step::Dispatch(dispatch.clone()), rec)?;
        applied
            .work_order
            .ok_or_else(|| StoreError::Corrupt("派单没有生成工作联系单".into()))
    }

    /// 上报上级: to whom; when is `rec.at` (the first report meets the 2-hour clock).
    pub fn escalate_feedback(
        &mut self,
        id: FeedbackId,
        to_name: &str,
        rec: &Recorded,
    ) -> Result<()> {
        let step = Step::Escalate {
            to: to_name.to_string(),
        };
        self.feedback_step(id, &step, rec).map(|_| ())
    }

    /// The handler's reply to the desk (`from_handler`: 已回复), or a progress note on the trail.
    pub fn feedback_progress(
        &mut self,
        id: FeedbackId,
        text: &str,
        from_handler: bool,
        rec: &Recorded,
    ) -> Result<()> {
        let step = Step::Progress {
            text: text.to_string(),
            from_handler,
        };
        self.feedback_step(id, &step, rec).map(|_| ())
    }

    /// The answer given to the customer (已答复).
    pub fn answer_feedback(&mut self, id: FeedbackId, answer: &str, rec: &Recorded) -> Result<()> {
        let step = Step::Answer {
            answer: answer.to_string(),
        };
        self.feedback_step(id, &step, rec).map(|_| ())
    }

    /// 回访 with the customer's rating; 不满意 reopens the matter. Returns the state after it.
    pub fn feedback_callback(
        &mut self,
        id: FeedbackId,
        rating: Rating,
        note: &str,
        rec: &Recorded,
    ) -> Result<FeedbackState> {
        let step = Step::Callback {
            rating,
            note: note.to_string(),
        };
        self.feedback_step(id, &step, rec).map(|a| a.state)
    }

    /// 关闭 with the result; refused, saying what is missing, without an answer to the customer
    /// (since the latest reopen) or a result.
    pub fn close_feedback(&mut self, id: FeedbackId, result: &str, rec: &Recorded) -> Result<()> {
        let h = head(self.conn(), id)?;
        if h.state.is_open() {
            let missing = missing_for_close(&h.answer, h.answered_at, h.reopened_at, result);
            if !missing.is_empty() {
                return Err(StoreError::Conflict(format!(
                    "不能关闭，还缺：{}。请先填写后再关闭",
                    missing.join("、")
                )));
            }
        }
        let step = Step::Close {
            result: result.to_string(),
        };
        self.feedback_step(id, &step, rec).map(|_| ())
    }
}
