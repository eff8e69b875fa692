use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

// A Rust integer updated inside a traced loop can't be carried by stablehlo.while.
#[jit]
fn f(x: &Tensor) -> Result<Tensor> {
    let mut y = x.clone();
    let mut count = 0usize;
    let limit = Tensor::scalar(10.0f32)?;
    while y.sum(&[0])?.less(&limit)? {
        y = &y * 2.0;
        count += 1;
    }
    let _ = count;
    Ok(y)
}

fn main() {}
