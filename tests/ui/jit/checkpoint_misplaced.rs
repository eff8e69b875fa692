use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

#[jit]
fn f(x: &Tensor) -> Result<Tensor> {
    let mut y = x.clone();
    #[checkpoint]
    for _ in 0..=3 {
        y = &y * 2.0;
    }
    Ok(y)
}

fn main() {}
