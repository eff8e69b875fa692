use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

// An `if` condition must be a `bool` or a bool scalar tensor.
#[jit]
fn f(x: &Tensor, flag: i32) -> Result<Tensor> {
    let mut y = x.clone();
    if flag {
        y = &y * 2.0;
    }
    Ok(y)
}

fn main() {}
