// Every unsupported expression of the body is reported at once, each at its own span, and the
// function itself is still emitted: `main` calling it adds no "cannot find function".
use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let a = [x, x];
    let y = x.sin_cos().0;
    let z = x as f32;
    y + z as f64
}

fn main() {
    println!("{}", f(1.0));
}
