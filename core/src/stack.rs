/// The typed value stack on which reverse mode saves what a loop iteration overwrites
/// (Tapenade's push/pop): one stack per straight-line segment of the function, holding a tuple
/// of the values that segment's adjoint needs, plus one stack of segment ids recording the path
/// taken through branches and loops. Memory grows with the values saved, not with a tape of
/// closures.
#[derive(Debug, Clone)]
pub struct Stack<T> {
    items: Vec<T>,
}

impl<T> Default for Stack<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Stack<T> {
    /// An empty stack; allocates on the first push.
    #[inline(always)]
    pub const fn new() -> Self {
        Stack { items: Vec::new() }
    }

    /// Saves a value.
    #[inline(always)]
    pub fn push(&mut self, v: T) {
        self.items.push(v)
    }

    /// Takes back the last value saved. Generated code pops exactly what it pushed, so an empty
    /// stack here is a bug in oxidiff, reported as such.
    #[inline(always)]
    pub fn pop(&mut self) -> T {
        match self.items.pop() {
            Some(v) => v,
            None => empty_stack(),
        }
    }

    /// Takes back the last value saved, or `None` when the stack is empty.
    #[inline(always)]
    pub fn try_pop(&mut self) -> Option<T> {
        self.items.pop()
    }

    /// How many values are saved.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing is saved.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The bytes this stack holds now (for memory measurements).
    pub fn bytes(&self) -> usize {
        self.items.capacity() * core::mem::size_of::<T>()
    }
}

#[cold]
#[inline(never)]
fn empty_stack() -> ! {
    panic!("oxidiff: reverse-mode stack underflow; this is a bug in oxidiff, please report it")
}
