//! The IR without a device: builder checks, printer, lowering text.

use oxidiff_xla::ir::*;
use oxidiff_xla::lower::lower;
use oxidiff_xla::trace::trace;
use oxidiff_xla::DType;

fn f32s(shape: &[i64]) -> TensorType {
    TensorType::new(DType::F32, shape)
}

#[test]
fn printer_is_jaxpr_like() {
    let g = trace(&[(DType::F32, vec![3]), (DType::F32, vec![])], |x| {
        let y = x[0].try_add(&x[1])?.sin()?;
        Ok(vec![y.sum(&[0])?])
    })
    .unwrap();
    let text = g.to_string();
    assert_eq!(
        text,
        "{ lambda %0:f32[3] %1:f32[] .\n  %2:f32[3] = broadcast_in_dim[dims=[]] %1\n  %3:f32[3] = add %0 %2\n  %4:f32[3] = sin %3\n  %5:f32[] = reduce_sum[axes=[0]] %4\n  in (%5) }"
    );
    assert_eq!(g.num_eqns(), 4);
    assert_eq!(g.input_types(), vec![f32s(&[3]), f32s(&[])]);
    assert_eq!(g.output_types(), vec![f32s(&[])]);
}

#[test]
fn control_flow_prints_and_lowers_regions() {
    let g = trace(&[(DType::F32, vec![])], |x| {
        let limit = x[0].clone();
        let w = oxidiff_xla::tensor::Tensor::while_loop(
            vec![x[0].clone()],
            |c| c[0].less(&limit),
            |c| Ok(vec![&c[0] * 2.0]),
        )?;
        let p = w[0].greater(&x[0])?;
        oxidiff_xla::tensor::Tensor::cond(&p, || Ok(vec![w[0].clone()]), || Ok(vec![x[0].clone()]))
    })
    .unwrap();
    let text = g.to_string();
    assert!(text.contains("= while %0"), "{text}");
    assert!(text.contains("cond={ lambda"), "{text}");
    assert!(text.contains("branch1={ lambda  ."), "{text}");
    let m = lower(&g).unwrap();
    assert!(m.contains("\"stablehlo.while\"(%v0)"), "{m}");
    assert!(m.contains("\"stablehlo.case\""), "{m}");
    assert!(
        m.starts_with(
            "module @oxidiff {\n  func.func public @main(%v0: tensor<f32>) -> (tensor<f32>) {"
        ),
        "{m}"
    );
}

#[test]
fn lowering_text() {
    let mut b = GraphBuilder::new();
    let x = b.param(f32s(&[2, 3]));
    let y = b.unary(UnaryOp::Log10, x).unwrap();
    let c = b
        .constant(Literal::from_slice(&[1.0f32, f32::NAN, -0.0], &[3]).unwrap())
        .unwrap();
    let z = b.binary(BinaryOp::Add, y, c).unwrap();
    let t = b.add1(Op::Transpose(z, vec![1, 0])).unwrap();
    let g = b.finish(&[t]).unwrap();
    let m = lower(&g).unwrap();
    assert!(m.contains("\"stablehlo.log\""), "{m}");
    assert!(
        m.contains("dense<[0x3F800000, 0x7FC00000, 0x80000000]> : tensor<3xf32>"),
        "{m}"
    );
    assert!(m.contains("broadcast_dimensions = array<i64: 1>"), "{m}");
    assert!(m.contains("permutation = array<i64: 1, 0>"), "{m}");
    assert!(m.contains("func.return %t"), "{m}");
}

#[test]
fn shape_errors_are_results() {
    let mut b = GraphBuilder::new();
    let x = b.param(f32s(&[3, 4]));
    let y = b.param(f32s(&[5]));
    let i = b.param(TensorType::new(DType::I32, &[3]));
    let err = |r: oxidiff_xla::Result<Value>| r.unwrap_err().to_string();
    assert!(
        err(b.binary(BinaryOp::Add, x, y)).contains("add: shapes [3, 4] and [5] do not broadcast")
    );
    assert!(
        err(b.add1(Op::Binary(BinaryOp::Mul, x, y))).contains("mul: shapes [3, 4] and [5] differ")
    );
    assert!(err(b.binary(BinaryOp::Add, x, i)).contains("add: dtypes f32 and i32 differ"));
    assert!(err(b.add1(Op::Reshape(x, vec![5, 2])))
        .contains("cannot reshape [3, 4] (12 elements) to [5, 2]"));
    assert!(err(b.add1(Op::Transpose(x, vec![0, 0]))).contains("transpose: axis 0 repeated"));
    assert!(err(b.add1(Op::Slice {
        x,
        start: vec![0, 0],
        limit: vec![4, 4],
        strides: vec![1, 1]
    }))
    .contains("slice: [0..4 step 1] out of range for dim 0"));
    assert!(err(b.add1(Op::Concatenate(vec![x, y], 0)))
        .contains("concatenate: shapes [3, 4] and [5] differ outside axis 0"));
    assert!(err(b.add1(Op::Reduce {
        op: ReduceOp::Sum,
        x,
        axes: vec![2]
    }))
    .contains("reduce_sum: axis 2 out of range for rank 2"));
    let dims = DotDims {
        lhs_contract: vec![1],
        rhs_contract: vec![0],
        ..Default::default()
    };
    assert!(err(b.add1(Op::DotGeneral {
        lhs: x,
        rhs: y,
        dims
    }))
    .contains("dot_general: dim 1 of [3, 4] and dim 0 of [5] differ"));
    assert!(err(b.add1(Op::Take { x, indices: y })).contains("take: indices have dtype f32"));
    let upd = b.param(f32s(&[3, 5]));
    assert!(err(b.add1(Op::ScatterAdd {
        x,
        indices: i,
        updates: upd
    }))
    .contains("scatter_add: updates have shape [3, 5], expected [3, 4]"));
    assert!(err(b.add1(Op::BroadcastInDim {
        x: y,
        shape: vec![3, 4],
        dims: vec![1]
    }))
    .contains("cannot broadcast [5] to [3, 4]"));
    assert!(err(b.add1(Op::Iota {
        dtype: DType::F32,
        shape: vec![3],
        dim: 1
    }))
    .contains("iota: axis 1 out of range for rank 1"));
    assert!(err(b.add1(Op::Pad {
        x,
        value: y,
        low: vec![0, 0],
        high: vec![0, 0],
        interior: vec![0, 0]
    }))
    .contains("pad: padding value f32[5] must be a scalar"));
    assert!(err(b.add1(Op::Case {
        index: x,
        branches: vec![]
    }))
    .contains("case: index has type f32[3,4], expected i32[]"));
    assert!(err(b.add1(Op::BitcastConvert(x, DType::F64)))
        .contains("bitcast_convert: f32 and f64 differ in size"));
    assert!(err(b.add1(Op::DynamicSlice {
        x,
        starts: vec![i, i],
        sizes: vec![1, 1]
    }))
    .contains("start index of type i32[3]"));
    // A value from a closed region is out of scope.
    let ps = b.begin_region(&[f32s(&[])]);
    let inner = b.unary(UnaryOp::Sin, ps[0]).unwrap();
    b.end_region(&[inner]).unwrap();
    assert!(err(b.unary(UnaryOp::Cos, inner)).contains("not in scope"));
    assert!(b.end_region(&[]).is_err());
    // The builder still works after errors.
    let ok = b.binary(BinaryOp::Add, x, x).unwrap();
    let g = b.finish(&[ok]).unwrap();
    assert!(lower(&g).is_ok());
}

#[test]
fn broadcast_shapes_rules() {
    let bs = |a: &[i64], b: &[i64]| broadcast_shapes("op", &[a.to_vec(), b.to_vec()]);
    assert_eq!(bs(&[], &[2, 3]).unwrap(), vec![2, 3]);
    assert_eq!(bs(&[3, 1], &[1, 4]).unwrap(), vec![3, 4]);
    assert_eq!(bs(&[2, 1, 4], &[3, 1]).unwrap(), vec![2, 3, 4]);
    assert_eq!(bs(&[0], &[1]).unwrap(), vec![0]);
    assert_eq!(bs(&[1], &[0]).unwrap(), vec![0]);
    assert!(bs(&[2], &[3])
        .unwrap_err()
        .to_string()
        .contains("op: shapes [2] and [3] do not broadcast"));
}

#[test]
fn every_unary_and_binary_op_lowers() {
    for u in UnaryOp::ALL {
        let d = if u == UnaryOp::Not {
            DType::I32
        } else {
            DType::F32
        };
        let mut b = GraphBuilder::new();
        let x = b.param(TensorType::new(d, &[2]));
        let y = b.unary(u, x).unwrap();
        let m = lower(&b.finish(&[y]).unwrap()).unwrap();
        assert!(m.contains("stablehlo."), "{}", u.name());
    }
    for op in BinaryOp::ALL {
        let d = if op.check_dtype(DType::F32).is_ok() {
            DType::F32
        } else {
            DType::I32
        };
        let mut b = GraphBuilder::new();
        let x = b.param(TensorType::new(d, &[2]));
        let y = b.binary(op, x, x).unwrap();
        assert!(lower(&b.finish(&[y]).unwrap()).is_ok());
    }
}
