//! What a session shows of the device it was signed in on ("Chrome 156 on
//! Macintosh"), read from the `User-Agent` header.

use crate::store::Activity;

/// Browser name and version, the device (its operating system, as Clerk's
/// `device_type`: "Macintosh", "Windows", "iPhone"...) and whether it is
/// mobile; the address is filled in by the caller.
pub fn activity_from_user_agent(ua: &str) -> Activity {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Version/", "Safari"),
    ]
    .into_iter()
    .find_map(|(marker, name)| {
        ua.find(marker).map(|at| {
            let version: String = ua[at + marker.len()..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            (name.to_string(), version)
        })
    });
    let is_mobile = ua.contains("Mobi") || ua.contains("Android");
    // The first that matches: an iPhone's agent also says "Mac OS X", and
    // Android's says "Linux".
    let device_type = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("CrOS", "ChromeOS"),
        ("Macintosh", "Macintosh"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(marker, _)| ua.contains(marker))
    .map(|(_, name)| name);
    Activity {
        browser_name: browser.as_ref().map(|(name, _)| name.clone()),
        browser_version: browser
            .map(|(_, version)| version)
            .filter(|v| !v.is_empty()),
        device_type: device_type.map(str::to_string),
        is_mobile,
        ip_address: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_browser_and_device_from_user_agent() {
        let chrome = activity_from_user_agent(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
        );
        assert_eq!(chrome.browser_name.as_deref(), Some("Chrome"));
        assert_eq!(chrome.browser_version.as_deref(), Some("156.0.0.0"));
        assert_eq!(chrome.device_type.as_deref(), Some("Linux"));
        assert!(!chrome.is_mobile);
        let iphone = activity_from_user_agent(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
        );
        assert_eq!(iphone.browser_name.as_deref(), Some("Safari"));
        assert!(iphone.is_mobile);
        assert_eq!(iphone.device_type.as_deref(), Some("iPhone"));
        let android = activity_from_user_agent(
            "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36",
        );
        assert_eq!(android.device_type.as_deref(), Some("Android"));
        assert!(android.is_mobile);
        assert_eq!(activity_from_user_agent("").device_type, None);
    }
}
