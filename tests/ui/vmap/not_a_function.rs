use oxidiff::vmap;

#[vmap]
struct Model {
    scale: f32,
}

fn main() {}
