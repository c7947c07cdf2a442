//! Security → Active devices: every browser the user is signed in on, the
//! most recently used first, and signing them out: one at a time (after a
//! confirmation), or all but this one.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::localization::t;

use super::account_data::{time_ago, Device};
use super::requests::{load_devices, revoke, revoke_others};
use super::task::{feedback, run, Task};
use crate::browser::now_ms;
use crate::clerk::{Clerk, SignOutOptions};
use crate::hooks::use_clerk;

/// The list, its request, and the sign-out being confirmed. State of the
/// panel's component (see `panel.rs`), so that the panel is one component.
pub struct Devices {
    list: UseStateHandle<Option<Vec<Device>>>,
    task: UseStateHandle<Task>,
    confirming: UseStateHandle<Confirming>,
    act: Callback<Confirming>,
    /// This browser's session: its row says "This device".
    current: String,
}

/// What a device's row asks before signing it out.
#[derive(Debug, Clone, PartialEq)]
enum Confirming {
    Nothing,
    One(String),
    AllOthers,
}

/// Re-reads the list; a failure leaves the last list as it was.
fn reload(clerk: &Clerk, list: &UseStateHandle<Option<Vec<Device>>>, task: &UseStateHandle<Task>) {
    let (clerk, list, task) = (clerk.clone(), list.clone(), task.clone());
    spawn_local(async move {
        match load_devices(&clerk).await {
            Ok(devices) => list.set(Some(devices)),
            Err(error) => task.set(Task::Failed(error)),
        }
    });
}

/// The list is read when `read_when.0` turns true (the Security page
/// shows) and again whenever `read_when.1` changes (a password change
/// signed other devices out).
#[hook]
pub fn use_devices(current_session_id: &str, read_when: (bool, u32)) -> Devices {
    let clerk = use_clerk();
    let list = use_state(|| None::<Vec<Device>>);
    let task = use_state(|| Task::Idle);
    let confirming = use_state(|| Confirming::Nothing);
    {
        let (clerk, list, task) = (clerk.clone(), list.clone(), task.clone());
        use_effect_with(read_when, move |(shown, _)| {
            if *shown {
                reload(&clerk, &list, &task)
            }
        });
    }
    let act = {
        let (clerk, list, task, confirming) = (
            clerk.clone(),
            list.clone(),
            task.clone(),
            confirming.clone(),
        );
        let current = current_session_id.to_string();
        Callback::from(move |what: Confirming| {
            let (clerk, list) = (clerk.clone(), list.clone());
            confirming.set(Confirming::Nothing);
            match what {
                Confirming::Nothing => {}
                Confirming::One(id) if id == current => {
                    run(
                        &task,
                        t("userProfile.activeDevices.signedOutHere", "Signed out."),
                        Box::pin(async move {
                            let options = SignOutOptions {
                                session_id: Some(id),
                                ..SignOutOptions::default()
                            };
                            clerk.sign_out(options).await
                        }),
                    );
                }
                Confirming::One(id) => run(
                    &task,
                    t(
                        "userProfile.activeDevices.signedOutOne",
                        "The device is signed out.",
                    ),
                    Box::pin(async move {
                        let outcome = revoke(&clerk, &id).await;
                        // Read again either way: the list shows what the server says.
                        if let Ok(devices) = load_devices(&clerk).await {
                            list.set(Some(devices));
                        }
                        outcome
                    }),
                ),
                Confirming::AllOthers => run(
                    &task,
                    t(
                        "userProfile.activeDevices.signedOutOthers",
                        "Every other device is signed out.",
                    ),
                    Box::pin(async move {
                        list.set(Some(revoke_others(&clerk).await?));
                        Ok(())
                    }),
                ),
            }
        })
    };
    Devices {
        list,
        task,
        confirming,
        act,
        current: current_session_id.to_string(),
    }
}

pub fn view(state: &Devices) -> Html {
    let Devices {
        list,
        task,
        confirming,
        act,
        current,
    } = state;
    let Some(devices) = (**list).clone() else {
        return html! {
            <section class="cl-profileSection" aria-labelledby="cl-devices-heading" aria-busy="true">
                <h3 id="cl-devices-heading" class="cl-profileSubtitle">{ t("userProfile.start.activeDevicesSection.title", "Active devices") }</h3>
                <p class="cl-profileMuted" role="status">{ t("userProfile.activeDevices.loading", "Loading your devices…") }</p>
                { feedback(task) }
            </section>
        };
    };
    let others = devices.iter().filter(|d| d.session_id != *current).count();
    let busy = task.busy();
    let now = now_ms();
    html! {
        <section class="cl-profileSection" aria-labelledby="cl-devices-heading">
            <h3 id="cl-devices-heading" class="cl-profileSubtitle">{ t("userProfile.start.activeDevicesSection.title", "Active devices") }</h3>
            <ul class="cl-profileList">
                { for devices.iter().map(|device| row(device, current, confirming, act, busy, now)) }
            </ul>
            { feedback(task) }
            if others > 0 {
                if **confirming == Confirming::AllOthers {
                    { confirmation(t("userProfile.activeDevices.confirmOthers", "Sign out of every other device?"), Confirming::AllOthers, confirming, act, busy) }
                } else {
                    <button type="button" class="cl-formButtonReset" disabled={busy}
                        onclick={let c = confirming.clone(); move |_| c.set(Confirming::AllOthers)}>
                        { t("userProfile.activeDevices.signOutOthers", "Sign out of all other devices") }
                    </button>
                }
            }
        </section>
    }
}

/// One device: what and where it is, when it was last used, and its
/// sign-out (asked once more before it happens).
fn row(
    device: &Device,
    current: &str,
    confirming: &UseStateHandle<Confirming>,
    act: &Callback<Confirming>,
    busy: bool,
    now: f64,
) -> Html {
    let this = device.session_id == current;
    let asking = **confirming == Confirming::One(device.session_id.clone());
    let ask = {
        let (confirming, id) = (confirming.clone(), device.session_id.clone());
        Callback::from(move |_: MouseEvent| confirming.set(Confirming::One(id.clone())))
    };
    let label = if this {
        t("userProfile.activeDevices.signOutHere", "Sign out")
    } else {
        t(
            "userProfile.start.activeDevicesSection.destructiveAction",
            "Sign out of device",
        )
    };
    html! {
        <li key={device.session_id.clone()} class="cl-profileListItem cl-activeDevice"
            data-session-id={device.session_id.clone()}>
            <div class="cl-activeDeviceText">
                <p class="cl-activeDeviceTitle">
                    { device.browser_label() }
                    if this {
                        <span class="cl-badge">{ t("badge__thisDevice", "This device") }</span>
                    }
                </p>
                <p class="cl-profileMuted">{ device.device_label() }</p>
                if let Some(place) = device.place_label() {
                    <p class="cl-profileMuted">{ place }</p>
                }
                <p class="cl-profileMuted">{ time_ago(device.last_active_at, now) }</p>
            </div>
            if asking {
                { confirmation(
                    if this {
                        t("userProfile.activeDevices.confirmHere", "Sign out on this device?")
                    } else {
                        t("userProfile.activeDevices.confirmOne", "Sign out of this device?")
                    },
                    Confirming::One(device.session_id.clone()),
                    confirming,
                    act,
                    busy,
                ) }
            } else {
                <button type="button" class="cl-formButtonReset" onclick={ask} disabled={busy}
                    aria-label={format!("{label}: {}", device.browser_label())}>
                    { label.clone() }
                </button>
            }
        </li>
    }
}

/// The second step of a sign-out: say what will happen, do it or not.
fn confirmation(
    question: AttrValue,
    what: Confirming,
    confirming: &UseStateHandle<Confirming>,
    act: &Callback<Confirming>,
    busy: bool,
) -> Html {
    let confirm = act.reform(move |_: MouseEvent| what.clone());
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(Confirming::Nothing))
    };
    html! {
        <div class="cl-confirm" role="group" aria-label={question.clone()}>
            <span class="cl-confirmText">{ question }</span>
            <button type="button" class="cl-formButtonDanger" onclick={confirm} disabled={busy}>
                { t("userProfile.activeDevices.signOutHere", "Sign out") }
            </button>
            <button type="button" class="cl-formButtonReset" onclick={cancel} disabled={busy}>
                { t("formButtonReset", "Cancel") }
            </button>
        </div>
    }
}
