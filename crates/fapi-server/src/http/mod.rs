//! The HTTP layer. `app()` here is the whole route table; around it:
//!
//! - `addressing`, `guard`: who is asking and whether to answer at all
//!   (Host, proxies, Origin, sizes, the request log);
//! - `extract`, `cookie_client`: what a handler reads from a request (the
//!   context, the form, the path, the cookie's client, once);
//! - `routes/`: one module per resource family (environment, client,
//!   sign-ins, sessions, `/v1/me`);
//! - `render`: stored records as wire resources, plain functions;
//! - `respond`: JSON bodies, the `{response, client}` envelope, cookies;
//! - `static_files`, `user_agent`: the demo page, and where a session
//!   signed in from.

mod addressing;
mod cookie_client;
mod extract;
mod guard;
mod render;
mod respond;
mod routes;
mod static_files;
mod user_agent;

use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::Router;
use tower::ServiceBuilder;
use tower_http::services::ServeDir;

use crate::error::ApiError;
use crate::AppState;
use routes::{account, client, environment, me, sessions, sign_ins};

/// The whole server as one router: the Frontend API under `/v1`, the JWKS,
/// and (with `static_dir`) the demo page and the built widget.
pub fn app(state: AppState) -> Router {
    let mut routes = Router::new()
        .route(
            "/v1/environment",
            get(environment::environment).patch(environment::environment),
        )
        .route(
            "/v1/client",
            get(client::get_client).delete(client::delete_client),
        )
        .route("/v1/client/sign_ins", post(sign_ins::create_sign_in))
        .route(
            "/v1/client/sessions",
            axum::routing::delete(client::remove_all_sessions),
        )
        .route(
            "/v1/client/sessions/{session_id}",
            get(sessions::get_session),
        )
        .route(
            "/v1/client/sessions/{session_id}/remove",
            post(sessions::remove_session),
        )
        .route(
            "/v1/client/sessions/{session_id}/end",
            post(sessions::end_session),
        )
        .route(
            "/v1/client/sessions/{session_id}/touch",
            post(sessions::touch_session),
        )
        .route(
            "/v1/client/sessions/{session_id}/tokens",
            post(sessions::create_token),
        )
        .route("/v1/me", get(me::me).patch(account::update_me))
        .route("/v1/me/change_password", post(account::change_password))
        .route(
            "/v1/me/sessions/revoke_others",
            post(me::revoke_other_sessions),
        )
        .route("/v1/me/sessions/active", get(me::active_sessions))
        .route(
            "/v1/me/sessions/{session_id}/revoke",
            post(me::revoke_session),
        )
        .route("/v1/jwks", get(environment::jwks))
        .route("/.well-known/jwks.json", get(environment::jwks))
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .fallback(|| async { ApiError::not_found_route() })
        .layer(DefaultBodyLimit::max(extract::MAX_BODY_BYTES));

    if let Some(dir) = &state.config.static_dir {
        let page = {
            let dir = dir.clone();
            move |method| static_files::page(dir.clone(), method)
        };
        let pkg_dir = dir.join("pkg");
        let guard = {
            let pkg_dir = pkg_dir.clone();
            move |request, next| static_files::guard_pkg(pkg_dir.clone(), request, next)
        };
        routes = routes
            .route("/", get(page.clone()))
            .route("/index.html", get(page))
            .nest_service(
                "/pkg",
                ServiceBuilder::new()
                    .layer(from_fn(guard))
                    .service(ServeDir::new(pkg_dir)),
            );
    }

    // The guard wraps the router from outside so that the `_method`
    // override is applied before routing picks a handler.
    let guarded = ServiceBuilder::new()
        .layer(from_fn_with_state(state.clone(), guard::fapi_guard))
        .service(routes.with_state(state));
    Router::new()
        .fallback_service(guarded)
        .layer(from_fn(guard::request_size_limits))
        .layer(from_fn(static_files::security_headers))
        .layer(from_fn(guard::log_request))
}
