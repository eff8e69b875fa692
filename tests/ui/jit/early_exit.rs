use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

// `return` inside an `if` on a traced tensor can't become stablehlo.case.
#[jit]
fn f(x: &Tensor) -> Result<Tensor> {
    let zero = Tensor::scalar(0.0f32)?;
    if x.sum(&[0])?.greater(&zero)? {
        return Ok(x.clone());
    }
    Ok(-x)
}

fn main() {}
