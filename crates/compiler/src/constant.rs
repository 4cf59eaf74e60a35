//! Compile-time constant values and arithmetic; models go/constant as gc uses it.
//!
//! Integers are exact in 128 bits (gc allows 512): a result outside `i128` is reported as
//! "constant overflow" by the caller. Floats are `f64` (gc uses 512-bit floats), which is exact
//! for the constants typical programs use.

use crate::lexer::Operator;

/// A constant value.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Bool(bool),
    Int(i128),
    Float(f64),
    String(String),
}

impl ConstValue {
    /// As an exact integer, if it is one (floats with no fractional part count).
    pub fn to_int(&self) -> Option<i128> {
        match self {
            ConstValue::Int(i) => Some(*i),
            ConstValue::Float(f) if f.fract() == 0.0 && f.abs() < 1.7e38 => Some(*f as i128),
            _ => None,
        }
    }

    /// As a float.
    pub fn to_float(&self) -> Option<f64> {
        match self {
            ConstValue::Int(i) => Some(*i as f64),
            ConstValue::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// gc's rendering in messages (`1180591620717411303424`, `"a"`, `true`, `1.5`).
    pub fn render(&self) -> String {
        match self {
            ConstValue::Bool(b) => b.to_string(),
            ConstValue::Int(i) => i.to_string(),
            ConstValue::Float(f) => format_float(*f),
            ConstValue::String(s) => format!("{s:?}"),
        }
    }
}

/// Formats a float constant like go/constant's String (shortest form, `e+NN` exponents).
pub fn format_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e21 {
        return format!("{}", f as i128);
    }
    let s = format!("{f}");
    if s.len() > 12 {
        let e = format!("{f:e}");
        if let Some((m, exp)) = e.split_once('e') {
            let exp: i32 = exp.parse().unwrap_or(0);
            return format!("{m}e{}{:02}", if exp < 0 { "-" } else { "+" }, exp.abs());
        }
    }
    s
}

/// Why a constant operation failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstError {
    DivByZero,
    Overflow,
    /// The operator does not apply to these operands.
    Invalid,
}

/// Evaluates `x op y` for constants of the same kind (after untyped conversion). `int_division`
/// says whether `/` truncates (integer operands).
pub fn binary(
    op: Operator,
    x: &ConstValue,
    y: &ConstValue,
    int_division: bool,
) -> Result<ConstValue, ConstError> {
    use ConstValue::*;
    use Operator as O;
    match (x, y) {
        (Bool(a), Bool(b)) => Ok(Bool(match op {
            O::AndAnd => *a && *b,
            O::OrOr => *a || *b,
            O::Eql => a == b,
            O::Neq => a != b,
            _ => return Err(ConstError::Invalid),
        })),
        (String(a), String(b)) => Ok(match op {
            O::Add => String(format!("{a}{b}")),
            O::Eql => Bool(a == b),
            O::Neq => Bool(a != b),
            O::Lss => Bool(a < b),
            O::Leq => Bool(a <= b),
            O::Gtr => Bool(a > b),
            O::Geq => Bool(a >= b),
            _ => return Err(ConstError::Invalid),
        }),
        (Int(a), Int(b)) => {
            let (a, b) = (*a, *b);
            let ov = ConstError::Overflow;
            Ok(match op {
                O::Add => Int(a.checked_add(b).ok_or(ov)?),
                O::Sub => Int(a.checked_sub(b).ok_or(ov)?),
                O::Mul => Int(a.checked_mul(b).ok_or(ov)?),
                O::Div if b == 0 => return Err(ConstError::DivByZero),
                O::Div if int_division => Int(a.checked_div(b).ok_or(ov)?),
                O::Div => Float(no_neg_zero(a as f64 / b as f64)),
                O::Rem if b == 0 => return Err(ConstError::DivByZero),
                O::Rem => Int(a.checked_rem(b).ok_or(ov)?),
                O::And => Int(a & b),
                O::Or => Int(a | b),
                O::Xor => Int(a ^ b),
                O::AndNot => Int(a & !b),
                O::Eql => Bool(a == b),
                O::Neq => Bool(a != b),
                O::Lss => Bool(a < b),
                O::Leq => Bool(a <= b),
                O::Gtr => Bool(a > b),
                O::Geq => Bool(a >= b),
                _ => return Err(ConstError::Invalid),
            })
        }
        (Int(_) | Float(_), Int(_) | Float(_)) => {
            let a = x.to_float().unwrap_or(0.0);
            let b = y.to_float().unwrap_or(0.0);
            Ok(match op {
                O::Add => Float(a + b),
                O::Sub => Float(a - b),
                O::Mul => Float(no_neg_zero(a * b)),
                O::Div if b == 0.0 => return Err(ConstError::DivByZero),
                O::Div => Float(no_neg_zero(a / b)),
                O::Eql => Bool(a == b),
                O::Neq => Bool(a != b),
                O::Lss => Bool(a < b),
                O::Leq => Bool(a <= b),
                O::Gtr => Bool(a > b),
                O::Geq => Bool(a >= b),
                _ => return Err(ConstError::Invalid),
            })
        }
        _ => Err(ConstError::Invalid),
    }
}

/// Evaluates `x << s` or `x >> s`.
pub fn shift(op: Operator, x: i128, s: u128) -> Result<i128, ConstError> {
    match op {
        Operator::Shl => {
            if x == 0 {
                return Ok(0);
            }
            if s >= 127 {
                return Err(ConstError::Overflow);
            }
            let r = x.checked_shl(s as u32).ok_or(ConstError::Overflow)?;
            if r >> s != x {
                return Err(ConstError::Overflow);
            }
            Ok(r)
        }
        _ => Ok(if s >= 127 {
            if x < 0 {
                -1
            } else {
                0
            }
        } else {
            x >> s
        }),
    }
}

/// Evaluates a unary operator; `bits` is the width of a typed unsigned operand for `^x`.
pub fn unary(
    op: Operator,
    x: &ConstValue,
    unsigned_bits: Option<u32>,
) -> Result<ConstValue, ConstError> {
    use ConstValue::*;
    match (op, x) {
        (Operator::Add, Int(_) | Float(_)) => Ok(x.clone()),
        (Operator::Sub, Int(a)) => Ok(Int(a.checked_neg().ok_or(ConstError::Overflow)?)),
        (Operator::Sub, Float(a)) => Ok(Float(no_neg_zero(-a))),
        (Operator::Not, Bool(b)) => Ok(Bool(!b)),
        (Operator::Xor, Int(a)) => match unsigned_bits {
            Some(bits) => {
                let mask: i128 = if bits >= 127 {
                    i128::MAX
                } else {
                    (1i128 << bits) - 1
                };
                Ok(Int(!a & mask))
            }
            None => Ok(Int(!a)),
        },
        _ => Err(ConstError::Invalid),
    }
}

/// An exact rational `numerator / denominator` (denominator > 0, reduced), used to fold
/// untyped float constants exactly as Go does (`0.1 + 0.2 == 0.3` holds for constants).
pub type Rat = (i128, i128);

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a.max(1)
}

/// Normalizes a rational; `None` if the denominator is zero.
pub fn rat_norm(n: i128, d: i128) -> Option<Rat> {
    if d == 0 {
        return None;
    }
    let g = gcd(n, d);
    let (n, d) = (n / g, d / g);
    if d < 0 {
        Some((n.checked_neg()?, d.checked_neg()?))
    } else {
        Some((n, d))
    }
}

/// The exact value of a decimal floating-point literal (`0.1`, `1.5e-3`, `2.`), if it fits.
pub fn rat_from_decimal(lit: &str) -> Option<Rat> {
    let clean: String = lit
        .chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    if clean.starts_with("0x") {
        return None;
    }
    let (mant, exp) = match clean.split_once('e') {
        Some((m, e)) => (m.to_string(), e.parse::<i32>().ok()?),
        None => (clean.clone(), 0),
    };
    let (ip, fp) = mant.split_once('.').unwrap_or((mant.as_str(), ""));
    let digits = format!("{ip}{fp}");
    let mut n: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let mut d: i128 = 1;
    let scale = exp - fp.len() as i32;
    if scale >= 0 {
        for _ in 0..scale {
            n = n.checked_mul(10)?;
        }
    } else {
        for _ in 0..(-scale) {
            d = d.checked_mul(10)?;
        }
    }
    rat_norm(n, d)
}

/// `a op b` for + - * / (exactly), or `None` on overflow or another operator.
pub fn rat_op(op: Operator, a: Rat, b: Rat) -> Option<Rat> {
    let (an, ad) = a;
    let (bn, bd) = b;
    match op {
        Operator::Add | Operator::Sub => {
            let l = an.checked_mul(bd)?;
            let r = bn.checked_mul(ad)?;
            let n = if op == Operator::Add {
                l.checked_add(r)?
            } else {
                l.checked_sub(r)?
            };
            rat_norm(n, ad.checked_mul(bd)?)
        }
        Operator::Mul => rat_norm(an.checked_mul(bn)?, ad.checked_mul(bd)?),
        Operator::Div => rat_norm(an.checked_mul(bd)?, ad.checked_mul(bn)?),
        _ => None,
    }
}

/// Compares two rationals.
pub fn rat_cmp(a: Rat, b: Rat) -> Option<std::cmp::Ordering> {
    Some(a.0.checked_mul(b.1)?.cmp(&b.0.checked_mul(a.1)?))
}

/// The float64 nearest to a rational (correctly rounded when both parts are below 2^53).
pub fn rat_to_f64(r: Rat) -> f64 {
    r.0 as f64 / r.1 as f64
}

/// Go's constants are exact numbers with no negative zero: `-0.0` is 0.
fn no_neg_zero(f: f64) -> f64 {
    if f == 0.0 {
        0.0
    } else {
        f
    }
}
