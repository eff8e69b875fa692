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
            let __start198 = (0);
            let mut __trips166: usize = 0;
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
                let __i167 = jm;
                let __t168 = u[__i167];
                let __s169 = jm;
                let __i170 = j;
                let __t171 = u[__i170];
                let __s172 = j;
                let __t175 = (2.0) * __t171;
                let __t176 = __t168 - __t175;
                let __i177 = jp;
                let __t178 = u[__i177];
                let __s179 = jp;
                let __t180 = __t176 + __t178;
                let lap = __t180;
                let __t187 = e;
                let __t188 = lap;
                let __t189 = c * __t188;
                let __t190 = __t189 * __t188;
                let __t191 = __t187 + __t190;
                e = __t191;
                __tape1.push((__t188, __t189));
                __trips166 += 1;
            }
            __tape2.push((__trips166, __start198));
            __ctrl.push(2u32);
            let __start244 = (0) + 1;
            let mut __trips201: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i202 = jm;
                let __t203 = u[__i202];
                let __s204 = jm;
                let __i207 = j;
                let __t208 = u[__i207];
                let __s209 = j;
                let __t212 = (2.0) * __t208;
                let __t213 = __t203 - __t212;
                let __i214 = jp;
                let __t215 = u[__i214];
                let __s216 = jp;
                let __t219 = __t213 + __t215;
                let lap = __t219;
                let __t233 = e;
                let __t234 = lap;
                let __t235 = c * __t234;
                let __t236 = __t235 * __t234;
                let __t237 = __t233 + __t236;
                e = __t237;
                __tape3.push((__t234, __t235));
                __trips201 += 1;
            }
            __tape4.push((__trips201, __start244));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start288 = (n) - 1;
                let mut __trips256: usize = 0;
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
                    let __i257 = jm;
                    let __t258 = u[__i257];
                    let __s259 = jm;
                    let __i260 = j;
                    let __t261 = u[__i260];
                    let __s262 = j;
                    let __t265 = (2.0) * __t261;
                    let __t266 = __t258 - __t265;
                    let __i267 = jp;
                    let __t268 = u[__i267];
                    let __s269 = jp;
                    let __t270 = __t266 + __t268;
                    let lap = __t270;
                    let __t277 = e;
                    let __t278 = lap;
                    let __t279 = c * __t278;
                    let __t280 = __t279 * __t278;
                    let __t281 = __t277 + __t280;
                    e = __t281;
                    __tape5.push((__t278, __t279));
                    __trips256 += 1;
                }
                __tape6.push((__trips256, __start288));
                __ctrl.push(6u32);
            }
        }
    }
    let __t291 = e;
    __ret0 = __t291;
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
                        let (__n197, __start198) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n197 > 0 {
                            let (__base200,) = {
                                let j = __start198;
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
                                let __s172 = j;
                                let __s169 = jm;
                                let __s179 = jp;
                                (
                                    {
                                        let j = __s172;
                                        j
                                    },
                                )
                            };
                            let __w173 = &__u_copy[__base200..][..__n197];
                            for __k199 in (0..__n197).rev() {
                                let j = __start198 + __k199;
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
                                let __s172 = j;
                                let __s169 = jm;
                                let __s179 = jp;
                                let (__t188, __t189) = __tape1.pop();
                                let __kw174 = __k199;
                                debug_assert_eq!({ let j = __s172; j }, __base200 + __k199);
                                let mut __blap: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc182 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc185 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc186 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g192 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g192;
                                let __g193 = __g192 * __t188;
                                let __g194 = __g193 * __t188;
                                __bc += __g194;
                                let __g195 = __g193 * c;
                                __blap += __g195;
                                let __g196 = __g192 * __t189;
                                __blap += __g196;
                                let __g181 = __blap;
                                __blap = ::oxidiff::__private::acc_zero::<f64>();
                                __acc182 += __g181;
                                let __g183 = -__g181;
                                let __g184 = __g183 * (2.0);
                                __acc185 += __g184;
                                __acc186 += __g181;
                                __bu.add(
                                    {
                                        let jm = __s169;
                                        jm
                                    },
                                    __acc182,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s172;
                                        j
                                    },
                                    __acc185,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s179;
                                        jp
                                    },
                                    __acc186,
                                );
                            }
                        }
                    }
                    4u32 => {
                        let (__n243, __start244) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win252 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win253 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win254 = ::oxidiff::__private::acc_zero::<f64>();
                        let __cells222 = __bu.cells(__len_u);
                        if __n243 > 0 {
                            let (
                                __base246,
                                __base247,
                                __base248,
                                __base249,
                                __base250,
                                __base251,
                            ) = {
                                let j = __start244;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s209 = j;
                                let __s204 = jm;
                                let __s216 = jp;
                                (
                                    {
                                        let jm = __s204;
                                        jm
                                    },
                                    {
                                        let j = __s209;
                                        j
                                    },
                                    {
                                        let jp = __s216;
                                        jp
                                    },
                                    {
                                        let jm = __s204;
                                        jm
                                    },
                                    {
                                        let j = __s209;
                                        j
                                    },
                                    {
                                        let jp = __s216;
                                        jp
                                    },
                                )
                            };
                            let __w205 = &__u_copy[__base246..][..__n243];
                            let __w210 = &__u_copy[__base247..][..__n243];
                            let __w217 = &__u_copy[__base248..][..__n243];
                            let __w223 = &__cells222[__base249..][..__n243];
                            let __w228 = &__cells222[__base250..][..__n243];
                            let __w231 = &__cells222[__base251..][..__n243];
                            for __k245 in (0..__n243).rev() {
                                let j = __start244 + __k245;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s209 = j;
                                let __s204 = jm;
                                let __s216 = jp;
                                let (__t234, __t235) = __tape3.pop();
                                let __kw206 = __k245;
                                debug_assert_eq!(
                                    { let jm = __s204; jm }, __base246 + __k245
                                );
                                let __kw211 = __k245;
                                debug_assert_eq!({ let j = __s209; j }, __base247 + __k245);
                                let __kw218 = __k245;
                                debug_assert_eq!(
                                    { let jp = __s216; jp }, __base248 + __k245
                                );
                                let __kw224 = __k245;
                                debug_assert_eq!(
                                    { let jm = __s204; jm }, __base249 + __k245
                                );
                                let __kw229 = __k245;
                                debug_assert_eq!({ let j = __s209; j }, __base250 + __k245);
                                let __kw232 = __k245;
                                debug_assert_eq!(
                                    { let jp = __s216; jp }, __base251 + __k245
                                );
                                let mut __blap_1: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc221 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc227 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc230 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g238 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g238;
                                let __g239 = __g238 * __t234;
                                let __g240 = __g239 * __t234;
                                __bc += __g240;
                                let __g241 = __g239 * c;
                                __blap_1 += __g241;
                                let __g242 = __g238 * __t235;
                                __blap_1 += __g242;
                                let __g220 = __blap_1;
                                __blap_1 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc221 += __g220;
                                let __g225 = -__g220;
                                let __g226 = __g225 * (2.0);
                                __acc227 += __g226;
                                __acc230 += __g220;
                                __win252 += __acc221;
                                __win253 += __acc227;
                                __win254 += __acc230;
                                __w231[__kw232].set(__w231[__kw232].get() + __win254);
                                __win254 = __win253;
                                __win253 = __win252;
                                __win252 = ::oxidiff::__private::acc_zero::<f64>();
                            }
                            __bu.add(__base251 - 2usize, __win253);
                            __bu.add(__base251 - 1usize, __win254);
                        }
                    }
                    6u32 => {
                        let (__n287, __start288) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n287 > 0 {
                            let (__base290,) = {
                                let j = __start288;
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
                                let __s262 = j;
                                let __s259 = jm;
                                let __s269 = jp;
                                (
                                    {
                                        let j = __s262;
                                        j
                                    },
                                )
                            };
                            let __w263 = &__u_copy[__base290..][..__n287];
                            for __k289 in (0..__n287).rev() {
                                let j = __start288 + __k289;
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
                                let __s262 = j;
                                let __s259 = jm;
                                let __s269 = jp;
                                let (__t278, __t279) = __tape5.pop();
                                let __kw264 = __k289;
                                debug_assert_eq!({ let j = __s262; j }, __base290 + __k289);
                                let mut __blap_2: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc272 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc275 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc276 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g282 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g282;
                                let __g283 = __g282 * __t278;
                                let __g284 = __g283 * __t278;
                                __bc += __g284;
                                let __g285 = __g283 * c;
                                __blap_2 += __g285;
                                let __g286 = __g282 * __t279;
                                __blap_2 += __g286;
                                let __g271 = __blap_2;
                                __blap_2 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc272 += __g271;
                                let __g273 = -__g271;
                                let __g274 = __g273 * (2.0);
                                __acc275 += __g274;
                                __acc276 += __g271;
                                __bu.add(
                                    {
                                        let jm = __s259;
                                        jm
                                    },
                                    __acc272,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s262;
                                        j
                                    },
                                    __acc275,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s269;
                                        jp
                                    },
                                    __acc276,
                                );
                            }
                        }
                    }
                    7u32 => {
                        let __g292 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __be += __g292;
                    }
                    _ => {}
                }
            }
            let __cot164 = __bu.into_vec(__u_copy.len());
            let __cot165 = ::oxidiff::__private::pos_zero(__bc);
            (__cot164, __cot165)
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
            let __start198 = (0);
            let mut __trips166: usize = 0;
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
                let __i167 = jm;
                let __t168 = u[__i167];
                let __s169 = jm;
                let __i170 = j;
                let __t171 = u[__i170];
                let __s172 = j;
                let __t175 = (2.0) * __t171;
                let __t176 = __t168 - __t175;
                let __i177 = jp;
                let __t178 = u[__i177];
                let __s179 = jp;
                let __t180 = __t176 + __t178;
                let lap = __t180;
                let __t187 = e;
                let __t188 = lap;
                let __t189 = c * __t188;
                let __t190 = __t189 * __t188;
                let __t191 = __t187 + __t190;
                e = __t191;
                __tape1.push((__t188, __t189));
                __trips166 += 1;
            }
            __tape2.push((__trips166, __start198));
            __ctrl.push(2u32);
            let __start244 = (0) + 1;
            let mut __trips201: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i202 = jm;
                let __t203 = u[__i202];
                let __s204 = jm;
                let __i207 = j;
                let __t208 = u[__i207];
                let __s209 = j;
                let __t212 = (2.0) * __t208;
                let __t213 = __t203 - __t212;
                let __i214 = jp;
                let __t215 = u[__i214];
                let __s216 = jp;
                let __t219 = __t213 + __t215;
                let lap = __t219;
                let __t233 = e;
                let __t234 = lap;
                let __t235 = c * __t234;
                let __t236 = __t235 * __t234;
                let __t237 = __t233 + __t236;
                e = __t237;
                __tape3.push((__t234, __t235));
                __trips201 += 1;
            }
            __tape4.push((__trips201, __start244));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start288 = (n) - 1;
                let mut __trips256: usize = 0;
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
                    let __i257 = jm;
                    let __t258 = u[__i257];
                    let __s259 = jm;
                    let __i260 = j;
                    let __t261 = u[__i260];
                    let __s262 = j;
                    let __t265 = (2.0) * __t261;
                    let __t266 = __t258 - __t265;
                    let __i267 = jp;
                    let __t268 = u[__i267];
                    let __s269 = jp;
                    let __t270 = __t266 + __t268;
                    let lap = __t270;
                    let __t277 = e;
                    let __t278 = lap;
                    let __t279 = c * __t278;
                    let __t280 = __t279 * __t278;
                    let __t281 = __t277 + __t280;
                    e = __t281;
                    __tape5.push((__t278, __t279));
                    __trips256 += 1;
                }
                __tape6.push((__trips256, __start288));
                __ctrl.push(6u32);
            }
        }
    }
    let __t291 = e;
    __ret0 = __t291;
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
                        let (__n197, __start198) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n197 > 0 {
                            let (__base200,) = {
                                let j = __start198;
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
                                let __s172 = j;
                                let __s169 = jm;
                                let __s179 = jp;
                                (
                                    {
                                        let j = __s172;
                                        j
                                    },
                                )
                            };
                            let __w173 = &__u_copy[__base200..][..__n197];
                            for __k199 in (0..__n197).rev() {
                                let j = __start198 + __k199;
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
                                let __s172 = j;
                                let __s169 = jm;
                                let __s179 = jp;
                                let (__t188, __t189) = __tape1.pop();
                                let __kw174 = __k199;
                                debug_assert_eq!({ let j = __s172; j }, __base200 + __k199);
                                let mut __blap: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc182 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc185 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc186 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g192 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g192;
                                let __g193 = __g192 * __t188;
                                let __g194 = __g193 * __t188;
                                __bc += __g194;
                                let __g195 = __g193 * c;
                                __blap += __g195;
                                let __g196 = __g192 * __t189;
                                __blap += __g196;
                                let __g181 = __blap;
                                __blap = ::oxidiff::__private::acc_zero::<f64>();
                                __acc182 += __g181;
                                let __g183 = -__g181;
                                let __g184 = __g183 * (2.0);
                                __acc185 += __g184;
                                __acc186 += __g181;
                                __bu.add(
                                    {
                                        let jm = __s169;
                                        jm
                                    },
                                    __acc182,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s172;
                                        j
                                    },
                                    __acc185,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s179;
                                        jp
                                    },
                                    __acc186,
                                );
                            }
                        }
                    }
                    4u32 => {
                        let (__n243, __start244) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win252 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win253 = ::oxidiff::__private::acc_zero::<f64>();
                        let mut __win254 = ::oxidiff::__private::acc_zero::<f64>();
                        let __cells222 = __bu.cells(__len_u);
                        if __n243 > 0 {
                            let (
                                __base246,
                                __base247,
                                __base248,
                                __base249,
                                __base250,
                                __base251,
                            ) = {
                                let j = __start244;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s209 = j;
                                let __s204 = jm;
                                let __s216 = jp;
                                (
                                    {
                                        let jm = __s204;
                                        jm
                                    },
                                    {
                                        let j = __s209;
                                        j
                                    },
                                    {
                                        let jp = __s216;
                                        jp
                                    },
                                    {
                                        let jm = __s204;
                                        jm
                                    },
                                    {
                                        let j = __s209;
                                        j
                                    },
                                    {
                                        let jp = __s216;
                                        jp
                                    },
                                )
                            };
                            let __w205 = &__u_copy[__base246..][..__n243];
                            let __w210 = &__u_copy[__base247..][..__n243];
                            let __w217 = &__u_copy[__base248..][..__n243];
                            let __w223 = &__cells222[__base249..][..__n243];
                            let __w228 = &__cells222[__base250..][..__n243];
                            let __w231 = &__cells222[__base251..][..__n243];
                            for __k245 in (0..__n243).rev() {
                                let j = __start244 + __k245;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s209 = j;
                                let __s204 = jm;
                                let __s216 = jp;
                                let (__t234, __t235) = __tape3.pop();
                                let __kw206 = __k245;
                                debug_assert_eq!(
                                    { let jm = __s204; jm }, __base246 + __k245
                                );
                                let __kw211 = __k245;
                                debug_assert_eq!({ let j = __s209; j }, __base247 + __k245);
                                let __kw218 = __k245;
                                debug_assert_eq!(
                                    { let jp = __s216; jp }, __base248 + __k245
                                );
                                let __kw224 = __k245;
                                debug_assert_eq!(
                                    { let jm = __s204; jm }, __base249 + __k245
                                );
                                let __kw229 = __k245;
                                debug_assert_eq!({ let j = __s209; j }, __base250 + __k245);
                                let __kw232 = __k245;
                                debug_assert_eq!(
                                    { let jp = __s216; jp }, __base251 + __k245
                                );
                                let mut __blap_1: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc221 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc227 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc230 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g238 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g238;
                                let __g239 = __g238 * __t234;
                                let __g240 = __g239 * __t234;
                                __bc += __g240;
                                let __g241 = __g239 * c;
                                __blap_1 += __g241;
                                let __g242 = __g238 * __t235;
                                __blap_1 += __g242;
                                let __g220 = __blap_1;
                                __blap_1 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc221 += __g220;
                                let __g225 = -__g220;
                                let __g226 = __g225 * (2.0);
                                __acc227 += __g226;
                                __acc230 += __g220;
                                __win252 += __acc221;
                                __win253 += __acc227;
                                __win254 += __acc230;
                                __w231[__kw232].set(__w231[__kw232].get() + __win254);
                                __win254 = __win253;
                                __win253 = __win252;
                                __win252 = ::oxidiff::__private::acc_zero::<f64>();
                            }
                            __bu.add(__base251 - 2usize, __win253);
                            __bu.add(__base251 - 1usize, __win254);
                        }
                    }
                    6u32 => {
                        let (__n287, __start288) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n287 > 0 {
                            let (__base290,) = {
                                let j = __start288;
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
                                let __s262 = j;
                                let __s259 = jm;
                                let __s269 = jp;
                                (
                                    {
                                        let j = __s262;
                                        j
                                    },
                                )
                            };
                            let __w263 = &__u_copy[__base290..][..__n287];
                            for __k289 in (0..__n287).rev() {
                                let j = __start288 + __k289;
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
                                let __s262 = j;
                                let __s259 = jm;
                                let __s269 = jp;
                                let (__t278, __t279) = __tape5.pop();
                                let __kw264 = __k289;
                                debug_assert_eq!({ let j = __s262; j }, __base290 + __k289);
                                let mut __blap_2: f64 = ::oxidiff::__private::acc_zero::<
                                    f64,
                                >();
                                let mut __acc272 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc275 = ::oxidiff::__private::acc_zero::<f64>();
                                let mut __acc276 = ::oxidiff::__private::acc_zero::<f64>();
                                let __g282 = __be;
                                __be = ::oxidiff::__private::acc_zero::<f64>();
                                __be += __g282;
                                let __g283 = __g282 * __t278;
                                let __g284 = __g283 * __t278;
                                __bc += __g284;
                                let __g285 = __g283 * c;
                                __blap_2 += __g285;
                                let __g286 = __g282 * __t279;
                                __blap_2 += __g286;
                                let __g271 = __blap_2;
                                __blap_2 = ::oxidiff::__private::acc_zero::<f64>();
                                __acc272 += __g271;
                                let __g273 = -__g271;
                                let __g274 = __g273 * (2.0);
                                __acc275 += __g274;
                                __acc276 += __g271;
                                __bu.add(
                                    {
                                        let jm = __s259;
                                        jm
                                    },
                                    __acc272,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s262;
                                        j
                                    },
                                    __acc275,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s269;
                                        jp
                                    },
                                    __acc276,
                                );
                            }
                        }
                    }
                    7u32 => {
                        let __g292 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<f64>();
                        __be += __g292;
                    }
                    _ => {}
                }
            }
            let __cot164 = __bu.into_vec(__u_copy.len());
            let __cot165 = ::oxidiff::__private::pos_zero(__bc);
            (__cot164, __cot165)
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
            let __start162 = (0);
            let mut __trips130: usize = 0;
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
                let __i131 = jm;
                let __t132 = u[__i131];
                let __s133 = jm;
                let __i134 = j;
                let __t135 = u[__i134];
                let __s136 = j;
                let __t139 = ::oxidiff::__private::lift::<
                    ::oxidiff::__private::Dual<f64>,
                    _,
                >((2.0)) * __t135;
                let __t140 = __t132 - __t139;
                let __i141 = jp;
                let __t142 = u[__i141];
                let __s143 = jp;
                let __t144 = __t140 + __t142;
                let lap = __t144;
                let __t151 = e;
                let __t152 = lap;
                let __t153 = c * __t152;
                let __t154 = __t153 * __t152;
                let __t155 = __t151 + __t154;
                e = __t155;
                __tape1.push((__t152, __t153));
                __trips130 += 1;
            }
            __tape2.push((__trips130, __start162));
            __ctrl.push(2u32);
            let __start208 = (0) + 1;
            let mut __trips165: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i166 = jm;
                let __t167 = u[__i166];
                let __s168 = jm;
                let __i171 = j;
                let __t172 = u[__i171];
                let __s173 = j;
                let __t176 = ::oxidiff::__private::lift::<
                    ::oxidiff::__private::Dual<f64>,
                    _,
                >((2.0)) * __t172;
                let __t177 = __t167 - __t176;
                let __i178 = jp;
                let __t179 = u[__i178];
                let __s180 = jp;
                let __t183 = __t177 + __t179;
                let lap = __t183;
                let __t197 = e;
                let __t198 = lap;
                let __t199 = c * __t198;
                let __t200 = __t199 * __t198;
                let __t201 = __t197 + __t200;
                e = __t201;
                __tape3.push((__t198, __t199));
                __trips165 += 1;
            }
            __tape4.push((__trips165, __start208));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start252 = (n) - 1;
                let mut __trips220: usize = 0;
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
                    let __i221 = jm;
                    let __t222 = u[__i221];
                    let __s223 = jm;
                    let __i224 = j;
                    let __t225 = u[__i224];
                    let __s226 = j;
                    let __t229 = ::oxidiff::__private::lift::<
                        ::oxidiff::__private::Dual<f64>,
                        _,
                    >((2.0)) * __t225;
                    let __t230 = __t222 - __t229;
                    let __i231 = jp;
                    let __t232 = u[__i231];
                    let __s233 = jp;
                    let __t234 = __t230 + __t232;
                    let lap = __t234;
                    let __t241 = e;
                    let __t242 = lap;
                    let __t243 = c * __t242;
                    let __t244 = __t243 * __t242;
                    let __t245 = __t241 + __t244;
                    e = __t245;
                    __tape5.push((__t242, __t243));
                    __trips220 += 1;
                }
                __tape6.push((__trips220, __start252));
                __ctrl.push(6u32);
            }
        }
    }
    let __t255 = e;
    __ret0 = __t255;
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
                        let (__n161, __start162) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n161 > 0 {
                            let (__base164,) = {
                                let j = __start162;
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
                                let __s136 = j;
                                let __s133 = jm;
                                let __s143 = jp;
                                (
                                    {
                                        let j = __s136;
                                        j
                                    },
                                )
                            };
                            let __w137 = &__u_copy[__base164..][..__n161];
                            for __k163 in (0..__n161).rev() {
                                let j = __start162 + __k163;
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
                                let __s136 = j;
                                let __s133 = jm;
                                let __s143 = jp;
                                let (__t152, __t153) = __tape1.pop();
                                let __kw138 = __k163;
                                debug_assert_eq!({ let j = __s136; j }, __base164 + __k163);
                                let mut __blap: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc146 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc149 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc150 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let __g156 = __be;
                                __be = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __be += __g156;
                                let __g157 = __g156 * __t152;
                                let __g158 = __g157 * __t152;
                                __bc += __g158;
                                let __g159 = __g157 * c;
                                __blap += __g159;
                                let __g160 = __g156 * __t153;
                                __blap += __g160;
                                let __g145 = __blap;
                                __blap = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __acc146 += __g145;
                                let __g147 = -__g145;
                                let __g148 = __g147
                                    * ::oxidiff::__private::lift::<
                                        ::oxidiff::__private::Dual<f64>,
                                        _,
                                    >((2.0));
                                __acc149 += __g148;
                                __acc150 += __g145;
                                __bu.add(
                                    {
                                        let jm = __s133;
                                        jm
                                    },
                                    __acc146,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s136;
                                        j
                                    },
                                    __acc149,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s143;
                                        jp
                                    },
                                    __acc150,
                                );
                            }
                        }
                    }
                    4u32 => {
                        let (__n207, __start208) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win216 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win217 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win218 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let __cells186 = __bu.cells(__len_u);
                        if __n207 > 0 {
                            let (
                                __base210,
                                __base211,
                                __base212,
                                __base213,
                                __base214,
                                __base215,
                            ) = {
                                let j = __start208;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s173 = j;
                                let __s168 = jm;
                                let __s180 = jp;
                                (
                                    {
                                        let jm = __s168;
                                        jm
                                    },
                                    {
                                        let j = __s173;
                                        j
                                    },
                                    {
                                        let jp = __s180;
                                        jp
                                    },
                                    {
                                        let jm = __s168;
                                        jm
                                    },
                                    {
                                        let j = __s173;
                                        j
                                    },
                                    {
                                        let jp = __s180;
                                        jp
                                    },
                                )
                            };
                            let __w169 = &__u_copy[__base210..][..__n207];
                            let __w174 = &__u_copy[__base211..][..__n207];
                            let __w181 = &__u_copy[__base212..][..__n207];
                            let __w187 = &__cells186[__base213..][..__n207];
                            let __w192 = &__cells186[__base214..][..__n207];
                            let __w195 = &__cells186[__base215..][..__n207];
                            for __k209 in (0..__n207).rev() {
                                let j = __start208 + __k209;
                                let jm = (j - (1));
                                let jp = (j + (1));
                                let __s173 = j;
                                let __s168 = jm;
                                let __s180 = jp;
                                let (__t198, __t199) = __tape3.pop();
                                let __kw170 = __k209;
                                debug_assert_eq!(
                                    { let jm = __s168; jm }, __base210 + __k209
                                );
                                let __kw175 = __k209;
                                debug_assert_eq!({ let j = __s173; j }, __base211 + __k209);
                                let __kw182 = __k209;
                                debug_assert_eq!(
                                    { let jp = __s180; jp }, __base212 + __k209
                                );
                                let __kw188 = __k209;
                                debug_assert_eq!(
                                    { let jm = __s168; jm }, __base213 + __k209
                                );
                                let __kw193 = __k209;
                                debug_assert_eq!({ let j = __s173; j }, __base214 + __k209);
                                let __kw196 = __k209;
                                debug_assert_eq!(
                                    { let jp = __s180; jp }, __base215 + __k209
                                );
                                let mut __blap_1: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc185 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc191 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc194 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let __g202 = __be;
                                __be = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __be += __g202;
                                let __g203 = __g202 * __t198;
                                let __g204 = __g203 * __t198;
                                __bc += __g204;
                                let __g205 = __g203 * c;
                                __blap_1 += __g205;
                                let __g206 = __g202 * __t199;
                                __blap_1 += __g206;
                                let __g184 = __blap_1;
                                __blap_1 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __acc185 += __g184;
                                let __g189 = -__g184;
                                let __g190 = __g189
                                    * ::oxidiff::__private::lift::<
                                        ::oxidiff::__private::Dual<f64>,
                                        _,
                                    >((2.0));
                                __acc191 += __g190;
                                __acc194 += __g184;
                                __win216 += __acc185;
                                __win217 += __acc191;
                                __win218 += __acc194;
                                __w195[__kw196].set(__w195[__kw196].get() + __win218);
                                __win218 = __win217;
                                __win217 = __win216;
                                __win216 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                            }
                            __bu.add(__base215 - 2usize, __win217);
                            __bu.add(__base215 - 1usize, __win218);
                        }
                    }
                    6u32 => {
                        let (__n251, __start252) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        if __n251 > 0 {
                            let (__base254,) = {
                                let j = __start252;
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
                                let __s226 = j;
                                let __s223 = jm;
                                let __s233 = jp;
                                (
                                    {
                                        let j = __s226;
                                        j
                                    },
                                )
                            };
                            let __w227 = &__u_copy[__base254..][..__n251];
                            for __k253 in (0..__n251).rev() {
                                let j = __start252 + __k253;
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
                                let __s226 = j;
                                let __s223 = jm;
                                let __s233 = jp;
                                let (__t242, __t243) = __tape5.pop();
                                let __kw228 = __k253;
                                debug_assert_eq!({ let j = __s226; j }, __base254 + __k253);
                                let mut __blap_2: ::oxidiff::__private::Dual<f64> = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc236 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc239 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let mut __acc240 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                let __g246 = __be;
                                __be = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __be += __g246;
                                let __g247 = __g246 * __t242;
                                let __g248 = __g247 * __t242;
                                __bc += __g248;
                                let __g249 = __g247 * c;
                                __blap_2 += __g249;
                                let __g250 = __g246 * __t243;
                                __blap_2 += __g250;
                                let __g235 = __blap_2;
                                __blap_2 = ::oxidiff::__private::acc_zero::<
                                    ::oxidiff::__private::Dual<f64>,
                                >();
                                __acc236 += __g235;
                                let __g237 = -__g235;
                                let __g238 = __g237
                                    * ::oxidiff::__private::lift::<
                                        ::oxidiff::__private::Dual<f64>,
                                        _,
                                    >((2.0));
                                __acc239 += __g238;
                                __acc240 += __g235;
                                __bu.add(
                                    {
                                        let jm = __s223;
                                        jm
                                    },
                                    __acc236,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let j = __s226;
                                        j
                                    },
                                    __acc239,
                                );
                                ::core::sync::atomic::compiler_fence(
                                    ::core::sync::atomic::Ordering::SeqCst,
                                );
                                __bu.add(
                                    {
                                        let jp = __s233;
                                        jp
                                    },
                                    __acc240,
                                );
                            }
                        }
                    }
                    7u32 => {
                        let __g256 = __bret0;
                        __bret0 = ::oxidiff::__private::acc_zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        __be += __g256;
                    }
                    _ => {}
                }
            }
            let __cot128 = __bu.into_vec(__u_copy.len());
            let __cot129 = ::oxidiff::__private::pos_zero(__bc);
            (__cot128, __cot129)
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
