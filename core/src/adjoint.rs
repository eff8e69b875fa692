use core::cell::Cell;

use crate::Real;

/// The adjoint of an array in reverse mode: a buffer of cotangents that grows to the largest
/// index touched, so generated code needs no length up front. `take(i)` reads and zeroes an
/// entry (the cotangent of an element that is about to be restored to its old value).
#[derive(Debug, Clone, Default)]
pub struct AdjVec<T> {
    v: Vec<T>,
}

impl<T: Real> AdjVec<T> {
    /// An empty (all-zero) adjoint.
    #[inline]
    pub fn new() -> Self {
        AdjVec { v: Vec::new() }
    }

    /// An adjoint holding the given cotangents (a seed).
    #[inline]
    pub fn from_vec(v: Vec<T>) -> Self {
        AdjVec { v }
    }

    /// An adjoint holding the given cotangents (a seed).
    #[inline]
    pub fn from_slice(v: &[T]) -> Self {
        AdjVec { v: v.to_vec() }
    }

    #[cold]
    fn grow(&mut self, i: usize) {
        self.v.resize(i + 1, T::zero());
    }

    /// `self[i] += g`
    #[inline(always)]
    pub fn add(&mut self, i: usize, g: T) {
        match self.v.get_mut(i) {
            Some(x) => *x += g,
            None => self.grow_add(i, g),
        }
    }

    #[cold]
    #[inline(never)]
    fn grow_add(&mut self, i: usize, g: T) {
        self.grow(i);
        self.v[i] += g;
    }

    /// Reads entry `i` and sets it to zero.
    #[inline(always)]
    pub fn take(&mut self, i: usize) -> T {
        match self.v.get_mut(i) {
            Some(x) => core::mem::replace(x, T::zero()),
            None => T::zero(),
        }
    }

    /// The sum of all entries, which are then zero (the adjoint of `vec![x; n]` flows to `x`).
    #[inline]
    pub fn sum_take(&mut self) -> T {
        let s = self.v.iter().fold(T::zero(), |a, &b| a + b);
        self.v.clear();
        s
    }

    /// All entries zero.
    #[inline]
    pub fn clear(&mut self) {
        self.v.clear();
    }

    /// Adds every entry into `other` and zeroes this one (the adjoint of a copy).
    #[inline]
    pub fn drain_into(&mut self, other: &mut AdjVec<T>) {
        other.add_slice(&self.v);
        self.v.clear();
    }

    /// `self[i] += c[i]` for every `i` (the cotangent of an array passed to a call).
    #[inline]
    pub fn add_slice(&mut self, c: &[T]) {
        if self.v.len() < c.len() {
            self.v.resize(c.len(), T::zero());
        }
        for (x, &g) in self.v.iter_mut().zip(c) {
            *x += g;
        }
    }

    /// The first `len` entries (grown with zeros to `len` first) as a slice: the adjoint buffer
    /// passed to the pullback of a callee that updates the array in place.
    #[inline]
    pub fn slice_mut(&mut self, len: usize) -> &mut [T] {
        if self.v.len() < len {
            self.v.resize(len, T::zero());
        }
        &mut self.v[..len]
    }

    /// A fixed-length view of the first `len` entries (grown with zeros to `len` first), for
    /// the hot loops of a pullback: its `add` and `take` index a plain slice, so the compiler
    /// keeps the pointer and length in registers instead of re-reading them after every store.
    #[inline]
    pub fn view(&mut self, len: usize) -> AdjSlice<'_, T> {
        AdjSlice {
            s: self.slice_mut(len),
        }
    }

    /// The window `base..base + n` of the first `len` entries, for a parallel replay
    /// ([`crate::par::par_replay`]): an adjoint with nothing in it yet is filled by the replay's
    /// threads; otherwise the window of the entries (grown with zeros to `len` first).
    #[inline]
    pub fn par_window(&mut self, len: usize, base: usize, n: usize) -> crate::par::ParWin<'_, T> {
        if self.v.is_empty() && base + n <= len {
            crate::par::ParWin::Fresh {
                vec: &mut self.v,
                len,
                base,
            }
        } else {
            crate::par::ParWin::Init(&mut self.slice_mut(len)[base..][..n])
        }
    }

    /// The first `len` entries (grown with zeros to `len` first) as cells (see
    /// [`AdjSlice::cells`]).
    #[inline]
    pub fn cells(&mut self, len: usize) -> &[Cell<T>] {
        Cell::from_mut(self.slice_mut(len)).as_slice_of_cells()
    }

    /// The cotangents as a vector of length `len`, leaving this adjoint empty (zero): the
    /// cotangent of an array a call returned, handed to the call's pullback.
    #[inline]
    pub fn take_vec(&mut self, len: usize) -> Vec<T> {
        let mut v = core::mem::take(&mut self.v);
        v.resize(len, T::zero());
        v
    }

    /// The cotangents as a vector of length `len`.
    #[inline]
    pub fn into_vec(mut self, len: usize) -> Vec<T> {
        self.v.resize(len, T::zero());
        self.v
    }

    /// The cotangents as an array.
    #[inline]
    pub fn into_array<const N: usize>(self) -> [T; N] {
        let v = self.into_vec(N);
        let mut a = [T::zero(); N];
        a.copy_from_slice(&v);
        a
    }
}

/// A view of an [`AdjVec`] with a fixed length ([`AdjVec::view`]): the same `add` and `take`,
/// on a slice. An index past the end panics, as the forward pass's own indexing would have.
#[derive(Debug)]
pub struct AdjSlice<'a, T> {
    s: &'a mut [T],
}

impl<T: Real> AdjSlice<'_, T> {
    /// `self[i] += g`
    #[inline(always)]
    pub fn add(&mut self, i: usize, g: T) {
        self.s[i] += g;
    }

    /// Reads entry `i` and sets it to zero.
    #[inline(always)]
    pub fn take(&mut self, i: usize) -> T {
        core::mem::replace(&mut self.s[i], T::zero())
    }

    /// The first `len` entries as cells, for the replay of a counted loop: windows of them
    /// at different offsets (`&cells[base..][..n]`, one bounds check each) can coexist, and an
    /// iteration `k` adds to `window[k]`, which the compiler can see is in bounds.
    #[inline(always)]
    pub fn cells(&mut self, len: usize) -> &[Cell<T>] {
        Cell::from_mut(&mut self.s[..len]).as_slice_of_cells()
    }
}

/// The cotangent a callee's pullback returns for an array argument: `Vec<F>` where the callee
/// differentiates it, `()` where it does not (`#[no_grad]`). Generated callers add it to the
/// array's adjoint without knowing which.
pub trait SliceCot<T> {
    /// `adj += self`
    fn add_to(self, adj: &mut AdjVec<T>);
}

impl<T: Real> SliceCot<T> for Vec<T> {
    #[inline]
    fn add_to(self, adj: &mut AdjVec<T>) {
        adj.add_slice(&self);
    }
}

impl<T> SliceCot<T> for () {
    #[inline(always)]
    fn add_to(self, _: &mut AdjVec<T>) {}
}

/// A callee's cotangent of an array field of a struct argument, added to the field of the
/// struct's adjoint: plain, nothing (`()`: the callee does not differentiate it), or in the
/// dual twin dual numbers whose tangent parts the twin's plain struct adjoint keeps.
pub trait FieldCot<T> {
    /// `field += self`
    fn add_to_field(self, field: &mut [T]);
}

/// `field += part(c)` element by element, for a cotangent `cot` of the field's length.
fn add_parts<T: Real, C>(field: &mut [T], cot: Vec<C>, part: impl Fn(C) -> T) {
    assert_eq!(
        field.len(),
        cot.len(),
        "a field's cotangent has another length"
    );
    for (f, c) in field.iter_mut().zip(cot) {
        *f += part(c);
    }
}

impl<T: Real> FieldCot<T> for Vec<T> {
    fn add_to_field(self, field: &mut [T]) {
        add_parts(field, self, |c| c);
    }
}

impl<T: Real> FieldCot<T> for Vec<crate::Dual<T>> {
    fn add_to_field(self, field: &mut [T]) {
        add_parts(field, self, |c| c.eps);
    }
}

impl<T> FieldCot<T> for () {
    #[inline(always)]
    fn add_to_field(self, _: &mut [T]) {}
}

/// The tangent a callee's JVP takes for an array argument: the slice itself where the callee
/// differentiates it, `()` where it does not.
pub trait FromSliceTangent<'a, T> {
    /// The tangent, from the caller's tangent array.
    fn from_slice_tangent(t: &'a [T]) -> Self;
}

impl<'a, T> FromSliceTangent<'a, T> for &'a [T] {
    #[inline(always)]
    fn from_slice_tangent(t: &'a [T]) -> Self {
        t
    }
}

impl<'a, T> FromSliceTangent<'a, T> for () {
    #[inline(always)]
    fn from_slice_tangent(_: &'a [T]) -> Self {}
}

/// The tangent a callee's JVP takes for an array it updates in place: the tangent buffer where
/// the callee differentiates it, `()` where it does not.
pub trait FromSliceTangentMut<'a, T> {
    /// The tangent, from the caller's tangent array.
    fn from_slice_tangent_mut(t: &'a mut [T]) -> Self;
}

impl<'a, T> FromSliceTangentMut<'a, T> for &'a mut [T] {
    #[inline(always)]
    fn from_slice_tangent_mut(t: &'a mut [T]) -> Self {
        t
    }
}

impl<'a, T> FromSliceTangentMut<'a, T> for () {
    #[inline(always)]
    fn from_slice_tangent_mut(_: &'a mut [T]) -> Self {}
}
