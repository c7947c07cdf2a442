//! Profile: the avatar, the name (editable), and the email addresses.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::localization::t;

use super::account_data::emails;
use super::requests::save_names;
use super::task::{feedback, run, Task};
use crate::components::{Avatar, AvatarProps, AvatarSize};
use crate::hooks::use_clerk;
use crate::resources::Session;

/// The name form's fields and request: state of the panel's component.
pub struct ProfileForm {
    first: NodeRef,
    last: NodeRef,
    task: UseStateHandle<Task>,
    onsubmit: Callback<SubmitEvent>,
}

#[hook]
pub fn use_profile_form() -> ProfileForm {
    let clerk = use_clerk();
    let first = use_node_ref();
    let last = use_node_ref();
    let task = use_state(|| Task::Idle);
    let onsubmit = {
        let (first, last, task) = (first.clone(), last.clone(), task.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value = |input: &NodeRef| {
                input
                    .cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let (first, last, clerk) = (value(&first), value(&last), clerk.clone());
            run(
                &task,
                t(
                    "userProfile.profilePage.successMessage",
                    "Your name is saved.",
                ),
                Box::pin(async move { save_names(&clerk, &first, &last).await }),
            );
        })
    };
    ProfileForm {
        first,
        last,
        task,
        onsubmit,
    }
}

pub fn view(form: &ProfileForm, session: &Session) -> Html {
    let ProfileForm {
        first,
        last,
        task,
        onsubmit,
    } = form;
    let Some(user) = session.user.clone() else {
        return Html::default();
    };
    let busy = task.busy();
    let data = &session.public_user_data;
    let (title, _) = data.title_and_subtitle();
    html! {
        <section class="cl-profileSection" aria-labelledby="cl-profile-heading">
            <h2 id="cl-profile-heading" class="cl-profileSectionTitle">{ t("userProfile.start.headerTitle__account", "Profile details") }</h2>
            <div class="cl-userPreview">
                <Avatar ..AvatarProps::of(data, AvatarSize::Preview) />
                <p class="cl-userPreviewMainIdentifier">{ title }</p>
            </div>
            <form class="cl-profileForm" onsubmit={onsubmit.clone()} aria-label={t("userProfile.profilePage.title", "Name")}>
                <div class="cl-formFieldRow">
                    <label class="cl-formFieldLabel">
                        { t("formFieldLabel__firstName", "First name") }
                        <input ref={first.clone()} class="cl-formFieldInput" name="firstName" type="text"
                            autocomplete="given-name" maxlength="256" disabled={busy}
                            value={user.first_name.clone().unwrap_or_default()} />
                    </label>
                    <label class="cl-formFieldLabel">
                        { t("formFieldLabel__lastName", "Last name") }
                        <input ref={last.clone()} class="cl-formFieldInput" name="lastName" type="text"
                            autocomplete="family-name" maxlength="256" disabled={busy}
                            value={user.last_name.clone().unwrap_or_default()} />
                    </label>
                </div>
                { feedback(task) }
                <button class="cl-formButtonPrimary" type="submit" disabled={busy}
                    aria-busy={if busy { "true" } else { "false" }}>
                    { if busy { t("saving", "Saving…") } else { t("formButtonPrimary__save", "Save") } }
                </button>
            </form>
            <h3 class="cl-profileSubtitle">{ t("userProfile.start.emailAddressesSection.title", "Email addresses") }</h3>
            <ul class="cl-profileList">
                { for emails(&user.js).into_iter().map(|email| html! {
                    <li class="cl-profileListItem">
                        <span class="cl-profileListText">{ email.address }</span>
                        if email.primary {
                            <span class="cl-badge">{ t("badge__primary", "Primary") }</span>
                        }
                        if !email.verified {
                            <span class="cl-badge cl-badge__muted">{ t("badge__unverified", "Unverified") }</span>
                        }
                    </li>
                }) }
            </ul>
        </section>
    }
}
