//! The widget's view of Clerk's resources, read from the Frontend API's JSON.
//!
//! The browser parses the JSON (`JSON.parse`) and these types read the
//! fields the widget uses from the parsed object, which each keeps as
//! [`Client::js`] and friends: that untouched object is what
//! `Clerk.client`, `Clerk.session` and `Clerk.user` give JavaScript, with
//! every field the server sent. Reading the JSON this way instead of with
//! serde keeps serde_json's parser and every struct's deserializer out of
//! the download (57 of 190 KB gzipped, measured). Field names and meanings
//! are those of [`fapi_types`], the server's serde types; the browser tests
//! (`tests/wire.rs`) check that both read the same JSON alike.

use fapi_types::{DisplayConfig, PublicUserData, SessionStatus};
use js_sys::Array;
use wasm_bindgen::JsValue;

pub use crate::js_value::field;
use crate::js_value::set;

use crate::error::{codes, ClerkError};

fn string(object: &JsValue, key: &str) -> Option<String> {
    field(object, key).as_string()
}

fn string_or_empty(object: &JsValue, key: &str) -> String {
    string(object, key).unwrap_or_default()
}

fn flag(object: &JsValue, key: &str) -> bool {
    field(object, key).as_bool().unwrap_or(false)
}

/// A field the resource cannot do without.
fn required(object: &JsValue, key: &str, what: &str) -> Result<String, ClerkError> {
    string(object, key).ok_or_else(|| unreadable(what, key))
}

/// The server answered JSON that is not the resource this client asked for.
pub(crate) fn unreadable(what: &str, key: &str) -> ClerkError {
    ClerkError::new(
        codes::UNEXPECTED_RESPONSE,
        format!("The Frontend API answered with JSON this client cannot read: {what}.{key} is missing or not of its type."),
    )
}

/// `null`/absent is `None`; anything else must decode.
fn optional<T>(
    value: &JsValue,
    decode: fn(&JsValue) -> Result<T, ClerkError>,
) -> Result<Option<T>, ClerkError> {
    if value.is_null() || value.is_undefined() {
        Ok(None)
    } else {
        decode(value).map(Some)
    }
}

/// A browser's client: its sessions, and which one it used last.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    pub id: String,
    pub sessions: Vec<Session>,
    pub last_active_session_id: Option<String>,
    /// The object the server sent.
    pub js: JsValue,
}

impl Client {
    pub fn from_js(value: &JsValue) -> Result<Client, ClerkError> {
        let sessions = field(value, "sessions");
        let sessions = if sessions.is_undefined() || sessions.is_null() {
            Vec::new()
        } else if Array::is_array(&sessions) {
            Array::from(&sessions)
                .iter()
                .map(|s| Session::from_js(&s))
                .collect::<Result<_, _>>()?
        } else {
            return Err(unreadable("client", "sessions"));
        };
        Ok(Client {
            id: required(value, "id", "client")?,
            sessions,
            last_active_session_id: string(value, "last_active_session_id"),
            js: value.clone(),
        })
    }

    /// `null` (a browser without a client yet) is `None`.
    pub fn from_js_or_null(value: &JsValue) -> Result<Option<Client>, ClerkError> {
        optional(value, Client::from_js)
    }

    /// Sessions that count as signed in (`active` or `pending`).
    pub fn signed_in_sessions(&self) -> impl Iterator<Item = &Session> {
        self.sessions.iter().filter(|s| s.status.is_signed_in())
    }

    /// The current session: `last_active_session_id` when that session is
    /// signed in, else the first signed-in one (clerk-js's rule).
    pub fn current_session(&self) -> Option<&Session> {
        self.last_active_session_id
            .as_deref()
            .and_then(|id| self.signed_in_sessions().find(|s| s.id == id))
            .or_else(|| self.signed_in_sessions().next())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: String,
    pub status: SessionStatus,
    /// The session JWT the server last minted (`last_active_token.jwt`).
    pub last_active_token: Option<String>,
    pub user: Option<User>,
    /// Name, picture and identifier, for the account menu (empty when absent).
    pub public_user_data: PublicUserData,
    pub js: JsValue,
}

impl Session {
    pub fn from_js(value: &JsValue) -> Result<Session, ClerkError> {
        let status = required(value, "status", "session")?;
        let data = field(value, "public_user_data");
        Ok(Session {
            id: required(value, "id", "session")?,
            status: SessionStatus::parse(&status),
            last_active_token: string(&field(value, "last_active_token"), "jwt"),
            user: optional(&field(value, "user"), User::from_js)?,
            public_user_data: PublicUserData {
                first_name: string(&data, "first_name"),
                last_name: string(&data, "last_name"),
                image_url: string_or_empty(&data, "image_url"),
                has_image: flag(&data, "has_image"),
                identifier: string_or_empty(&data, "identifier"),
                user_id: string(&data, "user_id"),
                username: string(&data, "username"),
            },
            js: value.clone(),
        })
    }

    /// Records a freshly minted JWT, in the Rust view and in the object
    /// JavaScript sees.
    pub fn set_token(&mut self, token: &Token) {
        self.last_active_token = Some(token.jwt.clone());
        if self.js.is_object() {
            set(&self.js, "last_active_token", &token.js);
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub image_url: String,
    pub has_image: bool,
    /// The primary email address, or the first one.
    pub primary_email_address: Option<String>,
    pub js: JsValue,
}

impl User {
    pub fn from_js(value: &JsValue) -> Result<User, ClerkError> {
        let primary_id = string(value, "primary_email_address_id");
        let addresses = field(value, "email_addresses");
        let addresses: Vec<JsValue> = if Array::is_array(&addresses) {
            Array::from(&addresses).iter().collect()
        } else {
            Vec::new()
        };
        let primary = addresses
            .iter()
            .find(|a| primary_id.is_some() && string(a, "id") == primary_id)
            .or_else(|| addresses.first());
        Ok(User {
            id: required(value, "id", "user")?,
            first_name: string(value, "first_name"),
            last_name: string(value, "last_name"),
            username: string(value, "username"),
            image_url: string_or_empty(value, "image_url"),
            has_image: flag(value, "has_image"),
            primary_email_address: primary.and_then(|a| string(a, "email_address")),
            js: value.clone(),
        })
    }

    /// "First Last", or whichever of the two exists.
    pub fn full_name(&self) -> Option<String> {
        fapi_types::full_name(self.first_name.as_deref(), self.last_name.as_deref())
    }
}

/// `{"object":"token","jwt":"…"}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub jwt: String,
    pub js: JsValue,
}

impl Token {
    pub fn from_js(value: &JsValue) -> Result<Token, ClerkError> {
        Ok(Token {
            jwt: required(value, "jwt", "token")?,
            js: value.clone(),
        })
    }
}

/// The instance's settings the widget uses.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Environment {
    pub single_session_mode: bool,
    pub display_config: DisplayConfig,
}

impl Environment {
    pub fn from_js(value: &JsValue) -> Result<Environment, ClerkError> {
        let auth = field(value, "auth_config");
        let display = field(value, "display_config");
        if !auth.is_object() {
            return Err(unreadable("environment", "auth_config"));
        }
        let url = |key: &str| string_or_empty(&display, key);
        Ok(Environment {
            single_session_mode: flag(&auth, "single_session_mode"),
            display_config: DisplayConfig {
                application_name: url("application_name"),
                home_url: url("home_url"),
                sign_in_url: url("sign_in_url"),
                sign_up_url: url("sign_up_url"),
                user_profile_url: url("user_profile_url"),
                after_sign_in_url: url("after_sign_in_url"),
                after_sign_up_url: url("after_sign_up_url"),
                after_sign_out_one_url: url("after_sign_out_one_url"),
                after_sign_out_all_url: url("after_sign_out_all_url"),
                after_switch_session_url: url("after_switch_session_url"),
                ..DisplayConfig::default()
            },
        })
    }
}

/// The answer of a sign-in (wire: `sign_in_attempt`): the attempt's
/// created session, if complete.
#[derive(Debug, Clone, PartialEq)]
pub struct SignInAttempt {
    pub status: String,
    pub created_session_id: Option<String>,
}

impl SignInAttempt {
    pub fn from_js(value: &JsValue) -> Result<SignInAttempt, ClerkError> {
        Ok(SignInAttempt {
            status: required(value, "status", "sign_in")?,
            created_session_id: string(value, "created_session_id"),
        })
    }
}

/// `{"response": T, "client": Client|null}`, the envelope of FAPI writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope<T> {
    pub response: T,
    pub client: Option<Client>,
}

impl<T> Envelope<T> {
    pub fn from_js(
        value: &JsValue,
        response: fn(&JsValue) -> Result<T, ClerkError>,
    ) -> Result<Envelope<T>, ClerkError> {
        Ok(Envelope {
            response: response(&field(value, "response"))?,
            client: Client::from_js_or_null(&field(value, "client"))?,
        })
    }
}
