//! The desk's vocabulary and rules: no GUI, no SQL, no files.
