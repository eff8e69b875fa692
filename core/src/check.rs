//! Numerical gradient checking: the runtime half of `#[differentiable(check)]`.
//!
//! [`check`] takes a function and its forward and reverse derivatives, all over one flat
//! `f64` input vector (every argument's slots concatenated in order: a scalar is one slot, a
//! slice is [`Options::len`] slots), and verifies at a few deterministic pseudo-random points:
//!
//! 1. **primal values**: the value returned beside the JVP and beside the VJP equals the
//!    function's own value;
//! 2. **reverse mode against finite differences**: every entry of the Jacobian obtained from the
//!    VJP (one cotangent direction per output, or a few random directions when there are many
//!    outputs) matches a Richardson-extrapolated central difference;
//! 3. **forward mode against reverse mode**: the dot-product test
//!    `⟨jvp(x, v), w⟩ = ⟨v, vjp(x, w)⟩` for random `v`, `w`, to near machine precision.
//!
//! On failure the [`Report`] names the function, the failed check, the argument and
//! component, the output component, the expected and the obtained value and the point, and
//! prints as a readable multi-line message.
//!
//! ```
//! use oxidiff_core::check::{check, Arg, Options};
//! // f(x, y) = y · Σ x_i²  over a slice x and a scalar y
//! let value = |p: &[f64]| vec![p[4] * p[..4].iter().map(|v| v * v).sum::<f64>()];
//! let jvp = |p: &[f64], t: &[f64]| {
//!     let s: f64 = p[..4].iter().map(|v| v * v).sum();
//!     let ds: f64 = (0..4).map(|i| 2.0 * p[i] * t[i]).sum();
//!     (value(p), vec![t[4] * s + p[4] * ds])
//! };
//! let vjp = |p: &[f64], w: &[f64]| {
//!     let mut g: Vec<f64> = p[..4].iter().map(|v| w[0] * 2.0 * p[4] * v).collect();
//!     g.push(w[0] * p[..4].iter().map(|v| v * v).sum::<f64>());
//!     (value(p), g)
//! };
//! let args = [Arg { name: "x", len: 4 }, Arg { name: "y", len: 1 }];
//! check("f", &args, &value, &jvp, &vjp, &Options::default()).unwrap();
//! ```

use core::fmt;

/// Settings of [`check`].
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// How many points to check at (default 3).
    pub points: usize,
    /// Lower end of the interval each input is drawn from (default -1.5).
    pub lo: f64,
    /// Upper end of the interval each input is drawn from (default 1.5).
    pub hi: f64,
    /// Relative tolerance of the finite-difference comparison (default 1e-5).
    pub rtol: f64,
    /// Absolute tolerance of the finite-difference comparison (default 1e-7).
    pub atol: f64,
    /// Central-difference step `h` (default 1e-6); `h/2` is used too, for Richardson
    /// extrapolation and an estimate of the finite-difference error.
    pub step: f64,
    /// Seed of the SplitMix64 generator that draws points and directions (default 0x0d1ff).
    pub seed: u64,
    /// Length given to slice arguments (default 4). Used by the caller to lay out the flat
    /// input; [`check`] itself reads the lengths from its [`Arg`]s.
    pub len: usize,
    /// Relative precision of the function's values (default `f64::EPSILON`; `f32::EPSILON`
    /// in [`Options::for_f32`]): the rounding error of a difference of values `|f|` large
    /// against their change, about `8 eps |f| / step`, joins the tolerance.
    pub value_eps: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            points: 3,
            lo: -1.5,
            hi: 1.5,
            rtol: 1e-5,
            atol: 1e-7,
            step: 1e-6,
            seed: 0x0d1ff,
            len: 4,
            value_eps: f64::EPSILON,
        }
    }
}

impl Options {
    /// Defaults for functions computing in `f32` (what `#[differentiable(check)]` starts from
    /// for them): a step of 1e-2 (about the cube root of `f32`'s epsilon, where a central
    /// difference's rounding and truncation errors meet), rtol 1e-3, atol 1e-4.
    pub fn for_f32() -> Self {
        Options {
            rtol: 1e-3,
            atol: 1e-4,
            step: 1e-2,
            value_eps: f32::EPSILON as f64,
            ..Options::default()
        }
    }
}

/// One argument's slots in the flat input vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arg {
    /// The argument's name, as written in the function's signature.
    pub name: &'static str,
    /// How many slots it occupies: 1 for a scalar, the length for a slice or array. (Reports
    /// name a one-slot argument without an index, like a scalar.)
    pub len: usize,
}

/// Which check failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// A derivative or value had the wrong length.
    Shape,
    /// The value returned by the JVP or the VJP differs from the function's value.
    Primal,
    /// Reverse mode (the VJP) disagrees with central finite differences.
    ReverseVsFiniteDifferences,
    /// Forward mode (the JVP) disagrees with reverse mode (the VJP).
    ForwardVsReverse,
    /// The function's value was not finite at any of the drawn points, so nothing was checked.
    NoFinitePoints,
}

/// What went wrong in a failed [`check`]. Prints (`Display`) as a multi-line message.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The checked function's name.
    pub function: String,
    /// Which check failed.
    pub failure: Failure,
    /// The input argument involved, if one can be named.
    pub argument: Option<&'static str>,
    /// The component within that argument (`None` for a scalar argument).
    pub component: Option<usize>,
    /// The output component involved (`None` if the check was along a random output
    /// direction, or does not involve one).
    pub output: Option<usize>,
    /// The expected value (finite difference, reverse-mode value, or function value).
    pub expected: f64,
    /// The value obtained from the derivative under test.
    pub got: f64,
    /// The point: every argument's name and values.
    pub point: Vec<(&'static str, Vec<f64>)>,
    /// Which point failed (0-based, counting only points that were not skipped).
    pub point_index: usize,
    /// Human-readable lines: what was compared, the tolerance, notes.
    pub details: Vec<String>,
    title: String,
    expected_label: &'static str,
    got_label: &'static str,
    quantity: String,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "gradient check failed for `{}`: {}",
            self.function, self.title
        )?;
        if !self.quantity.is_empty() {
            let digits = digits_to_distinguish(self.expected, self.got);
            write!(
                f,
                "\n  {}: expected {} ({}), got {} ({})",
                self.quantity,
                sci(self.expected, digits),
                self.expected_label,
                sci(self.got, digits),
                self.got_label
            )?;
            let diff = (self.got - self.expected).abs();
            if diff.is_finite() {
                write!(f, "\n  difference {}", sci(diff, 2))?;
                if self.expected != 0.0 {
                    write!(f, " (relative {})", sci(diff / self.expected.abs(), 2))?;
                }
            }
        }
        if !self.point.is_empty() {
            write!(f, "\n  at {}", format_point(&self.point))?;
        }
        for d in &self.details {
            write!(f, "\n  {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

/// Checks at `opts.points` deterministic pseudo-random points (SplitMix64 seeded by
/// `opts.seed`, uniform in `[lo, hi]`) that
/// (a) reverse mode (`vjp`) agrees with central finite differences of `value`,
/// (b) forward mode (`jvp`) agrees with reverse mode: `⟨jvp(x, v), w⟩ = ⟨v, vjp(x, w)⟩` for
///     random `v`, `w`, to relative precision `max(1e-10, rtol²)`,
/// (c) the primal values returned by `jvp` and `vjp` equal `value(x)` (same precision).
///
/// Inputs are flat: all of `args`' slots concatenated in order. `value(x)` returns the flat
/// output; `jvp(x, v)` returns `(value, tangent)`; `vjp(x, w)` returns `(value, cotangent of
/// x)`, where `w` has the output's length.
///
/// In (a), with `m` outputs, the cotangent directions are the unit vectors `e_k` if `m ≤ 8`,
/// otherwise three random directions. Entry `i` of `vjp(x, e_k)` must match the Richardson
/// extrapolation `(4 D(h/2) − D(h)) / 3` of the central differences
/// `D(h) = (value(x + h e_i)[k] − value(x − h e_i)[k]) / 2h` within
/// `atol + rtol · max(|expected|, 1) + |D(h) − D(h/2)|`; the last term is the estimated error
/// of the finite difference itself, negligible where the function is smooth. The forward and
/// backward one-sided differences (extrapolated likewise, from the same evaluations) are
/// accepted too, so that a kink within `h` of the point does not cause a false failure.
///
/// A point where `value` (or a finite difference around it) is not finite is skipped and
/// another drawn, up to `10 · points` draws; if no point could be checked the result is an
/// error saying so.
#[allow(clippy::type_complexity, clippy::result_large_err)]
pub fn check(
    name: &str,
    args: &[Arg],
    value: &dyn Fn(&[f64]) -> Vec<f64>,
    jvp: &dyn Fn(&[f64], &[f64]) -> (Vec<f64>, Vec<f64>),
    vjp: &dyn Fn(&[f64], &[f64]) -> (Vec<f64>, Vec<f64>),
    opts: &Options,
) -> Result<(), Report> {
    let cx = Cx {
        name,
        args,
        value,
        jvp,
        vjp,
        opts,
        n: args.iter().map(|a| a.len).sum(),
        tight: (opts.rtol * opts.rtol).max(1e-10),
    };
    let mut rng = SplitMix64(opts.seed);
    let max_draws = opts.points.saturating_mul(10).max(1);
    let (mut checked, mut skipped, mut draws) = (0, 0, 0);
    while checked < opts.points && draws < max_draws {
        draws += 1;
        let x: Vec<f64> = (0..cx.n).map(|_| draw_point(&mut rng, opts)).collect();
        match cx.at_point(&x, checked, &mut rng) {
            Ok(true) => checked += 1,
            Ok(false) => skipped += 1,
            Err(report) => return Err(*report),
        }
    }
    if checked == 0 && opts.points > 0 {
        let mut r = cx.report(
            Failure::NoFinitePoints,
            "the function is not finite at any drawn point, so nothing was checked",
            &[],
            0,
        );
        r.details.push(format!(
            "{skipped} point(s) drawn uniformly from [{}, {}] (seed {:#x}); \
             choose another interval with `lo`/`hi`",
            opts.lo, opts.hi, opts.seed
        ));
        return Err(r);
    }
    Ok(())
}

/// [`check`], panicking with the report on failure (what a generated `#[test]` calls).
#[allow(clippy::type_complexity)]
pub fn assert_gradients(
    name: &str,
    args: &[Arg],
    value: &dyn Fn(&[f64]) -> Vec<f64>,
    jvp: &dyn Fn(&[f64], &[f64]) -> (Vec<f64>, Vec<f64>),
    vjp: &dyn Fn(&[f64], &[f64]) -> (Vec<f64>, Vec<f64>),
    opts: &Options,
) {
    if let Err(report) = check(name, args, value, jvp, vjp, opts) {
        panic!("{report}");
    }
}

/// Outputs beyond which reverse mode is checked along random directions instead of each one.
const MAX_UNIT_DIRECTIONS: usize = 8;
/// How many random output directions are used then.
const RANDOM_DIRECTIONS: usize = 3;

type ValueFn<'a> = dyn Fn(&[f64]) -> Vec<f64> + 'a;
type DerivFn<'a> = dyn Fn(&[f64], &[f64]) -> (Vec<f64>, Vec<f64>) + 'a;

struct Cx<'a> {
    name: &'a str,
    args: &'a [Arg],
    value: &'a ValueFn<'a>,
    jvp: &'a DerivFn<'a>,
    vjp: &'a DerivFn<'a>,
    opts: &'a Options,
    n: usize,
    /// Relative precision of the consistency checks (b) and (c).
    tight: f64,
}

/// The function's value around `x` along one input slot: at `x ± h` and `x ± h/2`.
struct Around {
    plus: Vec<f64>,
    minus: Vec<f64>,
    plus_half: Vec<f64>,
    minus_half: Vec<f64>,
}

/// A finite-difference estimate of one derivative: the Richardson extrapolation of the
/// differences with steps `h` and `h/2`, and `|D(h) − D(h/2)|` as its error estimate.
#[derive(Clone, Copy)]
struct Estimate {
    coarse: f64,
    fine: f64,
}

impl Estimate {
    /// `order` is the order of the difference's truncation error (2 central, 1 one-sided).
    fn extrapolated(self, order: i32) -> f64 {
        let r = 2f64.powi(order);
        (r * self.fine - self.coarse) / (r - 1.0)
    }
    fn error(self) -> f64 {
        (self.coarse - self.fine).abs()
    }
}

impl Cx<'_> {
    /// Checks at `x`; `Ok(false)` if the point was skipped.
    fn at_point(&self, x: &[f64], index: usize, rng: &mut SplitMix64) -> Result<bool, Box<Report>> {
        let y = (self.value)(x);
        if !y.iter().all(|v| v.is_finite()) {
            return Ok(false);
        }
        let m = y.len();
        let h = self.opts.step;

        // The function around x first: a point whose neighbourhood is not finite is skipped.
        let mut around = Vec::with_capacity(self.n);
        for i in 0..self.n {
            let mut xp = x.to_vec();
            let mut at = |step: f64| -> Option<Vec<f64>> {
                xp[i] = x[i] + step;
                let a = (self.value)(&xp);
                xp[i] = x[i];
                (a.len() == m && a.iter().all(|v| v.is_finite())).then_some(a)
            };
            match (at(h), at(-h), at(h / 2.0), at(-h / 2.0)) {
                (Some(plus), Some(minus), Some(plus_half), Some(minus_half)) => {
                    around.push(Around {
                        plus,
                        minus,
                        plus_half,
                        minus_half,
                    })
                }
                _ => return Ok(false),
            }
        }

        // Random directions for the dot-product test (drawn even if unused, so that the
        // sequence of points does not depend on which checks ran).
        let v: Vec<f64> = (0..self.n).map(|_| rng.uniform(-1.0, 1.0)).collect();
        let w: Vec<f64> = (0..m).map(|_| rng.uniform(-1.0, 1.0)).collect();

        // (c) primal values, and shapes.
        let (jy, jt) = (self.jvp)(x, &v);
        let (vy, vc) = (self.vjp)(x, &w);
        self.check_shape("the value returned by the jvp", jy.len(), m, x, index)?;
        self.check_shape("the tangent returned by the jvp", jt.len(), m, x, index)?;
        self.check_shape("the value returned by the vjp", vy.len(), m, x, index)?;
        self.check_shape(
            "the cotangent returned by the vjp",
            vc.len(),
            self.n,
            x,
            index,
        )?;
        for (label, got) in [("jvp", &jy), ("vjp", &vy)] {
            for k in 0..m {
                if !close(got[k], y[k], self.tight) {
                    let mut r = self.report(
                        Failure::Primal,
                        if label == "jvp" {
                            "the value returned by the jvp differs from the function's value"
                        } else {
                            "the value returned by the vjp differs from the function's value"
                        },
                        x,
                        index,
                    );
                    r.output = Some(k);
                    r.expected = y[k];
                    r.got = got[k];
                    r.quantity = output_name(Some(k), m);
                    r.expected_label = "function";
                    r.got_label = label;
                    r.details
                        .push(format!("tolerance: relative {}", short(self.tight)));
                    return Err(Box::new(r));
                }
            }
        }

        // (a) reverse mode against finite differences.
        let directions: Vec<(Option<usize>, Vec<f64>)> = if m <= MAX_UNIT_DIRECTIONS {
            (0..m)
                .map(|k| {
                    let mut e = vec![0.0; m];
                    e[k] = 1.0;
                    (Some(k), e)
                })
                .collect()
        } else {
            (0..RANDOM_DIRECTIONS)
                .map(|_| (None, (0..m).map(|_| rng.uniform(-1.0, 1.0)).collect()))
                .collect()
        };
        for (k, dir) in &directions {
            let (_, c) = (self.vjp)(x, dir);
            self.check_shape(
                "the cotangent returned by the vjp",
                c.len(),
                self.n,
                x,
                index,
            )?;
            let fy = dot(&y, dir);
            for (i, a) in around.iter().enumerate() {
                let (p, mi) = (dot(&a.plus, dir), dot(&a.minus, dir));
                let (ph, mh) = (dot(&a.plus_half, dir), dot(&a.minus_half, dir));
                let central = Estimate {
                    coarse: (p - mi) / (2.0 * h),
                    fine: (ph - mh) / h,
                };
                // One-sided differences too: across a kink within h of x, the central
                // difference is meaningless but the one on the kink-free side is right.
                let forward = Estimate {
                    coarse: (p - fy) / h,
                    fine: (ph - fy) / (h / 2.0),
                };
                let backward = Estimate {
                    coarse: (fy - mi) / h,
                    fine: (fy - mh) / (h / 2.0),
                };
                let (expected, fd_err) = (central.extrapolated(2), central.error());
                // Rounding of the values themselves (`1e6 + x y`): differences of large values
                // carry `eps |f|` each, divided by the step.
                let fmax = [p, mi, ph, mh, fy]
                    .iter()
                    .fold(0.0f64, |a, v| a.max(v.abs()));
                let round = 8.0 * self.opts.value_eps * fmax / h;
                let tol = |e: f64, err: f64| {
                    self.opts.atol + self.opts.rtol * e.abs().max(1.0) + err + round
                };
                let agrees = |est: Estimate, order: i32| {
                    let e = est.extrapolated(order);
                    (c[i] - e).abs() <= tol(e, est.error())
                };
                let got = c[i];
                if !(agrees(central, 2) || agrees(forward, 1) || agrees(backward, 1)) {
                    let mut r = self.report(
                        Failure::ReverseVsFiniteDifferences,
                        "reverse mode disagrees with finite differences",
                        x,
                        index,
                    );
                    let (arg, comp) = self.locate(i);
                    r.argument = Some(arg.name);
                    r.component = comp;
                    r.output = *k;
                    r.expected = expected;
                    r.got = got;
                    r.quantity = format!("d {} / d {}", output_name(*k, m), slot_name(arg, comp));
                    r.expected_label = "central difference";
                    r.got_label = "vjp";
                    if k.is_none() {
                        r.details.push(format!(
                            "w = {} (a random output direction)",
                            format_vec(dir)
                        ));
                    }
                    r.details.push(format!(
                        "tolerance: rtol {}, atol {} (+ finite-difference error estimate {})",
                        short(self.opts.rtol),
                        short(self.opts.atol),
                        sci(fd_err, 2)
                    ));
                    r.details.push(format!(
                        "central differences: {} (h = {:e}), {} (h = {:e}), extrapolated {}",
                        sci(central.coarse, 9),
                        h,
                        sci(central.fine, 9),
                        h / 2.0,
                        sci(expected, 9)
                    ));
                    return Err(Box::new(r));
                }
            }
        }

        // (b) forward mode against reverse mode.
        let lhs = dot(&jt, &w);
        let rhs = dot(&v, &vc);
        let scale = jt.iter().zip(&w).map(|(a, b)| (a * b).abs()).sum::<f64>()
            + v.iter().zip(&vc).map(|(a, b)| (a * b).abs()).sum::<f64>();
        let consistent = (lhs - rhs).abs() <= self.tight * scale;
        if !consistent {
            return Err(Box::new(self.forward_failure(x, index, m, lhs, rhs)));
        }
        Ok(true)
    }

    /// The report for a failed dot-product test, locating the Jacobian entry where forward
    /// and reverse mode differ most.
    fn forward_failure(&self, x: &[f64], index: usize, m: usize, lhs: f64, rhs: f64) -> Report {
        let mut r = self.report(
            Failure::ForwardVsReverse,
            "forward mode (jvp) disagrees with reverse mode (vjp)",
            x,
            index,
        );
        // Full Jacobians both ways: column i by jvp(x, e_i), row k by vjp(x, e_k).
        let cols: Vec<Vec<f64>> = (0..self.n)
            .map(|i| {
                let mut e = vec![0.0; self.n];
                e[i] = 1.0;
                (self.jvp)(x, &e).1
            })
            .collect();
        let rows: Vec<Vec<f64>> = (0..m)
            .map(|k| {
                let mut e = vec![0.0; m];
                e[k] = 1.0;
                (self.vjp)(x, &e).1
            })
            .collect();
        let mut worst: Option<(f64, usize, usize)> = None;
        for (i, col) in cols.iter().enumerate() {
            for (k, row) in rows.iter().enumerate() {
                let (fwd, rev) = (col[k], row[i]);
                let excess = (fwd - rev).abs() / (self.tight * fwd.abs().max(rev.abs()).max(1.0));
                let excess = if excess.is_nan() {
                    f64::INFINITY
                } else {
                    excess
                };
                let worse = match worst {
                    Some((e, _, _)) => excess > e,
                    None => true,
                };
                if excess > 1.0 && worse {
                    worst = Some((excess, i, k));
                }
            }
        }
        match worst {
            Some((_, i, k)) => {
                let (arg, comp) = self.locate(i);
                r.argument = Some(arg.name);
                r.component = comp;
                r.output = Some(k);
                r.expected = rows[k][i];
                r.got = cols[i][k];
                r.quantity = format!("d {} / d {}", output_name(Some(k), m), slot_name(arg, comp));
                r.expected_label = "vjp";
                r.got_label = "jvp";
                let fd_ok = "reverse mode agrees with finite differences here, so the jvp is the \
                             likely culprit";
                r.details.push(fd_ok.to_string());
            }
            None => {
                r.expected = rhs;
                r.got = lhs;
                r.quantity = "<jvp(x, v), w> vs <v, vjp(x, w)>".to_string();
                r.expected_label = "vjp";
                r.got_label = "jvp";
                r.details.push(
                    "every Jacobian entry agrees, so the jvp is not linear in its tangent \
                     (or the vjp in its cotangent)"
                        .to_string(),
                );
            }
        }
        r.details
            .push(format!("tolerance: relative {}", short(self.tight)));
        r
    }

    fn check_shape(
        &self,
        what: &str,
        got: usize,
        expected: usize,
        x: &[f64],
        index: usize,
    ) -> Result<(), Box<Report>> {
        if got == expected {
            return Ok(());
        }
        let mut r = self.report(
            Failure::Shape,
            "a derivative has the wrong length",
            x,
            index,
        );
        r.expected = expected as f64;
        r.got = got as f64;
        r.details
            .push(format!("{what} has length {got}, expected {expected}"));
        Err(Box::new(r))
    }

    /// The argument and component (`None` for a scalar argument) of flat slot `i`.
    fn locate(&self, mut i: usize) -> (&Arg, Option<usize>) {
        for a in self.args {
            if i < a.len {
                return (a, (a.len != 1).then_some(i));
            }
            i -= a.len;
        }
        unreachable!("slot index beyond the arguments")
    }

    fn split_point(&self, x: &[f64]) -> Vec<(&'static str, Vec<f64>)> {
        let mut off = 0;
        self.args
            .iter()
            .map(|a| {
                let s = x[off..off + a.len].to_vec();
                off += a.len;
                (a.name, s)
            })
            .collect()
    }

    fn report(&self, failure: Failure, title: &str, x: &[f64], index: usize) -> Report {
        let mut details = Vec::new();
        if !x.is_empty() || failure != Failure::NoFinitePoints {
            details.push(format!(
                "(point {} of {}, seed {:#x}, interval [{}, {}])",
                index + 1,
                self.opts.points,
                self.opts.seed,
                self.opts.lo,
                self.opts.hi
            ));
        }
        Report {
            function: self.name.to_string(),
            failure,
            argument: None,
            component: None,
            output: None,
            expected: f64::NAN,
            got: f64::NAN,
            point: if x.len() == self.n && !x.is_empty() {
                self.split_point(x)
            } else {
                Vec::new()
            },
            point_index: index,
            details,
            title: title.to_string(),
            expected_label: "",
            got_label: "",
            quantity: String::new(),
        }
    }
}

fn output_name(k: Option<usize>, m: usize) -> String {
    match k {
        Some(_) if m == 1 => "output".to_string(),
        Some(k) => format!("output[{k}]"),
        None => "(w · output)".to_string(),
    }
}

fn slot_name(a: &Arg, comp: Option<usize>) -> String {
    match comp {
        Some(c) => format!("{}[{c}]", a.name),
        None => a.name.to_string(),
    }
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs()).max(1.0)
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(a, b)| a * b).sum()
}

/// Draws one coordinate uniformly from `[lo, hi]`, rounded to about seven significant digits
/// of the interval's width so that reports show short numbers that reproduce the point exactly.
fn draw_point(rng: &mut SplitMix64, opts: &Options) -> f64 {
    let x = rng.uniform(opts.lo, opts.hi);
    let width = (opts.hi - opts.lo).abs();
    if !(width.is_finite() && width > 0.0) {
        return x;
    }
    let decimals = (6 - width.log10().floor() as i32).clamp(0, 17) as usize;
    let rounded: f64 = format!("{x:.decimals$}").parse().unwrap_or(x);
    rounded.clamp(opts.lo.min(opts.hi), opts.lo.max(opts.hi))
}

/// Scientific notation with `digits` digits after the point (`1.234567e0`).
fn sci(v: f64, digits: usize) -> String {
    if v.is_finite() {
        format!("{v:.digits$e}")
    } else {
        format!("{v}")
    }
}

/// A number with at most three significant digits, shortest form (`1e-10`, `2.25e-6`).
fn short(v: f64) -> String {
    let rounded: f64 = format!("{v:.2e}").parse().unwrap_or(v);
    format!("{rounded:e}")
}

/// Enough digits that two close numbers print differently (6 at least, 16 at most).
fn digits_to_distinguish(a: f64, b: f64) -> usize {
    let diff = (a - b).abs();
    let mag = a.abs().max(b.abs());
    if !(diff > 0.0 && diff.is_finite() && mag.is_finite()) {
        return 6;
    }
    let needed = (mag / diff).log10().ceil() as i64 + 1;
    needed.clamp(6, 16) as usize
}

fn format_vec(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|x| format!("{x}")).collect();
    format!("[{}]", parts.join(", "))
}

fn format_point(point: &[(&'static str, Vec<f64>)]) -> String {
    let parts: Vec<String> = point
        .iter()
        .map(|(name, vals)| match vals.as_slice() {
            [v] => format!("{name} = {v}"),
            vals => format!("{name} = {}", format_vec(vals)),
        })
        .collect();
    parts.join(", ")
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, well-mixed deterministic generator.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[lo, hi]` (53 random bits).
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        let u = (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        lo + (hi - lo) * u
    }
}
