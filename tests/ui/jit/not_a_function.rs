use oxidiff::jit;

#[jit]
struct Model {
    scale: f32,
}

fn main() {}
