//! Wire types of the operator console (`/api/operator/…`).

use serde::{Deserialize, Serialize};

/// One participant as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ParticipantSummary {
    pub participant_id: String,
    pub name: String,
    /// `CLEARING`, `CUSTODIAN`, `STOCK_PLEDGEE`, `CLEARING_AGENCY` or `DESIGNATED_BANK`.
    pub kind: String,
    /// Its profiles, DAs included.
    pub profiles: i64,
    /// Its users may receive one-time passwords by e-mail (issue 17; the default).
    #[serde(default = "allowed")]
    pub email_otp_allowed: bool,
    /// Its checkers give a one-time password of their own second factor beside their code at
    /// another DA's screen (issue 26; off by default).
    #[serde(default)]
    pub checker_factor_at_screen: bool,
}

fn allowed() -> bool {
    true
}

/// Issue 26: whether a participant's checkers, at another DA's screen, give a one-time password
/// of their own second factor beside the Authorization Code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CheckerPolicy {
    pub second_factor_at_screen: bool,
}

/// Which second factors a participant's users may use (issue 17).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FactorPolicy {
    pub email_otp_allowed: bool,
}

/// A new participant (R1), with its settlement agent's principal if it is one (R27).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NewParticipantForm {
    pub participant_id: String,
    pub name: String,
    /// `CLEARING`, `CUSTODIAN`, `STOCK_PLEDGEE`, `CLEARING_AGENCY` or `DESIGNATED_BANK`.
    pub kind: String,
    /// Empty unless this participant is a settlement agent: its principal's ID.
    #[serde(default)]
    pub principal: String,
}

/// A DA profile as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DaSummaryRow {
    pub user_id: String,
    pub role: Option<crate::api::DaRoleName>,
    pub status: String,
    pub name: String,
    /// As the change form takes them back.
    pub surname: String,
    pub other_names: String,
    pub enable_from: String,
    pub disable_after: Option<String>,
    pub email: Option<String>,
    pub locked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OperatorSummary {
    pub operator_id: String,
    pub name: String,
    pub email: Option<String>,
    pub status: String,
    pub locked: bool,
}

/// What an operator asks a second operator to approve (R6a). Text as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OperatorRequestDraft {
    CreateDa {
        da_id: String,
        role: crate::api::DaRoleName,
        surname: String,
        other_names: String,
        #[serde(default)]
        email: String,
        enable_from: String,
    },
    DeleteDa {
        da_id: String,
    },
    /// The seed's "DA 3" form: a DA's e-mail; empty removes it.
    SetDaEmail {
        da_id: String,
        email: String,
    },
    /// R12: to the phase after the present one. For POST_PARALLEL, every participant that
    /// the cut-over would leave without a DA maker or checker, confirmed by name (R15).
    MovePhase {
        to: String,
        #[serde(default)]
        confirmed_participants: Vec<String>,
    },
    AddOperator {
        operator_id: String,
        name: String,
        #[serde(default)]
        email: String,
    },
    RemoveOperator {
        operator_id: String,
    },
    /// R15: an archived profile back, with its history.
    RestoreProfile {
        archive_id: String,
    },
    /// Table 1 (after the cut-over): DA group functions on a user's profile, as maker or checker.
    AddDaFunctions {
        user_id: String,
        role: crate::api::DaRoleName,
    },
    /// R11: the holiday calendar replaced whole by an upload, `date,name` per row.
    ReplaceHolidays {
        csv: String,
    },
    /// R25: a new smartcard PIN for a DA, shown once to the operator who approves.
    ResetCardPin {
        da_id: String,
    },
}

/// One value a request changes, as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ValueChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OperatorRequestView {
    pub request_id: String,
    /// `CREATE_DA`, `DELETE_DA`, `SET_DA_EMAIL`, `MOVE_PHASE`, `ADD_OPERATOR`, `REMOVE_OPERATOR`,
    /// `RESTORE_PROFILE`, `ADD_DA_FUNCTIONS`, `REPLACE_HOLIDAYS`, `RESET_CARD_PIN`; for an
    /// application (issue 28) `REGISTER_CLIENT`, `CHANGE_CLIENT`, `ROTATE_CLIENT_SECRET`,
    /// `DISABLE_CLIENT`, `ENABLE_CLIENT`.
    pub action: String,
    pub subject: String,
    pub changes: Vec<ValueChange>,
    pub maker_id: String,
    pub made_by_me: bool,
    pub status: crate::api::RequestStatus,
    pub checker_id: Option<String>,
    pub reason: Option<String>,
    pub created_at: String,
    pub decided_at: Option<String>,
    /// Only in the answer to the approval of a PIN reset, to the approving operator, once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_pin: Option<NewCardPin>,
    /// Only in the answer to the approval of a client's registration or secret rotation, to the
    /// approving operator, once (issue 28).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<crate::api::NewClientSecret>,
}

/// The migration phase (R12) and what the next move would change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PhaseView {
    /// `PRE_PARALLEL`, `PARALLEL` or `POST_PARALLEL`.
    pub phase: String,
    pub next: Option<String>,
    pub changed_at: Option<String>,
}

/// A user created by the operator before the parallel run (R13).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct OperatorNewUser {
    pub user_id: String,
    pub profile: crate::api::ProfileForm,
}

/// The holiday calendar (R11): each day and its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct HolidayRow {
    pub day: String,
    pub name: String,
}

/// The calendar as a CSV upload: `date,name` rows, a header allowed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct HolidayUpload {
    pub csv: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct HolidayCalendarView {
    pub holidays: Vec<HolidayRow>,
    /// Set within 60 days of the calendar's last day: upload the next year's.
    pub ends_soon: Option<String>,
}

/// A DA profile's fields the operator maintains at once (R6); the role stays as created, and the
/// e-mail changes only through its own request (four eyes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DaChange {
    /// `ENABLED` or `DISABLED`.
    pub status: String,
    pub surname: String,
    pub other_names: String,
    pub enable_from: String,
    #[serde(default)]
    pub disable_after: String,
}

/// A DA's new smartcard PIN (R25), shown once to the operator who reset it, for the PIN mailer.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NewCardPin {
    pub da_id: String,
    pub pin: String,
}

super::redact::debug_redacting!(NewCardPin { da_id } redacts { pin });

/// R16: the business user whose groups a DA receives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct BusinessGroupsFrom {
    pub user_id: String,
}
