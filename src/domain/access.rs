//! Who may do what: the one table of the procedure's sign-offs (DOMAIN.md, roles). The store enforces the table on every write; screens read
//! it only to say in advance who will have to countersign.

use crate::domain::coded::coded;
use crate::domain::staff::Role;

coded! {
    /// Every write the desk makes, grouped by the tab it belongs to.
    Action {
        /// 登记或修改房屋、住户、地下室.
        RegisterEdit = ("register_edit", "登记或修改房屋与住户"),
        /// 导入业主名册.
        RosterImport = ("roster_import", "导入业主名册"),
        /// 查看完整身份证号 (for a stated purpose; logged).
        RevealId = ("reveal_id", "查看完整身份证号"),
        /// 报修登记、派单、到场、完工、材料收费、业主确认、回访、关闭、取消.
        RepairRecord = ("repair_record", "登记和处理报修"),
        /// 班长技术评审 (the review of a repair that cannot be fixed at once).
        RepairReview = ("repair_review", "班长技术评审"),
        /// 公共报修确认: the area's service officer confirms, signs and rates.
        RepairPublicConfirm = ("repair_public_confirm", "公共报修确认签字"),
        /// 信息反馈与投诉：登记、派单、上报、回复、答复、回访、关闭.
        FeedbackRecord = ("feedback_record", "登记和处理信息反馈"),
        /// 业主入住：验证、协议、物品交付、接房验收、入住.
        MoveInRecord = ("move_in_record", "办理业主入住"),
        /// 业主房屋代租：委托、看房、签约、退租、撤回委托.
        RentalRecord = ("rental_record", "办理房屋代租"),
        /// 装修管理：申请、资料、二次验房、开账单、许可证、阶段、完工、初验与复验、撤销.
        RenovationRecord = ("renovation_record", "办理装修申请与验收"),
        /// 装修巡查、违规整改通知与复查: the service officers who patrol the sites.
        RenovationPatrol = ("renovation_patrol", "装修巡查与整改"),
        /// 从装修保证金中扣款: only with the supervisor's approval.
        RenovationDeduct = ("renovation_deduct", "批准保证金扣款"),
        /// 退款: paying a deposit back through 收费管理, with its 退款凭证.
        FeeRefund = ("fee_refund", "退还押金与保证金"),
        /// 登记放行申请.
        PassRecord = ("pass_record", "登记放行申请"),
        /// 费用结清确认 for a unit's pass: the service officer of that building.
        PassFeesSignOff = ("pass_fees_sign_off", "费用结清确认"),
        /// 批准放行 under the approval rule.
        PassApprove = ("pass_approve", "批准放行"),
        /// 主管特批: approving although fees are owed.
        PassOverride = ("pass_override", "欠费特批放行"),
        /// 门岗放行.
        PassRelease = ("pass_release", "门岗放行"),
        /// 作废放行条.
        PassVoid = ("pass_void", "作废放行条"),
        /// 钥匙入柜、标签核对.
        KeyKeep = ("key_keep", "钥匙入柜与标签核对"),
        /// 钥匙借出、归还、发放.
        KeyLend = ("key_lend", "钥匙借出、归还与发放"),
        /// 空置申请: the service officer of the unit's building signs it.
        VacancyApply = ("vacancy_apply", "空置申请签字"),
        /// 审批空置申请 (approve or reject).
        VacancyDecide = ("vacancy_decide", "审批空置申请"),
        /// 停水停电抄表, 空置提前结束.
        VacancyFollowUp = ("vacancy_follow_up", "停水停电抄表与结束空置"),
        /// 空置房、地下室月度检查与恶劣天气后检查.
        Inspect = ("inspect", "空置房与地下室检查"),
        /// 主管抽查.
        SpotCheck = ("spot_check", "主管抽查"),
        /// 收费标准: fee items and their prices from a month on.
        FeeStandards = ("fee_standards", "修改收费标准"),
        /// 车位登记: the parking-space register.
        ParkingEdit = ("parking_edit", "车位登记"),
        /// 水电表读数: units' and buildings' master meters.
        MeterRead = ("meter_read", "录入水电表读数"),
        /// 生成账单: the monthly billing run, and one-off charges posted to a unit.
        FeeBill = ("fee_bill", "生成账单与临时收费"),
        /// 账单调整: a correction line with its reason (a bill is never edited).
        FeeAdjust = ("fee_adjust", "账单调整"),
        /// 收款: payments and prepayments, with the 收款收据.
        FeeCollect = ("fee_collect", "收款开收据"),
        /// 作废收据: with a reason; the number is never reused.
        ReceiptVoid = ("receipt_void", "作废收据"),
        /// 银行代扣协议: recording or ending an owner's agreement.
        BankAgreement = ("bank_agreement", "银行代扣协议"),
        /// 银行代扣: exporting a month's request file and importing the bank's results.
        BankDebit = ("bank_debit", "银行代扣导出与入账"),
        /// 物品拾遗：登记拾到的物品和寻物，发还普通物品.
        LostFoundRecord = ("lost_found_record", "登记物品拾遗与认领"),
        /// 贵重物品：清点后由主管保管，由主管发还.
        LostFoundValuables = ("lost_found_valuables", "保管和发还贵重物品"),
        /// 处置无人认领的物品（上交派出所、捐赠、处理）.
        LostFoundDispose = ("lost_found_dispose", "处置无人认领物品"),
        /// 设置: office, deadlines, categories, rules, officers' buildings, key settings.
        Settings = ("settings", "修改设置"),
        /// 员工账户: add, change, deactivate, reset a PIN.
        StaffManage = ("staff_manage", "管理员工账户"),
        /// 操作日志.
        AuditView = ("audit_view", "查看操作日志"),
        /// Importing years of history (the demo builder and a migration from paper records).
        HistoryImport = ("history_import", "导入历史记录"),
        /// 立即备份 (the desk's own backups need nobody).
        BackupNow = ("backup_now", "立即备份"),
        /// 从备份恢复: the database replaced by a backup (the current file kept aside).
        Restore = ("restore", "从备份恢复"),
        /// 月末归档: recording a month's archive, which closes the month.
        MonthArchive = ("month_archive", "月末归档"),
        /// Changing a record of an archived month that was finished before its archive.
        ClosedMonthEdit = ("closed_month_edit", "修改已归档月份的记录"),
        /// 登录 (and the lock after five wrong PINs).
        SignIn = ("sign_in", "登录"),
        /// 交接班: the next person signs in; the hand-over is recorded.
        Handover = ("handover", "交接班"),
    }
}

use Role::{
    Cashier, Guard, KeyKeeper, Receptionist, ServiceOfficer, Supervisor, TeamLead, Technician,
};

impl Action {
    /// The tab (or desk-wide place) the action belongs to, as the 操作日志 filters it.
    pub fn tab(self) -> &'static str {
        match self {
            Action::RegisterEdit | Action::RosterImport | Action::RevealId => "房屋与业主",
            Action::RepairRecord | Action::RepairReview | Action::RepairPublicConfirm => "报修",
            Action::FeedbackRecord => "信息反馈",
            Action::MoveInRecord => "业主入住",
            Action::RentalRecord => "房屋代租",
            Action::RenovationRecord | Action::RenovationPatrol | Action::RenovationDeduct => {
                "装修管理"
            }
            Action::PassRecord
            | Action::PassFeesSignOff
            | Action::PassApprove
            | Action::PassOverride
            | Action::PassRelease
            | Action::PassVoid => "物品放行",
            Action::KeyKeep | Action::KeyLend => "钥匙",
            Action::VacancyApply
            | Action::VacancyDecide
            | Action::VacancyFollowUp
            | Action::Inspect
            | Action::SpotCheck => "空置房",
            Action::FeeStandards
            | Action::ParkingEdit
            | Action::MeterRead
            | Action::FeeBill
            | Action::FeeAdjust
            | Action::FeeCollect
            | Action::ReceiptVoid
            | Action::BankAgreement
            | Action::BankDebit
            | Action::FeeRefund => "收费管理",
            Action::LostFoundRecord | Action::LostFoundValuables | Action::LostFoundDispose => {
                "物品拾遗"
            }
            Action::Settings
            | Action::StaffManage
            | Action::HistoryImport
            | Action::BackupNow
            | Action::Restore => "设置",
            Action::AuditView | Action::SignIn | Action::Handover => "登录与交接",
            Action::MonthArchive | Action::ClosedMonthEdit => "月末归档",
        }
    }

    /// The tabs in the order the desk shows them, for the 操作日志 filter.
    pub const TABS: &'static [&'static str] = &[
        "房屋与业主",
        "报修",
        "信息反馈",
        "业主入住",
        "装修管理",
        "物品放行",
        "钥匙",
        "空置房",
        "收费管理",
        "物品拾遗",
        "房屋代租",
        "设置",
        "登录与交接",
        "月末归档",
    ];
}

/// Who may take an action: some roles anywhere, some only in the buildings they cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Roles that may take the action anywhere in the estate.
    pub anywhere: &'static [Role],
    /// Roles that may take it only for a unit in a building they cover (the area's officer).
    pub own_area: &'static [Role],
}

/// The rule for `action`: the table of the procedure's sign-offs, in one place.
pub fn rule(action: Action) -> Rule {
    const DESK: &[Role] = &[Receptionist, ServiceOfficer, Supervisor];
    let anywhere: &'static [Role] = match action {
        Action::RegisterEdit
        | Action::RepairRecord
        | Action::FeedbackRecord
        | Action::MoveInRecord
        | Action::PassVoid
        | Action::LostFoundRecord
        | Action::RentalRecord
        | Action::RenovationRecord => DESK,
        Action::Inspect => DESK,
        // Patrols are the service officers' rounds; the supervisor may stand in.
        Action::RenovationPatrol => &[ServiceOfficer, Supervisor],
        Action::RenovationDeduct => &[Supervisor],
        Action::RosterImport => &[Receptionist, Supervisor],
        Action::RevealId | Action::PassOverride | Action::VacancyDecide | Action::SpotCheck => {
            &[Supervisor]
        }
        Action::LostFoundValuables | Action::LostFoundDispose => &[Supervisor],
        Action::Settings
        | Action::StaffManage
        | Action::AuditView
        | Action::HistoryImport
        | Action::Restore => &[Supervisor],
        // Closing a month and changing what it closed are the supervisor's (DOMAIN.md, the
        // month end): the archive is the office's record of the month.
        Action::MonthArchive | Action::ClosedMonthEdit => &[Supervisor],
        Action::RepairReview => &[TeamLead],
        Action::RepairPublicConfirm | Action::PassFeesSignOff | Action::VacancyApply => {
            &[Supervisor]
        }
        Action::PassRecord => &[Receptionist, ServiceOfficer, Supervisor, Guard],
        Action::PassApprove => DESK,
        Action::PassRelease => &[Guard],
        Action::KeyKeep | Action::KeyLend => &[KeyKeeper, Supervisor],
        Action::VacancyFollowUp => &[Receptionist, ServiceOfficer, Supervisor, Technician],
        Action::SignIn | Action::Handover | Action::BackupNow => Role::ALL,
        // The cashier takes money and bills; corrections, voids and prices are the
        // supervisor's; agreements and parking spaces are signed up at the desk.
        Action::FeeBill | Action::FeeCollect | Action::BankDebit | Action::FeeRefund => {
            &[Cashier, Supervisor]
        }
        Action::FeeStandards | Action::FeeAdjust | Action::ReceiptVoid => &[Supervisor],
        Action::MeterRead => &[
            Receptionist,
            ServiceOfficer,
            Cashier,
            Supervisor,
            Technician,
        ],
        Action::BankAgreement | Action::ParkingEdit => {
            &[Receptionist, ServiceOfficer, Cashier, Supervisor]
        }
    };
    let own_area: &'static [Role] = match action {
        Action::RepairPublicConfirm | Action::PassFeesSignOff | Action::VacancyApply => {
            &[ServiceOfficer]
        }
        _ => &[],
    };
    Rule { anywhere, own_area }
}

/// Whether someone in `role` may take `action`; `in_area` says whether the record's unit lies in
/// a building they cover (only asked of the roles bound to an area).
pub fn permits(action: Action, role: Role, in_area: bool) -> bool {
    let r = rule(action);
    r.anywhere.contains(&role) || (in_area && r.own_area.contains(&role))
}

/// The roles that may take `action`, for the message asking for a countersign: "客服中心主管",
/// "客户服务员（本区域）或客服中心主管".
pub fn who_may(action: Action) -> String {
    let r = rule(action);
    let mut parts: Vec<String> = r
        .own_area
        .iter()
        .map(|role| format!("{}（本区域）", role.label()))
        .collect();
    parts.extend(r.anywhere.iter().map(|role| role.label().to_string()));
    parts.join("或")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole table: every action × every role, as the procedure reads (DOMAIN.md). A row
    /// lists the roles allowed anywhere, then those allowed in their own area.
    #[test]
    fn the_role_table() {
        #[rustfmt::skip]
        let table: &[(Action, &[Role], &[Role])] = &[
            (Action::RegisterEdit, &[Receptionist, ServiceOfficer, Supervisor], &[]),
            (Action::RosterImport, &[Receptionist, Supervisor], &[]),
            (Action::RevealId, &[Supervisor], &[]),
            (Action::RepairRecord, &[Receptionist, ServiceOfficer, Supervisor], &[]),
            (Action::RepairReview, &[TeamLead], &[]),
            (Action::RepairPublicConfirm, &[Supervisor], &[ServiceOfficer]),
            (Action::FeedbackRecord, &[Receptionist, ServiceOfficer, Supervisor], &[]),
            (Action::MoveInRecord, &[Receptionist, ServiceOfficer, Supervisor], &[]),
            (Action::RentalRecord, &[Receptionist, ServiceOfficer, Supervisor], &[]),
            (Action::RenovationRecord, &[Receptionist, ServiceOfficer, Supervisor], &[]),
            (Action::RenovationPatrol, &[ServiceOfficer, Supervisor], &[]),
            (Action::RenovationDeduct, &[Supervisor], &[]),
            (Action::FeeRefund, &[Cashier, Supervisor], &[]),
            (Action::PassRecord, &[Receptionist, ServiceOfficer, Supervisor, Guard], &[]),
            (Action::PassFeesSignOff, &[Supervisor], &[ServiceOfficer]),
            (Action::PassApprove, &[Receptionist, ServiceOfficer, Supervisor], &[]),
            (Action::PassOverride, &[Supervisor], &[]),
            (Action::PassRelease, &[Guard], &[]),
            (Action::PassVoid, &[Receptionist, ServiceOfficer, Supervisor], &[]),
            (Action::KeyKeep, &[KeyKeeper, Supervisor], &[]),
            (Action::KeyLend, &[KeyKeeper, Supervisor], &[]),
            (Action::VacancyApply, &[Supervisor], &[ServiceOfficer]),
            (Action::VacancyDecide, &[Supervisor], &[]),
            (Action::VacancyFollowUp, &[Receptionist, ServiceOfficer, Supervisor, Technician], &[]),
            (Action::Inspect, &[Receptionist, ServiceOfficer, Supervisor], &[]),
            (Action::SpotCheck, &[Supervisor], &[]),
            (Action::FeeStandards, &[Supervisor], &[]),
            (Action::ParkingEdit, &[Receptionist, ServiceOfficer, Cashier, Supervisor], &[]),
            (Action::MeterRead, &[Receptionist, ServiceOfficer, Cashier, Supervisor, Technician], &[]),
            (Action::FeeBill, &[Cashier, Supervisor], &[]),
            (Action::FeeAdjust, &[Supervisor], &[]),
            (Action::FeeCollect, &[Cashier, Supervisor], &[]),
            (Action::ReceiptVoid, &[Supervisor], &[]),
            (Action::BankAgreement, &[Receptionist, ServiceOfficer, Cashier, Supervisor], &[]),
            (Action::BankDebit, &[Cashier, Supervisor], &[]),
            (Action::LostFoundRecord, &[Receptionist, ServiceOfficer, Supervisor], &[]),
            (Action::LostFoundValuables, &[Supervisor], &[]),
            (Action::LostFoundDispose, &[Supervisor], &[]),
            (Action::Settings, &[Supervisor], &[]),
            (Action::StaffManage, &[Supervisor], &[]),
            (Action::AuditView, &[Supervisor], &[]),
            (Action::HistoryImport, &[Supervisor], &[]),
            (Action::BackupNow, Role::ALL, &[]),
            (Action::Restore, &[Supervisor], &[]),
            (Action::SignIn, Role::ALL, &[]),
            (Action::Handover, Role::ALL, &[]),
            (Action::MonthArchive, &[Supervisor], &[]),
            (Action::ClosedMonthEdit, &[Supervisor], &[]),
        ];
        assert_eq!(table.len(), Action::ALL.len(), "every action has a row");
        for &(action, anywhere, own_area) in table {
            for &role in Role::ALL {
                for in_area in [false, true] {
                    let expected =
                        anywhere.contains(&role) || (in_area && own_area.contains(&role));
                    assert_eq!(
                        permits(action, role, in_area),
                        expected,
                        "{action:?} by {role:?} (in area: {in_area})"
                    );
                }
            }
        }
    }

    #[test]
    fn the_countersign_message_names_the_roles() {
        assert_eq!(who_may(Action::VacancyDecide), "客服中心主管");
        assert_eq!(
            who_may(Action::PassFeesSignOff),
            "客户服务员（本区域）或客服中心主管"
        );
    }
}
