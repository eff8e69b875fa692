use crate::{Real, Tangent};

/// A forward-mode dual number `re + eps·ε` with `ε² = 0`. Being [`Real`], it can be the `T` of a
/// generic `#[differentiable]` function, which nests derivatives (forward over reverse).
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
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
