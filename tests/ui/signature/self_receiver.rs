use oxidiff::differentiable;

struct Model {
    w: f64,
}

impl Model {
    #[differentiable]
    fn f(&self, x: f64) -> f64 {
        self.w * x
    }
}

fn main() {}
