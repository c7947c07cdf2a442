//! Serde types of the Clerk Frontend API (FAPI) wire format.
//!
//! Shared by the widget (which deserialises them) and the server (which
//! serialises them), so both ends agree on one definition. Field names follow
//! Clerk's OpenAPI spec; every timestamp is Unix **milliseconds**.
//!
//! Deserialisation is lenient on purpose: fields that a real Clerk backend
//! may omit or add are defaulted or ignored, so the widget keeps working
//! against any Clerk-compatible Frontend API.

use serde::{Deserialize, Serialize};

mod environment;
mod error;
mod jwt;

pub use environment::*;
pub use error::*;
pub use jwt::*;

/// `{"response": T, "client": Client|null}`: the envelope of every FAPI
/// answer except `GET /v1/environment` and `POST .../tokens`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub response: T,
    #[serde(default)]
    pub client: Option<Client>,
}

/// A browser's client: the cookie-identified bag of sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Client {
    #[serde(default = "object_client")]
    pub object: String,
    pub id: String,
    #[serde(default)]
    pub sessions: Vec<Session>,
    #[serde(default)]
    pub sign_in: Option<SignIn>,
    #[serde(default)]
    pub sign_up: Option<serde_json::Value>,
    #[serde(default)]
    pub last_active_session_id: Option<String>,
    #[serde(default)]
    pub last_authentication_strategy: Option<String>,
    #[serde(default)]
    pub cookie_expires_at: Option<i64>,
    #[serde(default)]
    pub captcha_bypass: bool,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
}

fn object_client() -> String {
    "client".into()
}

impl Client {
    /// Sessions that count as signed in (`active` or `pending`).
    pub fn signed_in_sessions(&self) -> impl Iterator<Item = &Session> {
        self.sessions.iter().filter(|s| s.status.is_signed_in())
    }
}

/// Every status a session can have. Unknown statuses from a newer server
/// deserialise as [`SessionStatus::Unknown`] rather than failing the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Active,
    Pending,
    Ended,
    Removed,
    Revoked,
    Expired,
    Abandoned,
    Replaced,
    #[serde(other)]
    Unknown,
}

impl SessionStatus {
    /// `active` and `pending` sessions are signed in; all others are over.
    pub fn is_signed_in(self) -> bool {
        matches!(self, SessionStatus::Active | SessionStatus::Pending)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Active => "active",
            SessionStatus::Pending => "pending",
            SessionStatus::Ended => "ended",
            SessionStatus::Removed => "removed",
            SessionStatus::Revoked => "revoked",
            SessionStatus::Expired => "expired",
            SessionStatus::Abandoned => "abandoned",
            SessionStatus::Replaced => "replaced",
            SessionStatus::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> SessionStatus {
        match text {
            "active" => SessionStatus::Active,
            "pending" => SessionStatus::Pending,
            "ended" => SessionStatus::Ended,
            "removed" => SessionStatus::Removed,
            "revoked" => SessionStatus::Revoked,
            "expired" => SessionStatus::Expired,
            "abandoned" => SessionStatus::Abandoned,
            "replaced" => SessionStatus::Replaced,
            _ => SessionStatus::Unknown,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    #[serde(default = "object_session")]
    pub object: String,
    pub id: String,
    pub status: SessionStatus,
    #[serde(default)]
    pub expire_at: i64,
    #[serde(default)]
    pub abandon_at: i64,
    #[serde(default)]
    pub last_active_at: i64,
    #[serde(default)]
    pub last_active_token: Option<Token>,
    #[serde(default)]
    pub last_active_organization_id: Option<String>,
    #[serde(default)]
    pub actor: Option<serde_json::Value>,
    #[serde(default)]
    pub user: Option<User>,
    #[serde(default)]
    pub public_user_data: Option<PublicUserData>,
    #[serde(default)]
    pub factor_verification_age: Option<Vec<i64>>,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
}

fn object_session() -> String {
    "session".into()
}

/// `{"object":"token","jwt":"..."}`, the answer of `POST .../tokens` and the
/// `last_active_token` of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    #[serde(default = "object_token")]
    pub object: String,
    pub jwt: String,
}

fn object_token() -> String {
    "token".into()
}

impl Token {
    pub fn new(jwt: String) -> Token {
        Token {
            object: object_token(),
            jwt,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    #[serde(default = "object_user")]
    pub object: String,
    pub id: String,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub image_url: String,
    #[serde(default)]
    pub has_image: bool,
    #[serde(default)]
    pub primary_email_address_id: Option<String>,
    #[serde(default)]
    pub primary_phone_number_id: Option<String>,
    #[serde(default)]
    pub password_enabled: bool,
    #[serde(default)]
    pub two_factor_enabled: bool,
    #[serde(default)]
    pub email_addresses: Vec<EmailAddress>,
    #[serde(default)]
    pub phone_numbers: Vec<serde_json::Value>,
    #[serde(default)]
    pub public_metadata: serde_json::Value,
    #[serde(default)]
    pub unsafe_metadata: serde_json::Value,
    #[serde(default)]
    pub last_sign_in_at: Option<i64>,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
}

fn object_user() -> String {
    "user".into()
}

impl User {
    pub fn primary_email_address(&self) -> Option<&EmailAddress> {
        let primary = self.primary_email_address_id.as_deref();
        self.email_addresses
            .iter()
            .find(|e| Some(e.id.as_str()) == primary)
            .or_else(|| self.email_addresses.first())
    }

    /// "First Last", or whichever of the two exists, or `None`.
    pub fn full_name(&self) -> Option<String> {
        full_name(self.first_name.as_deref(), self.last_name.as_deref())
    }
}

/// Joins the name parts that are present and non-blank.
pub fn full_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let mut name = String::new();
    for part in [first, last].into_iter().flatten().map(str::trim) {
        if !part.is_empty() {
            if !name.is_empty() {
                name.push(' ');
            }
            name.push_str(part);
        }
    }
    (!name.is_empty()).then_some(name)
}

fn object_email_address() -> String {
    "email_address".into()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmailAddress {
    #[serde(default = "object_email_address")]
    pub object: String,
    pub id: String,
    pub email_address: String,
    #[serde(default)]
    pub reserved: bool,
    #[serde(default)]
    pub verification: Option<Verification>,
    #[serde(default)]
    pub linked_to: Vec<serde_json::Value>,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub status: String,
    #[serde(default)]
    pub strategy: Option<String>,
    #[serde(default)]
    pub attempts: Option<i64>,
    #[serde(default)]
    pub expire_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PublicUserData {
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub image_url: String,
    #[serde(default)]
    pub has_image: bool,
    #[serde(default)]
    pub identifier: String,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
}

impl PublicUserData {
    pub fn full_name(&self) -> Option<String> {
        full_name(self.first_name.as_deref(), self.last_name.as_deref())
    }

    /// How an account is titled wherever it is shown: its name with the
    /// identifier (the email address) under it, or the identifier alone.
    pub fn title_and_subtitle(&self) -> (String, Option<String>) {
        match self.full_name() {
            Some(name) => (
                name,
                Some(self.identifier.clone()).filter(|i| !i.is_empty()),
            ),
            None => (self.identifier.clone(), None),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignInStatus {
    Abandoned,
    NeedsIdentifier,
    NeedsFirstFactor,
    NeedsSecondFactor,
    NeedsClientTrust,
    NeedsNewPassword,
    NeedsProtectCheck,
    Complete,
    #[serde(other)]
    Unknown,
}

/// A sign-in attempt (`object: "sign_in_attempt"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignIn {
    #[serde(default = "object_sign_in")]
    pub object: String,
    pub id: String,
    pub status: SignInStatus,
    #[serde(default)]
    pub supported_identifiers: Vec<String>,
    #[serde(default)]
    pub supported_first_factors: Vec<serde_json::Value>,
    #[serde(default)]
    pub supported_second_factors: Vec<serde_json::Value>,
    #[serde(default)]
    pub first_factor_verification: Option<Verification>,
    #[serde(default)]
    pub second_factor_verification: Option<Verification>,
    #[serde(default)]
    pub identifier: Option<String>,
    #[serde(default)]
    pub user_data: Option<PublicUserData>,
    #[serde(default)]
    pub created_session_id: Option<String>,
    #[serde(default)]
    pub abandon_at: i64,
}

fn object_sign_in() -> String {
    "sign_in_attempt".into()
}

/// An entry of `GET /v1/me/sessions/active`: a session with where it was last used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActiveSession {
    #[serde(flatten)]
    pub session: Session,
    #[serde(default)]
    pub latest_activity: Option<SessionActivity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionActivity {
    #[serde(default = "object_session_activity")]
    pub object: String,
    pub id: String,
    #[serde(default)]
    pub device_type: Option<String>,
    #[serde(default)]
    pub is_mobile: bool,
    #[serde(default)]
    pub browser_name: Option<String>,
    #[serde(default)]
    pub browser_version: Option<String>,
    #[serde(default)]
    pub ip_address: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
}

fn object_session_activity() -> String {
    "session_activity".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_session_status_does_not_fail_the_client() {
        let s: Session =
            serde_json::from_value(serde_json::json!({"id": "sess_x", "status": "sleeping"}))
                .unwrap();
        assert_eq!(s.status, SessionStatus::Unknown);
        assert!(!s.status.is_signed_in());
    }

    #[test]
    fn status_text_round_trips() {
        for status in [
            SessionStatus::Active,
            SessionStatus::Pending,
            SessionStatus::Ended,
            SessionStatus::Removed,
            SessionStatus::Revoked,
            SessionStatus::Expired,
            SessionStatus::Abandoned,
            SessionStatus::Replaced,
        ] {
            assert_eq!(SessionStatus::parse(status.as_str()), status);
            assert_eq!(
                serde_json::to_value(status).unwrap(),
                serde_json::json!(status.as_str())
            );
        }
    }

    #[test]
    fn full_name_joins_present_parts() {
        assert_eq!(
            full_name(Some("Ada"), Some("Lovelace")).as_deref(),
            Some("Ada Lovelace")
        );
        assert_eq!(full_name(None, Some("Hopper")).as_deref(), Some("Hopper"));
        assert_eq!(full_name(Some(" "), None), None);
    }

    #[test]
    fn an_account_is_titled_by_its_name_else_its_identifier() {
        let mut data = PublicUserData {
            first_name: Some("Ada".into()),
            last_name: Some("Lovelace".into()),
            identifier: "ada@example.com".into(),
            ..PublicUserData::default()
        };
        assert_eq!(
            data.title_and_subtitle(),
            ("Ada Lovelace".into(), Some("ada@example.com".into()))
        );
        data.first_name = None;
        data.last_name = Some(" ".into());
        assert_eq!(data.title_and_subtitle(), ("ada@example.com".into(), None));
    }
}
