//! Values derivatives are taken with respect to, as a whole: floats, vectors and arrays of them,
//! and structs with `#[derive(Differentiable)]` (JAX's pytrees, Swift's `TangentVector`). The
//! tangent of such a value has the same type: a gradient of a model's parameters is another
//! set of parameters, on which optimizers do arithmetic.

use crate::Real;

/// A value with a vector space of tangents of the same shape.
///
/// ```
/// use oxidiff_core::Differentiable;
/// let mut g = vec![1.0, 2.0];
/// g.scale(0.5);
/// assert_eq!(g.dot(&vec![2.0, 2.0]), 3.0);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not `Differentiable`",
    label = "a value derivatives are taken with respect to",
    note = "derive it on the struct: `#[derive(Clone, Differentiable)]` (its fields floats, `Vec`s or arrays of floats, or other such structs), or mark the argument or field that holds it `#[no_grad]`"
)]
pub trait Differentiable: Clone {
    /// The scalar type of the components.
    type Scalar: Real;
    /// The zero tangent at this value (same shape; `#[no_grad]` fields are copied).
    fn zero_like(&self) -> Self;
    /// `self += other`, componentwise.
    fn add_assign(&mut self, other: &Self);
    /// `self *= a`, componentwise.
    fn scale(&mut self, a: Self::Scalar);
    /// The inner product of the components.
    fn dot(&self, other: &Self) -> Self::Scalar;
    /// Appends the components, in order.
    fn flatten_into(&self, out: &mut Vec<Self::Scalar>);
    /// Reads the components from the front of `src`, in the order `flatten_into` wrote them.
    fn read_from(&mut self, src: &mut &[Self::Scalar]);
    /// `self += a * other`, componentwise (a gradient step is `p.axpy(-lr, &g)`).
    fn axpy(&mut self, a: Self::Scalar, other: &Self) {
        let mut o = other.clone();
        o.scale(a);
        self.add_assign(&o);
    }
    /// The number of components.
    fn num_components(&self) -> usize {
        let mut v = Vec::new();
        self.flatten_into(&mut v);
        v.len()
    }
    /// Sets the `#[no_grad]` fields that hold floats to zero (nested structs included). A
    /// tangent made from a value (`zero_like` copies `#[no_grad]` fields) would otherwise carry
    /// the value's numbers there; forward mode reads a tangent's fields, so generated code
    /// clears them before use ([`tangent_of`]).
    fn clear_no_grad(&mut self) {}
}

/// A copy of `t` to use as a tangent: its `#[no_grad]` float fields zero (see
/// [`Differentiable::clear_no_grad`]).
pub fn tangent_of<D: Differentiable>(t: &D) -> D {
    let mut c = t.clone();
    c.clear_no_grad();
    c
}

/// Every scalar: `f32`, `f64`, dual numbers, and a generic `T: Real`, so that generic structs
/// (`Params<T>`) are differentiable in generic code.
impl<T: Real> Differentiable for T {
    type Scalar = T;
    #[inline]
    fn zero_like(&self) -> Self {
        T::zero()
    }
    #[inline]
    fn add_assign(&mut self, other: &Self) {
        *self += *other
    }
    #[inline]
    fn scale(&mut self, a: T) {
        *self *= a
    }
    #[inline]
    fn dot(&self, other: &Self) -> T {
        *self * *other
    }
    fn flatten_into(&self, out: &mut Vec<T>) {
        out.push(*self)
    }
    fn read_from(&mut self, src: &mut &[T]) {
        *self = src[0];
        *src = &src[1..];
    }
}

/// Tangents of a `Vec` live in the space of its length: combining two of different lengths is
/// a bug in the caller, not something to truncate silently.
#[track_caller]
fn same_len(op: &str, a: usize, b: usize) {
    assert_eq!(
        a, b,
        "Differentiable::{op} on Vecs of different lengths ({a} and {b}): tangents must have the shape of their value"
    );
}

impl<T: Differentiable> Differentiable for Vec<T> {
    type Scalar = T::Scalar;
    fn zero_like(&self) -> Self {
        self.iter().map(|x| x.zero_like()).collect()
    }
    fn add_assign(&mut self, other: &Self) {
        same_len("add_assign", self.len(), other.len());
        for (a, b) in self.iter_mut().zip(other) {
            a.add_assign(b);
        }
    }
    fn scale(&mut self, a: T::Scalar) {
        for x in self.iter_mut() {
            x.scale(a);
        }
    }
    fn dot(&self, other: &Self) -> T::Scalar {
        same_len("dot", self.len(), other.len());
        self.iter()
            .zip(other)
            .fold(T::Scalar::zero(), |s, (a, b)| s + a.dot(b))
    }
    fn flatten_into(&self, out: &mut Vec<T::Scalar>) {
        for x in self {
            x.flatten_into(out);
        }
    }
    fn read_from(&mut self, src: &mut &[T::Scalar]) {
        for x in self.iter_mut() {
            x.read_from(src);
        }
    }
    fn clear_no_grad(&mut self) {
        for x in self.iter_mut() {
            x.clear_no_grad();
        }
    }
}

impl<T: Differentiable, const N: usize> Differentiable for [T; N] {
    type Scalar = T::Scalar;
    fn zero_like(&self) -> Self {
        core::array::from_fn(|i| self[i].zero_like())
    }
    fn add_assign(&mut self, other: &Self) {
        for (a, b) in self.iter_mut().zip(other) {
            a.add_assign(b);
        }
    }
    fn scale(&mut self, a: T::Scalar) {
        for x in self.iter_mut() {
            x.scale(a);
        }
    }
    fn dot(&self, other: &Self) -> T::Scalar {
        self.iter()
            .zip(other)
            .fold(T::Scalar::zero(), |s, (a, b)| s + a.dot(b))
    }
    fn flatten_into(&self, out: &mut Vec<T::Scalar>) {
        for x in self {
            x.flatten_into(out);
        }
    }
    fn read_from(&mut self, src: &mut &[T::Scalar]) {
        for x in self.iter_mut() {
            x.read_from(src);
        }
    }
    fn clear_no_grad(&mut self) {
        for x in self.iter_mut() {
            x.clear_no_grad();
        }
    }
}

use num_traits::Zero as _;

/// Clears a `#[no_grad]` field of a tangent whose type may or may not be `Differentiable`
/// (a struct of floats, or an enum, a configuration): the derive calls
/// `(&mut ClearProbe(&mut field)).clear_probe()` with both traits in scope, and method
/// resolution picks [`ClearDifferentiable`] (zero it) where the field's type implements
/// `Differentiable`, else [`ClearOther`] (nothing to clear).
#[doc(hidden)]
pub struct ClearProbe<'a, T>(pub &'a mut T);

#[doc(hidden)]
pub trait ClearDifferentiable {
    fn clear_probe(&mut self);
}

impl<T: Differentiable> ClearDifferentiable for ClearProbe<'_, T> {
    fn clear_probe(&mut self) {
        *self.0 = self.0.zero_like();
        self.0.clear_no_grad();
    }
}

#[doc(hidden)]
pub trait ClearOther {
    fn clear_probe(&mut self);
}

impl<T> ClearOther for &mut ClearProbe<'_, T> {
    fn clear_probe(&mut self) {}
}

/// The zero tangent of a value (for generated code).
#[inline]
pub fn zero_like<D: Differentiable>(d: &D) -> D {
    d.zero_like()
}

#[cfg(test)]
mod tests {
    use super::Differentiable;

    #[test]
    #[should_panic(expected = "different lengths (3 and 2)")]
    fn vec_tangents_of_other_lengths_are_refused() {
        let mut a = vec![1.0, 2.0, 3.0];
        a.add_assign(&vec![1.0, 1.0]);
    }

    #[test]
    #[should_panic(expected = "different lengths (1 and 2)")]
    fn vec_dot_of_other_lengths_is_refused() {
        let _ = vec![1.0].dot(&vec![1.0, 1.0]);
    }

    #[test]
    fn vec_tangents_add_and_dot() {
        let mut a = vec![1.0, 2.0];
        a.add_assign(&vec![0.5, -1.0]);
        assert_eq!(a, vec![1.5, 1.0]);
        assert_eq!(a.dot(&vec![2.0, 3.0]), 6.0);
    }
}
