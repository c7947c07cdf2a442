//! Every URL the widget navigates to passes through here.
//!
//! The widget runs on pages we do not control, and its navigation targets
//! come from the page (`signOut({ redirectUrl })`, often a `?redirect_url=`
//! taken straight from the address bar), from mount props and from the
//! server's display config. A `javascript:` URL handed to `location.assign`
//! runs script in the page; an absolute URL elsewhere is an open redirect.
//! So, as clerk-js does: a target is resolved against the page, must use
//! `http:`/`https:` (or a protocol the page allowed), and must stay on the
//! page's origin or one the page allowed (`allowedRedirectOrigins`, strings
//! or RegExps). Anything else goes to `/` with a console warning.
//!
//! [`SafeUrl`] can only be made here, and [`crate::browser::navigate`]
//! takes nothing else: no caller can skip the check.

use wasm_bindgen::JsValue;

/// An origin the page allows navigation to, besides its own.
#[derive(Debug, Clone, PartialEq)]
pub enum AllowedOrigin {
    /// An origin (`https://app.example.com`), where `*` matches any run of
    /// characters (`https://*.example.com`).
    Glob(String),
    /// Tested against the target's origin.
    Pattern(js_sys::RegExp),
}

/// Where the page lets the widget navigate (`Clerk.load` options).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RedirectPolicy {
    pub allowed_origins: Vec<AllowedOrigin>,
    /// Extra protocols such as `"myapp:"`, for apps with their own scheme.
    pub allowed_protocols: Vec<String>,
}

/// Never navigated to, whatever the page allows: they run code or carry a
/// whole document.
const FORBIDDEN_PROTOCOLS: [&str; 4] = ["javascript:", "data:", "vbscript:", "blob:"];

/// An absolute URL that passed [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeUrl(String);

impl SafeUrl {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `target` resolved against `page_href`, when the policy allows it; else
/// why not. (Reasons are fixed texts: `format!` here would cost the wasm.)
pub fn check(
    target: &str,
    page_href: &str,
    policy: &RedirectPolicy,
) -> Result<SafeUrl, &'static str> {
    // The URL parser strips the surrounding and embedded whitespace and
    // lower-cases the scheme, so "  JaVa\tScript:…" reads as "javascript:".
    let url = web_sys::Url::new_with_base(target, page_href).map_err(|_| "not a URL")?;
    let page = web_sys::Url::new(page_href).map_err(|_| "the page has no URL")?;
    let protocol = url.protocol();
    if FORBIDDEN_PROTOCOLS.contains(&protocol.as_str()) {
        return Err("a script or data URL");
    }
    if protocol != "http:" && protocol != "https:" {
        let name = protocol.trim_end_matches(':');
        return if policy
            .allowed_protocols
            .iter()
            .any(|p| p.trim_end_matches(':').eq_ignore_ascii_case(name))
        {
            Ok(SafeUrl(url.href()))
        } else {
            Err("not http: or https: nor in allowedRedirectProtocols")
        };
    }
    let origin = url.origin();
    if origin == page.origin() || policy.allowed_origins.iter().any(|a| a.allows(&origin)) {
        Ok(SafeUrl(url.href()))
    } else {
        Err("not this page's origin nor in allowedRedirectOrigins")
    }
}

/// The checked target, or the page's `/` with a console warning.
pub fn checked_or_root(target: &str, page: &str, policy: &RedirectPolicy) -> SafeUrl {
    match check(target, page, policy) {
        Ok(url) => url,
        Err(reason) => {
            web_sys::console::warn_4(
                &JsValue::from_str("Clerk: not navigating to"),
                &JsValue::from_str(target),
                &JsValue::from_str(reason),
                &JsValue::from_str("- going to \"/\" instead."),
            );
            let root = web_sys::Url::new_with_base("/", page)
                .map(|u| u.href())
                .unwrap_or_else(|_| "/".into());
            SafeUrl(root)
        }
    }
}

impl AllowedOrigin {
    fn allows(&self, origin: &str) -> bool {
        match self {
            AllowedOrigin::Pattern(regexp) => regexp.test(origin),
            AllowedOrigin::Glob(glob) => glob_regexp(glob).test(origin),
        }
    }
}

/// A glob of origins as an anchored, case-insensitive RegExp: `*` matches
/// any run of characters, everything else itself. A full URL stands for
/// its origin ("https://a.example/path" is "https://a.example"). The
/// browser's RegExp does the matching: Rust's substring search would add
/// to the download.
pub fn glob_regexp(glob: &str) -> js_sys::RegExp {
    let glob = glob.trim().trim_end_matches('/');
    let glob = match web_sys::Url::new(glob) {
        Ok(url) if !glob.contains('*') => url.origin(),
        _ => glob.to_string(),
    };
    let mut pattern = String::with_capacity(glob.len() * 2 + 2);
    pattern.push('^');
    for c in glob.chars() {
        match c {
            '*' => pattern.push_str(".*"),
            '\\' | '^' | '$' | '.' | '|' | '?' | '+' | '(' | ')' | '[' | ']' | '{' | '}' | '/' => {
                pattern.push('\\');
                pattern.push(c);
            }
            _ => pattern.push(c),
        }
    }
    pattern.push('$');
    js_sys::RegExp::new(&pattern, "i")
}
