use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let y = 'b: {
        if x > 0.0 {
            break 'b x;
        }
        -x
    };
    y
}

fn main() {}
