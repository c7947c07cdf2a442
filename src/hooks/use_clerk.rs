use yew::prelude::*;

use crate::clerk::{Clerk, Snapshot};

/// The [`Clerk`] of the nearest [`crate::components::ClerkProvider`], else
/// the page's global one (the one `window.Clerk` drives). The seed page's
/// React `useClerk()`: `use_clerk().sign_out(..)`.
#[hook]
pub fn use_clerk() -> Clerk {
    use_context::<Clerk>().unwrap_or_else(crate::global)
}

/// The current state, re-rendering the component after every change.
#[hook]
pub fn use_snapshot() -> Snapshot {
    let clerk = use_clerk();
    let snapshot = use_state(|| clerk.snapshot());
    {
        let snapshot = snapshot.clone();
        use_effect_with(clerk, move |clerk| {
            let listener = clerk.add_listener(move |s| snapshot.set(s.clone()));
            move || drop(listener)
        });
    }
    (*snapshot).clone()
}
