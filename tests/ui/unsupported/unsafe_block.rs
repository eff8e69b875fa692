use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let y = unsafe { x * 2.0 };
    y
}

#[differentiable]
fn g(x: f64) -> f64 {
    let n: usize = 3 + unsafe { core::mem::transmute::<u64, usize>(1) };
    x * n as f64
}

fn main() {}
