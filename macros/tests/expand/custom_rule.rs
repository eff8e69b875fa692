// A custom reverse rule: the body is never differentiated; forward mode comes from the rule.
#[custom_vjp(fixed_point_bwd)]
pub fn fixed_point(theta: f64) -> f64 {
    let mut x = 0.0;
    for _ in 0..100 {
        x = (theta * x).cos();
    }
    x
}
