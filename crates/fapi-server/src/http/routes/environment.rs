//! `GET /v1/environment` (the instance's settings and display URLs) and
//! the JWKS that verifies its session tokens.

use axum::extract::State;
use fapi_types as wire;
use serde_json::json;

use crate::http::extract::RequestContext;
use crate::http::respond::Json;
use crate::AppState;

/// A configured path made absolute against this server's origin.
fn absolute(ctx: &RequestContext, path: &str) -> String {
    if path.starts_with('/') {
        format!("{}{path}", ctx.own_origin)
    } else {
        path.to_string()
    }
}

pub async fn environment(
    State(state): State<AppState>,
    ctx: RequestContext,
) -> Json<wire::Environment> {
    let config = &state.config;
    let paths = &config.display_paths;
    Json::ok(wire::Environment {
        auth_config: wire::AuthConfig {
            object: "auth_config".into(),
            id: "aac_fapi_server".into(),
            single_session_mode: config.single_session_mode,
            claimed_at: None,
            reverification: false,
        },
        display_config: wire::DisplayConfig {
            object: "display_config".into(),
            id: "display_config_fapi_server".into(),
            instance_environment_type: "development".into(),
            application_name: config.application_name.clone(),
            home_url: absolute(&ctx, &paths.home),
            sign_in_url: absolute(&ctx, &paths.sign_in),
            sign_up_url: absolute(&ctx, &paths.sign_up),
            user_profile_url: absolute(&ctx, &paths.user_profile),
            after_sign_in_url: absolute(&ctx, &paths.after_sign_in),
            after_sign_up_url: absolute(&ctx, &paths.after_sign_in),
            after_sign_out_one_url: absolute(&ctx, &paths.after_sign_out_one),
            after_sign_out_all_url: absolute(&ctx, &paths.after_sign_out_all),
            after_switch_session_url: absolute(&ctx, &paths.after_switch_session),
            branded: false,
        },
        user_settings: json!({
            "attributes": {
                "email_address": {
                    "enabled": true, "required": true, "used_for_first_factor": true,
                    "first_factors": ["password"], "verifications": [], "verify_at_sign_up": false
                },
                "password": { "enabled": true, "required": true },
                "username": { "enabled": false, "required": false },
                "phone_number": { "enabled": false, "required": false }
            },
            "sign_in": { "second_factor": { "required": false } },
            "sign_up": { "mode": "restricted" },
            "password_settings": { "min_length": 8 }
        }),
        organization_settings: json!({ "enabled": false, "max_allowed_memberships": 0 }),
        maintenance_mode: false,
        client_debug_mode: false,
    })
}

pub async fn jwks(State(state): State<AppState>) -> Json<wire::Jwks> {
    Json::ok(state.signing_key.jwks())
}
