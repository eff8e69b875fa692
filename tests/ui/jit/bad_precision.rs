use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

#[jit(precision = "fp8")]
fn f(x: &Tensor) -> Result<Tensor> {
    Ok(x * 2.0)
}

fn main() {}
