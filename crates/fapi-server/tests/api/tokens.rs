//! Session JWTs verify against the published JWKS with an independent library.

use fapi_server::AppState;
use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde_json::Value;

use crate::support::*;

fn verify(jwt: &str, jwks: &Value) -> Value {
    let header = decode_header(jwt).expect("a JWT header");
    assert_eq!(header.alg, Algorithm::RS256);
    let kid = header.kid.expect("a kid");
    let key = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == kid.as_str())
        .expect("the kid is published");
    assert_eq!(key["kty"], "RSA");
    assert_eq!(key["alg"], "RS256");
    assert_eq!(key["use"], "sig");
    let decoding =
        DecodingKey::from_rsa_components(key["n"].as_str().unwrap(), key["e"].as_str().unwrap())
            .unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_nbf = true;
    validation.set_required_spec_claims(&["exp", "nbf", "iss", "sub"]);
    decode::<Value>(jwt, &decoding, &validation)
        .expect("the signature verifies")
        .claims
}

#[tokio::test]
async fn tokens_verify_against_the_jwks() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let session = browser.signed_in(ADA).await;
    let jwks = browser.get("/.well-known/jwks.json").await;
    assert_eq!(jwks.status, 200);
    assert_eq!(browser.get("/v1/jwks").await.body, jwks.body);

    let reply = browser.token(&session).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        reply.body.get("response").is_none(),
        "tokens are not enveloped"
    );
    assert_eq!(reply.body["object"], "token");
    let claims = verify(reply.body["jwt"].as_str().unwrap(), &jwks.body);
    assert_eq!(claims["sid"], session.as_str());
    let client = browser.client().await;
    assert_eq!(claims["sub"], client["sessions"][0]["user"]["id"]);
    assert_eq!(claims["iss"], server.base.as_str());
    assert_eq!(claims["azp"], server.base.as_str());
    let iat = claims["iat"].as_i64().unwrap();
    assert_eq!(claims["exp"].as_i64().unwrap() - iat, 60);
    let now = fapi_server::now_ms() / 1000;
    assert!((now - iat).abs() <= 5, "iat is in seconds: {iat}");

    // The token inside the client verifies too.
    let embedded = client["sessions"][0]["last_active_token"]["jwt"]
        .as_str()
        .unwrap();
    assert_eq!(verify(embedded, &jwks.body)["sid"], session.as_str());
}

#[tokio::test]
async fn a_forged_token_does_not_verify() {
    let server = start_default().await;
    let browser = Browser::new(&server);
    let session = browser.signed_in(ADA).await;
    let jwks = browser.get("/.well-known/jwks.json").await.body;
    let jwt = browser.token(&session).await.body["jwt"]
        .as_str()
        .unwrap()
        .to_string();
    let mut parts: Vec<String> = jwt.split('.').map(String::from).collect();
    use base64::Engine;
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut claims: Value = serde_json::from_slice(&engine.decode(&parts[1]).unwrap()).unwrap();
    claims["sub"] = "user_someone_else".into();
    parts[1] = engine.encode(claims.to_string());
    let forged = parts.join(".");
    let header = decode_header(&forged).unwrap();
    let key = &jwks["keys"][0];
    assert_eq!(key["kid"], header.kid.unwrap().as_str());
    let decoding =
        DecodingKey::from_rsa_components(key["n"].as_str().unwrap(), key["e"].as_str().unwrap())
            .unwrap();
    assert!(decode::<Value>(&forged, &decoding, &Validation::new(Algorithm::RS256)).is_err());
}

#[tokio::test]
async fn the_signing_key_and_sessions_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fapi.sqlite").to_str().unwrap().to_string();
    let config = fapi_server::Config {
        db_path: db.clone(),
        ..Default::default()
    };
    let first = start(config.clone()).await;
    let browser = Browser::new(&first);
    let signed_in = browser.sign_in(ADA).await;
    let session = signed_in.body["response"]["created_session_id"]
        .as_str()
        .unwrap()
        .to_string();
    let token = client_token(&signed_in);
    let jwks = browser.get("/.well-known/jwks.json").await.body;
    drop(first);

    let second = start_with_state(AppState::new(config).unwrap()).await;
    let again = Browser::new(&second);
    assert_eq!(again.get("/.well-known/jwks.json").await.body, jwks);
    // The same browser (same cookie) against the restarted server.
    let reply = again
        .send(
            again
                .http
                .post(again.url(&format!("/v1/client/sessions/{session}/tokens")))
                .header("cookie", format!("__client={token}")),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    verify(reply.body["jwt"].as_str().unwrap(), &jwks);
}
