//! Support for the code `#[differentiable]` generates to nest derivatives: the "dual twin" of
//! a function over `f32`/`f64` runs the same code with [`Dual`] numbers, so the Hessian-vector
//! product is forward mode over the generated reverse mode. Constants and integers in the
//! user's code meet dual numbers there; these conversions and comparisons make that work.

use core::cmp::Ordering;

use crate::{Dual, Real};

/// A value that can stand where a float of type `T` is expected: float and integer constants
/// (converted, with zero tangent), and `T` itself.
pub trait IntoReal<T> {
    /// The value as a `T`.
    fn into_real(self) -> T;
}

macro_rules! into_real_prim {
    ($($t:ty),*) => {$(
        impl<T: Real> IntoReal<T> for $t {
            #[inline(always)]
            fn into_real(self) -> T {
                T::from_f64(self as f64)
            }
        }
    )*};
}
into_real_prim!(f32, f64, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl<T: Real> IntoReal<Dual<T>> for Dual<T> {
    #[inline(always)]
    fn into_real(self) -> Dual<T> {
        self
    }
}

/// `value` as a `T` (see [`IntoReal`]).
#[inline(always)]
pub fn lift<T, S: IntoReal<T>>(value: S) -> T {
    value.into_real()
}

/// An array of plain numbers as an array of `T` (a constant array passed, in the dual twin, to a
/// function whose twin takes dual numbers).
pub fn lift_slice<T, S: IntoReal<T> + Copy>(values: &[S]) -> Vec<T> {
    values.iter().map(|&v| v.into_real()).collect()
}

/// A constant array passed to a call in the dual twin, as the callee's twin takes it: the plain
/// numbers where that parameter stays plain (`#[no_grad]` in a function over `f64`), their
/// lifted copy where it takes dual numbers (a differentiated slice, or any slice of a generic
/// function instantiated at `Dual<T>`).
pub trait ConstSlice<'a, F> {
    /// Picks one of the two forms.
    fn pick(plain: &'a [F], lifted: &'a [Dual<F>]) -> Self;
}

impl<'a, F: Real> ConstSlice<'a, F> for &'a [F] {
    #[inline(always)]
    fn pick(plain: &'a [F], _: &'a [Dual<F>]) -> Self {
        plain
    }
}

impl<'a, F: Real> ConstSlice<'a, F> for &'a [Dual<F>] {
    #[inline(always)]
    fn pick(_: &'a [F], lifted: &'a [Dual<F>]) -> Self {
        lifted
    }
}

/// [`ConstSlice::pick`], with the form inferred from the callee's parameter.
#[inline(always)]
pub fn const_slice<'a, F, S: ConstSlice<'a, F>>(plain: &'a [F], lifted: &'a [Dual<F>]) -> S {
    S::pick(plain, lifted)
}

/// A float or integer cast to an integer type, as `x as i32` does for plain numbers (for a
/// dual number, its value is cast).
pub trait CastInt {
    /// `self as i64`
    fn cast_i64(self) -> i64;
    /// `self as u64`
    fn cast_u64(self) -> u64;
}

macro_rules! cast_int_prim {
    ($($t:ty),*) => {$(
        impl CastInt for $t {
            #[inline(always)]
            fn cast_i64(self) -> i64 { self as i64 }
            #[inline(always)]
            fn cast_u64(self) -> u64 { self as u64 }
        }
    )*};
}
cast_int_prim!(f32, f64, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl<T: Real + CastInt> CastInt for Dual<T> {
    #[inline(always)]
    fn cast_i64(self) -> i64 {
        self.re.cast_i64()
    }
    #[inline(always)]
    fn cast_u64(self) -> u64 {
        self.re.cast_u64()
    }
}

macro_rules! mixed_cmp {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Dual<$t> {
            #[inline(always)]
            fn eq(&self, other: &$t) -> bool { self.re == *other }
        }
        impl PartialOrd<$t> for Dual<$t> {
            #[inline(always)]
            fn partial_cmp(&self, other: &$t) -> Option<Ordering> { self.re.partial_cmp(other) }
        }
        impl PartialEq<Dual<$t>> for $t {
            #[inline(always)]
            fn eq(&self, other: &Dual<$t>) -> bool { *self == other.re }
        }
        impl PartialOrd<Dual<$t>> for $t {
            #[inline(always)]
            fn partial_cmp(&self, other: &Dual<$t>) -> Option<Ordering> { self.partial_cmp(&other.re) }
        }
    )*};
}
mixed_cmp!(f32, f64);

/// Dual numbers from values and tangents.
#[inline]
pub fn dual<T: Real>(re: T, eps: T) -> Dual<T> {
    Dual::new(re, eps)
}

/// A vector of dual numbers from values and tangents (which must have the same length).
pub fn dual_vec<T: Real>(re: &[T], eps: &[T]) -> Vec<Dual<T>> {
    assert_eq!(
        re.len(),
        eps.len(),
        "oxidiff: a tangent has length {} but its argument has length {}",
        eps.len(),
        re.len()
    );
    re.iter().zip(eps).map(|(&a, &b)| Dual::new(a, b)).collect()
}

/// An array of dual numbers from values and tangents.
pub fn dual_array<T: Real, const N: usize>(re: [T; N], eps: [T; N]) -> [Dual<T>; N] {
    re.lift_dual(&eps)
}

/// Values and tangents of the dual numbers in a value (scalar, vector or array).
pub trait Split {
    /// The same shape over the plain float.
    type Plain;
    /// The tangents.
    fn eps(self) -> Self::Plain;
}

impl<T: Real> Split for Dual<T> {
    type Plain = T;
    #[inline]
    fn eps(self) -> T {
        self.eps
    }
}

impl<T: Real> Split for Vec<Dual<T>> {
    type Plain = Vec<T>;
    fn eps(self) -> Vec<T> {
        <Vec<T> as LiftDual>::tangent_part(&self)
    }
}

impl<T: Real, const N: usize> Split for [Dual<T>; N] {
    type Plain = [T; N];
    fn eps(self) -> [T; N] {
        <[T; N] as LiftDual>::tangent_part(&self)
    }
}

/// The tangents of the dual numbers in a value.
#[inline]
pub fn eps<S: Split>(s: S) -> S::Plain {
    s.eps()
}

/// A value generic over its scalar and its counterpart over dual numbers: `Params<T>` and
/// `Params<Dual<T>>`. Second order of a generic function with a struct argument runs the
/// function at `Dual<T>` on the lifted struct. `#[derive(Differentiable)]` implements it for
/// structs generic over their float type (the only type parameter, or the one the first
/// differentiated field mentions); implement it by hand for a struct whose `Differentiable` is
/// written by hand, to get `f_hvp` and `f_hessian` of functions and methods taking it.
pub trait LiftDual: Sized {
    /// The same value over `Dual<T>`.
    type Lifted;
    /// Each component paired with the same component of `tangent`.
    fn lift_dual(&self, tangent: &Self) -> Self::Lifted;
    /// Each component with a zero tangent (for `#[no_grad]` fields).
    fn lift_const(&self) -> Self::Lifted;
    /// The tangent parts.
    fn tangent_part(lifted: &Self::Lifted) -> Self;
    /// The value parts.
    fn value_part(lifted: &Self::Lifted) -> Self;
}

impl<T: Real> LiftDual for T {
    type Lifted = Dual<T>;
    #[inline]
    fn lift_dual(&self, tangent: &Self) -> Dual<T> {
        Dual::new(*self, *tangent)
    }
    #[inline]
    fn lift_const(&self) -> Dual<T> {
        Dual::new(*self, T::zero())
    }
    #[inline]
    fn tangent_part(lifted: &Dual<T>) -> T {
        lifted.eps
    }
    #[inline]
    fn value_part(lifted: &Dual<T>) -> T {
        lifted.re
    }
}

impl<T: LiftDual> LiftDual for Vec<T> {
    type Lifted = Vec<T::Lifted>;
    fn lift_dual(&self, tangent: &Self) -> Self::Lifted {
        assert_eq!(
            self.len(),
            tangent.len(),
            "oxidiff: a tangent has length {} but its argument has length {}",
            tangent.len(),
            self.len()
        );
        self.iter()
            .zip(tangent)
            .map(|(a, t)| a.lift_dual(t))
            .collect()
    }
    fn lift_const(&self) -> Self::Lifted {
        self.iter().map(|a| a.lift_const()).collect()
    }
    fn tangent_part(lifted: &Self::Lifted) -> Self {
        lifted.iter().map(T::tangent_part).collect()
    }
    fn value_part(lifted: &Self::Lifted) -> Self {
        lifted.iter().map(T::value_part).collect()
    }
}

impl<T: LiftDual, const N: usize> LiftDual for [T; N] {
    type Lifted = [T::Lifted; N];
    fn lift_dual(&self, tangent: &Self) -> Self::Lifted {
        core::array::from_fn(|i| self[i].lift_dual(&tangent[i]))
    }
    fn lift_const(&self) -> Self::Lifted {
        core::array::from_fn(|i| self[i].lift_const())
    }
    fn tangent_part(lifted: &Self::Lifted) -> Self {
        core::array::from_fn(|i| T::tangent_part(&lifted[i]))
    }
    fn value_part(lifted: &Self::Lifted) -> Self {
        core::array::from_fn(|i| T::value_part(&lifted[i]))
    }
}

/// Values laid out flat, in order (for Hessians and Jacobians).
pub trait Flatten<T> {
    /// Appends the components to `out`.
    fn flatten_into(&self, out: &mut Vec<T>);
    /// The number of components.
    fn flat_len(&self) -> usize;
}

impl<T: Real> Flatten<T> for T {
    fn flatten_into(&self, out: &mut Vec<T>) {
        out.push(*self)
    }
    fn flat_len(&self) -> usize {
        1
    }
}

/// No components (the result of a function that only updates arrays in place).
impl<T: Real> Flatten<T> for () {
    fn flatten_into(&self, _out: &mut Vec<T>) {}
    fn flat_len(&self) -> usize {
        0
    }
}

impl<T: Real> Flatten<T> for Vec<T> {
    fn flatten_into(&self, out: &mut Vec<T>) {
        out.extend_from_slice(self)
    }
    fn flat_len(&self) -> usize {
        self.len()
    }
}

impl<T: Real> Flatten<T> for [T] {
    fn flatten_into(&self, out: &mut Vec<T>) {
        out.extend_from_slice(self)
    }
    fn flat_len(&self) -> usize {
        self.len()
    }
}

impl<T: Real, const N: usize> Flatten<T> for [T; N] {
    fn flatten_into(&self, out: &mut Vec<T>) {
        out.extend_from_slice(self)
    }
    fn flat_len(&self) -> usize {
        N
    }
}

/// A tangent for one argument of a flattened input: the unit vector `e_k` restricted to the
/// argument's slots `[start, start + len)` (zero if `k` falls outside).
pub fn unit_part<T: Real>(k: usize, start: usize, len: usize) -> Vec<T> {
    let mut v = vec![T::zero(); len];
    if k >= start && k < start + len {
        v[k - start] = T::one();
    }
    v
}

/// [`unit_part`] for a struct argument (any [`Differentiable`](crate::Differentiable)) shaped like `like`.
pub fn unit_struct<D: crate::Differentiable>(like: &D, k: usize, start: usize) -> D {
    let mut d = like.zero_like();
    let v = unit_part::<D::Scalar>(k, start, d.num_components());
    d.read_from(&mut &v[..]);
    d
}

/// The scalar component of [`unit_part`] for a scalar argument at slot `start`.
pub fn unit_scalar<T: Real>(k: usize, start: usize) -> T {
    if k == start {
        T::one()
    } else {
        T::zero()
    }
}

/// [`unit_part`] as an array.
pub fn unit_array<T: Real, const N: usize>(k: usize, start: usize) -> [T; N] {
    let mut a = [T::zero(); N];
    if k >= start && k < start + N {
        a[k - start] = T::one();
    }
    a
}

/// The float methods as inherent methods of [`Dual`], so that user code written for `f64`
/// (`x.floor()`, `x.is_nan()`, `x.max(y)`) also reads dual numbers without importing `Float`.
macro_rules! inherent_unary {
    ($($m:ident),*) => {
        impl<T: Real> Dual<T> {
            $(
                #[doc = concat!("`Float::", stringify!($m), "`")]
                #[inline(always)]
                pub fn $m(self) -> Self {
                    <Self as num_traits::Float>::$m(self)
                }
            )*
        }
    };
}
inherent_unary!(
    floor, ceil, round, trunc, fract, abs, signum, sqrt, cbrt, exp, exp2, exp_m1, ln, log2, log10,
    ln_1p, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh, recip,
    to_degrees, to_radians
);

macro_rules! inherent_query {
    ($($m:ident),*) => {
        impl<T: Real> Dual<T> {
            $(
                #[doc = concat!("`Float::", stringify!($m), "` (of the value)")]
                #[inline(always)]
                pub fn $m(self) -> bool {
                    <Self as num_traits::Float>::$m(self)
                }
            )*
        }
    };
}
inherent_query!(
    is_nan,
    is_infinite,
    is_finite,
    is_normal,
    is_sign_positive,
    is_sign_negative
);

macro_rules! inherent_binary {
    ($($m:ident),*) => {
        impl<T: Real> Dual<T> {
            $(
                #[doc = concat!("`Float::", stringify!($m), "`")]
                #[inline(always)]
                pub fn $m(self, other: Self) -> Self {
                    <Self as num_traits::Float>::$m(self, other)
                }
            )*
        }
    };
}
inherent_binary!(max, min, powf, atan2, hypot, log);

impl<T: Real> Dual<T> {
    /// `Float::powi`
    #[inline(always)]
    pub fn powi(self, n: i32) -> Self {
        <Self as num_traits::Float>::powi(self, n)
    }
    /// `Float::mul_add`
    #[inline(always)]
    pub fn mul_add(self, a: Self, b: Self) -> Self {
        <Self as num_traits::Float>::mul_add(self, a, b)
    }
    /// `Float::clamp`
    #[inline(always)]
    pub fn clamp(self, lo: Self, hi: Self) -> Self {
        <Self as num_traits::Float>::clamp(self, lo, hi)
    }
}

/// The value a piece of the user's code sees: a dual number's real part, anything else as it
/// is. In the dual twin, code that takes no derivative (conditions, `println!`, calls on
/// constants) reads active values through this, exactly as in the original function.
pub trait Primal {
    /// The plain value.
    type Value;
    /// The plain value.
    fn primal(self) -> Self::Value;
}

impl<T: Real> Primal for Dual<T> {
    type Value = T;
    #[inline(always)]
    fn primal(self) -> T {
        self.re
    }
}

macro_rules! primal_identity {
    ($($t:ty),*) => {$(
        impl Primal for $t {
            type Value = $t;
            #[inline(always)]
            fn primal(self) -> $t { self }
        }
    )*};
}
primal_identity!(f32, f64, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, bool);

/// See [`Primal`].
#[inline(always)]
pub fn primal<P: Primal>(p: P) -> P::Value {
    p.primal()
}

/// The plain values of an array (in the dual twin: a condition that passes an array of dual
/// numbers to a plain function, `while norm(&r) > tol`).
pub fn primal_vec<P: Primal + Copy>(values: &[P]) -> Vec<P::Value> {
    values.iter().map(|&v| v.primal()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primal_vec_drops_tangents() {
        assert_eq!(
            primal_vec(&[Dual::new(1.0, 2.0), Dual::new(3.0, 4.0)]),
            vec![1.0, 3.0]
        );
        assert_eq!(primal_vec(&[5.0f32]), vec![5.0f32]);
    }

    #[test]
    fn lifting_pairs_values_and_tangents() {
        let v = vec![1.0f64, 2.0];
        let l = v.lift_dual(&vec![0.5, -1.0]);
        assert_eq!(<Vec<f64> as LiftDual>::tangent_part(&l), vec![0.5, -1.0]);
        assert_eq!(<Vec<f64> as LiftDual>::value_part(&l), v);
        assert_eq!(eps(dual_array([1.0, 2.0], [3.0, 4.0])), [3.0, 4.0]);
        assert_eq!(eps(dual_vec(&[1.0], &[7.0])), vec![7.0]);
    }

    #[test]
    #[should_panic(expected = "a tangent has length 1 but its argument has length 2")]
    fn a_tangent_of_another_length_is_an_error() {
        let _ = vec![1.0f64, 2.0].lift_dual(&vec![0.5]);
    }
}
