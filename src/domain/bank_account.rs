//! Bank account numbers (银行卡号/账号) of the auto-debit agreements: checked as typed, stored in
//! full (the bank's request file needs them), and shown masked everywhere else.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::text::normalize_digits;

/// A bank account number: 8 to 30 digits. `Display` and `Debug` show it masked
/// ([`BankAccount::masked`]), so a careless `format!` cannot leak it; [`BankAccount::full`] is
/// for the bank's file alone.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BankAccount(String);

/// Why an account number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// Nothing typed.
    #[error("请填写银行账号")]
    Empty,
    /// Something other than digits and spaces.
    #[error("银行账号只能是数字（可以有空格），请核对")]
    NotDigits,
    /// Too short or too long.
    #[error("银行账号应为 8 到 30 位数字，现在是 {0} 位，请核对")]
    Length(usize),
}

impl BankAccount {
    /// Reads an account number as typed: spaces (also full-width) and full-width digits are
    /// allowed; what is left must be 8 to 30 digits.
    ///
    /// # Errors
    /// [`AccountError`] saying what to fix.
    pub fn parse(text: &str) -> Result<BankAccount, AccountError> {
        let digits: String = normalize_digits(text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if digits.is_empty() {
            return Err(AccountError::Empty);
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AccountError::NotDigits);
        }
        let n = digits.len();
        if !(8..=30).contains(&n) {
            return Err(AccountError::Length(n));
        }
        Ok(BankAccount(digits))
    }

    /// The full number, for the bank's request file only.
    pub fn full(&self) -> &str {
        &self.0
    }

    /// The number as screens and paper show it ([`mask_account`]).
    pub fn masked(&self) -> String {
        mask_account(&self.0)
    }
}

impl fmt::Display for BankAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for BankAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BankAccount({})", self.masked())
    }
}

/// Masks an account number as banks print it: the first four and last four digits kept, the
/// rest as `**** ****` whatever its length (`6222 **** **** 1234`), so neither the middle nor
/// the length shows. A number under 12 digits keeps only its last four (`**** 5678`), since
/// first and last four would show most of it.
pub fn mask_account(account: &str) -> String {
    let digits: Vec<char> = account.chars().filter(|c| !c.is_whitespace()).collect();
    let n = digits.len();
    let tail: String = digits[n.saturating_sub(4)..].iter().collect();
    if n >= 12 {
        let head: String = digits[..4].iter().collect();
        format!("{head} **** **** {tail}")
    } else if n > 4 {
        format!("**** {tail}")
    } else {
        "*".repeat(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_are_checked_and_kept_in_full() {
        let a = BankAccount::parse(" 6222 0212 3456 7890 123 ").unwrap();
        assert_eq!(a.full(), "6222021234567890123");
        assert_eq!(
            BankAccount::parse("６２２２０２１２").unwrap().full(),
            "62220212"
        );
        assert_eq!(BankAccount::parse("  "), Err(AccountError::Empty));
        assert_eq!(
            BankAccount::parse("6222-0212"),
            Err(AccountError::NotDigits)
        );
        assert_eq!(BankAccount::parse("1234567"), Err(AccountError::Length(7)));
        assert_eq!(
            BankAccount::parse(&"1".repeat(31)),
            Err(AccountError::Length(31))
        );
    }

    #[test]
    fn shown_masked_everywhere() {
        let a = BankAccount::parse("6222021234567890123").unwrap();
        assert_eq!(a.masked(), "6222 **** **** 0123");
        assert_eq!(a.to_string(), "6222 **** **** 0123");
        assert!(!format!("{a:?}").contains("021234567890"));
        assert_eq!(mask_account("12345678"), "**** 5678");
        assert_eq!(mask_account("123"), "***");
    }
}
