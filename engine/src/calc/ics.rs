//! A deadline as an iCalendar file (RFC 5545): one all-day VEVENT with an alarm, so that a phone's
//! calendar can remind the user. CRLF line endings, TEXT values escaped (§3.3.11), lines folded at
//! 75 octets without splitting a UTF-8 character (§3.1).

use super::{Date, Reminder};

/// Renders the reminder as a complete VCALENDAR. A reminder whose dates do not parse (it did not
/// come from [`super::run`]) still renders, with the dates it carries stripped of their dashes.
pub fn ics(r: &Reminder) -> String {
    let compact = |s: &str| Date::parse(s).map(Date::compact).unwrap_or_else(|_| s.replace('-', ""));
    // DTEND of an all-day event is exclusive: the day after the last day.
    let end = Date::parse(&r.last_day).ok().and_then(|d| d.add_days(1)).map(Date::compact).unwrap_or_else(|| compact(&r.last_day));
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Pocket Law//pocketlaw calc//ZH".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", escape(&r.uid)),
        format!("DTSTAMP:{}", r.stamp),
        format!("DTSTART;VALUE=DATE:{}", compact(&r.first_day)),
        format!("DTEND;VALUE=DATE:{end}"),
        format!("SUMMARY:{}", escape(&r.summary)),
        format!("DESCRIPTION:{}", escape(&r.description)),
        "TRANSP:TRANSPARENT".to_string(),
        "BEGIN:VALARM".to_string(),
        "ACTION:DISPLAY".to_string(),
        format!("DESCRIPTION:{}", escape(&r.summary)),
        format!("TRIGGER:-P{}D", r.alarm_days_before),
        "END:VALARM".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ];
    lines.iter().map(|l| fold(l)).collect()
}

/// TEXT escaping: backslash, semicolon, comma and newline.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, CRLF-terminated, folded so that no physical line exceeds 75 octets; a
/// continuation line starts with one space (which counts toward its 75).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reminder() -> Reminder {
        Reminder {
            first_day: "2025-01-04".into(),
            last_day: "2025-01-04".into(),
            summary: "上诉的最后一天".into(),
            description: "判决书送达之日起十五日内上诉, 不要等到最后一天; 见《民事诉讼法》第一百七十一条\n拿不准的打 12348。".repeat(3),
            uid: "0123456789abcdef-deadline@pocketlaw".into(),
            stamp: "20241220T000000Z".into(),
            alarm_days_before: 3,
        }
    }

    #[test]
    fn a_well_formed_calendar() {
        let text = ics(&reminder());
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        // Every line ends with CRLF: no bare LF or CR.
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        assert_eq!(text.matches('\r').count(), text.matches("\r\n").count());
        let physical: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(physical.iter().all(|l| l.len() <= 75), "a line over 75 octets");
        // Unfold (§3.1) and check the structure.
        let unfolded = text.replace("\r\n ", "");
        let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
        assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
        for (begin, end) in [("BEGIN:VEVENT", "END:VEVENT"), ("BEGIN:VALARM", "END:VALARM")] {
            let b = lines.iter().position(|l| *l == begin).unwrap();
            let e = lines.iter().position(|l| *l == end).unwrap();
            assert!(b < e);
            assert_eq!(lines.iter().filter(|l| **l == begin).count(), 1);
        }
        let value = |name: &str| lines.iter().find_map(|l| l.strip_prefix(name)).unwrap().to_string();
        assert_eq!(value("VERSION:"), "2.0");
        assert!(!value("PRODID:").is_empty());
        assert_eq!(value("UID:"), "0123456789abcdef-deadline@pocketlaw");
        assert_eq!(value("DTSTAMP:"), "20241220T000000Z");
        assert_eq!(value("DTSTART;VALUE=DATE:"), "20250104");
        assert_eq!(value("DTEND;VALUE=DATE:"), "20250105");
        assert_eq!(value("TRIGGER:"), "-P3D");
        assert_eq!(value("ACTION:"), "DISPLAY");
        // Escaped text, and the multi-byte characters survive folding intact.
        let desc = value("DESCRIPTION:");
        assert!(desc.starts_with("判决书送达之日起十五日内上诉\\, 不要等到最后一天\\; 见《民事诉讼法》第一百七十一条\\n拿不准"));
        assert!(!desc.contains('\n'));
        assert!(std::str::from_utf8(text.as_bytes()).is_ok());
    }

    #[test]
    fn a_window_spans_its_days_and_escapes_backslashes() {
        let mut r = reminder();
        r.first_day = "2024-03-02".into();
        r.last_day = "2024-03-31".into();
        r.summary = "a\\b".into();
        let text = ics(&r);
        assert!(text.contains("DTSTART;VALUE=DATE:20240302\r\n"));
        assert!(text.contains("DTEND;VALUE=DATE:20240401\r\n"));
        assert!(text.contains("SUMMARY:a\\\\b\r\n"));
    }
}
