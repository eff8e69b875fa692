//! Regressions: `*v` on iterator elements, integer methods named like float ones, and integer
//! indices changed by statements the macro keeps verbatim (`k += 1` on a `usize`, `&mut k`
//! passed to a helper, a method on it): loops used to treat such an index as loop-invariant and
//! replay every iteration with its first value, a silently wrong gradient; an integer field of a
//! struct argument as a loop bound.
#![allow(clippy::needless_range_loop)]
// The counters are the point: they are what the macro must see change.
#![allow(clippy::explicit_counter_loop)]
use oxidiff::{differentiable, Differentiable};
#[differentiable]
fn deref(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for v in x.iter() {
        s += *v * *v;
    }
    s
}
#[differentiable]
fn intmeth(x: &[f64]) -> f64 {
    let n = x.len();
    let j = (n + 1).clamp(1, n) - 1;
    x[j] * x[n.max(1) - 1] + f64::min(1.0, x[0])
}
#[test]
fn bugs() {
    assert_eq!(deref_grad(&[1.0, 2.0]), vec![2.0, 4.0]);
    let g = intmeth_grad(&[0.5, 3.0]);
    assert_eq!(g, vec![1.0, 6.0]);
}

/// `k: usize` is annotated, so `k += 1` is kept as written.
#[differentiable]
fn counted_index(x: &[f64]) -> f64 {
    let mut k: usize = 0;
    let mut s = 0.0;
    for _ in 0..3 {
        s += x[k] * x[k];
        k += 1;
    }
    s
}

/// The same with the counter: `x[k + j]` is not an offset of `j` alone.
#[differentiable]
fn counted_offset(x: &[f64]) -> f64 {
    let mut k: usize = 0;
    let mut s = 0.0;
    for j in 0..3 {
        s += x[k + j] * x[k + j + 1];
        k += 1;
    }
    s
}

fn bump(k: &mut usize) {
    *k += 1;
}

/// A parameter changed through `&mut`, and a local through a method call.
#[differentiable]
fn bumped(x: &[f64], mut k: usize) -> f64 {
    let mut s = 0.0;
    for _ in 0..3 {
        s += x[k] * x[k];
        bump(&mut k);
    }
    let mut m: usize = 0;
    for _ in 0..2 {
        s += x[m] * 3.0 * x[m];
        m.clone_from(&(m + 2));
    }
    s
}

#[test]
fn indices_changed_by_verbatim_statements() {
    let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
    // x0² + x1² + x2²
    assert_eq!(
        counted_index_grad(&x),
        vec![2.0, 4.0, 6.0, 0.0, 0.0, 0.0, 0.0]
    );
    // x0 x1 + x2 x3 + x4 x5
    assert_eq!(
        counted_offset_grad(&x),
        vec![2.0, 1.0, 4.0, 3.0, 6.0, 5.0, 0.0]
    );
    // x1² + x2² + x3² + 3 x0² + 3 x2²
    assert_eq!(bumped_grad(&x, 1), vec![6.0, 4.0, 24.0, 8.0, 0.0, 0.0, 0.0]);
    // Forward mode agrees.
    let e2 = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    assert_eq!(bumped_jvp(&x, 1, &e2).1, 24.0);
}

#[derive(Clone, Differentiable)]
struct Counted {
    w: Vec<f64>,
    #[no_grad]
    n: usize,
}

/// An integer field of a struct argument as a loop bound (was refused as "a pattern bound to a
/// value computed from active inputs").
#[differentiable]
fn counted_field(p: &Counted, x: f64) -> f64 {
    let mut s = 0.0;
    for i in 0..p.n {
        s += p.w[i] * x * x;
    }
    s
}

#[test]
fn integer_field_as_loop_bound() {
    let p = Counted {
        w: vec![1.0, 2.0, 3.0],
        n: 2,
    };
    let (g, gx) = counted_field_grad(&p, 2.0);
    assert_eq!(g.w, vec![4.0, 4.0, 0.0]);
    assert_eq!(gx, 2.0 * 2.0 * (1.0 + 2.0));
}

// ---------------------------------------------------------------------------------------------
// Integers rebound inside a counted loop's body: the replay recomputed integers by name, so a
// shadowed counter or index meant its last binding everywhere, and an outer index reassigned
// with `=` was stepped again (from its final value) in the replay. Silently wrong gradients
// at every size; now such loops save their integers. Each checked against central differences
// at several sizes (the loops' first and last iterations are special-cased).

#[differentiable]
fn shadowed_counter(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() - 1 {
        let a = x[i];
        let i = i + 1;
        s += a.sin() * x[i] * x[i];
    }
    s
}

#[differentiable]
fn reassigned_index(x: &[f64]) -> f64 {
    let n = x.len();
    let mut s = 0.0;
    let mut j = 0;
    for _i in 0..n {
        let a = x[j];
        j = (j + 1) % n;
        s += a * x[j];
    }
    s
}

#[differentiable]
fn shadowed_index(x: &[f64]) -> f64 {
    let n = x.len();
    let mut s = 0.0;
    for i in 0..n {
        let k = (i * 7) % n;
        s += x[k] * x[k];
        let k = (i * 3 + 1) % n;
        s += x[k].sin() * x[i];
    }
    s
}

#[differentiable]
fn shadowed_in_split_loop(x: &[f64]) -> f64 {
    let n = x.len();
    let mut s = 0.0;
    for i in 0..n {
        let j = (i + 1) % n;
        let e = x[j] - x[i];
        let j = (i + 2) % n;
        s += e * e * x[j];
    }
    s
}

#[derive(Clone, Debug, Differentiable)]
struct Ring {
    w: Vec<f64>,
    b: f64,
}

#[differentiable]
fn reassigned_field_index(p: &Ring, x: &[f64]) -> f64 {
    let n = x.len();
    let mut s = 0.0;
    let mut k = 0;
    for i in 0..n {
        let a = p.w[k] * x[i];
        k = (k + 1) % n;
        s += a * p.w[k] + p.b;
    }
    s
}

fn fd_check(name: &str, f: &dyn Fn(&[f64]) -> f64, g: &[f64], x: &[f64]) {
    for k in 0..x.len() {
        let h = 1e-6;
        let (mut a, mut b) = (x.to_vec(), x.to_vec());
        a[k] += h;
        b[k] -= h;
        let fd = (f(&a) - f(&b)) / (2.0 * h);
        assert!(
            (g[k] - fd).abs() < 1e-6 * fd.abs().max(1.0),
            "{name}, n = {}, d/dx[{k}]: {} vs {fd}",
            x.len(),
            g[k]
        );
    }
}

#[test]
fn integers_rebound_in_counted_loops() {
    for n in [2, 3, 5, 17] {
        let x: Vec<f64> = (0..n)
            .map(|i| 0.1 + 0.2 * i as f64 - 0.01 * (i * i) as f64)
            .collect();
        fd_check(
            "shadowed_counter",
            &|x| shadowed_counter(x),
            &shadowed_counter_grad(&x),
            &x,
        );
        fd_check(
            "reassigned_index",
            &|x| reassigned_index(x),
            &reassigned_index_grad(&x),
            &x,
        );
        fd_check(
            "shadowed_index",
            &|x| shadowed_index(x),
            &shadowed_index_grad(&x),
            &x,
        );
        fd_check(
            "shadowed_in_split_loop",
            &|x| shadowed_in_split_loop(x),
            &shadowed_in_split_loop_grad(&x),
            &x,
        );
        // Second order goes through the same replays.
        let h = shadowed_index_hessian(&x);
        for j in 0..n {
            let (mut a, mut b) = (x.clone(), x.clone());
            a[j] += 1e-5;
            b[j] -= 1e-5;
            let (ga, gb) = (shadowed_index_grad(&a), shadowed_index_grad(&b));
            for k in 0..n {
                let fd = (ga[k] - gb[k]) / 2e-5;
                assert!(
                    (h[k][j] - fd).abs() < 1e-5 * fd.abs().max(1.0),
                    "H[{k}][{j}]"
                );
            }
        }
        let p = Ring {
            w: (0..n).map(|i| 0.1 * (i + 1) as f64).collect(),
            b: 0.2,
        };
        let (gp, _) = reassigned_field_index_grad(&p, &x);
        let f = |w: &[f64]| {
            let q = Ring {
                w: w.to_vec(),
                b: 0.2,
            };
            reassigned_field_index(&q, &x)
        };
        fd_check("reassigned_field_index", &f, &gp.w, &p.w);
    }
}

/// An integer slice argument (a gather through an index table): the `'static` pullback must
/// not borrow it.
#[differentiable]
fn gather(x: &[f64], idx: &[usize]) -> f64 {
    let mut s = 0.0;
    for i in 0..idx.len() {
        let k = idx[i];
        s += x[k] * x[k] * (i as f64 + 1.0);
    }
    s
}

#[test]
fn gather_through_an_index_table() {
    let x = [0.5, -1.0, 2.0];
    let idx = [2, 0, 2, 1];
    let g = gather_grad(&x, &idx);
    // x2 at positions 0 and 2 (weights 1, 3), x0 at 1 (weight 2), x1 at 3 (weight 4).
    let want = [2.0 * 2.0 * x[0], 4.0 * 2.0 * x[1], (1.0 + 3.0) * 2.0 * x[2]];
    for k in 0..3 {
        assert!(
            (g[k] - want[k]).abs() < 1e-14,
            "{k}: {} vs {}",
            g[k],
            want[k]
        );
    }
    let (_, pb) = gather_vjp(&x, &idx);
    assert_eq!(pb(1.0), g);
}

/// A shadowing `a` and a variable named `a_1`: both got the tangent and adjoint names
/// `__da_1` / `__ba_1`, a silently wrong derivative in every mode.
#[differentiable]
fn shadow_next_to_suffix(x: f64) -> f64 {
    let a = x * 2.0;
    let a_1 = a * a;
    let a = a_1 + a;
    a_1 * a
}

#[test]
fn shadowed_names_next_to_suffixed_ones() {
    // f = 4x²(4x² + 2x) = 16x⁴ + 8x³: f' = 64x³ + 24x², f'' = 192x² + 48x.
    let x = 1.0;
    assert_eq!(shadow_next_to_suffix_grad(x), 88.0);
    assert_eq!(shadow_next_to_suffix_jvp(x, 1.0), (24.0, 88.0));
    assert_eq!(shadow_next_to_suffix_hessian(x), vec![vec![240.0]]);
}

/// A count of comparisons (`(a > 0.0) as usize`) in second-order code.
#[differentiable]
fn count_positive(x: &[f64]) -> f64 {
    let mut k = 0;
    let mut s = 0.0;
    for i in 0..x.len() {
        let a = x[i];
        k += (a > 0.0) as usize;
        s += a * a * k as f64;
    }
    s
}

#[test]
fn boolean_casts_in_second_order_code() {
    let x = [0.5, -1.0, 2.0];
    // k = 1, 1, 2: s = 1·x0² + 1·x1² + 2·x2².
    assert_eq!(count_positive_grad(&x), vec![1.0, -2.0, 8.0]);
    let h = count_positive_hessian(&x);
    assert_eq!(
        h,
        vec![
            vec![2.0, 0.0, 0.0],
            vec![0.0, 2.0, 0.0],
            vec![0.0, 0.0, 4.0]
        ]
    );
}

/// A scalar shadowing the array parameter's name, read in a condition (second-order code
/// passed the array's plain values by name there).
#[differentiable]
fn scalar_shadows_array(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * x[i];
    }
    let y0 = x[0];
    let x = s.sqrt() + 0.1;
    if x > 1.0 {
        x * x.sin() * y0
    } else {
        x * y0 * y0
    }
}

#[test]
fn scalar_shadowing_an_array() {
    for x in [[0.3, -0.4], [1.5, 0.2]] {
        let g = scalar_shadows_array_grad(&x);
        fd_check("scalar_shadows_array", &|x| scalar_shadows_array(x), &g, &x);
        let h = scalar_shadows_array_hessian(&x);
        assert!((h[0][1] - h[1][0]).abs() < 1e-12);
    }
}

/// Parameters whose tangent names would be keywords (`do`, `dyn`).
#[differentiable]
fn keyword_tangents(o: f64, yn: f64) -> f64 {
    o * yn
}

#[test]
fn tangent_names_that_would_be_keywords() {
    assert_eq!(keyword_tangents_jvp(2.0, 3.0, 1.0, 0.0), (6.0, 3.0));
    assert_eq!(keyword_tangents_grad(2.0, 3.0), (3.0, 2.0));
}
