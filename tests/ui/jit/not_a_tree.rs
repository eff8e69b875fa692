use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

struct Config {
    scale: f32,
}

// A struct argument must be a tree of tensors, or #[static_arg].
#[jit]
fn f(x: &Tensor, c: &Config) -> Result<Tensor> {
    Ok(x * c.scale as f64)
}

fn main() {}
