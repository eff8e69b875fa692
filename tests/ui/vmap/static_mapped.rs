use oxidiff::xla::Result;
use oxidiff::{vmap, Tensor};

#[vmap(in_axes = (0, 0))]
fn f(x: &Tensor, n: usize) -> Result<Tensor> {
    Ok(x * n as f64)
}

fn main() {}
