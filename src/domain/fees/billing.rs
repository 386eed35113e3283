//! The monthly billing run's rules: which items a unit owes for a month and how much
//! (area × price, fixed, metered, apportioned), the vacancy discount and a mid-month start.
