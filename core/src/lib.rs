//! Runtime support for the code that `#[differentiable]` generates.
//!
//! Users depend on the facade crate `oxidiff`, which re-exports what is public here:
//! - [`Real`]: the scalar trait that active values implement (`f32`, `f64`, [`Dual`]).
//! - [`Dual`]: forward-mode dual numbers (value and one tangent), themselves [`Real`], so
//!   generic differentiable code can be nested (forward over reverse for Hessians).
//! - [`rules`]: the derivative of every elementary function, one function each. The macro's
//!   forward and reverse code and [`Dual`]'s arithmetic all call these, so a convention at a
//!   non-differentiable point (|x|' at 0, ties of `max`) is written in exactly one place.
//! - [`Stack`]: the typed value stack on which reverse mode saves what loop iterations overwrite.
//! - [`stop_gradient`]: a value that no derivative flows through.
//!
//! Everything under [`__private`] is for generated code only and may change at any time.

mod adjoint;
pub mod check;
mod dual;
pub mod fpmode;
pub mod implicit;
#[doc(hidden)]
pub mod par;
mod pytree;
mod real;
pub mod rules;
mod stack;
mod tangent;
#[doc(hidden)]
pub mod twin;

pub use adjoint::AdjVec;
pub use dual::Dual;
pub use pytree::Differentiable;
pub use real::Real;
pub use stack::Stack;
pub use tangent::Tangent;

/// Returns `x` unchanged; inside a `#[differentiable]` function no derivative flows through it
/// (JAX's `lax.stop_gradient`). Outside one it is the identity.
#[inline(always)]
pub fn stop_gradient<T>(x: T) -> T {
    x
}

/// Items the generated code names by full path. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::adjoint::{AdjSlice, AdjVec, FromSliceTangent, FromSliceTangentMut, SliceCot};
    pub use crate::check;
    pub use crate::par::{par_lanes, par_replay, par_replay_fresh, OutCell, ParWin};
    pub use crate::pytree::{tangent_of, zero_like, ClearDifferentiable, ClearOther, ClearProbe};
    pub use crate::rules;
    pub use crate::stack::Stack;
    pub use crate::tangent::Tangent;
    pub use crate::twin::*;
    pub use crate::Differentiable;
    pub use crate::Dual;
    pub use crate::Real;
    pub use core::option::Option::{None, Some};
    pub use num_traits::Float;

    /// Iterations between snapshots of a `#[checkpoint]` loop of `n` iterations: ⌈√n⌉.
    pub fn checkpoint_interval(n: usize) -> usize {
        let mut k = (n as f64).sqrt().ceil() as usize;
        while k * k < n {
            k += 1;
        }
        k.max(1)
    }

    /// The tangent of an array argument, in the form the callee's JVP takes.
    #[inline(always)]
    pub fn slice_tangent<'a, T, D: FromSliceTangent<'a, T>>(t: &'a [T]) -> D {
        D::from_slice_tangent(t)
    }

    /// The tangent buffer of an array a callee updates in place, in the form its JVP takes.
    #[inline(always)]
    pub fn slice_tangent_mut<'a, T, D: FromSliceTangentMut<'a, T>>(t: &'a mut [T]) -> D {
        D::from_slice_tangent_mut(t)
    }

    /// Adds the cotangent of a struct's array field passed to a callee (`g(&p.w[..])`) to
    /// that field of the struct's adjoint.
    #[inline(always)]
    pub fn add_field_cot<T, C: crate::adjoint::FieldCot<T>>(field: &mut [T], c: C) {
        c.add_to_field(field)
    }

    /// Adds the cotangent of an array argument to the array's adjoint.
    #[inline(always)]
    pub fn add_slice_cot<T, C: SliceCot<T>>(adj: &mut AdjVec<T>, c: C) {
        c.add_to(adj)
    }

    /// The zero of the scalar type `T` (a symbolic zero made concrete).
    #[inline(always)]
    pub fn zero<T: Real>() -> T {
        T::zero()
    }

    /// `-0.0`: where an accumulator starts, since `-0.0 + x == x` for every `x` (`+0.0 + (-0.0)`
    /// is `+0.0`), so the compiler may drop the first addition and a loop's accumulator does
    /// not become a chain of additions through its iterations.
    #[inline(always)]
    pub fn acc_zero<T: Real>() -> T {
        -T::zero()
    }

    /// `x` with a negative zero made positive (`x + 0.0`): a cotangent that received nothing
    /// reads `0.0`, not `-0.0`.
    #[inline(always)]
    pub fn pos_zero<T: Real>(x: T) -> T {
        x + T::zero()
    }

    /// The one of the scalar type `T`.
    #[inline(always)]
    pub fn one<T: Real>() -> T {
        T::one()
    }

    /// The zero tangent of any value (`()` for integers and booleans).
    #[inline(always)]
    pub fn zero_tangent<V: Tangent>(v: &V) -> V::Tangent {
        v.zero_tangent()
    }

    /// Accumulates a cotangent into `acc` (used for every argument's adjoint).
    #[inline(always)]
    pub fn accumulate<V: Tangent>(acc: &mut V::Tangent, c: V::Tangent) {
        V::add_assign_tangent(acc, c)
    }
}
