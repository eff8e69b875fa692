use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

#[jit]
async fn f(x: &Tensor) -> Result<Tensor> {
    Ok(x * 2.0)
}

fn main() {}
