use oxidiff::xla::Result;
use oxidiff::{vmap, Tensor};

#[vmap(in_axes = (-1,))]
fn f(x: &Tensor) -> Result<Tensor> {
    Ok(x * 2.0)
}

fn main() {}
