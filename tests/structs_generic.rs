//! Structs generic over the float type (`Params<T>`) as arguments of generic functions: the
//! gradient is the struct (checked against central finite differences, h = 1e-6, relative
//! 1e-6, and analytic forms, at f64 and f32), and second order runs the function at `Dual<T>`
//! on the struct lifted by the derived `LiftDual`: `f_hvp` against differences of the gradient,
//! `f_hessian` against the analytic Hessian, `f_jacobian` against the gradient.
#![allow(clippy::needless_range_loop)]

mod common;
use common::{assert_all_close, assert_close, fd_grad, FD_TOL};
use oxidiff::{differentiable, Differentiable, Real};

#[derive(Clone, Debug, Differentiable)]
struct Inner<T> {
    a: [T; 2],
}

#[derive(Clone, Debug, Differentiable)]
struct Params<T> {
    w: Vec<T>,
    b: T,
    inner: Inner<T>,
    /// Carried, not differentiated (lifted with a zero tangent).
    #[no_grad]
    scale: T,
    #[no_grad]
    label: usize,
}

/// s = b³ + Σ sin(wᵢ xᵢ)·scale + a₀ a₁ b.
#[differentiable]
fn loss<T: Real>(p: &Params<T>, x: &[T]) -> T {
    let mut s = p.b * p.b * p.b + p.inner.a[0] * p.inner.a[1] * p.b;
    for i in 0..x.len() {
        s += (p.w[i] * x[i]).sin() * p.scale;
    }
    s
}

/// A field of a fixed float type next to generic ones: all differentiated fields must share the
/// scalar, so this struct is differentiable as `Mixed<f64>` only; its derive must still compile.
#[derive(Clone, Debug, Differentiable)]
struct Mixed<T> {
    w: Vec<T>,
    lr: f64,
}

#[differentiable]
fn mixed(m: &Mixed<f64>) -> f64 {
    m.w[0] * m.w[0] * m.w[1] * m.lr
}

/// A method of a generic `impl`: `float = T` names the `impl`'s float parameter.
impl<T: Real> Params<T> {
    #[differentiable(float = T)]
    fn energy(&self, x: T) -> T {
        self.w[0] * x * x + self.b * self.inner.a[1]
    }
}

/// A struct taken by value next to a scalar.
#[differentiable]
fn owned<T: Real>(p: Params<T>, c: T) -> T {
    p.b * p.w[0] * c * c + p.inner.a[1].exp()
}

fn params() -> Params<f64> {
    Params {
        w: vec![0.5, -0.3, 1.1],
        b: 0.2,
        inner: Inner { a: [0.7, -0.4] },
        scale: 1.3,
        label: 7,
    }
}

const X: [f64; 3] = [1.0, 2.0, -0.5];

/// The differentiated components of `p`, in flattening order, and back.
fn flat(p: &Params<f64>) -> Vec<f64> {
    let mut v = Vec::new();
    p.flatten_into(&mut v);
    v
}
fn flat_m(m: &Mixed<f64>) -> Vec<f64> {
    let mut v = Vec::new();
    m.flatten_into(&mut v);
    v
}
fn unflat(like: &Params<f64>, v: &[f64]) -> Params<f64> {
    let mut p = like.clone();
    let mut src = v;
    p.read_from(&mut src);
    p
}

#[test]
fn gradient_is_the_struct() {
    let p = params();
    let (gp, gx) = loss_grad(&p, &X);
    let want = fd_grad(&|v| loss(&unflat(&p, v), &X), &flat(&p));
    assert_all_close("dp vs finite differences", &flat(&gp), &want, FD_TOL);
    assert_all_close(
        "dx vs finite differences",
        &gx,
        &fd_grad(&|x| loss(&p, x), &X),
        FD_TOL,
    );
    // Analytic: ∂/∂wᵢ = xᵢ cos(wᵢ xᵢ) scale, ∂/∂b = 3b² + a₀a₁.
    for i in 0..3 {
        assert_close(
            "dw analytic",
            gp.w[i],
            X[i] * (p.w[i] * X[i]).cos() * p.scale,
            1e-14,
        );
    }
    assert_close(
        "db analytic",
        gp.b,
        3.0 * p.b * p.b + p.inner.a[0] * p.inner.a[1],
        1e-14,
    );
    // The method of the generic impl, at f64 and f32: ∂/∂w₀ = x², ∂/∂b = a₁, ∂/∂a₁ = b,
    // ∂/∂x = 2 w₀ x.
    let (gm, gmx) = p.energy_grad(3.0);
    assert_all_close(
        "method dp",
        &flat(&gm)[..6],
        &[9.0, 0.0, 0.0, -0.4, 0.0, 0.2],
        1e-15,
    );
    assert_close("method dx", gmx, 3.0, 1e-15);
    // `#[no_grad]` fields are carried.
    assert_eq!(gp.label, 7);
    // f32 agrees.
    let p32 = Params {
        w: p.w.iter().map(|&v| v as f32).collect(),
        b: 0.2f32,
        inner: Inner { a: [0.7f32, -0.4] },
        scale: 1.3f32,
        label: 7,
    };
    let x32: Vec<f32> = X.iter().map(|&v| v as f32).collect();
    let (g32, _) = loss_grad(&p32, &x32);
    assert_eq!(p32.energy_grad(3.0).1, 3.0f32);
    for (a, b) in g32.w.iter().zip(&gp.w) {
        assert_close("f32 vs f64", *a as f64, *b, 1e-5);
    }
}

#[test]
fn second_order_through_the_lifted_struct() {
    let p = params();
    let tp = Params {
        w: vec![0.3, -0.2, 0.5],
        b: 0.7,
        inner: Inner { a: [-0.1, 0.4] },
        scale: 0.0,
        label: 0,
    };
    let tx = [0.2, 0.1, -0.3];
    let (hp, hx) = loss_hvp(&p, &X, &tp, &tx);
    // Differences of the gradient along (tp, tx).
    let e = 1e-5;
    let shift = |s: f64| {
        let v: Vec<f64> = flat(&p)
            .iter()
            .zip(flat(&tp))
            .map(|(a, t)| a + s * t)
            .collect();
        let x: Vec<f64> = X.iter().zip(&tx).map(|(a, t)| a + s * t).collect();
        loss_grad(&unflat(&p, &v), &x)
    };
    let ((gpp, gxp), (gpm, gxm)) = (shift(e), shift(-e));
    let dp: Vec<f64> = flat(&gpp)
        .iter()
        .zip(flat(&gpm))
        .map(|(a, b)| (a - b) / (2.0 * e))
        .collect();
    let dx: Vec<f64> = gxp
        .iter()
        .zip(&gxm)
        .map(|(a, b)| (a - b) / (2.0 * e))
        .collect();
    assert_all_close("hvp p", &flat(&hp), &dp, 1e-6);
    assert_all_close("hvp x", &hx, &dx, 1e-6);
    // Hessian: symmetric, rows are HVPs; analytic ∂²/∂b² = 6b, ∂²/∂b∂a₀ = a₁.
    let h = loss_hessian(&p, &X);
    let n = h.len();
    assert_eq!(n, 3 + 1 + 2 + 3);
    for i in 0..n {
        for j in 0..n {
            assert_close("symmetric", h[i][j], h[j][i], 1e-12);
        }
    }
    assert_close("d2/db2", h[3][3], 6.0 * p.b, 1e-12);
    assert_close("d2/db da0", h[3][4], p.inner.a[1], 1e-12);
    // ∂²/∂w₀∂x₀ = (cos(w₀x₀) − w₀x₀ sin(w₀x₀)) scale.
    let (w0, x0) = (p.w[0], X[0]);
    assert_close(
        "d2/dw0 dx0",
        h[0][6],
        ((w0 * x0).cos() - w0 * x0 * (w0 * x0).sin()) * p.scale,
        1e-12,
    );
    // By value, with a scalar: f = b w₀ c² + exp(a₁).
    let c = 1.5;
    let h2 = owned_hessian(p.clone(), c);
    assert_close("d2/dw0 db", h2[0][3], c * c, 1e-12);
    assert_close("d2/dw0 dc", h2[0][6], 2.0 * p.b * c, 1e-12);
    assert_close("d2/da1 da1", h2[5][5], p.inner.a[1].exp(), 1e-12);
    assert_close("d2/dc2", h2[6][6], 2.0 * p.b * p.w[0], 1e-12);
    // `Mixed<f64>`: f = w₀² w₁ lr.
    let m = Mixed {
        w: vec![0.5, 2.0],
        lr: 0.1,
    };
    let g = mixed_grad(&m);
    assert_all_close("mixed grad", &flat_m(&g), &[0.2, 0.025, 0.5], 1e-15);
    let hm = mixed_hessian(&m);
    assert_all_close("mixed hessian row 0", &hm[0], &[0.4, 0.1, 2.0], 1e-15);
    assert_all_close("mixed hessian row 2", &hm[2], &[2.0, 0.25, 0.0], 1e-15);
    // The Jacobian of a scalar function is its gradient.
    let jac = loss_jacobian(&p, &X);
    let (gp, gx) = loss_grad(&p, &X);
    let mut g = flat(&gp);
    g.extend(gx);
    assert_all_close("jacobian row", &jac[0], &g, 1e-14);
}

/// Bare float fields: the derive's bounds name each field type once (`T` twice was a bound on
/// itself that the compiler could not evaluate).
#[derive(Clone, Debug, Differentiable)]
struct Cubic<T> {
    w: T,
    b: T,
}

/// A second type parameter that is carried: the float parameter is the one the first
/// differentiated field mentions, and `LiftDual` lifts only it.
#[derive(Clone, Debug, Differentiable)]
struct Tagged<T, U: Clone> {
    w: Vec<T>,
    b: T,
    #[no_grad]
    tag: U,
}

impl<T: Real> Cubic<T> {
    /// e = w x³ + b x + w b: second order through `Self` lifted to `Cubic<Dual<T>>`.
    #[differentiable(float = T)]
    fn energy(&self, x: T) -> T {
        self.w * x * x * x + self.b * x + self.w * self.b
    }
}

impl<T: Real, U: Clone> Tagged<T, U> {
    /// e = Σ wᵢ² x^(i+1) + b² x.
    #[differentiable(float = T)]
    fn energy(&self, x: T) -> T {
        let mut e = self.b * self.b * x;
        let mut p = x;
        for i in 0..self.w.len() {
            e += self.w[i] * self.w[i] * p;
            p *= x;
        }
        e
    }
}

#[test]
fn second_order_of_methods_of_generic_impls() {
    let (w, b, x) = (2.0f64, 0.5, 1.5);
    let c = Cubic { w, b };
    // Analytic Hessian over (w, b, x): e_ww = 0, e_wb = 1, e_wx = 3x², e_bb = 0, e_bx = 1,
    // e_xx = 6 w x.
    let want = [
        [0.0, 1.0, 3.0 * x * x],
        [1.0, 0.0, 1.0],
        [3.0 * x * x, 1.0, 6.0 * w * x],
    ];
    let h = c.energy_hessian(x);
    for i in 0..3 {
        assert_all_close(&format!("Cubic Hessian row {i}"), &h[i], &want[i], 1e-14);
    }
    // f_hvp along (dw, db, dx) is the Hessian times that vector.
    let (dw, db, dx) = (0.3, -0.7, 1.1);
    let (hc, hx) = c.energy_hvp(x, &Cubic { w: dw, b: db }, dx);
    let v = [dw, db, dx];
    let hv: Vec<f64> = want
        .iter()
        .map(|r| r.iter().zip(&v).map(|(a, b)| a * b).sum())
        .collect();
    assert_all_close("Cubic hvp", &[hc.w, hc.b, hx], &hv, 1e-14);
    // Jacobian: the gradient as one row.
    let (g, gx) = c.energy_grad(x);
    assert_all_close(
        "Cubic Jacobian",
        &c.energy_jacobian(x)[0],
        &[g.w, g.b, gx],
        1e-15,
    );
    // f32 through the same impl.
    let c32 = Cubic { w: 2.0f32, b: 0.5 };
    let h32 = c32.energy_hessian(1.5);
    for i in 0..3 {
        for j in 0..3 {
            assert_close("Cubic f32", h32[i][j] as f64, want[i][j], 1e-6);
        }
    }

    // Tagged: the Hessian against differences of the gradient (h = 1e-6, 1e-6 relative),
    // symmetric, and the tag carried through.
    let t = Tagged {
        w: vec![0.4, -1.2, 0.9],
        b: 0.3,
        tag: "run 7",
    };
    let x = 0.8;
    let flat_t = |t: &Tagged<f64, &str>, x: f64| vec![t.w[0], t.w[1], t.w[2], t.b, x];
    let grad_at = |v: &[f64]| {
        let tv = Tagged {
            w: v[..3].to_vec(),
            b: v[3],
            tag: "run 7",
        };
        let (g, gx) = tv.energy_grad(v[4]);
        flat_t(&g, gx)
    };
    let h = t.energy_hessian(x);
    let at = flat_t(&t, x);
    for j in 0..5 {
        let (mut p, mut m) = (at.clone(), at.clone());
        p[j] += 1e-6;
        m[j] -= 1e-6;
        let col: Vec<f64> = grad_at(&p)
            .iter()
            .zip(grad_at(&m))
            .map(|(a, b)| (a - b) / 2e-6)
            .collect();
        let hcol: Vec<f64> = h.iter().map(|r| r[j]).collect();
        assert_all_close(&format!("Tagged Hessian column {j}"), &hcol, &col, 1e-6);
        for i in 0..5 {
            assert_close("Tagged Hessian symmetric", h[i][j], h[j][i], 1e-13);
        }
    }
    let dt = Tagged {
        w: vec![1.0, 0.0, -1.0],
        b: 0.5,
        tag: "tangent",
    };
    let (ht, hx) = t.energy_hvp(x, &dt, 0.25);
    assert_eq!(ht.tag, "run 7");
    let v = [1.0, 0.0, -1.0, 0.5, 0.25];
    let hv: Vec<f64> = h
        .iter()
        .map(|r| r.iter().zip(&v).map(|(a, b)| a * b).sum())
        .collect();
    let mut got = ht.w.clone();
    got.extend([ht.b, hx]);
    assert_all_close("Tagged hvp", &got, &hv, 1e-13);
}
