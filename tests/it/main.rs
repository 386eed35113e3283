//! The integration tests, gathered into one binary so the desk (and iced) links once.

mod common;

mod access;
mod cli;
mod cli_audit;
mod cli_gate;
mod cli_sign_in;
mod demo;
mod forms_engine;
mod gate_store;
mod import_roster_files;
mod import_workbooks;
mod keys_store;
mod repairs_forms;
mod repairs_store;
mod repairs_timing;
mod roster_import;
mod store;
mod ui_audit;
mod ui_gate;
mod ui_keys;
mod ui_keys_forms;
mod ui_layout;
mod ui_register;
mod ui_repairs;
mod ui_session;
mod ui_settings_import;
mod ui_vacancy;
mod vacancy_basements;
mod vacancy_follow_up;
mod vacancy_forms_cli;
mod vacancy_store;
mod vacancy_ui;
