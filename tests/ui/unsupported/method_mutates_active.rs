// KNOWN BUG: accepted, with a silently wrong (zero or partial) derivative; it should be a
// compile error at the offending expression. Give it a .stderr once the macro rejects it.
// A method statement that mutates an active local through auto-ref (`&mut self`) is kept
// as written: the update is not differentiated (derivative 1 instead of 2).
use oxidiff::differentiable;
use std::ops::AddAssign;

#[differentiable]
fn f(x: f64) -> f64 {
    let mut y = x;
    y.add_assign(x);
    y
}

fn main() {}
