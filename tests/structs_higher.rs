//! Second order and Jacobians through struct arguments (`#[derive(Differentiable)]`):
//! `f_hvp` against central differences of `f_grad` (step 1e-5, relative tolerance 1e-7),
//! `f_hessian` against its HVPs and its symmetry, and `f_jacobian` against finite differences.
#![allow(clippy::needless_range_loop, clippy::needless_borrow)]

use oxidiff::{differentiable, Differentiable};

#[derive(Clone, Debug, PartialEq, Differentiable)]
struct Inner {
    c: f64,
}

#[derive(Clone, Debug, PartialEq, Differentiable)]
struct Params {
    w: Vec<f64>,
    b: f64,
    inner: Inner,
    #[no_grad]
    label: usize,
}

#[differentiable]
fn loss(p: &Params, #[no_grad] x: &[f64], y: f64) -> f64 {
    let mut z = p.b;
    for i in 0..x.len() {
        z += p.w[i] * x[i] * p.w[i];
    }
    let e = z.tanh() * p.inner.c - y * y;
    e * e + p.inner.c.sin()
}

#[derive(Clone, Debug, Differentiable)]
struct Line {
    a: f64,
    b: f64,
}

/// A struct by value, and a vector result (for the Jacobian).
#[differentiable]
fn pair(l: Line, t: f64) -> (f64, f64) {
    ((l.a * t).sin() * l.b, l.a * l.b + t * t)
}

fn params() -> Params {
    Params {
        w: vec![0.3, -0.2, 0.5],
        b: 0.1,
        inner: Inner { c: 1.5 },
        label: 7,
    }
}

fn flat(p: &Params, y: f64) -> Vec<f64> {
    let mut v = Vec::new();
    p.flatten_into(&mut v);
    v.push(y);
    v
}

fn unflat(like: &Params, v: &[f64]) -> (Params, f64) {
    let mut p = like.clone();
    let mut src = v;
    p.read_from(&mut src);
    (p, src[0])
}

const X: [f64; 3] = [1.0, 2.0, -0.5];

#[test]
fn hvp_through_a_struct_matches_differences_of_the_gradient() {
    let (p, y) = (params(), 0.4);
    let mut dp = p.zero_like();
    dp.w = vec![0.5, -1.0, 0.25];
    dp.b = 0.3;
    dp.inner.c = -0.7;
    let dy = 0.2;
    let (hp, hy) = loss_hvp(&p, &X, y, &dp, dy);
    assert_eq!(hp.label, 7, "no_grad fields are carried along");
    let e = 1e-5;
    let mut pp = p.clone();
    pp.axpy(e, &dp);
    let mut pm = p.clone();
    pm.axpy(-e, &dp);
    let (gpp, gyp) = loss_grad(&pp, &X, y + e * dy);
    let (gpm, gym) = loss_grad(&pm, &X, y - e * dy);
    let got = flat(&hp, hy);
    let (plus, minus) = (flat(&gpp, gyp), flat(&gpm, gym));
    for k in 0..got.len() {
        let want = (plus[k] - minus[k]) / (2.0 * e);
        assert!(
            (got[k] - want).abs() <= 1e-7 * want.abs().max(1.0),
            "component {k}: hvp {} vs finite differences {want}",
            got[k]
        );
    }
}

#[test]
fn hessian_through_a_struct() {
    let (p, y) = (params(), 0.4);
    let h = loss_hessian(&p, &X, y);
    let n = flat(&p, y).len();
    assert_eq!((h.len(), h[0].len()), (n, n));
    for i in 0..n {
        for j in 0..n {
            assert!((h[i][j] - h[j][i]).abs() < 1e-12, "symmetry at ({i}, {j})");
        }
        // Row i is the HVP along the i-th unit direction.
        let mut e = vec![0.0; n];
        e[i] = 1.0;
        let (dp, dy) = unflat(&p, &e);
        let (hp, hy) = loss_hvp(&p, &X, y, &dp, dy);
        let row = flat(&hp, hy);
        for j in 0..n {
            assert!((h[i][j] - row[j]).abs() < 1e-12, "row {i} column {j}");
        }
    }
    // One entry by hand: ∂²/∂y² of (tanh(z) c − y²)² + sin c = 2(2y)² − 4(tanh(z) c − y²).
    let z: f64 = p.b + (0..3).map(|i| p.w[i] * X[i] * p.w[i]).sum::<f64>();
    let r = z.tanh() * p.inner.c - y * y;
    let want = 8.0 * y * y - 4.0 * r;
    assert!(
        (h[n - 1][n - 1] - want).abs() < 1e-12,
        "{} vs {want}",
        h[n - 1][n - 1]
    );
}

#[test]
fn struct_by_value_hvp_and_jacobian() {
    let (l, t) = (Line { a: 0.7, b: -1.2 }, 0.3);
    // The Jacobian of both results w.r.t. (a, b, t), against central differences.
    let j = pair_jacobian(l.clone(), t);
    let f = |a: f64, b: f64, t: f64| pair(Line { a, b }, t);
    let h = 1e-6;
    let cols = [
        (f(l.a + h, l.b, t), f(l.a - h, l.b, t)),
        (f(l.a, l.b + h, t), f(l.a, l.b - h, t)),
        (f(l.a, l.b, t + h), f(l.a, l.b, t - h)),
    ];
    for (k, (p, m)) in cols.iter().enumerate() {
        let d = [(p.0 - m.0) / (2.0 * h), (p.1 - m.1) / (2.0 * h)];
        for r in 0..2 {
            assert!(
                (j[r][k] - d[r]).abs() < 1e-8,
                "J[{r}][{k}] {} vs {}",
                j[r][k],
                d[r]
            );
        }
    }
}

#[differentiable]
fn energy(l: Line, t: f64) -> f64 {
    (l.a * t).sin() * l.b + l.a * l.a * l.b
}

#[test]
fn struct_by_value_hessian_is_analytic() {
    let (l, t) = (Line { a: 0.7, b: -1.2 }, 0.3);
    let h = energy_hessian(l.clone(), t);
    let (a, b) = (l.a, l.b);
    let (s, c) = ((a * t).sin(), (a * t).cos());
    // Variables (a, b, t).
    let want = [
        [
            -t * t * s * b + 2.0 * b,
            t * c + 2.0 * a,
            c * b - a * t * s * b,
        ],
        [t * c + 2.0 * a, 0.0, a * c],
        [c * b - a * t * s * b, a * c, -a * a * s * b],
    ];
    for i in 0..3 {
        for k in 0..3 {
            assert!(
                (h[i][k] - want[i][k]).abs() < 1e-13,
                "H[{i}][{k}] {} vs {}",
                h[i][k],
                want[i][k]
            );
        }
    }
}

#[derive(Clone, Debug, Differentiable)]
struct Spring {
    k: f64,
    m: f64,
}

impl Spring {
    #[differentiable]
    fn energy(&self, x: f64) -> f64 {
        0.5 * self.k * x * x + self.m.sin() * self.k
    }
}

#[test]
fn methods_have_second_order() {
    let (s, x) = (Spring { k: 2.0, m: 0.3 }, 0.7);
    // Variables (k, m, x): E = ½ k x² + k sin m.
    let h = s.energy_hessian(x);
    let want = [
        [0.0, s.m.cos(), x],
        [s.m.cos(), -s.k * s.m.sin(), 0.0],
        [x, 0.0, s.k],
    ];
    for i in 0..3 {
        for j in 0..3 {
            assert!(
                (h[i][j] - want[i][j]).abs() < 1e-14,
                "H[{i}][{j}] {} vs {}",
                h[i][j],
                want[i][j]
            );
        }
    }
    let (hs, hx) = s.energy_hvp(x, &Spring { k: 1.0, m: 0.0 }, 0.0);
    assert!((hs.k - want[0][0]).abs() < 1e-14 && (hs.m - want[1][0]).abs() < 1e-14);
    assert!((hx - want[2][0]).abs() < 1e-14);
}

/// A `#[no_grad]` float field read by the function: a tangent made from a value (`zero_like`
/// copies `#[no_grad]` fields, and so does `clone`) carries the value's number there, which
/// forward mode and the Hessian must not take for a derivative.
#[derive(Clone, Debug, Differentiable)]
struct Scaled {
    w: Vec<f64>,
    b: f64,
    #[no_grad]
    scale: f64,
    #[no_grad]
    offsets: Vec<f64>,
}

#[differentiable]
fn scaled_loss(p: &Scaled, x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        let r = p.w[i] * x[i] + p.b + p.offsets[i];
        s += r * r * p.scale + (r * p.scale).sin();
    }
    s
}

#[test]
fn no_grad_fields_of_a_tangent_are_not_derivatives() {
    let p = Scaled {
        w: vec![-1.4, -1.1, -0.8],
        b: 0.9,
        scale: 1.5,
        offsets: vec![0.3, -0.2, 0.1],
    };
    let x = [0.49, -0.47, 0.5];
    let (gp, gx) = scaled_loss_grad(&p, &x);
    // The gradient is a tangent: its #[no_grad] floats are zero, not the value's numbers plus
    // what the reads of them added.
    assert_eq!((gp.scale, gp.offsets.clone()), (0.0, vec![0.0; 3]));
    let (_, pb) = scaled_loss_vjp(&p, &x);
    let (vp, _) = pb(1.0);
    assert_eq!((vp.scale, vp.offsets.clone()), (0.0, vec![0.0; 3]));
    // JVP along (dw, db, dx) with a tangent built from the value: it must be <gradient, v>.
    let mut dp = p.zero_like();
    dp.w = vec![0.2, -0.1, 0.4];
    dp.b = 0.7;
    assert_eq!(
        (dp.scale, dp.offsets[0]),
        (1.5, 0.3),
        "zero_like copies #[no_grad] fields"
    );
    let dx = [0.1, 0.3, -0.2];
    let (_, t) = scaled_loss_jvp(&p, &x, &dp, &dx);
    let want: f64 = (0..3)
        .map(|i| gp.w[i] * dp.w[i] + gx[i] * dx[i])
        .sum::<f64>()
        + gp.b * dp.b;
    assert!(
        (t - want).abs() <= 1e-12 * want.abs().max(1.0),
        "jvp {t} vs {want}"
    );
    // Hessian (unit tangents built the same way) against differences of the gradient.
    let h = scaled_loss_hessian(&p, &x);
    let flat_grad = |v: &[f64]| {
        let q = Scaled {
            w: v[..3].to_vec(),
            b: v[3],
            ..p.clone()
        };
        let (g, gx) = scaled_loss_grad(&q, &v[4..]);
        let mut out = g.w.clone();
        out.push(g.b);
        out.extend(gx);
        out
    };
    let at: Vec<f64> = p.w.iter().copied().chain([p.b]).chain(x).collect();
    for j in 0..at.len() {
        let (mut a, mut b) = (at.clone(), at.clone());
        a[j] += 1e-6;
        b[j] -= 1e-6;
        let (ga, gb) = (flat_grad(&a), flat_grad(&b));
        for i in 0..at.len() {
            let fd = (ga[i] - gb[i]) / 2e-6;
            assert!(
                (fd - h[i][j]).abs() <= 1e-6 * fd.abs().max(1.0),
                "H[{i}][{j}] = {} vs differences {fd}",
                h[i][j]
            );
        }
    }
    // And clearing a tangent's #[no_grad] floats is what the generated code does.
    let cleared = oxidiff::__private::tangent_of(&p);
    assert_eq!(
        (cleared.scale, cleared.offsets.clone()),
        (0.0, vec![0.0; 3])
    );
    assert_eq!(cleared.w, p.w);
}

// ---------------------------------------------------------------------------------------------
// Structs passed on to other differentiable functions: a model's layers as functions of their
// own (`layer(&p.l1, x)`), the whole struct (`layer(l, x)`), in a loop; gradient, JVP, VJP,
// Hessian.

#[derive(Clone, Debug, PartialEq, Differentiable)]
struct Layer {
    w: Vec<f64>,
    b: f64,
}

#[derive(Clone, Debug, PartialEq, Differentiable)]
struct Net {
    l1: Layer,
    l2: Layer,
    #[no_grad]
    scale: f64,
}

#[differentiable]
fn layer(l: &Layer, x: &[f64]) -> f64 {
    let mut s = l.b;
    for i in 0..x.len() {
        s += l.w[i] * x[i];
    }
    s.tanh()
}

#[differentiable]
fn layer_twice(l: &Layer, x: &[f64]) -> f64 {
    layer(l, x) + 2.0 * layer(&l, x) * l.b
}

fn net_value() -> Net {
    Net {
        l1: Layer {
            w: vec![0.3, -0.5],
            b: 0.1,
        },
        l2: Layer {
            w: vec![-0.2, 0.4],
            b: -0.3,
        },
        scale: 1.5,
    }
}

#[differentiable(check(len = 2, args(p = net_value())))]
fn net(p: &Net, x: &[f64]) -> f64 {
    let h1 = layer(&p.l1, x);
    let h2 = layer_twice(&p.l2, x);
    let mut s = p.scale * h1 * h2 + h1;
    for k in 0..3 {
        s += (k as f64) * layer(&p.l1, x) * p.l2.b;
    }
    s
}

fn net_flat(p: &Net, x: &[f64]) -> Vec<f64> {
    let mut v = Vec::new();
    p.flatten_into(&mut v);
    v.extend_from_slice(x);
    v
}

fn net_unflat(v: &[f64]) -> (Net, Vec<f64>) {
    let mut p = net_value();
    let mut s = v;
    p.read_from(&mut s);
    (p, s.to_vec())
}

/// A function of `(&Net, &[f64])` at `net_value()`, x = [0.7, -1.1]: its gradient against
/// central differences of the value (step 1e-6, 1e-7 relative), and `hess` against central
/// differences of the gradient (step 1e-5, 1e-6 relative).
#[allow(clippy::type_complexity)]
fn check_net_fn(
    f: &dyn Fn(&Net, &[f64]) -> f64,
    grad: &dyn Fn(&Net, &[f64]) -> (Net, Vec<f64>),
    hess: &[Vec<f64>],
) {
    let v0 = net_flat(&net_value(), &[0.7, -1.1]);
    let (gp, gx) = grad(&net_value(), &[0.7, -1.1]);
    let g = net_flat(&gp, &gx);
    let shifted = |k: usize, h: f64| {
        let mut v = v0.clone();
        v[k] += h;
        net_unflat(&v)
    };
    for k in 0..v0.len() {
        let ((pa, xa), (pb, xb)) = (shifted(k, 1e-6), shifted(k, -1e-6));
        let fd = (f(&pa, &xa) - f(&pb, &xb)) / 2e-6;
        assert!(
            (g[k] - fd).abs() < 1e-7 * fd.abs().max(1.0),
            "d/d{k}: {} vs {fd}",
            g[k]
        );
        let ((pa, xa), (pb, xb)) = (shifted(k, 1e-5), shifted(k, -1e-5));
        let ((ga, gxa), (gb, gxb)) = (grad(&pa, &xa), grad(&pb, &xb));
        let (fa, fb) = (net_flat(&ga, &gxa), net_flat(&gb, &gxb));
        for j in 0..v0.len() {
            let fd2 = (fa[j] - fb[j]) / 2e-5;
            assert!(
                (hess[j][k] - fd2).abs() < 1e-6 * fd2.abs().max(1.0),
                "H[{j}][{k}]: {} vs {fd2}",
                hess[j][k]
            );
        }
    }
}

#[test]
fn structs_passed_on_to_differentiable_functions() {
    let p = net_value();
    let x = [0.7, -1.1];
    let v0 = net_flat(&p, &x);
    // Gradient against central differences of the value, Hessian against differences of the
    // gradient.
    check_net_fn(
        &|p, x| net(p, x),
        &|p, x| net_grad(p, x),
        &net_hessian(&p, &x),
    );
    let (gp, gx) = net_grad(&p, &x);
    let g = net_flat(&gp, &gx);
    assert_eq!(gp.scale, 0.0, "a #[no_grad] float field's gradient is zero");
    // JVP along a direction against the gradient.
    let dir: Vec<f64> = (0..v0.len()).map(|k| 0.1 * k as f64 - 0.3).collect();
    let (dp, dx) = net_unflat(&dir);
    let (_, dy) = net_jvp(&p, &x, &dp, &dx);
    let want: f64 = g.iter().zip(&dir).map(|(a, b)| a * b).sum();
    assert!((dy - want).abs() < 1e-12, "jvp {dy} vs {want}");
    // The 'static pullback.
    let (_, pb) = net_vjp(&p, &x);
    let (vp, vx) = pb(2.0);
    let vg = net_flat(&vp, &vx);
    for k in 0..g.len() {
        assert!((vg[k] - 2.0 * g[k]).abs() < 1e-12);
    }
    let hess = net_hessian(&p, &x);
    for j in 0..g.len() {
        for k in 0..g.len() {
            assert!((hess[j][k] - hess[k][j]).abs() < 1e-12);
        }
    }
}

/// A method calling another method on `self` and a free function on a field of `self`.
#[derive(Clone, Debug, PartialEq, Differentiable)]
struct Model {
    head: Layer,
    c: f64,
}

impl Model {
    #[differentiable]
    fn energy(&self, x: &[f64]) -> f64 {
        self.c * layer(&self.head, x)
    }

    #[differentiable]
    fn total(&self, x: &[f64]) -> f64 {
        let e = self.energy(x);
        e * e + self.c
    }
}

fn model_value() -> Model {
    Model {
        head: Layer {
            w: vec![0.3, -0.5],
            b: 0.1,
        },
        c: 0.8,
    }
}

#[test]
fn methods_call_methods_on_self() {
    let (m, x) = (model_value(), [0.7, -1.1]);
    let (gm, gx) = m.total_grad(&x);
    let mut v0 = Vec::new();
    m.flatten_into(&mut v0);
    let mut g = Vec::new();
    gm.flatten_into(&mut g);
    for k in 0..v0.len() {
        let h = 1e-6;
        let mut a = m.clone();
        let mut b = m.clone();
        let (mut va, mut vb) = (v0.clone(), v0.clone());
        va[k] += h;
        vb[k] -= h;
        a.read_from(&mut &va[..]);
        b.read_from(&mut &vb[..]);
        let fd = (a.total(&x) - b.total(&x)) / (2.0 * h);
        assert!((g[k] - fd).abs() < 1e-7, "component {k}: {} vs {fd}", g[k]);
    }
    let e = m.energy(&x);
    let (_, gxe) = m.energy_grad(&x);
    for i in 0..2 {
        assert!((gx[i] - 2.0 * e * gxe[i]).abs() < 1e-12);
    }
    let h = m.total_hessian(&x);
    for j in 0..h.len() {
        for k in 0..h.len() {
            assert!((h[j][k] - h[k][j]).abs() < 1e-12);
        }
    }
    // A Hessian entry against differences of the gradient: d²/dc².
    let step = 1e-5;
    let (mut a, mut b) = (m.clone(), m.clone());
    a.c += step;
    b.c -= step;
    let fd = (a.total_grad(&x).0.c - b.total_grad(&x).0.c) / (2.0 * step);
    let ic = v0.len() - 1;
    assert!((h[ic][ic] - fd).abs() < 1e-6, "{} vs {fd}", h[ic][ic]);
}

/// A method called on a struct argument from a free function.
#[differentiable]
fn outside(m: &Model, x: &[f64]) -> f64 {
    2.0 * m.energy(x) + m.total(x)
}

#[test]
fn methods_called_on_struct_arguments() {
    let (m, x) = (model_value(), [0.7, -1.1]);
    let (go, gxo) = outside_grad(&m, &x);
    let (ge, gxe) = m.energy_grad(&x);
    let (gt, gxt) = m.total_grad(&x);
    let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
    go.flatten_into(&mut a);
    ge.flatten_into(&mut b);
    gt.flatten_into(&mut c);
    for k in 0..a.len() {
        assert!((a[k] - (2.0 * b[k] + c[k])).abs() < 1e-12);
    }
    for i in 0..2 {
        assert!((gxo[i] - (2.0 * gxe[i] + gxt[i])).abs() < 1e-12);
    }
    let h = outside_hessian(&m, &x);
    assert!((h[0][1] - h[1][0]).abs() < 1e-12);
}

/// `#[no_grad]` fields that are structs (a frozen layer) are data, not derivatives: in the
/// gradient, in tangents made with `zero_like`, in the Hessian. A `#[no_grad]` enum is carried.
#[derive(Clone, Debug, PartialEq)]
enum Act {
    Tanh,
}

#[derive(Clone, Debug, PartialEq, Differentiable)]
struct Frozen {
    live: Layer,
    #[no_grad]
    frozen: Layer,
    #[no_grad]
    act: Act,
}

#[differentiable]
fn frozen_model(p: &Frozen, x: &[f64]) -> f64 {
    let a = layer(&p.live, x);
    let b = layer(&p.frozen, x);
    let c = p.frozen.b * p.live.b;
    a * b + c * c
}

#[test]
fn no_grad_struct_fields_are_frozen() {
    let p = Frozen {
        live: Layer {
            w: vec![0.3, -0.5],
            b: 0.1,
        },
        frozen: Layer {
            w: vec![-0.2, 0.4],
            b: -0.3,
        },
        act: Act::Tanh,
    };
    let x = [0.7, -1.1];
    let (gp, _) = frozen_model_grad(&p, &x);
    assert_eq!(
        gp.frozen,
        Layer {
            w: vec![0.0, 0.0],
            b: 0.0
        },
        "frozen gradient"
    );
    assert_eq!(gp.act, Act::Tanh, "non-float data is carried");
    // d/d live.b against a central difference.
    let h = 1e-6;
    let (mut a, mut b) = (p.clone(), p.clone());
    a.live.b += h;
    b.live.b -= h;
    let fd = (frozen_model(&a, &x) - frozen_model(&b, &x)) / (2.0 * h);
    assert!((gp.live.b - fd).abs() < 1e-8, "{} vs {fd}", gp.live.b);
    // A tangent from `zero_like` moving live.b only.
    let mut d = p.zero_like();
    d.live.b = 1.0;
    let (_, dy) = frozen_model_jvp(&p, &x, &d, &[0.0, 0.0]);
    assert!((dy - fd).abs() < 1e-8, "jvp {dy} vs {fd}");
    // The Hessian's live.b entry against differences of the gradient (components: live.w,
    // live.b, then x).
    let hess = frozen_model_hessian(&p, &x);
    let (ga, _) = frozen_model_grad(&a, &x);
    let (gb, _) = frozen_model_grad(&b, &x);
    let fd2 = (ga.live.b - gb.live.b) / (2.0 * h);
    assert!((hess[2][2] - fd2).abs() < 1e-5, "{} vs {fd2}", hess[2][2]);
}

/// A struct's array fields passed to slice helpers: `g(&p.l1.w[..], x)`.
#[differentiable]
fn dotw(w: &[f64], x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += w[i] * x[i];
    }
    s
}

#[differentiable(check(len = 2, args(p = net_value())))]
fn field_slices(p: &Net, x: &[f64]) -> f64 {
    let a = dotw(&p.l1.w[..], x);
    let b = dotw(&p.l2.w[..], &p.l1.w[..]);
    a * p.l2.b + b * b + layer(&p.l2, x)
}

#[test]
fn array_fields_passed_as_slices() {
    check_net_fn(
        &|p, x| field_slices(p, x),
        &|p, x| field_slices_grad(p, x),
        &field_slices_hessian(&net_value(), &[0.7, -1.1]),
    );
}

/// A method returning a `Vec` (a vector field), its result indexed by another method and by a
/// free function.
#[derive(Clone, Debug, PartialEq, Differentiable)]
struct Osc {
    k: f64,
    c: f64,
}

impl Osc {
    #[differentiable]
    fn field(&self, y: &[f64]) -> Vec<f64> {
        vec![y[1], -self.k * y[0] - self.c * y[1]]
    }

    #[differentiable]
    fn euler(&self, y0: &[f64], steps: usize) -> f64 {
        let mut y = y0.to_vec();
        for _ in 0..steps {
            let f = self.field(&y);
            for i in 0..2 {
                y[i] += 0.1 * f[i];
            }
        }
        y[0] * y[0] + y[1] * y[1]
    }
}

#[differentiable]
fn osc_energy(o: &Osc, y: &[f64]) -> f64 {
    let f = o.field(y);
    f[0] * f[0] + f[1] * f[1]
}

#[test]
fn methods_returning_vec() {
    let o = Osc { k: 2.0, c: 0.3 };
    let y0 = [1.0, -0.5];
    let (go, gy) = o.euler_grad(&y0, 5);
    let h = 1e-6;
    let (mut a, mut b) = (o.clone(), o.clone());
    a.k += h;
    b.k -= h;
    let fd = (a.euler(&y0, 5) - b.euler(&y0, 5)) / (2.0 * h);
    assert!((go.k - fd).abs() < 1e-7, "d/dk {} vs {fd}", go.k);
    let mut y1 = y0;
    y1[1] += h;
    let mut y2 = y0;
    y2[1] -= h;
    let fd = (o.euler(&y1, 5) - o.euler(&y2, 5)) / (2.0 * h);
    assert!((gy[1] - fd).abs() < 1e-7, "d/dy1 {} vs {fd}", gy[1]);
    // energy = y1² + (k y0 + c y1)²: d/dk = 2 (k y0 + c y1) y0.
    let (ge, _) = osc_energy_grad(&o, &y0);
    let r = o.k * y0[0] + o.c * y0[1];
    assert!((ge.k - 2.0 * r * y0[0]).abs() < 1e-12);
    let hs = o.euler_hessian(&y0, 5);
    assert!((hs[0][1] - hs[1][0]).abs() < 1e-12);
}
