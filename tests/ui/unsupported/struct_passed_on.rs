// A struct argument goes on to another differentiable function by shared reference
// (`g(p, x)`, `g(&p.inner, x)`, `self.other(x)`); by value, or as the receiver of a method
// called on it from outside, it is refused at the call.
use oxidiff::{differentiable, Differentiable};

#[derive(Clone, Differentiable)]
struct Layer {
    w: Vec<f64>,
    b: f64,
}

#[differentiable]
fn layer_fwd(l: &Layer, h: f64) -> f64 {
    l.w[0] * h + l.b
}

#[differentiable]
fn layer_owned(l: Layer, h: f64) -> f64 {
    l.b * h
}

#[differentiable]
fn by_value(p: &Layer, x: f64) -> f64 {
    let h = layer_fwd(p, x);
    layer_owned(p.clone(), h)
}

impl Layer {
    #[differentiable]
    fn energy(&self, x: f64) -> f64 {
        self.b * x
    }

    #[differentiable]
    fn twice(&self, x: f64) -> f64 {
        2.0 * self.energy(x)
    }
}

#[differentiable]
fn outside(p: &Layer, x: f64) -> f64 {
    p.clone().energy(x)
}


#[differentiable]
fn field_copy(p: &Layer, x: f64) -> f64 {
    let v = p.w.to_vec();
    v[0] * x
}
fn main() {}
