//! Money in integer fen (分) and exact fractions: no floating point anywhere. A calculation keeps
//! an exact numerator and denominator and rounds once, half up, to the fen.

use super::date::fullwidth_to_ascii;

/// The largest amount a field accepts: 1,000,000,000,000 yuan (10^14 fen). Products of two such
/// figures and a rate still fit in i128.
pub const MAX_FEN: i64 = 100_000_000_000_000;

/// `num / den` rounded half up to a whole number (both non-negative, `den` > 0).
pub fn round_half_up(num: i128, den: i128) -> i64 {
    debug_assert!(num >= 0 && den > 0);
    i64::try_from((2 * num + den) / (2 * den)).unwrap_or(i64::MAX)
}

/// 105000 → "1050", 105025 → "1050.25", 105020 → "1050.20".
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let f = fen.unsigned_abs();
    if f.is_multiple_of(100) {
        format!("{sign}{}", f / 100)
    } else {
        format!("{sign}{}.{:02}", f / 100, f % 100)
    }
}

/// "1050 元"
pub fn yuan_text(fen: i64) -> String {
    format!("{} 元", yuan(fen))
}

/// A non-negative decimal with at most `decimals` places, as an integer count of 10^-decimals:
/// parse_decimal("12.5", 2) = 1250. Accepts full-width digits, thousands commas (`50,000`), a
/// trailing `元`, and `万` (`5万` = 50000). Errors are plain Chinese for the form field.
pub fn parse_decimal(text: &str, decimals: u32, unit: &str) -> Result<i64, String> {
    let s: String = text.trim().chars().map(fullwidth_to_ascii).filter(|c| *c != ' ').collect();
    let example = if unit == "元" { "比如 50000 或 3500.50" } else { "比如 8 或 2.5" };
    if s.starts_with('-') || s.starts_with('负') {
        return Err(format!("不能是负数，请直接填数字（不带负号），{example}"));
    }
    let s = s.strip_prefix('+').unwrap_or(&s);
    let s = if unit == "元" { s.strip_suffix('元').unwrap_or(s) } else { s.strip_suffix(unit).unwrap_or(s) };
    let (s, wan) = match s.strip_suffix('万') {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    let digits_only = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    // Thousands commas only in their proper places: 50,000 and 1,234,567, not 5,0.
    let groups: Vec<&str> = int_part.split(',').collect();
    let commas_ok = groups.len() == 1 || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    let int_digits: String = groups.concat();
    if int_digits.is_empty() || !digits_only(&int_digits) || !digits_only(frac_part) || !commas_ok || s.ends_with('.') {
        return Err(format!("请只填数字，{example}"));
    }
    // 万 moves the point four places: 1.5万 = 15000.
    let shift = if wan { 4 } else { 0 };
    if frac_part.len() as u32 > decimals + shift {
        return Err(if unit == "元" {
            "金额最多写到分（小数点后两位）".to_string()
        } else {
            format!("最多写到小数点后{decimals}位")
        });
    }
    let mut all = format!("{int_digits}{frac_part}");
    let scale = decimals + shift - frac_part.len() as u32;
    all.extend(std::iter::repeat_n('0', scale as usize));
    let all = all.trim_start_matches('0');
    if all.len() > 18 {
        return Err("数字太大了，请检查一下".to_string());
    }
    if all.is_empty() {
        return Ok(0);
    }
    all.parse().map_err(|_| format!("请只填数字，{example}"))
}

/// An amount of money in fen: `parse_money("50000") = 5_000_000`.
pub fn parse_money(text: &str) -> Result<i64, String> {
    let fen = parse_decimal(text, 2, "元")?;
    if fen > MAX_FEN {
        return Err("金额太大了，请检查一下".to_string());
    }
    Ok(fen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_amounts() {
        for (s, fen) in [
            ("50000", 5_000_000),
            ("50,000", 5_000_000),
            ("1,234,567.8", 123_456_780),
            ("３５００．５０", 350_050),
            ("3500.5元", 350_050),
            ("0", 0),
            ("0.01", 1),
            ("5万", 5_000_000),
            ("1.5万", 1_500_000),
            ("1.23456万", 1_234_560),
            ("1.234567万", 1_234_567),
            (" 800 ", 80_000),
        ] {
            assert_eq!(parse_money(s), Ok(fen), "{s}");
        }
        assert!(parse_money("-500").unwrap_err().contains("负数"));
        assert!(parse_money("abc").unwrap_err().contains("数字"));
        assert!(parse_money("12a").unwrap_err().contains("数字"));
        assert!(parse_money("1.234").unwrap_err().contains("分"));
        assert!(parse_money("1.2345678万").unwrap_err().contains("分"));
        for bad in ["", "5,0", ",500", "1..2", "1.", ".", "5e3", "1,2345", "万"] {
            assert!(parse_money(bad).is_err(), "{bad}");
        }
        assert!(parse_money("99999999999999999999999").unwrap_err().contains("太大"));
        assert!(parse_money("2000000000000").unwrap_err().contains("太大"));
        assert_eq!(parse_decimal("2.5", 2, "小时"), Ok(250));
        assert_eq!(parse_decimal("8小时", 2, "小时"), Ok(800));
    }

    #[test]
    fn formats_and_rounds() {
        assert_eq!(yuan(105_000), "1050");
        assert_eq!(yuan(105_025), "1050.25");
        assert_eq!(yuan(105_020), "1050.20");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(round_half_up(5, 2), 3);
        assert_eq!(round_half_up(4, 2), 2);
        assert_eq!(round_half_up(7, 4), 2);
        assert_eq!(round_half_up(5, 4), 1);
        assert_eq!(round_half_up(0, 7), 0);
    }
}
