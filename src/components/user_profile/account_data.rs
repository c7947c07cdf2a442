//! What the account panel reads from the Frontend API's JSON: the user's
//! email addresses, and their devices (`GET /v1/me/sessions/active`). Kept
//! here, in the lazily loaded part, rather than in `resources`: only the
//! panel needs them.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::js_value::{field, set};

fn string(object: &JsValue, key: &str) -> Option<String> {
    field(object, key).as_string().filter(|s| !s.is_empty())
}

fn items(value: &JsValue) -> Vec<JsValue> {
    if Array::is_array(value) {
        Array::from(value).iter().collect()
    } else {
        Vec::new()
    }
}

/// One email address of the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Email {
    pub address: String,
    pub primary: bool,
    pub verified: bool,
}

/// The user's email addresses, the primary one first.
pub fn emails(user: &JsValue) -> Vec<Email> {
    let primary = string(user, "primary_email_address_id");
    let mut emails: Vec<Email> = items(&field(user, "email_addresses"))
        .iter()
        .filter_map(|e| {
            Some(Email {
                address: string(e, "email_address")?,
                primary: primary.is_some() && string(e, "id") == primary,
                verified: string(&field(e, "verification"), "status").as_deref()
                    == Some("verified"),
            })
        })
        .collect();
    primary_first(&mut emails);
    emails
}

/// The primary address first, the rest in the server's order.
fn primary_first(emails: &mut Vec<Email>) {
    if let Some(index) = emails.iter().position(|e| e.primary) {
        let primary = emails.remove(index);
        emails.insert(0, primary);
    }
}

/// A signed-in session of the user on some browser, with where it was last
/// used.
#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    pub session_id: String,
    pub browser: Option<String>,
    pub browser_version: Option<String>,
    /// What the browser runs on ("Macintosh", "iPhone", ...), when known.
    pub device_type: Option<String>,
    pub is_mobile: bool,
    pub ip_address: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    /// Unix milliseconds.
    pub last_active_at: f64,
}

impl Device {
    fn from_js(value: &JsValue) -> Option<Device> {
        let activity = field(value, "latest_activity");
        Some(Device {
            session_id: string(value, "id")?,
            browser: string(&activity, "browser_name"),
            browser_version: string(&activity, "browser_version"),
            device_type: string(&activity, "device_type"),
            is_mobile: field(&activity, "is_mobile").as_bool().unwrap_or(false),
            ip_address: string(&activity, "ip_address"),
            city: string(&activity, "city"),
            country: string(&activity, "country"),
            last_active_at: field(value, "last_active_at").as_f64().unwrap_or(0.0),
        })
    }

    /// "Chrome 156", or "Unknown browser".
    pub fn browser_label(&self) -> String {
        match (&self.browser, &self.browser_version) {
            (Some(name), Some(version)) => format!("{name} {version}"),
            (Some(name), None) => name.clone(),
            _ => crate::localization::t(
                "userProfile.activeDevices.unknownBrowser",
                "Unknown browser",
            )
            .to_string(),
        }
    }

    /// "Macintosh · Desktop", "iPhone · Mobile".
    pub fn device_label(&self) -> String {
        let kind = if self.is_mobile {
            crate::localization::t("userProfile.activeDevices.mobile", "Mobile")
        } else {
            crate::localization::t("userProfile.activeDevices.desktop", "Desktop")
        };
        match &self.device_type {
            Some(device) => format!("{device} · {kind}"),
            None => kind.to_string(),
        }
    }

    /// "203.0.113.9 (Lisbon, PT)", the IP address with its place when known.
    pub fn place_label(&self) -> Option<String> {
        // Built by hand: `[..].join(", ")` costs the panel's wasm 1 KB.
        let mut place = String::new();
        for part in [&self.city, &self.country].into_iter().flatten() {
            if !place.is_empty() {
                place.push_str(", ");
            }
            place.push_str(part);
        }
        match (&self.ip_address, place.is_empty()) {
            (Some(ip), true) => Some(ip.clone()),
            (Some(ip), false) => Some(format!("{ip} ({place})")),
            (None, false) => Some(place),
            (None, true) => None,
        }
    }
}

/// The devices of a `sessions/active` answer (a bare list, or the
/// `response` of an envelope), the most recently used first.
pub fn devices(json: &JsValue) -> Vec<Device> {
    let list = if Array::is_array(json) {
        json.clone()
    } else {
        field(json, "response")
    };
    let mut devices: Vec<Device> = items(&list).iter().filter_map(Device::from_js).collect();
    most_recent_first(&mut devices);
    devices
}

/// An insertion sort, newest first, ties in the server's order: the list is
/// one user's devices (a handful), and the standard library's sorts cost
/// the panel's wasm 3.9 KB of gzip.
fn most_recent_first(devices: &mut [Device]) {
    for i in 1..devices.len() {
        let mut j = i;
        while j > 0 && devices[j - 1].last_active_at < devices[j].last_active_at {
            devices.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// "Just now", "5 minutes ago", "yesterday": written by the browser's
/// `Intl.RelativeTimeFormat` (Rust's number formatting would cost wasm).
pub fn time_ago(then_ms: f64, now_ms: f64) -> String {
    let minutes = ((now_ms - then_ms) / 60_000.0).floor().max(0.0);
    if minutes < 1.0 {
        return crate::localization::t("userProfile.activeDevices.justNow", "Just now").to_string();
    }
    let (value, unit) = if minutes < 60.0 {
        (minutes, "minute")
    } else if minutes < 24.0 * 60.0 {
        ((minutes / 60.0).floor(), "hour")
    } else {
        ((minutes / (24.0 * 60.0)).floor(), "day")
    };
    relative_time(-value, unit).unwrap_or_else(|| {
        crate::localization::t("userProfile.activeDevices.aWhileAgo", "A while ago").to_string()
    })
}

fn relative_time(value: f64, unit: &str) -> Option<String> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let class: Function = Reflect::get(&intl, &"RelativeTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options: JsValue = Object::new().into();
    set(&options, "numeric", &"auto".into());
    // In the chosen locale's words ("il y a 5 minutes", "قبل 5 دقائق").
    let locale = crate::localization::locale().unwrap_or_else(|| "en".into());
    let format = Reflect::construct(&class, &Array::of2(&locale.into(), &options)).ok()?;
    let method: Function = Reflect::get(&format, &"format".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let text = method
        .call2(&format, &JsValue::from_f64(value), &unit.into())
        .ok()?
        .as_string()?;
    // "5 minutes ago" reads as a sentence start in the list.
    let mut chars = text.chars();
    let first = chars.next()?;
    Some(
        js_sys::JsString::from(first.to_string())
            .to_upper_case()
            .as_string()?
            + chars.as_str(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(id: &str, last_active_at: f64) -> Device {
        Device {
            session_id: id.into(),
            browser: None,
            browser_version: None,
            device_type: None,
            is_mobile: false,
            ip_address: None,
            city: None,
            country: None,
            last_active_at,
        }
    }

    #[test]
    fn the_place_label_joins_what_is_known() {
        let mut d = device("a", 0.0);
        assert_eq!(d.place_label(), None);
        d.country = Some("PT".into());
        assert_eq!(d.place_label().as_deref(), Some("PT"));
        d.city = Some("Lisbon".into());
        assert_eq!(d.place_label().as_deref(), Some("Lisbon, PT"));
        d.ip_address = Some("203.0.113.9".into());
        assert_eq!(d.place_label().as_deref(), Some("203.0.113.9 (Lisbon, PT)"));
        d.city = None;
        d.country = None;
        assert_eq!(d.place_label().as_deref(), Some("203.0.113.9"));
    }

    #[test]
    fn devices_come_newest_first_and_ties_keep_the_servers_order() {
        let mut list = vec![
            device("a", 10.0),
            device("b", 30.0),
            device("c", 20.0),
            device("d", 30.0),
            device("e", 5.0),
        ];
        most_recent_first(&mut list);
        let order: Vec<&str> = list.iter().map(|d| d.session_id.as_str()).collect();
        assert_eq!(order, ["b", "d", "c", "a", "e"]);
        most_recent_first(&mut []);
    }

    #[test]
    fn the_primary_email_comes_first_and_the_rest_keep_their_order() {
        let email = |address: &str, primary| Email {
            address: address.into(),
            primary,
            verified: true,
        };
        let mut list = vec![
            email("x@", false),
            email("y@", false),
            email("p@", true),
            email("z@", false),
        ];
        primary_first(&mut list);
        let order: Vec<&str> = list.iter().map(|e| e.address.as_str()).collect();
        assert_eq!(order, ["p@", "x@", "y@", "z@"]);
        let mut none = vec![email("x@", false), email("y@", false)];
        primary_first(&mut none);
        assert_eq!(none[0].address, "x@");
    }
}
