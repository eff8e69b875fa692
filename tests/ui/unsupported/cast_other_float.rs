use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let y = x as f32;
    (y * 2.0) as f64
}

fn main() {}
