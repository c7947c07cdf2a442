//! `GET /v1/environment`: the instance's settings, sent bare (not enveloped).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Environment {
    pub auth_config: AuthConfig,
    pub display_config: DisplayConfig,
    #[serde(default)]
    pub user_settings: serde_json::Value,
    #[serde(default)]
    pub organization_settings: serde_json::Value,
    #[serde(default)]
    pub maintenance_mode: bool,
    #[serde(default)]
    pub client_debug_mode: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthConfig {
    #[serde(default = "object_auth_config")]
    pub object: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub single_session_mode: bool,
    #[serde(default)]
    pub claimed_at: Option<i64>,
    #[serde(default)]
    pub reverification: bool,
}

fn object_auth_config() -> String {
    "auth_config".into()
}

/// The URLs the UI navigates to. Clerk sends absolute URLs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DisplayConfig {
    #[serde(default = "object_display_config")]
    pub object: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub instance_environment_type: String,
    #[serde(default)]
    pub application_name: String,
    #[serde(default)]
    pub home_url: String,
    #[serde(default)]
    pub sign_in_url: String,
    #[serde(default)]
    pub sign_up_url: String,
    #[serde(default)]
    pub user_profile_url: String,
    #[serde(default)]
    pub after_sign_in_url: String,
    #[serde(default)]
    pub after_sign_up_url: String,
    #[serde(default)]
    pub after_sign_out_one_url: String,
    #[serde(default)]
    pub after_sign_out_all_url: String,
    #[serde(default)]
    pub after_switch_session_url: String,
    #[serde(default)]
    pub branded: bool,
}

fn object_display_config() -> String {
    "display_config".into()
}
