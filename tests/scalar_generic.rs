//! Generic functions over `T: oxidiff::Real`, instantiated at f64 (finite differences with
//! h = 1e-6 and tolerance 1e-6 relative, dot-product test at 1e-12), at f32 (against the f64
//! instantiation, tolerance 1e-5 relative) and at `Dual<f64>` (forward over reverse: second
//! derivatives, against finite differences of the f64 gradient with h = 1e-5, tolerance 1e-6).

#[macro_use]
mod common;

use common::{assert_all_close, assert_close, fd1, Ad, Flat};
use oxidiff::{differentiable, Dual, Real};

#[differentiable]
fn gen_smooth<T: Real>(x: T, y: T) -> T {
    let half = T::from_f64(0.5);
    let a = x * x * y + half * y.sin() - T::one();
    let b = (a * a + T::from_f64(2.0)).sqrt() * x.exp();
    b / (T::one() + y * y) + T::max(x, T::zero()) * T::zero() + x.powi(3).tanh()
}

#[differentiable]
fn gen_series<T: Real>(x: T, n: usize, scale: T) -> T {
    let mut acc = T::zero();
    let mut term = T::one();
    for k in 1..=n {
        term *= x / T::from_f64(k as f64);
        acc += term;
    }
    acc * scale
}

#[differentiable]
fn gen_inner<T: Real>(a: T, b: T) -> T {
    a.hypot(b) + a.atan2(b)
}

#[differentiable]
fn gen_outer<T: Real>(x: T) -> T {
    let u = gen_inner(x, T::from_f64(2.0));
    let v = gen_inner::<T>(u, x);
    if u > v {
        u * v
    } else {
        u - v
    }
}

#[differentiable]
fn gen_pair<T: Real>(x: T, y: T) -> (T, T) {
    let s = x + y;
    (s * s, T::min(x, y).exp())
}

#[differentiable]
fn gen_newton<T: Real>(a: T) -> T {
    // Newton's method for the cube root, to the precision of T.
    let mut y = if a > T::one() { a } else { T::one() };
    let mut i = 0;
    while (y * y * y - a).abs() > T::from_f64(8.0) * T::epsilon() * a && i < 100 {
        y = (T::from_f64(2.0) * y + a / (y * y)) / T::from_f64(3.0);
        i += 1;
    }
    y
}

fn ad_smooth() -> Ad<'static> {
    ad!(
        gen_smooth::<f64>,
        gen_smooth_jvp::<f64>,
        gen_smooth_vjp::<f64>,
        [x, y]
    )
}

#[test]
fn generic_at_f64() {
    let pts: &[&[f64]] = &[&[0.3, 0.5], &[-0.7, 1.2], &[1.1, -0.4]];
    ad_smooth().check(pts);
    ad!(
        gen_outer::<f64>,
        gen_outer_jvp::<f64>,
        gen_outer_vjp::<f64>,
        [x]
    )
    .check(&[&[0.3], &[1.5], &[-2.0]]);
    ad!(
        gen_pair::<f64>,
        gen_pair_jvp::<f64>,
        gen_pair_vjp::<f64>,
        [x, y]
    )
    .check(&[&[0.3, 0.5], &[1.0, -1.0]]);
    ad!(
        gen_newton::<f64>,
        gen_newton_jvp::<f64>,
        gen_newton_vjp::<f64>,
        [a]
    )
    .check(&[&[0.3], &[5.0]]);
    for n in [0usize, 1, 5, 20] {
        let ad = Ad::new(
            "gen_series",
            move |p| vec![gen_series(p[0], n, p[1])],
            move |p, t| {
                let (y, dy) = gen_series_jvp(p[0], n, p[1], t[0], t[1]);
                (vec![y], vec![dy])
            },
            move |p, w| {
                let (y, pb) = gen_series_vjp(p[0], n, p[1]);
                (vec![y], pb(w[0]).flat())
            },
        );
        ad.check(&[&[0.5, 2.0], &[-1.5, 0.3]]);
        // Σ_{k=1}^{n} x^k/k!: the x-derivative is the series up to n-1 plus 1.
        let x = 0.5;
        let (gx, gs) = gen_series_grad(x, n, 2.0);
        let want = if n == 0 {
            0.0
        } else {
            2.0 * (1.0 + gen_series(x, n - 1, 1.0))
        };
        assert_close(&format!("gen_series d/dx n={n}"), gx, want, 1e-15);
        assert_close(
            &format!("gen_series d/dscale n={n}"),
            gs,
            gen_series(x, n, 1.0),
            1e-15,
        );
    }
    for a in [0.3f64, 8.0, 27.0] {
        let want = 1.0 / (3.0 * a.cbrt() * a.cbrt());
        assert_close(
            &format!("gen_newton' at {a}"),
            gen_newton_grad(a),
            want,
            1e-12,
        );
    }
}

#[test]
fn generic_at_f32_matches_f64() {
    for (x, y) in [(0.3f64, 0.5f64), (-0.7, 1.2), (1.1, -0.4)] {
        let g32 = gen_smooth_grad::<f32>(x as f32, y as f32);
        let g64 = gen_smooth_grad::<f64>(x, y);
        assert_all_close(
            "gen_smooth grad f32 vs f64",
            &[g32.0 as f64, g32.1 as f64],
            &g64.flat(),
            1e-5,
        );
        let (v32, t32) = gen_smooth_jvp::<f32>(x as f32, y as f32, 1.0, -0.5);
        assert_eq!(v32, gen_smooth::<f32>(x as f32, y as f32), "f32 jvp value");
        assert_close("gen_smooth jvp f32", t32 as f64, g64.0 - 0.5 * g64.1, 1e-5);
        // f32 against its own finite differences (h = 1e-2, tolerance 1e-2).
        let fx = (gen_smooth::<f32>(x as f32 + 1e-2, y as f32)
            - gen_smooth::<f32>(x as f32 - 1e-2, y as f32))
            / 2e-2;
        assert_close("gen_smooth f32 vs f32 fd", g32.0 as f64, fx as f64, 1e-2);

        let o32 = gen_outer_grad::<f32>(x as f32);
        assert_close(
            "gen_outer f32 vs f64",
            o32 as f64,
            gen_outer_grad::<f64>(x),
            1e-5,
        );
        let (_, pb) = gen_pair_vjp::<f32>(x as f32, y as f32);
        let c32 = pb((1.0, 1.0));
        let (_, pb) = gen_pair_vjp::<f64>(x, y);
        let c64 = pb((1.0, 1.0));
        assert_all_close(
            "gen_pair f32 vs f64",
            &[c32.0 as f64, c32.1 as f64],
            &c64.flat(),
            1e-5,
        );
        let s32 = gen_series_grad::<f32>(x as f32, 6, y as f32);
        let s64 = gen_series_grad::<f64>(x, 6, y);
        assert_all_close(
            "gen_series f32 vs f64",
            &[s32.0 as f64, s32.1 as f64],
            &s64.flat(),
            1e-5,
        );
    }
    // Newton at f32 stops at f32 precision; its derivative still matches 1/(3a^(2/3)).
    let a = 8.0f32;
    assert_close(
        "gen_newton' f32",
        gen_newton_grad::<f32>(a) as f64,
        1.0 / 12.0,
        1e-5,
    );
}

#[test]
fn generic_at_dual_gives_second_derivatives() {
    for (x, y) in [(0.3f64, 0.5f64), (-0.7, 1.2)] {
        // Seed x: .eps of the gradient is the Hessian column (f_xx, f_yx).
        let (gx, gy) = gen_smooth_grad::<Dual<f64>>(Dual::new(x, 1.0), Dual::new(y, 0.0));
        let (gx0, gy0) = gen_smooth_grad::<f64>(x, y);
        assert_close("dual gradient real part (x)", gx.re, gx0, 1e-15);
        assert_close("dual gradient real part (y)", gy.re, gy0, 1e-15);
        let fxx = fd1(|x| gen_smooth_grad::<f64>(x, y).0, x, 1e-5);
        let fyx = fd1(|x| gen_smooth_grad::<f64>(x, y).1, x, 1e-5);
        assert_close("f_xx (forward over reverse) vs fd", gx.eps, fxx, 1e-6);
        assert_close("f_yx (forward over reverse) vs fd", gy.eps, fyx, 1e-6);
        // Seed y: the other column; the Hessian is symmetric.
        let (hx, hy) = gen_smooth_grad::<Dual<f64>>(Dual::new(x, 0.0), Dual::new(y, 1.0));
        assert_close("f_xy == f_yx", hx.eps, gy.eps, 1e-12);
        let fyy = fd1(|y| gen_smooth_grad::<f64>(x, y).1, y, 1e-5);
        assert_close("f_yy vs fd", hy.eps, fyy, 1e-6);
    }
    // Exact second derivatives: (Σ x^k/k!)'' and the cube root's.
    let x = 0.8f64;
    let g = gen_series_grad::<Dual<f64>>(Dual::new(x, 1.0), 10, Dual::new(1.0, 0.0));
    assert_close(
        "gen_series'' at 0.8",
        g.0.eps,
        1.0 + gen_series(x, 8, 1.0),
        1e-15,
    );
    let a = 27.0f64;
    let h = gen_newton_grad::<Dual<f64>>(Dual::new(a, 1.0));
    assert_close(
        "cbrt'' via Newton",
        h.eps,
        -2.0 / 9.0 * a.powf(-5.0 / 3.0),
        1e-10,
    );
}
