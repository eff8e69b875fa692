use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

#[jit]
fn f((a, b): (Tensor, Tensor)) -> Result<Tensor> {
    a.try_add(&b)
}

fn main() {}
