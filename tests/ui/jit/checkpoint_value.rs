use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

#[jit]
fn f(x: &Tensor) -> Result<Tensor> {
    let mut y = x.clone();
    #[checkpoint = 4]
    for _ in 0..16 {
        y = &y * 0.5;
    }
    Ok(y)
}

fn main() {}
