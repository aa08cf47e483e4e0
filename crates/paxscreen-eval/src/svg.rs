//! The recall / innocent-alert-rate curve as a self-contained SVG document.
//!
//! The x axis is logarithmic (0.01% to 100% of innocent travellers alerted), because
//! the operating region of a screening system is the first percent; a threshold with no
//! innocent alert at all is drawn on the left edge. The y axis is recall, 0 to 100%.

use std::fmt::Write;

/// A swept matcher: (innocent alert rate, recall) points in sweep order.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// Legend text.
    pub label: String,
    /// CSS colour.
    pub colour: String,
    /// Dashed line?
    pub dashed: bool,
    /// Points (alert rate, recall), both in [0, 1].
    pub points: Vec<(f64, f64)>,
    /// A marked point (the default threshold) with its text.
    pub marker: Option<(f64, f64, String)>,
}

/// A fixed rule: one operating point.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Legend text.
    pub label: String,
    /// CSS colour.
    pub colour: String,
    /// (alert rate, recall).
    pub at: (f64, f64),
}

const W: f64 = 760.0;
const H: f64 = 520.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 230.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 60.0;
/// Left edge of the x axis (alert rate 1e-4 = 0.01%).
const X_MIN_LOG: f64 = -4.0;

fn x(rate: f64) -> f64 {
    let l = if rate <= 0.0 {
        X_MIN_LOG
    } else {
        rate.log10().clamp(X_MIN_LOG, 0.0)
    };
    LEFT + (l - X_MIN_LOG) / -X_MIN_LOG * (W - LEFT - RIGHT)
}

fn y(recall: f64) -> f64 {
    TOP + (1.0 - recall.clamp(0.0, 1.0)) * (H - TOP - BOTTOM)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Renders the chart.
pub fn render(title: &str, curves: &[Curve], points: &[Point]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{}" y="22" text-anchor="middle" font-size="15">{}</text>"#,
        LEFT + (W - LEFT - RIGHT) / 2.0,
        escape(title)
    );
    // Grid and ticks.
    let (x0, x1, y0, y1) = (LEFT, W - RIGHT, TOP, H - BOTTOM);
    for (rate, text) in [
        (1e-4, "0.01%"),
        (1e-3, "0.1%"),
        (1e-2, "1%"),
        (1e-1, "10%"),
        (1.0, "100%"),
    ] {
        let xx = x(rate);
        let _ = writeln!(
            s,
            r##"<line x1="{xx:.1}" y1="{y0}" x2="{xx:.1}" y2="{y1}" stroke="#ddd"/><text x="{xx:.1}" y="{:.1}" text-anchor="middle">{text}</text>"##,
            y1 + 16.0
        );
    }
    for i in 0..=10 {
        let r = i as f64 / 10.0;
        let yy = y(r);
        let _ = writeln!(
            s,
            r##"<line x1="{x0}" y1="{yy:.1}" x2="{x1}" y2="{yy:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}%</text>"##,
            x0 - 6.0,
            yy + 4.0,
            i * 10
        );
    }
    let _ = writeln!(
        s,
        r##"<rect x="{x0}" y="{y0}" width="{}" height="{}" fill="none" stroke="#333"/>"##,
        x1 - x0,
        y1 - y0
    );
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{}" text-anchor="middle">innocent travellers alerted (log scale; 0 drawn at the left edge)</text>"#,
        (x0 + x1) / 2.0,
        H - 18.0
    );
    let _ = writeln!(
        s,
        r#"<text transform="translate(18 {:.1}) rotate(-90)" text-anchor="middle">recall (listed travellers found)</text>"#,
        (y0 + y1) / 2.0
    );
    // Curves.
    for c in curves {
        let pts: Vec<String> = c
            .points
            .iter()
            .map(|&(a, r)| format!("{:.1},{:.1}", x(a), y(r)))
            .collect();
        let dash = if c.dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = writeln!(
            s,
            r#"<polyline fill="none" stroke="{}" stroke-width="2"{dash} points="{}"><title>{}</title></polyline>"#,
            escape(&c.colour),
            pts.join(" "),
            escape(&c.label)
        );
        if let Some((a, r, text)) = &c.marker {
            let _ = writeln!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="5" fill="none" stroke="{}" stroke-width="2"/><text x="{:.1}" y="{:.1}">{}</text>"#,
                x(*a),
                y(*r),
                escape(&c.colour),
                x(*a) + 8.0,
                y(*r) + 14.0,
                escape(text)
            );
        }
    }
    for p in points {
        let (px, py) = (x(p.at.0), y(p.at.1));
        let _ = writeln!(
            s,
            r#"<rect x="{:.1}" y="{:.1}" width="10" height="10" fill="{}"><title>{}</title></rect>"#,
            px - 5.0,
            py - 5.0,
            escape(&p.colour),
            escape(&p.label)
        );
    }
    // Legend.
    let lx = W - RIGHT + 15.0;
    let mut ly = TOP + 10.0;
    for c in curves {
        let dash = if c.dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = writeln!(
            s,
            r#"<line x1="{lx}" y1="{ly}" x2="{}" y2="{ly}" stroke="{}" stroke-width="2"{dash}/><text x="{}" y="{}">{}</text>"#,
            lx + 24.0,
            escape(&c.colour),
            lx + 30.0,
            ly + 4.0,
            escape(&c.label)
        );
        ly += 20.0;
    }
    for p in points {
        let _ = writeln!(
            s,
            r#"<rect x="{}" y="{}" width="10" height="10" fill="{}"/><text x="{}" y="{}">{}</text>"#,
            lx + 7.0,
            ly - 5.0,
            escape(&p.colour),
            lx + 30.0,
            ly + 4.0,
            escape(&p.label)
        );
        ly += 20.0;
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_well_formed_document() {
        let curve = |label: &str| Curve {
            label: label.into(),
            colour: "#1f77b4".into(),
            dashed: false,
            points: vec![(0.2, 0.99), (0.01, 0.9), (0.0, 0.5)],
            marker: Some((0.01, 0.9, "t=0.80".into())),
        };
        let svg = render(
            "A & B",
            &[curve("paxscreen"), curve("token <sort>")],
            &[Point {
                label: "GTAS".into(),
                colour: "red".into(),
                at: (0.001, 0.4),
            }],
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains("A &amp; B") && svg.contains("token &lt;sort&gt;"));
        assert!(svg.contains("GTAS") && svg.contains("t=0.80"));
        // Every opened element is closed or self-closed.
        let opened = svg.matches("<text").count();
        assert_eq!(opened, svg.matches("</text>").count());
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn axes_map_as_documented() {
        assert_eq!(x(0.0), LEFT);
        assert_eq!(x(1e-4), LEFT);
        assert!((x(1.0) - (W - RIGHT)).abs() < 1e-9);
        assert_eq!(y(1.0), TOP);
        assert_eq!(y(0.0), H - BOTTOM);
    }
}
