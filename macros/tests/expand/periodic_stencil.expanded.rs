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
) -> (f64, (::std::vec::Vec<f64>, <f64 as ::oxidiff::__private::Tangent>::Tangent)) {
    let _ = smooth_energy;
    let __len_u = u.len();
    let __ret0: f64;
    let __u_copy: &[_] = &u[..];
    let mut __ctrl: ::oxidiff::__private::Stack<u32> = ::oxidiff::__private::Stack::new();
    let mut __tape1 = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __tape3 = ::oxidiff::__private::Stack::new();
    let mut __tape4 = ::oxidiff::__private::Stack::new();
    let mut __tape5 = ::oxidiff::__private::Stack::new();
    let mut __tape6 = ::oxidiff::__private::Stack::new();
    let n = (u.len());
    let mut e = (0.0);
    __ctrl.push(0u32);
    {
        let __oxidiff_lo0 = (0);
        let __oxidiff_hi0 = n;
        if __oxidiff_lo0 < __oxidiff_hi0 {
            let __start445 = (0);
            let mut __trips413: usize = 0;
            __tape1.reserve((((0) + 1) as usize).saturating_sub(((0)) as usize));
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
                let __i414 = jm;
                let __t415 = u[__i414];
                let __s416 = jm;
                let __i417 = j;
                let __t418 = u[__i417];
                let __s419 = j;
                let __t422 = (2.0) * __t418;
                let __t423 = __t415 - __t422;
                let __i424 = jp;
                let __t425 = u[__i424];
                let __s426 = jp;
                let __t427 = __t423 + __t425;
                let lap = __t427;
                let __t434 = e;
                let __t435 = lap;
                let __t436 = c * __t435;
                let __t437 = __t436 * __t435;
                let __t438 = __t434 + __t437;
                e = __t438;
                __tape1.push((__t435, __t436));
                __trips413 += 1;
            }
            __tape2.push((__trips413, __start445));
            __ctrl.push(2u32);
            let __start491 = (0) + 1;
            let mut __trips448: usize = 0;
            __tape3.reserve((((n) - 1) as usize).saturating_sub(((0) + 1) as usize));
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i449 = jm;
                let __t450 = u[__i449];
                let __s451 = jm;
                let __i454 = j;
                let __t455 = u[__i454];
                let __s456 = j;
                let __t459 = (2.0) * __t455;
                let __t460 = __t450 - __t459;
                let __i461 = jp;
                let __t462 = u[__i461];
                let __s463 = jp;
                let __t466 = __t460 + __t462;
                let lap = __t466;
                let __t480 = e;
                let __t481 = lap;
                let __t482 = c * __t481;
                let __t483 = __t482 * __t481;
                let __t484 = __t480 + __t483;
                e = __t484;
                __tape3.push((__t481, __t482));
                __trips448 += 1;
            }
            __tape4.push((__trips448, __start491));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start532 = (n) - 1;
                let mut __trips500: usize = 0;
                __tape5.reserve((((n)) as usize).saturating_sub(((n) - 1) as usize));
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
                    let __i501 = jm;
                    let __t502 = u[__i501];
                    let __s503 = jm;
                    let __i504 = j;
                    let __t505 = u[__i504];
                    let __s506 = j;
                    let __t509 = (2.0) * __t505;
                    let __t510 = __t502 - __t509;
                    let __i511 = jp;
                    let __t512 = u[__i511];
                    let __s513 = jp;
                    let __t514 = __t510 + __t512;
                    let lap = __t514;
                    let __t521 = e;
                    let __t522 = lap;
                    let __t523 = c * __t522;
                    let __t524 = __t523 * __t522;
                    let __t525 = __t521 + __t524;
                    e = __t525;
                    __tape5.push((__t522, __t523));
                    __trips500 += 1;
                }
                __tape6.push((__trips500, __start532));
                __ctrl.push(6u32);
            }
        }
    }
    let __t535 = e;
    __ret0 = __t535;
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
                        let (__n444, __start445) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start445..__start445 + __n444).rev() {
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
                            let __s419 = j;
                            let __s416 = jm;
                            let __s426 = jp;
                            let (__t435, __t436) = __tape1.pop();
                            let mut __blap: f64 = ::oxidiff::__private::acc_zero::<
                                f64,
                            >();
                            let mut __acc429 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc432 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc433 = ::oxidiff::__private::acc_zero::<f64>();
                            let __g439 = __be;
                            __be = ::oxidiff::__private::acc_zero::<f64>();
                            __be += __g439;
                            let __g440 = __g439 * __t435;
                            let __g441 = __g440 * __t435;
                            __bc += __g441;
                            let __g442 = __g440 * c;
                            __blap += __g442;
                            let __g443 = __g439 * __t436;
                            __blap += __g443;
                            let __g428 = __blap;
                            __blap = ::oxidiff::__private::acc_zero::<f64>();
                            __acc429 += __g428;
                            let __g430 = -__g428;
                            let __g431 = __g430 * (2.0);
                            __acc432 += __g431;
                            __acc433 += __g428;
                            __bu.add(
                                {
                                    let jm = __s416;
                                    jm
                                },
                                __acc429,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s419;
                                    j
                                },
                                __acc432,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s426;
                                    jp
                                },
                                __acc433,
                            );
                        }
                    }
                    4u32 => {
                        let (__n490, __start491) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win496 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win497 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win498 = ::oxidiff::__private::acc_zero::<f64>();
                        let __cells469 = __bu.cells(__len_u);
                        if __n490 > 0 {
                            let (__base495,) = {
                                let j = __start491;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s456 = j;
                                let __s451 = jm;
                                let __s463 = jp;
                                (
                                    {
                                        let jp = __s463;
                                        jp
                                    },
                                )
                            };
                            let __w478 = &__cells469[__base495..][..__n490];
                            for __k492 in (0..__n490).rev() {
                                let j = __start491 + __k492;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s456 = j;
                                let __s451 = jm;
                                let __s463 = jp;
                                let (__t481, __t482) = __tape3.pop();
                                let __kw479 = __k492;
                                debug_assert_eq!(
                                    { let jp = __s463; jp }, __base495 + __k492
                                );
                                let mut __blap_1: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc468 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc474 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc477 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g485 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g485;
                                let __g486 = __g485 * __t481;
                                let __g487 = __g486 * __t481;
                                __bc += __g487;
                                let __g488 = __g486 * c;
                                __blap_1 += __g488;
                                let __g489 = __g485 * __t482;
                                __blap_1 += __g489;
                                let __g467 = __blap_1;
                                __blap_1 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc468 += __g467;
                                let __g472 = -__g467;
                                let __g473 = __g472 * (2.0);
                                __acc474 += __g473;
                                __acc477 += __g467;
                                __win496 += __acc468;
                                __win497 += __acc474;
                                __win498 += __acc477;
                                __w478[__kw479].set(__w478[__kw479].get() + __win498);
                                __win498 = __win497;
                                __win497 = __win496;
                                __win496 = ::oxidiff::__private::acc_zero::<f64>();
                            }
                            __bu.add(__base495 - 2usize, __win497);
                            __bu.add(__base495 - 1usize, __win498);
                        }
                    }
                    6u32 => {
                        let (__n531, __start532) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start532..__start532 + __n531).rev() {
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
                            let __s506 = j;
                            let __s503 = jm;
                            let __s513 = jp;
                            let (__t522, __t523) = __tape5.pop();
                            let mut __blap_2: f64 = ::oxidiff::__private::acc_zero::<
                                f64,
                            >();
                            let mut __acc516 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc519 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc520 = ::oxidiff::__private::acc_zero::<f64>();
                            let __g526 = __be;
                            __be = ::oxidiff::__private::acc_zero::<f64>();
                            __be += __g526;
                            let __g527 = __g526 * __t522;
                            let __g528 = __g527 * __t522;
                            __bc += __g528;
                            let __g529 = __g527 * c;
                            __blap_2 += __g529;
                            let __g530 = __g526 * __t523;
                            __blap_2 += __g530;
                            let __g515 = __blap_2;
                            __blap_2 = ::oxidiff::__private::acc_zero::<f64>();
                            __acc516 += __g515;
                            let __g517 = -__g515;
                            let __g518 = __g517 * (2.0);
                            __acc519 += __g518;
                            __acc520 += __g515;
                            __bu.add(
                                {
                                    let jm = __s503;
                                    jm
                                },
                                __acc516,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s506;
                                    j
                                },
                                __acc519,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s513;
                                    jp
                                },
                                __acc520,
                            );
                        }
                    }
                    7u32 => {
                        let __g536 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __be += __g536;
                    }
                    _ => {}
                }
            }
            let __cot411 = __bu.into_vec(__u_copy.len());
            let __cot412 = ::oxidiff::__private::pos_zero(__bc);
            (__cot411, __cot412)
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
    let mut __tape1 = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __tape3 = ::oxidiff::__private::Stack::new();
    let mut __tape4 = ::oxidiff::__private::Stack::new();
    let mut __tape5 = ::oxidiff::__private::Stack::new();
    let mut __tape6 = ::oxidiff::__private::Stack::new();
    let n = (u.len());
    let mut e = (0.0);
    __ctrl.push(0u32);
    {
        let __oxidiff_lo0 = (0);
        let __oxidiff_hi0 = n;
        if __oxidiff_lo0 < __oxidiff_hi0 {
            let __start195 = (0);
            let mut __trips163: usize = 0;
            __tape1.reserve((((0) + 1) as usize).saturating_sub(((0)) as usize));
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
                let __i164 = jm;
                let __t165 = u[__i164];
                let __s166 = jm;
                let __i167 = j;
                let __t168 = u[__i167];
                let __s169 = j;
                let __t172 = (2.0) * __t168;
                let __t173 = __t165 - __t172;
                let __i174 = jp;
                let __t175 = u[__i174];
                let __s176 = jp;
                let __t177 = __t173 + __t175;
                let lap = __t177;
                let __t184 = e;
                let __t185 = lap;
                let __t186 = c * __t185;
                let __t187 = __t186 * __t185;
                let __t188 = __t184 + __t187;
                e = __t188;
                __tape1.push((__t185, __t186));
                __trips163 += 1;
            }
            __tape2.push((__trips163, __start195));
            __ctrl.push(2u32);
            let __start241 = (0) + 1;
            let mut __trips198: usize = 0;
            __tape3.reserve((((n) - 1) as usize).saturating_sub(((0) + 1) as usize));
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i199 = jm;
                let __t200 = u[__i199];
                let __s201 = jm;
                let __i204 = j;
                let __t205 = u[__i204];
                let __s206 = j;
                let __t209 = (2.0) * __t205;
                let __t210 = __t200 - __t209;
                let __i211 = jp;
                let __t212 = u[__i211];
                let __s213 = jp;
                let __t216 = __t210 + __t212;
                let lap = __t216;
                let __t230 = e;
                let __t231 = lap;
                let __t232 = c * __t231;
                let __t233 = __t232 * __t231;
                let __t234 = __t230 + __t233;
                e = __t234;
                __tape3.push((__t231, __t232));
                __trips198 += 1;
            }
            __tape4.push((__trips198, __start241));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start282 = (n) - 1;
                let mut __trips250: usize = 0;
                __tape5.reserve((((n)) as usize).saturating_sub(((n) - 1) as usize));
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
                    let __i251 = jm;
                    let __t252 = u[__i251];
                    let __s253 = jm;
                    let __i254 = j;
                    let __t255 = u[__i254];
                    let __s256 = j;
                    let __t259 = (2.0) * __t255;
                    let __t260 = __t252 - __t259;
                    let __i261 = jp;
                    let __t262 = u[__i261];
                    let __s263 = jp;
                    let __t264 = __t260 + __t262;
                    let lap = __t264;
                    let __t271 = e;
                    let __t272 = lap;
                    let __t273 = c * __t272;
                    let __t274 = __t273 * __t272;
                    let __t275 = __t271 + __t274;
                    e = __t275;
                    __tape5.push((__t272, __t273));
                    __trips250 += 1;
                }
                __tape6.push((__trips250, __start282));
                __ctrl.push(6u32);
            }
        }
    }
    let __t285 = e;
    __ret0 = __t285;
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
                        let (__n194, __start195) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start195..__start195 + __n194).rev() {
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
                            let __s169 = j;
                            let __s166 = jm;
                            let __s176 = jp;
                            let (__t185, __t186) = __tape1.pop();
                            let mut __blap: f64 = ::oxidiff::__private::acc_zero::<
                                f64,
                            >();
                            let mut __acc179 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc182 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc183 = ::oxidiff::__private::acc_zero::<f64>();
                            let __g189 = __be;
                            __be = ::oxidiff::__private::acc_zero::<f64>();
                            __be += __g189;
                            let __g190 = __g189 * __t185;
                            let __g191 = __g190 * __t185;
                            __bc += __g191;
                            let __g192 = __g190 * c;
                            __blap += __g192;
                            let __g193 = __g189 * __t186;
                            __blap += __g193;
                            let __g178 = __blap;
                            __blap = ::oxidiff::__private::acc_zero::<f64>();
                            __acc179 += __g178;
                            let __g180 = -__g178;
                            let __g181 = __g180 * (2.0);
                            __acc182 += __g181;
                            __acc183 += __g178;
                            __bu.add(
                                {
                                    let jm = __s166;
                                    jm
                                },
                                __acc179,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s169;
                                    j
                                },
                                __acc182,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s176;
                                    jp
                                },
                                __acc183,
                            );
                        }
                    }
                    4u32 => {
                        let (__n240, __start241) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win246 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win247 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win248 = ::oxidiff::__private::acc_zero::<f64>();
                        let __cells219 = __bu.cells(__len_u);
                        if __n240 > 0 {
                            let (__base245,) = {
                                let j = __start241;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s206 = j;
                                let __s201 = jm;
                                let __s213 = jp;
                                (
                                    {
                                        let jp = __s213;
                                        jp
                                    },
                                )
                            };
                            let __w228 = &__cells219[__base245..][..__n240];
                            for __k242 in (0..__n240).rev() {
                                let j = __start241 + __k242;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s206 = j;
                                let __s201 = jm;
                                let __s213 = jp;
                                let (__t231, __t232) = __tape3.pop();
                                let __kw229 = __k242;
                                debug_assert_eq!(
                                    { let jp = __s213; jp }, __base245 + __k242
                                );
                                let mut __blap_1: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc218 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc224 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc227 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g235 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g235;
                                let __g236 = __g235 * __t231;
                                let __g237 = __g236 * __t231;
                                __bc += __g237;
                                let __g238 = __g236 * c;
                                __blap_1 += __g238;
                                let __g239 = __g235 * __t232;
                                __blap_1 += __g239;
                                let __g217 = __blap_1;
                                __blap_1 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc218 += __g217;
                                let __g222 = -__g217;
                                let __g223 = __g222 * (2.0);
                                __acc224 += __g223;
                                __acc227 += __g217;
                                __win246 += __acc218;
                                __win247 += __acc224;
                                __win248 += __acc227;
                                __w228[__kw229].set(__w228[__kw229].get() + __win248);
                                __win248 = __win247;
                                __win247 = __win246;
                                __win246 = ::oxidiff::__private::acc_zero::<f64>();
                            }
                            __bu.add(__base245 - 2usize, __win247);
                            __bu.add(__base245 - 1usize, __win248);
                        }
                    }
                    6u32 => {
                        let (__n281, __start282) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start282..__start282 + __n281).rev() {
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
                            let __s256 = j;
                            let __s253 = jm;
                            let __s263 = jp;
                            let (__t272, __t273) = __tape5.pop();
                            let mut __blap_2: f64 = ::oxidiff::__private::acc_zero::<
                                f64,
                            >();
                            let mut __acc266 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc269 = ::oxidiff::__private::acc_zero::<f64>();
                            let mut __acc270 = ::oxidiff::__private::acc_zero::<f64>();
                            let __g276 = __be;
                            __be = ::oxidiff::__private::acc_zero::<f64>();
                            __be += __g276;
                            let __g277 = __g276 * __t272;
                            let __g278 = __g277 * __t272;
                            __bc += __g278;
                            let __g279 = __g277 * c;
                            __blap_2 += __g279;
                            let __g280 = __g276 * __t273;
                            __blap_2 += __g280;
                            let __g265 = __blap_2;
                            __blap_2 = ::oxidiff::__private::acc_zero::<f64>();
                            __acc266 += __g265;
                            let __g267 = -__g265;
                            let __g268 = __g267 * (2.0);
                            __acc269 += __g268;
                            __acc270 += __g265;
                            __bu.add(
                                {
                                    let jm = __s253;
                                    jm
                                },
                                __acc266,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s256;
                                    j
                                },
                                __acc269,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s263;
                                    jp
                                },
                                __acc270,
                            );
                        }
                    }
                    7u32 => {
                        let __g286 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __be += __g286;
                    }
                    _ => {}
                }
            }
            let __cot161 = __bu.into_vec(__u_copy.len());
            let __cot162 = ::oxidiff::__private::pos_zero(__bc);
            (__cot161, __cot162)
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
    let mut __tape1 = ::oxidiff::__private::Stack::new();
    let mut __tape2 = ::oxidiff::__private::Stack::new();
    let mut __tape3 = ::oxidiff::__private::Stack::new();
    let mut __tape4 = ::oxidiff::__private::Stack::new();
    let mut __tape5 = ::oxidiff::__private::Stack::new();
    let mut __tape6 = ::oxidiff::__private::Stack::new();
    let n = (u.len());
    let mut e = ::oxidiff::__private::lift::<::oxidiff::__private::Dual<f64>, _>((0.0));
    __ctrl.push(0u32);
    {
        let __oxidiff_lo0 = (0);
        let __oxidiff_hi0 = n;
        if __oxidiff_lo0 < __oxidiff_hi0 {
            let __start159 = (0);
            let mut __trips127: usize = 0;
            __tape1.reserve((((0) + 1) as usize).saturating_sub(((0)) as usize));
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
                let __i128 = jm;
                let __t129 = u[__i128];
                let __s130 = jm;
                let __i131 = j;
                let __t132 = u[__i131];
                let __s133 = j;
                let __t136 = ::oxidiff::__private::lift::<
                    ::oxidiff::__private::Dual<f64>,
                    _,
                >((2.0)) * __t132;
                let __t137 = __t129 - __t136;
                let __i138 = jp;
                let __t139 = u[__i138];
                let __s140 = jp;
                let __t141 = __t137 + __t139;
                let lap = __t141;
                let __t148 = e;
                let __t149 = lap;
                let __t150 = c * __t149;
                let __t151 = __t150 * __t149;
                let __t152 = __t148 + __t151;
                e = __t152;
                __tape1.push((__t149, __t150));
                __trips127 += 1;
            }
            __tape2.push((__trips127, __start159));
            __ctrl.push(2u32);
            let __start205 = (0) + 1;
            let mut __trips162: usize = 0;
            __tape3.reserve((((n) - 1) as usize).saturating_sub(((0) + 1) as usize));
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i163 = jm;
                let __t164 = u[__i163];
                let __s165 = jm;
                let __i168 = j;
                let __t169 = u[__i168];
                let __s170 = j;
                let __t173 = ::oxidiff::__private::lift::<
                    ::oxidiff::__private::Dual<f64>,
                    _,
                >((2.0)) * __t169;
                let __t174 = __t164 - __t173;
                let __i175 = jp;
                let __t176 = u[__i175];
                let __s177 = jp;
                let __t180 = __t174 + __t176;
                let lap = __t180;
                let __t194 = e;
                let __t195 = lap;
                let __t196 = c * __t195;
                let __t197 = __t196 * __t195;
                let __t198 = __t194 + __t197;
                e = __t198;
                __tape3.push((__t195, __t196));
                __trips162 += 1;
            }
            __tape4.push((__trips162, __start205));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start246 = (n) - 1;
                let mut __trips214: usize = 0;
                __tape5.reserve((((n)) as usize).saturating_sub(((n) - 1) as usize));
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
                    let __i215 = jm;
                    let __t216 = u[__i215];
                    let __s217 = jm;
                    let __i218 = j;
                    let __t219 = u[__i218];
                    let __s220 = j;
                    let __t223 = ::oxidiff::__private::lift::<
                        ::oxidiff::__private::Dual<f64>,
                        _,
                    >((2.0)) * __t219;
                    let __t224 = __t216 - __t223;
                    let __i225 = jp;
                    let __t226 = u[__i225];
                    let __s227 = jp;
                    let __t228 = __t224 + __t226;
                    let lap = __t228;
                    let __t235 = e;
                    let __t236 = lap;
                    let __t237 = c * __t236;
                    let __t238 = __t237 * __t236;
                    let __t239 = __t235 + __t238;
                    e = __t239;
                    __tape5.push((__t236, __t237));
                    __trips214 += 1;
                }
                __tape6.push((__trips214, __start246));
                __ctrl.push(6u32);
            }
        }
    }
    let __t249 = e;
    __ret0 = __t249;
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
                        let (__n158, __start159) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start159..__start159 + __n158).rev() {
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
                            let __s133 = j;
                            let __s130 = jm;
                            let __s140 = jp;
                            let (__t149, __t150) = __tape1.pop();
                            let mut __blap: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc143 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc146 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc147 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let __g153 = __be;
                            __be = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __be += __g153;
                            let __g154 = __g153 * __t149;
                            let __g155 = __g154 * __t149;
                            __bc += __g155;
                            let __g156 = __g154 * c;
                            __blap += __g156;
                            let __g157 = __g153 * __t150;
                            __blap += __g157;
                            let __g142 = __blap;
                            __blap = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __acc143 += __g142;
                            let __g144 = -__g142;
                            let __g145 = __g144
                                * ::oxidiff::__private::lift::<
                                    ::oxidiff::__private::Dual<f64>,
                                    _,
                                >((2.0));
                            __acc146 += __g145;
                            __acc147 += __g142;
                            __bu.add(
                                {
                                    let jm = __s130;
                                    jm
                                },
                                __acc143,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s133;
                                    j
                                },
                                __acc146,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s140;
                                    jp
                                },
                                __acc147,
                            );
                        }
                    }
                    4u32 => {
                        let (__n204, __start205) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win210 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win211 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win212 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let __cells183 = __bu.cells(__len_u);
                        if __n204 > 0 {
                            let (__base209,) = {
                                let j = __start205;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s170 = j;
                                let __s165 = jm;
                                let __s177 = jp;
                                (
                                    {
                                        let jp = __s177;
                                        jp
                                    },
                                )
                            };
                            let __w192 = &__cells183[__base209..][..__n204];
                            for __k206 in (0..__n204).rev() {
                                let j = __start205 + __k206;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s170 = j;
                                let __s165 = jm;
                                let __s177 = jp;
                                let (__t195, __t196) = __tape3.pop();
                                let __kw193 = __k206;
                                debug_assert_eq!(
                                    { let jp = __s177; jp }, __base209 + __k206
                                );
                                let mut __blap_1: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc182 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc188 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc191 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let __g199 = __be;
                                __be = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __be += __g199;
                                let __g200 = __g199 * __t195;
                                let __g201 = __g200 * __t195;
                                __bc += __g201;
                                let __g202 = __g200 * c;
                                __blap_1 += __g202;
                                let __g203 = __g199 * __t196;
                                __blap_1 += __g203;
                                let __g181 = __blap_1;
                                __blap_1 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __acc182 += __g181;
                                let __g186 = -__g181;
                                let __g187 = __g186
                                    * ::oxidiff::__private::lift::<
                                        ::oxidiff::__private::Dual<f64>,
                                        _,
                                    >((2.0));
                                __acc188 += __g187;
                                __acc191 += __g181;
                                __win210 += __acc182;
                                __win211 += __acc188;
                                __win212 += __acc191;
                                __w192[__kw193].set(__w192[__kw193].get() + __win212);
                                __win212 = __win211;
                                __win211 = __win210;
                                __win210 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                            }
                            __bu.add(__base209 - 2usize, __win211);
                            __bu.add(__base209 - 1usize, __win212);
                        }
                    }
                    6u32 => {
                        let (__n245, __start246) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start246..__start246 + __n245).rev() {
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
                            let __s220 = j;
                            let __s217 = jm;
                            let __s227 = jp;
                            let (__t236, __t237) = __tape5.pop();
                            let mut __blap_2: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc230 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc233 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc234 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let __g240 = __be;
                            __be = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __be += __g240;
                            let __g241 = __g240 * __t236;
                            let __g242 = __g241 * __t236;
                            __bc += __g242;
                            let __g243 = __g241 * c;
                            __blap_2 += __g243;
                            let __g244 = __g240 * __t237;
                            __blap_2 += __g244;
                            let __g229 = __blap_2;
                            __blap_2 = ::oxidiff::__private::acc_zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __acc230 += __g229;
                            let __g231 = -__g229;
                            let __g232 = __g231
                                * ::oxidiff::__private::lift::<
                                    ::oxidiff::__private::Dual<f64>,
                                    _,
                                >((2.0));
                            __acc233 += __g232;
                            __acc234 += __g229;
                            __bu.add(
                                {
                                    let jm = __s217;
                                    jm
                                },
                                __acc230,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s220;
                                    j
                                },
                                __acc233,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s227;
                                    jp
                                },
                                __acc234,
                            );
                        }
                    }
                    7u32 => {
                        let __g250 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        __be += __g250;
                    }
                    _ => {}
                }
            }
            let __cot125 = __bu.into_vec(__u_copy.len());
            let __cot126 = ::oxidiff::__private::pos_zero(__bc);
            (__cot125, __cot126)
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
    let (_, __c) = __oxidiff_vg_smooth_energy(u, c, ::oxidiff::__private::one::<f64>());
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
