//! Why the operator console refuses (R6a, R12, R13).

use super::documented::answers_with;
use super::Explain;
use crate::api::ErrorCode;
use crate::domain::table_one::NotInThisPhase;
use crate::domain::{MigrationPhase, RequestStatus};
use crate::i18n::{fill, Catalogue};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OperatorError {
    /// R13: Table 1 does not open this to the operator in this phase.
    NotInPhase(NotInThisPhase),
    /// R12: phases move forward only, one at a time.
    PhaseBackwards {
        from: MigrationPhase,
    },
    /// R6a: the maker of a request never approves it.
    OwnRequest,
    NotTheMaker,
    SubjectPending,
    NotPending {
        status: RequestStatus,
    },
    Stale,
    UnknownRequest,
    UnknownParticipant,
    UnknownDa,
    UnknownOperator,
    RemoveYourself,
    /// R15: the cut-over would leave these participants without a DA maker or checker, and
    /// the operator has not confirmed them by name.
    Unconfirmed(Vec<crate::domain::ParticipantId>),
    UnknownArchiveEntry,
    /// R15: restored already, or created anew by a DA.
    NotArchived,
    /// Issue 28: no application has this client ID.
    UnknownClient,
    /// A public client has no secret to rotate.
    NoSecret,
}

// The codes of `code` below, for the API contract.
answers_with!(OperatorError: Forbidden, Conflict, NotFound);

impl Explain for OperatorError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::NotInPhase(_) | Self::OwnRequest | Self::NotTheMaker => ErrorCode::Forbidden,
            Self::PhaseBackwards { .. }
            | Self::SubjectPending
            | Self::NotPending { .. }
            | Self::Stale
            | Self::RemoveYourself
            | Self::Unconfirmed(_)
            | Self::NotArchived
            | Self::NoSecret => ErrorCode::Conflict,
            Self::UnknownRequest
            | Self::UnknownParticipant
            | Self::UnknownDa
            | Self::UnknownOperator
            | Self::UnknownArchiveEntry
            | Self::UnknownClient => ErrorCode::NotFound,
        }
    }

    fn message(&self, t: &Catalogue) -> String {
        let c = &t.operator;
        match self {
            Self::NotInPhase(refusal) => t.not_in_phase(*refusal),
            Self::PhaseBackwards { from } => {
                fill(c.phase_backwards, &[("from", t.phase_name(*from))])
            }
            Self::OwnRequest => c.own_request.to_owned(),
            Self::NotTheMaker => c.not_the_maker.to_owned(),
            Self::SubjectPending => c.already_pending.to_owned(),
            Self::NotPending { status } => {
                fill(c.not_pending, &[("status", t.request_status(*status))])
            }
            Self::Stale => c.stale.to_owned(),
            Self::UnknownRequest => c.unknown_request.to_owned(),
            Self::UnknownParticipant => c.unknown_participant.to_owned(),
            Self::UnknownDa => c.unknown_da.to_owned(),
            Self::UnknownOperator => c.unknown_operator.to_owned(),
            Self::RemoveYourself => c.not_yourself.to_owned(),
            Self::Unconfirmed(participants) => fill(
                t.cut_over.unconfirmed,
                &[(
                    "participants",
                    &participants
                        .iter()
                        .map(|p| p.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )],
            ),
            Self::UnknownArchiveEntry => t.cut_over.unknown_archive_entry.to_owned(),
            Self::NotArchived => t.cut_over.not_archived.to_owned(),
            Self::UnknownClient => t.provider.unknown_client.to_owned(),
            Self::NoSecret => t.provider.no_secret.to_owned(),
        }
    }
}
