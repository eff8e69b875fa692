// Arrays, slices, references and containers of floats cannot be active parameters (one error
// per parameter, all reported at once); `#[no_grad]` makes them constant data.
use oxidiff::differentiable;

#[differentiable]
fn f(x: f64, a: [f64; 3], s: &[f64], r: &f64, v: Vec<f64>, t: (f64, f64)) -> f64 {
    x
}

fn main() {}
