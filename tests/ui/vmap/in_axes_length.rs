use oxidiff::xla::Result;
use oxidiff::{vmap, Tensor};

#[vmap(in_axes = (0, None))]
fn f(x: &Tensor) -> Result<Tensor> {
    Ok(x * 2.0)
}

fn main() {}
