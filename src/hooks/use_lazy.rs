//! Code that arrives later: a renderer that lives in a split wasm file
//! (see `src/split.rs`), fetched the first time a component needs it and
//! kept for every later render. Without the `split` feature the loader
//! answers at once.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::thread::LocalKey;

use yew::platform::spawn_local;
use yew::prelude::*;

/// Renders a component whose code is in the split file.
pub type Render<P> = fn(&P) -> Html;

/// Fetches the split file (once per page) and gives its renderer.
pub type Loader<P> = fn() -> Pin<Box<dyn Future<Output = Result<Render<P>, LoadFailed>>>>;

/// Where a renderer is kept once loaded: a `thread_local!` of the caller.
pub type Cache<P> = LocalKey<Cell<Option<Render<P>>>>;

/// The split file could not be fetched (offline, or the server is down).
#[derive(Debug)]
pub struct LoadFailed;

#[cfg(feature = "split")]
impl From<crate::split::SplitLoaderError> for LoadFailed {
    fn from(_: crate::split::SplitLoaderError) -> LoadFailed {
        LoadFailed
    }
}

/// Where the code is.
pub enum Lazy<P: 'static> {
    Loading,
    Failed,
    Here(Render<P>),
}

impl<P> Clone for Lazy<P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P> Copy for Lazy<P> {}

/// Starts loading on mount, and again each time `attempt` changes while
/// the code is not here (a retry after a failure).
#[hook]
pub fn use_lazy<P: 'static>(cache: &'static Cache<P>, load: Loader<P>, attempt: u32) -> Lazy<P> {
    let state = use_state(|| cache.get().map_or(Lazy::Loading, Lazy::Here));
    {
        let state = state.clone();
        use_effect_with(attempt, move |_| {
            if matches!(*state, Lazy::Here(_)) {
                return;
            }
            state.set(Lazy::Loading);
            spawn_local(async move {
                state.set(match load().await {
                    Ok(render) => {
                        cache.set(Some(render));
                        Lazy::Here(render)
                    }
                    Err(LoadFailed) => Lazy::Failed,
                });
            });
        });
    }
    *state
}
