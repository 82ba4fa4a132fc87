//! The operator console's pages (R6, R6a, R11–R13), in the workplace bundle.

mod account_setup;
mod applications;
mod archive;
mod audit;
mod cut_over;
mod forms;
mod holidays;
mod operators;
mod participants;
mod phase;
mod readiness;
mod requests;

pub use account_setup::OperatorSetupPage;
pub use applications::ApplicationsPage;
pub use archive::ArchivePage;
pub use audit::AuditSearchPage;
pub use cut_over::CutOverPage;
pub use holidays::HolidaysPage;
pub use operators::OperatorsPage;
pub use participants::ParticipantsPage;
pub use phase::PhasePage;
pub use readiness::ReadinessPage;
pub use requests::OperatorRequestsPage;
