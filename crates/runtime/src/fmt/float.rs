//! strconv's float formatting (strconv/ftoa.go): `%e`, `%f`, `%g` with shortest or fixed precision
//! (the digits come from Rust's correctly rounded formatting), and `%b`, `%x`, `%X` from the bits
//! (`fmtB`, `fmtX`). Used by fmt's verbs and by `strconv.FormatFloat`.

use std::fmt::Write as _;

/// Decimal digits of a finite non-negative float: `digits` with the decimal point after `dp` digits.
struct Decimal {
    digits: Vec<u8>,
    dp: i32,
}

/// Shortest digits that round-trip at the given bit size.
fn shortest_decimal(v: f64, bits: u32) -> Decimal {
    let s = if bits == 32 {
        format!("{:e}", v as f32)
    } else {
        format!("{:e}", v)
    };
    parse_sci(&s)
}

/// `n` significant digits, correctly rounded (half to even).
fn sig_decimal(v: f64, n: usize) -> Decimal {
    let s = format!("{:.*e}", n.saturating_sub(1), v);
    parse_sci(&s)
}

fn parse_sci(s: &str) -> Decimal {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    let mut d = Decimal {
        digits,
        dp: exp + 1,
    };
    while d.digits.len() > 1 && d.digits.last() == Some(&b'0') {
        d.digits.pop();
    }
    if d.digits == [b'0'] {
        d.dp = 0;
        d.digits.clear();
    }
    d
}

/// strconv.FormatFloat(v, fmt, prec, bits) for fmt in e E f F g G (others fall back to g).
/// strconv's `%b` (`-ddddp±ddd`, the mantissa and binary exponent in decimal) and `%x`/`%X`
/// (`-0x1.hhhhp±dd`, hexadecimal mantissa) of a finite float of `bits` bits (strconv/ftoa.go `fmtB`,
/// `fmtX`).
fn format_float_binary(v: f64, verb: char, prec: i32, bits: u32) -> String {
    let (raw, mantbits, expbits, bias) = if bits == 32 {
        (u64::from((v as f32).to_bits()), 23u32, 8u32, -127i32)
    } else {
        (v.to_bits(), 52, 11, -1023)
    };
    let neg = raw >> (expbits + mantbits) != 0;
    let mut exp = ((raw >> mantbits) & ((1 << expbits) - 1)) as i32;
    let mut mant = raw & ((1u64 << mantbits) - 1);
    if exp == 0 {
        exp += 1; // denormal
    } else {
        mant |= 1u64 << mantbits;
    }
    exp += bias;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if verb == 'b' {
        let e = exp - mantbits as i32;
        out.push_str(&format!("{mant}p{}{e}", if e >= 0 { "+" } else { "" }));
        return out;
    }
    if mant == 0 {
        exp = 0;
    }
    // The leading 1 (if any) at bit 60.
    mant <<= 60 - mantbits;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    if (0..15).contains(&prec) {
        let shift = (prec * 4) as u32;
        let extra = (mant << shift) & ((1 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            mant >>= 1;
            exp += 1;
        }
    }
    let digits: &[u8; 16] = if verb == 'X' {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    out.push('0');
    out.push(verb);
    out.push(if (mant >> 60) & 1 == 1 { '1' } else { '0' });
    mant <<= 4;
    if (prec < 0 && mant != 0) || prec > 0 {
        out.push('.');
        let mut n = 0;
        while (prec < 0 && mant != 0) || (prec > 0 && n < prec) {
            out.push(digits[((mant >> 60) & 15) as usize] as char);
            mant <<= 4;
            n += 1;
        }
    }
    out.push(if verb == 'X' { 'P' } else { 'p' });
    out.push(if exp < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", exp.abs()));
    out
}

pub fn format_float(v: f64, verb: char, prec: i32, bits: u32) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    if matches!(verb, 'b' | 'x' | 'X') {
        return format_float_binary(v, verb, prec, bits);
    }
    let neg = v.is_sign_negative();
    let a = v.abs();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    let shortest = prec < 0;
    match verb {
        'e' | 'E' => {
            let d = if shortest {
                shortest_decimal(a, bits)
            } else {
                sig_decimal(a, prec as usize + 1)
            };
            let p = if shortest {
                d.digits.len().max(1) as i32 - 1
            } else {
                prec
            };
            fmt_e(&mut out, &d, p, verb);
        }
        'f' | 'F' => {
            if shortest {
                let d = shortest_decimal(a, bits);
                let p = (d.digits.len() as i32 - d.dp).max(0);
                fmt_f(&mut out, &d, p);
            } else {
                let s = format!(
                    "{:.*}",
                    prec as usize,
                    if bits == 32 { a as f32 as f64 } else { a }
                );
                out.push_str(&s);
            }
        }
        _ => {
            // 'g' / 'G'
            let upper = verb == 'G';
            let (d, eprec) = if shortest {
                (shortest_decimal(a, bits), 6)
            } else {
                let p = if prec == 0 { 1 } else { prec };
                (sig_decimal(a, p as usize), p)
            };
            let mut eprec = eprec;
            let nd = d.digits.len() as i32;
            if !shortest && eprec > nd && nd >= d.dp {
                eprec = nd;
            }
            if shortest {
                eprec = 6;
            }
            let exp = d.dp - 1;
            if d.digits.is_empty() {
                out.push('0');
            } else if exp < -4 || exp >= eprec {
                let p = (nd - 1).max(0);
                fmt_e(&mut out, &d, p, if upper { 'E' } else { 'e' });
            } else {
                let p = (nd - d.dp).max(0);
                fmt_f(&mut out, &d, p);
            }
        }
    }
    out
}

fn fmt_e(out: &mut String, d: &Decimal, prec: i32, verb: char) {
    let first = d.digits.first().copied().unwrap_or(b'0');
    out.push(first as char);
    if prec > 0 {
        out.push('.');
        for i in 1..=prec as usize {
            out.push(d.digits.get(i).copied().unwrap_or(b'0') as char);
        }
    }
    out.push(verb);
    let exp = if d.digits.is_empty() { 0 } else { d.dp - 1 };
    out.push(if exp < 0 { '-' } else { '+' });
    let e = exp.abs();
    if e < 10 {
        out.push('0');
    }
    let _ = write!(out, "{e}");
}

fn fmt_f(out: &mut String, d: &Decimal, prec: i32) {
    if d.dp > 0 {
        for i in 0..d.dp as usize {
            out.push(d.digits.get(i).copied().unwrap_or(b'0') as char);
        }
    } else {
        out.push('0');
    }
    if prec > 0 {
        out.push('.');
        for i in 0..prec {
            let j = d.dp + i;
            let c = if j < 0 {
                b'0'
            } else {
                d.digits.get(j as usize).copied().unwrap_or(b'0')
            };
            out.push(c as char);
        }
    }
}
