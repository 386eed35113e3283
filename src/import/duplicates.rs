//! Rows of one unit that contradict each other, across every sheet of the file.
//!
//! Imported one after another, two rows for one unit with different areas (or statuses, or
//! one person's phone twice, differently) would end as whichever row came last, without a word.
//! The desk cannot know which row is right, so each contradiction is a row error naming both
//! rows. A row that repeats another exactly (a line pasted twice) contradicts nothing: it is
//! imported once and mentioned in a note, because importing the same row twice writes the same
//! thing, and stopping the whole import for it would teach people to skip the messages.

use std::collections::HashMap;

use crate::domain::UnitAddress;
use crate::domain::roster::{RosterRecord, RowProblem};

/// What the duplicates check found.
#[derive(Debug, Default)]
pub(crate) struct Duplicates {
    /// Contradictions, each on the later row and naming the earlier one.
    pub problems: Vec<RowProblem>,
    /// Exact repeats, for the notes.
    pub notes: Vec<String>,
    /// Indexes of records that repeat an earlier one exactly (to be left out).
    pub repeats: Vec<usize>,
    /// Problems with the index of their record, while checking.
    found: Vec<(usize, RowProblem)>,
}

/// Checks `records` (in file order) for rows of one unit that disagree.
pub(crate) fn check(records: &[RosterRecord]) -> Duplicates {
    let mut by_unit: HashMap<UnitAddress, Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        by_unit.entry(r.address).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = by_unit.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_by_key(|g| g.first().copied());
    let mut out = Duplicates::default();
    for group in &groups {
        check_unit(records, group, &mut out);
    }
    // In file order: by the index of the record each problem is on.
    out.found.sort_by_key(|(i, _)| *i);
    out.problems = std::mem::take(&mut out.found)
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    out.repeats.sort_unstable();
    out
}

/// The rows of one unit, in file order.
fn check_unit(records: &[RosterRecord], group: &[usize], out: &mut Duplicates) {
    let rec = |i: usize| &records[i];
    let unit = rec(group[0]).address.short();
    let first_area = group.iter().copied().find(|&i| rec(i).area.is_some());
    let first_status = group.iter().copied().find(|&i| rec(i).status.is_some());
    // The first row of each person (by name) in this unit.
    let mut people: HashMap<&str, usize> = HashMap::new();
    for &i in group {
        let r = rec(i);
        let mut contradicts = false;
        if let (Some(first), Some(area)) = (first_area, r.area)
            && let Some(before) = rec(first).area
            && before != area
        {
            contradicts = true;
            out.found.push((
                i,
                RowProblem::at(
                r,
                format!(
                    "{unit} 的建筑面积是 {area}，与{}的 {before} 不同；同一套房屋只能有一个面积，请核对后改成一致",
                    rec(first).place()
                ),
            )));
        }
        if let (Some(first), Some(status)) = (first_status, r.status)
            && let Some(before) = rec(first).status
            && before != status
        {
            contradicts = true;
            out.found.push((
                i,
                RowProblem::at(
                    r,
                    format!(
                        "{unit} 的房屋状态是“{}”，与{}的“{}”不同，请核对后改成一致",
                        status.label(),
                        rec(first).place(),
                        before.label()
                    ),
                ),
            ));
        }
        let Some(person) = &r.person else { continue };
        let Some(&first) = people.get(person.name.as_str()) else {
            people.insert(person.name.as_str(), i);
            continue;
        };
        let Some(earlier) = &rec(first).person else {
            continue;
        };
        let ids_differ =
            matches!((&earlier.id_number, &person.id_number), (Some(a), Some(b)) if a != b);
        if ids_differ {
            // Two people of one name in one unit: the import keeps both.
            continue;
        }
        if let (Some(a), Some(b)) = (&earlier.phone, &person.phone)
            && a != b
        {
            contradicts = true;
            out.found.push((
                i,
                RowProblem::at(
                r,
                format!(
                    "{unit} 的{}在{}也有一行，两行的联系电话不同；请核对后只保留一个号码（或删掉重复的一行）",
                    person.name,
                    rec(first).place()
                ),
            )));
        }
        let repeats = !contradicts
            && earlier == person
            && r.area.is_none_or(|a| rec(first).area == Some(a))
            && r.status.is_none_or(|s| rec(first).status == Some(s));
        if repeats {
            out.notes.push(format!(
                "{}与{}完全相同（{unit} {}），只导入一次。",
                r.place(),
                rec(first).place(),
                person.name
            ));
            out.repeats.push(i);
        }
    }
}
