//! Desk PINs and passwords: what may be chosen, and the Argon2id hash that is all the database
//! keeps of them (PHC strings; never logged, never shown).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Why a PIN or password cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// Digits only, but not 4 to 8 of them.
    #[error("PIN 须为4到8位数字")]
    PinLength,
    /// A password shorter than 8 characters.
    #[error("密码至少8个字符（或使用4到8位数字的PIN）")]
    PasswordShort,
    /// Spaces at either end would be lost to the eye.
    #[error("PIN 或密码的开头和结尾不能有空格")]
    Spaces,
}

/// Checks a new PIN (4–8 digits, full-width digits accepted) or password (8 or more
/// characters), returning what will be hashed.
///
/// # Errors
/// The [`SecretError`] that says what to fix.
pub fn check_secret(text: &str) -> Result<String, SecretError> {
    if text.trim() != text {
        return Err(SecretError::Spaces);
    }
    let digits = crate::domain::normalize_digits(text);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return if (4..=8).contains(&digits.chars().count()) {
            Ok(digits)
        } else {
            Err(SecretError::PinLength)
        };
    }
    if text.chars().count() < 8 {
        return Err(SecretError::PasswordShort);
    }
    Ok(text.to_string())
}

/// What a typed PIN or password is compared as: full-width digits from a Chinese IME count as
/// the digits they show, and spaces or a line break around it are dropped.
pub fn typed_secret(text: &str) -> String {
    // A PIN pasted with its line break, or typed with a stray space, is the PIN: no secret may
    // begin or end with a space ([`check_secret`]).
    let text = text.trim();
    let digits = crate::domain::normalize_digits(text);
    if digits.chars().all(|c| c.is_ascii_digit()) {
        digits
    } else {
        text.to_string()
    }
}

/// The Argon2id hash (PHC string, random salt) of a checked secret.
///
/// # Errors
/// Only if the system's random source fails; the message says so.
pub fn hash_secret(secret: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("无法生成密码摘要：{e}"))
}

/// Whether `typed` (see [`typed_secret`]) matches the stored `hash`. A hash that cannot be read
/// matches nothing.
pub fn verify_secret(typed: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    Argon2::default()
        .verify_password(typed_secret(typed).as_bytes(), &parsed)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_and_passwords() {
        assert_eq!(check_secret("1234"), Ok("1234".into()));
        assert_eq!(check_secret("１２３４５"), Ok("12345".into()));
        assert_eq!(check_secret("123"), Err(SecretError::PinLength));
        assert_eq!(check_secret("123456789"), Err(SecretError::PinLength));
        assert_eq!(check_secret("abc"), Err(SecretError::PasswordShort));
        assert_eq!(check_secret("锦华苑客服2026"), Ok("锦华苑客服2026".into()));
        assert_eq!(check_secret(" 1234"), Err(SecretError::Spaces));
        assert_eq!(typed_secret("１２３４"), "1234");
        assert_eq!(typed_secret("1234\n"), "1234", "pasted with its line break");
        assert_eq!(typed_secret(" 锦华苑客服2026 "), "锦华苑客服2026");
    }

    #[test]
    fn a_hash_verifies_its_secret_only() {
        let h = hash_secret("2468").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(!h.contains("2468"));
        assert!(verify_secret("2468", &h));
        assert!(verify_secret("２４６８", &h));
        assert!(!verify_secret("2469", &h));
        assert!(!verify_secret("2468", "not a hash"));
        assert_ne!(h, hash_secret("2468").unwrap(), "salted");
    }
}
