//! Where the bytes of a .wasm go: section sizes, and code size per function and per crate, read
//! from the module's `name` section (present in the builds of benches/lib/variant.mjs, which keep
//! names; the shipped build strips them). A few dozen lines instead of installing twiggy.

import { readFileSync } from "node:fs";

function reader(bytes) {
  let pos = 0;
  const u32 = () => {
    let result = 0, shift = 0, b;
    do {
      b = bytes[pos++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return result;
  };
  const name = () => {
    const n = u32();
    const s = new TextDecoder().decode(bytes.subarray(pos, pos + n));
    pos += n;
    return s;
  };
  return { u32, name, get pos() { return pos; }, set pos(p) { pos = p; } };
}

const SECTION_NAMES = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"];

/** { sections: [{ name, size }], functions: [{ index, name, size }] } */
export function wasmSizes(file) {
  const bytes = readFileSync(file);
  const r = reader(bytes);
  r.pos = 8;
  const sections = [];
  let importedFuncs = 0;
  let bodies = [];
  const names = new Map();
  while (r.pos < bytes.length) {
    const id = bytes[r.pos];
    r.pos += 1;
    const size = r.u32();
    const start = r.pos;
    let label = SECTION_NAMES[id] ?? `id${id}`;
    if (id === 0) label = `custom:${r.name()}`;
    if (id === 2) {
      const n = r.u32();
      for (let i = 0; i < n; i++) {
        r.name();
        r.name();
        const kind = bytes[r.pos++];
        if (kind === 0) { r.u32(); importedFuncs++; }
        else if (kind === 1) { r.pos++; const f = r.u32(); r.u32(); if (f & 1) r.u32(); }
        else if (kind === 2) { const f = r.u32(); r.u32(); if (f & 1) r.u32(); }
        else if (kind === 3) { r.pos += 2; }
        else if (kind === 4) { r.pos++; r.u32(); }
      }
    }
    if (id === 10) {
      const n = r.u32();
      bodies = [];
      for (let i = 0; i < n; i++) {
        const len = r.u32();
        bodies.push(len);
        r.pos += len;
      }
    }
    if (label === "custom:name") {
      while (r.pos < start + size) {
        const sub = bytes[r.pos++];
        const len = r.u32();
        const end = r.pos + len;
        if (sub === 1) {
          const n = r.u32();
          for (let i = 0; i < n; i++) {
            const idx = r.u32();
            names.set(idx, r.name());
          }
        }
        r.pos = end;
      }
    }
    sections.push({ name: label, size });
    r.pos = start + size;
  }
  const functions = bodies.map((size, i) => ({ index: importedFuncs + i, name: names.get(importedFuncs + i) ?? `func${importedFuncs + i}`, size }));
  return { sections, functions, total: bytes.length };
}

/** The crate a (demangled Rust) function name belongs to, for a per-crate breakdown: the first
 * `crate::` (or `crate[hash]::`) path in the name, so `<f64 as core::fmt::Debug>::fmt` is core's. */
export function crateOf(name) {
  if (/ shim\b|^__wbg|^__wbindgen|^__externref/.test(name)) return "wasm-bindgen shims";
  if (/dlmalloc|^__rdl|^__rust_(alloc|dealloc|realloc)/.test(name)) return "allocator (dlmalloc)";
  if (/^(memcpy|memmove|memset|memcmp|bcmp)$/.test(name)) return "memcpy & co";
  const m = /([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name);
  return m ? m[1] : "(unnamed)";
}

/** Code bytes summed per crate, largest first. */
export function byCrate(functions) {
  const m = new Map();
  for (const f of functions) m.set(crateOf(f.name), (m.get(crateOf(f.name)) ?? 0) + f.size);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}
