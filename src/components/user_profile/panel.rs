//! The account panel itself: Profile and Security pages behind a small
//! navigation. Everything from here down is loaded only when the panel
//! first opens (see `mod.rs`).

use yew::prelude::*;

use super::devices::Devices;
use super::modal::Modal;
use super::password_form::PasswordForm;
use super::profile_page::ProfilePage;
use super::UserProfileProps;
use crate::hooks::use_snapshot;

/// The panel's own styles, loaded with it.
const PANEL_STYLES: &str = include_str!("user_profile.css");

/// Renders the panel: what the lazily loaded part gives the main one.
pub fn render(props: &UserProfileProps) -> Html {
    match &props.modal_on_close {
        None => html! { <UserProfilePanel /> },
        Some(on_close) => html! {
            <Modal on_close={on_close.clone()}>
                <UserProfilePanel />
            </Modal>
        },
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Profile,
    Security,
}

#[component]
fn UserProfilePanel() -> Html {
    let snapshot = use_snapshot();
    let page = use_state(|| Page::Profile);
    // Bumped when the device list must be read again.
    let generation = use_state(|| 0u32);
    let Some(session) = snapshot.session().cloned() else {
        return html! {
            <div class="cl-userProfile">
                <style>{ PANEL_STYLES }</style>
                <p class="cl-profileMuted" role="status">{ "You are signed out." }</p>
            </div>
        };
    };
    let tab = |which: Page, label: &'static str| {
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
    let reread = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(*generation + 1))
    };
    html! {
        <div class="cl-userProfile">
            <style>{ PANEL_STYLES }</style>
            <nav class="cl-navbar" aria-label="Account">
                { tab(Page::Profile, "Profile") }
                { tab(Page::Security, "Security") }
            </nav>
            <div class="cl-pageScrollBox">
                if *page == Page::Profile {
                    <ProfilePage session={session.clone()} />
                } else {
                    <section class="cl-profileSection" aria-labelledby="cl-security-heading">
                        <h2 id="cl-security-heading" class="cl-profileSectionTitle">{ "Security" }</h2>
                        <PasswordForm on_signed_out_others={reread}
                            username={AttrValue::from(session.public_user_data.identifier.clone())} />
                        <Devices current_session_id={AttrValue::from(session.id.clone())}
                            generation={*generation} />
                    </section>
                }
            </div>
        </div>
    }
}
