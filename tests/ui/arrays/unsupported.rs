use oxidiff::differentiable;

// An iterator adapter the macro does not rewrite.
#[differentiable]
fn filtered(x: &[f64]) -> f64 {
    x.iter().filter(|v| **v > 0.0).sum()
}

// An active array declared inside a loop that is not a `Vec`.
#[differentiable]
fn nested(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        let tmp = [x[i]; 2];
        s += tmp[0] * tmp[1];
    }
    s
}

// An active array declared inside a loop under a name another variable has.
#[differentiable]
fn nested_shadowing(x: &[f64]) -> f64 {
    let tmp = x.to_vec();
    let mut s = 0.0;
    for i in 0..x.len() {
        let tmp = vec![tmp[i]; 2];
        s += tmp[0] * tmp[1];
    }
    s
}

// An alias the macro can't see through.
#[differentiable]
fn aliased(x: &[f64]) -> f64 {
    let mut u = x.to_vec();
    let a = &mut u;
    a[0] = 2.0;
    u[0] * x[1]
}

// Passing an array to another differentiable function by value (by `&u` or `&mut u` it works).
#[differentiable]
fn inner(x: Vec<f64>) -> f64 {
    x[0]
}
#[differentiable]
fn outer(x: &[f64]) -> f64 {
    let u = x.to_vec();
    inner(u) * 2.0
}

fn main() {}
