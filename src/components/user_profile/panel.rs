//! The account panel itself: Profile and Security pages behind a small
//! navigation. Everything from here down is loaded only when the panel
//! first opens (see `mod.rs`).

use yew::prelude::*;

use crate::localization::t;

use web_sys::HtmlDialogElement;

use super::devices::{self, use_devices, Devices};
use super::password_form::{self, use_password_form, PasswordForm};
use super::profile_page::{self, use_profile_form, ProfileForm};
use super::UserProfileProps;
use crate::hooks::{use_focus_trap, use_snapshot};
use crate::resources::Session;

/// The panel's own styles, loaded with it.
const PANEL_STYLES: &str = include_str!("user_profile.css");

/// Renders the panel: what the lazily loaded part gives the main one.
pub fn render(props: &UserProfileProps) -> Html {
    html! { <UserProfilePanel ..props.clone() /> }
}

/// Around the panel when it is a modal: a native `<dialog>` shown with
/// `showModal()`, so the page behind is inert, it sits in the top layer,
/// Escape closes it, focus goes back where it was when it closes, and Tab
/// stays inside it.
#[hook]
fn use_modal(dialog: &NodeRef, modal: bool) {
    let dialog = dialog.clone();
    use_effect_with(modal, move |modal| {
        let shown = modal.then(|| dialog.cast::<HtmlDialogElement>()).flatten();
        if let Some(dialog) = &shown {
            let _ = dialog.show_modal();
        }
        // Unmounted while open (the page unmounted the button): close it,
        // which gives focus back.
        move || {
            if let Some(dialog) = shown.filter(|d| d.open()) {
                dialog.close();
            }
        }
    });
}

fn in_dialog(
    dialog: &NodeRef,
    on_close: &Callback<()>,
    trap: Callback<KeyboardEvent>,
    body: Html,
) -> Html {
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                dialog.close();
            }
        })
    };
    let onclose = on_close.reform(|_: Event| ());
    html! {
        <dialog ref={dialog.clone()} class="cl-modal" aria-label={t("userProfile.navbar.title", "Account")} {onclose} onkeydown={trap}>
            <button type="button" class="cl-modalCloseButton" aria-label={t("userProfile.closeButton", "Close")} onclick={close}>
                <svg width="16" height="16" viewBox="0 0 16 16" fill="none" aria-hidden="true" focusable="false">
                    <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
                </svg>
            </button>
            { body }
        </dialog>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Profile,
    Security,
}

#[component]
fn UserProfilePanel(props: &UserProfileProps) -> Html {
    let dialog = use_node_ref();
    use_modal(&dialog, props.modal_on_close.is_some());
    let trap = use_focus_trap(dialog.clone());
    let snapshot = use_snapshot();
    let page = use_state(|| Page::Profile);
    // Bumped when the device list must be read again.
    let generation = use_state(|| 0u32);
    let session = snapshot.session();
    let current = session.map(|s| s.id.clone()).unwrap_or_default();
    let on_security = *page == Page::Security && session.is_some();
    let devices = use_devices(&current, (on_security, *generation));
    let reread = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(*generation + 1))
    };
    let password = use_password_form(&reread);
    let profile = use_profile_form();
    let body = match session {
        Some(session) => pages(session, &page, (&profile, &password, &devices)),
        None => html! {
            <div class="cl-userProfile">
                <style>{ PANEL_STYLES }</style>
                <p class="cl-profileMuted" role="status">{ t("userProfile.signedOut", "You are signed out.") }</p>
            </div>
        },
    };
    match &props.modal_on_close {
        Some(on_close) => in_dialog(&dialog, on_close, trap, body),
        None => body,
    }
}

/// The pages and their navigation.
fn pages(
    session: &Session,
    page: &UseStateHandle<Page>,
    (profile, password, devices): (&ProfileForm, &PasswordForm, &Devices),
) -> Html {
    let tab = |which: Page, label: AttrValue| {
        let page = page.clone();
        let current = *page == which;
        html! {
            <button type="button" class="cl-navbarButton"
                aria-current={current.then_some("page")}
                onclick={move |_| page.set(which)}>
                { label }
            </button>
        }
    };
    html! {
        <div class="cl-userProfile">
            <style>{ PANEL_STYLES }</style>
            <nav class="cl-navbar" aria-label={t("userProfile.navbar.title", "Account")}>
                { tab(Page::Profile, t("userProfile.navbar.account", "Profile")) }
                { tab(Page::Security, t("userProfile.navbar.security", "Security")) }
            </nav>
            <div class="cl-pageScrollBox">
                if **page == Page::Profile {
                    { profile_page::view(profile, session) }
                } else {
                    <section class="cl-profileSection" aria-labelledby="cl-security-heading">
                        <h2 id="cl-security-heading" class="cl-profileSectionTitle">{ t("userProfile.start.headerTitle__security", "Security") }</h2>
                        { password_form::view(password, &session.public_user_data.identifier) }
                        { devices::view(devices) }
                    </section>
                }
            </div>
        </div>
    }
}
