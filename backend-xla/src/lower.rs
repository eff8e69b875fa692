//! Lowering a [`Graph`] to StableHLO MLIR text, which the PJRT plugin compiles.
//!
//! The output is one `module` with a `func.func @main` whose arguments and results are the
//! graph's inputs and outputs. Ops are printed in MLIR's generic form
//! (`%t = "stablehlo.add"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>`), which
//! every StableHLO version parses the same way. Elementwise functions without a StableHLO
//! op (`exp2`, `log2`, `log10`, `hypot`, `tan`, the inverse and hyperbolic trigonometric
//! functions, `trunc`, `recip`) lower to numerically careful compositions.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::ir::{
    elem_string, scalar_bytes, BinaryOp, CmpOp, Graph, Literal, Op, ReduceOp, Region, TensorType,
    UnaryOp, Value,
};
use crate::{DType, Result};

/// The StableHLO module for `graph`: `module { func.func @main(...) -> (...) { ... } }`.
pub fn lower(graph: &Graph) -> Result<String> {
    let mut e = Emitter {
        g: graph,
        out: String::new(),
        names: HashMap::new(),
        tmp: 0,
        indent: 4,
    };
    let body = graph.body();
    let args: Vec<String> = body
        .params
        .iter()
        .map(|v| {
            let n = format!("%v{}", v.0);
            e.names.insert(*v, n.clone());
            format!("{n}: {}", graph.ty(*v).mlir())
        })
        .collect();
    let rets: Vec<String> = body.results.iter().map(|v| graph.ty(*v).mlir()).collect();
    for eqn in &body.eqns {
        e.eqn(&eqn.op, &eqn.outputs)?;
    }
    let res: Vec<String> = body.results.iter().map(|v| e.name(*v)).collect();
    let mut s = String::new();
    writeln!(s, "module @oxidiff {{").unwrap();
    writeln!(
        s,
        "  func.func public @main({}) -> ({}) {{",
        args.join(", "),
        rets.join(", ")
    )
    .unwrap();
    s += &e.out;
    if res.is_empty() {
        writeln!(s, "    func.return").unwrap();
    } else {
        writeln!(
            s,
            "    func.return {} : {}",
            res.join(", "),
            rets.join(", ")
        )
        .unwrap();
    }
    writeln!(s, "  }}").unwrap();
    writeln!(s, "}}").unwrap();
    Ok(s)
}

/// A dense element literal for a splat or a whole constant, e.g. `0x3F800000` (floats are
/// written as their bit patterns, which keeps every value exact, infinities and NaNs too).
fn mlir_elem(dtype: DType, c: &[u8]) -> String {
    match dtype {
        DType::F32 => format!("0x{:08X}", u32::from_le_bytes(c.try_into().unwrap())),
        DType::F64 => format!("0x{:016X}", u64::from_le_bytes(c.try_into().unwrap())),
        DType::BF16 | DType::F16 => format!("0x{:04X}", u16::from_le_bytes(c.try_into().unwrap())),
        _ => elem_string(dtype, c),
    }
}

/// `dense<...>` contents for a literal: nested lists matching its shape.
fn dense(lit: &Literal) -> String {
    let sz = lit.ty.dtype.size_bytes();
    let elems: Vec<String> = lit
        .bytes
        .chunks(sz)
        .map(|c| mlir_elem(lit.ty.dtype, c))
        .collect();
    if lit.ty.rank() == 0 {
        return elems.into_iter().next().unwrap_or_default();
    }
    fn nest(shape: &[i64], elems: &[String]) -> String {
        if shape.len() == 1 {
            return format!("[{}]", elems.join(", "));
        }
        let inner: i64 = shape[1..].iter().product();
        let parts: Vec<String> = (0..shape[0] as usize)
            .map(|i| {
                nest(
                    &shape[1..],
                    &elems[i * inner as usize..(i + 1) * inner as usize],
                )
            })
            .collect();
        format!("[{}]", parts.join(", "))
    }
    nest(&lit.ty.shape, &elems)
}

fn arr(xs: &[i64]) -> String {
    if xs.is_empty() {
        "array<i64>".to_string()
    } else {
        let v: Vec<String> = xs.iter().map(|x| x.to_string()).collect();
        format!("array<i64: {}>", v.join(", "))
    }
}

fn list(xs: &[i64]) -> String {
    let v: Vec<String> = xs.iter().map(|x| x.to_string()).collect();
    format!("[{}]", v.join(", "))
}

/// `name = [..]` fields of a `#stablehlo.*<...>` attribute, empty ones left out.
fn dim_fields(fields: &[(&str, &[i64])]) -> Vec<String> {
    fields
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(n, v)| format!("{n} = {}", list(v)))
        .collect()
}

fn compare_type(d: DType) -> &'static str {
    match d {
        DType::F32 | DType::F64 | DType::BF16 | DType::F16 => "FLOAT",
        DType::I32 | DType::I64 => "SIGNED",
        DType::U32 | DType::Bool => "UNSIGNED",
    }
}

fn cmp_dir(c: CmpOp) -> &'static str {
    match c {
        CmpOp::Eq => "EQ",
        CmpOp::Ne => "NE",
        CmpOp::Lt => "LT",
        CmpOp::Le => "LE",
        CmpOp::Gt => "GT",
        CmpOp::Ge => "GE",
    }
}

/// The identity (initial value) of a reduction for a dtype.
fn reduce_init(op: ReduceOp, d: DType) -> f64 {
    let (lowest, highest) = match d {
        DType::I32 => (i32::MIN as f64, i32::MAX as f64),
        DType::I64 => (i64::MIN as f64, i64::MAX as f64),
        DType::U32 => (0.0, u32::MAX as f64),
        DType::Bool => (0.0, 1.0),
        _ => (f64::NEG_INFINITY, f64::INFINITY),
    };
    match op {
        ReduceOp::Sum => 0.0,
        ReduceOp::Prod => 1.0,
        ReduceOp::Max => lowest,
        ReduceOp::Min => highest,
    }
}

struct Emitter<'g> {
    g: &'g Graph,
    out: String,
    names: HashMap<Value, String>,
    tmp: usize,
    indent: usize,
}

impl Emitter<'_> {
    fn name(&self, v: Value) -> String {
        self.names
            .get(&v)
            .cloned()
            .unwrap_or_else(|| format!("%undefined{}", v.0))
    }

    fn ty(&self, v: Value) -> TensorType {
        self.g.ty(v).clone()
    }

    fn fresh(&mut self) -> String {
        self.tmp += 1;
        format!("%t{}", self.tmp)
    }

    fn line(&mut self, s: &str) {
        for _ in 0..self.indent {
            self.out.push(' ');
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// Emits a one-result generic op; returns its SSA name.
    fn op(
        &mut self,
        name: &str,
        args: &[(&str, &TensorType)],
        attrs: &str,
        result: &TensorType,
    ) -> String {
        let r = self.fresh();
        let a: Vec<&str> = args.iter().map(|(n, _)| *n).collect();
        let t: Vec<String> = args.iter().map(|(_, t)| t.mlir()).collect();
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" {{{attrs}}}")
        };
        let l = format!(
            "{r} = \"stablehlo.{name}\"({}){attrs} : ({}) -> {}",
            a.join(", "),
            t.join(", "),
            result.mlir()
        );
        self.line(&l);
        r
    }

    fn un(&mut self, name: &str, x: &str, ty: &TensorType) -> String {
        self.op(name, &[(x, ty)], "", ty)
    }

    fn bin(&mut self, name: &str, a: &str, b: &str, ty: &TensorType) -> String {
        self.op(name, &[(a, ty), (b, ty)], "", ty)
    }

    /// A constant of type `ty` with every element `v`.
    fn splat(&mut self, ty: &TensorType, v: f64) -> String {
        let e = mlir_elem(ty.dtype, &scalar_bytes(ty.dtype, v));
        self.op(
            "constant",
            &[],
            &format!("value = dense<{e}> : {}", ty.mlir()),
            ty,
        )
    }

    fn cmp(&mut self, c: CmpOp, a: &str, b: &str, ty: &TensorType) -> String {
        let attrs = format!(
            "comparison_direction = #stablehlo<comparison_direction {}>, compare_type = #stablehlo<comparison_type {}>",
            cmp_dir(c),
            compare_type(ty.dtype)
        );
        let bt = TensorType::new(DType::Bool, &ty.shape);
        self.op("compare", &[(a, ty), (b, ty)], &attrs, &bt)
    }

    fn select(&mut self, p: &str, a: &str, b: &str, ty: &TensorType) -> String {
        let bt = TensorType::new(DType::Bool, &ty.shape);
        self.op("select", &[(p, &bt), (a, ty), (b, ty)], "", ty)
    }

    /// `^bb0(%a: tensor<T>, %b: tensor<T>)` reducer region computing `name(a, b)`.
    fn reducer_region(&mut self, name: &str, d: DType) -> String {
        let st = TensorType::scalar(d);
        let (a, b, r) = (self.fresh(), self.fresh(), self.fresh());
        let m = st.mlir();
        format!(
            "({{\n{p}  ^bb0({a}: {m}, {b}: {m}):\n{p}    {r} = \"stablehlo.{name}\"({a}, {b}) : ({m}, {m}) -> {m}\n{p}    \"stablehlo.return\"({r}) : ({m}) -> ()\n{p}}})",
            p = " ".repeat(self.indent)
        )
    }

    /// Emits a region (block args = its params) into a string, for while/case.
    fn region(&mut self, r: &Region) -> Result<String> {
        let saved = std::mem::take(&mut self.out);
        self.indent += 2;
        let args: Vec<String> = r
            .params
            .iter()
            .map(|v| {
                let n = format!("%v{}", v.0);
                self.names.insert(*v, n.clone());
                format!("{n}: {}", self.g.ty(*v).mlir())
            })
            .collect();
        if !args.is_empty() {
            let l = format!("^bb0({}):", args.join(", "));
            self.indent -= 2;
            self.line(&format!("  {l}"));
            self.indent += 2;
        }
        for e in &r.eqns {
            self.eqn(&e.op, &e.outputs)?;
        }
        let res: Vec<String> = r.results.iter().map(|v| self.name(*v)).collect();
        let tys: Vec<String> = r.results.iter().map(|v| self.g.ty(*v).mlir()).collect();
        self.line(&format!(
            "\"stablehlo.return\"({}) : ({}) -> ()",
            res.join(", "),
            tys.join(", ")
        ));
        self.indent -= 2;
        let body = std::mem::replace(&mut self.out, saved);
        Ok(body)
    }

    /// Names the outputs of a multi-result op `%tK:n`.
    fn multi(&mut self, outputs: &[Value]) -> String {
        let r = self.fresh();
        if outputs.len() == 1 {
            self.names.insert(outputs[0], r.clone());
            return r;
        }
        for (i, v) in outputs.iter().enumerate() {
            self.names.insert(*v, format!("{r}#{i}"));
        }
        format!("{r}:{}", outputs.len())
    }

    fn eqn(&mut self, op: &Op, outputs: &[Value]) -> Result<()> {
        let out_ty = outputs.first().map(|v| self.ty(*v));
        let oty = || out_ty.clone().expect("single-output op");
        let result: String = match op {
            Op::Constant(lit) => {
                let attrs = format!("value = dense<{}> : {}", dense(lit), lit.ty.mlir());
                self.op("constant", &[], &attrs, &lit.ty)
            }
            Op::Iota { dim, .. } => self.op(
                "iota",
                &[],
                &format!("iota_dimension = {dim} : i64"),
                &oty(),
            ),
            Op::Unary(u, x) => {
                let (xn, t) = (self.name(*x), self.ty(*x));
                self.unary(*u, &xn, &t)
            }
            Op::Binary(b, x, y) => {
                let (xn, yn, t) = (self.name(*x), self.name(*y), self.ty(*x));
                self.binary(*b, &xn, &yn, &t)
            }
            Op::Powi(x, n) => {
                let (xn, t) = (self.name(*x), self.ty(*x));
                let c = self.splat(&t, *n as f64);
                self.bin("power", &xn, &c, &t)
            }
            Op::Compare(c, x, y) => {
                let (xn, yn, t) = (self.name(*x), self.name(*y), self.ty(*x));
                self.cmp(*c, &xn, &yn, &t)
            }
            Op::Select {
                pred,
                on_true,
                on_false,
            } => {
                let (p, a, b, t) = (
                    self.name(*pred),
                    self.name(*on_true),
                    self.name(*on_false),
                    self.ty(*on_true),
                );
                self.select(&p, &a, &b, &t)
            }
            Op::Clamp { lo, x, hi } => {
                let (l, xn, h, t) = (self.name(*lo), self.name(*x), self.name(*hi), self.ty(*x));
                self.op("clamp", &[(&l, &t), (&xn, &t), (&h, &t)], "", &t)
            }
            Op::Convert(x, _) => {
                let (xn, t) = (self.name(*x), self.ty(*x));
                self.op("convert", &[(&xn, &t)], "", &oty())
            }
            Op::BitcastConvert(x, _) => {
                let (xn, t) = (self.name(*x), self.ty(*x));
                self.op("bitcast_convert", &[(&xn, &t)], "", &oty())
            }
            Op::BroadcastInDim { x, dims, .. } => {
                let (xn, t) = (self.name(*x), self.ty(*x));
                self.op(
                    "broadcast_in_dim",
                    &[(&xn, &t)],
                    &format!("broadcast_dimensions = {}", arr(dims)),
                    &oty(),
                )
            }
            Op::Reshape(x, _) => {
                let (xn, t) = (self.name(*x), self.ty(*x));
                self.op("reshape", &[(&xn, &t)], "", &oty())
            }
            Op::Transpose(x, perm) => {
                let (xn, t) = (self.name(*x), self.ty(*x));
                self.op(
                    "transpose",
                    &[(&xn, &t)],
                    &format!("permutation = {}", arr(perm)),
                    &oty(),
                )
            }
            Op::Slice {
                x,
                start,
                limit,
                strides,
            } => {
                let (xn, t) = (self.name(*x), self.ty(*x));
                let attrs = format!(
                    "start_indices = {}, limit_indices = {}, strides = {}",
                    arr(start),
                    arr(limit),
                    arr(strides)
                );
                self.op("slice", &[(&xn, &t)], &attrs, &oty())
            }
            Op::DynamicSlice { x, starts, sizes } => {
                let mut args: Vec<(String, TensorType)> = vec![(self.name(*x), self.ty(*x))];
                args.extend(starts.iter().map(|s| (self.name(*s), self.ty(*s))));
                let a: Vec<(&str, &TensorType)> =
                    args.iter().map(|(n, t)| (n.as_str(), t)).collect();
                self.op(
                    "dynamic_slice",
                    &a,
                    &format!("slice_sizes = {}", arr(sizes)),
                    &oty(),
                )
            }
            Op::DynamicUpdateSlice { x, update, starts } => {
                let mut args: Vec<(String, TensorType)> = vec![
                    (self.name(*x), self.ty(*x)),
                    (self.name(*update), self.ty(*update)),
                ];
                args.extend(starts.iter().map(|s| (self.name(*s), self.ty(*s))));
                let a: Vec<(&str, &TensorType)> =
                    args.iter().map(|(n, t)| (n.as_str(), t)).collect();
                self.op("dynamic_update_slice", &a, "", &oty())
            }
            Op::Concatenate(xs, dim) => {
                let args: Vec<(String, TensorType)> =
                    xs.iter().map(|s| (self.name(*s), self.ty(*s))).collect();
                let a: Vec<(&str, &TensorType)> =
                    args.iter().map(|(n, t)| (n.as_str(), t)).collect();
                self.op(
                    "concatenate",
                    &a,
                    &format!("dimension = {dim} : i64"),
                    &oty(),
                )
            }
            Op::Pad {
                x,
                value,
                low,
                high,
                interior,
            } => {
                let (xn, t, vn, vt) = (
                    self.name(*x),
                    self.ty(*x),
                    self.name(*value),
                    self.ty(*value),
                );
                let attrs = format!(
                    "edge_padding_low = {}, edge_padding_high = {}, interior_padding = {}",
                    arr(low),
                    arr(high),
                    arr(interior)
                );
                self.op("pad", &[(&xn, &t), (&vn, &vt)], &attrs, &oty())
            }
            Op::Reduce { op, x, axes } => {
                let (xn, t) = (self.name(*x), self.ty(*x));
                let st = TensorType::scalar(t.dtype);
                let init = self.splat(&st, reduce_init(*op, t.dtype));
                let fname = match (op, t.dtype) {
                    (ReduceOp::Max, DType::Bool) => "or",
                    (ReduceOp::Min, DType::Bool) => "and",
                    (ReduceOp::Sum, _) => "add",
                    (ReduceOp::Prod, _) => "multiply",
                    (ReduceOp::Max, _) => "maximum",
                    (ReduceOp::Min, _) => "minimum",
                };
                let region = self.reducer_region(fname, t.dtype);
                let r = self.fresh();
                let l = format!(
                    "{r} = \"stablehlo.reduce\"({xn}, {init}) {region} {{dimensions = {}}} : ({}, {}) -> {}",
                    arr(axes),
                    t.mlir(),
                    st.mlir(),
                    oty().mlir()
                );
                self.line(&l);
                r
            }
            Op::Argmax { x, axis, .. } => {
                let (xn, t) = (self.name(*x), self.ty(*x));
                self.arg_reduce(&xn, &t, *axis, &oty(), true)
            }
            Op::Argmin { x, axis, .. } => {
                let (xn, t) = (self.name(*x), self.ty(*x));
                self.arg_reduce(&xn, &t, *axis, &oty(), false)
            }
            Op::DotGeneral { lhs, rhs, dims } => {
                let (a, at, b, bt) = (
                    self.name(*lhs),
                    self.ty(*lhs),
                    self.name(*rhs),
                    self.ty(*rhs),
                );
                let fields = dim_fields(&[
                    ("lhs_batching_dimensions", &dims.lhs_batch),
                    ("rhs_batching_dimensions", &dims.rhs_batch),
                    ("lhs_contracting_dimensions", &dims.lhs_contract),
                    ("rhs_contracting_dimensions", &dims.rhs_contract),
                ]);
                let attrs = format!(
                    "dot_dimension_numbers = #stablehlo.dot<{}>",
                    fields.join(", ")
                );
                self.op("dot_general", &[(&a, &at), (&b, &bt)], &attrs, &oty())
            }
            Op::Take { x, indices } => {
                let (xn, xt, inn, it) = (
                    self.name(*x),
                    self.ty(*x),
                    self.name(*indices),
                    self.ty(*indices),
                );
                let ir = it.rank() as i64;
                let offset: Vec<i64> = (ir..ir + xt.rank() as i64 - 1).collect();
                let mut sizes = xt.shape.clone();
                sizes[0] = 1;
                let mut fields = dim_fields(&[
                    ("offset_dims", &offset),
                    ("collapsed_slice_dims", &[0]),
                    ("start_index_map", &[0]),
                ]);
                fields.push(format!("index_vector_dim = {ir}"));
                let attrs = format!(
                    "dimension_numbers = #stablehlo.gather<{}>, slice_sizes = {}, indices_are_sorted = false",
                    fields.join(", "),
                    arr(&sizes)
                );
                self.op("gather", &[(&xn, &xt), (&inn, &it)], &attrs, &oty())
            }
            Op::ScatterAdd {
                x,
                indices,
                updates,
            } => {
                let (xn, xt, inn, it, un, ut) = (
                    self.name(*x),
                    self.ty(*x),
                    self.name(*indices),
                    self.ty(*indices),
                    self.name(*updates),
                    self.ty(*updates),
                );
                let ir = it.rank() as i64;
                let window: Vec<i64> = (ir..ir + xt.rank() as i64 - 1).collect();
                let mut fields = dim_fields(&[
                    ("update_window_dims", &window),
                    ("inserted_window_dims", &[0]),
                    ("scatter_dims_to_operand_dims", &[0]),
                ]);
                fields.push(format!("index_vector_dim = {ir}"));
                let region = self.reducer_region("add", xt.dtype);
                let r = self.fresh();
                let l = format!(
                    "{r} = \"stablehlo.scatter\"({xn}, {inn}, {un}) {region} {{scatter_dimension_numbers = #stablehlo.scatter<{}>, indices_are_sorted = false, unique_indices = false}} : ({}, {}, {}) -> {}",
                    fields.join(", "),
                    xt.mlir(),
                    it.mlir(),
                    ut.mlir(),
                    xt.mlir()
                );
                self.line(&l);
                r
            }
            Op::While { init, cond, body } => {
                let names: Vec<String> = init.iter().map(|v| self.name(*v)).collect();
                let tys: Vec<String> = init.iter().map(|v| self.g.ty(*v).mlir()).collect();
                let c = self.region(cond)?;
                let b = self.region(body)?;
                let pad = " ".repeat(self.indent);
                let r = self.multi(outputs);
                let l = format!(
                    "{r} = \"stablehlo.while\"({}) ({{\n{c}{pad}}}, {{\n{b}{pad}}}) : ({}) -> ({})",
                    names.join(", "),
                    tys.join(", "),
                    tys.join(", ")
                );
                self.line(&l);
                return Ok(());
            }
            Op::Case { index, branches } => {
                let (i, it) = (self.name(*index), self.ty(*index));
                let mut regions = vec![];
                for b in branches {
                    regions.push(self.region(b)?);
                }
                let pad = " ".repeat(self.indent);
                let tys: Vec<String> = outputs.iter().map(|v| self.g.ty(*v).mlir()).collect();
                let rs: Vec<String> = regions.iter().map(|r| format!("{{\n{r}{pad}}}")).collect();
                let r = if outputs.is_empty() {
                    String::new()
                } else {
                    format!("{} = ", self.multi(outputs))
                };
                let l = format!(
                    "{r}\"stablehlo.case\"({i}) ({}) : ({}) -> ({})",
                    rs.join(", "),
                    it.mlir(),
                    tys.join(", ")
                );
                self.line(&l);
                return Ok(());
            }
            Op::AllReduce { op, x, replicas } => {
                let (xn, t) = (self.name(*x), self.ty(*x));
                let fname = match (op, t.dtype) {
                    (ReduceOp::Max, DType::Bool) => "or",
                    (ReduceOp::Min, DType::Bool) => "and",
                    (ReduceOp::Sum, _) => "add",
                    (ReduceOp::Prod, _) => "multiply",
                    (ReduceOp::Max, _) => "maximum",
                    (ReduceOp::Min, _) => "minimum",
                };
                let region = self.reducer_region(fname, t.dtype);
                let ids: Vec<i64> = (0..*replicas as i64).collect();
                let r = self.fresh();
                let l = format!(
                    "{r} = \"stablehlo.all_reduce\"({xn}) {region} {{replica_groups = dense<[{}]> : tensor<1x{replicas}xi64>}} : ({}) -> {}",
                    list(&ids),
                    t.mlir(),
                    t.mlir()
                );
                self.line(&l);
                r
            }
        };
        if let [v] = outputs {
            self.names.insert(*v, result);
        }
        Ok(())
    }

    fn unary(&mut self, u: UnaryOp, x: &str, t: &TensorType) -> String {
        use UnaryOp::*;
        let bt = TensorType::new(DType::Bool, &t.shape);
        match u {
            Neg => self.un("negate", x, t),
            Abs => self.un("abs", x, t),
            Sign => self.un("sign", x, t),
            Floor => self.un("floor", x, t),
            Ceil => self.un("ceil", x, t),
            Round => self.un("round_nearest_afz", x, t),
            Trunc => {
                let z = self.splat(t, 0.0);
                let neg = self.cmp(CmpOp::Lt, x, &z, t);
                let c = self.un("ceil", x, t);
                let f = self.un("floor", x, t);
                self.select(&neg, &c, &f, t)
            }
            Sin => self.un("sine", x, t),
            Cos => self.un("cosine", x, t),
            Tan => {
                let s = self.un("sine", x, t);
                let c = self.un("cosine", x, t);
                self.bin("divide", &s, &c, t)
            }
            Asin | Acos => {
                // sqrt((1 - x)(1 + x)) keeps precision near |x| = 1.
                let one = self.splat(t, 1.0);
                let a = self.bin("subtract", &one, x, t);
                let b = self.bin("add", &one, x, t);
                let p = self.bin("multiply", &a, &b, t);
                let s = self.un("sqrt", &p, t);
                if u == Asin {
                    self.bin("atan2", x, &s, t)
                } else {
                    self.bin("atan2", &s, x, t)
                }
            }
            Atan => {
                let one = self.splat(t, 1.0);
                self.bin("atan2", x, &one, t)
            }
            Sinh => {
                // (expm1(x) - expm1(-x)) / 2: accurate near 0.
                let n = self.un("negate", x, t);
                let a = self.un("exponential_minus_one", x, t);
                let b = self.un("exponential_minus_one", &n, t);
                let d = self.bin("subtract", &a, &b, t);
                let h = self.splat(t, 0.5);
                self.bin("multiply", &d, &h, t)
            }
            Cosh => {
                let n = self.un("negate", x, t);
                let a = self.un("exponential", x, t);
                let b = self.un("exponential", &n, t);
                let d = self.bin("add", &a, &b, t);
                let h = self.splat(t, 0.5);
                self.bin("multiply", &d, &h, t)
            }
            Tanh => self.un("tanh", x, t),
            Asinh => {
                // a = |x|; sign(x) * log1p(a + a / (1/a + sqrt(1 + 1/a^2))): no overflow, exact near 0.
                let a = self.un("abs", x, t);
                let one = self.splat(t, 1.0);
                let inv = self.bin("divide", &one, &a, t);
                let inv2 = self.bin("multiply", &inv, &inv, t);
                let s = self.bin("add", &one, &inv2, t);
                let s = self.un("sqrt", &s, t);
                let den = self.bin("add", &inv, &s, t);
                let q = self.bin("divide", &a, &den, t);
                let arg = self.bin("add", &a, &q, t);
                let r = self.un("log_plus_one", &arg, t);
                let z = self.splat(t, 0.0);
                let neg = self.cmp(CmpOp::Lt, x, &z, t);
                let nr = self.un("negate", &r, t);
                self.select(&neg, &nr, &r, t)
            }
            Acosh => {
                // log(x) + log1p(sqrt(x - 1) * sqrt(x + 1) / x)
                let one = self.splat(t, 1.0);
                let a = self.bin("subtract", x, &one, t);
                let b = self.bin("add", x, &one, t);
                let sa = self.un("sqrt", &a, t);
                let sb = self.un("sqrt", &b, t);
                let p = self.bin("multiply", &sa, &sb, t);
                let q = self.bin("divide", &p, x, t);
                let l1 = self.un("log_plus_one", &q, t);
                let l = self.un("log", x, t);
                self.bin("add", &l, &l1, t)
            }
            Atanh => {
                // log1p(2x / (1 - x)) / 2
                let one = self.splat(t, 1.0);
                let d = self.bin("subtract", &one, x, t);
                let two_x = self.bin("add", x, x, t);
                let q = self.bin("divide", &two_x, &d, t);
                let l = self.un("log_plus_one", &q, t);
                let h = self.splat(t, 0.5);
                self.bin("multiply", &l, &h, t)
            }
            Exp => self.un("exponential", x, t),
            Exp2 => {
                let c = self.splat(t, std::f64::consts::LN_2);
                let m = self.bin("multiply", x, &c, t);
                self.un("exponential", &m, t)
            }
            Expm1 => self.un("exponential_minus_one", x, t),
            Log => self.un("log", x, t),
            Log2 | Log10 => {
                let k = if u == Log2 {
                    std::f64::consts::LOG2_E
                } else {
                    std::f64::consts::LOG10_E
                };
                let l = self.un("log", x, t);
                let c = self.splat(t, k);
                self.bin("multiply", &l, &c, t)
            }
            Log1p => self.un("log_plus_one", x, t),
            Sqrt => self.un("sqrt", x, t),
            Cbrt => self.un("cbrt", x, t),
            Rsqrt => self.un("rsqrt", x, t),
            Recip => {
                let one = self.splat(t, 1.0);
                self.bin("divide", &one, x, t)
            }
            Logistic => self.un("logistic", x, t),
            Not => self.un("not", x, t),
            IsFinite => self.op("is_finite", &[(x, t)], "", &bt),
        }
    }

    fn binary(&mut self, b: BinaryOp, x: &str, y: &str, t: &TensorType) -> String {
        use BinaryOp::*;
        let name = match b {
            Add => "add",
            Sub => "subtract",
            Mul => "multiply",
            Div => "divide",
            Rem => "remainder",
            Pow => "power",
            Atan2 => "atan2",
            Min => "minimum",
            Max => "maximum",
            And => "and",
            Or => "or",
            Xor => "xor",
            ShiftLeft => "shift_left",
            ShiftRightLogical => "shift_right_logical",
            ShiftRightArithmetic => "shift_right_arithmetic",
            Hypot => {
                // m * sqrt(1 + (n/m)^2) with m = max(|x|,|y|), n = min(...): no overflow.
                let ax = self.un("abs", x, t);
                let ay = self.un("abs", y, t);
                let m = self.bin("maximum", &ax, &ay, t);
                let n = self.bin("minimum", &ax, &ay, t);
                let r = self.bin("divide", &n, &m, t);
                let r2 = self.bin("multiply", &r, &r, t);
                let one = self.splat(t, 1.0);
                let s = self.bin("add", &one, &r2, t);
                let s = self.un("sqrt", &s, t);
                let h = self.bin("multiply", &m, &s, t);
                let z = self.splat(t, 0.0);
                let is0 = self.cmp(CmpOp::Eq, &m, &z, t);
                let h = self.select(&is0, &z, &h, t);
                let inf = self.splat(t, f64::INFINITY);
                let isinf = self.cmp(CmpOp::Eq, &m, &inf, t);
                return self.select(&isinf, &inf, &h, t);
            }
        };
        self.bin(name, x, y, t)
    }

    /// argmax/argmin as a two-operand reduce over (values, iota indices).
    fn arg_reduce(
        &mut self,
        x: &str,
        t: &TensorType,
        axis: i64,
        out: &TensorType,
        max: bool,
    ) -> String {
        let id = out.dtype;
        let it = TensorType::new(id, &t.shape);
        let iota = self.op("iota", &[], &format!("iota_dimension = {axis} : i64"), &it);
        let sv = TensorType::scalar(t.dtype);
        let si = TensorType::scalar(id);
        let init_v = self.splat(
            &sv,
            reduce_init(if max { ReduceOp::Max } else { ReduceOp::Min }, t.dtype),
        );
        let init_i = self.splat(
            &si,
            if id == DType::I32 {
                i32::MAX as f64
            } else {
                i64::MAX as f64
            },
        );
        // Region: pick a if a is NaN, or (b not NaN and (a beats b, or ties with lower index)).
        let saved = std::mem::take(&mut self.out);
        self.indent += 2;
        let (av, ai, bv, bi) = (self.fresh(), self.fresh(), self.fresh(), self.fresh());
        let better = self.cmp(if max { CmpOp::Gt } else { CmpOp::Lt }, &av, &bv, &sv);
        let eq = self.cmp(CmpOp::Eq, &av, &bv, &sv);
        let lower = self.cmp(CmpOp::Lt, &ai, &bi, &si);
        let bs = TensorType::scalar(DType::Bool);
        let tie = self.bin("and", &eq, &lower, &bs);
        let mut pick = self.bin("or", &better, &tie, &bs);
        if t.dtype.is_float() {
            let a_nan = self.cmp(CmpOp::Ne, &av, &av, &sv);
            let b_nan = self.cmp(CmpOp::Ne, &bv, &bv, &sv);
            let b_ok = self.un("not", &b_nan, &bs);
            let p = self.bin("and", &b_ok, &pick, &bs);
            pick = self.bin("or", &a_nan, &p, &bs);
        }
        let rv = self.select(&pick, &av, &bv, &sv);
        let ri = self.select(&pick, &ai, &bi, &si);
        self.line(&format!(
            "\"stablehlo.return\"({rv}, {ri}) : ({}, {}) -> ()",
            sv.mlir(),
            si.mlir()
        ));
        self.indent -= 2;
        let body = std::mem::replace(&mut self.out, saved);
        let pad = " ".repeat(self.indent);
        let r = self.fresh();
        let vt = TensorType::new(t.dtype, &out.shape);
        let l = format!(
            "{r}:2 = \"stablehlo.reduce\"({x}, {iota}, {init_v}, {init_i}) ({{\n{pad}  ^bb0({av}: {svm}, {ai}: {sim}, {bv}: {svm}, {bi}: {sim}):\n{body}{pad}}}) {{dimensions = {dims}}} : ({}, {}, {svm}, {sim}) -> ({}, {})",
            t.mlir(),
            it.mlir(),
            vt.mlir(),
            out.mlir(),
            svm = sv.mlir(),
            sim = si.mlir(),
            dims = arr(&[axis]),
        );
        self.line(&l);
        format!("{r}#1")
    }
}
