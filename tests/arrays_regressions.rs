//! Regressions: `*v` on iterator elements, integer methods named like float ones, and integer
//! indices changed by statements the macro keeps verbatim (`k += 1` on a `usize`, `&mut k`
//! passed to a helper, a method on it): loops used to treat such an index as loop-invariant and
//! replay every iteration with its first value, a silently wrong gradient; an integer field of a
//! struct argument as a loop bound.
#![allow(clippy::needless_range_loop)]
// The counters are the point: they are what the macro must see change.
#![allow(clippy::explicit_counter_loop)]
use oxidiff::{differentiable, Differentiable};
#[differentiable]
fn deref(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for v in x.iter() {
        s += *v * *v;
    }
    s
}
#[differentiable]
fn intmeth(x: &[f64]) -> f64 {
    let n = x.len();
    let j = (n + 1).clamp(1, n) - 1;
    x[j] * x[n.max(1) - 1] + f64::min(1.0, x[0])
}
#[test]
fn bugs() {
    assert_eq!(deref_grad(&[1.0, 2.0]), vec![2.0, 4.0]);
    let g = intmeth_grad(&[0.5, 3.0]);
    assert_eq!(g, vec![1.0, 6.0]);
}

/// `k: usize` is annotated, so `k += 1` is kept as written.
#[differentiable]
fn counted_index(x: &[f64]) -> f64 {
    let mut k: usize = 0;
    let mut s = 0.0;
    for _ in 0..3 {
        s += x[k] * x[k];
        k += 1;
    }
    s
}

/// The same with the counter: `x[k + j]` is not an offset of `j` alone.
#[differentiable]
fn counted_offset(x: &[f64]) -> f64 {
    let mut k: usize = 0;
    let mut s = 0.0;
    for j in 0..3 {
        s += x[k + j] * x[k + j + 1];
        k += 1;
    }
    s
}

fn bump(k: &mut usize) {
    *k += 1;
}

/// A parameter changed through `&mut`, and a local through a method call.
#[differentiable]
fn bumped(x: &[f64], mut k: usize) -> f64 {
    let mut s = 0.0;
    for _ in 0..3 {
        s += x[k] * x[k];
        bump(&mut k);
    }
    let mut m: usize = 0;
    for _ in 0..2 {
        s += x[m] * 3.0 * x[m];
        m.clone_from(&(m + 2));
    }
    s
}

#[test]
fn indices_changed_by_verbatim_statements() {
    let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
    // x0² + x1² + x2²
    assert_eq!(
        counted_index_grad(&x),
        vec![2.0, 4.0, 6.0, 0.0, 0.0, 0.0, 0.0]
    );
    // x0 x1 + x2 x3 + x4 x5
    assert_eq!(
        counted_offset_grad(&x),
        vec![2.0, 1.0, 4.0, 3.0, 6.0, 5.0, 0.0]
    );
    // x1² + x2² + x3² + 3 x0² + 3 x2²
    assert_eq!(bumped_grad(&x, 1), vec![6.0, 4.0, 24.0, 8.0, 0.0, 0.0, 0.0]);
    // Forward mode agrees.
    let e2 = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    assert_eq!(bumped_jvp(&x, 1, &e2).1, 24.0);
}

#[derive(Clone, Differentiable)]
struct Counted {
    w: Vec<f64>,
    #[no_grad]
    n: usize,
}

/// An integer field of a struct argument as a loop bound (was refused as "a pattern bound to a
/// value computed from active inputs").
#[differentiable]
fn counted_field(p: &Counted, x: f64) -> f64 {
    let mut s = 0.0;
    for i in 0..p.n {
        s += p.w[i] * x * x;
    }
    s
}

#[test]
fn integer_field_as_loop_bound() {
    let p = Counted {
        w: vec![1.0, 2.0, 3.0],
        n: 2,
    };
    let (g, gx) = counted_field_grad(&p, 2.0);
    assert_eq!(g.w, vec![4.0, 4.0, 0.0]);
    assert_eq!(gx, 2.0 * 2.0 * (1.0 + 2.0));
}
