use oxidiff::differentiable;

// A name that is not an argument.
#[differentiable(check(args(foo = 3)))]
fn unknown(x: f64) -> f64 {
    x * x
}

// A differentiated argument: drawn at random, not given.
#[differentiable(check(args(x = 2.0)))]
fn drawn(x: f64) -> f64 {
    x * x
}

// An argument the check does not differentiate needs a value (0 steps would check nothing).
#[differentiable(check)]
fn missing(x: f64, steps: usize) -> f64 {
    let mut y = x;
    for _ in 0..steps {
        y = y.sin();
    }
    y
}

fn main() {}
