//! Expansion snapshots: what the macro generates for a few representative functions, kept in
//! `macros/tests/expand/*.expanded.rs` so a reader sees the generated code (the same text
//! `cargo expand` would show, pretty-printed). `OXIDIFF_BLESS=1 cargo test -p oxidiff-macros`
//! rewrites them.

use std::path::Path;

use quote::ToTokens;

fn expand_file(src: &str) -> String {
    let file: syn::File = syn::parse_str(src).expect("snapshot input parses");
    let mut out = proc_macro2::TokenStream::new();
    for item in file.items {
        match item {
            syn::Item::Fn(mut f) => {
                let pos = f.attrs.iter().position(|a| {
                    let p = a.path();
                    p.is_ident("differentiable")
                        || p.is_ident("custom_vjp")
                        || p.is_ident("custom_jvp")
                        || p.is_ident("jit")
                        || p.is_ident("vmap")
                });
                match pos {
                    Some(i) => {
                        let attr = f.attrs.remove(i);
                        let args = match &attr.meta {
                            syn::Meta::List(l) => l.tokens.clone(),
                            _ => proc_macro2::TokenStream::new(),
                        };
                        let item = f.to_token_stream();
                        let name = attr.path().get_ident().map(|i| i.to_string());
                        out.extend(match name.as_deref() {
                            Some("differentiable") => crate::expand::differentiable(args, item),
                            Some("jit") => crate::expand::jit(args, item),
                            Some("vmap") => crate::expand::vmap(args, item),
                            Some("custom_vjp") => {
                                crate::expand::custom(args, item, crate::expand::CustomKind::Vjp)
                            }
                            _ => crate::expand::custom(args, item, crate::expand::CustomKind::Jvp),
                        });
                    }
                    None => out.extend(f.to_token_stream()),
                }
            }
            other => out.extend(other.to_token_stream()),
        }
    }
    let parsed: syn::File = syn::parse2(out).expect("expansion parses");
    prettyplease::unparse(&parsed)
}

#[test]
fn expansion_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let bless = std::env::var_os("OXIDIFF_BLESS").is_some();
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/expand exists")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        let name = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        if !name.ends_with(".rs") || name.ends_with(".expanded.rs") {
            continue;
        }
        n += 1;
        let src = std::fs::read_to_string(&path).expect("read input");
        let got = expand_file(&src);
        let snap = path.with_extension("expanded.rs");
        if bless || !snap.exists() {
            std::fs::write(&snap, &got).expect("write snapshot");
            continue;
        }
        let want = std::fs::read_to_string(&snap).expect("read snapshot");
        assert!(
            want == got,
            "expansion of {name} changed; rerun with OXIDIFF_BLESS=1 and review the diff\n--- got ---\n{got}"
        );
    }
    assert!(n >= 3, "expected expansion inputs in {}", dir.display());
}
