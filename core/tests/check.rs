//! The gradient checker: passes on correct derivatives, and each of its checks fails (naming
//! the right argument, component and output) on a deliberately wrong derivative.
#![allow(clippy::result_large_err)] // `Report` is returned as is, like `check` does

use oxidiff_core::check::{assert_gradients, check, Arg, Failure, Options, Report};

type Value = Box<dyn Fn(&[f64]) -> Vec<f64>>;
type Jac = Box<dyn Fn(&[f64]) -> Vec<Vec<f64>>>;
type Pair = (Vec<f64>, Vec<f64>);

/// A function with an analytic Jacobian `jac(x)[k][i] = ∂f_k/∂x_i`, and hooks to break its
/// forward or reverse derivative.
struct Model {
    value: Value,
    jac: Jac,
}

impl Model {
    fn new(
        value: impl Fn(&[f64]) -> Vec<f64> + 'static,
        jac: impl Fn(&[f64]) -> Vec<Vec<f64>> + 'static,
    ) -> Self {
        Model {
            value: Box::new(value),
            jac: Box::new(jac),
        }
    }

    fn jvp(&self, x: &[f64], v: &[f64]) -> Pair {
        let j = (self.jac)(x);
        let t = j
            .iter()
            .map(|row| row.iter().zip(v).map(|(a, b)| a * b).sum())
            .collect();
        ((self.value)(x), t)
    }

    fn vjp(&self, x: &[f64], w: &[f64]) -> Pair {
        let j = (self.jac)(x);
        let c = (0..x.len())
            .map(|i| j.iter().zip(w).map(|(row, wk)| row[i] * wk).sum())
            .collect();
        ((self.value)(x), c)
    }

    fn check(&self, name: &str, args: &[Arg]) -> Result<(), Report> {
        self.check_with(name, args, |s, x, v| s.jvp(x, v), |s, x, w| s.vjp(x, w))
    }

    fn check_with(
        &self,
        name: &str,
        args: &[Arg],
        jvp: impl Fn(&Self, &[f64], &[f64]) -> Pair,
        vjp: impl Fn(&Self, &[f64], &[f64]) -> Pair,
    ) -> Result<(), Report> {
        check(
            name,
            args,
            &|x| (self.value)(x),
            &|x, v| jvp(self, x, v),
            &|x, w| vjp(self, x, w),
            &Options::default(),
        )
    }
}

const XY: [Arg; 2] = [Arg { name: "x", len: 4 }, Arg { name: "y", len: 1 }];

/// f(x, y) = y Σ x_i² + sin(x_0 x_3)
fn sumsq() -> Model {
    Model::new(
        |p| vec![p[4] * p[..4].iter().map(|v| v * v).sum::<f64>() + (p[0] * p[3]).sin()],
        |p| {
            let c = (p[0] * p[3]).cos();
            let mut row: Vec<f64> = p[..4].iter().map(|v| 2.0 * p[4] * v).collect();
            row[0] += c * p[3];
            row[3] += c * p[0];
            row.push(p[..4].iter().map(|v| v * v).sum());
            vec![row]
        },
    )
}

const AB: [Arg; 2] = [Arg { name: "a", len: 1 }, Arg { name: "b", len: 3 }];

/// h(a, b) = [a sin b_0, a sin b_1, a sin b_2, Σ b, exp(a) b_1]  (five outputs)
fn multi() -> Model {
    Model::new(
        |p| {
            let (a, b) = (p[0], &p[1..]);
            vec![
                a * b[0].sin(),
                a * b[1].sin(),
                a * b[2].sin(),
                b.iter().sum(),
                a.exp() * b[1],
            ]
        },
        |p| {
            let (a, b) = (p[0], &p[1..]);
            let mut j = vec![vec![0.0; 4]; 5];
            for i in 0..3 {
                j[i][0] = b[i].sin();
                j[i][1 + i] = a * b[i].cos();
                j[3][1 + i] = 1.0;
            }
            j[4][0] = a.exp() * b[1];
            j[4][2] = a.exp();
            j
        },
    )
}

const U: [Arg; 1] = [Arg { name: "u", len: 12 }];

/// Twelve outputs (more than the checker takes one by one): out_k = exp(u_k) + u_{k+1} u_k.
fn many() -> Model {
    Model::new(
        |u| {
            (0..12)
                .map(|k| u[k].exp() + u[(k + 1) % 12] * u[k])
                .collect()
        },
        |u| {
            let mut j = vec![vec![0.0; 12]; 12];
            for k in 0..12 {
                j[k][k] += u[k].exp() + u[(k + 1) % 12];
                j[k][(k + 1) % 12] += u[k];
            }
            j
        },
    )
}

#[test]
fn passes_on_correct_derivatives() {
    sumsq().check("sumsq", &XY).unwrap();
    multi().check("multi", &AB).unwrap();
    many().check("many", &U).unwrap();
    // Steep and large: exp(3x) reaches ~90 on [-1.5, 1.5], derivative ~270.
    let steep = Model::new(
        |p| vec![(3.0 * p[0]).exp(), p[0].powi(5) * 10.0],
        |p| vec![vec![3.0 * (3.0 * p[0]).exp()], vec![50.0 * p[0].powi(4)]],
    );
    steep.check("steep", &[Arg { name: "t", len: 1 }]).unwrap();
    // Many points, another seed, another interval.
    let opts = Options {
        points: 20,
        seed: 42,
        lo: -3.0,
        hi: 0.5,
        ..Options::default()
    };
    let m = multi();
    check(
        "multi",
        &AB,
        &|x| (m.value)(x),
        &|x, v| m.jvp(x, v),
        &|x, w| m.vjp(x, w),
        &opts,
    )
    .unwrap();
}

#[test]
fn assert_gradients_passes() {
    let m = sumsq();
    assert_gradients(
        "sumsq",
        &XY,
        &|x| (m.value)(x),
        &|x, v| m.jvp(x, v),
        &|x, w| m.vjp(x, w),
        &Options::default(),
    );
}

#[test]
#[should_panic(expected = "gradient check failed for `sumsq`: reverse mode disagrees")]
fn assert_gradients_panics_with_the_report() {
    let m = sumsq();
    assert_gradients(
        "sumsq",
        &XY,
        &|x| (m.value)(x),
        &|x, v| m.jvp(x, v),
        &|x, w| {
            let (y, mut c) = m.vjp(x, w);
            c[1] *= 2.0;
            (y, c)
        },
        &Options::default(),
    );
}

#[test]
fn reverse_vs_finite_differences_fails_on_a_wrong_vjp() {
    // Slot 2 of x off by a relative 1e-3: well above rtol 1e-5.
    let err = sumsq()
        .check_with(
            "sumsq",
            &XY,
            |s, x, v| s.jvp(x, v),
            |s, x, w| {
                let (y, mut c) = s.vjp(x, w);
                c[2] *= 1.001;
                (y, c)
            },
        )
        .unwrap_err();
    assert_eq!(err.failure, Failure::ReverseVsFiniteDifferences);
    assert_eq!(err.argument, Some("x"));
    assert_eq!(err.component, Some(2));
    assert_eq!(err.output, Some(0));
    assert!((err.got / err.expected - 1.001).abs() < 1e-6, "{err}");
    assert_eq!(err.point.len(), 2);
    assert_eq!(err.point[0].0, "x");
    assert_eq!(err.point[0].1.len(), 4);
    assert_eq!(err.point[1].0, "y");
    let text = err.to_string();
    println!("{text}");
    assert!(text.starts_with(
        "gradient check failed for `sumsq`: reverse mode disagrees with finite differences\n"
    ));
    assert!(text.contains("  d output / d x[2]: expected "), "{text}");
    assert!(text.contains(" (central difference), got "), "{text}");
    assert!(text.contains(" (vjp)"), "{text}");
    assert!(text.contains("  at x = ["), "{text}");
    assert!(text.contains("], y = "), "{text}");
    assert!(text.contains("tolerance: rtol 1e-5, atol 1e-7"), "{text}");

    // The scalar argument: no component.
    let err = sumsq()
        .check_with(
            "sumsq",
            &XY,
            |s, x, v| s.jvp(x, v),
            |s, x, w| {
                let (y, mut c) = s.vjp(x, w);
                c[4] += 0.01;
                (y, c)
            },
        )
        .unwrap_err();
    assert_eq!(err.failure, Failure::ReverseVsFiniteDifferences);
    assert_eq!((err.argument, err.component), (Some("y"), None));
    assert!(
        err.to_string().contains("d output / d y: expected"),
        "{err}"
    );
}

#[test]
fn reverse_vs_finite_differences_names_the_output() {
    // A wrong ∂h_4/∂b_1 (the pullback of output 4 into b[1]).
    let err = multi()
        .check_with(
            "multi",
            &AB,
            |s, x, v| s.jvp(x, v),
            |s, x, w| {
                let (y, mut c) = s.vjp(x, w);
                c[2] += 0.5 * w[4];
                (y, c)
            },
        )
        .unwrap_err();
    assert_eq!(err.failure, Failure::ReverseVsFiniteDifferences);
    assert_eq!(err.argument, Some("b"));
    assert_eq!(err.component, Some(1));
    assert_eq!(err.output, Some(4));
    assert!((err.got - err.expected - 0.5).abs() < 1e-6, "{err}");
    let text = err.to_string();
    assert!(text.contains("d output[4] / d b[1]"), "{text}");
    assert!(text.contains("at a = "), "{text}");
    assert!(text.contains(", b = ["), "{text}");
}

#[test]
fn reverse_vs_finite_differences_along_random_directions() {
    // Twelve outputs: checked along random output directions, so no output index.
    let err = many()
        .check_with(
            "many",
            &U,
            |s, x, v| s.jvp(x, v),
            |s, x, w| {
                let (y, mut c) = s.vjp(x, w);
                c[7] += 0.1 * w[3];
                (y, c)
            },
        )
        .unwrap_err();
    assert_eq!(err.failure, Failure::ReverseVsFiniteDifferences);
    assert_eq!(
        (err.argument, err.component, err.output),
        (Some("u"), Some(7), None)
    );
    let text = err.to_string();
    assert!(text.contains("d (w · output) / d u[7]"), "{text}");
    assert!(text.contains("(a random output direction)"), "{text}");
}

#[test]
fn forward_vs_reverse_fails_on_a_wrong_jvp() {
    // The vjp is right; the jvp's ∂h_3/∂b_2 is off by 1e-6 relative — far below what finite
    // differences could see, but not below the dot-product test's precision.
    let err = multi()
        .check_with(
            "multi",
            &AB,
            |s, x, v| {
                let (y, mut t) = s.jvp(x, v);
                t[3] += 1e-6 * v[3];
                (y, t)
            },
            |s, x, w| s.vjp(x, w),
        )
        .unwrap_err();
    assert_eq!(err.failure, Failure::ForwardVsReverse);
    assert_eq!(err.argument, Some("b"));
    assert_eq!(err.component, Some(2));
    assert_eq!(err.output, Some(3));
    assert_eq!(err.expected, 1.0);
    assert!((err.got - 1.0 - 1e-6).abs() < 1e-15);
    let text = err.to_string();
    println!("{text}");
    assert!(
        text.contains("forward mode (jvp) disagrees with reverse mode (vjp)"),
        "{text}"
    );
    assert!(
        text.contains("d output[3] / d b[2]: expected 1.00000000e0 (vjp), got 1.00000100e0 (jvp)"),
        "{text}"
    );
    assert!(text.contains("jvp is the likely culprit"), "{text}");
    assert!(text.contains("tolerance: relative 1e-10"), "{text}");
}

#[test]
fn forward_vs_reverse_catches_a_nonlinear_jvp() {
    // Every Jacobian entry is right along unit tangents, but the jvp is not linear.
    let err = sumsq()
        .check_with(
            "sumsq",
            &XY,
            |s, x, v| {
                let (y, mut t) = s.jvp(x, v);
                t[0] += 0.1 * v[0] * v[1];
                (y, t)
            },
            |s, x, w| s.vjp(x, w),
        )
        .unwrap_err();
    assert_eq!(err.failure, Failure::ForwardVsReverse);
    assert_eq!(err.argument, None);
    assert!(err.to_string().contains("not linear"), "{err}");
}

#[test]
fn primal_check_fails_on_a_wrong_value() {
    let err = multi()
        .check_with(
            "multi",
            &AB,
            |s, x, v| {
                let (mut y, t) = s.jvp(x, v);
                y[1] += 1e-7;
                (y, t)
            },
            |s, x, w| s.vjp(x, w),
        )
        .unwrap_err();
    assert_eq!(err.failure, Failure::Primal);
    assert_eq!(err.output, Some(1));
    assert!(
        err.to_string().contains("value returned by the jvp"),
        "{err}"
    );

    let err = sumsq()
        .check_with(
            "sumsq",
            &XY,
            |s, x, v| s.jvp(x, v),
            |s, x, w| {
                let (mut y, c) = s.vjp(x, w);
                y[0] = -y[0];
                (y, c)
            },
        )
        .unwrap_err();
    assert_eq!(err.failure, Failure::Primal);
    assert!(
        err.to_string().contains("value returned by the vjp"),
        "{err}"
    );
    assert!(err.to_string().contains("(function), got"), "{err}");
}

#[test]
fn shape_check_fails_on_a_wrong_length() {
    let err = sumsq()
        .check_with(
            "sumsq",
            &XY,
            |s, x, v| s.jvp(x, v),
            |s, x, w| {
                let (y, mut c) = s.vjp(x, w);
                c.pop();
                (y, c)
            },
        )
        .unwrap_err();
    assert_eq!(err.failure, Failure::Shape);
    assert!(
        err.to_string()
            .contains("the cotangent returned by the vjp has length 4, expected 5"),
        "{err}"
    );
}

#[test]
fn non_finite_points_are_skipped() {
    // ln(x) is NaN for half of the interval: those points are skipped, the rest checked.
    let ln = Model::new(|p| vec![p[0].ln()], |p| vec![vec![1.0 / p[0]]]);
    ln.check("ln", &[Arg { name: "x", len: 1 }]).unwrap();
    // Still fails where it is wrong.
    let err = ln
        .check_with(
            "ln",
            &[Arg { name: "x", len: 1 }],
            |s, x, v| s.jvp(x, v),
            |_, x, w| (vec![x[0].ln()], vec![w[0] / (x[0] + 0.01)]),
        )
        .unwrap_err();
    assert_eq!(err.failure, Failure::ReverseVsFiniteDifferences);
    assert!(err.point[0].1[0] > 0.0);

    // Nowhere finite: an error that says so.
    let never = Model::new(|p| vec![(-1.0 - p[0] * p[0]).sqrt()], |_| vec![vec![0.0]]);
    let err = never
        .check("never", &[Arg { name: "x", len: 1 }])
        .unwrap_err();
    assert_eq!(err.failure, Failure::NoFinitePoints);
    let text = err.to_string();
    assert!(text.contains("not finite at any drawn point"), "{text}");
    assert!(text.contains("30 point(s)"), "{text}");
}

#[test]
fn deterministic_and_seed_dependent() {
    let run = |seed| {
        let m = sumsq();
        check(
            "sumsq",
            &XY,
            &|x| (m.value)(x),
            &|x, v| m.jvp(x, v),
            &|x, w| {
                let (y, mut c) = m.vjp(x, w);
                c[0] += 1.0;
                (y, c)
            },
            &Options {
                seed,
                ..Options::default()
            },
        )
        .unwrap_err()
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7).point, run(8).point);
    // Points lie in [lo, hi] and print short.
    for (_, vals) in run(7).point {
        for v in vals {
            assert!((-1.5..=1.5).contains(&v));
            assert!(format!("{v}").len() <= 9, "{v}");
        }
    }
}

#[test]
fn kinks_do_not_cause_false_failures() {
    // |x - 0.3| sampled on a grid that puts points within h of the kink: the finite-difference
    // error estimate absorbs the disagreement there.
    let abs = Model::new(
        |p| vec![(p[0] - 0.3).abs()],
        |p| vec![vec![if p[0] >= 0.3 { 1.0 } else { -1.0 }]],
    );
    let opts = Options {
        lo: 0.3 - 4e-7,
        hi: 0.3 + 4e-7,
        points: 10,
        ..Options::default()
    };
    check(
        "abs",
        &[Arg { name: "x", len: 1 }],
        &|x| (abs.value)(x),
        &|x, v| abs.jvp(x, v),
        &|x, w| abs.vjp(x, w),
        &opts,
    )
    .unwrap();
}

/// `Options::for_f32`: an `f32` function's correct derivatives pass (with the f64 defaults
/// their central differences are rounding noise), and one 1% off fails.
#[test]
fn f32_defaults_pass_correct_and_catch_wrong_derivatives() {
    let f = |p: &[f64]| {
        let (x, y) = (p[0] as f32, p[1] as f32);
        vec![((x * y).sin() + (x - y).exp() * 0.5) as f64]
    };
    let grad = |p: &[f64], off: f32| {
        let (x, y) = (p[0] as f32, p[1] as f32);
        let (c, e) = ((x * y).cos(), (x - y).exp() * 0.5);
        [(y * c + e) * off, x * c - e]
    };
    let args = [Arg { name: "x", len: 1 }, Arg { name: "y", len: 1 }];
    let run = |off: f32, opts: &Options| {
        check(
            "f32fn",
            &args,
            &f,
            &|p, v| {
                let g = grad(p, off);
                (f(p), vec![(g[0] * v[0] as f32 + g[1] * v[1] as f32) as f64])
            },
            &|p, w| {
                let g = grad(p, off);
                (
                    f(p),
                    vec![(g[0] * w[0] as f32) as f64, (g[1] * w[0] as f32) as f64],
                )
            },
            opts,
        )
    };
    run(1.0, &Options::for_f32()).unwrap();
    assert!(
        run(1.0, &Options::default()).is_err(),
        "f64 defaults on f32 noise"
    );
    let err = run(1.01, &Options::for_f32()).unwrap_err();
    assert_eq!(err.argument, Some("x"));
}

/// A correct function whose values are large against their change (`1e6 + x y`): the
/// differences' rounding joins the tolerance, so the check passes; a 1% error still fails.
#[test]
fn large_values_small_changes() {
    let args = [Arg { name: "x", len: 1 }, Arg { name: "y", len: 1 }];
    let f = |p: &[f64]| vec![1e6 + p[0] * p[1]];
    let run = |off: f64| {
        check(
            "offset",
            &args,
            &f,
            &|p, v| (f(p), vec![p[1] * off * v[0] + p[0] * v[1]]),
            &|p, w| (f(p), vec![p[1] * off * w[0], p[0] * w[0]]),
            &Options::default(),
        )
    };
    run(1.0).unwrap();
    assert!(run(1.01).is_err());
}
