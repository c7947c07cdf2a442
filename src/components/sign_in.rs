use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::STYLES;
use crate::error::ClerkError;
use crate::hooks::use_clerk;
use crate::localization::t;

#[derive(Properties, PartialEq, Clone, Default)]
pub struct SignInProps {
    /// Where to go after signing in; stays on the page when absent.
    #[prop_or_default]
    pub after_sign_in_url: Option<AttrValue>,
}

/// A small email + password form: how the demo, "Add account" and the
/// tests sign in.
#[component]
pub fn SignIn(props: &SignInProps) -> Html {
    let clerk = use_clerk();
    let identifier = use_node_ref();
    let password = use_node_ref();
    let busy = use_state(|| false);
    let error = use_state(|| None::<ClerkError>);

    let onsubmit = {
        let (identifier, password, busy, error) = (
            identifier.clone(),
            password.clone(),
            busy.clone(),
            error.clone(),
        );
        let after = props.after_sign_in_url.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            let (Some(id_input), Some(pw_input)) = (
                identifier.cast::<HtmlInputElement>(),
                password.cast::<HtmlInputElement>(),
            ) else {
                return;
            };
            busy.set(true);
            error.set(None);
            let (clerk, busy, error, after) =
                (clerk.clone(), busy.clone(), error.clone(), after.clone());
            spawn_local(async move {
                let result = clerk.sign_in(&id_input.value(), &pw_input.value()).await;
                busy.set(false);
                match result {
                    Ok(()) => {
                        // The next "Add account" starts with an empty form.
                        id_input.set_value("");
                        pw_input.set_value("");
                        if let Some(url) = after {
                            clerk.navigate(&url);
                        }
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    html! {
        <div class="cl-rootBox cl-signInBox" dir={crate::localization::dir()} lang={crate::localization::locale()}>
            <style>{ STYLES }</style>
            <form class="cl-signIn-form" {onsubmit} aria-label={t("signIn.start.title", "Sign in")}>
                <label class="cl-formFieldLabel">
                    { t("formFieldLabel__emailAddress", "Email address") }
                    <input ref={identifier} class="cl-formFieldInput" name="identifier" type="email"
                        autocomplete="username" required=true disabled={*busy} />
                </label>
                <label class="cl-formFieldLabel">
                    { t("formFieldLabel__password", "Password") }
                    <input ref={password} class="cl-formFieldInput" name="password" type="password"
                        autocomplete="current-password" required=true disabled={*busy} />
                </label>
                if let Some(e) = &*error {
                    <p class="cl-formFieldErrorText" role="alert" data-code={e.code.clone()}>
                        { e.user_message().to_string() }
                    </p>
                }
                <button class="cl-formButtonPrimary" type="submit" disabled={*busy} aria-busy={if *busy { "true" } else { "false" }}>
                    { if *busy { t("signIn.busy", "Signing in…") } else { t("formButtonPrimary", "Continue") } }
                </button>
            </form>
        </div>
    }
}
