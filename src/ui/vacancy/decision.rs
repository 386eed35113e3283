//! The supervisor's decision on an application, the shut-off after it, or its early end; the
//! occupancy thresholds and the officers' buildings as typed, with the message beside each bad
//! field.

use chrono::NaiveDate;

use super::drafts::{Errors, Field, meter_index};
use crate::domain::date::parse_date;
use crate::domain::vacancy::{ApplicationId, Meter, VacancyRules};

/// What a [`DecisionDraft`] is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionKind {
    /// The supervisor approves or rejects.
    Decide,
    /// The shut-off of water and power after approval, with its readings.
    ShutOff,
    /// An early end.
    End,
}

/// The supervisor's decision on an application, its shut-off, or its early end.
#[derive(Debug, Clone)]
pub struct DecisionDraft {
    /// The application.
    pub id: ApplicationId,
    /// What the form is for.
    pub kind: DecisionKind,
    /// Readings at the shut-off as typed.
    pub readings: [String; 3],
    /// 意见 / 原因.
    pub note: String,
    /// Last day, for an early end.
    pub end_date: String,
    /// Messages.
    pub errors: Errors,
}

impl DecisionDraft {
    /// A fresh form of `kind` on `id`.
    pub fn new(id: ApplicationId, kind: DecisionKind) -> Self {
        DecisionDraft {
            id,
            kind,
            readings: Default::default(),
            note: String::new(),
            end_date: String::new(),
            errors: Errors::default(),
        }
    }

    /// Sets a field as typed.
    pub fn set(&mut self, field: Field, value: String) {
        match field {
            Field::ShutOffReading(m) => self.readings[meter_index(m)] = value,
            Field::DecisionNote => self.note = value,
            Field::EndDate => self.end_date = value,
            _ => {}
        }
    }

    /// Checks the shut-off: the water and power readings (gas where there is a meter).
    pub fn validate_shut_off(&mut self) -> Option<[Option<i64>; 3]> {
        let mut errors = Errors::default();
        let mut out = [None; 3];
        for m in Meter::ALL {
            let text = self.readings[meter_index(m)].trim();
            if text.is_empty() {
                if m != Meter::Gas {
                    errors.push(Field::ShutOffReading(m), format!("请抄录{}读数", m.label()));
                }
                continue;
            }
            match m.parse(text) {
                Ok(v) => out[meter_index(m)] = Some(v),
                Err(e) => errors.push(Field::ShutOffReading(m), e.to_string()),
            }
        }
        self.errors = errors;
        self.errors.is_empty().then_some(out)
    }

    /// Checks a rejection: it needs a reason.
    pub fn validate_rejection(&mut self) -> Option<String> {
        self.errors = Errors::default();
        if self.note.trim().is_empty() {
            self.errors.push(Field::DecisionNote, "请写明不批准的原因");
            return None;
        }
        Some(self.note.trim().to_string())
    }

    /// Checks an early end: a date.
    pub fn validate_end(&mut self) -> Option<NaiveDate> {
        self.errors = Errors::default();
        parse_date(&self.end_date)
            .map_err(|e| self.errors.push(Field::EndDate, e.to_string()))
            .ok()
    }
}

/// The occupancy thresholds and officers' buildings as typed.
#[derive(Debug, Clone, Default)]
pub struct RulesDraft {
    /// Water, t.
    pub water: String,
    /// Electricity, kWh.
    pub power: String,
    /// Messages.
    pub errors: Errors,
}

impl RulesDraft {
    /// The draft holding `rules`.
    pub fn from_rules(rules: &VacancyRules) -> Self {
        RulesDraft {
            water: Meter::Water.format(rules.water_litres),
            power: Meter::Power.format(rules.power_centi_kwh),
            errors: Errors::default(),
        }
    }

    /// Checks both thresholds.
    pub fn validate(&mut self) -> Option<VacancyRules> {
        let mut errors = Errors::default();
        let water = Meter::Water
            .parse(&self.water)
            .map_err(|e| errors.push(Field::RuleWater, e.to_string()))
            .ok();
        let power = Meter::Power
            .parse(&self.power)
            .map_err(|e| errors.push(Field::RulePower, e.to_string()))
            .ok();
        self.errors = errors;
        Some(VacancyRules {
            water_litres: water?,
            power_centi_kwh: power?,
        })
    }
}

/// Reads `1,2,5-8` (full-width and 、 allowed) into building numbers.
///
/// # Errors
/// A message naming the part that is not a building number.
pub fn parse_buildings(text: &str) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    let text = text
        .replace(['，', '、', '；', ';', ' '], ",")
        .replace(['－', '~', '～', '—'], "-");
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || format!("“{part}” 不是楼栋号，请按 1,2,5-8 填写");
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (
                a.trim().parse::<u32>().map_err(|_| bad())?,
                b.trim().parse::<u32>().map_err(|_| bad())?,
            ),
            None => {
                let n = part.parse::<u32>().map_err(|_| bad())?;
                (n, n)
            }
        };
        if a == 0 || b < a || b > 999 {
            return Err(bad());
        }
        out.extend(a..=b);
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// `1,2,5,6,7,8` → `1-2,5-8`.
pub fn format_buildings(buildings: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < buildings.len() {
        let start = buildings[i];
        let mut end = start;
        while i + 1 < buildings.len() && buildings[i + 1] == end + 1 {
            i += 1;
            end = buildings[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    parts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn building_lists_round_trip() {
        assert_eq!(
            parse_buildings("1,2，5-8、3"),
            Ok(vec![1, 2, 3, 5, 6, 7, 8])
        );
        assert_eq!(format_buildings(&[1, 2, 3, 5, 6, 7, 8, 10]), "1-3,5-8,10");
        assert!(parse_buildings("1,a").is_err());
        assert!(parse_buildings("5-2").is_err());
        assert_eq!(parse_buildings(""), Ok(vec![]));
    }
}
