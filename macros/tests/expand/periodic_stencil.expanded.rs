fn smooth_energy(u: &[f64], c: f64) -> f64 {
    let n = u.len();
    let mut e = 0.0;
    for j in 0..n {
        let jm = if j == 0 { n - 1 } else { j - 1 };
        let jp = if j == n - 1 { 0 } else { j + 1 };
        let lap = u[jm] - 2.0 * u[j] + u[jp];
        e += c * lap * lap;
    }
    e
}
#[doc(hidden)]
#[inline(always)]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
fn __oxidiff_vg_smooth_energy(
    u: &[f64],
    c: f64,
    __ybar: f64,
    __want_value: bool,
) -> (f64, (::std::vec::Vec<f64>, <f64 as ::oxidiff::__private::Tangent>::Tangent)) {
    let _ = smooth_energy;
    let __len_u = u.len();
    let __ret0: f64;
    let __u_copy: &[_] = &u[..];
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __tape4 = ::oxidiff::__private::Stack::new();
    let mut __tape6 = ::oxidiff::__private::Stack::new();
    let n = (u.len());
    let mut e = (0.0);
    __ctrl.push(0u32);
    {
        let __oxidiff_lo0 = (0);
        let __oxidiff_hi0 = n;
        if __oxidiff_lo0 < __oxidiff_hi0 {
            let __start435 = (0);
            let mut __trips404: usize = 0;
            for j in (0)..(0) + 1 {
                let mut __v1;
                if j == 0 {
                    __v1 = (n - (1));
                } else {
                    {
                        __v1 = (j - (1));
                    }
                }
                let jm = __v1;
                let mut __v2;
                if j == n - 1 {
                    __v2 = (0);
                } else {
                    {
                        __v2 = (j + (1));
                    }
                }
                let jp = __v2;
                let __i405 = jm;
                let __t406 = u[__i405];
                let __s407 = jm;
                let __i408 = j;
                let __t409 = u[__i408];
                let __s410 = j;
                let __t413 = (2.0) * __t409;
                let __t414 = __t406 - __t413;
                let __i415 = jp;
                let __t416 = u[__i415];
                let __s417 = jp;
                let __t418 = __t414 + __t416;
                let lap = __t418;
                let __t425 = e;
                let __t426 = c * lap;
                let __t427 = __t426 * lap;
                let __t428 = __t425 + __t427;
                e = __t428;
                __trips404 += 1;
            }
            __tape2.push((__trips404, __start435));
            __ctrl.push(2u32);
            let __start480 = (0) + 1;
            let mut __trips438: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i439 = jm;
                let __t440 = u[__i439];
                let __s441 = jm;
                let __i444 = j;
                let __t445 = u[__i444];
                let __s446 = j;
                let __t449 = (2.0) * __t445;
                let __t450 = __t440 - __t449;
                let __i451 = jp;
                let __t452 = u[__i451];
                let __s453 = jp;
                let __t456 = __t450 + __t452;
                let lap = __t456;
                let __t470 = e;
                let __t471 = c * lap;
                let __t472 = __t471 * lap;
                let __t473 = __t470 + __t472;
                e = __t473;
                __trips438 += 1;
            }
            __tape4.push((__trips438, __start480));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start520 = (n) - 1;
                let mut __trips489: usize = 0;
                for j in (n) - 1..(n) {
                    let mut __v3;
                    if j == 0 {
                        __v3 = (n - (1));
                    } else {
                        {
                            __v3 = (j - (1));
                        }
                    }
                    let jm = __v3;
                    let mut __v4;
                    if j == n - 1 {
                        __v4 = (0);
                    } else {
                        {
                            __v4 = (j + (1));
                        }
                    }
                    let jp = __v4;
                    let __i490 = jm;
                    let __t491 = u[__i490];
                    let __s492 = jm;
                    let __i493 = j;
                    let __t494 = u[__i493];
                    let __s495 = j;
                    let __t498 = (2.0) * __t494;
                    let __t499 = __t491 - __t498;
                    let __i500 = jp;
                    let __t501 = u[__i500];
                    let __s502 = jp;
                    let __t503 = __t499 + __t501;
                    let lap = __t503;
                    let __t510 = e;
                    let __t511 = c * lap;
                    let __t512 = __t511 * lap;
                    let __t513 = __t510 + __t512;
                    e = __t513;
                    __trips489 += 1;
                }
                __tape6.push((__trips489, __start520));
                __ctrl.push(6u32);
            }
        }
    }
    let __t523 = e;
    __ret0 = __t523;
    __ctrl.push(7u32);
    let __value = __ret0;
    (
        __value,
        {
            let mut __bu = ::oxidiff::__private::AdjVec::<f64>::new();
            let mut __bc: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bret0: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __be: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __blap: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __blap_1: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __blap_2: f64 = ::oxidiff::__private::zero::<f64>();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        __be = ::oxidiff::__private::acc_zero::<f64>();
                    }
                    2u32 => {
                        let (__n434, __start435) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n434 > 0 {
                            let (__base437,) = {
                                let j = __start435;
                                let mut __v1;
                                if j == 0 {
                                    __v1 = (n - (1));
                                } else {
                                    {
                                        __v1 = (j - (1));
                                    }
                                }
                                let jm = __v1;
                                let mut __v2;
                                if j == n - 1 {
                                    __v2 = (0);
                                } else {
                                    {
                                        __v2 = (j + (1));
                                    }
                                }
                                let jp = __v2;
                                let __s410 = j;
                                let __s407 = jm;
                                let __s417 = jp;
                                (
                                    {
                                        let j = __s410;
                                        j
                                    },
                                )
                            };
                            let __w411 = &__u_copy[__base437..][..__n434];
                            for __k436 in (0..__n434).rev() {
                                let j = __start435 + __k436;
                                let mut __v1;
                                if j == 0 {
                                    __v1 = (n - (1));
                                } else {
                                    {
                                        __v1 = (j - (1));
                                    }
                                }
                                let jm = __v1;
                                let mut __v2;
                                if j == n - 1 {
                                    __v2 = (0);
                                } else {
                                    {
                                        __v2 = (j + (1));
                                    }
                                }
                                let jp = __v2;
                                let __s410 = j;
                                let __s407 = jm;
                                let __s417 = jp;
                                let __kw412 = __k436;
                                debug_assert_eq!({ let j = __s410; j }, __base437 + __k436);
                                let mut __blap: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc420 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc423 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc424 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g429 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g429;
                                let __g430 = __g429
                                    * ((__u_copy[{
                                        let jm = __s407;
                                        jm
                                    }] - ((2.0) * __w411[__kw412]))
                                        + __u_copy[{
                                            let jp = __s417;
                                            jp
                                        }]);
                                let __g431 = __g430
                                    * ((__u_copy[{
                                        let jm = __s407;
                                        jm
                                    }] - ((2.0) * __w411[__kw412]))
                                        + __u_copy[{
                                            let jp = __s417;
                                            jp
                                        }]);
                                __bc += __g431;
                                let __g432 = __g430 * c;
                                __blap += __g432;
                                let __g433 = __g429
                                    * (c
                                        * ((__u_copy[{
                                            let jm = __s407;
                                            jm
                                        }] - ((2.0) * __w411[__kw412]))
                                            + __u_copy[{
                                                let jp = __s417;
                                                jp
                                            }]));
                                __blap += __g433;
                                let __g419 = __blap;
                                __blap = ::oxidiff::__private::acc_zero::<f64>();
                                __acc420 += __g419;
                                let __g421 = -__g419;
                                let __g422 = __g421 * (2.0);
                                __acc423 += __g422;
                                __acc424 += __g419;
                                __bu.add(
                                    {
                                        let jm = __s407;
                                        jm
                                    },
                                    __acc420,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s410;
                                        j
                                    },
                                    __acc423,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s417;
                                        jp
                                    },
                                    __acc424,
                                );
                            }
                        }
                    }
                    4u32 => {
                        let (__n479, __start480) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win485 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win486 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win487 = ::oxidiff::__private::acc_zero::<f64>();
                        let __cells459 = __bu.cells(__len_u);
                        if __n479 > 0 {
                            let (__base482, __base483, __base484) = {
                                let j = __start480;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s446 = j;
                                let __s441 = jm;
                                let __s453 = jp;
                                (
                                    {
                                        let jm = __s441;
                                        jm
                                    },
                                    {
                                        let j = __s446;
                                        j
                                    },
                                    {
                                        let jp = __s453;
                                        jp
                                    },
                                )
                            };
                            let __w442 = &__u_copy[__base482..][..__n479];
                            let __w447 = &__u_copy[__base483..][..__n479];
                            let __w454 = &__u_copy[__base484..][..__n479];
                            let __w468 = &__cells459[__base484..][..__n479];
                            for __k481 in (0..__n479).rev() {
                                let j = __start480 + __k481;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s446 = j;
                                let __s441 = jm;
                                let __s453 = jp;
                                let __kw443 = __k481;
                                debug_assert_eq!(
                                    { let jm = __s441; jm }, __base482 + __k481
                                );
                                let __kw448 = __k481;
                                debug_assert_eq!({ let j = __s446; j }, __base483 + __k481);
                                let __kw455 = __k481;
                                debug_assert_eq!(
                                    { let jp = __s453; jp }, __base484 + __k481
                                );
                                let __kw469 = __k481;
                                let mut __blap_1: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc458 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc464 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc467 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g474 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g474;
                                let __g475 = __g474
                                    * ((__w442[__kw443] - ((2.0) * __w447[__kw448]))
                                        + __w454[__kw455]);
                                let __g476 = __g475
                                    * ((__w442[__kw443] - ((2.0) * __w447[__kw448]))
                                        + __w454[__kw455]);
                                __bc += __g476;
                                let __g477 = __g475 * c;
                                __blap_1 += __g477;
                                let __g478 = __g474
                                    * (c
                                        * ((__w442[__kw443] - ((2.0) * __w447[__kw448]))
                                            + __w454[__kw455]));
                                __blap_1 += __g478;
                                let __g457 = __blap_1;
                                __blap_1 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc458 += __g457;
                                let __g462 = -__g457;
                                let __g463 = __g462 * (2.0);
                                __acc464 += __g463;
                                __acc467 += __g457;
                                __win485 += __acc458;
                                __win486 += __acc464;
                                __win487 += __acc467;
                                __w468[__kw469].set(__w468[__kw469].get() + __win487);
                                __win487 = __win486;
                                __win486 = __win485;
                                __win485 = ::oxidiff::__private::acc_zero::<f64>();
                            }
                            __bu.add(__base484 - 2usize, __win486);
                            __bu.add(__base484 - 1usize, __win487);
                        }
                    }
                    6u32 => {
                        let (__n519, __start520) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n519 > 0 {
                            let (__base522,) = {
                                let j = __start520;
                                let mut __v3;
                                if j == 0 {
                                    __v3 = (n - (1));
                                } else {
                                    {
                                        __v3 = (j - (1));
                                    }
                                }
                                let jm = __v3;
                                let mut __v4;
                                if j == n - 1 {
                                    __v4 = (0);
                                } else {
                                    {
                                        __v4 = (j + (1));
                                    }
                                }
                                let jp = __v4;
                                let __s495 = j;
                                let __s492 = jm;
                                let __s502 = jp;
                                (
                                    {
                                        let j = __s495;
                                        j
                                    },
                                )
                            };
                            let __w496 = &__u_copy[__base522..][..__n519];
                            for __k521 in (0..__n519).rev() {
                                let j = __start520 + __k521;
                                let mut __v3;
                                if j == 0 {
                                    __v3 = (n - (1));
                                } else {
                                    {
                                        __v3 = (j - (1));
                                    }
                                }
                                let jm = __v3;
                                let mut __v4;
                                if j == n - 1 {
                                    __v4 = (0);
                                } else {
                                    {
                                        __v4 = (j + (1));
                                    }
                                }
                                let jp = __v4;
                                let __s495 = j;
                                let __s492 = jm;
                                let __s502 = jp;
                                let __kw497 = __k521;
                                debug_assert_eq!({ let j = __s495; j }, __base522 + __k521);
                                let mut __blap_2: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc505 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc508 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc509 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g514 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g514;
                                let __g515 = __g514
                                    * ((__u_copy[{
                                        let jm = __s492;
                                        jm
                                    }] - ((2.0) * __w496[__kw497]))
                                        + __u_copy[{
                                            let jp = __s502;
                                            jp
                                        }]);
                                let __g516 = __g515
                                    * ((__u_copy[{
                                        let jm = __s492;
                                        jm
                                    }] - ((2.0) * __w496[__kw497]))
                                        + __u_copy[{
                                            let jp = __s502;
                                            jp
                                        }]);
                                __bc += __g516;
                                let __g517 = __g515 * c;
                                __blap_2 += __g517;
                                let __g518 = __g514
                                    * (c
                                        * ((__u_copy[{
                                            let jm = __s492;
                                            jm
                                        }] - ((2.0) * __w496[__kw497]))
                                            + __u_copy[{
                                                let jp = __s502;
                                                jp
                                            }]));
                                __blap_2 += __g518;
                                let __g504 = __blap_2;
                                __blap_2 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc505 += __g504;
                                let __g506 = -__g504;
                                let __g507 = __g506 * (2.0);
                                __acc508 += __g507;
                                __acc509 += __g504;
                                __bu.add(
                                    {
                                        let jm = __s492;
                                        jm
                                    },
                                    __acc505,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s495;
                                        j
                                    },
                                    __acc508,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s502;
                                        jp
                                    },
                                    __acc509,
                                );
                            }
                        }
                    }
                    7u32 => {
                        let __g524 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __be += __g524;
                    }
                    _ => {}
                }
            }
            let __cot402 = __bu.into_vec(__u_copy.len());
            let __cot403 = ::oxidiff::__private::pos_zero(__bc);
            (__cot402, __cot403)
        },
    )
}
#[doc(hidden)]
#[inline]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
fn __oxidiff_jvp_smooth_energy(
    u: &[f64],
    c: f64,
    mut __du: &[f64],
    mut __dc: <f64 as ::oxidiff::__private::Tangent>::Tangent,
) -> (f64, f64) {
    let _ = smooth_energy;
    let __ret0: f64;
    let __dret0: f64;
    let n = (u.len());
    let mut e = (0.0);
    let mut __de = ::oxidiff::__private::zero::<f64>();
    {
        let __oxidiff_lo0 = (0);
        let __oxidiff_hi0 = n;
        if __oxidiff_lo0 < __oxidiff_hi0 {
            for j in (0)..(0) + 1 {
                let mut __v1;
                if j == 0 {
                    __v1 = (n - (1));
                } else {
                    {
                        __v1 = (j - (1));
                    }
                }
                let jm = __v1;
                let mut __v2;
                if j == n - 1 {
                    __v2 = (0);
                } else {
                    {
                        __v2 = (j + (1));
                    }
                }
                let jp = __v2;
                let __i1 = jm;
                let __t2 = u[__i1];
                let __i3 = j;
                let __t4 = u[__i3];
                let __t5 = (2.0) * __t4;
                let __dt5 = (2.0) * __du[__i3];
                let __t6 = __t2 - __t5;
                let __dt6 = __du[__i1] - __dt5;
                let __i7 = jp;
                let __t8 = u[__i7];
                let __t9 = __t6 + __t8;
                let __dt9 = __dt6 + __du[__i7];
                let lap = __t9;
                let __dlap = __dt9;
                let __t10 = c * lap;
                let __dt10 = __dc * lap + c * __dlap;
                let __t11 = __t10 * lap;
                let __dt11 = __dt10 * lap + __t10 * __dlap;
                let __t12 = e + __t11;
                let __dt12 = __de + __dt11;
                e = __t12;
                __de = __dt12;
            }
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i13 = jm;
                let __t14 = u[__i13];
                let __i15 = j;
                let __t16 = u[__i15];
                let __t17 = (2.0) * __t16;
                let __dt17 = (2.0) * __du[__i15];
                let __t18 = __t14 - __t17;
                let __dt18 = __du[__i13] - __dt17;
                let __i19 = jp;
                let __t20 = u[__i19];
                let __t21 = __t18 + __t20;
                let __dt21 = __dt18 + __du[__i19];
                let lap = __t21;
                let __dlap_1 = __dt21;
                let __t22 = c * lap;
                let __dt22 = __dc * lap + c * __dlap_1;
                let __t23 = __t22 * lap;
                let __dt23 = __dt22 * lap + __t22 * __dlap_1;
                let __t24 = e + __t23;
                let __dt24 = __de + __dt23;
                e = __t24;
                __de = __dt24;
            }
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                for j in (n) - 1..(n) {
                    let mut __v3;
                    if j == 0 {
                        __v3 = (n - (1));
                    } else {
                        {
                            __v3 = (j - (1));
                        }
                    }
                    let jm = __v3;
                    let mut __v4;
                    if j == n - 1 {
                        __v4 = (0);
                    } else {
                        {
                            __v4 = (j + (1));
                        }
                    }
                    let jp = __v4;
                    let __i25 = jm;
                    let __t26 = u[__i25];
                    let __i27 = j;
                    let __t28 = u[__i27];
                    let __t29 = (2.0) * __t28;
                    let __dt29 = (2.0) * __du[__i27];
                    let __t30 = __t26 - __t29;
                    let __dt30 = __du[__i25] - __dt29;
                    let __i31 = jp;
                    let __t32 = u[__i31];
                    let __t33 = __t30 + __t32;
                    let __dt33 = __dt30 + __du[__i31];
                    let lap = __t33;
                    let __dlap_2 = __dt33;
                    let __t34 = c * lap;
                    let __dt34 = __dc * lap + c * __dlap_2;
                    let __t35 = __t34 * lap;
                    let __dt35 = __dt34 * lap + __t34 * __dlap_2;
                    let __t36 = e + __t35;
                    let __dt36 = __de + __dt35;
                    e = __t36;
                    __de = __dt36;
                }
            }
        }
    }
    __ret0 = e;
    __dret0 = __de;
    (__ret0, __dret0)
}
#[doc(hidden)]
#[inline]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
fn __oxidiff_vjp_smooth_energy(
    u: &[f64],
    c: f64,
) -> (
    f64,
    impl ::core::ops::FnOnce(
        f64,
    ) -> (::std::vec::Vec<f64>, <f64 as ::oxidiff::__private::Tangent>::Tangent),
) {
    let _ = smooth_energy;
    let __len_u = u.len();
    let __ret0: f64;
    let __u_copy = u.to_vec();
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __tape4 = ::oxidiff::__private::Stack::new();
    let mut __tape6 = ::oxidiff::__private::Stack::new();
    let n = (u.len());
    let mut e = (0.0);
    __ctrl.push(0u32);
    {
        let __oxidiff_lo0 = (0);
        let __oxidiff_hi0 = n;
        if __oxidiff_lo0 < __oxidiff_hi0 {
            let __start191 = (0);
            let mut __trips160: usize = 0;
            for j in (0)..(0) + 1 {
                let mut __v1;
                if j == 0 {
                    __v1 = (n - (1));
                } else {
                    {
                        __v1 = (j - (1));
                    }
                }
                let jm = __v1;
                let mut __v2;
                if j == n - 1 {
                    __v2 = (0);
                } else {
                    {
                        __v2 = (j + (1));
                    }
                }
                let jp = __v2;
                let __i161 = jm;
                let __t162 = u[__i161];
                let __s163 = jm;
                let __i164 = j;
                let __t165 = u[__i164];
                let __s166 = j;
                let __t169 = (2.0) * __t165;
                let __t170 = __t162 - __t169;
                let __i171 = jp;
                let __t172 = u[__i171];
                let __s173 = jp;
                let __t174 = __t170 + __t172;
                let lap = __t174;
                let __t181 = e;
                let __t182 = c * lap;
                let __t183 = __t182 * lap;
                let __t184 = __t181 + __t183;
                e = __t184;
                __trips160 += 1;
            }
            __tape2.push((__trips160, __start191));
            __ctrl.push(2u32);
            let __start236 = (0) + 1;
            let mut __trips194: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i195 = jm;
                let __t196 = u[__i195];
                let __s197 = jm;
                let __i200 = j;
                let __t201 = u[__i200];
                let __s202 = j;
                let __t205 = (2.0) * __t201;
                let __t206 = __t196 - __t205;
                let __i207 = jp;
                let __t208 = u[__i207];
                let __s209 = jp;
                let __t212 = __t206 + __t208;
                let lap = __t212;
                let __t226 = e;
                let __t227 = c * lap;
                let __t228 = __t227 * lap;
                let __t229 = __t226 + __t228;
                e = __t229;
                __trips194 += 1;
            }
            __tape4.push((__trips194, __start236));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start276 = (n) - 1;
                let mut __trips245: usize = 0;
                for j in (n) - 1..(n) {
                    let mut __v3;
                    if j == 0 {
                        __v3 = (n - (1));
                    } else {
                        {
                            __v3 = (j - (1));
                        }
                    }
                    let jm = __v3;
                    let mut __v4;
                    if j == n - 1 {
                        __v4 = (0);
                    } else {
                        {
                            __v4 = (j + (1));
                        }
                    }
                    let jp = __v4;
                    let __i246 = jm;
                    let __t247 = u[__i246];
                    let __s248 = jm;
                    let __i249 = j;
                    let __t250 = u[__i249];
                    let __s251 = j;
                    let __t254 = (2.0) * __t250;
                    let __t255 = __t247 - __t254;
                    let __i256 = jp;
                    let __t257 = u[__i256];
                    let __s258 = jp;
                    let __t259 = __t255 + __t257;
                    let lap = __t259;
                    let __t266 = e;
                    let __t267 = c * lap;
                    let __t268 = __t267 * lap;
                    let __t269 = __t266 + __t268;
                    e = __t269;
                    __trips245 += 1;
                }
                __tape6.push((__trips245, __start276));
                __ctrl.push(6u32);
            }
        }
    }
    let __t279 = e;
    __ret0 = __t279;
    __ctrl.push(7u32);
    (
        __ret0,
        move |__ybar: f64| {
            let mut __bu = ::oxidiff::__private::AdjVec::<f64>::new();
            let mut __bc: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __bret0: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __be: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __blap: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __blap_1: f64 = ::oxidiff::__private::zero::<f64>();
            let mut __blap_2: f64 = ::oxidiff::__private::zero::<f64>();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        __be = ::oxidiff::__private::acc_zero::<f64>();
                    }
                    2u32 => {
                        let (__n190, __start191) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n190 > 0 {
                            let (__base193,) = {
                                let j = __start191;
                                let mut __v1;
                                if j == 0 {
                                    __v1 = (n - (1));
                                } else {
                                    {
                                        __v1 = (j - (1));
                                    }
                                }
                                let jm = __v1;
                                let mut __v2;
                                if j == n - 1 {
                                    __v2 = (0);
                                } else {
                                    {
                                        __v2 = (j + (1));
                                    }
                                }
                                let jp = __v2;
                                let __s166 = j;
                                let __s163 = jm;
                                let __s173 = jp;
                                (
                                    {
                                        let j = __s166;
                                        j
                                    },
                                )
                            };
                            let __w167 = &__u_copy[__base193..][..__n190];
                            for __k192 in (0..__n190).rev() {
                                let j = __start191 + __k192;
                                let mut __v1;
                                if j == 0 {
                                    __v1 = (n - (1));
                                } else {
                                    {
                                        __v1 = (j - (1));
                                    }
                                }
                                let jm = __v1;
                                let mut __v2;
                                if j == n - 1 {
                                    __v2 = (0);
                                } else {
                                    {
                                        __v2 = (j + (1));
                                    }
                                }
                                let jp = __v2;
                                let __s166 = j;
                                let __s163 = jm;
                                let __s173 = jp;
                                let __kw168 = __k192;
                                debug_assert_eq!({ let j = __s166; j }, __base193 + __k192);
                                let mut __blap: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc176 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc179 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc180 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g185 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g185;
                                let __g186 = __g185
                                    * ((__u_copy[{
                                        let jm = __s163;
                                        jm
                                    }] - ((2.0) * __w167[__kw168]))
                                        + __u_copy[{
                                            let jp = __s173;
                                            jp
                                        }]);
                                let __g187 = __g186
                                    * ((__u_copy[{
                                        let jm = __s163;
                                        jm
                                    }] - ((2.0) * __w167[__kw168]))
                                        + __u_copy[{
                                            let jp = __s173;
                                            jp
                                        }]);
                                __bc += __g187;
                                let __g188 = __g186 * c;
                                __blap += __g188;
                                let __g189 = __g185
                                    * (c
                                        * ((__u_copy[{
                                            let jm = __s163;
                                            jm
                                        }] - ((2.0) * __w167[__kw168]))
                                            + __u_copy[{
                                                let jp = __s173;
                                                jp
                                            }]));
                                __blap += __g189;
                                let __g175 = __blap;
                                __blap = ::oxidiff::__private::acc_zero::<f64>();
                                __acc176 += __g175;
                                let __g177 = -__g175;
                                let __g178 = __g177 * (2.0);
                                __acc179 += __g178;
                                __acc180 += __g175;
                                __bu.add(
                                    {
                                        let jm = __s163;
                                        jm
                                    },
                                    __acc176,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s166;
                                        j
                                    },
                                    __acc179,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s173;
                                        jp
                                    },
                                    __acc180,
                                );
                            }
                        }
                    }
                    4u32 => {
                        let (__n235, __start236) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win241 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win242 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win243 = ::oxidiff::__private::acc_zero::<f64>();
                        let __cells215 = __bu.cells(__len_u);
                        if __n235 > 0 {
                            let (__base238, __base239, __base240) = {
                                let j = __start236;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s202 = j;
                                let __s197 = jm;
                                let __s209 = jp;
                                (
                                    {
                                        let jm = __s197;
                                        jm
                                    },
                                    {
                                        let j = __s202;
                                        j
                                    },
                                    {
                                        let jp = __s209;
                                        jp
                                    },
                                )
                            };
                            let __w198 = &__u_copy[__base238..][..__n235];
                            let __w203 = &__u_copy[__base239..][..__n235];
                            let __w210 = &__u_copy[__base240..][..__n235];
                            let __w224 = &__cells215[__base240..][..__n235];
                            for __k237 in (0..__n235).rev() {
                                let j = __start236 + __k237;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s202 = j;
                                let __s197 = jm;
                                let __s209 = jp;
                                let __kw199 = __k237;
                                debug_assert_eq!(
                                    { let jm = __s197; jm }, __base238 + __k237
                                );
                                let __kw204 = __k237;
                                debug_assert_eq!({ let j = __s202; j }, __base239 + __k237);
                                let __kw211 = __k237;
                                debug_assert_eq!(
                                    { let jp = __s209; jp }, __base240 + __k237
                                );
                                let __kw225 = __k237;
                                let mut __blap_1: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc214 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc220 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc223 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g230 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g230;
                                let __g231 = __g230
                                    * ((__w198[__kw199] - ((2.0) * __w203[__kw204]))
                                        + __w210[__kw211]);
                                let __g232 = __g231
                                    * ((__w198[__kw199] - ((2.0) * __w203[__kw204]))
                                        + __w210[__kw211]);
                                __bc += __g232;
                                let __g233 = __g231 * c;
                                __blap_1 += __g233;
                                let __g234 = __g230
                                    * (c
                                        * ((__w198[__kw199] - ((2.0) * __w203[__kw204]))
                                            + __w210[__kw211]));
                                __blap_1 += __g234;
                                let __g213 = __blap_1;
                                __blap_1 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc214 += __g213;
                                let __g218 = -__g213;
                                let __g219 = __g218 * (2.0);
                                __acc220 += __g219;
                                __acc223 += __g213;
                                __win241 += __acc214;
                                __win242 += __acc220;
                                __win243 += __acc223;
                                __w224[__kw225].set(__w224[__kw225].get() + __win243);
                                __win243 = __win242;
                                __win242 = __win241;
                                __win241 = ::oxidiff::__private::acc_zero::<f64>();
                            }
                            __bu.add(__base240 - 2usize, __win242);
                            __bu.add(__base240 - 1usize, __win243);
                        }
                    }
                    6u32 => {
                        let (__n275, __start276) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n275 > 0 {
                            let (__base278,) = {
                                let j = __start276;
                                let mut __v3;
                                if j == 0 {
                                    __v3 = (n - (1));
                                } else {
                                    {
                                        __v3 = (j - (1));
                                    }
                                }
                                let jm = __v3;
                                let mut __v4;
                                if j == n - 1 {
                                    __v4 = (0);
                                } else {
                                    {
                                        __v4 = (j + (1));
                                    }
                                }
                                let jp = __v4;
                                let __s251 = j;
                                let __s248 = jm;
                                let __s258 = jp;
                                (
                                    {
                                        let j = __s251;
                                        j
                                    },
                                )
                            };
                            let __w252 = &__u_copy[__base278..][..__n275];
                            for __k277 in (0..__n275).rev() {
                                let j = __start276 + __k277;
                                let mut __v3;
                                if j == 0 {
                                    __v3 = (n - (1));
                                } else {
                                    {
                                        __v3 = (j - (1));
                                    }
                                }
                                let jm = __v3;
                                let mut __v4;
                                if j == n - 1 {
                                    __v4 = (0);
                                } else {
                                    {
                                        __v4 = (j + (1));
                                    }
                                }
                                let jp = __v4;
                                let __s251 = j;
                                let __s248 = jm;
                                let __s258 = jp;
                                let __kw253 = __k277;
                                debug_assert_eq!({ let j = __s251; j }, __base278 + __k277);
                                let mut __blap_2: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc261 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc264 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc265 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g270 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g270;
                                let __g271 = __g270
                                    * ((__u_copy[{
                                        let jm = __s248;
                                        jm
                                    }] - ((2.0) * __w252[__kw253]))
                                        + __u_copy[{
                                            let jp = __s258;
                                            jp
                                        }]);
                                let __g272 = __g271
                                    * ((__u_copy[{
                                        let jm = __s248;
                                        jm
                                    }] - ((2.0) * __w252[__kw253]))
                                        + __u_copy[{
                                            let jp = __s258;
                                            jp
                                        }]);
                                __bc += __g272;
                                let __g273 = __g271 * c;
                                __blap_2 += __g273;
                                let __g274 = __g270
                                    * (c
                                        * ((__u_copy[{
                                            let jm = __s248;
                                            jm
                                        }] - ((2.0) * __w252[__kw253]))
                                            + __u_copy[{
                                                let jp = __s258;
                                                jp
                                            }]));
                                __blap_2 += __g274;
                                let __g260 = __blap_2;
                                __blap_2 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc261 += __g260;
                                let __g262 = -__g260;
                                let __g263 = __g262 * (2.0);
                                __acc264 += __g263;
                                __acc265 += __g260;
                                __bu.add(
                                    {
                                        let jm = __s248;
                                        jm
                                    },
                                    __acc261,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s251;
                                        j
                                    },
                                    __acc264,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s258;
                                        jp
                                    },
                                    __acc265,
                                );
                            }
                        }
                    }
                    7u32 => {
                        let __g280 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __be += __g280;
                    }
                    _ => {}
                }
            }
            let __cot158 = __bu.into_vec(__u_copy.len());
            let __cot159 = ::oxidiff::__private::pos_zero(__bc);
            (__cot158, __cot159)
        },
    )
}
#[doc(hidden)]
#[inline]
#[allow(
    unused_mut,
    unused_variables,
    unused_assignments,
    unused_parens,
    unused_braces,
    unreachable_code,
    non_snake_case,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]
fn __oxidiff_dvjp_smooth_energy(
    u: &[::oxidiff::__private::Dual<f64>],
    __arg_c: impl ::oxidiff::__private::IntoReal<::oxidiff::__private::Dual<f64>>,
) -> (
    ::oxidiff::__private::Dual<f64>,
    impl ::core::ops::FnOnce(
        ::oxidiff::__private::Dual<f64>,
    ) -> (
            ::std::vec::Vec<::oxidiff::__private::Dual<f64>>,
            <::oxidiff::__private::Dual<f64> as ::oxidiff::__private::Tangent>::Tangent,
        ),
) {
    let _ = smooth_energy;
    let c: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::lift(__arg_c);
    let __len_u = u.len();
    let __ret0: ::oxidiff::__private::Dual<f64>;
    let __u_copy = u.to_vec();
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __tape4 = ::oxidiff::__private::Stack::new();
    let mut __tape6 = ::oxidiff::__private::Stack::new();
    let n = (u.len());
    let mut e = ::oxidiff::__private::lift::<::oxidiff::__private::Dual<f64>, _>((0.0));
    __ctrl.push(0u32);
    {
        let __oxidiff_lo0 = (0);
        let __oxidiff_hi0 = n;
        if __oxidiff_lo0 < __oxidiff_hi0 {
            let __start155 = (0);
            let mut __trips124: usize = 0;
            for j in (0)..(0) + 1 {
                let mut __v1;
                if j == 0 {
                    __v1 = (n - (1));
                } else {
                    {
                        __v1 = (j - (1));
                    }
                }
                let jm = __v1;
                let mut __v2;
                if j == n - 1 {
                    __v2 = (0);
                } else {
                    {
                        __v2 = (j + (1));
                    }
                }
                let jp = __v2;
                let __i125 = jm;
                let __t126 = u[__i125];
                let __s127 = jm;
                let __i128 = j;
                let __t129 = u[__i128];
                let __s130 = j;
                let __t133 = ::oxidiff::__private::lift::<
                    ::oxidiff::__private::Dual<f64>,
                    _,
                >((2.0)) * __t129;
                let __t134 = __t126 - __t133;
                let __i135 = jp;
                let __t136 = u[__i135];
                let __s137 = jp;
                let __t138 = __t134 + __t136;
                let lap = __t138;
                let __t145 = e;
                let __t146 = c * lap;
                let __t147 = __t146 * lap;
                let __t148 = __t145 + __t147;
                e = __t148;
                __trips124 += 1;
            }
            __tape2.push((__trips124, __start155));
            __ctrl.push(2u32);
            let __start200 = (0) + 1;
            let mut __trips158: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i159 = jm;
                let __t160 = u[__i159];
                let __s161 = jm;
                let __i164 = j;
                let __t165 = u[__i164];
                let __s166 = j;
                let __t169 = ::oxidiff::__private::lift::<
                    ::oxidiff::__private::Dual<f64>,
                    _,
                >((2.0)) * __t165;
                let __t170 = __t160 - __t169;
                let __i171 = jp;
                let __t172 = u[__i171];
                let __s173 = jp;
                let __t176 = __t170 + __t172;
                let lap = __t176;
                let __t190 = e;
                let __t191 = c * lap;
                let __t192 = __t191 * lap;
                let __t193 = __t190 + __t192;
                e = __t193;
                __trips158 += 1;
            }
            __tape4.push((__trips158, __start200));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start240 = (n) - 1;
                let mut __trips209: usize = 0;
                for j in (n) - 1..(n) {
                    let mut __v3;
                    if j == 0 {
                        __v3 = (n - (1));
                    } else {
                        {
                            __v3 = (j - (1));
                        }
                    }
                    let jm = __v3;
                    let mut __v4;
                    if j == n - 1 {
                        __v4 = (0);
                    } else {
                        {
                            __v4 = (j + (1));
                        }
                    }
                    let jp = __v4;
                    let __i210 = jm;
                    let __t211 = u[__i210];
                    let __s212 = jm;
                    let __i213 = j;
                    let __t214 = u[__i213];
                    let __s215 = j;
                    let __t218 = ::oxidiff::__private::lift::<
                        ::oxidiff::__private::Dual<f64>,
                        _,
                    >((2.0)) * __t214;
                    let __t219 = __t211 - __t218;
                    let __i220 = jp;
                    let __t221 = u[__i220];
                    let __s222 = jp;
                    let __t223 = __t219 + __t221;
                    let lap = __t223;
                    let __t230 = e;
                    let __t231 = c * lap;
                    let __t232 = __t231 * lap;
                    let __t233 = __t230 + __t232;
                    e = __t233;
                    __trips209 += 1;
                }
                __tape6.push((__trips209, __start240));
                __ctrl.push(6u32);
            }
        }
    }
    let __t243 = e;
    __ret0 = __t243;
    __ctrl.push(7u32);
    (
        __ret0,
        move |__ybar: ::oxidiff::__private::Dual<f64>| {
            let mut __bu = ::oxidiff::__private::AdjVec::<
                ::oxidiff::__private::Dual<f64>,
            >::new();
            let mut __bc: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __bret0: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __be: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __blap: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __blap_1: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            let mut __blap_2: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::zero::<
                ::oxidiff::__private::Dual<f64>,
            >();
            __bret0 = __ybar;
            while let ::oxidiff::__private::Some(__segment) = __ctrl.try_pop() {
                match __segment {
                    0u32 => {
                        __be = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                    }
                    2u32 => {
                        let (__n154, __start155) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n154 > 0 {
                            let (__base157,) = {
                                let j = __start155;
                                let mut __v1;
                                if j == 0 {
                                    __v1 = (n - (1));
                                } else {
                                    {
                                        __v1 = (j - (1));
                                    }
                                }
                                let jm = __v1;
                                let mut __v2;
                                if j == n - 1 {
                                    __v2 = (0);
                                } else {
                                    {
                                        __v2 = (j + (1));
                                    }
                                }
                                let jp = __v2;
                                let __s130 = j;
                                let __s127 = jm;
                                let __s137 = jp;
                                (
                                    {
                                        let j = __s130;
                                        j
                                    },
                                )
                            };
                            let __w131 = &__u_copy[__base157..][..__n154];
                            for __k156 in (0..__n154).rev() {
                                let j = __start155 + __k156;
                                let mut __v1;
                                if j == 0 {
                                    __v1 = (n - (1));
                                } else {
                                    {
                                        __v1 = (j - (1));
                                    }
                                }
                                let jm = __v1;
                                let mut __v2;
                                if j == n - 1 {
                                    __v2 = (0);
                                } else {
                                    {
                                        __v2 = (j + (1));
                                    }
                                }
                                let jp = __v2;
                                let __s130 = j;
                                let __s127 = jm;
                                let __s137 = jp;
                                let __kw132 = __k156;
                                debug_assert_eq!({ let j = __s130; j }, __base157 + __k156);
                                let mut __blap: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc140 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc143 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc144 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let __g149 = __be;
                                __be = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __be += __g149;
                                let __g150 = __g149
                                    * ((__u_copy[{
                                        let jm = __s127;
                                        jm
                                    }]
                                        - (::oxidiff::__private::lift::<
                                            ::oxidiff::__private::Dual<f64>,
                                            _,
                                        >((2.0)) * __w131[__kw132]))
                                        + __u_copy[{
                                            let jp = __s137;
                                            jp
                                        }]);
                                let __g151 = __g150
                                    * ((__u_copy[{
                                        let jm = __s127;
                                        jm
                                    }]
                                        - (::oxidiff::__private::lift::<
                                            ::oxidiff::__private::Dual<f64>,
                                            _,
                                        >((2.0)) * __w131[__kw132]))
                                        + __u_copy[{
                                            let jp = __s137;
                                            jp
                                        }]);
                                __bc += __g151;
                                let __g152 = __g150 * c;
                                __blap += __g152;
                                let __g153 = __g149
                                    * (c
                                        * ((__u_copy[{
                                            let jm = __s127;
                                            jm
                                        }]
                                            - (::oxidiff::__private::lift::<
                                                ::oxidiff::__private::Dual<f64>,
                                                _,
                                            >((2.0)) * __w131[__kw132]))
                                            + __u_copy[{
                                                let jp = __s137;
                                                jp
                                            }]));
                                __blap += __g153;
                                let __g139 = __blap;
                                __blap = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __acc140 += __g139;
                                let __g141 = -__g139;
                                let __g142 = __g141
                                    * ::oxidiff::__private::lift::<
                                        ::oxidiff::__private::Dual<f64>,
                                        _,
                                    >((2.0));
                                __acc143 += __g142;
                                __acc144 += __g139;
                                __bu.add(
                                    {
                                        let jm = __s127;
                                        jm
                                    },
                                    __acc140,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s130;
                                        j
                                    },
                                    __acc143,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s137;
                                        jp
                                    },
                                    __acc144,
                                );
                            }
                        }
                    }
                    4u32 => {
                        let (__n199, __start200) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win205 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win206 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win207 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let __cells179 = __bu.cells(__len_u);
                        if __n199 > 0 {
                            let (__base202, __base203, __base204) = {
                                let j = __start200;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s166 = j;
                                let __s161 = jm;
                                let __s173 = jp;
                                (
                                    {
                                        let jm = __s161;
                                        jm
                                    },
                                    {
                                        let j = __s166;
                                        j
                                    },
                                    {
                                        let jp = __s173;
                                        jp
                                    },
                                )
                            };
                            let __w162 = &__u_copy[__base202..][..__n199];
                            let __w167 = &__u_copy[__base203..][..__n199];
                            let __w174 = &__u_copy[__base204..][..__n199];
                            let __w188 = &__cells179[__base204..][..__n199];
                            for __k201 in (0..__n199).rev() {
                                let j = __start200 + __k201;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s166 = j;
                                let __s161 = jm;
                                let __s173 = jp;
                                let __kw163 = __k201;
                                debug_assert_eq!(
                                    { let jm = __s161; jm }, __base202 + __k201
                                );
                                let __kw168 = __k201;
                                debug_assert_eq!({ let j = __s166; j }, __base203 + __k201);
                                let __kw175 = __k201;
                                debug_assert_eq!(
                                    { let jp = __s173; jp }, __base204 + __k201
                                );
                                let __kw189 = __k201;
                                let mut __blap_1: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc178 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc184 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc187 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let __g194 = __be;
                                __be = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __be += __g194;
                                let __g195 = __g194
                                    * ((__w162[__kw163]
                                        - (::oxidiff::__private::lift::<
                                            ::oxidiff::__private::Dual<f64>,
                                            _,
                                        >((2.0)) * __w167[__kw168])) + __w174[__kw175]);
                                let __g196 = __g195
                                    * ((__w162[__kw163]
                                        - (::oxidiff::__private::lift::<
                                            ::oxidiff::__private::Dual<f64>,
                                            _,
                                        >((2.0)) * __w167[__kw168])) + __w174[__kw175]);
                                __bc += __g196;
                                let __g197 = __g195 * c;
                                __blap_1 += __g197;
                                let __g198 = __g194
                                    * (c
                                        * ((__w162[__kw163]
                                            - (::oxidiff::__private::lift::<
                                                ::oxidiff::__private::Dual<f64>,
                                                _,
                                            >((2.0)) * __w167[__kw168])) + __w174[__kw175]));
                                __blap_1 += __g198;
                                let __g177 = __blap_1;
                                __blap_1 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __acc178 += __g177;
                                let __g182 = -__g177;
                                let __g183 = __g182
                                    * ::oxidiff::__private::lift::<
                                        ::oxidiff::__private::Dual<f64>,
                                        _,
                                    >((2.0));
                                __acc184 += __g183;
                                __acc187 += __g177;
                                __win205 += __acc178;
                                __win206 += __acc184;
                                __win207 += __acc187;
                                __w188[__kw189].set(__w188[__kw189].get() + __win207);
                                __win207 = __win206;
                                __win206 = __win205;
                                __win205 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                            }
                            __bu.add(__base204 - 2usize, __win206);
                            __bu.add(__base204 - 1usize, __win207);
                        }
                    }
                    6u32 => {
                        let (__n239, __start240) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n239 > 0 {
                            let (__base242,) = {
                                let j = __start240;
                                let mut __v3;
                                if j == 0 {
                                    __v3 = (n - (1));
                                } else {
                                    {
                                        __v3 = (j - (1));
                                    }
                                }
                                let jm = __v3;
                                let mut __v4;
                                if j == n - 1 {
                                    __v4 = (0);
                                } else {
                                    {
                                        __v4 = (j + (1));
                                    }
                                }
                                let jp = __v4;
                                let __s215 = j;
                                let __s212 = jm;
                                let __s222 = jp;
                                (
                                    {
                                        let j = __s215;
                                        j
                                    },
                                )
                            };
                            let __w216 = &__u_copy[__base242..][..__n239];
                            for __k241 in (0..__n239).rev() {
                                let j = __start240 + __k241;
                                let mut __v3;
                                if j == 0 {
                                    __v3 = (n - (1));
                                } else {
                                    {
                                        __v3 = (j - (1));
                                    }
                                }
                                let jm = __v3;
                                let mut __v4;
                                if j == n - 1 {
                                    __v4 = (0);
                                } else {
                                    {
                                        __v4 = (j + (1));
                                    }
                                }
                                let jp = __v4;
                                let __s215 = j;
                                let __s212 = jm;
                                let __s222 = jp;
                                let __kw217 = __k241;
                                debug_assert_eq!({ let j = __s215; j }, __base242 + __k241);
                                let mut __blap_2: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc225 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc228 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc229 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let __g234 = __be;
                                __be = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __be += __g234;
                                let __g235 = __g234
                                    * ((__u_copy[{
                                        let jm = __s212;
                                        jm
                                    }]
                                        - (::oxidiff::__private::lift::<
                                            ::oxidiff::__private::Dual<f64>,
                                            _,
                                        >((2.0)) * __w216[__kw217]))
                                        + __u_copy[{
                                            let jp = __s222;
                                            jp
                                        }]);
                                let __g236 = __g235
                                    * ((__u_copy[{
                                        let jm = __s212;
                                        jm
                                    }]
                                        - (::oxidiff::__private::lift::<
                                            ::oxidiff::__private::Dual<f64>,
                                            _,
                                        >((2.0)) * __w216[__kw217]))
                                        + __u_copy[{
                                            let jp = __s222;
                                            jp
                                        }]);
                                __bc += __g236;
                                let __g237 = __g235 * c;
                                __blap_2 += __g237;
                                let __g238 = __g234
                                    * (c
                                        * ((__u_copy[{
                                            let jm = __s212;
                                            jm
                                        }]
                                            - (::oxidiff::__private::lift::<
                                                ::oxidiff::__private::Dual<f64>,
                                                _,
                                            >((2.0)) * __w216[__kw217]))
                                            + __u_copy[{
                                                let jp = __s222;
                                                jp
                                            }]));
                                __blap_2 += __g238;
                                let __g224 = __blap_2;
                                __blap_2 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __acc225 += __g224;
                                let __g226 = -__g224;
                                let __g227 = __g226
                                    * ::oxidiff::__private::lift::<
                                        ::oxidiff::__private::Dual<f64>,
                                        _,
                                    >((2.0));
                                __acc228 += __g227;
                                __acc229 += __g224;
                                __bu.add(
                                    {
                                        let jm = __s212;
                                        jm
                                    },
                                    __acc225,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s215;
                                        j
                                    },
                                    __acc228,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s222;
                                        jp
                                    },
                                    __acc229,
                                );
                            }
                        }
                    }
                    7u32 => {
                        let __g244 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        __be += __g244;
                    }
                    _ => {}
                }
            }
            let __cot122 = __bu.into_vec(__u_copy.len());
            let __cot123 = ::oxidiff::__private::pos_zero(__bc);
            (__cot122, __cot123)
        },
    )
}
///Forward mode of [`smooth_energy`]: its value and its directional derivative along the tangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
fn smooth_energy_jvp(u: &[f64], c: f64, du: &[f64], dc: f64) -> (f64, f64) {
    __oxidiff_jvp_smooth_energy(u, c, du, dc)
}
///Reverse mode of [`smooth_energy`]: its value and the pullback, which maps a cotangent of the result to the cotangents of the active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::type_complexity)]
fn smooth_energy_vjp(
    u: &[f64],
    c: f64,
) -> (f64, impl ::core::ops::FnOnce(f64) -> (::std::vec::Vec<f64>, f64)) {
    let (__v, __pb) = __oxidiff_vjp_smooth_energy(u, c);
    (
        __v,
        move |__g: f64| {
            let __c = __pb(__g);
            (__c.0, __c.1)
        },
    )
}
///The gradient of [`smooth_energy`] with respect to its active arguments (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
fn smooth_energy_grad(u: &[f64], c: f64) -> (::std::vec::Vec<f64>, f64) {
    let (_, __c) = __oxidiff_vg_smooth_energy(
        u,
        c,
        ::oxidiff::__private::one::<f64>(),
        false,
    );
    (__c.0, __c.1)
}
///The value and gradient of [`smooth_energy`] (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case)]
fn smooth_energy_value_and_grad(
    u: &[f64],
    c: f64,
) -> (f64, (::std::vec::Vec<f64>, f64)) {
    let (__v, __c) = __oxidiff_vg_smooth_energy(
        u,
        c,
        ::oxidiff::__private::one::<f64>(),
        true,
    );
    (__v, (__c.0, __c.1))
}
///The Jacobian of [`smooth_energy`]: one row per result component, one column per component of the active arguments flattened in argument order; forward mode when there are fewer inputs than outputs, reverse mode otherwise (generated by `#[differentiable]`).
#[allow(non_snake_case, clippy::needless_range_loop)]
fn smooth_energy_jacobian(u: &[f64], c: f64) -> ::std::vec::Vec<::std::vec::Vec<f64>> {
    let __n_u = u.len();
    let __n_c = 1usize;
    let __total = (0usize + __n_u + __n_c);
    let __y = smooth_energy(u, c);
    let mut __row = ::std::vec::Vec::new();
    ::oxidiff::__private::Flatten::<f64>::flatten_into(&__y, &mut __row);
    let __m = __row.len();
    let mut __jac = ::std::vec![
        ::std::vec![::oxidiff::__private::zero:: < f64 > (); __total]; __m
    ];
    if __total <= __m {
        for __k in 0..__total {
            let (_, __col) = smooth_energy_jvp(
                u,
                c,
                &::oxidiff::__private::unit_part::<f64>(__k, (0usize), __n_u),
                ::oxidiff::__private::unit_scalar::<f64>(__k, (0usize + __n_u)),
            );
            let mut __row = ::std::vec::Vec::with_capacity(__m);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__col, &mut __row);
            for __i in 0..__m {
                __jac[__i][__k] = __row[__i];
            }
        }
    } else {
        for __j in 0..__m {
            let (_, __pb) = smooth_energy_vjp(u, c);
            let __cot = __pb(::oxidiff::__private::unit_scalar::<f64>(__j, 0));
            let mut __row = ::std::vec::Vec::with_capacity(__total);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__cot.0, &mut __row);
            ::oxidiff::__private::Flatten::<f64>::flatten_into(&__cot.1, &mut __row);
            __jac[__j] = __row;
        }
    }
    __jac
}
///The Hessian of [`smooth_energy`] times a vector (forward over reverse mode, no n² work), in the form of `smooth_energy_grad`'s result (generated by `#[differentiable]`).
#[inline]
#[allow(non_snake_case, clippy::too_many_arguments)]
fn smooth_energy_hvp(
    u: &[f64],
    c: f64,
    du: &[f64],
    dc: f64,
) -> (::std::vec::Vec<f64>, f64) {
    let (_, __pb) = __oxidiff_dvjp_smooth_energy(
        &::oxidiff::__private::dual_vec(u, du),
        ::oxidiff::__private::dual(c, dc),
    );
    let __c = __pb(
        ::oxidiff::__private::dual(
            ::oxidiff::__private::one::<f64>(),
            ::oxidiff::__private::zero::<f64>(),
        ),
    );
    (::oxidiff::__private::eps(__c.0), ::oxidiff::__private::eps(__c.1))
}
///The Hessian of [`smooth_energy`] with respect to its active arguments flattened in argument order (generated by `#[differentiable]`).
#[allow(non_snake_case)]
fn smooth_energy_hessian(u: &[f64], c: f64) -> ::std::vec::Vec<::std::vec::Vec<f64>> {
    let __n_u = u.len();
    let __n_c = 1usize;
    let __total = (0usize + __n_u + __n_c);
    let mut __rows = ::std::vec::Vec::with_capacity(__total);
    for __k in 0..__total {
        let __h = smooth_energy_hvp(
            u,
            c,
            &::oxidiff::__private::unit_part::<f64>(__k, (0usize), __n_u),
            ::oxidiff::__private::unit_scalar::<f64>(__k, (0usize + __n_u)),
        );
        let mut __row = ::std::vec::Vec::with_capacity(__total);
        ::oxidiff::__private::Flatten::<f64>::flatten_into(&__h.0, &mut __row);
        ::oxidiff::__private::Flatten::<f64>::flatten_into(&__h.1, &mut __row);
        __rows.push(__row);
    }
    __rows
}
