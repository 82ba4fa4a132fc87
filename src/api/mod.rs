//! Wire types of the JSON API under `/api`, compiled into both the SPA and the server so the two
//! cannot disagree. Plain serde data: no behaviour, no secrets beyond what crosses the wire.

mod applications;
mod auth;
mod clients;
mod cut_over;
mod dms;
mod email_batch;
mod error;
mod health;
mod operator;
pub mod pages;
mod passkeys;
mod readiness;
mod redact;
mod two_factor;

pub use applications::{ApplicationLink, Applications};
pub use auth::{LoginRequest, LoginResponse, NextStep, SmartcardLoginRequest};
pub use clients::{ClientFields, ClientRequestDraft, ClientView, NewClientSecret};
pub use cut_over::{
    ArchivePage, ArchivedProfileRow, CutOverDryRun, CutOverParticipant, CutOverProfile,
    CutOverProfilePage, PageQuery,
};
pub use dms::{
    AuditEntry, AuditQuery, AuditSearch, AuditTrail, AuthorisationCodeView,
    CheckerPasskeyChallenge, CodeUseView, Confirmation, DetailFieldName, FieldChange,
    ListingFilter, ListingSort, PendingRequests, ProfileForm, ProfileView, Rejection,
    RequestAction, RequestDraft, RequestStatus, RequestView, UserListing, UserListingQuery,
    UserListingRow,
};
pub use email_batch::{
    BatchRowView, CheckedRow, EmailBatchCheck, EmailBatchSummary, EmailBatchUpload, EmailBatchView,
};
pub use error::{ApiError, ErrorCode};
pub use health::HealthResponse;
pub use operator::{
    BusinessGroupsFrom, CheckerPolicy, DaChange, DaSummaryRow, FactorPolicy, HolidayCalendarView,
    HolidayRow, HolidayUpload, NewCardPin, NewParticipantForm, OperatorNewUser,
    OperatorRequestDraft, OperatorRequestView, OperatorSummary, ParticipantSummary, PhaseView,
    ValueChange,
};
pub use passkeys::{PasskeyAnswer, PasskeyChallenge, PasskeyList, PasskeyView};
pub use readiness::{ReadinessReport, ReadinessRow};
pub use two_factor::{
    DaRoleName, DaSummary, DeviceActivated, DeviceProof, DeviceRegistration, Done, Home,
    LoginMethod, MailboxEntry, Me, OtpChannel, OtpSent, OtpSubmission, PasswordResetComplete,
    PasswordResetStart, PasswordResetTicket, PasswordResetVerify, RecoverySubmission, SignedIn,
};

/// Paths of the API, written once.
pub mod paths {
    pub const HEALTH: &str = "/api/health";
    /// The API's contract: its OpenAPI 3.1 document.
    pub const OPENAPI: &str = "/api/openapi.json";
    /// Ready for traffic: the database answers and its schema is this version's.
    pub const READY: &str = "/api/ready";
    /// Prometheus metrics, for the machine itself and the trusted proxies only.
    pub const METRICS: &str = "/metrics";
    /// The migration phase (R12), for every page that shows what it allows.
    pub const PHASE: &str = "/api/phase";
    pub const LOGIN: &str = "/api/auth/login";
    pub const LOGOUT: &str = "/api/auth/logout";
    /// R25: the legacy smartcard log-in (PRE_PARALLEL and PARALLEL only).
    pub const SMARTCARD_LOGIN: &str = "/api/auth/smartcard";
    pub const SESSION: &str = "/api/session";
    /// The launcher: the applications behind the log-in (issue 28).
    pub const APPLICATIONS: &str = "/api/applications";
    pub const PASSWORD_RESET: &str = "/api/password-reset";
    pub const PASSWORD_RESET_VERIFY: &str = "/api/password-reset/verify";
    pub const PASSWORD_RESET_COMPLETE: &str = "/api/password-reset/complete";
    pub const DEVICE: &str = "/api/auth/device";
    pub const DEVICE_ACTIVATE: &str = "/api/auth/device/activate";
    pub const SKIP_DEVICE: &str = "/api/auth/skip-device";
    pub const EMAIL_OTP: &str = "/api/auth/email-otp";
    pub const OTP: &str = "/api/auth/otp";
    pub const RECOVERY: &str = "/api/auth/recovery";
    pub const CHANNEL_EMAIL: &str = "/api/settings/channel/email";
    /// A new device from profile settings, proven by the present second factor (R26a).
    pub const SETTINGS_DEVICE: &str = "/api/settings/device";
    /// An e-mailed code that proves an e-mail user before the switch to the app (R26a).
    pub const SETTINGS_EMAIL_OTP: &str = "/api/settings/email-otp";
    /// Passkeys (issue 17): the log-in's challenge and answer; a first log-in's registration;
    /// profile settings' list, registration (proven by the present second factor) and removal.
    pub const PASSKEY_CHALLENGE: &str = "/api/auth/passkey/challenge";
    pub const PASSKEY_LOGIN: &str = "/api/auth/passkey";
    pub const PASSKEY_REGISTER_CHALLENGE: &str = "/api/auth/passkey/register/challenge";
    pub const PASSKEY_REGISTER: &str = "/api/auth/passkey/register";
    pub const SETTINGS_PASSKEYS: &str = "/api/settings/passkeys";
    pub const SETTINGS_PASSKEY_CHALLENGE: &str = "/api/settings/passkeys/challenge";
    pub const SETTINGS_PASSKEY_REMOVE: &str = "/api/settings/passkeys/{passkey_id}/remove";
    pub const MAILBOX: &str = "/api/dev/mailbox";
    /// The DMS: the User Profile Listing of the DA's participant (R28).
    pub const DMS_USERS: &str = "/api/dms/users";
    /// The same listing as a CSV file, every page at once.
    pub const DMS_USERS_CSV: &str = "/api/dms/users.csv";
    /// "Enquire User Profile" and the change screen's detail: `/api/dms/users/{user_id}`.
    pub const DMS_USER: &str = "/api/dms/users/{user_id}";
    /// Maker–checker requests (R7): made here, listed here while pending.
    pub const DMS_REQUESTS: &str = "/api/dms/requests";
    pub const DMS_REQUEST: &str = "/api/dms/requests/{request_id}";
    pub const DMS_REQUEST_CONFIRM: &str = "/api/dms/requests/{request_id}/confirm";
    pub const DMS_REQUEST_REJECT: &str = "/api/dms/requests/{request_id}/reject";
    pub const DMS_REQUEST_WITHDRAW: &str = "/api/dms/requests/{request_id}/withdraw";
    /// "Get Authorisation Code" (R9).
    pub const DMS_AUTHORISATION_CODE: &str = "/api/dms/authorisation-code";
    /// At a maker's screen, the options for the checker's own passkey, where the participant asks
    /// for the checker's second factor beside the code (issue 26).
    pub const DMS_CHECKER_PASSKEY_CHALLENGE: &str = "/api/dms/checker-passkey/challenge";
    /// A checker renews their code at once: the old one no longer authorises (issue 26).
    pub const DMS_AUTHORISATION_CODE_RENEW: &str = "/api/dms/authorisation-code/renew";
    /// Bulk e-mail registration: a file checked without a write; a batch made of it; one
    /// batch; its confirmation by a checker, rejection, withdrawal.
    pub const DMS_EMAIL_BATCH_CHECK: &str = "/api/dms/email-batches/check";
    pub const DMS_EMAIL_BATCHES: &str = "/api/dms/email-batches";
    pub const DMS_EMAIL_BATCH: &str = "/api/dms/email-batches/{batch_id}";
    pub const DMS_EMAIL_BATCH_CONFIRM: &str = "/api/dms/email-batches/{batch_id}/confirm";
    pub const DMS_EMAIL_BATCH_REJECT: &str = "/api/dms/email-batches/{batch_id}/reject";
    pub const DMS_EMAIL_BATCH_WITHDRAW: &str = "/api/dms/email-batches/{batch_id}/withdraw";
    /// The DA's own participant's audit trail.
    pub const DMS_AUDIT: &str = "/api/dms/audit";
    /// The operator console: every participant, with its number of profiles.
    pub const OPERATOR_PARTICIPANTS: &str = "/api/operator/participants";
    /// Which second factors a participant's users may use (issue 17).
    pub const OPERATOR_PARTICIPANT_FACTOR_POLICY: &str =
        "/api/operator/participants/{participant_id}/factor-policy";
    /// Whether its checkers give their second factor at others' screens (issue 26).
    pub const OPERATOR_PARTICIPANT_CHECKER_POLICY: &str =
        "/api/operator/participants/{participant_id}/checker-policy";
    /// A participant's DA profiles.
    pub const OPERATOR_PARTICIPANT_DAS: &str = "/api/operator/participants/{participant_id}/das";
    /// A DA profile's names, status and dates (R6).
    pub const OPERATOR_DA: &str = "/api/operator/das/{da_id}";
    pub const OPERATOR_DA_UNLOCK: &str = "/api/operator/das/{da_id}/unlock";
    /// R25: a DA's new smartcard PIN, until the cut-over ends smartcards.
    pub const OPERATOR_DA_CARD_PIN: &str = "/api/operator/das/{da_id}/smartcard-pin";
    pub const OPERATOR_DA_RESET_SOFT_TOKEN: &str = "/api/operator/das/{da_id}/reset-soft-token";
    /// R16: a business user's groups put on the DA (after the cut-over).
    pub const OPERATOR_DA_BUSINESS_GROUPS: &str = "/api/operator/das/{da_id}/business-groups";
    /// A user created by HKEX before the parallel run (R13).
    pub const OPERATOR_USERS: &str = "/api/operator/users";
    pub const OPERATOR_OPERATORS: &str = "/api/operator/operators";
    pub const OPERATOR_OPERATOR_UNLOCK: &str = "/api/operator/operators/{operator_id}/unlock";
    /// Four eyes among operators (R6a).
    pub const OPERATOR_REQUESTS: &str = "/api/operator/requests";
    pub const OPERATOR_REQUEST_APPROVE: &str = "/api/operator/requests/{request_id}/approve";
    pub const OPERATOR_REQUEST_REJECT: &str = "/api/operator/requests/{request_id}/reject";
    pub const OPERATOR_REQUEST_WITHDRAW: &str = "/api/operator/requests/{request_id}/withdraw";
    /// The holiday calendar (R11): read, or replaced by a CSV.
    pub const OPERATOR_CLIENTS: &str = "/api/operator/clients";
    pub const OPERATOR_CLIENT_REQUESTS: &str = "/api/operator/client-requests";
    pub const OPERATOR_CLIENT_REQUEST_APPROVE: &str =
        "/api/operator/client-requests/{request_id}/approve";
    pub const OPERATOR_CLIENT_REQUEST_REJECT: &str =
        "/api/operator/client-requests/{request_id}/reject";
    pub const OPERATOR_CLIENT_REQUEST_WITHDRAW: &str =
        "/api/operator/client-requests/{request_id}/withdraw";

    pub const OPERATOR_HOLIDAYS: &str = "/api/operator/holidays";
    /// The whole audit trail, searched (operators), and the search as CSV.
    pub const OPERATOR_AUDIT: &str = "/api/operator/audit";
    pub const OPERATOR_AUDIT_CSV: &str = "/api/operator/audit.csv";
    /// The readiness report (R29), every participant; and as CSV.
    pub const OPERATOR_READINESS: &str = "/api/operator/readiness";
    pub const OPERATOR_READINESS_CSV: &str = "/api/operator/readiness.csv";
    /// The dry run of the cut-over (R15): the summary, the users page by page, and all as CSV.
    pub const OPERATOR_CUT_OVER: &str = "/api/operator/cut-over";
    pub const OPERATOR_CUT_OVER_PROFILES: &str = "/api/operator/cut-over/profiles";
    pub const OPERATOR_CUT_OVER_CSV: &str = "/api/operator/cut-over.csv";
    /// Profiles the cut-over archived: listed, as CSV; restored by a four-eyes request.
    pub const OPERATOR_ARCHIVE: &str = "/api/operator/archive";
    pub const OPERATOR_ARCHIVE_CSV: &str = "/api/operator/archive.csv";
    /// The DA's own participant's readiness (R29), on the DMS home.
    pub const DMS_READINESS: &str = "/api/dms/readiness";
    pub const TEST_CLOCK: &str = "/api/test/clock";
    pub const TEST_PARTICIPANTS: &str = "/api/test/participants";
    /// Sets the migration phase outright, so that a spec can put it back (tests only).
    pub const TEST_PHASE: &str = "/api/test/phase";
    /// Runs the housekeeping now (expiry of requests, checkers' reminders).
    pub const TEST_HOUSEKEEPING: &str = "/api/test/housekeeping";
    /// Makes the next cut-over stop inside its transaction, before it commits, and tells
    /// whether one is stopped there: a test then kills the server (tests only).
    pub const TEST_HOLD_CUT_OVER: &str = "/api/test/hold-cut-over";
    /// Answers after the milliseconds asked: a request in flight at shutdown (tests only).
    pub const TEST_SLOW: &str = "/api/test/slow";
    /// Runs the retention purge now (tests only).
    pub const TEST_RETENTION: &str = "/api/test/retention";

    /// A path template with its one `{…}` parameter filled.
    pub fn fill(template: &str, value: &str) -> String {
        match (template.find('{'), template.find('}')) {
            (Some(open), Some(close)) => {
                format!("{}{value}{}", &template[..open], &template[close + 1..])
            }
            _ => template.to_owned(),
        }
    }
}

/// The header by which the SPA marks its own state-changing requests; a cross-site form cannot
/// set it, so the server refuses a request without it (defence against CSRF beside SameSite).
pub const CSRF_HEADER: &str = "x-ccass-request";

mod test_clock;
mod test_fixtures;
pub use test_clock::{ClockReading, SetClock};
pub use test_fixtures::{
    NewTestParticipant, TestAccount, TestParticipant, TestProfileSpec, TestRole,
};
