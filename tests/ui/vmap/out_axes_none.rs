use oxidiff::xla::Result;
use oxidiff::{vmap, Tensor};

#[vmap(out_axes = None)]
fn f(x: &Tensor) -> Result<Tensor> {
    Ok(x * 2.0)
}

fn main() {}
