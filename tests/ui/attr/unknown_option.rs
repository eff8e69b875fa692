use oxidiff::differentiable;

#[differentiable(foo)]
fn f(x: f64) -> f64 {
    x * x
}

// The function itself is still emitted: calling it is not a further error.
fn main() {
    let _ = f(1.0);
}
