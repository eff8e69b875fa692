use oxidiff::differentiable;

#[differentiable]
fn f(x: f64, k: usize) -> f64 {
    let n = [1.0, 2.0][if k == 0 { return x } else { k - 1 }];
    x * n
}

fn main() {}
