use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

#[jit]
fn f(x: &mut Tensor) -> Result<Tensor> {
    Ok(x.clone())
}

fn main() {}
