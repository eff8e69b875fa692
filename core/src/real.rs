use core::fmt::{Debug, Display};
use core::iter::{Product, Sum};
use core::ops::{AddAssign, DivAssign, MulAssign, RemAssign, SubAssign};

use num_traits::{Float, FloatConst};

use crate::Tangent;

/// A real scalar that derivatives can flow through: `f32`, `f64` and [`crate::Dual`].
///
/// It is [`num_traits::Float`] (so generic code calls `x.sin()`, `x.powf(y)`, `T::zero()` as
/// usual) plus the few things generated code needs: conversion from an `f64` constant, and a
/// tangent type equal to itself.
///
/// ```
/// use oxidiff_core::Real;
/// fn half<T: Real>(x: T) -> T { x * T::from_f64(0.5) }
/// assert_eq!(half(3.0f32), 1.5);
/// ```
pub trait Real:
    Float
    + FloatConst
    + Default
    + Debug
    + Display
    + Send
    + Sync
    + 'static
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
    + RemAssign
    + Sum
    + Product
    + Tangent<Tangent = Self>
{
    /// The constant `v` in this type (rounded for `f32`; a constant with zero tangent for duals).
    fn from_f64(v: f64) -> Self;
    /// The primal value as an `f64` (for a dual number, its real part, recursively).
    fn value_f64(self) -> f64;
}

impl Real for f64 {
    #[inline(always)]
    fn from_f64(v: f64) -> Self {
        v
    }
    #[inline(always)]
    fn value_f64(self) -> f64 {
        self
    }
}

impl Real for f32 {
    #[inline(always)]
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    #[inline(always)]
    fn value_f64(self) -> f64 {
        self as f64
    }
}
