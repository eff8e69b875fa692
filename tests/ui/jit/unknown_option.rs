use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

#[jit(donate)]
fn f(x: &Tensor) -> Result<Tensor> {
    Ok(x.clone())
}

fn main() {}
