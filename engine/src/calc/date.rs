//! Calendar dates (proleptic Gregorian, as 民法典 第二百条 counts: 公历), without a date crate:
//! days since 1970-01-01 both ways (H. Hinnant's `days_from_civil` / `civil_from_days`), and the
//! year/month arithmetic of 民法典 第二百零二条 (no corresponding day → the month's last day).

use std::fmt;

/// A valid calendar date between the years 1 and 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to the given civil date (negative before).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `z` days after 1970-01-01: (year, month, day).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

const WEEKDAYS: [&str; 7] = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];

impl Date {
    /// None unless the date exists (and the year is 1..=9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// The date `days` after 1970-01-01; None outside the years 1..=9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let (y, m, d) = civil_from_days(days);
        Date::new(i32::try_from(y).ok()?, m, d)
    }

    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.days().checked_add(n)?)
    }

    /// `n` months later on the same day of the month, or on that month's last day when it has no
    /// such day (民法典 第二百零二条): 2024-01-31 + 1 month = 2024-02-29.
    pub fn add_months(self, n: i64) -> Option<Date> {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + n;
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = index.rem_euclid(12) as u32 + 1;
        if !(1..=9999).contains(&year) {
            return None;
        }
        Date::new(year, month, self.day.min(days_in_month(year, month)))
    }

    pub fn add_years(self, n: i64) -> Option<Date> {
        self.add_months(n.checked_mul(12)?)
    }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u32 {
        (self.days() + 3).rem_euclid(7) as u32
    }

    /// 星期一 … 星期日.
    pub fn weekday_cn(self) -> &'static str {
        WEEKDAYS[self.weekday() as usize]
    }

    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }

    /// 2024年3月15日
    pub fn cn(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// 2024年3月15日（星期五）
    pub fn cn_with_weekday(self) -> String {
        format!("{}（{}）", self.cn(), self.weekday_cn())
    }

    /// 20240315, as iCalendar writes a date.
    pub fn compact(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }

    /// Parses `2024-03-15`, `2024-3-5`, `2024/3/5`, `2024.3.5` or `2024年3月5日` (full-width digits
    /// too). The error is a plain Chinese sentence for the form field.
    pub fn parse(text: &str) -> Result<Date, String> {
        const FORMAT: &str = "请按“年-月-日”填写日期，比如 2024-03-15";
        let s: String = text.trim().chars().map(fullwidth_to_ascii).collect();
        let s = s.strip_suffix('日').or_else(|| s.strip_suffix('号')).unwrap_or(&s);
        let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(FORMAT.to_string());
        }
        let num = |p: &str| p.parse::<u32>().ok();
        let (Some(y), Some(m), Some(d)) = (num(parts[0]), num(parts[1]), num(parts[2])) else {
            return Err(FORMAT.to_string());
        };
        if parts[0].len() != 4 {
            return Err(format!("年份“{}”不对，请写四位数的年份，比如 2024", parts[0]));
        }
        if !(1900..=2200).contains(&y) {
            return Err(format!("年份 {y} 看起来不对，请检查一下"));
        }
        let y = y as i32;
        if !(1..=12).contains(&m) {
            return Err(format!("月份要在 1 到 12 之间，您填的是 {m}"));
        }
        let last = days_in_month(y, m);
        if d == 0 || d > last {
            return Err(format!("没有这一天：{y}年{m}月只有{last}天，您填的是{d}日"));
        }
        Date::new(y, m, d).ok_or_else(|| FORMAT.to_string())
    }
}

/// Full-width digits and punctuation that Chinese keyboards type → ASCII.
pub(crate) fn fullwidth_to_ascii(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' | '。' => '.',
        '－' | '—' => '-',
        '／' => '/',
        '，' => ',',
        '　' => ' ',
        _ => c,
    }
}

/// 2024-03-15
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn civil_days_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        // Every day from 1900 to 2200, and each day is one after the one before.
        let mut prev = days_from_civil(1899, 12, 31);
        for y in 1900..=2200 {
            for m in 1..=12 {
                for day in 1..=days_in_month(y, m) {
                    let z = days_from_civil(y, m, day);
                    assert_eq!(z, prev + 1, "{y}-{m}-{day}");
                    assert_eq!(civil_from_days(z), (i64::from(y), m, day));
                    prev = z;
                }
            }
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_leap(2024) && is_leap(2000) && !is_leap(1900) && !is_leap(2100) && !is_leap(2023));
    }

    #[test]
    fn month_and_year_arithmetic_clamps_to_the_month_end() {
        // 民法典 第二百零二条: no corresponding day → the last day of that month.
        for (from, f, to) in [
            ("2024-01-31", 1, "2024-02-29"),
            ("2023-01-31", 1, "2023-02-28"),
            ("2024-03-31", 1, "2024-04-30"),
            ("2024-01-15", 1, "2024-02-15"),
            ("2024-12-31", 2, "2025-02-28"),
            ("2024-05-31", -3, "2024-02-29"),
        ] {
            assert_eq!(d(from).add_months(f).unwrap(), d(to), "{from} + {f} months");
        }
        // 2024-02-29 + 1 year: 2025 has no 29 February → 2025-02-28. + 4 years: 2028-02-29 exists.
        assert_eq!(d("2024-02-29").add_years(1).unwrap(), d("2025-02-28"));
        assert_eq!(d("2024-02-29").add_years(4).unwrap(), d("2028-02-29"));
        // 2096 + 4 = 2100, not a leap year (divisible by 100, not by 400).
        assert_eq!(Date::new(2096, 2, 29).unwrap().add_years(4).unwrap(), Date::new(2100, 2, 28).unwrap());
        assert_eq!(d("2023-02-28").add_years(1).unwrap(), d("2024-02-28"));
        assert_eq!(d("2024-02-25").add_days(10).unwrap(), d("2024-03-06"));
        assert_eq!(d("2024-12-20").add_days(15).unwrap(), d("2025-01-04"));
        assert_eq!(Date::new(9999, 12, 31).unwrap().add_days(1), None);
    }

    #[test]
    fn weekdays() {
        assert_eq!(d("1970-01-01").weekday_cn(), "星期四");
        assert_eq!(d("2024-01-01").weekday_cn(), "星期一");
        // 2024-03-15 is the 75th day of a year that began on a Monday: (75 − 1) mod 7 = 4 → Friday.
        assert_eq!(d("2024-03-15").weekday_cn(), "星期五");
        assert!(d("2024-03-16").is_weekend() && !d("2024-03-15").is_weekend());
    }

    #[test]
    fn parses_the_ways_people_write_dates() {
        for s in ["2024-03-05", "2024-3-5", "2024/3/5", "2024.3.5", "2024年3月5日", "２０２４－０３－０５", " 2024年3月5号 "]
        {
            assert_eq!(d(s), Date { year: 2024, month: 3, day: 5 }, "{s}");
        }
        assert_eq!(d("2024-03-05").to_string(), "2024-03-05");
        assert_eq!(d("2024-03-05").cn_with_weekday(), "2024年3月5日（星期二）");
        assert_eq!(Date::parse("2025-02-30").unwrap_err(), "没有这一天：2025年2月只有28天，您填的是30日");
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2024-13-01").unwrap_err().contains("月份"));
        assert!(Date::parse("24-03-01").unwrap_err().contains("四位数"));
        assert!(Date::parse("2999-03-01").unwrap_err().contains("看起来不对"));
        for bad in ["", "abc", "2024-03", "2024-03-05-01", "2024-0x-05", "2024--05", "1e3-1-1"] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }
}
