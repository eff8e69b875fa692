//! Activity analysis: which bindings carry derivatives, and the errors that depend on it.
//!
//! A binding is active if it is an active parameter or if any assignment to it has an active
//! right-hand side (flow-insensitive, iterated to a fixpoint, so a value accumulated in a loop
//! is active from its declaration). An expression is active if it reads an active binding
//! through arithmetic, a primitive with a rule, a float cast or a differentiated call.

use crate::error::Ctxt;
use crate::ir::*;
use crate::parse::Deferred;
use crate::rules;
use crate::sig::{is_float_type, Sig};
use quote::ToTokens;

pub fn expr_active(vars: &[Var], e: &Expr) -> bool {
    match e {
        Expr::Var(v) => vars[*v].active,
        Expr::Opaque(_) => false,
        Expr::Neg(a) | Expr::Cast(a, _) => expr_active(vars, a),
        Expr::Binary(_, a, b) => expr_active(vars, a) || expr_active(vars, b),
        Expr::Prim(p, args, _) => {
            let int_arg = rules::rule(*p).int_arg;
            args.iter()
                .enumerate()
                .any(|(i, a)| Some(i) != int_arg && expr_active(vars, a))
        }
        Expr::Index(a, _)
        | Expr::ArrayCopy(a, _)
        | Expr::Field(a, _)
        | Expr::FieldIndex(a, _, _)
        | Expr::ArrayArg(a, _)
        | Expr::StructArg(a, _)
        | Expr::FieldArrayArg(a, _) => vars[*a].active,
        Expr::ArrayRepeat(x, _, _) => expr_active(vars, x),
        Expr::ArrayLit(xs, _) => xs.iter().any(|x| expr_active(vars, x)),
    }
}

pub fn call_active(vars: &[Var], c: &Call) -> bool {
    c.args.iter().any(|a| expr_active(vars, a))
}

fn mark(vars: &mut [Var], v: VarId) -> bool {
    if vars[v].active || vars[v].pattern_bound {
        false
    } else {
        vars[v].active = true;
        true
    }
}

fn pass(vars: &mut Vec<Var>, b: &Block) -> bool {
    let mut changed = false;
    for s in &b.stmts {
        changed |= match s {
            Stmt::Let {
                var, init: Some(e), ..
            }
            | Stmt::Assign { var, value: e } => expr_active(vars, e) && mark(vars, *var),
            Stmt::Let { init: None, .. } | Stmt::Opaque(..) => false,
            Stmt::Store { array, value, .. } => expr_active(vars, value) && mark(vars, *array),
            Stmt::Swap(a, b) => {
                if vars[*a].active || vars[*b].active {
                    mark(vars, *a) | mark(vars, *b)
                } else {
                    false
                }
            }
            Stmt::Call { dests, call } => {
                let a = call_active(vars, call);
                let mut c = false;
                if a {
                    for d in dests {
                        c |= mark(vars, *d);
                    }
                    // Arrays the callee updates in place.
                    for arg in &call.args {
                        if let Expr::ArrayArg(v, true) = arg {
                            c |= mark(vars, *v);
                        }
                    }
                }
                c
            }
            Stmt::Block(b) => pass(vars, b),
            Stmt::If { then, els, .. } => {
                let mut c = pass(vars, then);
                if let Some(e) = els {
                    c |= pass(vars, e);
                }
                c
            }
            Stmt::Match { arms, .. } => {
                let mut c = false;
                for a in arms {
                    c |= pass(vars, &a.body);
                }
                c
            }
            Stmt::Loop { body, .. } => pass(vars, body),
            Stmt::Break(_) | Stmt::Continue(_) | Stmt::Return => false,
        };
    }
    changed
}

pub fn infer(cx: &mut Ctxt, sig: &Sig, f: &mut Func, deferred: &[Deferred]) {
    while pass(&mut f.vars, &f.body) {}
    for d in deferred {
        if f.vars[d.var].active {
            cx.error_spanned(&d.blame, &d.msg);
        }
    }
    check_block(cx, sig, &f.vars, &f.body);
    // Reverse mode keeps an array declared in a loop or branch in a variable of the whole
    // function: its name must not stand for anything else there.
    for var in f.vars.iter().filter(|v| v.nested && v.active) {
        if f.vars.iter().filter(|w| w.name == var.name).count() > 1 {
            cx.error_spanned(
                &var.name,
                format!(
                    "#[differentiable] needs an array of active values declared inside a loop or branch to have a name no other variable of the function has: rename this `{}`",
                    var.name
                ),
            );
        }
    }
}

fn check_expr(cx: &mut Ctxt, sig: &Sig, vars: &[Var], e: &Expr) {
    match e {
        Expr::Var(..) => {}
        Expr::Opaque(o) => {
            if let OpaqueKind::Unsupported(msg) = &o.kind {
                if o.reads.iter().any(|&v| vars[v].active) {
                    cx.error_spanned(&o.blame, msg);
                }
            }
        }
        Expr::Neg(a) => check_expr(cx, sig, vars, a),
        Expr::Cast(a, ty) => {
            check_expr(cx, sig, vars, a);
            if expr_active(vars, a)
                && ty.to_token_stream().to_string() != sig.float_ty.to_token_stream().to_string()
                && is_float_type(ty, &sig.generics)
            {
                cx.error_spanned(
                    ty,
                    format!(
                        "casting an active value to another float type is not supported: this function's active values are `{}`",
                        sig.float_ty.to_token_stream()
                    ),
                );
            }
        }
        Expr::Binary(_, a, b) => {
            check_expr(cx, sig, vars, a);
            check_expr(cx, sig, vars, b);
        }
        Expr::Prim(_, args, _) | Expr::ArrayLit(args, _) => {
            for a in args {
                check_expr(cx, sig, vars, a);
            }
        }
        Expr::ArrayRepeat(x, _, _) => check_expr(cx, sig, vars, x),
        Expr::Index(..)
        | Expr::ArrayCopy(..)
        | Expr::Field(..)
        | Expr::FieldIndex(..)
        | Expr::ArrayArg(..)
        | Expr::StructArg(..)
        | Expr::FieldArrayArg(..) => {}
    }
}

fn check_block(cx: &mut Ctxt, sig: &Sig, vars: &[Var], b: &Block) {
    for s in &b.stmts {
        match s {
            Stmt::Let {
                var, init: Some(e), ..
            } if vars[*var].pattern_bound && expr_active(vars, e) => {
                let ty = vars[*var]
                    .ty
                    .as_ref()
                    .map(|t| t.to_token_stream().to_string());
                cx.error_spanned(
                    &vars[*var].name,
                    format!(
                        "`{}` has a type that can't carry a derivative (`{}`), but its value depends on active inputs: give it the float type, or wrap the value in `oxidiff::stop_gradient(..)` if no derivative should flow",
                        vars[*var].name,
                        ty.unwrap_or_default()
                    ),
                );
            }
            Stmt::Let { init: Some(e), .. }
            | Stmt::Assign { value: e, .. }
            | Stmt::Store { value: e, .. } => check_expr(cx, sig, vars, e),
            Stmt::Call { call, .. } => {
                for a in &call.args {
                    check_expr(cx, sig, vars, a);
                }
            }
            Stmt::Block(b) => check_block(cx, sig, vars, b),
            Stmt::If { then, els, .. } => {
                check_block(cx, sig, vars, then);
                if let Some(e) = els {
                    check_block(cx, sig, vars, e);
                }
            }
            Stmt::Match { arms, .. } => {
                for a in arms {
                    check_block(cx, sig, vars, &a.body);
                }
            }
            Stmt::Loop { body, .. } => check_block(cx, sig, vars, body),
            _ => {}
        }
    }
}
