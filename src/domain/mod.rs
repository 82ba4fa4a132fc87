//! The rules of CCASS Access (R1–R29 of the design), free of HTTP and SQL. Every type here is
//! parsed once from untrusted text and valid by construction.

mod audit;
pub mod bulk_email;
pub mod business_groups;
pub mod cut_over;
mod email;
pub mod free_text;
pub mod hong_kong;
mod ids;
pub mod lockout;
pub mod maker_checker;
mod migration_phase;
pub mod otp;
mod participant_kind;
pub mod passkey_name;
pub mod password_policy;
mod principal;
mod profile;
pub mod profile_details;
pub mod readiness;
mod reason;
/// The OpenID Provider's clients (issue 28); parsed on the server only, for now.
#[cfg(feature = "server")]
pub mod relying_party;
pub mod service_hours;
pub mod settlement_agent;
pub mod smartcard;
pub mod table_one;

pub use audit::{
    AuditAction, AuditRecord, BatchRecord, BatchRowRecord, OperatorRequestRecord, RequestRecord,
};
pub use email::{EmailAddress, EmailError};
pub use free_text::FreeText;
pub use ids::{DaUserId, IdError, LoginId, OperatorId, ParticipantId, UserId};
pub use maker_checker::{CodeMonth, FourEyesError, RequestAction, RequestStatus};
pub use migration_phase::{MigrationPhase, PhaseError};
pub use participant_kind::ParticipantKind;
pub use passkey_name::{PasskeyName, PasskeyNameError};
pub use principal::{split_list, DaAuthority, DaRole, ParticipantRoles, Principal, Workplace};
pub use profile::{LoginRefusal, LoginWindow, ProfileStatus};
pub use profile_details::{
    ClearingHouse, DetailError, DetailField, FieldChange, ProfileDetails, ProfileForm,
};
pub use reason::{Reason, REASON_MAX};
