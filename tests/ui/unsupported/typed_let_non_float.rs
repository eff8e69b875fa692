// A `let` with a non-float type annotation whose initializer reads active values would drop
// their derivative: a compile error at the initializer.
use oxidiff::differentiable;

struct S {
    v: f64,
}

#[differentiable]
fn arr(x: f64) -> f64 {
    let a: [f64; 2] = [x, x];
    a[0]
}

#[differentiable]
fn tup(x: f64) -> f64 {
    let t: (f64, f64) = (x, 2.0 * x);
    t.1
}

#[differentiable]
fn st(x: f64) -> f64 {
    let s: S = S { v: x };
    s.v
}

#[differentiable]
fn opt(x: f64) -> f64 {
    let o: Option<f64> = Some(x);
    o.unwrap_or(0.0)
}

#[differentiable]
fn vec(x: f64) -> f64 {
    let v: Vec<f64> = vec![x, x];
    v.iter().sum()
}

fn main() {}
