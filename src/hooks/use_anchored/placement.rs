//! Where the popover card goes: against the viewport, never off-screen.
//!
//! The card is placed with fixed coordinates in the top layer (a manual
//! `popover`), so no `overflow: hidden` or `z-index` of the host page clips
//! or covers it. This file is the pure decision, testable without a
//! browser; `use_anchored` measures, applies it and follows scroll and resize.

/// Space kept between the card and the trigger, and between the card and
/// the viewport's edges.
pub const GAP: f64 = 8.0;
pub const MARGIN: f64 = 8.0;

/// A box in viewport coordinates (CSS pixels), as `getBoundingClientRect`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// The card's fixed position, and the height it may take (it scrolls past it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub left: f64,
    pub top: f64,
    pub max_height: f64,
}

/// Places a card of `width` x `height` by its trigger `anchor` in a
/// viewport of `viewport_width` x `viewport_height`. It opens below the
/// trigger, its inline-end edge on the trigger's (right in left-to-right
/// pages, left in right-to-left ones), as Clerk's does; it flips above when
/// only that side has room, and shifts sideways to stay inside the viewport.
pub fn place(
    anchor: Rect,
    width: f64,
    height: f64,
    viewport_width: f64,
    viewport_height: f64,
    rtl: bool,
) -> Placement {
    let preferred = if rtl {
        anchor.left
    } else {
        anchor.right - width
    };
    let left = preferred.min(viewport_width - MARGIN - width).max(MARGIN);

    let below = (viewport_height - anchor.bottom - GAP - MARGIN).max(0.0);
    let above = (anchor.top - GAP - MARGIN).max(0.0);
    let (top, max_height) = if height <= below || below >= above {
        // Below: it fits, or it is the roomier side (the card scrolls).
        // A trigger scrolled above the viewport leaves the card at its top.
        ((anchor.bottom + GAP).max(MARGIN), below)
    } else {
        let shown = height.min(above);
        (anchor.top - GAP - shown, above)
    };
    Placement {
        left,
        top,
        max_height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: f64 = 340.0;
    const H: f64 = 220.0;

    fn trigger_at(left: f64, top: f64) -> Rect {
        Rect {
            left,
            top,
            right: left + 36.0,
            bottom: top + 36.0,
        }
    }

    fn inside(p: Placement, vw: f64, vh: f64) {
        assert!(p.left >= MARGIN, "{p:?}");
        assert!(p.left + W <= vw - MARGIN + 0.001, "{p:?}");
        assert!(p.top >= MARGIN - 0.001, "{p:?}");
        assert!(p.top + H.min(p.max_height) <= vh - MARGIN + 0.001, "{p:?}");
    }

    #[test]
    fn top_right_trigger_opens_below_aligned_to_its_right_edge() {
        let anchor = trigger_at(1200.0, 10.0);
        let p = place(anchor, W, H, 1280.0, 800.0, false);
        assert_eq!(p.left, anchor.right - W);
        assert_eq!(p.top, anchor.bottom + GAP);
        inside(p, 1280.0, 800.0);
    }

    #[test]
    fn a_trigger_at_the_left_edge_shifts_the_card_right() {
        let p = place(trigger_at(4.0, 10.0), W, H, 1280.0, 800.0, false);
        assert_eq!(p.left, MARGIN);
        inside(p, 1280.0, 800.0);
    }

    #[test]
    fn right_to_left_aligns_to_the_left_edge_and_shifts_at_the_right() {
        let p = place(trigger_at(100.0, 10.0), W, H, 1280.0, 800.0, true);
        assert_eq!(p.left, 100.0);
        let p = place(trigger_at(1240.0, 10.0), W, H, 1280.0, 800.0, true);
        inside(p, 1280.0, 800.0);
    }

    #[test]
    fn a_trigger_near_the_bottom_flips_the_card_above() {
        let anchor = trigger_at(600.0, 740.0);
        let p = place(anchor, W, H, 1280.0, 800.0, false);
        assert_eq!(p.top + H, anchor.top - GAP);
        inside(p, 1280.0, 800.0);
    }

    #[test]
    fn a_narrow_viewport_keeps_the_margins() {
        let p = place(trigger_at(300.0, 10.0), W, H, 356.0, 640.0, false);
        inside(p, 356.0, 640.0);
    }

    #[test]
    fn a_short_viewport_caps_the_height_on_the_roomier_side() {
        let anchor = trigger_at(600.0, 60.0);
        let p = place(anchor, W, 400.0, 1280.0, 300.0, false);
        assert_eq!(p.top, anchor.bottom + GAP);
        assert!(
            p.top + p.max_height.min(400.0) <= 300.0 - MARGIN + 0.001,
            "{p:?}"
        );
    }
}
