//! Forward-mode dual numbers `re + eps·ε` with `ε² = 0`.
//!
//! Every derivative below comes from [`crate::rules`], so a convention at a non-differentiable
//! point (`|x|'(0) = 1`, ties of `max`, `sqrt'(0) = +inf`) is the same here as in the code that
//! `#[differentiable]` generates.
//!
//! A tangent that is exactly zero times a partial that is infinite or NaN contributes zero
//! rather than NaN (a "strong zero"), as a symbolic zero tangent does in JAX: a constant
//! exponent in `x.powf(T::from_f64(2.0))` with `x < 0`, or `T::from_f64(0.0).sqrt()`, does not
//! poison the tangent.

use core::cmp::Ordering;
use core::fmt;
use core::iter::{Product, Sum};
use core::num::FpCategory;
use core::ops::{
    Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, RemAssign, Sub, SubAssign,
};

use num_traits::{Float, FloatConst, Num, NumCast, One, ToPrimitive, Zero};

use crate::{rules, Real, Tangent};

/// A forward-mode dual number `re + eps·ε` with `ε² = 0`. Being [`Real`], it can be the `T` of a
/// generic `#[differentiable]` function, which nests derivatives (forward over reverse).
///
/// Comparisons (`==`, `<`, [`Zero::is_zero`], …) and every method without a derivative
/// (`is_nan`, `classify`, `to_f64`, …) look at `re` only, so branches take the same path as for
/// the plain value.
///
/// ```
/// use num_traits::Float;
/// use oxidiff_core::Dual;
/// let x = Dual::variable(0.5f64);
/// let y = x.sin() * x;
/// assert_eq!(y.re, 0.5f64.sin() * 0.5);
/// assert!((y.eps - (0.5f64.cos() * 0.5 + 0.5f64.sin())).abs() < 1e-15);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Dual<T> {
    /// The value.
    pub re: T,
    /// The tangent.
    pub eps: T,
}

impl<T> Dual<T> {
    /// A dual number from its value and tangent.
    pub const fn new(re: T, eps: T) -> Self {
        Dual { re, eps }
    }
}

impl<T: Real> Dual<T> {
    /// A constant: the value `re` with tangent 0.
    #[inline(always)]
    pub fn constant(re: T) -> Self {
        Dual::new(re, T::zero())
    }

    /// The independent variable: the value `re` with tangent 1.
    #[inline(always)]
    pub fn variable(re: T) -> Self {
        Dual::new(re, T::one())
    }
}

impl<T: Real> Tangent for Dual<T> {
    type Tangent = Dual<T>;
    fn zero_tangent(&self) -> Dual<T> {
        Dual::new(T::zero(), T::zero())
    }
    fn add_assign_tangent(acc: &mut Dual<T>, c: Dual<T>) {
        acc.re += c.re;
        acc.eps += c.eps;
    }
}

/// `d · t`, the tangent contribution of an input with tangent `t` through a partial `d`; a zero
/// tangent contributes zero even when `d` is infinite or NaN (a strong zero).
#[inline(always)]
fn chain<T: Real>(d: T, t: T) -> T {
    if !d.is_finite() && t == T::zero() {
        T::zero()
    } else {
        d * t
    }
}

// ---------------------------------------------------------------------------------------------
// Comparisons and formatting: on `re` only.

impl<T: PartialEq> PartialEq for Dual<T> {
    #[inline(always)]
    fn eq(&self, other: &Self) -> bool {
        self.re == other.re
    }
}

impl<T: PartialOrd> PartialOrd for Dual<T> {
    #[inline(always)]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        self.re.partial_cmp(&other.re)
    }
    #[inline(always)]
    fn lt(&self, other: &Self) -> bool {
        self.re < other.re
    }
    #[inline(always)]
    fn le(&self, other: &Self) -> bool {
        self.re <= other.re
    }
    #[inline(always)]
    fn gt(&self, other: &Self) -> bool {
        self.re > other.re
    }
    #[inline(always)]
    fn ge(&self, other: &Self) -> bool {
        self.re >= other.re
    }
}

/// Writes `re + epsε`; format options (precision, …) apply to both parts.
impl<T: fmt::Display> fmt::Display for Dual<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.re, f)?;
        f.write_str(" + ")?;
        fmt::Display::fmt(&self.eps, f)?;
        f.write_str("ε")
    }
}

// ---------------------------------------------------------------------------------------------
// Arithmetic: Dual ⊕ Dual, Dual ⊕ T, and f32/f64 ⊕ Dual.

impl<T: Real> Neg for Dual<T> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        Dual::new(-self.re, -self.eps)
    }
}

impl<T: Real> Add for Dual<T> {
    type Output = Self;
    #[inline(always)]
    fn add(self, rhs: Self) -> Self {
        Dual::new(self.re + rhs.re, self.eps + rhs.eps)
    }
}

impl<T: Real> Sub for Dual<T> {
    type Output = Self;
    #[inline(always)]
    fn sub(self, rhs: Self) -> Self {
        Dual::new(self.re - rhs.re, self.eps - rhs.eps)
    }
}

impl<T: Real> Mul for Dual<T> {
    type Output = Self;
    #[inline(always)]
    fn mul(self, rhs: Self) -> Self {
        Dual::new(self.re * rhs.re, self.eps * rhs.re + self.re * rhs.eps)
    }
}

impl<T: Real> Div for Dual<T> {
    type Output = Self;
    #[inline(always)]
    fn div(self, rhs: Self) -> Self {
        let y = self.re / rhs.re;
        let (da, db) = rules::div(self.re, rhs.re, y);
        Dual::new(y, chain(da, self.eps) + chain(db, rhs.eps))
    }
}

/// `a % b = a - b·trunc(a/b)`: partials `1` and `-trunc(a/b)` (rules.rs has no `rem` rule).
impl<T: Real> Rem for Dual<T> {
    type Output = Self;
    #[inline(always)]
    fn rem(self, rhs: Self) -> Self {
        let y = self.re % rhs.re;
        let db = -(self.re / rhs.re).trunc();
        Dual::new(y, self.eps + chain(db, rhs.eps))
    }
}

impl<T: Real> Add<T> for Dual<T> {
    type Output = Self;
    #[inline(always)]
    fn add(self, rhs: T) -> Self {
        Dual::new(self.re + rhs, self.eps)
    }
}

impl<T: Real> Sub<T> for Dual<T> {
    type Output = Self;
    #[inline(always)]
    fn sub(self, rhs: T) -> Self {
        Dual::new(self.re - rhs, self.eps)
    }
}

impl<T: Real> Mul<T> for Dual<T> {
    type Output = Self;
    #[inline(always)]
    fn mul(self, rhs: T) -> Self {
        Dual::new(self.re * rhs, self.eps * rhs)
    }
}

impl<T: Real> Div<T> for Dual<T> {
    type Output = Self;
    #[inline(always)]
    fn div(self, rhs: T) -> Self {
        self / Dual::constant(rhs)
    }
}

impl<T: Real> Rem<T> for Dual<T> {
    type Output = Self;
    #[inline(always)]
    fn rem(self, rhs: T) -> Self {
        Dual::new(self.re % rhs, self.eps)
    }
}

macro_rules! assign_ops {
    ($($tr:ident $m:ident $op:tt),*) => {$(
        impl<T: Real> $tr for Dual<T> {
            #[inline(always)]
            fn $m(&mut self, rhs: Self) {
                *self = *self $op rhs;
            }
        }
        impl<T: Real> $tr<T> for Dual<T> {
            #[inline(always)]
            fn $m(&mut self, rhs: T) {
                *self = *self $op rhs;
            }
        }
    )*};
}
assign_ops!(
    AddAssign add_assign +,
    SubAssign sub_assign -,
    MulAssign mul_assign *,
    DivAssign div_assign /,
    RemAssign rem_assign %
);

macro_rules! scalar_lhs_ops {
    ($($t:ty),*) => {$(
        impl Add<Dual<$t>> for $t {
            type Output = Dual<$t>;
            #[inline(always)]
            fn add(self, rhs: Dual<$t>) -> Dual<$t> {
                Dual::constant(self) + rhs
            }
        }
        impl Sub<Dual<$t>> for $t {
            type Output = Dual<$t>;
            #[inline(always)]
            fn sub(self, rhs: Dual<$t>) -> Dual<$t> {
                Dual::constant(self) - rhs
            }
        }
        impl Mul<Dual<$t>> for $t {
            type Output = Dual<$t>;
            #[inline(always)]
            fn mul(self, rhs: Dual<$t>) -> Dual<$t> {
                rhs * self
            }
        }
        impl Div<Dual<$t>> for $t {
            type Output = Dual<$t>;
            #[inline(always)]
            fn div(self, rhs: Dual<$t>) -> Dual<$t> {
                Dual::constant(self) / rhs
            }
        }
        impl Rem<Dual<$t>> for $t {
            type Output = Dual<$t>;
            #[inline(always)]
            fn rem(self, rhs: Dual<$t>) -> Dual<$t> {
                Dual::constant(self) % rhs
            }
        }
    )*};
}
scalar_lhs_ops!(f32, f64);

impl<T: Real> Sum for Dual<T> {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::zero(), |a, b| a + b)
    }
}

impl<'a, T: Real> Sum<&'a Dual<T>> for Dual<T> {
    fn sum<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.fold(Self::zero(), |a, b| a + *b)
    }
}

impl<T: Real> Product for Dual<T> {
    fn product<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::one(), |a, b| a * b)
    }
}

impl<'a, T: Real> Product<&'a Dual<T>> for Dual<T> {
    fn product<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.fold(Self::one(), |a, b| a * *b)
    }
}

// ---------------------------------------------------------------------------------------------
// num-traits.

/// `is_zero` looks at `re` only, like `==`.
impl<T: Real> Zero for Dual<T> {
    #[inline(always)]
    fn zero() -> Self {
        Dual::new(T::zero(), T::zero())
    }
    #[inline(always)]
    fn is_zero(&self) -> bool {
        self.re.is_zero()
    }
}

impl<T: Real> One for Dual<T> {
    #[inline(always)]
    fn one() -> Self {
        Dual::new(T::one(), T::zero())
    }
}

/// `from_str_radix` parses the value; the tangent is 0.
impl<T: Real> Num for Dual<T> {
    type FromStrRadixErr = T::FromStrRadixErr;
    fn from_str_radix(s: &str, radix: u32) -> Result<Self, Self::FromStrRadixErr> {
        T::from_str_radix(s, radix).map(Dual::constant)
    }
}

/// Conversions to primitives convert `re`.
impl<T: Real> ToPrimitive for Dual<T> {
    fn to_isize(&self) -> Option<isize> {
        self.re.to_isize()
    }
    fn to_i8(&self) -> Option<i8> {
        self.re.to_i8()
    }
    fn to_i16(&self) -> Option<i16> {
        self.re.to_i16()
    }
    fn to_i32(&self) -> Option<i32> {
        self.re.to_i32()
    }
    fn to_i64(&self) -> Option<i64> {
        self.re.to_i64()
    }
    fn to_i128(&self) -> Option<i128> {
        self.re.to_i128()
    }
    fn to_usize(&self) -> Option<usize> {
        self.re.to_usize()
    }
    fn to_u8(&self) -> Option<u8> {
        self.re.to_u8()
    }
    fn to_u16(&self) -> Option<u16> {
        self.re.to_u16()
    }
    fn to_u32(&self) -> Option<u32> {
        self.re.to_u32()
    }
    fn to_u64(&self) -> Option<u64> {
        self.re.to_u64()
    }
    fn to_u128(&self) -> Option<u128> {
        self.re.to_u128()
    }
    fn to_f32(&self) -> Option<f32> {
        self.re.to_f32()
    }
    fn to_f64(&self) -> Option<f64> {
        self.re.to_f64()
    }
}

/// A primitive converts to a constant (tangent 0).
impl<T: Real> NumCast for Dual<T> {
    fn from<N: ToPrimitive>(n: N) -> Option<Self> {
        <T as NumCast>::from(n).map(Dual::constant)
    }
}

macro_rules! consts {
    ($($c:ident),*) => {$(
        #[inline(always)]
        fn $c() -> Self {
            Dual::constant(T::$c())
        }
    )*};
}

impl<T: Real> FloatConst for Dual<T> {
    consts!(
        E,
        FRAC_1_PI,
        FRAC_1_SQRT_2,
        FRAC_2_PI,
        FRAC_2_SQRT_PI,
        FRAC_PI_2,
        FRAC_PI_3,
        FRAC_PI_4,
        FRAC_PI_6,
        FRAC_PI_8,
        LN_10,
        LN_2,
        LOG10_E,
        LOG2_E,
        PI,
        SQRT_2,
        TAU,
        LOG10_2,
        LOG2_10
    );
}

/// A unary method whose derivative is the unary rule of the same name in [`crate::rules`].
macro_rules! unary {
    ($($name:ident => $rule:ident),* $(,)?) => {$(
        #[inline]
        fn $name(self) -> Self {
            let y = self.re.$name();
            Dual::new(y, chain(rules::$rule(self.re, y), self.eps))
        }
    )*};
}

/// A method that looks at `re` only.
macro_rules! on_re {
    ($($name:ident -> $ret:ty),* $(,)?) => {$(
        #[inline(always)]
        fn $name(self) -> $ret {
            self.re.$name()
        }
    )*};
}

/// A constant of `T` with tangent 0.
macro_rules! constant {
    ($($name:ident),* $(,)?) => {$(
        #[inline(always)]
        fn $name() -> Self {
            Dual::constant(T::$name())
        }
    )*};
}

impl<T: Real> Float for Dual<T> {
    constant!(
        nan,
        infinity,
        neg_infinity,
        neg_zero,
        min_value,
        min_positive_value,
        epsilon,
        max_value,
    );

    on_re!(
        is_nan -> bool,
        is_infinite -> bool,
        is_finite -> bool,
        is_normal -> bool,
        is_subnormal -> bool,
        classify -> FpCategory,
        is_sign_positive -> bool,
        is_sign_negative -> bool,
        integer_decode -> (u64, i16, i8),
    );

    unary!(
        floor => piecewise_constant,
        ceil => piecewise_constant,
        round => piecewise_constant,
        trunc => piecewise_constant,
        signum => piecewise_constant,
        fract => fract,
        abs => abs,
        recip => recip,
        sqrt => sqrt,
        cbrt => cbrt,
        exp => exp,
        exp2 => exp2,
        exp_m1 => exp_m1,
        ln => ln,
        log2 => log2,
        log10 => log10,
        ln_1p => ln_1p,
        to_degrees => to_degrees,
        to_radians => to_radians,
        sin => sin,
        cos => cos,
        tan => tan,
        asin => asin,
        acos => acos,
        atan => atan,
        sinh => sinh,
        cosh => cosh,
        tanh => tanh,
        asinh => asinh,
        acosh => acosh,
        atanh => atanh,
    );

    /// `self * a + b`, fused in the value.
    #[inline]
    fn mul_add(self, a: Self, b: Self) -> Self {
        let y = self.re.mul_add(a.re, b.re);
        let (ds, da, db) = rules::mul_add(self.re, a.re, b.re, y);
        Dual::new(y, chain(ds, self.eps) + chain(da, a.eps) + chain(db, b.eps))
    }

    #[inline]
    fn powi(self, n: i32) -> Self {
        let y = self.re.powi(n);
        Dual::new(y, chain(rules::powi(self.re, n, y), self.eps))
    }

    #[inline]
    fn powf(self, n: Self) -> Self {
        let y = self.re.powf(n.re);
        let (dx, dn) = rules::powf(self.re, n.re, y);
        Dual::new(y, chain(dx, self.eps) + chain(dn, n.eps))
    }

    #[inline]
    fn log(self, base: Self) -> Self {
        let y = self.re.log(base.re);
        let (dx, db) = rules::log(self.re, base.re, y);
        Dual::new(y, chain(dx, self.eps) + chain(db, base.eps))
    }

    /// The larger of the two (a NaN loses, as for `f64::max`); a tie gives half of each tangent.
    #[inline]
    fn max(self, other: Self) -> Self {
        if self.re.is_nan() {
            return other;
        }
        if other.re.is_nan() {
            return self;
        }
        let y = self.re.max(other.re);
        let (da, db) = rules::max(self.re, other.re, y);
        Dual::new(y, chain(da, self.eps) + chain(db, other.eps))
    }

    /// The smaller of the two (a NaN loses, as for `f64::min`); a tie gives half of each tangent.
    #[inline]
    fn min(self, other: Self) -> Self {
        if self.re.is_nan() {
            return other;
        }
        if other.re.is_nan() {
            return self;
        }
        let y = self.re.min(other.re);
        let (da, db) = rules::min(self.re, other.re, y);
        Dual::new(y, chain(da, self.eps) + chain(db, other.eps))
    }

    /// `self` limited to `[min, max]` (NaN stays NaN); exactly at a bound, half of the tangent
    /// of `self` and half of that bound's.
    #[inline]
    fn clamp(self, min: Self, max: Self) -> Self {
        if self.re.is_nan() {
            return self;
        }
        let y = self.re.clamp(min.re, max.re);
        let (dx, dlo, dhi) = rules::clamp(self.re, min.re, max.re, y);
        Dual::new(
            y,
            chain(dx, self.eps) + chain(dlo, min.eps) + chain(dhi, max.eps),
        )
    }

    /// `max(self - other, 0)`, with `max`'s rule (a tie gives half).
    #[allow(deprecated)]
    #[inline]
    fn abs_sub(self, other: Self) -> Self {
        let y = self.re.abs_sub(other.re);
        let (dd, _) = rules::max(self.re - other.re, T::zero(), y);
        Dual::new(y, chain(dd, self.eps - other.eps))
    }

    #[inline]
    fn hypot(self, other: Self) -> Self {
        let h = self.re.hypot(other.re);
        let (dx, dy) = rules::hypot(self.re, other.re, h);
        Dual::new(h, chain(dx, self.eps) + chain(dy, other.eps))
    }

    #[inline]
    fn atan2(self, other: Self) -> Self {
        let y = self.re.atan2(other.re);
        let (da, db) = rules::atan2(self.re, other.re, y);
        Dual::new(y, chain(da, self.eps) + chain(db, other.eps))
    }

    #[inline]
    fn sin_cos(self) -> (Self, Self) {
        let (s, c) = self.re.sin_cos();
        (
            Dual::new(s, chain(rules::sin(self.re, s), self.eps)),
            Dual::new(c, chain(rules::cos(self.re, c), self.eps)),
        )
    }

    /// `self` with the sign of `sign`: the tangent flips with the value; none flows from `sign`.
    #[inline]
    fn copysign(self, sign: Self) -> Self {
        let y = self.re.copysign(sign.re);
        if self.re.is_sign_negative() == y.is_sign_negative() {
            Dual::new(y, self.eps)
        } else {
            Dual::new(y, -self.eps)
        }
    }
}

impl<T: Real> Real for Dual<T> {
    /// A constant (tangent 0).
    #[inline(always)]
    fn from_f64(v: f64) -> Self {
        Dual::constant(T::from_f64(v))
    }
    /// The value, recursively.
    #[inline(always)]
    fn value_f64(self) -> f64 {
        self.re.value_f64()
    }
}
