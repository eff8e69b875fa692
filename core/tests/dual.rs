//! `Dual<T>` as a complete `Real`: every derivative against a central finite difference, the
//! conventions at kinks, nested duals for second derivatives, and generic code.

use num_traits::{Float, FloatConst, Num, NumCast, One, ToPrimitive, Zero};
use oxidiff_core::{Dual, Real};

type D = Dual<f64>;
type DD = Dual<Dual<f64>>;

const H: f64 = 1e-6;

/// Central finite difference of `f` at `x`.
fn fd(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    (f(x + H) - f(x - H)) / (2.0 * H)
}

fn close(name: &str, got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-6 * (1.0 + want.abs()),
        "{name}: got {got}, want {want}"
    );
}

/// Checks a unary method's value exactly and its tangent against a finite difference.
fn check_unary(name: &str, f: impl Fn(f64) -> f64, df: impl Fn(D) -> D, x: f64) {
    let y = df(D::variable(x));
    assert_eq!(y.re.to_bits(), f(x).to_bits(), "{name}({x}) value");
    close(&format!("{name}'({x})"), y.eps, fd(&f, x));
    // A tangent scales linearly.
    let y3 = df(D::new(x, 3.0));
    close(&format!("{name}'({x}) x3"), y3.eps, 3.0 * y.eps);
}

macro_rules! unary {
    ($name:ident: $($x:expr),+) => {$(
        check_unary(stringify!($name), |v: f64| v.$name(), |d: D| d.$name(), $x);
    )+};
}

#[test]
fn unary_methods_match_finite_differences() {
    unary!(sin: 0.7, -2.3);
    unary!(cos: 0.7, -2.3);
    unary!(tan: 0.7, -1.2);
    unary!(asin: 0.3, -0.8);
    unary!(acos: 0.3, -0.8);
    unary!(atan: 0.3, -4.0);
    unary!(sinh: 0.7, -2.3);
    unary!(cosh: 0.7, -2.3);
    unary!(tanh: 0.7, -2.3);
    unary!(asinh: 0.7, -2.3);
    unary!(acosh: 1.7, 5.0);
    unary!(atanh: 0.3, -0.8);
    unary!(exp: 0.7, -2.3);
    unary!(exp2: 0.7, -2.3);
    unary!(exp_m1: 0.7, -2.3);
    unary!(ln: 0.7, 12.0);
    unary!(log2: 0.7, 12.0);
    unary!(log10: 0.7, 12.0);
    unary!(ln_1p: 0.7, -0.5);
    unary!(sqrt: 0.7, 12.0);
    unary!(cbrt: 0.7, -12.0);
    unary!(abs: 0.7, -2.3);
    unary!(recip: 0.7, -2.3);
    unary!(to_degrees: 0.7, -2.3);
    unary!(to_radians: 0.7, -2.3);
    unary!(fract: 2.3, -1.7);
    // Piecewise constant: derivative 0 away from the jumps.
    unary!(floor: 2.3, -1.7);
    unary!(ceil: 2.3, -1.7);
    unary!(round: 2.3, -1.7);
    unary!(trunc: 2.3, -1.7);
    unary!(signum: 2.3, -1.7);
    for x in [0.7, -1.3, 2.0] {
        for n in [-3, -1, 0, 1, 2, 5] {
            check_unary(&format!("powi {n}"), |v| v.powi(n), |d| d.powi(n), x);
        }
    }
    for x in [0.7, 2.3] {
        let (s, c) = D::variable(x).sin_cos();
        close("sin_cos.0", s.eps, x.cos());
        close("sin_cos.1", c.eps, -x.sin());
    }
}

/// Checks both partials of a binary function at `(a, b)`.
fn check_binary(name: &str, f: fn(f64, f64) -> f64, df: fn(D, D) -> D, a: f64, b: f64) {
    let y = df(D::variable(a), D::constant(b));
    assert_eq!(y.re.to_bits(), f(a, b).to_bits(), "{name}({a}, {b}) value");
    close(&format!("d{name}/da ({a}, {b})"), y.eps, fd(|v| f(v, b), a));
    let y = df(D::constant(a), D::variable(b));
    close(&format!("d{name}/db ({a}, {b})"), y.eps, fd(|v| f(a, v), b));
    // Both at once: the tangents add.
    let y = df(D::new(a, 2.0), D::new(b, -1.0));
    let want = 2.0 * fd(|v| f(v, b), a) - fd(|v| f(a, v), b);
    close(&format!("{name} jvp ({a}, {b})"), y.eps, want);
}

#[test]
#[allow(deprecated)]
fn binary_methods_and_ops_match_finite_differences() {
    type B = (&'static str, fn(f64, f64) -> f64, fn(D, D) -> D);
    let cases: &[B] = &[
        ("add", |a, b| a + b, |a, b| a + b),
        ("sub", |a, b| a - b, |a, b| a - b),
        ("mul", |a, b| a * b, |a, b| a * b),
        ("div", |a, b| a / b, |a, b| a / b),
        ("rem", |a, b| a % b, |a, b| a % b),
        ("powf", f64::powf, D::powf),
        ("log", f64::log, D::log),
        ("hypot", f64::hypot, D::hypot),
        ("atan2", f64::atan2, D::atan2),
        ("max", f64::max, D::max),
        ("min", f64::min, D::min),
        ("abs_sub", |a, b| Float::abs_sub(a, b), D::abs_sub),
        ("copysign", f64::copysign, D::copysign),
    ];
    for &(name, f, df) in cases {
        for (a, b) in [(1.3, 2.1), (2.9, 0.7)] {
            check_binary(name, f, df, a, b);
        }
    }
    for (a, b) in [(-1.3, 2.1), (-0.4, -3.0)] {
        for &(name, f, df) in &cases[..5] {
            check_binary(name, f, df, a, b);
        }
        check_binary("atan2", f64::atan2, D::atan2, a, b);
        check_binary("hypot", f64::hypot, D::hypot, a, b);
        check_binary("copysign", f64::copysign, D::copysign, a, b);
    }

    // Ternary: mul_add and clamp, one seeded input at a time.
    let (x, a, b) = (0.7, -1.9, 2.4);
    let s = |i: usize, j: usize| if i == j { 1.0 } else { 0.0 };
    for i in 0..3 {
        let y = D::new(x, s(i, 0)).mul_add(D::new(a, s(i, 1)), D::new(b, s(i, 2)));
        assert_eq!(y.re, x.mul_add(a, b));
        close("mul_add", y.eps, [a, x, 1.0][i]);
    }
    for (x, want) in [
        (0.5, [1.0, 0.0, 0.0]),
        (-0.5, [0.0, 1.0, 0.0]),
        (1.5, [0.0, 0.0, 1.0]),
    ] {
        for (i, &w) in want.iter().enumerate() {
            let y = D::new(x, s(i, 0)).clamp(D::new(0.0, s(i, 1)), D::new(1.0, s(i, 2)));
            assert_eq!(y.re, x.clamp(0.0, 1.0));
            assert_eq!(y.eps, w, "clamp({x}) input {i}");
        }
    }
}

#[test]
fn scalar_operands() {
    let x = D::new(1.5, 2.0);
    assert_eq!((x + 1.0).eps, 2.0);
    assert_eq!((x - 1.0).eps, 2.0);
    assert_eq!((x * 3.0).eps, 6.0);
    assert_eq!((x / 4.0).eps, 0.5);
    assert_eq!((x % 1.0).re, 0.5);
    assert_eq!((x % 1.0).eps, 2.0);
    assert_eq!((1.0 + x).eps, 2.0);
    assert_eq!((1.0 - x).eps, -2.0);
    assert_eq!((3.0 * x).eps, 6.0);
    let r = 3.0 / x;
    assert_eq!(r.re, 2.0);
    close("3/x", r.eps, -3.0 / (1.5 * 1.5) * 2.0);
    assert_eq!((5.0 % x).eps, -(5.0f64 / 1.5).trunc() * 2.0);
    let mut y = x;
    y += x;
    y -= 0.5;
    y *= 2.0;
    y /= x;
    y %= D::constant(10.0);
    y += 1.0;
    y -= x;
    y *= x;
    y /= 2.0;
    y %= 100.0;
    let z = {
        let mut z = (((x + x) - 0.5) * 2.0) / x;
        z = z % D::constant(10.0) + 1.0 - x;
        (z * x / 2.0) % 100.0
    };
    assert_eq!((y.re, y.eps), (z.re, z.eps));
    let f = Dual::new(1.5f32, 1.0) * 2.0f32 + 1.0f32 / Dual::new(2.0f32, 1.0);
    assert_eq!((f.re, f.eps), (3.5, 2.0 - 0.25));
}

#[test]
fn conventions_at_kinks() {
    // |x|' = 1 at 0 and at -0.0.
    assert_eq!(D::variable(0.0).abs().eps, 1.0);
    assert_eq!(D::variable(-0.0).abs().eps, 1.0);
    assert_eq!(D::variable(-2.0).abs().eps, -1.0);
    // A tie of max / min gives 1/2 to each side.
    for (a, b) in [(1.0, 1.0), (0.0, 0.0), (0.0, -0.0)] {
        assert_eq!(D::variable(a).max(D::constant(b)).eps, 0.5);
        assert_eq!(D::constant(a).max(D::variable(b)).eps, 0.5);
        assert_eq!(D::variable(a).min(D::constant(b)).eps, 0.5);
        assert_eq!(D::constant(a).min(D::variable(b)).eps, 0.5);
        // The same variable on both sides: the halves add up.
        let x = D::variable(a);
        assert_eq!(x.max(x).eps, 1.0);
    }
    // max/min with NaN return the other operand, tangent included.
    let nan = D::new(f64::NAN, 7.0);
    let x = D::new(2.0, 3.0);
    assert_eq!((nan.max(x).re, nan.max(x).eps), (2.0, 3.0));
    assert_eq!((x.max(nan).re, x.max(nan).eps), (2.0, 3.0));
    assert_eq!((nan.min(x).re, nan.min(x).eps), (2.0, 3.0));
    assert_eq!((x.min(nan).re, x.min(nan).eps), (2.0, 3.0));
    assert!(nan.max(nan).is_nan());
    // sqrt'(0) = +inf; a constant 0 keeps tangent 0.
    assert_eq!(D::variable(0.0).sqrt().eps, f64::INFINITY);
    assert_eq!(D::constant(0.0).sqrt().eps, 0.0);
    // clamp exactly at a bound: 1/2 to x, 1/2 to that bound.
    let lo = D::new(0.0, 10.0);
    let hi = D::new(1.0, 100.0);
    assert_eq!(D::new(1.0, 1.0).clamp(lo, hi).eps, 0.5 + 50.0);
    assert_eq!(D::new(0.0, 1.0).clamp(lo, hi).eps, 0.5 + 5.0);
    assert!(D::new(f64::NAN, 1.0).clamp(lo, hi).is_nan());
    // hypot at the origin: (1/2, 1/2).
    assert_eq!(D::new(0.0, 1.0).hypot(D::new(0.0, 2.0)).eps, 1.5);
    // powf: the exponent-partial is 0 at base 0; x^0 has derivative 0.
    assert_eq!(D::constant(0.0).powf(D::variable(2.0)).eps, 0.0);
    assert_eq!(D::variable(0.0).powf(D::constant(2.0)).eps, 0.0);
    assert_eq!(D::variable(3.0).powf(D::constant(0.0)).eps, 0.0);
    assert_eq!(D::variable(0.0).powf(D::constant(0.5)).eps, f64::INFINITY);
    // A constant exponent with a negative base: ln(x) is NaN but the exponent does not move.
    let y = D::variable(-1.5).powf(D::from_f64(2.0));
    assert_eq!((y.re, y.eps), (2.25, -3.0));
    // Piecewise-constant functions have tangent 0, even at the jumps.
    for x in [0.0, 1.0, 0.5, -2.5] {
        let d = D::variable(x);
        for y in [d.floor(), d.ceil(), d.round(), d.trunc(), d.signum()] {
            assert_eq!(y.eps, 0.0);
        }
        assert_eq!(d.fract().eps, 1.0);
    }
    // abs_sub at a tie follows max: half.
    #[allow(deprecated)]
    let t = D::variable(2.0).abs_sub(D::constant(2.0));
    assert_eq!((t.re, t.eps), (0.0, 0.5));
    // atan2 at the origin: NaN tangent, as JAX.
    assert!(D::variable(0.0).atan2(D::constant(0.0)).eps.is_nan());
}

/// `x` seeded for a second derivative: `re = (x, 1)`, `eps = (1, 0)`.
fn seed2(x: f64) -> DD {
    Dual::new(Dual::new(x, 1.0), Dual::new(1.0, 0.0))
}

#[test]
fn nested_duals_give_second_derivatives() {
    for x in [0.3, 1.7, -2.2] {
        let y = seed2(x).sin();
        assert_eq!(y.re.re, x.sin());
        close("sin'", y.re.eps, x.cos());
        close("sin'", y.eps.re, x.cos());
        close("sin''", y.eps.eps, -x.sin());

        let v = seed2(x);
        let y = v.exp() * v * v;
        let e = x.exp();
        close("(e^x x^2)'", y.eps.re, e * (x * x + 2.0 * x));
        close("(e^x x^2)''", y.eps.eps, e * (x * x + 4.0 * x + 2.0));

        let y = v.powi(4) / v.cosh();
        let g = |t: f64| 4.0 * t.powi(3) / t.cosh() - t.powi(4) * t.sinh() / (t.cosh() * t.cosh());
        close("(x^4/cosh)''", y.eps.eps, fd(g, x));
    }

    // Every unary method: the second derivative against a finite difference of the first.
    type U = (&'static str, fn(D) -> D, fn(DD) -> DD, f64);
    let cases: &[U] = &[
        ("sin", D::sin, DD::sin, 0.7),
        ("cos", D::cos, DD::cos, 0.7),
        ("tan", D::tan, DD::tan, 0.7),
        ("asin", D::asin, DD::asin, 0.3),
        ("acos", D::acos, DD::acos, 0.3),
        ("atan", D::atan, DD::atan, 0.3),
        ("sinh", D::sinh, DD::sinh, 0.7),
        ("cosh", D::cosh, DD::cosh, 0.7),
        ("tanh", D::tanh, DD::tanh, 0.7),
        ("asinh", D::asinh, DD::asinh, 0.7),
        ("acosh", D::acosh, DD::acosh, 1.7),
        ("atanh", D::atanh, DD::atanh, 0.3),
        ("exp", D::exp, DD::exp, 0.7),
        ("exp2", D::exp2, DD::exp2, 0.7),
        ("exp_m1", D::exp_m1, DD::exp_m1, 0.7),
        ("ln", D::ln, DD::ln, 0.7),
        ("log2", D::log2, DD::log2, 0.7),
        ("log10", D::log10, DD::log10, 0.7),
        ("ln_1p", D::ln_1p, DD::ln_1p, 0.7),
        ("sqrt", D::sqrt, DD::sqrt, 0.7),
        ("cbrt", D::cbrt, DD::cbrt, 0.7),
        ("abs", D::abs, DD::abs, -0.7),
        ("recip", D::recip, DD::recip, 0.7),
        ("powi", |d| d.powi(3), |d| d.powi(3), -0.7),
        (
            "powf",
            |d| d.powf(D::from_f64(2.5)),
            |d| d.powf(DD::from_f64(2.5)),
            0.7,
        ),
        (
            "hypot",
            |d| d.hypot(D::from_f64(2.0)),
            |d| d.hypot(DD::from_f64(2.0)),
            0.7,
        ),
        (
            "atan2",
            |d| d.atan2(D::from_f64(2.0)),
            |d| d.atan2(DD::from_f64(2.0)),
            0.7,
        ),
        (
            "log",
            |d| d.log(D::from_f64(3.0)),
            |d| d.log(DD::from_f64(3.0)),
            0.7,
        ),
        (
            "div",
            |d| D::from_f64(2.0) / d,
            |d| DD::from_f64(2.0) / d,
            0.7,
        ),
    ];
    for &(name, d1, d2, x) in cases {
        let y = d2(seed2(x));
        let first = |t: f64| d1(D::variable(t)).eps;
        close(&format!("{name}' nested"), y.eps.re, first(x));
        close(&format!("{name}' inner"), y.re.eps, first(x));
        close(&format!("{name}''"), y.eps.eps, fd(first, x));
    }

    // A mixed partial: d²/dx dy (x · sin y) = cos y, with the two levels seeding different inputs.
    let (x0, y0) = (1.3, 0.4);
    let x = Dual::new(Dual::new(x0, 1.0), Dual::new(0.0, 0.0));
    let y = Dual::new(Dual::new(y0, 0.0), Dual::new(1.0, 0.0));
    let f = x * y.sin() + y.powf(x);
    close("d/dx", f.re.eps, y0.sin() + y0.powf(x0) * y0.ln());
    close("d/dy", f.eps.re, x0 * y0.cos() + x0 * y0.powf(x0 - 1.0));
    let mixed = y0.cos() + y0.powf(x0 - 1.0) + x0 * y0.powf(x0 - 1.0) * y0.ln();
    close("d2/dxdy", f.eps.eps, mixed);
}

/// Generic user code.
fn f<T: Real>(x: T) -> T {
    let mut acc = T::zero();
    for k in 1..4 {
        acc += x.powi(k) / T::from_f64(k as f64);
    }
    let parts = [x.sin(), x * x, T::PI(), x.exp().ln()];
    let s: T = parts.iter().copied().sum();
    let p: T = parts[..2].iter().copied().product();
    acc + s * T::from_f64(0.5) - p + x.max(T::one()).sqrt()
}

/// Its derivative by hand.
fn df(x: f64) -> f64 {
    let acc = 1.0 + x + x * x;
    let s = x.cos() + 2.0 * x + 1.0;
    let p = x.cos() * x * x + x.sin() * 2.0 * x;
    let m = if x > 1.0 { 0.5 / x.sqrt() } else { 0.0 };
    acc + 0.5 * s - p + m
}

#[test]
fn generic_code_at_every_real() {
    for x in [0.3, 1.7] {
        let want = f(x);
        close("f32", f(x as f32) as f64, want);
        assert!(((f(x as f32) as f64) - want).abs() < 1e-4 * (1.0 + want.abs()));
        let y = f(D::variable(x));
        assert_eq!(y.re, want);
        close("f'", y.eps, df(x));
        let y32 = f(Dual::variable(x as f32));
        assert!((y32.re as f64 - want).abs() < 1e-4 * (1.0 + want.abs()));
        assert!((y32.eps as f64 - df(x)).abs() < 1e-4 * (1.0 + df(x).abs()));
        let y = f(seed2(x));
        assert_eq!(y.re.re, want);
        close("f''", y.eps.eps, fd(df, x));
        assert_eq!(y.value_f64(), want);
    }
}

#[test]
fn traits() {
    let x = D::new(2.0, 5.0);
    // Comparisons look at the value only.
    assert_eq!(x, D::new(2.0, -1.0));
    assert!(x < D::new(3.0, -100.0));
    assert!(x >= D::new(2.0, 100.0));
    assert_eq!(
        x.partial_cmp(&D::new(2.0, 1.0)),
        Some(core::cmp::Ordering::Equal)
    );
    assert!(D::new(0.0, 1.0).is_zero());
    assert!(D::new(1.0, 1.0).is_one());
    assert_eq!((D::zero().re, D::zero().eps), (0.0, 0.0));
    assert_eq!((D::one().re, D::one().eps), (1.0, 0.0));
    // Display and Debug.
    assert_eq!(x.to_string(), "2 + 5ε");
    assert_eq!(format!("{:.2}", D::new(1.0, -0.5)), "1.00 + -0.50ε");
    assert_eq!(format!("{x:?}"), "Dual { re: 2.0, eps: 5.0 }");
    // Parsing and casts: constants.
    let p = D::from_str_radix("2.5", 10).unwrap();
    assert_eq!((p.re, p.eps), (2.5, 0.0));
    assert!(D::from_str_radix("nope", 10).is_err());
    let c: D = NumCast::from(7u8).unwrap();
    assert_eq!((c.re, c.eps), (7.0, 0.0));
    assert_eq!(D::new(7.9, 1.0).to_i32(), Some(7));
    assert_eq!(D::new(7.9, 1.0).to_u64(), Some(7));
    assert_eq!(D::new(7.5, 1.0).to_f32(), Some(7.5));
    assert_eq!(D::new(-1.0, 1.0).to_u8(), None);
    // Constants have tangent 0.
    for k in [
        D::PI(),
        D::E(),
        D::LN_2(),
        D::TAU(),
        D::epsilon(),
        D::max_value(),
        D::infinity(),
    ] {
        assert_eq!(k.eps, 0.0);
    }
    assert_eq!(D::epsilon().re, f64::EPSILON);
    assert_eq!(D::TAU().re, std::f64::consts::TAU);
    assert_eq!(D::from_f64(1.25).re, 1.25);
    assert_eq!(D::from_f64(1.25).eps, 0.0);
    assert_eq!(DD::from_f64(1.25).value_f64(), 1.25);
    // Methods without a derivative act on the value.
    let n = D::new(f64::NAN, 1.0);
    assert!(n.is_nan() && !n.is_finite());
    assert!(D::new(f64::INFINITY, 0.0).is_infinite());
    assert_eq!(x.classify(), 2.0f64.classify());
    assert_eq!(x.integer_decode(), 2.0f64.integer_decode());
    assert!(D::new(-0.0, 1.0).is_sign_negative());
    assert!(D::new(1e-310, 1.0).is_subnormal());
    assert!(x.is_normal());
    // Sum and product, owned and by reference.
    let v = [D::new(1.0, 1.0), D::new(2.0, 3.0), D::new(4.0, 0.5)];
    let s: D = v.iter().sum();
    assert_eq!((s.re, s.eps), (7.0, 4.5));
    let s: D = v.into_iter().sum();
    assert_eq!((s.re, s.eps), (7.0, 4.5));
    let p: D = v.iter().product();
    assert_eq!((p.re, p.eps), (8.0, 8.0 + 12.0 + 1.0));
    let p: D = v.into_iter().product();
    assert_eq!(p.eps, 21.0);
    assert_eq!((-x).eps, -5.0);
    // Tangent space.
    use oxidiff_core::Tangent;
    let mut acc = x.zero_tangent();
    D::add_assign_tangent(&mut acc, x);
    assert_eq!((acc.re, acc.eps), (2.0, 5.0));
}
