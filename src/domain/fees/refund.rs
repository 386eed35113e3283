//! Refunds (退款) of a deposit paid through 收费管理: the voucher's number ([`RefundNumber`],
//! `TK-YYYYMM-NNNN`), and refund = deposit − deductions ([`refund_amount`]); each deduction
//! ([`Deduction`]) needs a reason, and any deduction needs the supervisor's approval.

use serde::{Deserialize, Serialize};

use crate::domain::Fen;
use crate::domain::number::monthly_number;

monthly_number!(
    /// A refund voucher's number `TK-YYYYMM-NNNN` (退款凭证): a monthly sequence with no gaps.
    RefundNumber,
    "TK",
    "退款凭证号"
);

/// Something kept back from the deposit (扣款): a damaged common area, rubbish removed by the
/// office, an unpaid fine …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deduction {
    /// Why (required): `楼道墙面损坏修复`.
    pub reason: String,
    /// How much (more than zero).
    pub amount: Fen,
}

/// The amount refunded from `deposit` after `deductions`, checked: every deduction has a reason
/// and an amount above zero, together no more than the deposit, and any deduction names the
/// supervisor who approved it (`supervisor`, the countersigner or the supervisor signed in).
///
/// # Errors
/// A message saying what to fix.
pub fn refund_amount(
    deposit: Fen,
    deductions: &[Deduction],
    supervisor: Option<&str>,
) -> Result<Fen, String> {
    if deposit.0 <= 0 {
        return Err("这份装修没有已缴的装修保证金，不能退还".into());
    }
    let mut total = Fen(0);
    for (i, d) in deductions.iter().enumerate() {
        if d.reason.trim().is_empty() {
            return Err(format!("第 {} 笔扣款请写明原因", i + 1));
        }
        if d.amount.0 <= 0 {
            return Err(format!("扣款“{}”的金额要大于0", d.reason.trim()));
        }
        total = total
            .checked_add(d.amount)
            .ok_or_else(|| "扣款金额太大，请核对".to_string())?;
    }
    if total.0 > deposit.0 {
        return Err(format!(
            "扣款合计 {total} 超过了保证金 {deposit}，请核对扣款金额"
        ));
    }
    if !deductions.is_empty() && supervisor.is_none_or(|s| s.trim().is_empty()) {
        return Err("从保证金中扣款要客服中心主管批准，请主管会签".into());
    }
    Ok(Fen(deposit.0 - total.0))
}

/// The deductions' total.
pub fn deducted(deductions: &[Deduction]) -> Fen {
    Fen(deductions.iter().map(|d| d.amount.0).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ded(reason: &str, fen: i64) -> Deduction {
        Deduction {
            reason: reason.into(),
            amount: Fen(fen),
        }
    }

    #[test]
    fn refund_is_the_deposit_less_deductions() {
        assert_eq!(refund_amount(Fen(200_000), &[], None), Ok(Fen(200_000)));
        let d = [ded("楼道墙面修复", 30_000), ded("垃圾清运", 5_050)];
        assert_eq!(
            refund_amount(Fen(200_000), &d, Some("王主管")),
            Ok(Fen(164_950))
        );
        assert_eq!(deducted(&d), Fen(35_050));
        assert_eq!(
            refund_amount(Fen(200_000), &[ded("全部扣除", 200_000)], Some("王主管")),
            Ok(Fen(0))
        );
    }

    #[test]
    fn deductions_need_a_reason_an_amount_and_the_supervisor() {
        let err = refund_amount(Fen(200_000), &[ded(" ", 100)], Some("王主管")).unwrap_err();
        assert!(err.contains("原因"), "{err}");
        let err = refund_amount(Fen(200_000), &[ded("修复", 0)], Some("王主管")).unwrap_err();
        assert!(err.contains("大于0"), "{err}");
        let err = refund_amount(Fen(200_000), &[ded("修复", 100)], None).unwrap_err();
        assert!(err.contains("主管"), "{err}");
        let err = refund_amount(Fen(200_000), &[ded("修复", 100)], Some(" ")).unwrap_err();
        assert!(err.contains("主管"), "{err}");
        let err = refund_amount(Fen(1_000), &[ded("修复", 1_001)], Some("王主管")).unwrap_err();
        assert!(err.contains("超过"), "{err}");
        assert!(refund_amount(Fen(0), &[], None).is_err());
    }

    #[test]
    fn the_voucher_number_reads_back() {
        let n = RefundNumber::parse("tk-202611-0007").unwrap();
        assert_eq!(n.to_string(), "TK-202611-0007");
        assert!(
            "TK-2026-1"
                .parse::<RefundNumber>()
                .unwrap_err()
                .contains("退款凭证号")
        );
    }
}
