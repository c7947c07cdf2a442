//! Security → Password: the current one, the new one twice, and whether
//! every other device signs out with the change (checked, as Clerk's).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::localization::t;

use super::requests::change_password;
use super::task::{feedback, run, Task};
use crate::error::ClerkError;
use crate::hooks::use_clerk;

/// The shortest password the server takes (its environment's `min_length`).
const MIN_LENGTH: usize = 8;

/// The form's fields and request: state of the panel's component (see
/// `panel.rs`), so that the panel is one component.
pub struct PasswordForm {
    current: NodeRef,
    new: NodeRef,
    confirm: NodeRef,
    others: NodeRef,
    task: UseStateHandle<Task>,
    onsubmit: Callback<SubmitEvent>,
}

/// What the form itself refuses, before asking the server.
fn check(new: &str, confirm: &str) -> Option<ClerkError> {
    let refuse = |code: &str, message: &str| Some(ClerkError::new(code, message));
    if new.chars().count() < MIN_LENGTH {
        return refuse(
            "form_password_length_too_short",
            "Passwords must be 8 characters or more.",
        );
    }
    if new != confirm {
        return refuse(
            "form_password_mismatch",
            "The new password and its confirmation do not match.",
        );
    }
    None
}

/// `on_signed_out_others` runs after a change that signed other devices out.
#[hook]
pub fn use_password_form(on_signed_out_others: &Callback<()>) -> PasswordForm {
    let clerk = use_clerk();
    let (current, new, confirm, others) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let task = use_state(|| Task::Idle);
    let onsubmit = {
        let (current, new, confirm, others, task) = (
            current.clone(),
            new.clone(),
            confirm.clone(),
            others.clone(),
            task.clone(),
        );
        let on_signed_out_others = on_signed_out_others.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let input = |r: &NodeRef| r.cast::<HtmlInputElement>();
            let (Some(current), Some(new), Some(confirm), Some(others)) = (
                input(&current),
                input(&new),
                input(&confirm),
                input(&others),
            ) else {
                return;
            };
            if let Some(error) = check(&new.value(), &confirm.value()) {
                task.set(Task::Failed(error));
                return;
            }
            let sign_out_others = others.checked();
            let (clerk, after) = (clerk.clone(), on_signed_out_others.clone());
            run(
                &task,
                t(
                    "userProfile.passwordPage.successMessage",
                    "Your password is updated.",
                ),
                Box::pin(async move {
                    change_password(&clerk, &current.value(), &new.value(), sign_out_others)
                        .await?;
                    for field in [&current, &new, &confirm] {
                        field.set_value("");
                    }
                    if sign_out_others {
                        after.emit(());
                    }
                    Ok(())
                }),
            );
        })
    };
    PasswordForm {
        current,
        new,
        confirm,
        others,
        task,
        onsubmit,
    }
}

/// `username`: the account's email address, under which password
/// managers file the new password.
pub fn view(form: &PasswordForm, username: &str) -> Html {
    let PasswordForm {
        current,
        new,
        confirm,
        others,
        task,
        onsubmit,
    } = form;
    let busy = task.busy();
    html! {
        <form class="cl-profileForm" onsubmit={onsubmit.clone()} aria-labelledby="cl-password-heading">
            <h3 id="cl-password-heading" class="cl-profileSubtitle">{ t("userProfile.start.passwordSection.title", "Password") }</h3>
            <input type="text" name="username" autocomplete="username" value={username.to_string()}
                hidden=true readonly=true />
            <label class="cl-formFieldLabel">
                { t("formFieldLabel__currentPassword", "Current password") }
                <input ref={current.clone()} class="cl-formFieldInput" name="currentPassword" type="password"
                    autocomplete="current-password" required=true disabled={busy} />
            </label>
            <label class="cl-formFieldLabel">
                { t("formFieldLabel__newPassword", "New password") }
                <input ref={new.clone()} class="cl-formFieldInput" name="newPassword" type="password"
                    autocomplete="new-password" required=true disabled={busy} />
            </label>
            <label class="cl-formFieldLabel">
                { t("formFieldLabel__confirmPassword", "Confirm new password") }
                <input ref={confirm.clone()} class="cl-formFieldInput" name="confirmPassword" type="password"
                    autocomplete="new-password" required=true disabled={busy} />
            </label>
            <label class="cl-formCheckbox">
                <input ref={others.clone()} type="checkbox" name="signOutOfOtherSessions" checked=true
                    disabled={busy} />
                { t("formFieldLabel__signOutOfOtherSessions", "Sign out of all other devices") }
            </label>
            { feedback(task) }
            <button class="cl-formButtonPrimary" type="submit" disabled={busy}
                aria-busy={if busy { "true" } else { "false" }}>
                { if busy { t("updating", "Updating…") } else { t("userProfile.passwordPage.action", "Update password") } }
            </button>
        </form>
    }
}
