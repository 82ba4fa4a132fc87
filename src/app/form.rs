//! One form helper for every form that talks to the API: submit, pending, the answer, and the
//! error shown beside its fields and in the form's alert.

use std::future::Future;

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::client::{use_api, ApiClient};
use crate::api::ApiError;

/// A form's request in flight and its last answer.
pub struct Form<I: 'static, O: 'static> {
    action: Action<I, Result<O, ApiError>>,
    /// The last failure until the next answer or [`Form::clear`].
    error: RwSignal<Option<ApiError>>,
}

impl<I, O> Clone for Form<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for Form<I, O> {}

/// A form that sends its input with `send`, for requests that need more than one path.
pub fn use_form<I, O, F, Fut>(send: F) -> Form<I, O>
where
    I: Clone + 'static,
    O: Clone + 'static,
    F: Fn(ApiClient, I) -> Fut + 'static,
    Fut: Future<Output = Result<O, ApiError>> + 'static,
{
    let api = use_api();
    let action = Action::new_local(move |input: &I| send(api, input.clone()));
    let error = RwSignal::new(None);
    Effect::new(move |_| {
        if let Some(answer) = action.value().get() {
            error.set(answer.err());
        }
    });
    Form { action, error }
}

/// A form that posts its input to `path`.
pub fn post_form<I, O>(path: &'static str) -> Form<I, O>
where
    I: Serialize + Clone + 'static,
    O: DeserializeOwned + Clone + 'static,
{
    use_form(move |api: ApiClient, input: I| async move { api.post(path, &input).await })
}

impl<I: 'static, O: Clone + 'static> Form<I, O> {
    pub fn submit(&self, input: I) {
        self.action.dispatch_local(input);
    }

    pub fn pending(&self) -> Signal<bool> {
        self.action.pending().into()
    }

    pub fn error(&self) -> Signal<Option<ApiError>> {
        self.error.into()
    }

    /// The form's message for its alert region.
    pub fn message(&self) -> Signal<Option<String>> {
        let error = self.error;
        Signal::derive(move || error.get().map(|e| e.message))
    }

    /// The message for field `name`, tied to its input by [`TextField`](super::components::TextField).
    pub fn field(&self, name: &'static str) -> Signal<Option<String>> {
        let error = self.error;
        Signal::derive(move || error.get().and_then(|e| e.field(name).map(str::to_owned)))
    }

    pub fn clear(&self) {
        self.error.set(None);
    }

    /// Runs `then` with each successful answer.
    pub fn on_success(&self, then: impl Fn(O) + 'static) {
        let action = self.action;
        Effect::new(move |_| {
            if let Some(Ok(answer)) = action.value().get() {
                then(answer);
            }
        });
    }

    /// Runs `then` with each failure (to move focus to the field it names, say).
    pub fn on_error(&self, then: impl Fn(ApiError) + 'static) {
        let action = self.action;
        Effect::new(move |_| {
            if let Some(Err(error)) = action.value().get() {
                then(error);
            }
        });
    }

    pub fn succeeded(&self) -> Signal<bool> {
        let action = self.action;
        Signal::derive(move || action.value().get().is_some_and(|a| a.is_ok()))
    }
}
