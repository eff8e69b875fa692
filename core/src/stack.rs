/// The typed value stack on which reverse mode saves what a loop iteration overwrites
/// (Tapenade's push/pop): one stack per straight-line segment of the function, holding a tuple
/// of the values that segment's adjoint needs, plus one stack of segment ids recording the path
/// taken through branches and loops. Memory grows with the values saved, not with a tape of
/// closures.
pub struct Stack<T> {
    /// The first `INLINE` values live here, so short loops never allocate.
    inline: [core::mem::MaybeUninit<T>; INLINE],
    /// How many of `inline` are initialized (all of them once a chunk is in use).
    len: usize,
    /// Further values, in fixed-size chunks (the last one is being filled). Chunks never move
    /// their contents and are recycled through a per-thread pool, so a long forward pass
    /// neither copies its tape as it grows nor faults in fresh memory on every call.
    chunks: Vec<Chunk<T>>,
}

const INLINE: usize = 8;

struct Chunk<T> {
    ptr: core::ptr::NonNull<T>,
    len: usize,
    cap: usize,
}

impl<T> Default for Stack<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Stack<T> {
    /// An empty stack; allocates only past its first few values.
    #[inline(always)]
    pub const fn new() -> Self {
        Stack {
            inline: [const { core::mem::MaybeUninit::uninit() }; INLINE],
            len: 0,
            chunks: Vec::new(),
        }
    }

    /// Saves a value.
    #[inline(always)]
    pub fn push(&mut self, v: T) {
        if self.len < INLINE {
            self.inline[self.len].write(v);
            self.len += 1;
            return;
        }
        match self.chunks.last_mut() {
            Some(c) if c.len < c.cap => {
                // SAFETY: `len < cap` slots of this chunk's allocation; slot `len` is free.
                unsafe { c.ptr.as_ptr().add(c.len).write(v) };
                c.len += 1;
            }
            _ => self.push_new_chunk(v),
        }
    }

    #[cold]
    #[inline(never)]
    fn push_new_chunk(&mut self, v: T) {
        let mut c = pool::take::<T>();
        // SAFETY: a fresh chunk has `cap >= 1` free slots.
        unsafe { c.ptr.as_ptr().write(v) };
        c.len = 1;
        self.chunks.push(c);
    }

    /// Takes back the last value saved. Generated code pops exactly what it pushed, so an empty
    /// stack here is a bug in oxidiff, reported as such.
    #[inline(always)]
    pub fn pop(&mut self) -> T {
        match self.try_pop() {
            Some(v) => v,
            None => empty_stack(),
        }
    }

    /// Takes back the last value saved, or `None` when the stack is empty.
    #[inline(always)]
    pub fn try_pop(&mut self) -> Option<T> {
        if let Some(c) = self.chunks.last_mut() {
            c.len -= 1;
            // SAFETY: slots `0..len` of a chunk are initialized; the old last one is read once.
            let v = unsafe { c.ptr.as_ptr().add(c.len).read() };
            if c.len == 0 {
                if let Some(c) = self.chunks.pop() {
                    pool::give(c);
                }
            }
            return Some(v);
        }
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: entries `0..len` of `inline` are initialized (written by `push`), and the
        // entry at the old `len - 1` is read exactly once, as `len` no longer covers it.
        Some(unsafe { self.inline[self.len].assume_init_read() })
    }

    /// How many values are saved.
    #[inline]
    pub fn len(&self) -> usize {
        self.len + self.chunks.iter().map(|c| c.len).sum::<usize>()
    }

    /// Whether nothing is saved.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes this stack holds now (for memory measurements).
    pub fn bytes(&self) -> usize {
        core::mem::size_of::<Self>()
            + self.chunks.iter().map(|c| c.cap).sum::<usize>() * core::mem::size_of::<T>()
    }
}

impl<T> Drop for Stack<T> {
    fn drop(&mut self) {
        for c in self.chunks.drain(..) {
            // SAFETY: slots `0..len` of the chunk are initialized and dropped once here.
            unsafe {
                core::ptr::drop_in_place(core::ptr::slice_from_raw_parts_mut(c.ptr.as_ptr(), c.len))
            };
            pool::give(c);
        }
        for slot in &mut self.inline[..self.len] {
            // SAFETY: entries `0..len` are initialized and dropped once here.
            unsafe { slot.assume_init_drop() };
        }
    }
}

// A stack only hands out its values by value: it is as thread-safe as they are.
// SAFETY: the chunks are owned exclusively by the stack, like a `Vec<T>`'s buffer.
unsafe impl<T: Send> Send for Stack<T> {}
// SAFETY: shared references give no access to the values.
unsafe impl<T: Sync> Sync for Stack<T> {}

impl<T> core::fmt::Debug for Stack<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Stack").field("len", &self.len()).finish()
    }
}

/// Chunks of `CHUNK_BYTES` bytes, recycled per thread (up to `POOL_MAX` of them).
mod pool {
    use super::Chunk;
    use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
    use std::cell::RefCell;
    use std::ptr::NonNull;

    const CHUNK_BYTES: usize = 1 << 18;
    const ALIGN: usize = 64;
    const POOL_MAX: usize = 256;

    thread_local! {
        static FREE: RefCell<Vec<NonNull<u8>>> = const { RefCell::new(Vec::new()) };
    }

    fn pooled<T>() -> bool {
        core::mem::size_of::<T>() != 0
            && core::mem::align_of::<T>() <= ALIGN
            && core::mem::size_of::<T>() <= CHUNK_BYTES / 4
    }

    fn layout<T>() -> Layout {
        if pooled::<T>() {
            Layout::from_size_align(CHUNK_BYTES, ALIGN).unwrap_or_else(|_| unreachable!())
        } else {
            Layout::array::<T>(4096).unwrap_or_else(|_| handle_alloc_error(Layout::new::<T>()))
        }
    }

    pub(super) fn take<T>() -> Chunk<T> {
        if core::mem::size_of::<T>() == 0 {
            return Chunk {
                ptr: NonNull::dangling(),
                len: 0,
                cap: usize::MAX,
            };
        }
        let cap = if pooled::<T>() {
            CHUNK_BYTES / core::mem::size_of::<T>()
        } else {
            4096
        };
        let reused = if pooled::<T>() {
            FREE.try_with(|f| f.borrow_mut().pop()).ok().flatten()
        } else {
            None
        };
        let raw = match reused {
            Some(p) => p,
            None => {
                let l = layout::<T>();
                // SAFETY: the layout has a non-zero size.
                let p = unsafe { alloc(l) };
                NonNull::new(p).unwrap_or_else(|| handle_alloc_error(l))
            }
        };
        Chunk {
            ptr: raw.cast(),
            len: 0,
            cap,
        }
    }

    pub(super) fn give<T>(c: Chunk<T>) {
        if core::mem::size_of::<T>() == 0 {
            return;
        }
        let raw: NonNull<u8> = c.ptr.cast();
        if pooled::<T>() {
            let kept = FREE
                .try_with(|f| {
                    let mut f = f.borrow_mut();
                    if f.len() < POOL_MAX {
                        f.push(raw);
                        true
                    } else {
                        false
                    }
                })
                .unwrap_or(false);
            if kept {
                return;
            }
        }
        // SAFETY: allocated by `take` with this layout, and no longer used.
        unsafe { dealloc(raw.as_ptr(), layout::<T>()) };
    }
}

#[cold]
#[inline(never)]
fn empty_stack() -> ! {
    panic!("oxidiff: reverse-mode stack underflow; this is a bug in oxidiff, please report it")
}

#[cfg(test)]
mod tests {
    use super::Stack;
    use std::rc::Rc;

    #[test]
    fn last_in_first_out_across_the_inline_part() {
        let mut s = Stack::new();
        for i in 0..100 {
            s.push(i);
        }
        assert_eq!(s.len(), 100);
        for i in (0..100).rev() {
            assert_eq!(s.pop(), i);
        }
        assert!(s.try_pop().is_none());
    }

    #[test]
    fn many_chunks_and_reuse() {
        for round in 0..3 {
            let mut s = Stack::new();
            for i in 0..200_000u64 {
                s.push((i, round));
            }
            for i in (0..200_000u64).rev() {
                assert_eq!(s.pop(), (i, round));
            }
            assert!(s.try_pop().is_none());
        }
    }

    #[test]
    fn drops_what_is_left() {
        let rc = Rc::new(());
        {
            let mut s = Stack::new();
            for _ in 0..100_000 {
                s.push(rc.clone());
            }
            s.pop();
            assert_eq!(Rc::strong_count(&rc), 100_000);
        }
        assert_eq!(Rc::strong_count(&rc), 1);
    }
}
