use oxidiff::{differentiable, Differentiable};

#[derive(Clone, Differentiable)]
struct Layer {
    b: f64,
}

#[derive(Clone, Differentiable)]
struct Net {
    l1: Layer,
}

#[differentiable]
fn layer(l: &Layer, x: f64) -> f64 {
    l.b * x
}

// An array chosen by a branch: one message.
#[differentiable]
fn chosen(x: &[f64], c: f64) -> f64 {
    let n = x.len();
    let u = if c > 0.0 { x.to_vec() } else { vec![c; n] };
    u[0]
}

// A reference to a struct field kept in a variable: pass it directly instead.
#[differentiable]
fn kept(p: &Net, x: f64) -> f64 {
    let l = &p.l1;
    layer(l, x)
}


#[differentiable]
fn step_vec(u: &[f64], dt: f64) -> Vec<f64> {
    let mut v = u.to_vec();
    for i in 0..u.len() {
        v[i] = u[i] * (1.0 - dt);
    }
    v
}

// A helper's `Vec` assigned to an existing array.
#[differentiable]
fn run(u0: &[f64], dt: f64) -> f64 {
    let mut u = u0.to_vec();
    for _ in 0..3 {
        u = step_vec(&u, dt);
    }
    u[0]
}
fn main() {}
