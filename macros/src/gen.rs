//! What forward and reverse code generation share: names of tangents and adjoints, fresh
//! temporaries, primal expressions, and the calls to the derivative rules.

use std::cell::Cell;
use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::{Ident, Type};

use crate::infer::expr_active;
use crate::ir::*;
use crate::rules::{self, Prim};
use crate::sig::Sig;

pub struct Gen<'a> {
    pub f: &'a Func,
    pub sig: &'a Sig,
    /// Path to the facade crate (`::oxidiff`, or the `crate = ".."` option).
    pub root: TokenStream,
    pub float: Type,
    /// The user's float type `F` (the same as `float` except in the dual twin).
    pub user_float: Type,
    /// Generating the dual twin: active values are `Dual<F>`, and the user's constants and
    /// integer casts are adapted to meet them.
    pub twin: bool,
    counter: Cell<usize>,
    /// Variables that some `Assign` or call writes after their declaration.
    assigned: Vec<bool>,
    tan: Vec<Ident>,
    adj: Vec<Ident>,
}

impl<'a> Gen<'a> {
    pub fn new(f: &'a Func, sig: &'a Sig, root: TokenStream) -> Self {
        // Readable names: `x` gets `__dx` / `__bx`; a shadowing `x` gets `__dx_1`, unless a
        // variable named `x_1` took that already (then `__dx_2`, ..): every name is distinct.
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut tan = Vec::new();
        let mut adj = Vec::new();
        for v in &f.vars {
            let base = v.name.to_string().trim_start_matches("__").to_string();
            let n = seen.entry(base.clone()).or_insert(0);
            let suffix = loop {
                let s = if *n == 0 {
                    String::new()
                } else {
                    format!("_{n}")
                };
                *n += 1;
                if taken.insert(format!("{base}{s}")) {
                    break s;
                }
            };
            let base = base.trim_start_matches("__");
            tan.push(format_ident!(
                "__d{}{}",
                base,
                suffix,
                span = Span::mixed_site()
            ));
            adj.push(format_ident!(
                "__b{}{}",
                base,
                suffix,
                span = Span::mixed_site()
            ));
        }
        let mut assigned = vec![false; f.vars.len()];
        mark_assigned(&f.body, &mut assigned);
        Gen {
            f,
            sig,
            root,
            assigned,
            float: sig.float_ty.clone(),
            user_float: sig.float_ty.clone(),
            twin: false,
            counter: Cell::new(0),
            tan,
            adj,
        }
    }

    /// The generator of the dual twin of a function (its signature from `Sig::dual_twin`).
    pub fn twin(f: &'a Func, twin_sig: &'a Sig, root: TokenStream) -> Self {
        let mut g = Gen::new(f, twin_sig, root);
        g.twin = true;
        if let Some(inner) = dual_inner(&g.float) {
            g.user_float = inner;
        }
        g
    }

    /// An inactive float value where an active one is expected: converted in the dual twin.
    pub fn lift(&self, t: TokenStream) -> TokenStream {
        if self.twin {
            let p = self.private();
            let f = &self.float;
            quote!(#p::lift::<#f, _>(#t))
        } else {
            t
        }
    }

    /// The user's tokens (conditions, statements, indices); in the dual twin, casts to integer
    /// types go through `CastInt` so that they accept dual numbers.
    pub fn ot(&self, t: &TokenStream) -> TokenStream {
        if !self.twin {
            return t.clone();
        }
        struct Casts(TokenStream);
        impl syn::visit_mut::VisitMut for Casts {
            fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
                syn::visit_mut::visit_expr_mut(self, e);
                if let syn::Expr::Cast(c) = e {
                    let ty = c.ty.to_token_stream().to_string();
                    let int =
                        matches!(ty.as_str(), "i8" | "i16" | "i32" | "i64" | "isize" | "i128");
                    let uint =
                        matches!(ty.as_str(), "u8" | "u16" | "u32" | "u64" | "usize" | "u128");
                    // `(a > 0.0) as usize`: a boolean, not a dual number.
                    let mut inner = &*c.expr;
                    while let syn::Expr::Paren(p) = inner {
                        inner = &p.expr;
                    }
                    let boolean = match inner {
                        syn::Expr::Binary(b) => matches!(
                            b.op,
                            syn::BinOp::Lt(_)
                                | syn::BinOp::Le(_)
                                | syn::BinOp::Gt(_)
                                | syn::BinOp::Ge(_)
                                | syn::BinOp::Eq(_)
                                | syn::BinOp::Ne(_)
                                | syn::BinOp::And(_)
                                | syn::BinOp::Or(_)
                        ),
                        syn::Expr::Unary(u) => matches!(u.op, syn::UnOp::Not(_)),
                        syn::Expr::Lit(l) => matches!(l.lit, syn::Lit::Bool(_)),
                        _ => false,
                    };
                    if (int || uint) && !boolean {
                        let p = &self.0;
                        let inner = &c.expr;
                        let t = &c.ty;
                        let m = if int {
                            quote!(cast_i64)
                        } else {
                            quote!(cast_u64)
                        };
                        *e = syn::parse_quote!((#p::CastInt::#m(#inner) as #t));
                    }
                }
            }
        }
        let p = self.private();
        // Active scalars this code reads are rebound to their plain values; not names a
        // closure inside binds (`|v| v * v` while an active `v` exists elsewhere).
        let mut names: Vec<&Ident> = Vec::new();
        self.active_names_in(t, &mut names);
        let bound = closure_params_in(t);
        names.retain(|n| !bound.contains(&n.to_string()));
        let mut rebind: TokenStream = names
            .iter()
            .map(|n| quote!(let #n = #p::primal(#n);))
            .collect();
        // Arrays passed on as a whole (`norm(&r)` in `while norm(&r) > tol`) go to plain
        // functions: their plain values, as slices.
        let mut arrays: Vec<Ident> = Vec::new();
        self.whole_arrays_in(t, &mut arrays);
        for n in &arrays {
            let pv = quote::format_ident!("__pv_{}", n, span = proc_macro2::Span::mixed_site());
            rebind.extend(quote!(let #pv = #p::primal_vec(&#n[..]); let #n = &#pv[..];));
        }
        let names_empty = names.is_empty() && arrays.is_empty();
        if let Ok(mut e) = syn::parse2::<syn::Expr>(t.clone()) {
            syn::visit_mut::VisitMut::visit_expr_mut(&mut Casts(p), &mut e);
            if names_empty || matches!(e, syn::Expr::Let(_)) {
                return e.to_token_stream();
            }
            return quote!({ #rebind #e });
        }
        if let Ok(mut s) = syn::parse2::<syn::Stmt>(t.clone()) {
            syn::visit_mut::VisitMut::visit_stmt_mut(&mut Casts(p), &mut s);
            if names_empty || matches!(s, syn::Stmt::Local(_) | syn::Stmt::Item(_)) {
                return s.to_token_stream();
            }
            return quote!({ #rebind #s });
        }
        t.clone()
    }

    /// Active arrays that appear in `t` as a whole (not `x[i]`, `x.len()`): each once.
    fn whole_arrays_in(&self, t: &TokenStream, out: &mut Vec<Ident>) {
        let tts: Vec<proc_macro2::TokenTree> = t.clone().into_iter().collect();
        let is_punct = |k: usize, c: char| matches!(tts.get(k), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == c);
        let is_bracket = |k: usize| matches!(tts.get(k), Some(proc_macro2::TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Bracket);
        for (k, tt) in tts.iter().enumerate() {
            // `p.x`, `x.len()`, `x[i]`, `x::..`: not the array as a whole; `x.iter()` is (a
            // chain in a condition: `while u.iter().sum::<f64>() > 1.0`).
            let iterated = matches!(tts.get(k + 2), Some(proc_macro2::TokenTree::Ident(m))
                if m == "iter" || m == "into_iter" || m == "to_vec");
            let part = (k > 0 && is_punct(k - 1, '.'))
                || (is_punct(k + 1, '.') && !iterated)
                || is_bracket(k + 1)
                || (is_punct(k + 1, ':') && is_punct(k + 2, ':'));
            match tt {
                proc_macro2::TokenTree::Group(g) => self.whole_arrays_in(&g.stream(), out),
                proc_macro2::TokenTree::Ident(i)
                    if !part
                        && self
                            .f
                            .vars
                            .iter()
                            .any(|v| v.array && v.active && v.name == *i)
                        // A scalar shadowing an array's name (`let x = s.sqrt();`): ambiguous
                        // by name, so left alone.
                        && !self.f.vars.iter().any(|v| !v.array && v.name == *i)
                        && !out.contains(i) =>
                {
                    out.push(i.clone());
                }
                _ => {}
            }
        }
    }

    /// Names of active scalar variables that appear in `t` (also inside macros and format
    /// strings).
    fn active_names_in<'s>(&'s self, t: &TokenStream, names: &mut Vec<&'s Ident>) {
        // A name right after `.` is a field or a method (`p.w.len()`), not a local. A name
        // that is also an array's, followed by `.` or `[`, is the array (`0..x.len()` where a
        // closure parameter elsewhere is also called `x`).
        let tts: Vec<proc_macro2::TokenTree> = t.clone().into_iter().collect();
        let is_punct = |k: usize, c: char| matches!(tts.get(k), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == c);
        let is_bracket = |k: usize| matches!(tts.get(k), Some(proc_macro2::TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Bracket);
        for (k, tt) in tts.iter().cloned().enumerate() {
            let after_dot = k > 0 && is_punct(k - 1, '.');
            match tt {
                proc_macro2::TokenTree::Ident(_) if after_dot => {}
                proc_macro2::TokenTree::Ident(i)
                    if (is_punct(k + 1, '.') || is_bracket(k + 1))
                        && self.f.vars.iter().any(|v| v.array && v.name == i) => {}
                proc_macro2::TokenTree::Ident(i) => self.note_name(&i.to_string(), names),
                proc_macro2::TokenTree::Group(g) => self.active_names_in(&g.stream(), names),
                proc_macro2::TokenTree::Literal(l) => {
                    let s = l.to_string();
                    if s.starts_with('"') {
                        for part in s.split('{').skip(1) {
                            let n: String = part
                                .chars()
                                .take_while(|c| c.is_alphanumeric() || *c == '_')
                                .collect();
                            self.note_name(&n, names);
                        }
                    }
                }
                proc_macro2::TokenTree::Punct(_) => {}
            }
        }
    }

    fn note_name<'s>(&'s self, n: &str, names: &mut Vec<&'s Ident>) {
        if let Some(v) = self.f.vars.iter().find(|v| {
            v.active
                && !v.array
                && v.param
                    .map_or(true, |i| self.sig.params[i].structure.is_none())
                && v.name == n
        }) {
            if !names.iter().any(|m| **m == n) {
                names.push(&v.name);
            }
        }
    }

    /// A local's type annotation, with `F` replaced by the twin's float type when it is active.
    pub fn var_ty(&self, v: VarId) -> Option<TokenStream> {
        let var = &self.f.vars[v];
        let ty = var.ty.as_ref()?;
        if self.twin && var.active {
            let t = crate::sig::subst_type(ty, &self.user_float, &self.float);
            Some(quote!(: #t))
        } else {
            Some(quote!(: #ty))
        }
    }

    pub fn fresh(&self, prefix: &str) -> Ident {
        let n = self.counter.get() + 1;
        self.counter.set(n);
        format_ident!("__{}{}", prefix, n, span = Span::mixed_site())
    }

    pub fn name(&self, v: VarId) -> &Ident {
        &self.f.vars[v].name
    }
    pub fn tan(&self, v: VarId) -> &Ident {
        &self.tan[v]
    }
    /// A reference to a struct argument `n` (a parameter named by `v`), or to its field
    /// `n.path`: what a callee taking `&S` gets.
    pub fn struct_ref(&self, v: VarId, n: &Ident, path: &TokenStream) -> TokenStream {
        let by_ref = self.f.vars[v]
            .param
            .and_then(|i| self.sig.params[i].structure.as_ref())
            .is_some_and(|s| s.by_ref);
        match (path.is_empty(), by_ref) {
            (true, true) => quote!(#n),
            (true, false) => quote!(&#n),
            (false, _) => quote!(&#n.#path),
        }
    }
    /// In the dual twin, the struct tangents a call passes after its arguments (the twin of a
    /// callee takes its struct arguments' tangents last, in order).
    pub fn twin_struct_tangents(&self, call: &Call) -> Vec<TokenStream> {
        if !self.twin {
            return Vec::new();
        }
        call.args
            .iter()
            .filter_map(|a| match a {
                Expr::StructArg(v, path) => {
                    let t = self.struct_tangent(*v);
                    Some(self.struct_ref(*v, &t, path))
                }
                _ => None,
            })
            .collect()
    }
    pub fn adj(&self, v: VarId) -> &Ident {
        &self.adj[v]
    }
    pub fn active(&self, v: VarId) -> bool {
        self.f.vars[v].active
    }
    /// In the dual twin, the tangent (direction) of an active struct parameter: the twin reads
    /// each field as a dual number of the field and its tangent.
    pub fn struct_tangent(&self, v: VarId) -> Ident {
        struct_tangent_ident(&self.f.vars[v].name)
    }

    /// A field value as the generated code reads it: plain, or in the dual twin with its
    /// tangent (`p.a.b`, `p.w[i]`).
    pub fn field_value(&self, v: VarId, place: TokenStream) -> TokenStream {
        let n = self.name(v);
        if self.twin {
            let t = self.struct_tangent(v);
            let p = self.private();
            quote!(#p::dual(#n.#place, #t.#place))
        } else {
            quote!(#n.#place)
        }
    }

    /// Whether a call is differentiated: some result is active, or it updates an active array
    /// in place (a call in statement position has no results).
    pub fn call_differentiated(&self, dests: &[VarId], call: &Call) -> bool {
        dests.iter().any(|&d| self.active(d))
            || (dests.is_empty() && call.args.iter().any(|a| self.expr_active(a)))
    }
    pub fn expr_active(&self, e: &Expr) -> bool {
        expr_active(&self.f.vars, e)
    }
    /// A parameter never assigned: its value is the same everywhere, so code after the forward
    /// pass may read it directly instead of saving it.
    pub fn stable_param(&self, v: VarId) -> bool {
        let var = &self.f.vars[v];
        if var.array || var.reassigned {
            return false;
        }
        // The pullback names it: no other binding may shadow the name.
        if self.f.vars.iter().filter(|w| w.name == var.name).count() != 1 {
            return false;
        }
        // A top-level `let` never assigned again keeps its value to the end of the function,
        // where the pullback is made (unless a `return` leaves a labeled block first).
        !self.assigned[v] && (var.param.is_some() || (var.top_level && !self.f.has_return))
    }

    pub fn private(&self) -> TokenStream {
        let root = &self.root;
        quote!(#root::__private)
    }

    pub fn zero(&self) -> TokenStream {
        let p = self.private();
        let f = &self.float;
        quote!(#p::zero::<#f>())
    }

    /// Where an accumulator of adjoint contributions starts: `-0.0` (see `acc_zero`).
    pub fn acc_zero(&self) -> TokenStream {
        let p = self.private();
        let f = &self.float;
        quote!(#p::acc_zero::<#f>())
    }

    /// The expression as written (for values no derivative flows through).
    pub fn primal(&self, e: &Expr) -> TokenStream {
        match e {
            Expr::Var(v) => {
                let n = self.name(*v);
                quote!(#n)
            }
            Expr::Opaque(o) => {
                let t = self.ot(&o.tokens);
                quote!((#t))
            }
            Expr::Neg(a) => {
                let a = self.primal(a);
                quote!((-#a))
            }
            Expr::Binary(op, a, b) => {
                let a = self.primal(a);
                let b = self.primal(b);
                let op = binop_tokens(*op);
                quote!((#a #op #b))
            }
            Expr::Prim(p, args, span) => {
                // Inactive (it may be integer code: `n.max(1)`): as a method call, except that
                // a float literal receiver (`f64::min(1.0, c)`) goes through `Float` to get a
                // type.
                let mut vals: Vec<TokenStream> = args.iter().map(|a| self.primal(a)).collect();
                // In the dual twin's plain code (a checkpointed loop's forward pass), an active
                // receiver takes its other float arguments as dual numbers (`u.max(0.5)`).
                let int_arg = rules::rule(*p).int_arg;
                if self.twin && self.expr_active(&args[0]) {
                    for (k, (a, v)) in args.iter().zip(vals.iter_mut()).enumerate().skip(1) {
                        if Some(k) != int_arg && !self.expr_active(a) {
                            *v = self.lift(v.clone());
                        }
                    }
                }
                let name = Ident::new(rules::rule(*p).name, *span);
                let float_lit = matches!(
                    &args[0],
                    Expr::Opaque(o) if syn::parse2::<syn::LitFloat>(o.tokens.clone()).is_ok()
                );
                if float_lit {
                    let pr = self.private();
                    quote_spanned!(*span=> #pr::Float::#name(#(#vals),*))
                } else {
                    let recv = &vals[0];
                    let rest = &vals[1..];
                    quote_spanned!(*span=> #recv.#name(#(#rest),*))
                }
            }
            Expr::Cast(a, ty) => {
                let a = self.primal(a);
                quote!((#a as #ty))
            }
            Expr::Index(a, i) => {
                let (a, i) = (self.name(*a), self.ot(&i.tokens));
                quote!(#a[#i])
            }
            Expr::ArrayRepeat(x, n, vec) => {
                let (x, n) = (self.primal(x), &n.tokens);
                if *vec {
                    quote!(::std::vec![#x; #n])
                } else {
                    quote!([#x; #n])
                }
            }
            Expr::ArrayLit(xs, vec) => {
                let xs: Vec<TokenStream> = xs.iter().map(|x| self.primal(x)).collect();
                if *vec {
                    quote!(::std::vec![#(#xs),*])
                } else {
                    quote!([#(#xs),*])
                }
            }
            // In the dual twin, with its tangent (plain code of a checkpointed loop).
            Expr::Field(p, path) => self.field_value(*p, path.clone()),
            Expr::FieldIndex(p, path, i) => {
                let i = self.ot(&i.tokens);
                self.field_value(*p, quote!(#path[#i]))
            }
            Expr::ArrayArg(a, false) => {
                let a = self.name(*a);
                quote!(&#a[..])
            }
            Expr::StructArg(v, path) => self.struct_ref(*v, self.name(*v), path),
            Expr::FieldArrayArg(v, path) => {
                let n = self.name(*v);
                if self.twin {
                    // The callee's twin takes the slice as dual numbers.
                    let (t, p) = (self.struct_tangent(*v), self.private());
                    quote!(&#p::dual_vec(&#n.#path[..], &#t.#path[..])[..])
                } else {
                    quote!(&#n.#path[..])
                }
            }
            Expr::ArrayArg(a, true) => {
                let a = self.name(*a);
                quote!(&mut #a[..])
            }
            Expr::ArrayCopy(a, clone) => {
                let a = self.name(*a);
                if *clone {
                    quote!(#a.clone())
                } else {
                    quote!(#a.to_vec())
                }
            }
        }
    }

    pub fn is_array(&self, v: VarId) -> bool {
        self.f.vars[v].array
    }

    /// `recv.method(args..)` for a primitive.
    /// `<F>::method(recv, args..)`: spelled through the float type so that a literal receiver
    /// (`f64::min(1.0, x)`) has a known type.
    pub fn prim_call(&self, p: Prim, vals: &[TokenStream], span: Span) -> TokenStream {
        let name = Ident::new(rules::rule(p).name, span);
        let f = &self.float;
        if self.twin {
            let p = self.private();
            quote_spanned!(span=> <#f as #p::Float>::#name(#(#vals),*))
        } else {
            quote_spanned!(span=> <#f>::#name(#(#vals),*))
        }
    }

    /// Binds the partial derivatives of `p` at the given operands to fresh names in `out`, and
    /// returns one per operand (`None` for the integer operand). Operands the rule does not read
    /// may be `None` (a dummy is passed).
    pub fn partials(
        &self,
        p: Prim,
        operands: &[Option<TokenStream>],
        result: Option<TokenStream>,
        out: &mut TokenStream,
    ) -> Vec<Option<Ident>> {
        let rule = rules::rule(p);
        let private = self.private();
        let name = Ident::new(rule.name, Span::call_site());
        let zero = self.zero();
        let mut args: Vec<TokenStream> = operands
            .iter()
            .map(|o| o.clone().unwrap_or_else(|| zero.clone()))
            .collect();
        args.push(result.unwrap_or_else(|| zero.clone()));
        let call = quote!(#private::rules::#name(#(#args),*));
        let n_float = rule.arity - usize::from(rule.int_arg.is_some());
        if n_float == 1 {
            let d = self.fresh("p");
            out.extend(quote!(let #d = #call;));
            (0..rule.arity)
                .map(|i| if i == 0 { Some(d.clone()) } else { None })
                .collect()
        } else {
            let ds: Vec<Ident> = (0..n_float).map(|_| self.fresh("p")).collect();
            out.extend(quote!(let (#(#ds),*) = #call;));
            ds.into_iter().map(Some).collect()
        }
    }

    /// The function's result type, element `i` of a tuple result.
    pub fn result_ty(&self, i: usize) -> Type {
        match (&self.sig.ret_ty, self.sig.ret_arity) {
            (Type::Tuple(t), Some(_)) => t.elems[i].clone(),
            (t, _) => t.clone(),
        }
    }

    /// `'__body` label used when the body contains `return`.
    pub fn body_label(&self) -> syn::Lifetime {
        syn::Lifetime::new("'__body", Span::mixed_site())
    }

    /// The name of a differentiable function's generated derivative (`__oxidiff_jvp_g`).
    pub fn derived_path(&self, call: &Call, kind: &str) -> TokenStream {
        let prefix = &call.prefix;
        let kind = if self.twin && kind == "vjp" {
            "dvjp"
        } else {
            kind
        };
        let name = format_ident!("__oxidiff_{}_{}", kind, call.name, span = call.name.span());
        let generics = &call.generics;
        quote_spanned!(call.span=> #prefix #name #generics)
    }

    /// The tuple of result variables (or the one).
    pub fn results_tuple(&self, names: impl Fn(VarId) -> Ident) -> TokenStream {
        let r: Vec<Ident> = self.f.results.iter().map(|&v| names(v)).collect();
        if self.sig.ret_arity.is_some() {
            quote!((#(#r),*))
        } else {
            let r = &r[0];
            quote!(#r)
        }
    }
}

/// Names closures in `t` bind as parameters.
fn closure_params_in(t: &TokenStream) -> Vec<String> {
    struct C(Vec<String>);
    impl<'ast> syn::visit::Visit<'ast> for C {
        fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
            for p in &c.inputs {
                struct P<'a>(&'a mut Vec<String>);
                impl<'ast> syn::visit::Visit<'ast> for P<'_> {
                    fn visit_pat_ident(&mut self, i: &'ast syn::PatIdent) {
                        self.0.push(i.ident.to_string());
                    }
                }
                syn::visit::Visit::visit_pat(&mut P(&mut self.0), p);
            }
            syn::visit::visit_expr_closure(self, c);
        }
    }
    let mut c = C(Vec::new());
    if let Ok(e) = syn::parse2::<syn::Expr>(t.clone()) {
        syn::visit::Visit::visit_expr(&mut c, &e);
    } else if let Ok(s) = syn::parse2::<syn::Stmt>(t.clone()) {
        syn::visit::Visit::visit_stmt(&mut c, &s);
    }
    c.0
}

/// The name of a struct parameter's tangent in the dual twin (see [`Gen::struct_tangent`]).
pub fn struct_tangent_ident(p: &Ident) -> Ident {
    format_ident!(
        "__tan_{}",
        p.to_string().trim_start_matches("r#"),
        span = Span::mixed_site()
    )
}

fn mark_assigned(b: &Block, assigned: &mut [bool]) {
    for s in &b.stmts {
        match s {
            Stmt::Assign { var, .. } => assigned[*var] = true,
            Stmt::Call { dests, .. } | Stmt::Opaque(_, dests) => {
                for d in dests {
                    assigned[*d] = true;
                }
            }
            _ => {
                for inner in nested_blocks(s) {
                    mark_assigned(inner, assigned);
                }
            }
        }
    }
}

/// `T` of `Dual<T>`.
pub fn dual_inner(ty: &Type) -> Option<Type> {
    match ty {
        Type::Path(tp) => match tp.path.segments.last().map(|s| &s.arguments) {
            Some(syn::PathArguments::AngleBracketed(a)) => match a.args.first() {
                Some(syn::GenericArgument::Type(t)) => Some(t.clone()),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

pub fn binop_tokens(op: BinOp) -> TokenStream {
    match op {
        BinOp::Add => quote!(+),
        BinOp::Sub => quote!(-),
        BinOp::Mul => quote!(*),
        BinOp::Div => quote!(/),
        BinOp::Rem => quote!(%),
    }
}

/// The control-flow statement around already generated blocks.
pub fn control(g: &Gen, s: &Stmt, blocks: &[TokenStream]) -> TokenStream {
    match s {
        Stmt::Block(_) => {
            let b = &blocks[0];
            quote!({ #b })
        }
        Stmt::If { cond, els, .. } => {
            let cond = g.ot(cond);
            let t = &blocks[0];
            match els {
                Some(_) => {
                    let e = &blocks[1];
                    quote!(if #cond { #t } else { #e })
                }
                None => quote!(if #cond { #t }),
            }
        }
        Stmt::Match { scrutinee, arms } => {
            let scrutinee = g.ot(scrutinee);
            let arms = arms.iter().zip(blocks).map(|(a, b)| {
                let pat = &a.pat;
                match &a.guard {
                    Some(gd) => {
                        let gd = g.ot(gd);
                        quote!(#pat if #gd => { #b })
                    }
                    None => quote!(#pat => { #b }),
                }
            });
            quote!(match #scrutinee { #(#arms)* })
        }
        Stmt::Loop { label, kind, .. } => {
            let b = &blocks[0];
            let label = label.as_ref().map(|l| quote!(#l:));
            match kind {
                LoopKind::Loop => quote!(#label loop { #b }),
                LoopKind::While(c) => {
                    let c = g.ot(c);
                    quote!(#label while #c { #b })
                }
                LoopKind::For(p, it) => {
                    let it = g.ot(it);
                    quote!(#label for #p in #it { #b })
                }
            }
        }
        _ => TokenStream::new(),
    }
}

/// The blocks nested in a control-flow statement, in order.
pub fn nested_blocks(s: &Stmt) -> Vec<&Block> {
    match s {
        Stmt::Block(b) => vec![b],
        Stmt::If { then, els, .. } => {
            let mut v = vec![then];
            if let Some(e) = els {
                v.push(e);
            }
            v
        }
        Stmt::Match { arms, .. } => arms.iter().map(|a| &a.body).collect(),
        Stmt::Loop { body, .. } => vec![body],
        _ => vec![],
    }
}

pub fn is_simple(s: &Stmt) -> bool {
    matches!(
        s,
        Stmt::Let { .. }
            | Stmt::Assign { .. }
            | Stmt::Call { .. }
            | Stmt::Opaque(..)
            | Stmt::Store { .. }
            | Stmt::Swap(..)
    )
}
