//! The virtual clock: Wait states, retry delays and timeouts move it forward; nothing sleeps.
//! Times are milliseconds since the Unix epoch (UTC).

/// When a simulated execution starts unless `--context` sets `Execution.StartTime`: a fixed
/// instant, so that runs repeat.
pub const DEFAULT_START: &str = "2025-01-01T00:00:00.000Z";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub start_ms: i64,
    pub now_ms: i64,
}

impl Clock {
    pub fn starting_at(start_ms: i64) -> Self {
        Clock {
            start_ms,
            now_ms: start_ms,
        }
    }

    /// Moves the clock forward by `ms` (never backwards).
    pub fn advance(&mut self, ms: i64) {
        self.now_ms = self.now_ms.saturating_add(ms.max(0));
    }

    /// Moves the clock to `ms` if that is later than now.
    pub fn advance_to(&mut self, ms: i64) {
        self.now_ms = self.now_ms.max(ms);
    }

    pub fn now(&self) -> String {
        format_timestamp(self.now_ms)
    }

    /// Seconds elapsed since the start.
    pub fn elapsed_seconds(&self) -> f64 {
        (self.now_ms - self.start_ms) as f64 / 1000.0
    }
}

/// Parses an ISO-8601 extended offset date-time (`2016-03-14T01:59:00Z`,
/// `2016-03-14T01:59:00.123+02:00`) as AWS requires it: `T` separator, seconds and an offset
/// required. `None` when the text is not one.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if b[16] != b':' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &text[19..];
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let padded = format!("{:0<3}", &fraction[..digits.min(3)]);
        millis = padded.parse::<i64>().ok()?;
        rest = &fraction[digits..];
    }
    let offset_minutes = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let r = rest.as_bytes();
            if r.len() != 6 || r[3] != b':' {
                return None;
            }
            let h: i64 = rest.get(1..3)?.parse().ok()?;
            let m: i64 = rest.get(4..6)?.parse().ok()?;
            sign * (h * 60 + m)
        }
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

/// `2025-01-01T00:00:00.000Z`.
pub fn format_timestamp(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
            in_day / 3_600_000,
            in_day / 60_000 % 60,
            in_day / 1000 % 60,
            in_day % 1000
        );
    }
    // Every history event carries one: digits written directly, without `format!`.
    let mut text = *b"0000-00-00T00:00:00.000Z";
    let fields = [
        (year, 0..4),
        (month, 5..7),
        (day, 8..10),
        (in_day / 3_600_000, 11..13),
        (in_day / 60_000 % 60, 14..16),
        (in_day / 1000 % 60, 17..19),
        (in_day % 1000, 20..23),
    ];
    for (mut value, range) in fields {
        for at in range.rev() {
            text[at] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    String::from_utf8_lossy(&text).into_owned()
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let ms = parse_timestamp(DEFAULT_START).unwrap();
        assert_eq!(format_timestamp(ms), DEFAULT_START);
        for ms in [0, 1, 999, 86_399_999, 951_782_400_123, 253_402_300_799_999] {
            let (year, month, day) = civil_from_days(ms / 86_400_000);
            let t = ms % 86_400_000;
            let expected = format!(
                "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
                t / 3_600_000,
                t / 60_000 % 60,
                t / 1000 % 60,
                t % 1000
            );
            assert_eq!(format_timestamp(ms), expected);
        }
        assert_eq!(format_timestamp(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(
            parse_timestamp("2016-03-14T01:59:00+01:00"),
            parse_timestamp("2016-03-14T00:59:00Z")
        );
        assert_eq!(
            format_timestamp(parse_timestamp("2024-02-29T23:59:59.5Z").unwrap()),
            "2024-02-29T23:59:59.500Z"
        );
    }

    #[test]
    fn rejects_what_aws_rejects() {
        for bad in [
            "2016-13-05T21:29:29Z",
            "05-12-2016T21:29:29Z",
            "2016-12-05 21:29:29Z",
            "2016-12-05T21:29:29",
            "2023-02-29T00:00:00Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }
}
