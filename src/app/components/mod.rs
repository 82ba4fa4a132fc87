//! Reusable widgets, one per file, driven by props; none of them knows HTTP except the three
//! that carry a journey of their own (device setup, passkeys, password reset).

mod audit_table;
mod changes_table;
mod countdown;
mod device_setup;
mod dms_shell;
mod language_switch;
mod messages;
mod modal;
mod operator_shell;
mod pager;
mod passkeys;
mod policy_checklist;
mod qr_code;
mod readiness_chart;
mod readiness_table;
mod recovery_codes;
pub mod request_panel;
mod reset_password_dialog;
mod skip_link;
mod smartcard_dialog;
mod text_field;
mod trouble_card;

pub use audit_table::AuditTable;
pub use changes_table::ChangesTable;
pub use countdown::Countdown;
pub use device_setup::DeviceSetup;
pub use dms_shell::{function_name, DmsShell};
pub use language_switch::LanguageSwitch;
pub use messages::{AlertMessage, StatusMessage};
pub use modal::Modal;
pub use operator_shell::OperatorShell;
pub use pager::Pager;
pub use passkeys::Passkeys;
pub use policy_checklist::PolicyChecklist;
pub use qr_code::QrCode;
pub use readiness_chart::ReadinessChart;
pub use readiness_table::ReadinessTable;
pub use recovery_codes::RecoveryCodes;
pub use request_panel::RequestPanel;
pub use reset_password_dialog::ResetPasswordDialog;
pub use skip_link::SkipLink;
pub use smartcard_dialog::SmartcardDialog;
pub use text_field::TextField;
pub use trouble_card::TroubleCard;
