// A reference to part of an active value hides the reads behind it: each of these used to
// compile and give a zero (or partial) derivative.
use oxidiff::{differentiable, Differentiable};

#[derive(Clone, Differentiable)]
struct Layer {
    w: Vec<f64>,
    b: f64,
}

#[derive(Clone, Differentiable)]
struct Net {
    inner: Layer,
}

#[differentiable(first_order)]
fn sumsq(a: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..a.len() {
        s += a[i] * a[i];
    }
    s
}

#[differentiable]
fn field_ref(p: &Net, x: f64) -> f64 {
    let l = &p.inner;
    l.w[0] * x + l.b
}

#[differentiable]
fn element_ref(x: &[f64]) -> f64 {
    let r = &x[3];
    *r * 2.0
}

#[differentiable]
fn last(x: &[f64]) -> f64 {
    *x.last().unwrap()
}

#[differentiable(first_order)]
fn tail(x: &[f64]) -> f64 {
    sumsq(&x[1..])
}



#[differentiable(first_order)]
fn dbl(u: &mut [f64]) {
    for i in 0..u.len() {
        u[i] = 2.0 * u[i];
    }
}

#[differentiable(first_order)]
fn mid(x: &[f64]) -> f64 {
    let mut u = x.to_vec();
    dbl(&mut u[1..3]);
    sumsq(&u)
}
fn main() {}
