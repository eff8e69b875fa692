// A method statement that may mutate an active local through auto-ref (`&mut self`) would be
// kept as written, its update not differentiated: a compile error instead.
use oxidiff::differentiable;
use std::ops::AddAssign;

#[differentiable]
fn f(x: f64) -> f64 {
    let mut y = x;
    y.add_assign(x);
    y
}


// An in-place method on an array other than `copy_from_slice`, `fill` and `swap`.
#[differentiable]
fn reversed(x: &[f64]) -> f64 {
    let mut u = x.to_vec();
    u.reverse();
    u[0]
}
fn main() {}
