use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

struct Model {
    w: Tensor,
}

impl Model {
    #[jit]
    fn apply(&self, x: &Tensor) -> Result<Tensor> {
        x.matmul(&self.w)
    }
}

fn main() {}
