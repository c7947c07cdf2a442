//! The UserButton: ARIA, focus, switching, progress, errors, the avatar.

use crate::*;

#[wasm_bindgen_test]
async fn the_trigger_opens_an_accessible_panel_and_escape_closes_it() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let ui = mount(&clerk, UserButtonProps::default()).await;
    let trigger = ui.trigger();
    // Named by its text, whose menu it is; aria-expanded says whether it is open.
    assert!(trigger.get_attribute("aria-label").is_none());
    assert_eq!(
        ui.find(".cl-userButtonTrigger .cl-visuallyHidden")
            .unwrap()
            .text_content()
            .unwrap(),
        "Ada Lovelace, user menu"
    );
    assert_eq!(trigger.get_attribute("aria-expanded").unwrap(), "false");
    assert_eq!(trigger.get_attribute("aria-haspopup").unwrap(), "dialog");
    assert!(trigger.get_attribute("aria-controls").is_none());
    assert_eq!(
        ui.find(".cl-avatarInitials")
            .unwrap()
            .text_content()
            .unwrap(),
        "AL"
    );
    assert!(ui.dialog().is_none(), "closed: not in the DOM");

    trigger.click();
    tick().await;
    let dialog = ui.dialog().expect("open");
    assert_eq!(dialog.get_attribute("aria-label").unwrap(), "Account panel");
    assert_eq!(trigger.get_attribute("aria-expanded").unwrap(), "true");
    assert_eq!(dialog.get_attribute("aria-modal").unwrap(), "true");
    assert_eq!(trigger.get_attribute("aria-controls").unwrap(), dialog.id());
    assert_eq!(
        ui.find(".cl-userPreviewMainIdentifier")
            .unwrap()
            .text_content()
            .unwrap(),
        "Ada Lovelace"
    );
    assert_eq!(
        ui.find(".cl-userPreviewSecondaryIdentifier")
            .unwrap()
            .text_content()
            .unwrap(),
        ADA
    );
    let group = ui.find(".cl-userButtonPopoverActions").unwrap();
    assert_eq!(
        group.get_attribute("aria-label").unwrap(),
        "Account actions"
    );
    let manage = ui.action("manageAccount").unwrap();
    assert_eq!(
        active_element().unwrap(),
        manage.clone().into(),
        "focus moves into the panel"
    );
    // One account: no "Sign out of all accounts".
    assert!(ui.action("signOutAll").is_none());
    assert!(
        ui.action("addAccount").is_some(),
        "multi-session mode offers Add account"
    );

    key(&manage, "Escape", false);
    tick().await;
    assert!(ui.dialog().is_none());
    assert_eq!(
        active_element().unwrap(),
        trigger.clone().into(),
        "focus returns to the trigger"
    );
}

#[wasm_bindgen_test]
async fn tab_is_trapped_and_a_click_outside_closes() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let ui = mount_open(&clerk, UserButtonProps::default()).await;
    let dialog = ui.dialog().expect("defaultOpen opens it");
    let buttons = dialog.query_selector_all("button").unwrap();
    let first: HtmlElement = buttons.item(0).unwrap().unchecked_into();
    let last: HtmlElement = buttons.item(buttons.length() - 1).unwrap().unchecked_into();
    last.focus().unwrap();
    key(&last, "Tab", false);
    assert_eq!(
        active_element().unwrap(),
        first.clone().into(),
        "Tab wraps to the first"
    );
    key(&first, "Tab", true);
    assert_eq!(
        active_element().unwrap(),
        last.clone().into(),
        "Shift+Tab wraps to the last"
    );

    let outside = new_host();
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let event = web_sys::PointerEvent::new_with_event_init_dict("pointerdown", &init).unwrap();
    outside.dispatch_event(&event).unwrap();
    tick().await;
    assert!(ui.dialog().is_none(), "a click outside closes");
    assert_eq!(active_element().unwrap(), ui.trigger().into());
    outside.remove();
}

#[wasm_bindgen_test]
async fn other_accounts_are_listed_and_a_click_switches() {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let ada = active_id(&clerk).unwrap();
    clerk.sign_in(GRACE, PASSWORD).await.unwrap();
    let ui = mount_open(&clerk, UserButtonProps::default()).await;
    let groups = ui.host.query_selector_all("[role=group]").unwrap();
    let labels: Vec<String> = (0..groups.length())
        .map(|i| {
            groups
                .item(i)
                .unwrap()
                .unchecked_into::<Element>()
                .get_attribute("aria-label")
                .unwrap()
        })
        .collect();
    assert_eq!(labels, ["Account actions", "Switch account"]);
    assert!(
        ui.action("signOutAll").is_some(),
        "other sessions: sign out of all"
    );
    let switch = ui
        .find(".cl-userButtonPopoverActionButton__switchSession")
        .unwrap();
    // Named by what it shows (no aria-label to contradict the text).
    assert!(switch.get_attribute("aria-label").is_none());
    let text = switch
        .query_selector(".cl-userPreviewTextContainer")
        .unwrap()
        .unwrap();
    assert_eq!(text.text_content().unwrap(), format!("Ada Lovelace{ADA}"));
    clear_log().await;
    switch.focus().unwrap();
    switch.click();
    wait_for("the switch", || {
        active_id(&clerk).as_deref() == Some(ada.as_str())
    })
    .await;
    tick().await;
    assert!(ui.dialog().is_none(), "the menu closes after a switch");
    assert_eq!(
        active_element().unwrap(),
        ui.trigger().into(),
        "and focus goes back to the trigger"
    );
    let requests = requests_since_load().await;
    assert_eq!(requests.len(), 1);
    assert!(requests[0].starts_with(&format!("POST /v1/client/sessions/{ada}/touch [")));
    assert!(requests[0].contains("intent=select_session"));
    ui.trigger().click();
    tick().await;
    assert_eq!(
        ui.find(".cl-userPreviewMainIdentifier")
            .unwrap()
            .text_content()
            .unwrap(),
        "Ada Lovelace"
    );
}

/// Ada signed in through the proxy, her menu open, full sign-outs going to `after`.
async fn ada_with_open_menu(after: &str) -> (Clerk, Mounted) {
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let ui = mount_open(
        &clerk,
        UserButtonProps {
            after_sign_out_url: Some(after.to_string().into()),
            ..Default::default()
        },
    )
    .await;
    (clerk, ui)
}

#[wasm_bindgen_test]
async fn sign_out_from_the_menu_shows_progress_then_navigates() {
    let (clerk, ui) = ada_with_open_menu("#menu-signed-out").await;
    clear_log().await;
    set_fault("delay:300").await;
    let sign_out = ui.action("signOut").unwrap();
    sign_out.focus().unwrap();
    sign_out.click();
    tick().await;
    assert_eq!(ui.action("signOut").unwrap(), sign_out, "the same button");
    assert_eq!(sign_out.get_attribute("aria-busy").unwrap(), "true");
    assert!(sign_out.find_spinner());
    assert_eq!(
        ui.action("manageAccount")
            .unwrap()
            .get_attribute("aria-disabled")
            .unwrap(),
        "true",
        "all actions disabled"
    );
    assert_eq!(
        active_element().unwrap(),
        sign_out.clone().into(),
        "the busy item keeps focus"
    );
    sign_out.click(); // a second click does nothing
    wait_for("the sign-out", || {
        clerk.snapshot().current == CurrentSession::SignedOut
    })
    .await;
    set_fault("pass").await;
    assert_eq!(location_hash(), "#menu-signed-out");
    tick().await;
    assert!(
        ui.find(".cl-userButtonTrigger").is_none(),
        "signed out: the button is gone"
    );
    let removes = requests_since_load().await;
    assert_eq!(
        removes,
        vec!["POST /v1/client/sessions?_method=DELETE []".to_string()]
    );
}

#[wasm_bindgen_test]
async fn a_failed_sign_out_shows_the_error_and_can_be_retried() {
    let (clerk, ui) = ada_with_open_menu("#retried").await;
    set_fault("down").await;
    ui.action("signOut").unwrap().focus().unwrap();
    ui.action("signOut").unwrap().click();
    wait_for("the error", || ui.find("[role=alert]").is_some()).await;
    let alert = ui.find("[role=alert]").unwrap().text_content().unwrap();
    assert_eq!(
        alert,
        "We couldn't reach the sign-in service. Check your connection and try again."
    );
    let sign_out = ui.action("signOut").unwrap();
    assert_eq!(
        sign_out.get_attribute("aria-disabled").unwrap(),
        "false",
        "re-enabled"
    );
    assert_eq!(
        active_element().unwrap(),
        sign_out.clone().into(),
        "focus stays on the item after the error"
    );
    assert!(ui.trigger().is_connected(), "still signed in: the UI stays");

    set_fault("pass").await;
    sign_out.click();
    wait_for("the retry", || {
        clerk.snapshot().current == CurrentSession::SignedOut
    })
    .await;
    assert_eq!(location_hash(), "#retried");
}

#[derive(Properties, PartialEq)]
struct AvatarHarnessProps {
    image_url: Option<AttrValue>,
}

#[component]
fn AvatarHarness(p: &AvatarHarnessProps) -> Html {
    html! { <clerk_widget::components::Avatar image_url={p.image_url.clone()} initials={Some(AttrValue::from("AL"))} /> }
}

async fn render_avatar(image_url: Option<&str>) -> (Element, yew::AppHandle<AvatarHarness>) {
    let host = new_host();
    let app = yew::Renderer::<AvatarHarness>::with_root_and_props(
        host.clone(),
        AvatarHarnessProps {
            image_url: image_url.map(|u| AttrValue::from(u.to_string())),
        },
    )
    .render();
    tick().await;
    (host, app)
}

#[wasm_bindgen_test]
async fn the_avatar_shows_the_image_or_initials_when_it_fails() {
    // A 1x1 PNG that loads.
    let ok = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    let (host, app) = render_avatar(Some(ok)).await;
    gloo_timers::future::TimeoutFuture::new(100).await;
    assert!(host.query_selector("img.cl-avatarImage").unwrap().is_some());
    assert!(host.query_selector(".cl-avatarInitials").unwrap().is_none());
    app.destroy();
    host.remove();

    // Nothing listens on port 9 of this machine: the image fails, initials show.
    let (host, app) = render_avatar(Some("http://127.0.0.1:9/avatar.png")).await;
    wait_for("the image to fail", || {
        host.query_selector(".cl-avatarInitials").unwrap().is_some()
    })
    .await;
    assert_eq!(
        host.query_selector(".cl-avatarInitials")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "AL"
    );
    assert!(host.query_selector("img").unwrap().is_none());
    app.destroy();
    host.remove();

    let (host, app) = render_avatar(None).await;
    assert!(
        host.query_selector(".cl-avatarInitials").unwrap().is_some(),
        "no image: initials"
    );
    app.destroy();
    host.remove();
}

/// A Yew app's `custom_menu_items`: its callback runs and the menu closes;
/// its icon is its own `Html`; the built-in "Sign out" goes where the list
/// puts it.
#[wasm_bindgen_test]
async fn a_yew_apps_custom_items_run_their_callbacks_in_clerks_order() {
    use clerk_widget::components::user_button::{
        CustomAction, CustomMenuItem, CustomMenuItems, MenuIcon,
    };
    let clerk = clerk_via_proxy().await;
    clerk.sign_in(ADA, PASSWORD).await.unwrap();
    let clicks = Rc::new(RefCell::new(0));
    let counter = clicks.clone();
    let items: Rc<[CustomMenuItem]> = Rc::from(vec![
        CustomMenuItem {
            label: "signOut".into(),
            action: CustomAction::SignOut,
            icon: MenuIcon::None,
        },
        CustomMenuItem {
            label: "Help".into(),
            action: CustomAction::Callback(Callback::from(move |()| *counter.borrow_mut() += 1)),
            icon: MenuIcon::Render(|| html! { <b class="help-icon">{ "?" }</b> }),
        },
    ]);
    let ui = mount_open(
        &clerk,
        UserButtonProps {
            custom_menu_items: CustomMenuItems::Rust(items),
            ..Default::default()
        },
    )
    .await;
    let rows: Vec<String> = {
        let list = ui
            .host
            .query_selector_all(
                ".cl-userButtonPopoverActions .cl-userButtonPopoverActionButtonText",
            )
            .unwrap();
        (0..list.length())
            .filter_map(|i| list.get(i)?.text_content())
            .collect()
    };
    assert_eq!(rows[..3], ["Manage account", "Sign out", "Help"]);
    assert!(ui
        .find(".cl-userButtonPopoverCustomItemButton .help-icon")
        .is_some());
    ui.find(".cl-userButtonPopoverCustomItemButton")
        .unwrap()
        .click();
    tick().await;
    assert_eq!(*clicks.borrow(), 1);
    assert!(ui.dialog().is_none(), "the menu closed");
}
