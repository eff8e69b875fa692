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
            let __start167 = (0);
            let mut __trips137: usize = 0;
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
                let __i138 = jm;
                let __t139 = u[__i138];
                let __s140 = jm;
                let __i141 = j;
                let __t142 = u[__i141];
                let __s143 = j;
                let __t144 = (2.0) * __t142;
                let __t145 = __t139 - __t144;
                let __i146 = jp;
                let __t147 = u[__i146];
                let __s148 = jp;
                let __t149 = __t145 + __t147;
                let lap = __t149;
                let __t156 = e;
                let __t157 = lap;
                let __t158 = c * __t157;
                let __t159 = __t158 * __t157;
                let __t160 = __t156 + __t159;
                e = __t160;
                __tape1.push((__t157, __t158));
                __trips137 += 1;
            }
            __tape2.push((__trips137, __start167));
            __ctrl.push(2u32);
            let __start202 = (0) + 1;
            let mut __trips168: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i169 = jm;
                let __t170 = u[__i169];
                let __s171 = jm;
                let __i172 = j;
                let __t173 = u[__i172];
                let __s174 = j;
                let __t175 = (2.0) * __t173;
                let __t176 = __t170 - __t175;
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
                __tape3.push((__t188, __t189));
                __trips168 += 1;
            }
            __tape4.push((__trips168, __start202));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start233 = (n) - 1;
                let mut __trips203: usize = 0;
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
                    let __i204 = jm;
                    let __t205 = u[__i204];
                    let __s206 = jm;
                    let __i207 = j;
                    let __t208 = u[__i207];
                    let __s209 = j;
                    let __t210 = (2.0) * __t208;
                    let __t211 = __t205 - __t210;
                    let __i212 = jp;
                    let __t213 = u[__i212];
                    let __s214 = jp;
                    let __t215 = __t211 + __t213;
                    let lap = __t215;
                    let __t222 = e;
                    let __t223 = lap;
                    let __t224 = c * __t223;
                    let __t225 = __t224 * __t223;
                    let __t226 = __t222 + __t225;
                    e = __t226;
                    __tape5.push((__t223, __t224));
                    __trips203 += 1;
                }
                __tape6.push((__trips203, __start233));
                __ctrl.push(6u32);
            }
        }
    }
    let __t234 = e;
    __ret0 = __t234;
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
                        __be = ::oxidiff::__private::zero::<f64>();
                    }
                    2u32 => {
                        let (__n166, __start167) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start167..__start167 + __n166).rev() {
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
                            let __s143 = j;
                            let __s140 = jm;
                            let __s148 = jp;
                            let (__t157, __t158) = __tape1.pop();
                            let mut __acc151 = ::oxidiff::__private::zero::<f64>();
                            let mut __acc154 = ::oxidiff::__private::zero::<f64>();
                            let mut __acc155 = ::oxidiff::__private::zero::<f64>();
                            let __g161 = __be;
                            __be = ::oxidiff::__private::zero::<f64>();
                            __be += __g161;
                            let __g162 = __g161 * __t157;
                            let __g163 = __g162 * __t157;
                            __bc += __g163;
                            let __g164 = __g162 * c;
                            __blap += __g164;
                            let __g165 = __g161 * __t158;
                            __blap += __g165;
                            let __g150 = __blap;
                            __blap = ::oxidiff::__private::zero::<f64>();
                            __acc151 += __g150;
                            let __g152 = -__g150;
                            let __g153 = __g152 * (2.0);
                            __acc154 += __g153;
                            __acc155 += __g150;
                            __bu.add(
                                {
                                    let jm = __s140;
                                    jm
                                },
                                __acc151,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s143;
                                    j
                                },
                                __acc154,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s148;
                                    jp
                                },
                                __acc155,
                            );
                        }
                    }
                    4u32 => {
                        let (__n197, __start202) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win198 = ::oxidiff::__private::zero::<f64>();
                        let mut __win199 = ::oxidiff::__private::zero::<f64>();
                        let mut __win200 = ::oxidiff::__private::zero::<f64>();
                        let mut __last201: usize = 0;
                        for j in (__start202..__start202 + __n197).rev() {
                            let jm = (j - (1));
                            let jp = (j + (1));
                            let __s174 = j;
                            let __s171 = jm;
                            let __s179 = jp;
                            let (__t188, __t189) = __tape3.pop();
                            let mut __acc182 = ::oxidiff::__private::zero::<f64>();
                            let mut __acc185 = ::oxidiff::__private::zero::<f64>();
                            let mut __acc186 = ::oxidiff::__private::zero::<f64>();
                            let __g192 = __be;
                            __be = ::oxidiff::__private::zero::<f64>();
                            __be += __g192;
                            let __g193 = __g192 * __t188;
                            let __g194 = __g193 * __t188;
                            __bc += __g194;
                            let __g195 = __g193 * c;
                            __blap_1 += __g195;
                            let __g196 = __g192 * __t189;
                            __blap_1 += __g196;
                            let __g181 = __blap_1;
                            __blap_1 = ::oxidiff::__private::zero::<f64>();
                            __acc182 += __g181;
                            let __g183 = -__g181;
                            let __g184 = __g183 * (2.0);
                            __acc185 += __g184;
                            __acc186 += __g181;
                            __win198 += __acc182;
                            __win199 += __acc185;
                            __win200 += __acc186;
                            __last201 = {
                                let jp = __s179;
                                jp
                            };
                            __bu.add(__last201, __win200);
                            __win200 = __win199;
                            __win199 = __win198;
                            __win198 = ::oxidiff::__private::zero::<f64>();
                        }
                        if __n197 > 0 {
                            __bu.add(__last201 - 2usize, __win199);
                            __bu.add(__last201 - 1usize, __win200);
                        }
                    }
                    6u32 => {
                        let (__n232, __start233) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start233..__start233 + __n232).rev() {
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
                            let __s209 = j;
                            let __s206 = jm;
                            let __s214 = jp;
                            let (__t223, __t224) = __tape5.pop();
                            let mut __acc217 = ::oxidiff::__private::zero::<f64>();
                            let mut __acc220 = ::oxidiff::__private::zero::<f64>();
                            let mut __acc221 = ::oxidiff::__private::zero::<f64>();
                            let __g227 = __be;
                            __be = ::oxidiff::__private::zero::<f64>();
                            __be += __g227;
                            let __g228 = __g227 * __t223;
                            let __g229 = __g228 * __t223;
                            __bc += __g229;
                            let __g230 = __g228 * c;
                            __blap_2 += __g230;
                            let __g231 = __g227 * __t224;
                            __blap_2 += __g231;
                            let __g216 = __blap_2;
                            __blap_2 = ::oxidiff::__private::zero::<f64>();
                            __acc217 += __g216;
                            let __g218 = -__g216;
                            let __g219 = __g218 * (2.0);
                            __acc220 += __g219;
                            __acc221 += __g216;
                            __bu.add(
                                {
                                    let jm = __s206;
                                    jm
                                },
                                __acc217,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s209;
                                    j
                                },
                                __acc220,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s214;
                                    jp
                                },
                                __acc221,
                            );
                        }
                    }
                    7u32 => {
                        let __g235 = __bret0;
                        __bret0 = ::oxidiff::__private::zero::<f64>();
                        __be += __g235;
                    }
                    _ => {}
                }
            }
            let __cot136 = __bu.into_vec(__u_copy.len());
            (__cot136, __bc)
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
            let __start167 = (0);
            let mut __trips137: usize = 0;
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
                let __i138 = jm;
                let __t139 = u[__i138];
                let __s140 = jm;
                let __i141 = j;
                let __t142 = u[__i141];
                let __s143 = j;
                let __t144 = (2.0) * __t142;
                let __t145 = __t139 - __t144;
                let __i146 = jp;
                let __t147 = u[__i146];
                let __s148 = jp;
                let __t149 = __t145 + __t147;
                let lap = __t149;
                let __t156 = e;
                let __t157 = lap;
                let __t158 = c * __t157;
                let __t159 = __t158 * __t157;
                let __t160 = __t156 + __t159;
                e = __t160;
                __tape1.push((__t157, __t158));
                __trips137 += 1;
            }
            __tape2.push((__trips137, __start167));
            __ctrl.push(2u32);
            let __start202 = (0) + 1;
            let mut __trips168: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i169 = jm;
                let __t170 = u[__i169];
                let __s171 = jm;
                let __i172 = j;
                let __t173 = u[__i172];
                let __s174 = j;
                let __t175 = (2.0) * __t173;
                let __t176 = __t170 - __t175;
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
                __tape3.push((__t188, __t189));
                __trips168 += 1;
            }
            __tape4.push((__trips168, __start202));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start233 = (n) - 1;
                let mut __trips203: usize = 0;
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
                    let __i204 = jm;
                    let __t205 = u[__i204];
                    let __s206 = jm;
                    let __i207 = j;
                    let __t208 = u[__i207];
                    let __s209 = j;
                    let __t210 = (2.0) * __t208;
                    let __t211 = __t205 - __t210;
                    let __i212 = jp;
                    let __t213 = u[__i212];
                    let __s214 = jp;
                    let __t215 = __t211 + __t213;
                    let lap = __t215;
                    let __t222 = e;
                    let __t223 = lap;
                    let __t224 = c * __t223;
                    let __t225 = __t224 * __t223;
                    let __t226 = __t222 + __t225;
                    e = __t226;
                    __tape5.push((__t223, __t224));
                    __trips203 += 1;
                }
                __tape6.push((__trips203, __start233));
                __ctrl.push(6u32);
            }
        }
    }
    let __t234 = e;
    __ret0 = __t234;
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
                        __be = ::oxidiff::__private::zero::<f64>();
                    }
                    2u32 => {
                        let (__n166, __start167) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start167..__start167 + __n166).rev() {
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
                            let __s143 = j;
                            let __s140 = jm;
                            let __s148 = jp;
                            let (__t157, __t158) = __tape1.pop();
                            let mut __acc151 = ::oxidiff::__private::zero::<f64>();
                            let mut __acc154 = ::oxidiff::__private::zero::<f64>();
                            let mut __acc155 = ::oxidiff::__private::zero::<f64>();
                            let __g161 = __be;
                            __be = ::oxidiff::__private::zero::<f64>();
                            __be += __g161;
                            let __g162 = __g161 * __t157;
                            let __g163 = __g162 * __t157;
                            __bc += __g163;
                            let __g164 = __g162 * c;
                            __blap += __g164;
                            let __g165 = __g161 * __t158;
                            __blap += __g165;
                            let __g150 = __blap;
                            __blap = ::oxidiff::__private::zero::<f64>();
                            __acc151 += __g150;
                            let __g152 = -__g150;
                            let __g153 = __g152 * (2.0);
                            __acc154 += __g153;
                            __acc155 += __g150;
                            __bu.add(
                                {
                                    let jm = __s140;
                                    jm
                                },
                                __acc151,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s143;
                                    j
                                },
                                __acc154,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s148;
                                    jp
                                },
                                __acc155,
                            );
                        }
                    }
                    4u32 => {
                        let (__n197, __start202) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win198 = ::oxidiff::__private::zero::<f64>();
                        let mut __win199 = ::oxidiff::__private::zero::<f64>();
                        let mut __win200 = ::oxidiff::__private::zero::<f64>();
                        let mut __last201: usize = 0;
                        for j in (__start202..__start202 + __n197).rev() {
                            let jm = (j - (1));
                            let jp = (j + (1));
                            let __s174 = j;
                            let __s171 = jm;
                            let __s179 = jp;
                            let (__t188, __t189) = __tape3.pop();
                            let mut __acc182 = ::oxidiff::__private::zero::<f64>();
                            let mut __acc185 = ::oxidiff::__private::zero::<f64>();
                            let mut __acc186 = ::oxidiff::__private::zero::<f64>();
                            let __g192 = __be;
                            __be = ::oxidiff::__private::zero::<f64>();
                            __be += __g192;
                            let __g193 = __g192 * __t188;
                            let __g194 = __g193 * __t188;
                            __bc += __g194;
                            let __g195 = __g193 * c;
                            __blap_1 += __g195;
                            let __g196 = __g192 * __t189;
                            __blap_1 += __g196;
                            let __g181 = __blap_1;
                            __blap_1 = ::oxidiff::__private::zero::<f64>();
                            __acc182 += __g181;
                            let __g183 = -__g181;
                            let __g184 = __g183 * (2.0);
                            __acc185 += __g184;
                            __acc186 += __g181;
                            __win198 += __acc182;
                            __win199 += __acc185;
                            __win200 += __acc186;
                            __last201 = {
                                let jp = __s179;
                                jp
                            };
                            __bu.add(__last201, __win200);
                            __win200 = __win199;
                            __win199 = __win198;
                            __win198 = ::oxidiff::__private::zero::<f64>();
                        }
                        if __n197 > 0 {
                            __bu.add(__last201 - 2usize, __win199);
                            __bu.add(__last201 - 1usize, __win200);
                        }
                    }
                    6u32 => {
                        let (__n232, __start233) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start233..__start233 + __n232).rev() {
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
                            let __s209 = j;
                            let __s206 = jm;
                            let __s214 = jp;
                            let (__t223, __t224) = __tape5.pop();
                            let mut __acc217 = ::oxidiff::__private::zero::<f64>();
                            let mut __acc220 = ::oxidiff::__private::zero::<f64>();
                            let mut __acc221 = ::oxidiff::__private::zero::<f64>();
                            let __g227 = __be;
                            __be = ::oxidiff::__private::zero::<f64>();
                            __be += __g227;
                            let __g228 = __g227 * __t223;
                            let __g229 = __g228 * __t223;
                            __bc += __g229;
                            let __g230 = __g228 * c;
                            __blap_2 += __g230;
                            let __g231 = __g227 * __t224;
                            __blap_2 += __g231;
                            let __g216 = __blap_2;
                            __blap_2 = ::oxidiff::__private::zero::<f64>();
                            __acc217 += __g216;
                            let __g218 = -__g216;
                            let __g219 = __g218 * (2.0);
                            __acc220 += __g219;
                            __acc221 += __g216;
                            __bu.add(
                                {
                                    let jm = __s206;
                                    jm
                                },
                                __acc217,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s209;
                                    j
                                },
                                __acc220,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s214;
                                    jp
                                },
                                __acc221,
                            );
                        }
                    }
                    7u32 => {
                        let __g235 = __bret0;
                        __bret0 = ::oxidiff::__private::zero::<f64>();
                        __be += __g235;
                    }
                    _ => {}
                }
            }
            let __cot136 = __bu.into_vec(__u_copy.len());
            (__cot136, __bc)
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
            let __start131 = (0);
            let mut __trips101: usize = 0;
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
                let __i102 = jm;
                let __t103 = u[__i102];
                let __s104 = jm;
                let __i105 = j;
                let __t106 = u[__i105];
                let __s107 = j;
                let __t108 = ::oxidiff::__private::lift::<
                    ::oxidiff::__private::Dual<f64>,
                    _,
                >((2.0)) * __t106;
                let __t109 = __t103 - __t108;
                let __i110 = jp;
                let __t111 = u[__i110];
                let __s112 = jp;
                let __t113 = __t109 + __t111;
                let lap = __t113;
                let __t120 = e;
                let __t121 = lap;
                let __t122 = c * __t121;
                let __t123 = __t122 * __t121;
                let __t124 = __t120 + __t123;
                e = __t124;
                __tape1.push((__t121, __t122));
                __trips101 += 1;
            }
            __tape2.push((__trips101, __start131));
            __ctrl.push(2u32);
            let __start166 = (0) + 1;
            let mut __trips132: usize = 0;
            for j in (0) + 1..(n) - 1 {
                let jm = (j - (1));
                let jp = (j + (1));
                let __i133 = jm;
                let __t134 = u[__i133];
                let __s135 = jm;
                let __i136 = j;
                let __t137 = u[__i136];
                let __s138 = j;
                let __t139 = ::oxidiff::__private::lift::<
                    ::oxidiff::__private::Dual<f64>,
                    _,
                >((2.0)) * __t137;
                let __t140 = __t134 - __t139;
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
                __tape3.push((__t152, __t153));
                __trips132 += 1;
            }
            __tape4.push((__trips132, __start166));
            __ctrl.push(4u32);
            if __oxidiff_hi0 - 1 > __oxidiff_lo0 {
                let __start197 = (n) - 1;
                let mut __trips167: usize = 0;
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
                    let __i168 = jm;
                    let __t169 = u[__i168];
                    let __s170 = jm;
                    let __i171 = j;
                    let __t172 = u[__i171];
                    let __s173 = j;
                    let __t174 = ::oxidiff::__private::lift::<
                        ::oxidiff::__private::Dual<f64>,
                        _,
                    >((2.0)) * __t172;
                    let __t175 = __t169 - __t174;
                    let __i176 = jp;
                    let __t177 = u[__i176];
                    let __s178 = jp;
                    let __t179 = __t175 + __t177;
                    let lap = __t179;
                    let __t186 = e;
                    let __t187 = lap;
                    let __t188 = c * __t187;
                    let __t189 = __t188 * __t187;
                    let __t190 = __t186 + __t189;
                    e = __t190;
                    __tape5.push((__t187, __t188));
                    __trips167 += 1;
                }
                __tape6.push((__trips167, __start197));
                __ctrl.push(6u32);
            }
        }
    }
    let __t198 = e;
    __ret0 = __t198;
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
                        __be = ::oxidiff::__private::zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                    }
                    2u32 => {
                        let (__n130, __start131) = __tape2.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start131..__start131 + __n130).rev() {
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
                            let __s107 = j;
                            let __s104 = jm;
                            let __s112 = jp;
                            let (__t121, __t122) = __tape1.pop();
                            let mut __acc115 = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc118 = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc119 = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let __g125 = __be;
                            __be = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __be += __g125;
                            let __g126 = __g125 * __t121;
                            let __g127 = __g126 * __t121;
                            __bc += __g127;
                            let __g128 = __g126 * c;
                            __blap += __g128;
                            let __g129 = __g125 * __t122;
                            __blap += __g129;
                            let __g114 = __blap;
                            __blap = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __acc115 += __g114;
                            let __g116 = -__g114;
                            let __g117 = __g116
                                * ::oxidiff::__private::lift::<
                                    ::oxidiff::__private::Dual<f64>,
                                    _,
                                >((2.0));
                            __acc118 += __g117;
                            __acc119 += __g114;
                            __bu.add(
                                {
                                    let jm = __s104;
                                    jm
                                },
                                __acc115,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s107;
                                    j
                                },
                                __acc118,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s112;
                                    jp
                                },
                                __acc119,
                            );
                        }
                    }
                    4u32 => {
                        let (__n161, __start166) = __tape4.pop();
                        let mut __bu = __bu.view(__len_u);
                        let mut __win162 = ::oxidiff::__private::zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win163 = ::oxidiff::__private::zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __win164 = ::oxidiff::__private::zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        let mut __last165: usize = 0;
                        for j in (__start166..__start166 + __n161).rev() {
                            let jm = (j - (1));
                            let jp = (j + (1));
                            let __s138 = j;
                            let __s135 = jm;
                            let __s143 = jp;
                            let (__t152, __t153) = __tape3.pop();
                            let mut __acc146 = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc149 = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc150 = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let __g156 = __be;
                            __be = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __be += __g156;
                            let __g157 = __g156 * __t152;
                            let __g158 = __g157 * __t152;
                            __bc += __g158;
                            let __g159 = __g157 * c;
                            __blap_1 += __g159;
                            let __g160 = __g156 * __t153;
                            __blap_1 += __g160;
                            let __g145 = __blap_1;
                            __blap_1 = ::oxidiff::__private::zero::<
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
                            __win162 += __acc146;
                            __win163 += __acc149;
                            __win164 += __acc150;
                            __last165 = {
                                let jp = __s143;
                                jp
                            };
                            __bu.add(__last165, __win164);
                            __win164 = __win163;
                            __win163 = __win162;
                            __win162 = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                        }
                        if __n161 > 0 {
                            __bu.add(__last165 - 2usize, __win163);
                            __bu.add(__last165 - 1usize, __win164);
                        }
                    }
                    6u32 => {
                        let (__n196, __start197) = __tape6.pop();
                        let mut __bu = __bu.view(__len_u);
                        for j in (__start197..__start197 + __n196).rev() {
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
                            let __s173 = j;
                            let __s170 = jm;
                            let __s178 = jp;
                            let (__t187, __t188) = __tape5.pop();
                            let mut __acc181 = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc184 = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let mut __acc185 = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            let __g191 = __be;
                            __be = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __be += __g191;
                            let __g192 = __g191 * __t187;
                            let __g193 = __g192 * __t187;
                            __bc += __g193;
                            let __g194 = __g192 * c;
                            __blap_2 += __g194;
                            let __g195 = __g191 * __t188;
                            __blap_2 += __g195;
                            let __g180 = __blap_2;
                            __blap_2 = ::oxidiff::__private::zero::<
                                ::oxidiff::__private::Dual<f64>,
                            >();
                            __acc181 += __g180;
                            let __g182 = -__g180;
                            let __g183 = __g182
                                * ::oxidiff::__private::lift::<
                                    ::oxidiff::__private::Dual<f64>,
                                    _,
                                >((2.0));
                            __acc184 += __g183;
                            __acc185 += __g180;
                            __bu.add(
                                {
                                    let jm = __s170;
                                    jm
                                },
                                __acc181,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let j = __s173;
                                    j
                                },
                                __acc184,
                            );
                            ::core::sync::atomic::compiler_fence(
                                ::core::sync::atomic::Ordering::SeqCst,
                            );
                            __bu.add(
                                {
                                    let jp = __s178;
                                    jp
                                },
                                __acc185,
                            );
                        }
                    }
                    7u32 => {
                        let __g199 = __bret0;
                        __bret0 = ::oxidiff::__private::zero::<
                            ::oxidiff::__private::Dual<f64>,
                        >();
                        __be += __g199;
                    }
                    _ => {}
                }
            }
            let __cot100 = __bu.into_vec(__u_copy.len());
            (__cot100, __bc)
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
