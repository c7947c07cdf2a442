//! Where mounted components live on a host page, and why they leave nothing
//! behind.
//!
//! A mount appends one element of its own, `<clerk-mount>`, to the host and
//! renders inside that element's shadow root: the host's own children stay
//! where they are and keep showing, the page's CSS and the widget's stay
//! apart, and unmounting removes that one element, which restores the host
//! exactly.
//!
//! Yew never removes the event-delegation listeners of an app it has
//! mounted (`HostHandlers` forgets them, holding the app's tree), so every
//! `Renderer::render()` leaks its listeners, its container and its memory
//! for the life of the page. So apps are never destroyed here: an unmounted
//! app is emptied (its component and all its hooks are destroyed, which
//! removes the core listeners), detached, and kept as a spare [`Frame`] for
//! the next mount. The number of Yew apps is the most mounts that were ever
//! alive at once, however often a page mounts and unmounts.
//!
//! The same design makes `mount; unmount; mount` in one task (React
//! StrictMode's pattern) safe: Yew runs a scheduled destroy before a
//! scheduled first render, so destroying an app before it rendered left a
//! live component behind. Here, each step only changes what a frame's root
//! shows, and Yew renders the last of those changes.

use std::cell::RefCell;

use wasm_bindgen::JsValue;
use web_sys::{Element, ShadowRootInit, ShadowRootMode};
use yew::{html, AppHandle, Html, Properties};

use crate::components::{
    SignIn, SignInProps, UserButton, UserButtonProps, UserProfile, UserProfileProps, STYLES,
};

/// What a mount shows.
#[derive(Clone, PartialEq)]
pub enum Mountable {
    UserButton(UserButtonProps),
    SignIn(SignInProps),
    /// The account panel, inline or (`openUserProfile`) as a modal dialog.
    UserProfile(UserProfileProps),
}

/// Which kind of component; a host holds at most one mount of each kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    UserButton,
    SignIn,
    UserProfile,
    UserProfileModal,
}

impl Mountable {
    pub fn kind(&self) -> Kind {
        match self {
            Mountable::UserButton(_) => Kind::UserButton,
            Mountable::SignIn(_) => Kind::SignIn,
            Mountable::UserProfile(p) if p.modal_on_close.is_some() => Kind::UserProfileModal,
            Mountable::UserProfile(_) => Kind::UserProfile,
        }
    }
}

#[derive(Properties, Clone, PartialEq)]
struct FrameProps {
    content: Option<Mountable>,
}

/// Mounting again in the same element gives the component its new props,
/// as React's `root.render` does; an unmount in between starts it afresh.
#[yew::component]
fn FrameRoot(props: &FrameProps) -> Html {
    match &props.content {
        Some(Mountable::UserButton(p)) => html! { <UserButton ..p.clone() /> },
        Some(Mountable::SignIn(p)) => html! { <SignIn ..p.clone() /> },
        Some(Mountable::UserProfile(p)) => html! {
            <div class="cl-rootBox cl-userProfileBox" dir={crate::localization::dir()} lang={crate::localization::locale()}>
                <style>{ STYLES }</style>
                <UserProfile ..p.clone() />
            </div>
        },
        None => Html::default(),
    }
}

/// The element a mount appends to its host, with a Yew app in its shadow root.
struct Frame {
    element: Element,
    app: AppHandle<FrameRoot>,
}

struct Mount {
    host: Element,
    kind: Kind,
    frame: Frame,
}

/// The mounts on the page, and the emptied frames kept for the next ones.
#[derive(Default)]
struct Registry {
    mounts: Vec<Mount>,
    spare: Vec<Frame>,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::default();
}

fn with_registry<T>(f: impl FnOnce(&mut Registry) -> T) -> T {
    REGISTRY.with(|r| f(&mut r.borrow_mut()))
}

/// The tag of the element a mount adds to its host. A custom-element name,
/// so it accepts a shadow root and no page rule for `div` reaches it.
pub const FRAME_TAG: &str = "clerk-mount";

fn new_frame(document: &web_sys::Document) -> Result<Frame, JsValue> {
    let element = document.create_element(FRAME_TAG)?;
    let root = element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    let container = document.create_element("div")?;
    container.set_class_name("cl-host");
    root.append_child(&container)?;
    let app =
        yew::Renderer::<FrameRoot>::with_root_and_props(container, FrameProps { content: None })
            .render();
    Ok(Frame { element, app })
}

/// Shows `content` in `host`, replacing an earlier mount of the same kind there.
pub fn mount(host: &Element, content: Mountable) -> Result<(), JsValue> {
    let kind = content.kind();
    unmount(host, kind);
    let spare = with_registry(|r| r.spare.pop());
    let mut frame = match spare {
        Some(frame) => frame,
        None => {
            let document = host
                .owner_document()
                .ok_or_else(|| JsValue::from_str("the element has no document"))?;
            new_frame(&document)?
        }
    };
    frame.app.update(FrameProps {
        content: Some(content),
    });
    if let Err(error) = host.append_child(&frame.element) {
        park(frame);
        return Err(error);
    }
    with_registry(|r| {
        r.mounts.push(Mount {
            host: host.clone(),
            kind,
            frame,
        })
    });
    Ok(())
}

/// Whether `host` holds a mount of `kind`.
pub fn is_mounted(host: &Element, kind: Kind) -> bool {
    with_registry(|r| r.mounts.iter().any(|m| m.host == *host && m.kind == kind))
}

/// Removes the mount of `kind` from `host`; `false` when there was none.
pub fn unmount(host: &Element, kind: Kind) -> bool {
    let removed = with_registry(|r| {
        let index = r
            .mounts
            .iter()
            .position(|m| m.host == *host && m.kind == kind)?;
        Some(r.mounts.remove(index))
    });
    match removed {
        Some(mount) => {
            park(mount.frame);
            true
        }
        None => false,
    }
}

/// Empties a frame, takes it off the page and keeps it for the next mount.
fn park(mut frame: Frame) {
    frame.app.update(FrameProps { content: None });
    frame.element.remove();
    with_registry(|r| r.spare.push(frame));
}

/// How many Yew apps exist (mounted and spare): for tests, which check it
/// stays at the most mounts ever alive at once.
pub fn app_count() -> usize {
    with_registry(|r| r.mounts.len() + r.spare.len())
}
