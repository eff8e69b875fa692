use oxidiff::vmap;

#[vmap]
fn f(x: &mut [f64]) -> f64 {
    x[0]
}

fn main() {}
