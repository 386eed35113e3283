//! [`coded!`]: the one macro for the desk's small enums that are stored by a stable code and
//! shown by a Chinese label (states, kinds, channels, borrowers …).

/// Gives an enum `ALL` (display order), `label()` (the Chinese word the desk reads), `code()`
/// (the stable code stored in the database), `from_code()` and a `Display` that shows the label.
///
/// Two spellings of the same thing:
/// - `coded! { /// doc  Name { /// doc  Variant = ("code", "标签"), … } }` defines the enum too
///   (with `Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize`);
/// - `coded!(Name { Variant => "code", "标签"; … });` adds the same to an enum declared by hand
///   (when it needs more derives, such as `Default`).
macro_rules! coded {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name { $($(#[$vm])* $v),+ }
        $crate::domain::coded::coded!($name { $($v => $code, $label;)+ });
    };
    ($t:ident { $($v:ident => $code:literal, $label:literal;)+ }) => {
        impl $t {
            /// Every value, in display order.
            pub const ALL: &'static [$t] = &[$($t::$v),+];
            /// The Chinese word the desk reads.
            pub fn label(self) -> &'static str { match self { $($t::$v => $label),+ } }
            /// The stable code stored in the database.
            pub fn code(self) -> &'static str { match self { $($t::$v => $code),+ } }
            /// The value stored under `code`.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use coded;
