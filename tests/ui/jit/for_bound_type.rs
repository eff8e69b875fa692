use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

// A converted `for` runs over integers (or integer scalar tensors).
#[jit]
fn f(x: &Tensor) -> Result<Tensor> {
    let mut y = x.clone();
    for _ in 0.0..4.0 {
        y = &y * 0.5;
    }
    Ok(y)
}

fn main() {}
