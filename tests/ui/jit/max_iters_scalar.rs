use oxidiff::differentiable;

#[differentiable(max_iters = 10)]
fn f(x: f64) -> f64 {
    x * x
}

fn main() {}
