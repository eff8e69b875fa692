//! Regressions: `*v` on iterator elements, integer methods named like float ones.
#![allow(clippy::needless_range_loop)]
use oxidiff::differentiable;
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
