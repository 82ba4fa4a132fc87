//! Wire types of the cut-over to POST_PARALLEL (R15): the dry run the operator reads before
//! asking for the move, and the archive of the profiles it removed.

use serde::{Deserialize, Serialize};

/// One participant in the dry run: what it loses, and whether it keeps a DA maker and checker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CutOverParticipant {
    pub participant_id: String,
    pub name: String,
    pub users_removed: i64,
    pub das_removed: i64,
    /// No enabled DA maker would remain: the move needs this participant confirmed by name.
    pub no_maker_after: bool,
    /// No enabled DA checker would remain: likewise.
    pub no_checker_after: bool,
}

/// A profile the cut-over would remove (or has archived).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CutOverProfile {
    pub user_id: String,
    pub participant_id: String,
    /// `USER` or `DA`.
    pub kind: String,
    pub name: String,
    pub status: String,
    pub last_login_at: Option<String>,
    pub last_login_method: Option<String>,
}

/// The dry run (R15): exactly what the move to POST_PARALLEL would remove if approved now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CutOverDryRun {
    /// The phase now; the dry run matters while it is PARALLEL.
    pub phase: String,
    /// Participants that lose a profile or would be left without a DA maker or checker.
    pub participants: Vec<CutOverParticipant>,
    /// DA profiles without an e-mail, listed apart: the seed registers DAs' e-mails late.
    pub das: Vec<CutOverProfile>,
    pub users_total: i64,
    pub das_total: i64,
    /// Profiles with an SRN or a certificate expiry date, which the move clears.
    pub smartcard_profiles: i64,
}

/// One page of the users the dry run would remove.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CutOverProfilePage {
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub profiles: Vec<CutOverProfile>,
}

/// Which page, of which participant's profiles (all when empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct PageQuery {
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub participant: Option<String>,
}

/// An archived profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ArchivedProfileRow {
    pub archive_id: String,
    pub profile: CutOverProfile,
    pub email: Option<String>,
    pub archived_at: String,
    /// `ARCHIVED`, `RESTORED` (by an operator) or `REPLACED` (created anew by a DA).
    pub state: String,
    pub state_changed_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ArchivePage {
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
    pub rows: Vec<ArchivedProfileRow>,
}
