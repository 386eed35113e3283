//! 物业客服台 (wuye-desk): the customer-service desk of one residential property-management office.
//!
//! Layers, imported in one direction only: [`domain`] (types and rules) → [`store`] (SQLite) →
//! [`forms`] (PDF) → [`archive`] (month end) → [`ui`] (iced) and [`cli`] (headless commands).

pub mod archive;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod forms;
pub mod import;
pub mod store;
pub mod ui;
