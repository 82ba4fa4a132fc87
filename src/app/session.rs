//! Who is signed in, loaded once by the guard of the signed-in area
//! ([`SignedInArea`](super::pages::SignedInArea)) for every page behind it.

use leptos::prelude::*;

use super::client::use_api;
use crate::api::{paths, ApiError, Me};

/// Who is signed in, for the pages behind [`SignedInArea`].
#[derive(Clone, Copy)]
pub struct Session {
    me: LocalResource<Result<Me, ApiError>>,
}

impl Session {
    /// The signed-in person; pages behind the guard render only once it is known.
    pub fn me(&self) -> Option<Me> {
        self.me.get().and_then(Result::ok)
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Loads who is signed in, once, for the pages behind the guard, and puts it in context.
pub fn provide() -> LocalResource<Result<Me, ApiError>> {
    let api = use_api();
    let me = LocalResource::new(move || async move { api.get::<Me>(paths::SESSION).await });
    provide_context(Session { me });
    me
}
