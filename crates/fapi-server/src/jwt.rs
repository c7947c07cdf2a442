//! Session JWTs, signed RS256 like Clerk's, and the JWKS that verifies them.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use fapi_types::{Jwk, Jwks, SessionClaims};
use rand::rngs::OsRng;
use rsa::pkcs1v15::SigningKey as Pkcs1SigningKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use sha2::{Digest, Sha256};

/// How long a session token lives, as Clerk's do.
pub const TOKEN_LIFETIME_SECS: i64 = 60;

pub struct SigningKey {
    kid: String,
    signer: Pkcs1SigningKey<sha2::Sha256>,
    private: RsaPrivateKey,
}

#[derive(Debug, thiserror::Error)]
#[error("signing key: {0}")]
pub struct KeyError(String);

impl SigningKey {
    pub fn generate() -> SigningKey {
        let private = RsaPrivateKey::new(&mut OsRng, 2048).expect("2048-bit RSA key generation");
        SigningKey::from_private(private)
    }

    pub fn from_pem(pem: &str) -> Result<SigningKey, KeyError> {
        let private = RsaPrivateKey::from_pkcs8_pem(pem).map_err(|e| KeyError(e.to_string()))?;
        Ok(SigningKey::from_private(private))
    }

    fn from_private(private: RsaPrivateKey) -> SigningKey {
        let public_der = private
            .to_public_key()
            .to_public_key_der()
            .expect("an RSA public key encodes as DER");
        // A stable id derived from the key itself, so a restarted server
        // publishes the same `kid` for the same stored key.
        let digest = Sha256::digest(public_der.as_bytes());
        let kid = format!("ins_{}", URL_SAFE_NO_PAD.encode(&digest[..16]));
        SigningKey {
            kid,
            signer: Pkcs1SigningKey::<sha2::Sha256>::new(private.clone()),
            private,
        }
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    pub fn to_pem(&self) -> String {
        self.private
            .to_pkcs8_pem(LineEnding::LF)
            .expect("an RSA private key encodes as PKCS#8")
            .to_string()
    }

    pub fn jwks(&self) -> Jwks {
        let public = self.private.to_public_key();
        Jwks {
            keys: vec![Jwk {
                kty: "RSA".into(),
                use_: "sig".into(),
                alg: "RS256".into(),
                kid: self.kid.clone(),
                n: URL_SAFE_NO_PAD.encode(public.n().to_bytes_be()),
                e: URL_SAFE_NO_PAD.encode(public.e().to_bytes_be()),
            }],
        }
    }

    pub fn sign(&self, claims: &SessionClaims) -> String {
        let header = serde_json::json!({ "alg": "RS256", "kid": self.kid, "typ": "JWT" });
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialise"))
        );
        let signature = self.signer.sign(signing_input.as_bytes());
        format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature.to_bytes())
        )
    }
}

/// The claims of a fresh token for `session_id` of `user_id`, issued at `now_ms`.
pub fn session_claims(
    session_id: &str,
    user_id: &str,
    issuer: &str,
    authorized_party: Option<&str>,
    now_ms: i64,
) -> SessionClaims {
    let iat = now_ms / 1000;
    SessionClaims {
        sid: session_id.to_string(),
        sub: user_id.to_string(),
        iat,
        // A little leeway for clocks that run slightly behind ours.
        nbf: Some(iat - 10),
        exp: iat + TOKEN_LIFETIME_SECS,
        iss: Some(issuer.to_string()),
        azp: authorized_party.map(str::to_string),
        v: Some(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_round_trip_keeps_the_kid() {
        let key = SigningKey::generate();
        let again = SigningKey::from_pem(&key.to_pem()).unwrap();
        assert_eq!(key.kid(), again.kid());
        assert_eq!(key.jwks(), again.jwks());
        assert!(SigningKey::from_pem("garbage").is_err());
    }

    #[test]
    fn tokens_have_three_decodable_parts() {
        let key = SigningKey::generate();
        let jwt = key.sign(&session_claims(
            "sess_1",
            "user_1",
            "http://x",
            None,
            1_700_000_000_000,
        ));
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let claims: SessionClaims =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims.sid, "sess_1");
        assert_eq!(claims.exp - claims.iat, 60);
    }
}
