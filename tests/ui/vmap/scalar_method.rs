use oxidiff::vmap;

struct Scale(f64);

impl Scale {
    #[vmap]
    fn apply(&self, x: f64) -> f64 {
        self.0 * x
    }
}

fn main() {}
