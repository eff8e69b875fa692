use oxidiff::xla::Result;
use oxidiff::{vmap, Tensor};

#[vmap(axis_name = 0)]
fn f(x: &Tensor) -> Result<Tensor> {
    Ok(x * 2.0)
}

fn main() {}
