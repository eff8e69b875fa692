use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let y = f64::from(x);
    y
}

#[differentiable]
fn g<T: oxidiff::Real>(x: T) -> T {
    let y = T::from_f64(2.0);
    x * y + T::from(x).unwrap()
}

fn main() {}
