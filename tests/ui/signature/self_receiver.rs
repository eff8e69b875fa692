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

struct Counter {
    v: f64,
}

impl Counter {
    // `&mut self` is rejected: the method would change the struct in place.
    #[oxidiff::differentiable]
    fn bump(&mut self, x: f64) -> f64 {
        self.v * x
    }
}
