use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    mod inner {}
    trait T {}
    x
}

fn main() {}
