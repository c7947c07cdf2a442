//! The account panel ("Manage account"): Profile (name, email addresses)
//! and Security (password, active devices), as Clerk's UserProfile.
//!
//! Its code is loaded only when it first opens. The release build splits
//! the wasm at [`renderer`] (the `split` feature, `scripts/build-widget`):
//! everything only the panel uses (`panel.rs` and the files beside it)
//! goes to a second wasm file that the page fetches on first open, so the
//! first load stays within its budget. What stays in the first load is
//! this file: the component that waits for that code (`hooks::use_lazy`).

use std::cell::Cell;

use yew::prelude::*;

use crate::localization::t;

use crate::hooks::{use_lazy, Lazy, LoadFailed, Render};

mod account_data;
mod devices;
mod panel;
mod password_form;
mod profile_page;
mod requests;
mod task;

#[derive(Properties, PartialEq, Clone, Default)]
pub struct UserProfileProps {
    /// Shows the panel as a modal dialog over the page (what "Manage
    /// account" and `openUserProfile()` do), calling this once it has
    /// closed; without it the panel shows inline.
    #[prop_or_default]
    pub modal_on_close: Option<Callback<()>>,
}

/// The split point: calling it loads the panel's wasm file first.
#[cfg(feature = "split")]
#[wasm_split_macros::wasm_split(user_profile, fallible, wasm_split_path = crate::split)]
fn renderer() -> Result<Render<UserProfileProps>, LoadFailed> {
    Ok(panel::render)
}

/// Without the split (tests, `trunk serve`), the panel is already here.
#[cfg(not(feature = "split"))]
async fn renderer() -> Result<Render<UserProfileProps>, LoadFailed> {
    Ok(panel::render)
}

thread_local! {
    static LOADED: Cell<Option<Render<UserProfileProps>>> = const { Cell::new(None) };
}

/// Clerk's UserProfile: the account panel, inline where it is rendered or
/// as a modal dialog (see [`UserProfileProps::modal_on_close`]). Shows a
/// loading line until the panel's code is here, and a retry after a failed
/// load.
#[component]
pub fn UserProfile(props: &UserProfileProps) -> Html {
    let attempt = use_state(|| 0u32);
    let code = use_lazy(&LOADED, || Box::pin(renderer()), *attempt);
    let status = match code {
        Lazy::Here(render) => return render(props),
        Lazy::Loading => html! {
            <p class="cl-userProfileLoading" role="status">{ t("userProfile.loading", "Loading your account…") }</p>
        },
        Lazy::Failed => {
            let retry = {
                let attempt = attempt.clone();
                Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
            };
            html! {
                <div class="cl-userProfileLoading" role="alert">
                    { t("userProfile.loadFailed", "We couldn't load your account. Check your connection and try again.") }
                    <button type="button" class="cl-formButtonPrimary" onclick={retry}>{ t("tryAgain", "Try again") }</button>
                </div>
            }
        }
    };
    match props.modal_on_close {
        // Over the page while the dialog's code loads.
        Some(_) => html! { <div class="cl-modalLoading">{ status }</div> },
        None => status,
    }
}
