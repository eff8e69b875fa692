use oxidiff::differentiable;

macro_rules! twice {
    ($e:expr) => {
        2.0 * $e
    };
}

#[differentiable]
fn f(x: f64) -> f64 {
    let y = twice!(x);
    y + twice!(3.0)
}

fn main() {}
