//! The provider's clients under four eyes (R6a: a client receives identities): an operator asks
//! to register, change, rotate the secret of, disable or enable a client; a second operator
//! approves (and it applies, once) or rejects it; the maker may withdraw it. The fourth kind of
//! the one workflow (`server::four_eyes`). A new secret is drawn at the approval and shown to
//! the approver alone, once; only its hash is kept.

use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Value};

use super::client::{new_client_id, ClientError, ClientForm, ClientKind, ClientSecret};
use super::registration;
use crate::api::{ClientFields, ClientRequestDraft, NewClientSecret};
use crate::domain::maker_checker::may_approve;
use crate::domain::relying_party::{AppUri, ClientSettings, NAME_MAX_CHARS};
use crate::domain::{
    AuditAction, AuditRecord, FourEyesError, LoginId, OperatorId, OperatorRequestRecord,
};
use crate::server::failure::{
    free_text, ApiFailure, DmsError, FieldProblem, InvalidInput, OperatorError, UriProblem,
};
use crate::server::four_eyes::{
    self, Applied, Found, Header, Kind, PendingItem, Refusal, StepActions,
};
use crate::server::operator::requests::refused;
use crate::server::state::AppState;
use crate::server::store::{
    AuditEvent, Change, ClientAction, NewClientRequest, PendingTable, Store, StoredClient,
    StoredClientRequest, SubjectPending,
};

/// The longest grace an old secret keeps after a rotation: 30 days.
pub const MAX_GRACE_MINUTES: u32 = 30 * 24 * 60;

/// The console's form parsed, every problem on its field at once.
pub fn settings(fields: &ClientFields) -> Result<ClientSettings, InvalidInput> {
    let mut problems = InvalidInput::new();
    if let Err(e) = free_text("name", &fields.name, NAME_MAX_CHARS) {
        problems.merge(e);
    }
    let trimmed = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|uri| uri.trim().to_owned())
            .filter(|uri| !uri.is_empty())
            .collect()
    };
    let (redirects, post_logout) = (
        trimmed(&fields.redirect_uris),
        trimmed(&fields.post_logout_redirect_uris),
    );
    if redirects.is_empty() {
        problems.add(
            "redirect_uris",
            FieldProblem::Detail(crate::domain::DetailError::Required),
        );
    }
    let uris = [
        ("redirect_uris", redirects.clone()),
        ("post_logout_redirect_uris", post_logout.clone()),
        (
            "backchannel_logout_uri",
            trimmed(std::slice::from_ref(&fields.backchannel_logout_uri)),
        ),
        (
            "start_url",
            trimmed(std::slice::from_ref(&fields.start_url)),
        ),
    ];
    for (field, list) in &uris {
        for uri in list {
            if let Err(e) = AppUri::parse(field, uri) {
                problems.add(field, uri_problem(&e));
            }
        }
    }
    let scopes: Vec<String> = fields
        .scopes
        .iter()
        .flat_map(|s| s.split_whitespace())
        .map(str::to_owned)
        .collect();
    let one = |raw: &str| {
        Some(raw.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let (backchannel, start, min_acr, alg) = (
        one(&fields.backchannel_logout_uri),
        one(&fields.start_url),
        one(&fields.min_acr),
        one(&fields.id_token_alg),
    );
    let parsed = ClientSettings::parse(&ClientForm {
        name: fields.name.trim(),
        public: fields.public,
        redirect_uris: &redirects,
        post_logout_redirect_uris: &post_logout,
        backchannel_logout_uri: backchannel.as_deref(),
        start_url: start.as_deref(),
        scopes: &scopes,
        min_acr: min_acr.as_deref(),
        id_token_alg: alg.as_deref(),
    });
    match parsed {
        Ok(settings) if problems.is_empty() => Ok(settings),
        Ok(_) => Err(problems),
        Err(error) => {
            let field = match error {
                ClientError::UnknownScope(_) => "scopes",
                ClientError::UnknownAcr(_) => "min_acr",
                ClientError::Alg(_) => "id_token_alg",
                _ => "name",
            };
            if problems.is_empty() {
                problems.add(field, FieldProblem::NotOffered);
            }
            Err(problems)
        }
    }
}

fn uri_problem(error: &ClientError) -> FieldProblem {
    match error {
        ClientError::NotHttps { .. } => FieldProblem::Uri(UriProblem::NotHttps),
        ClientError::Fragment { .. } => FieldProblem::Uri(UriProblem::Fragment),
        ClientError::TooLong { .. } => FieldProblem::TooLong,
        _ => FieldProblem::Uri(UriProblem::NotAbsolute),
    }
}

/// A client's settings as the console's form shows them.
pub fn fields_of(settings: &ClientSettings) -> ClientFields {
    let texts = |uris: &[AppUri]| uris.iter().map(|u| u.as_str().to_owned()).collect();
    let text = |uri: &Option<AppUri>| uri.as_ref().map(|u| u.as_str().to_owned());
    ClientFields {
        name: settings.name.as_str().to_owned(),
        public: settings.kind == ClientKind::Public,
        redirect_uris: texts(&settings.redirect_uris),
        post_logout_redirect_uris: texts(&settings.post_logout_redirect_uris),
        backchannel_logout_uri: text(&settings.backchannel_logout_uri).unwrap_or_default(),
        start_url: text(&settings.start_url).unwrap_or_default(),
        scopes: settings.scopes.iter().map(|s| (*s).to_owned()).collect(),
        min_acr: settings
            .min_acr
            .map(|acr| acr.as_str().to_owned())
            .unwrap_or_default(),
        id_token_alg: settings.id_token_alg.as_str().to_owned(),
    }
}

/// Settings as a request keeps them: text the approver reads field by field, and the approval
/// parses again.
fn settings_value(settings: &ClientSettings) -> Value {
    let fields = fields_of(settings);
    json!({
        "name": fields.name,
        "kind": settings.kind.as_str(),
        "redirect_uris": fields.redirect_uris.join("\n"),
        "post_logout_redirect_uris": fields.post_logout_redirect_uris.join("\n"),
        "backchannel_logout_uri": fields.backchannel_logout_uri,
        "start_url": fields.start_url,
        "scopes": fields.scopes.join(" "),
        "min_acr": fields.min_acr,
        "id_token_alg": fields.id_token_alg,
    })
}

fn settings_of(value: &Option<Value>) -> anyhow::Result<ClientSettings> {
    let text = |key: &str| -> String {
        value
            .as_ref()
            .and_then(|v| v.get(key))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let lines = |key: &str| -> Vec<String> {
        text(key)
            .split(['\n', ' '])
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let fields = ClientFields {
        name: text("name"),
        public: text("kind") == ClientKind::Public.as_str(),
        redirect_uris: lines("redirect_uris"),
        post_logout_redirect_uris: lines("post_logout_redirect_uris"),
        backchannel_logout_uri: text("backchannel_logout_uri"),
        start_url: text("start_url"),
        scopes: lines("scopes"),
        min_acr: text("min_acr"),
        id_token_alg: text("id_token_alg"),
    };
    settings(&fields).map_err(|e| anyhow::anyhow!("stored client request does not parse: {e:?}"))
}

fn audit_detail(request: &StoredClientRequest) -> String {
    OperatorRequestRecord {
        request: &request.request_id,
        action: request.action.as_str(),
        before: request.before.as_ref(),
        after: request.after.as_ref(),
        reason: request.reason.as_deref(),
    }
    .detail()
}

async fn existing(state: &AppState, client_id: &str) -> Result<StoredClient, ApiFailure> {
    Ok(state
        .store
        .client(client_id.trim())
        .await?
        .ok_or(OperatorError::UnknownClient)?)
}

fn enabled_value(enabled: bool) -> Value {
    json!({ "enabled": if enabled { "yes" } else { "no" } })
}

/// Records an operator's request on a client for a second operator (R6a).
pub async fn make(
    state: &AppState,
    maker: &OperatorId,
    draft: &ClientRequestDraft,
) -> Result<StoredClientRequest, ApiFailure> {
    let (action, client_id, version, before, after, grace_seconds) = match draft {
        ClientRequestDraft::RegisterClient { fields } => {
            let settings = settings(fields)?;
            let after = settings_value(&settings);
            (
                ClientAction::Register,
                new_client_id(),
                None,
                None,
                Some(after),
                None,
            )
        }
        ClientRequestDraft::ChangeClient { client_id, fields } => {
            let client = existing(state, client_id).await?;
            let mut settings = settings(fields)?;
            // Public or confidential stays as registered: a secret belongs to the one kind.
            settings.kind = client.settings.kind;
            if settings == client.settings {
                return Err(DmsError::NothingChanged.into());
            }
            let (before, after) = (settings_value(&client.settings), settings_value(&settings));
            (
                ClientAction::Change,
                client.client_id,
                Some(client.version),
                Some(before),
                Some(after),
                None,
            )
        }
        ClientRequestDraft::RotateClientSecret {
            client_id,
            grace_minutes,
        } => {
            let client = existing(state, client_id).await?;
            if client.settings.kind != ClientKind::Confidential {
                return Err(OperatorError::NoSecret.into());
            }
            if *grace_minutes > MAX_GRACE_MINUTES {
                return Err(InvalidInput::of("grace_minutes", FieldProblem::GraceTooLong).into());
            }
            let after = json!({ "secret": "NEW", "grace_minutes": grace_minutes.to_string() });
            let grace = i64::from(*grace_minutes) * 60;
            (
                ClientAction::RotateSecret,
                client.client_id,
                Some(client.version),
                None,
                Some(after),
                Some(grace),
            )
        }
        ClientRequestDraft::DisableClient { client_id }
        | ClientRequestDraft::EnableClient { client_id } => {
            let client = existing(state, client_id).await?;
            let enable = matches!(draft, ClientRequestDraft::EnableClient { .. });
            if client.enabled == enable {
                return Err(DmsError::NothingChanged.into());
            }
            let action = if enable {
                ClientAction::Enable
            } else {
                ClientAction::Disable
            };
            let (before, after) = (enabled_value(client.enabled), enabled_value(enable));
            (
                action,
                client.client_id,
                Some(client.version),
                Some(before),
                Some(after),
                None,
            )
        }
    };
    let maker_login = LoginId::Operator(maker.clone());
    let mut change = state.change().await?;
    let id = change
        .insert_client_request(&NewClientRequest {
            action,
            client_id: &client_id,
            client_version: version,
            before: before.as_ref(),
            after: after.as_ref(),
            grace_seconds,
            maker: &maker_login,
        })
        .await
        .map_err(|e| -> ApiFailure {
            if e.is::<SubjectPending>() {
                OperatorError::SubjectPending.into()
            } else {
                e.into()
            }
        })?;
    let request = change
        .client_request(&id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("request {id} vanished in its own transaction"))?;
    let detail = audit_detail(&request);
    change
        .record(AuditEvent {
            actor: maker.as_str(),
            action: AuditAction::ClientRequestMade,
            subject: Some(&client_id),
            detail: &detail,
        })
        .await?;
    state.commit(change).await?;
    Ok(request)
}

/// Requests on the provider's clients: every operator reaches every one.
pub struct ClientRequests;

/// What an approval draws before its transaction: a confidential client's new secret.
pub struct Prepared {
    secret: Option<ClientSecret>,
}

impl PendingItem for StoredClientRequest {
    const TABLE: PendingTable = PendingTable::ClientRequests;

    fn header(&self) -> Header<'_> {
        Header::new(
            &self.request_id,
            &self.maker,
            self.status,
            Some(&self.client_id),
        )
    }

    fn audit_detail(&self) -> String {
        audit_detail(self)
    }

    async fn reload(change: &mut Change, id: &str) -> Found<Self> {
        change.client_request(id).await
    }
}

impl Kind for ClientRequests {
    type Item = StoredClientRequest;
    type Prepared = Prepared;

    const ACTIONS: StepActions = StepActions {
        authorised: AuditAction::ClientRequestApproved,
        rejected: AuditAction::ClientRequestRejected,
        withdrawn: AuditAction::ClientRequestWithdrawn,
        stale: AuditAction::ClientRequestStale,
        expired: None,
    };

    async fn find(&self, store: &Store, id: &str) -> Found<StoredClientRequest> {
        store.client_request(id).await
    }

    fn may_decide(
        &self,
        item: &StoredClientRequest,
        decider: &LoginId,
    ) -> Result<(), FourEyesError> {
        may_approve(&item.maker, decider)
    }

    fn refused(&self, refusal: Refusal) -> ApiFailure {
        refused(refusal)
    }

    async fn prepare(
        &self,
        _state: &AppState,
        request: &StoredClientRequest,
    ) -> Result<Prepared, ApiFailure> {
        let confidential = request
            .after
            .as_ref()
            .and_then(|v| v.get("kind"))
            .and_then(Value::as_str)
            == Some(ClientKind::Confidential.as_str());
        let draws = match request.action {
            ClientAction::Register => confidential,
            ClientAction::RotateSecret => true,
            _ => false,
        };
        Ok(Prepared {
            secret: draws.then(ClientSecret::generate),
        })
    }

    async fn apply(
        &self,
        change: &mut Change,
        request: &StoredClientRequest,
        approver: &LoginId,
        prepared: &Prepared,
    ) -> anyhow::Result<Applied> {
        let Some(effect) = apply(change, request, approver, prepared).await? else {
            return Ok(Applied::Stale(OperatorError::Stale.into()));
        };
        if let Some(action) = effect {
            let detail = audit_detail(request);
            change
                .record(AuditEvent {
                    actor: request.maker.as_str(),
                    action,
                    subject: Some(&request.client_id),
                    detail: &detail,
                })
                .await?;
        }
        Ok(Applied::Done)
    }
}

/// Applies an approved request: `None` when the client moved on since (stale); the trail's
/// action for what changed, unless the step wrote its own.
async fn apply(
    change: &mut Change,
    request: &StoredClientRequest,
    approver: &LoginId,
    prepared: &Prepared,
) -> anyhow::Result<Option<Option<AuditAction>>> {
    let client_id = request.client_id.as_str();
    let version = || {
        request.client_version.ok_or_else(|| {
            anyhow::anyhow!("client request {} without a version", request.request_id)
        })
    };
    Ok(match request.action {
        ClientAction::Register => {
            let settings = settings_of(&request.after)?;
            let origin = json!({ "request": request.request_id, "approved_by": approver.as_str() });
            let registered = registration::register(
                change,
                client_id,
                &settings,
                prepared.secret.as_ref(),
                request.maker.as_str(),
                origin,
            )
            .await;
            match registered {
                Ok(()) => Some(None),
                Err(e) if e.is::<crate::server::store::AlreadyExists>() => None,
                Err(e) => return Err(e),
            }
        }
        ClientAction::Change => {
            let settings = settings_of(&request.after)?;
            change
                .change_client(client_id, version()?, &settings)
                .await?
                .then_some(Some(AuditAction::ClientChanged))
        }
        ClientAction::RotateSecret => {
            let secret = prepared
                .secret
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("a rotation approved without a secret"))?;
            let grace = SignedDuration::from_secs(request.grace_seconds.unwrap_or(0));
            let old_until: Timestamp = change.at().checked_add(grace)?;
            change
                .rotate_client_secret(client_id, version()?, &secret.hash(), old_until)
                .await?
                .then_some(Some(AuditAction::ClientSecretRotated))
        }
        ClientAction::Disable | ClientAction::Enable => {
            let enable = request.action == ClientAction::Enable;
            let effect = if enable {
                AuditAction::ClientEnabled
            } else {
                AuditAction::ClientDisabled
            };
            change
                .set_client_enabled(client_id, version()?, enable)
                .await?
                .then_some(Some(effect))
        }
    })
}

/// A second operator approves: the request applies in the same transaction, at most once. A
/// new secret comes back for the approver alone, once.
pub async fn approve(
    state: &AppState,
    approver: &OperatorId,
    request_id: &str,
) -> Result<(StoredClientRequest, Option<NewClientSecret>), ApiFailure> {
    let request = four_eyes::pending(state, &ClientRequests, request_id).await?;
    let approver_login = LoginId::Operator(approver.clone());
    let (decided, prepared) =
        four_eyes::authorise(state, &ClientRequests, &request, &approver_login).await?;
    let secret = prepared.secret.map(|secret| NewClientSecret {
        client_id: decided.client_id.clone(),
        client_secret: secret.reveal().to_owned(),
    });
    Ok((decided, secret))
}
