use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

// A `while` condition must be a `bool` or a bool scalar tensor.
#[jit]
fn f(x: &Tensor) -> Result<Tensor> {
    let mut y = x.clone();
    while y.rank() {
        y = &y * 0.5;
    }
    Ok(y)
}

fn main() {}
