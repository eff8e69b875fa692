//! The parallel replay of a reduction loop the user wrote as a rayon chain
//! (`(0..n).into_par_iter().map(|i| ..).sum()`, `x.par_iter().map(..).sum()`).
//!
//! The pullback of such a loop adds to each array adjoint through one window of `n` elements
//! (element `base + k` in iteration `k`), and to scalar adjoints that are sums over the
//! iterations. [`par_replay`] splits the iterations into one contiguous range per thread, hands
//! each thread the disjoint part of every window that its range writes, and returns each
//! range's leftover state (the registers still holding additions to elements below its range,
//! the partial sums), which the generated code adds in after the threads have joined.

use core::cell::Cell;
use core::mem::MaybeUninit;

use rayon::prelude::*;

use crate::Real;

/// Fewer iterations than this per thread are not worth a thread.
const MIN_PER_THREAD: usize = 1 << 14;
/// Iterations per block: a fresh adjoint's block is zeroed just before the replay adds to it,
/// while it is in cache.
const BLOCK: usize = 1 << 12;

/// The window `base..base + n` of an array adjoint that a parallel replay adds to.
pub enum ParWin<'a, T> {
    /// Elements that may already hold cotangents: the replay adds to them.
    Init(&'a mut [T]),
    /// An adjoint with nothing in it yet, to be `len` long: the elements outside the window are
    /// set to zero at once, those inside by the thread that adds to them, block by block
    /// (no separate pass over the whole buffer).
    Fresh {
        vec: &'a mut Vec<T>,
        len: usize,
        base: usize,
    },
}

/// A window's storage for the replay: its `n` elements, and whether they hold no value yet.
type Part<'a, T> = (&'a mut [MaybeUninit<T>], bool);

/// The fresh adjoints of a replay: each `set_len` to its length once every element is written.
struct Fresh<T>(Vec<(*mut Vec<T>, usize)>);

impl<T> Fresh<T> {
    /// SAFETY: every element of every fresh adjoint has been written.
    unsafe fn done(self) {
        for (p, len) in self.0 {
            // SAFETY: the caller's promise; `p` is the unique borrow the window came from.
            unsafe { (*p).set_len(len) };
        }
    }
}

/// The windows as storage of `n` elements each. A fresh adjoint gets its room, and its
/// elements outside the window are set to zero.
fn prepare<'a, T: Real, const K: usize>(
    n: usize,
    wins: [ParWin<'a, T>; K],
) -> (Vec<Part<'a, T>>, Fresh<T>) {
    let mut fresh = Fresh(Vec::new());
    let mut parts = Vec::with_capacity(K);
    for w in wins {
        match w {
            ParWin::Init(s) => {
                assert_eq!(s.len(), n, "a replay window has one element per iteration");
                // SAFETY: `MaybeUninit<T>` has `T`'s layout, and only initialized values are
                // ever written through this view.
                let s = unsafe { &mut *(s as *mut [T] as *mut [MaybeUninit<T>]) };
                parts.push((s, false));
            }
            ParWin::Fresh { vec, len, base } => {
                assert!(
                    vec.is_empty() && base + n <= len,
                    "a fresh window lies in its adjoint"
                );
                vec.reserve(len);
                let p: *mut Vec<T> = vec;
                fresh.0.push((p, len));
                // SAFETY: `p` is the unique borrow `vec`; its spare capacity stays allocated
                // and untouched by anything else until `Fresh::done`.
                let spare = unsafe { &mut (*p).spare_capacity_mut()[..len] };
                let (below, rest) = spare.split_at_mut(base);
                let (window, above) = rest.split_at_mut(n);
                for e in below.iter_mut().chain(above.iter_mut()) {
                    e.write(T::zero());
                }
                parts.push((window, true));
            }
        }
    }
    (parts, fresh)
}

/// The length of each thread's range of `0..n` (the last may be shorter): one range per thread,
/// none under `MIN_PER_THREAD` iterations.
fn range_len(n: usize) -> usize {
    let threads = rayon::current_num_threads().min(n / MIN_PER_THREAD).max(1);
    n.div_ceil(threads).max(1)
}

/// The iterations `0..n` in one contiguous range per thread (none under `MIN_PER_THREAD`
/// iterations each), each with its part of every window: `(start, length, parts)`.
fn split<T>(n: usize, parts: Vec<Part<'_, T>>) -> Vec<(usize, usize, Vec<Part<'_, T>>)> {
    let chunk = range_len(n);
    let mut ranges: Vec<_> = (0..n.div_ceil(chunk))
        .map(|c| (c * chunk, chunk.min(n - c * chunk), Vec::new()))
        .collect();
    for (s, fresh) in parts {
        for (c, piece) in s.chunks_mut(chunk).enumerate() {
            ranges[c].2.push((piece, fresh));
        }
    }
    ranges
}

/// `run` over the ranges, on rayon's threads where there are several.
fn each<R: Send, S: Send>(ranges: Vec<R>, run: impl Fn(R) -> S + Sync + Send) -> Vec<S> {
    if ranges.len() == 1 {
        ranges.into_iter().map(run).collect()
    } else {
        ranges.into_par_iter().map(run).collect()
    }
}

/// Runs `step(state, lo, hi, windows)` over the iterations `0..n`, downwards, in one
/// contiguous range per thread (several calls per range, one per block, from the top block
/// down; `windows[j]` is then the part `lo..hi` of window `j`, indexed from `lo`). Each range
/// starts from `init()`; returns `(range start, state after its last block)` per range, in
/// increasing order of the range start.
pub fn par_replay<T: Real, S: Send, const K: usize>(
    n: usize,
    wins: [ParWin<'_, T>; K],
    init: impl Fn() -> S + Sync,
    step: impl Fn(&mut S, usize, usize, [&[Cell<T>]; K]) + Sync,
) -> Vec<(usize, S)> {
    let (parts, fresh) = prepare(n, wins);
    let out = each(split(n, parts), |(lo, len, mut wins)| {
        let mut state = init();
        let mut hi = len;
        while hi > 0 {
            let b = hi.saturating_sub(BLOCK);
            let mut it = wins.iter_mut().map(|(s, fresh)| {
                let block = &mut s[b..hi];
                if *fresh {
                    for e in block.iter_mut() {
                        e.write(T::zero());
                    }
                }
                // SAFETY: every element of `block` holds a value: it was initialized
                // (`Init`) or has just been zeroed (`Fresh`).
                let block = unsafe { &mut *(block as *mut [MaybeUninit<T>] as *mut [T]) };
                Cell::from_mut(block).as_slice_of_cells()
            });
            let cells: [&[Cell<T>]; K] = core::array::from_fn(|_| it.next().expect("a part"));
            step(&mut state, lo + b, lo + hi, cells);
            hi = b;
        }
        (lo, state)
    });
    // SAFETY: the ranges cover `0..n`, and each zeroed every block of its fresh parts.
    unsafe { fresh.done() };
    out
}

/// An element of a fresh adjoint's window that a replay writes exactly once: it can be set,
/// not read (it holds no value before).
#[repr(transparent)]
pub struct OutCell<T>(Cell<MaybeUninit<T>>);

impl<T: Copy> OutCell<T> {
    #[inline(always)]
    pub fn set(&self, v: T) {
        self.0.set(MaybeUninit::new(v));
    }
}

/// [`par_replay`], and where every window is [`ParWin::Fresh`], `fresh(state, lo, hi,
/// windows)` instead, once per range: code that *writes* each element of its windows exactly
/// once (each iteration `k` writes element `k` of every window) rather than adding to it, so
/// the gradient is written in one pass, with no zeroing first.
pub fn par_replay_fresh<T: Real, S: Send, const K: usize>(
    n: usize,
    wins: [ParWin<'_, T>; K],
    init: impl Fn() -> S + Sync,
    step: impl Fn(&mut S, usize, usize, [&[Cell<T>]; K]) + Sync,
    fresh: impl Fn(&mut S, usize, usize, [&[OutCell<T>]; K]) + Sync,
) -> Vec<(usize, S)> {
    if K == 0 || !wins.iter().all(|w| matches!(w, ParWin::Fresh { .. })) {
        return par_replay(n, wins, init, step);
    }
    let (parts, adjoints) = prepare(n, wins);
    let out = each(split(n, parts), |(lo, len, wins)| {
        let mut state = init();
        let mut it = wins.into_iter().map(|(s, _)| {
            let cells = Cell::from_mut(s).as_slice_of_cells();
            // SAFETY: `OutCell<T>` is a transparent `Cell<MaybeUninit<T>>`.
            unsafe { &*(cells as *const [Cell<MaybeUninit<T>>] as *const [OutCell<T>]) }
        });
        let cells: [&[OutCell<T>]; K] = core::array::from_fn(|_| it.next().expect("a part"));
        fresh(&mut state, lo, lo + len, cells);
        (lo, state)
    });
    // SAFETY: `fresh` wrote every element of its range's windows (the caller's contract: the
    // generated code writes element `k` of every window in iteration `k`), and the ranges
    // cover `0..n`.
    unsafe { adjoints.done() };
    out
}

/// The forward sweep of such a loop when its value is wanted: `f(lanes, rest)` on one
/// contiguous range of `r` per thread, split into four consecutive lanes of equal length
/// (walked in step, each summing into its own accumulator, so that the sums are four
/// independent chains of additions) and the few indices left over. In increasing order.
pub fn par_lanes<I, S>(
    r: core::ops::Range<I>,
    f: impl Fn([core::ops::Range<I>; 4], core::ops::Range<I>) -> S + Sync,
) -> Vec<S>
where
    I: num_traits::PrimInt + Send + Sync,
    S: Send,
{
    let n = if r.end > r.start {
        (r.end - r.start).to_usize().expect("a range of indices")
    } else {
        0
    };
    let at = |k: usize| r.start + I::from(k).expect("an index within the range");
    let chunk = range_len(n);
    let run = |c: usize| {
        let (lo, hi) = (c * chunk, ((c + 1) * chunk).min(n));
        let q = (hi - lo) / 4;
        let lanes = core::array::from_fn(|j| at(lo + j * q)..at(lo + (j + 1) * q));
        f(lanes, at(lo + 4 * q)..at(hi))
    };
    let ranges = n.div_ceil(chunk).max(1);
    each((0..ranges).collect(), run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AdjVec;

    /// Each element `base + k` receives `k + 1`, the state counts the iterations: checked for
    /// a fresh adjoint and one already holding values, at sizes around the thresholds.
    /// The write-once path: every window fresh, each element written by its iteration.
    #[test]
    fn fresh_windows_written_once() {
        for n in [1, 5, 3 * MIN_PER_THREAD + 7] {
            let (len, base) = (n + 3, 2);
            let (mut a, mut b) = (AdjVec::<f64>::new(), AdjVec::<f64>::new());
            let wins = [a.par_window(len, base, n), b.par_window(len, base, n)];
            let parts = par_replay_fresh(
                n,
                wins,
                || 0usize,
                |_, _, _, _| panic!("the fresh path is taken"),
                |st, lo, hi, [wa, wb]| {
                    for k in 0..hi - lo {
                        wa[k].set((lo + k) as f64);
                        wb[k].set(-((lo + k) as f64));
                        *st += 1;
                    }
                },
            );
            assert_eq!(parts.iter().map(|p| p.1).sum::<usize>(), n);
            let (va, vb) = (a.into_vec(len), b.into_vec(len));
            for i in 0..len {
                let want = if i >= base && i < base + n {
                    (i - base) as f64
                } else {
                    0.0
                };
                assert_eq!((va[i], vb[i]), (want, -want + 0.0), "n {n} i {i}");
            }
        }
    }

    #[test]
    fn lanes_cover_the_range() {
        for (a, b) in [
            (0usize, 0usize),
            (3, 10),
            (0, 3 * MIN_PER_THREAD + 5),
            (7, 100_003),
        ] {
            let parts = par_lanes(a..b, |lanes, rest| {
                let len = lanes[0].len();
                assert!(lanes.iter().all(|l| l.len() == len) && rest.len() < 4);
                let mut v: Vec<usize> = lanes.into_iter().flatten().collect();
                v.extend(rest);
                v
            });
            let all: Vec<usize> = parts.into_iter().flatten().collect();
            assert_eq!(all, (a..b).collect::<Vec<_>>());
        }
    }

    #[test]
    fn every_iteration_once() {
        for n in [
            0,
            1,
            5,
            BLOCK - 1,
            BLOCK + 3,
            3 * MIN_PER_THREAD + 7,
            100_003,
        ] {
            for fresh in [true, false] {
                let (len, base) = (n + 9, 4);
                let mut a = AdjVec::<f64>::new();
                if !fresh {
                    a.add(len - 1, 0.5);
                }
                let w = a.par_window(len, base, n);
                let parts = par_replay(
                    n,
                    [w],
                    || 0usize,
                    |st, lo, hi, [w]| {
                        assert_eq!(w.len(), hi - lo);
                        for k in (lo..hi).rev() {
                            w[k - lo].set(w[k - lo].get() + (k + 1) as f64);
                            *st += 1;
                        }
                    },
                );
                assert_eq!(parts.iter().map(|p| p.1).sum::<usize>(), n);
                let v = a.into_vec(len);
                for (i, e) in v.iter().enumerate() {
                    let mut want = if i >= base && i < base + n {
                        (i - base + 1) as f64
                    } else {
                        0.0
                    };
                    if !fresh && i == len - 1 {
                        want += 0.5;
                    }
                    assert_eq!(*e, want, "n {n} fresh {fresh} i {i}");
                }
            }
        }
    }
}
