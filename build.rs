//! Embeds every file under `data/dictionaries/` into the binary, so that dyad needs nothing
//! at run time and a new dictionary file needs no code change; and embeds the dashboard's
//! chart and map libraries, installed from the npm registry (see `web/README.md`).

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let dir = root.join("data/dictionaries");
    println!("cargo:rerun-if-changed=data/dictionaries");
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let mut code = String::from(
        "/// Built-in dictionary files: (path under data/dictionaries, contents).\npub const BUILTIN: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", f.display().to_string()));
    }
    code.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    fs::write(out_dir.join("dictionaries.rs"), code).unwrap();
    web_libraries(&root, &out_dir);
}

/// The dashboard's chart and map libraries come from the npm registry (`web/package.json`,
/// installed with `npm ci --prefix web`) and are embedded here. Without them the dashboard
/// is built with a stand-in script that says how to install them; everything else works.
fn web_libraries(root: &Path, out_dir: &Path) {
    const LIBS: [(&str, &str, &str); 3] = [
        ("/vendor/d3.min.js", "text/javascript; charset=utf-8", "d3/dist/d3.min.js"),
        (
            "/vendor/topojson-client.min.js",
            "text/javascript; charset=utf-8",
            "topojson-client/dist/topojson-client.min.js",
        ),
        ("/vendor/countries-110m.json", "application/json", "world-atlas/countries-110m.json"),
    ];
    println!("cargo:rerun-if-changed=web/package-lock.json");
    let modules = root.join("web/node_modules");
    let missing = include_str!("web/missing-libraries.js");
    let mut all = true;
    let mut code = String::from(
        "/// Chart and map libraries: path, content type, bytes.\npub const LIBRARIES: [(&str, &str, &[u8]); 3] = [\n",
    );
    for (path, ct, file) in LIBS {
        let src = modules.join(file);
        println!("cargo:rerun-if-changed={}", src.display());
        if src.is_file() {
            code.push_str(&format!("    ({path:?}, {ct:?}, include_bytes!({:?})),\n", src.display().to_string()));
        } else {
            all = false;
            let stand_in = if ct.starts_with("application/json") { "{}" } else { missing };
            code.push_str(&format!("    ({path:?}, {ct:?}, {:?}.as_bytes()),\n", stand_in));
        }
    }
    code.push_str("];\n");
    code.push_str(&format!(
        "/// Whether the libraries were installed when dyad was built.\npub const LIBRARIES_INSTALLED: bool = {all};\n"
    ));
    fs::write(out_dir.join("web_libraries.rs"), code).unwrap();
}
