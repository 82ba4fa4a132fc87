//! The kinds of CCASS participant (seed section 1), as the operator registers them.

use crate::stored_names::stored_names;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParticipantKind {
    Clearing,
    Custodian,
    StockPledgee,
    ClearingAgency,
    DesignatedBank,
}

stored_names!(ParticipantKind {
    Clearing => "CLEARING",
    Custodian => "CUSTODIAN",
    StockPledgee => "STOCK_PLEDGEE",
    ClearingAgency => "CLEARING_AGENCY",
    DesignatedBank => "DESIGNATED_BANK",
});
