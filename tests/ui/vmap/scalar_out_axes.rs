use oxidiff::vmap;

#[vmap(out_axes = 1)]
fn f(x: f64) -> f64 {
    x * 2.0
}

fn main() {}
