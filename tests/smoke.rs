use oxidiff::differentiable;

#[differentiable]
fn f(x: f64, y: f64) -> f64 {
    if x > 0.0 {
        x * y.sin()
    } else {
        y
    }
}

#[differentiable]
fn straight(x: f64, y: f64) -> f64 {
    let a = x * y;
    let b = a.exp() + x / y;
    b * 2.0
}

#[differentiable]
fn newton_sqrt(a: f64) -> f64 {
    let mut y = a;
    while (y * y - a).abs() > 1e-12 * a {
        y = 0.5 * (y + a / y);
    }
    y
}

#[differentiable]
fn calls(x: f64) -> f64 {
    let s = straight(x, 2.0);
    s + newton_sqrt(x * x + 1.0)
}

#[differentiable]
fn generic<T: oxidiff::Real>(x: T, n: i32) -> T {
    let mut acc = T::zero();
    for i in 0..n {
        acc += x.powi(i) / T::from_f64((i + 1) as f64);
    }
    acc
}

#[differentiable]
fn tuple_out(x: f64, y: f64) -> (f64, f64) {
    let (mut u, mut v) = (x, y);
    for _ in 0..3 {
        (u, v) = (v, u + v * x);
    }
    (u, v)
}

#[differentiable]
fn early(x: f64) -> f64 {
    let mut s = 0.0;
    let mut k = 0;
    loop {
        s += x.sin() * k as f64;
        k += 1;
        if s > 3.0 {
            return s * x;
        }
        if k > 20 {
            break;
        }
    }
    s
}

fn fd(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    let h = 1e-6;
    (f(x + h) - f(x - h)) / (2.0 * h)
}

#[test]
fn smoke() {
    let (v, (dx, dy)) = f_value_and_grad(2.0, 0.5);
    assert_eq!(v, 2.0 * 0.5f64.sin());
    assert_eq!((dx, dy), (0.5f64.sin(), 2.0 * 0.5f64.cos()));
    let (g1, g2) = straight_grad(0.3, 1.7);
    assert!((g1 - fd(|x| straight(x, 1.7), 0.3)).abs() < 1e-6);
    assert!((g2 - fd(|y| straight(0.3, y), 1.7)).abs() < 1e-6);
    let (_, t) = straight_jvp(0.3, 1.7, 1.0, 0.0);
    assert!((t - g1).abs() < 1e-12);
    let g = newton_sqrt_grad(2.0);
    assert!((g - 0.5 / 2f64.sqrt()).abs() < 1e-9, "{g}");
    let (_, t) = newton_sqrt_jvp(2.0, 1.0);
    assert!((t - 0.5 / 2f64.sqrt()).abs() < 1e-9, "{t}");
    let g = calls_grad(0.7);
    assert!((g - fd(calls, 0.7)).abs() < 1e-6, "{g}");
    let g = generic_grad::<f64>(0.7, 5);
    assert!((g - fd(|x| generic(x, 5), 0.7)).abs() < 1e-6, "{g}");
    let g32 = generic_grad::<f32>(0.7, 5);
    assert!((g32 as f64 - g).abs() < 1e-4);
    let (_, pb) = tuple_out_vjp(0.5, 1.5);
    let (a, b) = pb((1.0, 2.0));
    let fa = fd(
        |x| {
            let (u, v) = tuple_out(x, 1.5);
            u + 2.0 * v
        },
        0.5,
    );
    let fb = fd(
        |y| {
            let (u, v) = tuple_out(0.5, y);
            u + 2.0 * v
        },
        1.5,
    );
    assert!(
        (a - fa).abs() < 1e-6 && (b - fb).abs() < 1e-6,
        "{a} {b} {fa} {fb}"
    );
    for x in [0.3, 1.0, 2.0] {
        let g = early_grad(x);
        assert!(
            (g - fd(early, x)).abs() < 1e-5,
            "{x}: {g} vs {}",
            fd(early, x)
        );
    }
}
