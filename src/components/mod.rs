//! Yew components: one per file, props beside them.

mod avatar;
mod popover;
mod provider;
mod sign_in;
mod user_button;

pub use avatar::{initials, Avatar, AvatarProps};
pub use popover::{UserButtonPopover, UserButtonPopoverProps};
pub use provider::{ClerkProvider, ClerkProviderProps};
pub use sign_in::{SignIn, SignInProps};
pub use user_button::{UserButton, UserButtonProps};

/// The widget's stylesheet: every rule is under a `cl-` class, and
/// `mountUserButton` puts it in a shadow root so that host pages and the
/// widget cannot restyle each other.
pub const STYLES: &str = include_str!("styles.css");
