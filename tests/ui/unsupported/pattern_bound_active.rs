// Names bound by `for`, `match` and `if let` patterns to active values would be inactive
// (derivatives 0 instead of 3, 2 and 3): a compile error at the iterator or scrutinee.
use oxidiff::differentiable;

#[differentiable]
fn for_over(x: f64) -> f64 {
    let mut s = 0.0;
    for v in [x, 2.0 * x] {
        s += v;
    }
    s
}

#[differentiable]
fn match_bind(x: f64) -> f64 {
    match x {
        v => v * 2.0,
    }
}

#[differentiable]
fn if_let_bind(x: f64) -> f64 {
    if let Some(v) = Some(x) {
        v * 3.0
    } else {
        0.0
    }
}

fn main() {}
