//! The floating-point mode XLA's CPU backend computes in: subnormal numbers flushed to zero.
//!
//! XLA's CPU runtime runs its kernels with the processor's flush-to-zero and denormals-are-zero
//! modes on, so a JAX program never computes with subnormal numbers (`jax.jit(lambda x: x *
//! 0.5)(1e-38)` is `0.0` in `float32`). Plain Rust follows IEEE 754: a value below `f32::MIN_POSITIVE`
//! is kept as a subnormal, and on x86 each operation on one can cost a hundred cycles. A simulation
//! whose field decays towards zero (the tail of a Gaussian, a damped wave) can spend most of its
//! time there.
//!
//! [`FlushDenormals`] switches the current thread to XLA's mode for as long as the guard lives,
//! and [`flush_denormals`] runs a closure in it. Use it to compare with XLA on equal terms, or when
//! values that small are noise for your problem. Results differ from IEEE arithmetic only where a
//! subnormal would have occurred, where they become zero.
//!
//! Supported on x86-64 (MXCSR's FTZ and DAZ bits) and AArch64 (FPCR's FZ bit); elsewhere the guard
//! does nothing and [`FlushDenormals::active`] says so.

/// While alive, the current thread flushes subnormal floating-point results and inputs to zero.
/// Dropping it restores the mode that was in force before. Not `Send`: the mode is per thread.
///
/// ```
/// use oxidiff_core::fpmode::FlushDenormals;
/// let tiny = std::hint::black_box(1e-38f32);
/// {
///     let guard = FlushDenormals::new();
///     let half = std::hint::black_box(tiny) * 0.5;
///     if guard.active() {
///         assert_eq!(half, 0.0);
///     }
/// }
/// assert!(std::hint::black_box(tiny) * 0.5 > 0.0);
/// ```
pub struct FlushDenormals {
    saved: Option<u64>,
    _not_send: std::marker::PhantomData<*const ()>,
}

impl FlushDenormals {
    /// Turns flushing on for the current thread.
    pub fn new() -> Self {
        let saved = imp::enable();
        FlushDenormals {
            saved,
            _not_send: std::marker::PhantomData,
        }
    }

    /// Whether this target supports the mode (x86-64, AArch64); if not, the guard does nothing.
    pub fn active(&self) -> bool {
        self.saved.is_some()
    }
}

impl Default for FlushDenormals {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for FlushDenormals {
    fn drop(&mut self) {
        if let Some(saved) = self.saved {
            imp::restore(saved);
        }
    }
}

/// Runs `f` with subnormal numbers flushed to zero on the current thread (see [`FlushDenormals`]),
/// and restores the previous mode afterwards, also if `f` panics.
pub fn flush_denormals<R>(f: impl FnOnce() -> R) -> R {
    let _guard = FlushDenormals::new();
    f()
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use std::arch::asm;

    /// MXCSR bit 15 flushes subnormal results to zero, bit 6 treats subnormal inputs as zero.
    const FTZ_DAZ: u32 = (1 << 15) | (1 << 6);

    fn read() -> u32 {
        let mut csr: u32 = 0;
        // SAFETY: `stmxcsr` stores the 32-bit control register to the given, valid address.
        unsafe { asm!("stmxcsr [{}]", in(reg) &mut csr, options(nostack, preserves_flags)) };
        csr
    }

    fn write(csr: u32) {
        // SAFETY: `ldmxcsr` loads the control register from a valid address; the values written
        // are the saved one or it with only the FTZ and DAZ bits added, both valid on every
        // x86-64 processor (SSE2 and DAZ are baseline there).
        unsafe { asm!("ldmxcsr [{}]", in(reg) &csr, options(nostack, preserves_flags)) };
    }

    pub(super) fn enable() -> Option<u64> {
        let old = read();
        write(old | FTZ_DAZ);
        Some(old as u64)
    }

    pub(super) fn restore(saved: u64) {
        write(saved as u32);
    }
}

#[cfg(target_arch = "aarch64")]
mod imp {
    use std::arch::asm;

    /// FPCR bit 24 (FZ) flushes subnormal inputs and results to zero.
    const FZ: u64 = 1 << 24;

    fn read() -> u64 {
        let fpcr: u64;
        // SAFETY: reading FPCR has no side effects.
        unsafe { asm!("mrs {}, fpcr", out(reg) fpcr, options(nomem, nostack, preserves_flags)) };
        fpcr
    }

    fn write(fpcr: u64) {
        // SAFETY: writes the saved value, or it with only FZ added.
        unsafe { asm!("msr fpcr, {}", in(reg) fpcr, options(nomem, nostack, preserves_flags)) };
    }

    pub(super) fn enable() -> Option<u64> {
        let old = read();
        write(old | FZ);
        Some(old)
    }

    pub(super) fn restore(saved: u64) {
        write(saved);
    }
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
mod imp {
    pub(super) fn enable() -> Option<u64> {
        None
    }

    pub(super) fn restore(_saved: u64) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hint::black_box;

    #[test]
    fn flushes_inside_and_restores_after() {
        let tiny = 1e-38f32;
        assert!(
            black_box(tiny) * black_box(0.5f32) > 0.0,
            "IEEE mode before"
        );
        let (half, active) = {
            let g = FlushDenormals::new();
            (black_box(tiny) * black_box(0.5f32), g.active())
        };
        if active {
            assert_eq!(half, 0.0, "subnormal result flushed");
            let sub = flush_denormals(|| black_box(3e-39f32) + black_box(0.0f32));
            assert_eq!(sub, 0.0, "subnormal input read as zero");
            let small = flush_denormals(|| black_box(1e-300f64) * black_box(1e-10f64));
            assert_eq!(small, 0.0, "f64 too");
        }
        assert!(
            black_box(tiny) * black_box(0.5f32) > 0.0,
            "IEEE mode restored"
        );
        assert_eq!(
            black_box(3.0f32) * black_box(0.5f32),
            1.5,
            "normal numbers unaffected"
        );
    }

    #[test]
    fn nested_guards_restore_in_order() {
        let outer = FlushDenormals::new();
        {
            let _inner = FlushDenormals::new();
        }
        if outer.active() {
            assert_eq!(
                black_box(1e-38f32) * black_box(0.5f32),
                0.0,
                "still on after inner drop"
            );
        }
        drop(outer);
        assert!(black_box(1e-38f32) * black_box(0.5f32) > 0.0);
    }
}
