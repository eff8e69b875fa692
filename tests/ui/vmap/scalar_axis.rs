use oxidiff::vmap;

#[vmap(in_axes = (1,))]
fn f(x: &[f64]) -> f64 {
    x[0]
}

fn main() {}
