//! The threefry PRNG: determinism, splitting, and rough moments.

use oxidiff_xla::random;
use oxidiff_xla::tensor::Tensor;
use oxidiff_xla::trace::Compiled;
use oxidiff_xla::DType;

fn moments(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n;
    (m, var)
}

#[test]
fn threefry_matches_the_reference_vector() {
    // Known-answer test of Threefry-2x32 (20 rounds) from the Random123 suite:
    // key = (0x13198a2e, 0x03707344), counter = (0x243f6a88, 0x85a308d3).
    let key = Tensor::from_vec(vec![0x1319_8a2eu32, 0x0370_7344], &[2]).unwrap();
    // bits_flat uses counters 0..n; fold_in uses counter (0, data): check against
    // a host implementation instead.
    fn rotl(x: u32, d: u32) -> u32 {
        x.rotate_left(d)
    }
    fn threefry(k: [u32; 2], c: [u32; 2]) -> [u32; 2] {
        let ks = [k[0], k[1], k[0] ^ k[1] ^ 0x1BD1_1BDA];
        let rot = [[13, 15, 26, 6], [17, 29, 16, 24]];
        let mut x = [c[0].wrapping_add(ks[0]), c[1].wrapping_add(ks[1])];
        for i in 0..5 {
            for &r in &rot[i % 2] {
                x[0] = x[0].wrapping_add(x[1]);
                x[1] = rotl(x[1], r) ^ x[0];
            }
            x[0] = x[0].wrapping_add(ks[(i + 1) % 3]);
            x[1] = x[1]
                .wrapping_add(ks[(i + 2) % 3])
                .wrapping_add(i as u32 + 1);
        }
        x
    }
    assert_eq!(
        threefry([0x1319_8a2e, 0x0370_7344], [0x243f_6a88, 0x85a3_08d3]),
        [0xc492_3a9c, 0x483d_f7a0]
    );
    let got = random::fold_in(&key, 7).unwrap().to_vec::<u32>().unwrap();
    assert_eq!(got, threefry([0x1319_8a2e, 0x0370_7344], [0, 7]).to_vec());
    let bits = random::bits(&key, &[3]).unwrap().to_vec::<u32>().unwrap();
    // Counters 0..4 (padded to even) split in halves: pairs (0,2), (1,3).
    let p0 = threefry([0x1319_8a2e, 0x0370_7344], [0, 2]);
    let p1 = threefry([0x1319_8a2e, 0x0370_7344], [1, 3]);
    assert_eq!(bits, vec![p0[0], p1[0], p0[1]]);
}

#[test]
fn deterministic_and_splittable() {
    let k = random::key(42).unwrap();
    assert_eq!(k.to_vec::<u32>().unwrap(), vec![0, 42]);
    let a = random::uniform(&k, DType::F32, &[5])
        .unwrap()
        .to_vec::<f32>()
        .unwrap();
    let b = random::uniform(&k, DType::F32, &[5])
        .unwrap()
        .to_vec::<f32>()
        .unwrap();
    assert_eq!(a, b);
    let ks = random::split(&k, 3).unwrap();
    assert_eq!(ks.len(), 3);
    let all = random::split_keys(&k, 3).unwrap().to_vec::<u32>().unwrap();
    let mut flat = vec![];
    for kk in &ks {
        flat.extend(kk.to_vec::<u32>().unwrap());
    }
    assert_eq!(flat, all);
    let c = random::uniform(&ks[0], DType::F32, &[5])
        .unwrap()
        .to_vec::<f32>()
        .unwrap();
    let d = random::uniform(&ks[1], DType::F32, &[5])
        .unwrap()
        .to_vec::<f32>()
        .unwrap();
    assert_ne!(a, c);
    assert_ne!(c, d);
    // Traced and eager give the same numbers.
    let f = Compiled::trace(&[(DType::U32, vec![2])], |k| {
        Ok(vec![random::uniform(&k[0], DType::F32, &[5])?])
    })
    .unwrap();
    assert_eq!(f.call(&[&k]).unwrap()[0].to_vec::<f32>().unwrap(), a);
    let e = random::uniform(&Tensor::scalar(1.0f32).unwrap(), DType::F32, &[2])
        .unwrap_err()
        .to_string();
    assert!(e.contains("a key is a u32[2] tensor, got f32[]"), "{e}");
    let e = random::uniform(&k, DType::I32, &[2])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("uniform: expected a float dtype, got i32"),
        "{e}"
    );
}

#[test]
fn moments_of_uniform_and_normal() {
    let k = random::key(0).unwrap();
    let ks = random::split(&k, 8).unwrap();
    let n = 20000;
    for (i, d) in [DType::F32, DType::F64, DType::BF16, DType::F16]
        .into_iter()
        .enumerate()
    {
        let u = random::uniform(&ks[i], d, &[n])
            .unwrap()
            .to_f64_vec()
            .unwrap();
        assert!(
            u.iter().all(|&x| (0.0..1.0).contains(&x)),
            "uniform/{d} out of [0, 1)"
        );
        let (m, v) = moments(&u);
        assert!((m - 0.5).abs() < 0.01, "uniform/{d} mean {m}");
        assert!((v - 1.0 / 12.0).abs() < 0.005, "uniform/{d} var {v}");
        let z = random::normal(&ks[4 + i], d, &[n / 100, 100]).unwrap();
        assert_eq!(z.shape(), &[n / 100, 100]);
        let z = z.to_f64_vec().unwrap();
        assert!(z.iter().all(|x| x.is_finite()));
        let (m, v) = moments(&z);
        assert!(m.abs() < 0.03, "normal/{d} mean {m}");
        assert!((v - 1.0).abs() < 0.05, "normal/{d} var {v}");
    }
    let r = random::uniform_range(&k, DType::F32, &[1000], -2.0, 3.0)
        .unwrap()
        .to_f64_vec()
        .unwrap();
    assert!(r.iter().all(|&x| (-2.0..3.0).contains(&x)));
    assert!((moments(&r).0 - 0.5).abs() < 0.2);
    assert_eq!(
        random::uniform(&k, DType::F32, &[0, 3]).unwrap().shape(),
        &[0, 3]
    );
}
