//! `SHA256SUMS` in the format `sha256sum -c` reads: one `<64 hex>  <path>` line per file, paths
//! relative to the archive folder with `/` between folders, sorted by path.

use sha2::{Digest, Sha256};

/// The file's name in the archive folder.
pub const SUMS_FILE: &str = "SHA256SUMS";

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The checksum list for `(path, sha256)` entries, sorted by path.
pub fn render(entries: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    sorted
        .into_iter()
        .map(|(path, sum)| format!("{sum}  {path}\n"))
        .collect()
}

/// One line of a checksum list read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumLine {
    /// The path as listed.
    pub path: String,
    /// The listed SHA-256, lower-case hex.
    pub sum: String,
}

/// Reads a checksum list; lines that are not `<64 hex>  <path>` (or `<hex> *<path>`, binary
/// mode) are returned as errors by their line number, 1-based.
pub fn parse(text: &str) -> (Vec<SumLine>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut bad = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed = line.split_once(' ').and_then(|(sum, rest)| {
            let path = rest.strip_prefix(' ').or_else(|| rest.strip_prefix('*'))?;
            let ok = sum.len() == 64 && sum.bytes().all(|b| b.is_ascii_hexdigit());
            (ok && !path.is_empty()).then(|| SumLine {
                path: path.to_string(),
                sum: sum.to_ascii_lowercase(),
            })
        });
        match parsed {
            Some(l) => lines.push(l),
            None => bad.push(n + 1),
        }
    }
    (lines, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_sorted_and_read_back() {
        let a = sha256_hex(b"a");
        let b = sha256_hex(b"b");
        let text = render(&[
            ("登记表/z.xlsx".into(), b.clone()),
            ("说明.txt".into(), a.clone()),
        ]);
        assert!(text.starts_with(&format!("{b}  登记表/z.xlsx\n")));
        let (lines, bad) = parse(&format!("{text}junk line\n"));
        assert_eq!(bad, vec![3]);
        assert_eq!(lines[1].path, "说明.txt");
        assert_eq!(lines[1].sum, a);
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
