/// The typed value stack on which reverse mode saves what a loop iteration overwrites
/// (Tapenade's push/pop): one stack per straight-line segment of the function, holding a tuple
/// of the values that segment's adjoint needs, plus one stack of segment ids recording the path
/// taken through branches and loops. Memory grows with the values saved, not with a tape of
/// closures.
pub struct Stack<T> {
    /// The first `INLINE` values live here, so short loops never allocate.
    inline: [core::mem::MaybeUninit<T>; INLINE],
    /// How many of `inline` are initialized (all of them once `heap` is used).
    len: usize,
    heap: Vec<T>,
}

const INLINE: usize = 8;

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
            heap: Vec::new(),
        }
    }

    /// Makes room for `additional` more values (a loop's trip count, known before it runs).
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        self.heap.reserve(additional);
    }

    /// Saves a value.
    #[inline(always)]
    pub fn push(&mut self, v: T) {
        if self.len < INLINE {
            self.inline[self.len].write(v);
            self.len += 1;
        } else {
            self.heap.push(v);
        }
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
        if let Some(v) = self.heap.pop() {
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
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len + self.heap.len()
    }

    /// Whether nothing is saved.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes this stack holds now (for memory measurements).
    pub fn bytes(&self) -> usize {
        core::mem::size_of::<Self>() + self.heap.capacity() * core::mem::size_of::<T>()
    }
}

impl<T> Drop for Stack<T> {
    fn drop(&mut self) {
        for slot in &mut self.inline[..self.len] {
            // SAFETY: entries `0..len` are initialized and dropped once here.
            unsafe { slot.assume_init_drop() };
        }
    }
}

impl<T: core::fmt::Debug> core::fmt::Debug for Stack<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Stack").field("len", &self.len()).finish()
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
    fn drops_what_is_left() {
        let rc = Rc::new(());
        {
            let mut s = Stack::new();
            for _ in 0..20 {
                s.push(rc.clone());
            }
            s.pop();
            assert_eq!(Rc::strong_count(&rc), 20);
        }
        assert_eq!(Rc::strong_count(&rc), 1);
    }
}
