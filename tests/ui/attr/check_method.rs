use oxidiff::{differentiable, Differentiable};

#[derive(Clone, Differentiable)]
struct Model {
    w: f64,
}

impl Model {
    // A `#[test]` cannot be an associated function: `check` refuses methods.
    #[differentiable(check)]
    fn energy(&self, x: f64) -> f64 {
        self.w * x * x
    }
}

fn main() {}
