//! Patrols by phase (装修巡查): the kinds of work ([`WorkKind`]) and the frequency each sets
//! ([`PatrolRule`]), the next patrol due ([`next_patrol_due`]) and when it is overdue
//! ([`is_overdue`]), and the violations a patrol may find ([`Violation`]).

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::coded::coded;

coded! {
    /// A kind of renovation work; the phase being worked sets how often staff patrol.
    WorkKind {
        /// 水电改造: plumbing and electrical rework, patrolled daily.
        Plumbing = ("plumbing", "水电改造"),
        /// 木工: carpentry, every 3 days.
        Carpentry = ("carpentry", "木工"),
        /// 粉墙/油漆: wall plastering and painting, every 3 days.
        Painting = ("painting", "粉墙/油漆"),
        /// 铺砖/木地板: tiling and wood flooring, daily.
        Flooring = ("flooring", "铺砖/木地板"),
        /// 燃气热水器/空调/洁具安装: installations, patrolled on the installation day.
        Installation = ("installation", "燃气热水器/空调/洁具安装"),
    }
}

/// How often a phase is patrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PatrolRule {
    /// Every `n` days: patrolled on day D, due again on D + n.
    Every(u32),
    /// Once, on the installation day.
    OnInstallationDay,
}

impl WorkKind {
    /// The procedure's frequency for this kind of work (chapter 2).
    pub fn patrol_rule(self) -> PatrolRule {
        match self {
            WorkKind::Plumbing | WorkKind::Flooring => PatrolRule::Every(1),
            WorkKind::Carpentry | WorkKind::Painting => PatrolRule::Every(3),
            WorkKind::Installation => PatrolRule::OnInstallationDay,
        }
    }
}

impl PatrolRule {
    /// `每天`, `每3天`, `安装当天`.
    pub fn label(self) -> String {
        match self {
            PatrolRule::Every(1) => "每天".into(),
            PatrolRule::Every(n) => format!("每{n}天"),
            PatrolRule::OnInstallationDay => "安装当天".into(),
        }
    }
}

/// The day the next patrol of a phase is due: the phase's first day (or the installation day)
/// while it has had no patrol, then `n` days after the last one. An installation once
/// patrolled on or after its day is done (`None`), as is an installation with no day set.
///
/// `last_patrol` is the day of the phase's latest patrol (earlier phases' do not count).
pub fn next_patrol_due(
    kind: WorkKind,
    phase_start: NaiveDate,
    installation_day: Option<NaiveDate>,
    last_patrol: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let last = last_patrol.filter(|d| *d >= phase_start);
    match kind.patrol_rule() {
        PatrolRule::Every(n) => match last {
            None => Some(phase_start),
            Some(d) => d.checked_add_days(Days::new(u64::from(n))),
        },
        PatrolRule::OnInstallationDay => {
            let day = installation_day?;
            match last {
                Some(d) if d >= day => None,
                _ => Some(day),
            }
        }
    }
}

/// Whether a patrol due on `due` is overdue on `today`: the due day itself is still on time.
pub fn is_overdue(due: NaiveDate, today: NaiveDate) -> bool {
    today > due
}

/// The moment a patrol due on `day` turns overdue on 今日: the last second of that day.
pub fn patrol_due_at(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN))
}

coded! {
    /// A violation a patrol may find (装修违规), each answered by a 整改通知.
    Violation {
        /// 拆改承重墙.
        LoadBearingWall = ("load_bearing_wall", "拆改承重墙"),
        /// 违规用电 (private wiring, overloads, no leakage protection).
        Electricity = ("electricity", "违规用电"),
        /// 噪音超时: noisy work outside the allowed hours.
        Noise = ("noise", "噪音超时"),
        /// 垃圾乱放: rubbish left in the corridor or common areas.
        Rubbish = ("rubbish", "垃圾乱放"),
        /// 破坏防水层.
        Waterproofing = ("waterproofing", "破坏防水层"),
        /// 擅改燃气/暖气管道.
        Pipes = ("pipes", "擅改燃气/暖气管道"),
        /// 占用公共区域.
        CommonArea = ("common_area", "占用公共区域"),
        /// 无证人员施工: workers without a pass.
        NoPass = ("no_pass", "无证人员施工"),
        /// 其他: described in the findings.
        Other = ("other", "其他违规"),
    }
}

/// A patrol as recorded (装修巡查): when, what was seen, and any violation with the re-check
/// date of its 整改通知. Who patrolled is the person signed in (or the countersigner).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Patrol {
    /// 巡查时间.
    pub at: NaiveDateTime,
    /// 巡查情况 (required with a violation).
    pub findings: String,
    /// 违规, if any.
    pub violation: Option<Violation>,
    /// 复查日期 of the 整改通知 (required with a violation).
    pub recheck_on: Option<NaiveDate>,
}

impl Patrol {
    /// Checks the patrol: a violation needs its findings and re-check date
    /// ([`check_violation`]); a re-check date without a violation is refused.
    ///
    /// # Errors
    /// A message saying what to fix.
    pub fn check(&self) -> Result<(), String> {
        match (self.violation, self.recheck_on) {
            (Some(v), Some(on)) => check_violation(v, &self.findings, self.at.date(), on),
            (Some(v), None) => Err(format!("发现“{}”要发整改通知，请填写复查日期", v.label())),
            (None, Some(_)) => Err("没有违规就不需要复查日期；有违规请选择违规类型".into()),
            (None, None) => Ok(()),
        }
    }
}

/// The latest re-check date a rectification notice may set, in days after the patrol.
pub const MAX_RECHECK_DAYS: u64 = 30;

/// Checks a patrol's violation and its re-check date: a violation needs findings that say what
/// was seen and a re-check from the patrol's day up to [`MAX_RECHECK_DAYS`] later.
///
/// # Errors
/// A message saying what to fix.
pub fn check_violation(
    violation: Violation,
    findings: &str,
    patrol_day: NaiveDate,
    recheck_on: NaiveDate,
) -> Result<(), String> {
    if findings.trim().is_empty() {
        return Err(format!(
            "发现“{}”，请在巡查情况中写明看到了什么、要求怎样整改",
            violation.label()
        ));
    }
    if recheck_on < patrol_day {
        return Err("复查日期不能早于巡查日期".into());
    }
    if (recheck_on - patrol_day).num_days() > MAX_RECHECK_DAYS as i64 {
        return Err(format!(
            "复查日期太晚：整改期限最长 {MAX_RECHECK_DAYS} 天，请改早一些"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    #[test]
    fn carpentry_patrolled_on_day_3_is_due_day_6_and_overdue_from_day_7() {
        let due = next_patrol_due(WorkKind::Carpentry, d(1), None, Some(d(3))).unwrap();
        assert_eq!(due, d(6));
        assert!(!is_overdue(due, d(5)));
        assert!(!is_overdue(due, d(6)), "day D+3 is still on time");
        assert!(is_overdue(due, d(7)), "day D+4 is overdue");
        assert_eq!(
            next_patrol_due(WorkKind::Painting, d(1), None, Some(d(3))),
            Some(d(6))
        );
    }

    #[test]
    fn daily_phases_are_due_the_next_day_and_overdue_the_day_after() {
        for kind in [WorkKind::Plumbing, WorkKind::Flooring] {
            let due = next_patrol_due(kind, d(1), None, Some(d(10))).unwrap();
            assert_eq!(due, d(11));
            assert!(!is_overdue(due, d(11)));
            assert!(is_overdue(due, d(12)));
        }
    }

    #[test]
    fn a_new_phase_is_due_on_its_first_day_and_earlier_patrols_do_not_count() {
        assert_eq!(
            next_patrol_due(WorkKind::Plumbing, d(5), None, None),
            Some(d(5))
        );
        assert_eq!(
            next_patrol_due(WorkKind::Carpentry, d(5), None, Some(d(4))),
            Some(d(5)),
            "a patrol of the phase before"
        );
    }

    #[test]
    fn installations_are_patrolled_on_their_day_once() {
        let k = WorkKind::Installation;
        assert_eq!(next_patrol_due(k, d(1), Some(d(9)), None), Some(d(9)));
        assert_eq!(next_patrol_due(k, d(1), Some(d(9)), Some(d(4))), Some(d(9)));
        assert_eq!(next_patrol_due(k, d(1), Some(d(9)), Some(d(9))), None);
        assert_eq!(next_patrol_due(k, d(1), None, None), None);
        assert!(is_overdue(d(9), d(10)));
    }

    #[test]
    fn rules_read_as_the_procedure() {
        let labels: Vec<String> = WorkKind::ALL
            .iter()
            .map(|k| k.patrol_rule().label())
            .collect();
        assert_eq!(labels, ["每天", "每3天", "每3天", "每天", "安装当天"]);
    }

    #[test]
    fn a_violation_needs_findings_and_a_sensible_recheck() {
        let v = Violation::Electricity;
        assert!(
            check_violation(v, " ", d(10), d(12))
                .unwrap_err()
                .contains("违规用电")
        );
        assert!(check_violation(v, "私拉电线", d(10), d(9)).is_err());
        assert!(
            check_violation(v, "私拉电线", d(1), d(1) + Days::new(31))
                .unwrap_err()
                .contains("30")
        );
        assert!(check_violation(v, "私拉电线", d(10), d(10)).is_ok());
    }

    #[test]
    fn a_patrol_with_a_violation_needs_its_recheck() {
        let mut p = Patrol {
            at: d(10).and_hms_opt(10, 0, 0).unwrap(),
            findings: "私拉电线".into(),
            violation: Some(Violation::Electricity),
            recheck_on: None,
        };
        assert!(p.check().unwrap_err().contains("复查日期"));
        p.recheck_on = Some(d(12));
        assert_eq!(p.check(), Ok(()));
        p.violation = None;
        assert!(p.check().is_err());
        p.recheck_on = None;
        assert_eq!(p.check(), Ok(()));
    }

    #[test]
    fn due_at_is_the_end_of_the_day() {
        let at = patrol_due_at(d(6));
        assert_eq!(at.date(), d(6));
        assert!(at > d(6).and_hms_opt(23, 59, 0).unwrap());
    }
}
