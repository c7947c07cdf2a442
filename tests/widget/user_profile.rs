//! The account panel in the browser, against the real server and the fault
//! proxy: "Manage account" opens it as a modal dialog, and a failed
//! sign-out of another device leaves the list as the server says. (Several
//! computers, passwords and names: e2e/user-profile.test.mjs.)

use crate::*;
use clerk_widget::components::{ClerkProvider, UserProfile};

/// Signs Ada in on another client, as another computer would: the request
/// carries no cookie and its answer's cookie is dropped, so this browser's
/// client is untouched.
async fn another_computer_signs_in() {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_credentials(web_sys::RequestCredentials::Omit);
    let headers = web_sys::Headers::new().unwrap();
    headers
        .set("content-type", "application/x-www-form-urlencoded")
        .unwrap();
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&format!(
        "identifier={}&password={PASSWORD}&strategy=password",
        js_sys::encode_uri_component(ADA)
    )));
    let url = format!("{}/v1/client/sign_ins", fapi_url());
    let request = web_sys::Request::new_with_str_and_init(&url, &init).unwrap();
    let response: web_sys::Response =
        JsFuture::from(web_sys::window().unwrap().fetch_with_request(&request))
            .await
            .unwrap()
            .unchecked_into();
    assert_eq!(response.status(), 200, "the other computer signs in");
}

#[derive(Properties, PartialEq)]
struct PanelHarnessProps {
    clerk: Clerk,
}

#[component]
fn PanelHarness(p: &PanelHarnessProps) -> Html {
    html! {
        <ClerkProvider clerk={p.clerk.clone()}>
            <UserProfile />
        </ClerkProvider>
    }
}

fn find_all(host: &Element, selector: &str) -> Vec<HtmlElement> {
    let nodes = host.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

fn button_with_text(host: &Element, text: &str) -> Option<HtmlElement> {
    find_all(host, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
}

/// "Sign out of device" on the row that is not this device, then the
/// confirmation's "Sign out".
async fn sign_out_the_other_device(host: &Element) {
    let other = find_all(host, ".cl-activeDevice")
        .into_iter()
        .find(|row| {
            !row.text_content()
                .unwrap_or_default()
                .contains("This device")
        })
        .unwrap();
    button_with_text(&other, "Sign out of device")
        .unwrap()
        .click();
    tick().await;
    button_with_text(&other, "Sign out").unwrap().click();
}

#[wasm_bindgen_test]
async fn manage_account_opens_the_panel_as_a_modal_and_closing_it_returns_focus() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let ui = mount_open(&clerk, UserButtonProps::default()).await;
    ui.action("manageAccount").unwrap().click();
    wait_for("the account panel", || ui.find(".cl-userProfile").is_some()).await;
    assert!(ui.dialog().is_none(), "the menu closed");
    let modal: web_sys::HtmlDialogElement = ui.find("dialog.cl-modal").unwrap().unchecked_into();
    assert!(modal.open(), "shown");
    assert!(
        modal.matches(":modal").unwrap(),
        "as a modal: the page behind is inert"
    );
    assert_eq!(
        modal.get_attribute("aria-label").as_deref(),
        Some("Account")
    );
    // Closed (as Escape and the close button do; a real Escape is pressed
    // in e2e/user-profile.test.mjs): the button forgets it, and focus goes
    // back to the trigger that opened the menu.
    modal.close();
    wait_for("the dialog to go", || ui.find("dialog.cl-modal").is_none()).await;
    assert_eq!(active_element().unwrap(), ui.trigger().into());
    clerk.sign_out(staying()).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_failed_device_sign_out_keeps_the_row_and_shows_the_servers_words() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    another_computer_signs_in().await;
    let host = new_host();
    let app = yew::Renderer::<PanelHarness>::with_root_and_props(
        host.clone(),
        PanelHarnessProps {
            clerk: clerk.clone(),
        },
    )
    .render();
    wait_for("the panel", || {
        button_with_text(&host, "Security").is_some()
    })
    .await;
    button_with_text(&host, "Security").unwrap().click();
    wait_for("two devices", || {
        find_all(&host, ".cl-activeDevice").len() == 2
    })
    .await;

    set_fault("status:500").await;
    sign_out_the_other_device(&host).await;
    wait_for("the failure", || {
        host.query_selector("[role=alert]").unwrap().is_some()
    })
    .await;
    set_fault("pass").await;
    let alert = host.query_selector("[role=alert]").unwrap().unwrap();
    assert!(
        alert
            .text_content()
            .unwrap()
            .contains("Something went wrong"),
        "{:?}",
        alert.text_content()
    );
    assert_eq!(
        find_all(&host, ".cl-activeDevice").len(),
        2,
        "the other device is still signed in: its row stays"
    );
    // Retried with the server back, it goes.
    sign_out_the_other_device(&host).await;
    wait_for("one device", || {
        find_all(&host, ".cl-activeDevice").len() == 1
    })
    .await;
    app.destroy();
    host.remove();
    clerk.sign_out(staying()).await.unwrap();
}
