//! The errors a form can fail with; messages are Chinese because the desk staff read them.

/// Why a form could not be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FormError {
    /// The text contains characters the embedded font cannot draw.
    #[error("字体中没有这些字：{chars}，请改用常用字后再打印（位置：{field}）")]
    MissingGlyphs {
        /// The missing characters, separated by `、`, each listed once.
        chars: String,
        /// Where the text was going, e.g. `标题` or `表格第3行「维修内容」`.
        field: String,
    },
    /// A box is too narrow for even one character of its text.
    #[error("「{field}」的位置太窄，一个字也放不下，请调整版式")]
    TooNarrow {
        /// Where the text was going.
        field: String,
    },
    /// A one-line element (footer, copy label) is longer than the room it has.
    #[error("「{field}」太长，一行放不下（最多约{max_chars}个汉字）")]
    TooLong {
        /// Which element.
        field: String,
        /// Roughly how many Chinese characters would fit.
        max_chars: usize,
    },
    /// A table row does not have one cell per column.
    #[error("表格第{row}行有{found}格，但表头有{expected}列")]
    RowShape {
        /// 1-based row number.
        row: usize,
        /// Number of columns.
        expected: usize,
        /// Number of cells in that row.
        found: usize,
    },
    /// A layout parameter is unusable (no columns, zero width …); a programming error.
    #[error("版式参数不正确：{0}")]
    Layout(String),
    /// The embedded font could not be parsed; a build problem, not a user problem.
    #[error("内置字体无法加载，请联系维护人员")]
    FontUnavailable,
}
