use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

#[jit]
fn f<T>(x: &Tensor, _t: T) -> Result<Tensor> {
    Ok(x.clone())
}

fn main() {}
