//! The browser's WebAuthn, for passkeys (issue 17): the server's options go through
//! `PublicKeyCredential.parseCreationOptionsFromJSON` / `parseRequestOptionsFromJSON` into
//! `navigator.credentials.create` / `.get`, and the credential comes back as `toJSON()` text. The
//! browser does the encoding both ways, so the bundle carries no WebAuthn code of its own.

use js_sys::{Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why no passkey answer came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasskeyFailure {
    /// This browser has no passkeys (or not the JSON methods of WebAuthn level 3).
    Unsupported,
    /// The person cancelled, or no passkey of theirs was at hand (`NotAllowedError`).
    Cancelled,
    /// The authenticator holds this credential already (`InvalidStateError`).
    AlreadyRegistered,
}

fn property(target: &JsValue, name: &str) -> Result<JsValue, PasskeyFailure> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
        .ok_or(PasskeyFailure::Unsupported)
}

fn call(target: &JsValue, method: &str, argument: &JsValue) -> Result<JsValue, PasskeyFailure> {
    let function: Function = property(target, method)?
        .dyn_into()
        .map_err(|_| PasskeyFailure::Unsupported)?;
    function
        .call1(target, argument)
        .map_err(|_| PasskeyFailure::Unsupported)
}

fn failure_of(error: &JsValue) -> PasskeyFailure {
    match Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .as_deref()
    {
        Some("InvalidStateError") => PasskeyFailure::AlreadyRegistered,
        Some("NotSupportedError") | Some("SecurityError") => PasskeyFailure::Unsupported,
        _ => PasskeyFailure::Cancelled,
    }
}

/// `options` as the server sent them (`{"publicKey": …}`), to the browser's ceremony `kind`
/// (`create` or `get`); the credential as JSON text for the server.
async fn ceremony(options: &str, parse: &str, kind: &str) -> Result<String, PasskeyFailure> {
    let window: JsValue = web_sys::window().ok_or(PasskeyFailure::Unsupported)?.into();
    let public_key_credential = property(&window, "PublicKeyCredential")?;
    let parsed = JSON::parse(options).map_err(|_| PasskeyFailure::Unsupported)?;
    let public_key = call(
        &public_key_credential,
        parse,
        &property(&parsed, "publicKey")?,
    )?;
    let request = Object::new();
    Reflect::set(&request, &JsValue::from_str("publicKey"), &public_key)
        .map_err(|_| PasskeyFailure::Unsupported)?;
    let credentials = property(&property(&window, "navigator")?, "credentials")?;
    let promise: Promise = call(&credentials, kind, &request)?
        .dyn_into()
        .map_err(|_| PasskeyFailure::Unsupported)?;
    let credential = JsFuture::from(promise).await.map_err(|e| failure_of(&e))?;
    let json = call(&credential, "toJSON", &JsValue::UNDEFINED)?;
    JSON::stringify(&json)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or(PasskeyFailure::Unsupported)
}

/// A new passkey on this device or a security key.
pub async fn create(options: &str) -> Result<String, PasskeyFailure> {
    ceremony(options, "parseCreationOptionsFromJSON", "create").await
}

/// The answer of one of the user's passkeys to the server's challenge.
pub async fn get(options: &str) -> Result<String, PasskeyFailure> {
    ceremony(options, "parseRequestOptionsFromJSON", "get").await
}

impl PasskeyFailure {
    /// The failure as the page shows it (never sent: the code is the browser's own).
    pub fn into_error(self, t: &crate::i18n::Catalogue) -> crate::api::ApiError {
        let message = match self {
            Self::Unsupported => t.two_factor.passkey_unsupported,
            Self::Cancelled => t.two_factor.passkey_cancelled,
            Self::AlreadyRegistered => t.two_factor.passkey_exists_here,
        };
        crate::api::ApiError::new(crate::api::ErrorCode::Network, message)
    }
}
