use oxidiff::xla::Result;
use oxidiff::{differentiable, Tensor};

#[differentiable]
fn f(#[no_grad] x: &Tensor, n: usize) -> Result<Tensor> {
    let _ = n;
    Ok(x.clone())
}

fn main() {}
