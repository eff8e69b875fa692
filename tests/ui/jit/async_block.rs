use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

#[jit]
fn f(x: &Tensor) -> Result<Tensor> {
    let _later = async { 1 };
    Ok(x * 2.0)
}

fn main() {}
