//! Takes out of the wasm, before wasm-opt, the exports no reader's page calls, so wasm-opt can drop
//! the code behind them.
//!
//! wasm-bindgen exports every `#[wasm_bindgen]` type of every crate linked in. `wasm-streams`
//! (pulled in by Leptos' `server_fn`, for streamed server responses; this app has no server) brings three
//! classes, `IntoUnderlyingSource`, `IntoUnderlyingByteSource` and `IntoUnderlyingSink`, whose
//! methods are reachable only from those exports: about 1 KB brotli of the first download. The JS
//! glue still names them in its class bodies, which run only for an object the wasm hands out;
//! [`check_glue_never_makes`] fails the build if the glue ever could.

/// The classes whose exports no page of this app calls.
pub const UNUSED_CLASSES: &[&str] = &[
    "IntoUnderlyingSource",
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
];

/// Fails when the glue can create one of the unused classes (wasm-bindgen writes `Class.__wrap(`
/// where Rust returns such an object to JS): then their exports would be called, and dropping them
/// would break the page.
pub fn check_glue_never_makes(glue: &str) -> Result<(), String> {
    for class in UNUSED_CLASSES {
        if glue.contains(&format!("{class}.__wrap(")) {
            return Err(format!(
                "the JS glue now creates {class} objects: its exports can no longer be dropped \
                 (src/bin/postbuild/wasm_sections.rs)"
            ));
        }
    }
    Ok(())
}

/// The module without the exports of the `classes` (wasm-bindgen names them after the class in
/// lower case: `intounderlyingsink_abort`, `__wbg_intounderlyingsink_free`). Every other section is
/// copied byte for byte.
pub fn drop_exports(module: &[u8], classes: &[&str]) -> Result<Vec<u8>, String> {
    let unused: Vec<String> = classes.iter().map(|c| c.to_lowercase()).collect();
    const EXPORT_SECTION: u8 = 7;
    if module.len() < 8 || &module[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut out = module[..8].to_vec();
    let mut at = 8;
    while at < module.len() {
        let id = module[at];
        let mut cursor = at + 1;
        let size = read_u32(module, &mut cursor)? as usize;
        let body = module
            .get(cursor..cursor + size)
            .ok_or("wasm section runs past the end")?;
        if id == EXPORT_SECTION {
            let kept = filter_exports(body, &unused)?;
            out.push(EXPORT_SECTION);
            write_u32(&mut out, kept.len() as u32);
            out.extend_from_slice(&kept);
        } else {
            out.extend_from_slice(&module[at..cursor + size]);
        }
        at = cursor + size;
    }
    Ok(out)
}

/// The body of an export section without the unused entries.
fn filter_exports(body: &[u8], unused: &[String]) -> Result<Vec<u8>, String> {
    let mut cursor = 0;
    let count = read_u32(body, &mut cursor)?;
    let mut kept = Vec::new();
    let mut kept_count = 0u32;
    for _ in 0..count {
        let start = cursor;
        let name_len = read_u32(body, &mut cursor)? as usize;
        let name = body
            .get(cursor..cursor + name_len)
            .ok_or("export name runs past its section")?;
        let name = std::str::from_utf8(name).map_err(|_| "export name is not UTF-8")?;
        cursor += name_len + 1; // the name, then the export's kind
        read_u32(body, &mut cursor)?; // the index of what it exports
        if !unused.iter().any(|u| name.contains(u.as_str())) {
            kept.extend_from_slice(&body[start..cursor]);
            kept_count += 1;
        }
    }
    let mut out = Vec::new();
    write_u32(&mut out, kept_count);
    out.extend_from_slice(&kept);
    Ok(out)
}

/// An unsigned LEB128 number, as the wasm binary format writes counts, sizes and indices.
fn read_u32(bytes: &[u8], cursor: &mut usize) -> Result<u32, String> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*cursor).ok_or("wasm number runs past the end")?;
        *cursor += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err("wasm number longer than 5 bytes".into())
}

fn write_u32(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with a type section and an export section of functions, numbered from 200 (two
    /// bytes of LEB128) in the order given.
    fn module(exports: &[(&str, u32)]) -> Vec<u8> {
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        module.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: one () -> ()
        let mut body = Vec::new();
        write_u32(&mut body, exports.len() as u32);
        for (name, index) in exports {
            write_u32(&mut body, name.len() as u32);
            body.extend_from_slice(name.as_bytes());
            body.push(0); // a function
            write_u32(&mut body, *index);
        }
        module.push(7);
        write_u32(&mut module, body.len() as u32);
        module.extend_from_slice(&body);
        module
    }

    #[test]
    fn drops_only_the_named_exports_and_keeps_the_rest_byte_for_byte() {
        let input = module(&[
            ("main", 200),
            ("intounderlyingsink_abort", 201),
            ("__wbg_intounderlyingsource_free", 202),
            ("memory_grow", 300),
        ]);
        let output = drop_exports(&input, UNUSED_CLASSES).unwrap();
        assert_eq!(output, module(&[("main", 200), ("memory_grow", 300)]));
    }

    #[test]
    fn a_module_without_such_exports_is_unchanged() {
        let input = module(&[("main", 200), ("start", 201)]);
        assert_eq!(drop_exports(&input, UNUSED_CLASSES).unwrap(), input);
    }

    #[test]
    fn damaged_input_is_an_error_not_a_panic() {
        let input = module(&[("main", 200)]);
        assert!(drop_exports(&input[..input.len() - 3], UNUSED_CLASSES).is_err());
        assert!(drop_exports(b"not wasm", UNUSED_CLASSES).is_err());
        assert!(drop_exports(&[0, 97, 115, 109, 1, 0, 0, 0, 7, 0xff], UNUSED_CLASSES).is_err());
    }

    #[test]
    fn the_glue_check_names_a_class_the_wasm_hands_out() {
        assert!(check_glue_never_makes("class IntoUnderlyingSink { free() {} }").is_ok());
        let error = check_glue_never_makes("return IntoUnderlyingSink.__wrap(ret);").unwrap_err();
        assert!(error.contains("IntoUnderlyingSink"), "{error}");
    }
}
