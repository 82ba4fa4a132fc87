//! The authorization code flow behind its endpoints: a code for a session that satisfies the
//! request (or a log-in first), the code exchanged once for tokens, a refresh token spent once
//! for new ones, an access token read at UserInfo. Every token dies with its session.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::assurance::{self, Acr};
use super::authorize::{AuthorizationRequest, Prompt};
use super::claims;
use super::client::{secret_hash, ClientKind};
use crate::api::LoginMethod;
use crate::domain::{AuditAction, Principal};
use crate::server::auth::admission::admitted;
use crate::server::auth::session_limits;
use crate::server::provider::keys::LONGEST_TOKEN_LIFETIME;
use crate::server::security::session::SessionToken;
use crate::server::state::AppState;
use crate::server::store::{
    AuditEvent, CodeTaken, NewToken, SessionRecord, StoredClient, StoredCode, TokenKind,
};

/// A code is exchanged within a minute or never.
pub const CODE_LIFETIME: SignedDuration = SignedDuration::from_secs(60);
/// An access token lives ten minutes at most, and never past its session.
pub const ACCESS_TOKEN_LIFETIME: SignedDuration = SignedDuration::from_mins(10);
/// An ID token's `exp`.
pub const ID_TOKEN_LIFETIME: SignedDuration = LONGEST_TOKEN_LIFETIME;
/// How long an authorization request waits for its person to log in.
pub const LOG_IN_WITHIN: SignedDuration = SignedDuration::from_mins(30);

/// An error of the token or UserInfo endpoint (RFC 6749 5.2, RFC 6750 3.1).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{error}: {description}")]
pub struct OAuthError {
    pub status: u16,
    pub error: &'static str,
    pub description: String,
}

impl OAuthError {
    pub fn new(status: u16, error: &'static str, description: impl Into<String>) -> Self {
        Self {
            status,
            error,
            description: description.into(),
        }
    }

    fn grant(description: &str) -> Self {
        Self::new(400, "invalid_grant", description)
    }

    pub fn client(description: &str) -> Self {
        Self::new(401, "invalid_client", description)
    }

    fn token(description: &str) -> Self {
        Self::new(401, "invalid_token", description)
    }
}

/// Why a failure is a fault of ours, not of the request: logged, answered 500.
pub enum Failure {
    Refused(OAuthError),
    Fault(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Self::Fault(e)
    }
}

impl From<OAuthError> for Failure {
    fn from(e: OAuthError) -> Self {
        Self::Refused(e)
    }
}

/// A new secret handed out: 256 random bits, stored only as its SHA-256.
fn new_secret() -> SessionToken {
    SessionToken::generate()
}

/// A full session still alive by both limits, whose person stands today (R26, R26b); its idle
/// timer moves, since the person is here.
pub async fn usable_session(
    state: &AppState,
    record: Option<SessionRecord>,
) -> anyhow::Result<Option<(SessionRecord, Principal)>> {
    let Some(record) = record else {
        return Ok(None);
    };
    let now = state.now();
    if session_limits::passed(&state.config, &record, now) || record.sid.is_none() {
        return Ok(None);
    }
    let Ok(Ok(principal)) = admitted(state, &record.login_id).await else {
        return Ok(None);
    };
    if session_limits::renew_due(&record, now) {
        state.store.touch_session(&record.token_hash, now).await?;
    }
    Ok(Some((record, principal)))
}

/// What the session's log-in proved: its level, and the methods as `amr`.
fn proven(record: &SessionRecord) -> (Acr, Vec<&'static str>) {
    let method = record.login_method.unwrap_or(LoginMethod::RecoveryCode);
    (
        Acr::of(method),
        assurance::amr(method, record.passkey_synced),
    )
}

/// What the request needs of the session, or nothing: it may have a code now. `since`: the
/// moment the request began waiting for a log-in (a `prompt=login` is then met by any log-in
/// after it).
pub fn unmet(
    request: &AuthorizationRequest,
    record: &SessionRecord,
    now: Timestamp,
    since: Option<Timestamp>,
) -> Option<&'static str> {
    let auth_time = record
        .auth_time
        .and_then(|ms| Timestamp::from_millisecond(ms).ok());
    let Some(auth_time) = auth_time else {
        return Some("login_required");
    };
    if !recent_enough(request.prompt, request.max_age, auth_time, now, since) {
        return Some("login_required");
    }
    let (acr, _) = proven(record);
    let needed = request
        .min_acr
        .as_deref()
        .and_then(|raw| Acr::try_from(raw).ok());
    if needed.is_some_and(|needed| acr < needed) {
        return Some("interaction_required");
    }
    None
}

/// Whether a log-in at `auth_time` answers a request's `prompt=login` and `max_age`: a log-in
/// made for this very request (after `since`, when it began waiting) always does, or the loop
/// back to the log-in page would never end; otherwise one younger than `max_age`.
fn recent_enough(
    prompt: Prompt,
    max_age: Option<i64>,
    auth_time: Timestamp,
    now: Timestamp,
    since: Option<Timestamp>,
) -> bool {
    if since.is_some_and(|since| auth_time >= since) {
        return true;
    }
    prompt != Prompt::Login
        && max_age.is_none_or(|age| now <= auth_time + SignedDuration::from_secs(age))
}

/// A code for `request`, bound to the session; answers the code to send.
pub async fn issue_code(
    state: &AppState,
    request: &AuthorizationRequest,
    record: &SessionRecord,
) -> anyhow::Result<String> {
    let code = new_secret();
    let (acr, amr) = proven(record);
    let now = state.now();
    let stored = StoredCode {
        code_hash: code.hash(),
        client_id: request.client_id.clone(),
        redirect_uri: request.redirect_uri.clone(),
        sid: record.sid.clone().unwrap_or_default(),
        login_id: record.login_id.clone(),
        scopes: request.scopes.join(" "),
        nonce: request.nonce.clone(),
        code_challenge: request.code_challenge.clone(),
        auth_time: record
            .auth_time
            .map(Timestamp::from_millisecond)
            .transpose()?
            .unwrap_or(now),
        acr: acr.as_str().to_owned(),
        amr: amr.join(" "),
        expires_at: now + CODE_LIFETIME,
    };
    let mut change = state.change().await?;
    change.insert_code(&stored).await?;
    let detail = json!({ "client_id": request.client_id, "scopes": stored.scopes }).to_string();
    change
        .record(AuditEvent {
            actor: record.login_id.as_str(),
            action: AuditAction::AuthorizationCodeIssued,
            subject: Some(&request.client_id),
            detail: &detail,
        })
        .await?;
    state.commit(change).await?;
    Ok(code.expose().to_owned())
}

/// The credentials a client presented at the token endpoint.
pub struct Presented<'a> {
    pub client_id: &'a str,
    pub secret: Option<&'a str>,
}

/// The client, authenticated as its kind requires (RFC 6749 2.3.1; public clients: none).
pub async fn authenticate(
    state: &AppState,
    presented: &Presented<'_>,
) -> Result<StoredClient, Failure> {
    let client = state
        .store
        .client(presented.client_id)
        .await?
        .filter(|c| c.enabled)
        .ok_or_else(|| OAuthError::client("unknown or disabled client"))?;
    match (client.settings.kind, presented.secret) {
        (ClientKind::Confidential, Some(secret)) => {
            let hash = secret_hash(secret);
            if !state
                .store
                .client_secret_valid(&client.client_id, &hash, state.now())
                .await?
            {
                return Err(OAuthError::client("wrong client secret").into());
            }
        }
        (ClientKind::Confidential, None) => {
            return Err(OAuthError::client("a confidential client must authenticate").into())
        }
        (ClientKind::Public, Some(_)) => {
            return Err(OAuthError::client("a public client has no secret").into())
        }
        (ClientKind::Public, None) => {}
    }
    Ok(client)
}

/// What the token endpoint answers.
pub fn token_answer(tokens: &Issued) -> Value {
    let mut answer = json!({
        "access_token": tokens.access_token,
        "token_type": "Bearer",
        "expires_in": tokens.expires_in,
        "id_token": tokens.id_token,
        "scope": tokens.scope,
    });
    if let Some(refresh) = &tokens.refresh_token {
        answer["refresh_token"] = json!(refresh);
    }
    answer
}

pub struct Issued {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub id_token: String,
    pub expires_in: i64,
    pub scope: String,
}

/// RFC 7636 4.1: 43 to 128 unreserved characters.
fn well_formed_verifier(verifier: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// `grant_type=authorization_code`.
pub async fn exchange_code(
    state: &AppState,
    client: &StoredClient,
    code: &str,
    redirect_uri: Option<&str>,
    verifier: Option<&str>,
) -> Result<Issued, Failure> {
    let hash = SessionToken::from_cookie(code).hash();
    let mut change = state.change().await?;
    let taken = change.take_code(&hash).await?;
    let code = match taken {
        CodeTaken::Fresh(code) => code,
        CodeTaken::Reused(code) => {
            // A code seen twice was stolen or replayed: what it got is revoked (RFC 6749 4.1.2).
            let revoked = change.revoke_tokens_of_code(&code.code_hash).await?;
            let detail = json!({ "client_id": code.client_id, "revoked": revoked }).to_string();
            change
                .record(AuditEvent {
                    actor: &code.client_id,
                    action: AuditAction::AuthorizationCodeReplayed,
                    subject: Some(code.login_id.as_str()),
                    detail: &detail,
                })
                .await?;
            state.commit(change).await?;
            return Err(OAuthError::grant("the code was already used").into());
        }
        CodeTaken::Unknown => {
            return Err(OAuthError::grant("unknown code").into());
        }
    };
    // The code is used up whatever follows: a wrong presentation spends it.
    let refused = if code.client_id != client.client_id {
        Some("the code was issued to another client")
    } else if state.now() > code.expires_at {
        Some("the code has expired")
    } else if redirect_uri != Some(code.redirect_uri.as_str()) {
        Some("redirect_uri differs from the authorization request's")
    } else {
        match (&code.code_challenge, verifier) {
            (Some(challenge), Some(verifier)) => {
                let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
                (!well_formed_verifier(verifier) || &computed != challenge)
                    .then_some("the code_verifier does not match the code_challenge")
            }
            (Some(_), None) => Some("code_verifier is missing"),
            (None, Some(_)) => Some("no code_challenge was sent for this code"),
            (None, None) => None,
        }
    };
    // Committed before anything else is read: no change holds a connection while the pool is
    // asked for another.
    state.commit(change).await?;
    if let Some(description) = refused {
        return Err(OAuthError::grant(description).into());
    }
    let session = state.store.session_by_sid(&code.sid).await?;
    let Some((record, principal)) = usable_session(state, session).await? else {
        return Err(OAuthError::grant("the session has ended").into());
    };
    let grant = Grant {
        code_hash: &code.code_hash,
        nonce: code.nonce.as_deref(),
        scopes: &code.scopes,
        auth_time: code.auth_time,
        acr: &code.acr,
        amr: &code.amr,
    };
    Ok(issue_tokens(state, client, &record, &principal, &grant).await?)
}

/// What tokens are issued from: a code, or the code a refresh token descends from.
struct Grant<'a> {
    code_hash: &'a str,
    nonce: Option<&'a str>,
    scopes: &'a str,
    auth_time: Timestamp,
    acr: &'a str,
    amr: &'a str,
}

/// The tokens of `grant`, in their own change; what they need is read before it opens.
async fn issue_tokens(
    state: &AppState,
    client: &StoredClient,
    record: &SessionRecord,
    principal: &Principal,
    grant: &Grant<'_>,
) -> anyhow::Result<Issued> {
    let now = state.now();
    let identity = state
        .store
        .identity_of(&record.login_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("{} has no identity", record.login_id))?;
    let keys = state.provider.keys.current(&state.store, now).await?;
    let issuer = state
        .provider
        .issuer
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("no issuer"))?;
    let mut change = state.change().await?;
    let sid = record.sid.as_deref().unwrap_or_default();
    let session_end = session_limits::absolute_end(&state.config, record);
    let access = new_secret();
    let access_expires = (now + ACCESS_TOKEN_LIFETIME).min(session_end);
    change
        .insert_token(NewToken {
            token_hash: &access.hash(),
            kind: TokenKind::Access,
            client_id: &client.client_id,
            sid,
            login_id: &record.login_id,
            scopes: grant.scopes,
            code_hash: grant.code_hash,
            expires_at: access_expires,
        })
        .await?;
    let refresh = match client.settings.kind {
        ClientKind::Confidential => {
            let refresh = new_secret();
            change
                .insert_token(NewToken {
                    token_hash: &refresh.hash(),
                    kind: TokenKind::Refresh,
                    client_id: &client.client_id,
                    sid,
                    login_id: &record.login_id,
                    scopes: grant.scopes,
                    code_hash: grant.code_hash,
                    expires_at: session_end,
                })
                .await?;
            Some(refresh.expose().to_owned())
        }
        ClientKind::Public => None,
    };
    let subject = change.subject_of(&record.login_id).await?;
    change
        .note_session_client(sid, &client.client_id, &subject)
        .await?;
    let scopes: Vec<&str> = grant.scopes.split(' ').collect();
    let mut id_claims = claims::of(&subject, principal, &identity, &scopes);
    let extra = json!({
        "iss": issuer.as_str(),
        "aud": client.client_id,
        "azp": client.client_id,
        "iat": now.as_second(),
        "exp": (now + ID_TOKEN_LIFETIME).as_second(),
        "auth_time": grant.auth_time.as_second(),
        "sid": sid,
        "at_hash": crate::server::security::jose::half_hash(access.expose()),
        "acr": grant.acr,
        "amr": grant.amr.split(' ').collect::<Vec<_>>(),
    });
    if let Value::Object(extra) = extra {
        id_claims.extend(extra);
    }
    if let Some(nonce) = grant.nonce {
        id_claims.insert("nonce".into(), json!(nonce));
    }
    let detail = json!({ "client_id": client.client_id, "scopes": grant.scopes }).to_string();
    change
        .record(AuditEvent {
            actor: record.login_id.as_str(),
            action: AuditAction::TokensIssued,
            subject: Some(&client.client_id),
            detail: &detail,
        })
        .await?;
    state.commit(change).await?;
    // Signed once the change is committed: the database's writer is not held for the
    // signature (a millisecond of RSA), and tokens nobody receives die unused.
    let id_token = keys
        .signer(client.settings.id_token_alg)?
        .sign("JWT", &Value::Object(id_claims))?;
    Ok(Issued {
        access_token: access.expose().to_owned(),
        refresh_token: refresh,
        id_token,
        expires_in: (access_expires.as_second() - now.as_second()).max(0),
        scope: grant.scopes.to_owned(),
    })
}

/// `grant_type=refresh_token`: spent once, for new tokens of the same grant; never past the
/// session. A refresh token presented again revokes the whole grant.
pub async fn refresh(
    state: &AppState,
    client: &StoredClient,
    refresh_token: &str,
) -> Result<Issued, Failure> {
    let hash = SessionToken::from_cookie(refresh_token).hash();
    let token = state
        .store
        .token(&hash)
        .await?
        .filter(|t| t.kind == TokenKind::Refresh && t.client_id == client.client_id)
        .ok_or_else(|| OAuthError::grant("unknown refresh token"))?;
    let mut change = state.change().await?;
    let spent = !token.revoked && change.spend_refresh_token(&hash).await?;
    if !spent {
        change.revoke_tokens_of_code(&token.code_hash).await?;
    }
    state.commit(change).await?;
    if !spent {
        return Err(OAuthError::grant("the refresh token was already used").into());
    }
    let session = state.store.session_by_sid(&token.sid).await?;
    let usable = usable_session(state, session).await?;
    let Some((record, principal)) = usable.filter(|_| state.now() < token.expires_at) else {
        return Err(OAuthError::grant("the session has ended").into());
    };
    let (acr, amr) = proven(&record);
    let amr = amr.join(" ");
    let auth_time = record
        .auth_time
        .map(Timestamp::from_millisecond)
        .transpose()
        .map_err(anyhow::Error::from)?
        .unwrap_or_else(|| state.now());
    let grant = Grant {
        code_hash: &token.code_hash,
        nonce: None,
        scopes: &token.scopes,
        auth_time,
        acr: acr.as_str(),
        amr: &amr,
    };
    Ok(issue_tokens(state, client, &record, &principal, &grant).await?)
}

/// UserInfo: the claims of the access token's scopes, while the token and its session live.
pub async fn userinfo(state: &AppState, access_token: &str) -> Result<Value, Failure> {
    let hash = SessionToken::from_cookie(access_token).hash();
    let token = state
        .store
        .token(&hash)
        .await?
        .filter(|t| t.kind == TokenKind::Access && !t.revoked && state.now() < t.expires_at)
        .ok_or_else(|| OAuthError::token("the access token is unknown, expired or revoked"))?;
    let session = state.store.session_by_sid(&token.sid).await?;
    let Some((record, principal)) = usable_session(state, session).await? else {
        return Err(OAuthError::token("the session has ended").into());
    };
    let mut change = state.change().await?;
    let subject = change.subject_of(&record.login_id).await?;
    state.commit(change).await?;
    let identity = state
        .store
        .identity_of(&record.login_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("{} has no identity", record.login_id))?;
    let scopes: Vec<&str> = token.scopes.split(' ').collect();
    Ok(Value::Object(claims::of(
        &subject, &principal, &identity, &scopes,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + seconds).unwrap()
    }

    #[test]
    fn max_age_and_prompt_login_are_met_by_a_log_in_made_for_the_request() {
        // Logged in at 0; the request waits from 100; the person logs in again at 130.
        let (request_began, again) = (Some(at(100)), at(130));
        assert!(!recent_enough(Prompt::Login, None, at(0), at(100), None));
        assert!(recent_enough(
            Prompt::Login,
            None,
            again,
            at(131),
            request_began
        ));
        assert!(!recent_enough(
            Prompt::Login,
            None,
            at(0),
            at(131),
            request_began
        ));
        // max_age=0 would loop for ever if a fresh log-in did not answer it.
        assert!(!recent_enough(Prompt::Usual, Some(0), at(0), at(1), None));
        assert!(recent_enough(
            Prompt::Usual,
            Some(0),
            again,
            at(131),
            request_began
        ));
        assert!(recent_enough(
            Prompt::Usual,
            Some(600),
            at(0),
            at(600),
            None
        ));
        assert!(!recent_enough(
            Prompt::Usual,
            Some(600),
            at(0),
            at(601),
            None
        ));
    }
}
