use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

#[jit]
fn f(x: &Tensor, #[shard] n: usize) -> Result<Tensor> {
    Ok(x * n as f64)
}

fn main() {}
