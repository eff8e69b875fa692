//! The derivative of every elementary operation, one function each.
//!
//! A unary rule `f(x, y) -> d` returns `d = f'(x)` given the input `x` and the primal output
//! `y = f(x)` (so `exp` reuses `y`). A binary rule returns the two partial derivatives. The
//! forward code multiplies them by tangents (`dy = d * dx`), the reverse code by the output's
//! cotangent (`x_bar += d * y_bar`), and [`crate::Dual`] uses them for its arithmetic: one table
//! serves every transformation.
//!
//! Conventions at non-differentiable points follow JAX (see the README's table):
//! `|x|'(0) = |x|'(-0.0) = 1`; `max`/`min` at a tie give 1/2 to each side; `clamp` exactly at a
//! bound gives 1/2; `sqrt'(0) = +inf`; the exponent-derivative of `powf` at base 0 is 0;
//! `floor`, `ceil`, `round`, `trunc` and `signum` have derivative 0 (the macro treats their
//! results as constants).

use crate::Real;

macro_rules! c {
    ($v:expr) => {
        T::from_f64($v)
    };
}

/// `d/dx sin x`
#[inline(always)]
pub fn sin<T: Real>(x: T, _y: T) -> T {
    x.cos()
}
/// `d/dx cos x`
#[inline(always)]
pub fn cos<T: Real>(x: T, _y: T) -> T {
    -x.sin()
}
/// `d/dx tan x = 1 + tan² x`
#[inline(always)]
pub fn tan<T: Real>(_x: T, y: T) -> T {
    T::one() + y * y
}
/// `d/dx asin x = 1/√(1-x²)`
#[inline(always)]
pub fn asin<T: Real>(x: T, _y: T) -> T {
    (T::one() - x * x).sqrt().recip()
}
/// `d/dx acos x = -1/√(1-x²)`
#[inline(always)]
pub fn acos<T: Real>(x: T, _y: T) -> T {
    -(T::one() - x * x).sqrt().recip()
}
/// `d/dx atan x = 1/(1+x²)`
#[inline(always)]
pub fn atan<T: Real>(x: T, _y: T) -> T {
    (T::one() + x * x).recip()
}
/// `d/dx sinh x = cosh x`
#[inline(always)]
pub fn sinh<T: Real>(x: T, _y: T) -> T {
    x.cosh()
}
/// `d/dx cosh x = sinh x`
#[inline(always)]
pub fn cosh<T: Real>(x: T, _y: T) -> T {
    x.sinh()
}
/// `d/dx tanh x = 1 - tanh² x`
#[inline(always)]
pub fn tanh<T: Real>(_x: T, y: T) -> T {
    T::one() - y * y
}
/// `d/dx asinh x = 1/√(x²+1)`
#[inline(always)]
pub fn asinh<T: Real>(x: T, _y: T) -> T {
    (x * x + T::one()).sqrt().recip()
}
/// `d/dx acosh x = 1/(√(x-1)·√(x+1))`
#[inline(always)]
pub fn acosh<T: Real>(x: T, _y: T) -> T {
    ((x - T::one()).sqrt() * (x + T::one()).sqrt()).recip()
}
/// `d/dx atanh x = 1/(1-x²)`
#[inline(always)]
pub fn atanh<T: Real>(x: T, _y: T) -> T {
    (T::one() - x * x).recip()
}
/// `d/dx eˣ = eˣ`
#[inline(always)]
pub fn exp<T: Real>(_x: T, y: T) -> T {
    y
}
/// `d/dx 2ˣ = 2ˣ ln 2`
#[inline(always)]
pub fn exp2<T: Real>(_x: T, y: T) -> T {
    y * T::LN_2()
}
/// `d/dx (eˣ - 1) = eˣ`
#[inline(always)]
pub fn exp_m1<T: Real>(_x: T, y: T) -> T {
    y + T::one()
}
/// `d/dx ln x = 1/x`
#[inline(always)]
pub fn ln<T: Real>(x: T, _y: T) -> T {
    x.recip()
}
/// `d/dx log₂ x = 1/(x ln 2)`
#[inline(always)]
pub fn log2<T: Real>(x: T, _y: T) -> T {
    (x * T::LN_2()).recip()
}
/// `d/dx log₁₀ x = 1/(x ln 10)`
#[inline(always)]
pub fn log10<T: Real>(x: T, _y: T) -> T {
    (x * T::LN_10()).recip()
}
/// `d/dx ln(1+x) = 1/(1+x)`
#[inline(always)]
pub fn ln_1p<T: Real>(x: T, _y: T) -> T {
    (T::one() + x).recip()
}
/// `d/dx √x = 1/(2√x)`; `+inf` at 0.
#[inline(always)]
pub fn sqrt<T: Real>(_x: T, y: T) -> T {
    c!(0.5) / y
}
/// `d/dx ∛x = 1/(3 ∛x²)`; `+inf` at 0.
#[inline(always)]
pub fn cbrt<T: Real>(_x: T, y: T) -> T {
    (c!(3.0) * y * y).recip()
}
/// `d/dx |x|`: 1 for `x >= 0` (so 1 at both 0 and -0.0, as JAX), else -1.
#[inline(always)]
pub fn abs<T: Real>(x: T, _y: T) -> T {
    if x >= T::zero() {
        T::one()
    } else {
        -T::one()
    }
}
/// `d/dx (x - trunc x) = 1`
#[inline(always)]
pub fn fract<T: Real>(_x: T, _y: T) -> T {
    T::one()
}
/// `d/dx 1/x = -1/x²`
#[inline(always)]
pub fn recip<T: Real>(_x: T, y: T) -> T {
    -(y * y)
}
/// `d/dx x·180/π`
#[inline(always)]
pub fn to_degrees<T: Real>(_x: T, _y: T) -> T {
    c!(180.0) / T::PI()
}
/// `d/dx x·π/180`
#[inline(always)]
pub fn to_radians<T: Real>(_x: T, _y: T) -> T {
    T::PI() / c!(180.0)
}
/// Derivative 0: `floor`, `ceil`, `round`, `trunc`, `signum` (piecewise constant).
#[inline(always)]
pub fn piecewise_constant<T: Real>(_x: T, _y: T) -> T {
    T::zero()
}

/// Partials of `a / b`: `(1/b, -y/b)` where `y = a/b`.
#[inline(always)]
pub fn div<T: Real>(_a: T, b: T, y: T) -> (T, T) {
    let r = b.recip();
    (r, -y * r)
}
/// Partials of `a.atan2(b)` (angle of the point `(b, a)`): `(b/(a²+b²), -a/(a²+b²))`; NaN at
/// the origin, as JAX.
#[inline(always)]
pub fn atan2<T: Real>(a: T, b: T, _y: T) -> (T, T) {
    let r = (a * a + b * b).recip();
    (b * r, -a * r)
}
/// Partials of `x.powf(p) = y`: `(p·x^(p-1), ln(x)·y)`, with the exponent-partial 0 at `x = 0`
/// (no `0·ln 0` NaN), as JAX.
#[inline(always)]
pub fn powf<T: Real>(x: T, p: T, y: T) -> (T, T) {
    // `0·x^(-1)` is NaN only at x = 0; elsewhere the product is an exact 0 whose own
    // derivative (for nested duals) must survive, so only that point is special-cased.
    let dx = if p == T::zero() && x == T::zero() {
        T::zero()
    } else {
        p * x.powf(p - T::one())
    };
    let dp = if x == T::zero() {
        T::zero()
    } else {
        x.ln() * y
    };
    (dx, dp)
}
/// Derivative of `x.powi(n)`: `n·x^(n-1)`, and 0 for `n = 0`.
#[inline(always)]
pub fn powi<T: Real>(x: T, n: i32, _y: T) -> T {
    if n == 0 {
        T::zero()
    } else {
        T::from_f64(n as f64) * x.powi(n - 1)
    }
}
/// Partials of `x.hypot(y) = h`: `(x/h, y/h)`, and `(1/2, 1/2)` at the origin (JAX's value).
#[inline(always)]
pub fn hypot<T: Real>(x: T, y: T, h: T) -> (T, T) {
    if h == T::zero() {
        (c!(0.5), c!(0.5))
    } else {
        (x / h, y / h)
    }
}
/// Partials of `x.log(b) = ln x / ln b`.
#[inline(always)]
pub fn log<T: Real>(x: T, b: T, y: T) -> (T, T) {
    let lb = b.ln();
    ((x * lb).recip(), -y / (b * lb))
}
/// Partials of `a.max(b)`: the larger side gets 1; a tie gives 1/2 to each side (JAX).
#[inline(always)]
pub fn max<T: Real>(a: T, b: T, _y: T) -> (T, T) {
    if a > b {
        (T::one(), T::zero())
    } else if a < b {
        (T::zero(), T::one())
    } else {
        (c!(0.5), c!(0.5))
    }
}
/// Partials of `a.min(b)`: the smaller side gets 1; a tie gives 1/2 to each side (JAX).
#[inline(always)]
pub fn min<T: Real>(a: T, b: T, _y: T) -> (T, T) {
    if a < b {
        (T::one(), T::zero())
    } else if a > b {
        (T::zero(), T::one())
    } else {
        (c!(0.5), c!(0.5))
    }
}
/// Partials of `a.mul_add(b, c) = a·b + c`.
#[inline(always)]
pub fn mul_add<T: Real>(a: T, b: T, _c: T, _y: T) -> (T, T, T) {
    (b, a, T::one())
}
/// Partials of `x.clamp(lo, hi)`, as `min(max(x, lo), hi)`: exactly at a bound, 1/2 to `x` and
/// 1/2 to that bound (JAX's `clip`).
#[inline(always)]
pub fn clamp<T: Real>(x: T, lo: T, hi: T, _y: T) -> (T, T, T) {
    let m = if x > lo { x } else { lo };
    let (dm_dx, dm_dlo) = max(x, lo, m);
    let (dy_dm, dy_dhi) = min(m, hi, m);
    (dy_dm * dm_dx, dy_dm * dm_dlo, dy_dhi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventions_match_jax() {
        assert_eq!(abs(0.0f64, 0.0), 1.0);
        assert_eq!(abs(-0.0f64, 0.0), 1.0);
        assert_eq!(abs(-2.0f64, 2.0), -1.0);
        assert_eq!(max(1.0f64, 1.0, 1.0), (0.5, 0.5));
        assert_eq!(min(1.0f64, 1.0, 1.0), (0.5, 0.5));
        assert_eq!(max(0.0f64, 0.0, 0.0), (0.5, 0.5));
        assert_eq!(sqrt(0.0f64, 0.0), f64::INFINITY);
        assert_eq!(powf(0.0f64, 2.0, 0.0), (0.0, 0.0));
        assert_eq!(powf(0.0f64, 0.5, 0.0).0, f64::INFINITY);
        assert_eq!(clamp(1.0f64, 0.0, 1.0, 1.0), (0.5, 0.0, 0.5));
        assert_eq!(clamp(0.0f64, 0.0, 1.0, 0.0), (0.5, 0.5, 0.0));
        assert_eq!(clamp(0.5f64, 0.0, 1.0, 0.5), (1.0, 0.0, 0.0));
        assert_eq!(hypot(0.0f64, 0.0, 0.0), (0.5, 0.5));
        assert!(atan2(0.0f64, 0.0, 0.0).0.is_nan());
        assert_eq!(ln(0.0f64, f64::NEG_INFINITY), f64::INFINITY);
        assert_eq!(powi(0.0f64, 0, 1.0), 0.0);
    }

    /// Every unary rule against a central difference of the function itself.
    #[test]
    fn unary_rules_match_finite_differences() {
        type U = (&'static str, fn(f64) -> f64, fn(f64, f64) -> f64, f64);
        let cases: &[U] = &[
            ("sin", f64::sin, sin, 0.7),
            ("cos", f64::cos, cos, 0.7),
            ("tan", f64::tan, tan, 0.7),
            ("asin", f64::asin, asin, 0.3),
            ("acos", f64::acos, acos, 0.3),
            ("atan", f64::atan, atan, 0.3),
            ("sinh", f64::sinh, sinh, 0.7),
            ("cosh", f64::cosh, cosh, 0.7),
            ("tanh", f64::tanh, tanh, 0.7),
            ("asinh", f64::asinh, asinh, 0.7),
            ("acosh", f64::acosh, acosh, 1.7),
            ("atanh", f64::atanh, atanh, 0.3),
            ("exp", f64::exp, exp, 0.7),
            ("exp2", f64::exp2, exp2, 0.7),
            ("exp_m1", f64::exp_m1, exp_m1, 0.7),
            ("ln", f64::ln, ln, 0.7),
            ("log2", f64::log2, log2, 0.7),
            ("log10", f64::log10, log10, 0.7),
            ("ln_1p", f64::ln_1p, ln_1p, 0.7),
            ("sqrt", f64::sqrt, sqrt, 0.7),
            ("cbrt", f64::cbrt, cbrt, 0.7),
            ("abs", f64::abs, abs, -0.7),
            ("fract", f64::fract, fract, 2.3),
            ("recip", f64::recip, recip, 0.7),
            ("to_degrees", f64::to_degrees, to_degrees, 0.7),
            ("to_radians", f64::to_radians, to_radians, 0.7),
        ];
        for &(name, f, d, x) in cases {
            let h = 1e-6;
            let fd = (f(x + h) - f(x - h)) / (2.0 * h);
            let got = d(x, f(x));
            assert!(
                (fd - got).abs() <= 1e-6 * (1.0 + fd.abs()),
                "{name}: fd {fd} rule {got}"
            );
        }
    }

    #[test]
    fn binary_rules_match_finite_differences() {
        type B = (
            &'static str,
            fn(f64, f64) -> f64,
            fn(f64, f64, f64) -> (f64, f64),
        );
        let cases: &[B] = &[
            ("div", |a, b| a / b, div),
            ("atan2", f64::atan2, atan2),
            ("powf", f64::powf, powf),
            ("hypot", f64::hypot, hypot),
            ("log", f64::log, log),
            ("max", f64::max, max),
            ("min", f64::min, min),
        ];
        let (a, b) = (1.3, 2.1);
        for &(name, f, d) in cases {
            let h = 1e-6;
            let fa = (f(a + h, b) - f(a - h, b)) / (2.0 * h);
            let fb = (f(a, b + h) - f(a, b - h)) / (2.0 * h);
            let (da, db) = d(a, b, f(a, b));
            assert!(
                (fa - da).abs() <= 1e-6 * (1.0 + fa.abs()),
                "{name} da: {fa} vs {da}"
            );
            assert!(
                (fb - db).abs() <= 1e-6 * (1.0 + fb.abs()),
                "{name} db: {fb} vs {db}"
            );
        }
    }
}
