use oxidiff::xla::Result;
use oxidiff::{jit, Tensor};

struct Model {
    w: Tensor,
}

impl Model {
    // A compiled method can't update the model in place.
    #[jit]
    fn apply(&mut self, x: &Tensor) -> Result<Tensor> {
        x.matmul(&self.w)
    }
}

fn main() {}
