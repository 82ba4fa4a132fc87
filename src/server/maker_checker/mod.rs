//! Maker–checker on user profiles (R7–R10, seed Appendix A): a DA maker's request, decided by a
//! DA checker with Checker ID + Authorisation Code, withdrawn by its maker, or closed by the
//! clock. Each step is one [`Change`](crate::server::store::Change): its writes, audit rows and
//! mail commit together or not at all.

pub mod authorisation;
pub mod decide;
pub mod email_batch;
pub mod housekeeping;
pub mod make;

use crate::api::RequestView;
use crate::domain::{hong_kong, LoginId, RequestAction};
use crate::server::store::StoredRequest;

/// A request as the screens show it to `caller`.
pub fn view(request: &StoredRequest, caller: &LoginId) -> RequestView {
    let mut changes = match (request.action, &request.before, &request.after) {
        (RequestAction::Create, _, Some(after)) => after.as_new(),
        (_, Some(before), Some(after)) => after.changes_from(before),
        _ => Vec::new(),
    };
    if let Some((before, after)) = &request.groups {
        changes.push(crate::domain::FieldChange {
            field: crate::domain::DetailField::BusinessUserGroups,
            before: before.clone(),
            after: after.clone(),
        });
    }
    RequestView {
        request_id: request.request_id.clone(),
        action: request.action,
        user_id: request.target.as_str().to_owned(),
        maker_id: request.maker.as_str().to_owned(),
        made_by_me: &request.maker == caller,
        status: request.status,
        changes,
        created_at: hong_kong::format_date_time(request.created_at),
        expires_at: hong_kong::format_date_time(request.expires_at),
        checker_id: request.checker.as_ref().map(|c| c.as_str().to_owned()),
        reason: request.reason.clone(),
        decided_at: request.decided_at.map(hong_kong::format_date_time),
    }
}

/// The audit row's detail: the request and its before and after, as JSON.
fn audit_detail(request: &StoredRequest) -> String {
    let view = view(request, &request.maker);
    serde_json::json!({
        "request": request.request_id,
        "action": request.action,
        "maker": request.maker.as_str(),
        "changes": view.changes,
        "reason": request.reason,
    })
    .to_string()
}

/// The DA acting: who, for which participant, in which fixed role.
#[derive(Clone, Copy)]
pub struct DaActor<'a> {
    pub id: &'a LoginId,
    /// The session the DA acts in: a passkey ceremony at their screen is kept with it.
    pub session: &'a crate::server::store::SessionRecord,
    pub participant: &'a crate::domain::ParticipantId,
    pub role: crate::domain::DaRole,
}
