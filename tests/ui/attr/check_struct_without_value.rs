use oxidiff::{differentiable, Differentiable};

#[derive(Clone, Differentiable)]
struct Params {
    w: Vec<f64>,
    b: f64,
}

// `check` draws random points for floats and slices; for a struct argument it needs a value of
// the struct's shape (`check(args(p = ..))`).
#[differentiable(check)]
fn loss(p: &Params, x: &[f64]) -> f64 {
    let mut s = p.b;
    for i in 0..x.len() {
        s += p.w[i] * x[i];
    }
    s
}

fn main() {}
