// Structs inside tuples, slices or `Vec`s are not differentiated: an error, not a gradient
// that silently leaves them out.
use oxidiff::{differentiable, Differentiable};

#[derive(Clone, Differentiable)]
struct Layer {
    b: f64,
}

#[differentiable]
fn pair(p: (&Layer, &Layer), x: f64) -> f64 {
    p.0.b * x + p.1.b
}

#[differentiable]
fn layers(ls: &[Layer], x: f64) -> f64 {
    ls[0].b * x
}

// The way out: constant data.
#[differentiable]
fn data(#[no_grad] ls: &Vec<Layer>, x: f64) -> f64 {
    let b = ls[0].b;
    b * x
}


#[derive(Clone, Differentiable)]
struct Net {
    layers: Vec<Layer>,
}

// An array of structs as a field: refused where it is indexed.
#[differentiable]
fn stacked(p: &Net, x: f64) -> f64 {
    p.layers[0].b * x
}

// A `&mut` struct: refused (it was taken as a constant).
#[differentiable]
fn bump(l: &mut Layer, x: f64) -> f64 {
    l.b * x
}
fn main() {}
