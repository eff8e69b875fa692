use oxidiff::differentiable;

#[differentiable]
fn f(x: f64, k: i32) -> f64 {
    let n: i32 = match k {
        0 => return x,
        _ => k,
    };
    x * n as f64
}

fn main() {}
