//! The files scripts/build.mjs writes around the three wasm-bindgen outputs to make one npm
//! package: the entry modules (initialising without blocking, Node, slim), their typings, the shared
//! KlingError, and package.json with its `exports` map. Layout (dir "" = the package root):
//!
//!   index.js / index.node.js / slim.js   main module (kling_wasm.js + kling_wasm_bg.wasm)
//!   media/{index,index.node,slim}.js     probeImage / probeVideo (media.js + media_bg.wasm)
//!   proxy/{index,index.node,slim}.js     createKlingProxy (proxy/driver.js over proxy.js + proxy_bg.wasm)
//!   kling-error.js                       the one KlingError class, imported by all three glues
//!   ready.js + ready-messages.js         `ready` / `isReady` of the main module, the not_ready report
//!   web-start.js                         the web entries' non-blocking start and the main entry's
//!                                        wrappers (generated per glue export: glueApi below)
//!   json-schema.js + request-schemas.js  requestJsonSchema (js/json-schema.mjs) over the generated
//!                                        documents (js/request-schemas.mjs); main entries re-export it
//!   standard-schema.js (+ -data, -value) the Standard Schema objects (js/standard-schema.mjs); main entries re-export them
//!   capabilities.js                      capabilities(): src/schema/capabilities.json as a JS module (written by build.mjs)
//!   node.mjs                             toNodeListener, redisStore (js/node.mjs)
//!   redis-store.js                       the Redis store over the user's client (js/redis-store.mjs)
//!   cloudflare.mjs                       the Durable Object store (js/cloudflare.mjs + .d.ts)
//!   wasm-module.d.ts                     the types of the raw .wasm subpaths (a WebAssembly.Module)

import { HEAD, CAPABILITIES_DTS, KLING_ERROR_DTS, MAIN_DTS, NODE_DTS, READY_DTS, WASM_MODULE_DTS } from "./pkg-dts.mjs";
import { JSON_SCHEMA_DTS, STANDARD_SCHEMA_DTS } from "./pkg-dts-schema.mjs";

/** The three wasm modules: Cargo feature, directory in the package, wasm-bindgen out-name. */
export const MODULES = [
  { name: "main", feature: "bind-api", dir: "", outName: "kling_wasm" },
  { name: "media", feature: "bind-media", dir: "media", outName: "media" },
  { name: "proxy", feature: "bind-proxy", dir: "proxy", outName: "proxy" },
];

const up = (m) => (m.dir ? "../" : "./");

/** The exports every entry of a module shares: the glue's, its init functions, KlingError. The
 *  proxy's glue also exports the driver's raw steps (__kw…): its JS entries export only the API
 *  (createKlingProxy from the driver); typings re-export the glue's, stripped of the raw steps,
 *  and every type of kling-error.d.ts (the KlingError union's members and codes). */
const reexports = (m, typings = false) =>
  m.name === "proxy" && !typings
    ? `export { initSync, default } from "./${m.outName}.js";
export { createKlingProxy, memoryStore } from "./driver.js";
export { warmUp } from "./warm.js";
export { applyStoreOp } from "./${m.outName}.js";
export { KlingError } from "${up(m)}kling-error.js";
`
    : `export * from "./${m.outName}.js";
export { default } from "./${m.outName}.js";
${typings ? `export * from "${up(m)}kling-error.js";` : `export { KlingError } from "${up(m)}kling-error.js";`}
${m.name === "main" ? jsonSchemaExport(typings) + READY_EXPORT : ""}`;

/** Main module only: whether its wasm is loaded (ready.js; every entry marks it its own way). */
const READY_EXPORT = `export { isReady, ready } from "./ready.js";\n`;

/** Main module only: requestJsonSchema, capabilities and the Standard Schema objects, plain JS
 *  beside the wasm (the wasm does not grow; they work before it is loaded); the typings also carry
 *  their option and result types. */
const jsonSchemaExport = (typings) =>
  (typings ? `export * from "./json-schema.js";\n` : `export { requestJsonSchema } from "./json-schema.js";\n`) +
  `export { capabilities } from "./capabilities.js";\n` +
  (typings ? `export * from "./standard-schema.js";\n` : `export { ${STANDARD_SCHEMA_EXPORTS.join(", ")} } from "./standard-schema.js";\n`);
const STANDARD_SCHEMA_EXPORTS = [
  "createRequestSchema",
  "customElementSchema",
  "customVoiceSchema",
  "dependentFields",
  "imageGenerationSchema",
  "imageToVideoSchema",
  "omniImageSchema",
  "omniVideoSchema",
  "textToVideoSchema",
];

/**
 * How the main entry wraps each export of the glue, from the glue module itself (its exports)
 * and its typings (what each class method returns), so a new export is wrapped without an edit
 * here: validate* -> the not_ready Report before `ready`, validateAndBuild* -> { report }, any
 * other function -> throws "not_ready", classes -> constructible at once, methods wait
 * (js/web-start.mjs). Names starting with "__" are wasm-bindgen's internals and stay out.
 * Returns { functions: { name: kind }, classes: { Name: { constructible, methods: { m: kind } } } }.
 */
export function glueApi(glue, dts) {
  const functions = {};
  const classes = {};
  const isClass = (v) => typeof v === "function" && /^class\b/.test(Function.prototype.toString.call(v));
  for (const [name, value] of Object.entries(glue)) {
    if (name.startsWith("__")) continue;
    if (name === "default") functions[name] = "init";
    else if (name === "initSync") functions[name] = "initSync";
    else if (isClass(value)) classes[name] = classSpec(name, value, dts);
    else if (typeof value !== "function") throw new Error(`pkg-files: the glue exports ${name}, neither a function nor a class: decide how the web entry exports it`);
    else if (name.startsWith("validateAndBuild")) functions[name] = "validateAndBuild";
    else if (name.startsWith("validate")) functions[name] = "validate";
    else functions[name] = "call";
  }
  const iterators = Object.keys(classes).filter((c) => classes[c].methods.next === "promise");
  for (const c of Object.values(classes)) {
    for (const [m, kind] of Object.entries(c.methods)) {
      if (kind === "async-iterator") {
        if (iterators.length !== 1) throw new Error(`pkg-files: ${m} returns an async iterator, and the glue has ${iterators.length} iterator classes`);
        c.methods[m] = iterators[0];
      } else if (!["promise", "void"].includes(kind) && !(kind in classes)) throw new Error(`pkg-files: ${m} returns ${kind}, not a class of the glue`);
    }
  }
  return { functions, classes };
}

/** One class of the glue: its methods (from the prototype) and what each returns (from the typings). */
function classSpec(name, Class, dts) {
  // The class's block, and an interface of the same name that adds to it (a method declared in a
  // custom typescript section, e.g. KlingClient.waitForTask, generic over the family).
  const block = (kind) => dts.match(new RegExp(`^export ${kind} ${name} \\{\\n([\\s\\S]*?)^\\}`, "m"))?.[1];
  const body = block("class");
  if (!body) throw new Error(`pkg-files: class ${name} is not in the glue's typings`);
  const returns = Object.fromEntries([...`${body}${block("interface") ?? ""}`.matchAll(/^ {4}(\w+)(?:<[^(]*>)?\(.*\): (.+);$/gm)].map((x) => [x[1], x[2]]));
  const methods = {};
  for (const m of Object.getOwnPropertyNames(Class.prototype)) {
    if (m === "constructor" || m.startsWith("__")) continue;
    const ret = returns[m];
    if (ret === undefined) throw new Error(`pkg-files: ${name}.${m} is not in the glue's typings`);
    methods[m] = ret.startsWith("Promise<") ? "promise" : ret === "void" ? "void" : ret.startsWith("AsyncIterableIterator<") ? "async-iterator" : ret;
  }
  return { constructible: !/^ {4}private constructor\(/m.test(body) && /^ {4}constructor\(/m.test(body), methods };
}

const WRAPPER = { validate: "deferValidate", validateAndBuild: "deferValidateAndBuild", call: "deferCall" };

/**
 * The browser / bundler / Deno entry. It starts loading the .wasm beside it at import (`new
 * URL(..., import.meta.url)`, which bundlers turn into an asset) and resolves at once: no
 * top-level await. The main module's exports are wrappers that answer "not ready" until then
 * (glueApi); media's probes load their module on first call. Node and Bun get index.node.js by
 * their "node" condition; reached by path they read the file instead (web-start.js).
 */
function webEntry(m, api) {
  if (m.name === "proxy") return proxyWebEntry(m);
  const wasm = `new URL("./${m.outName}_bg.wasm", import.meta.url)`;
  const pkgPath = `"${m.dir ? `${m.dir}/` : ""}${m.outName}_bg.wasm"`;
  const when = m.name === "media" ? "on the first probe" : "at import, without blocking it";
  const head = `${HEAD} Loads the ${m.name} module ${when} (browsers, bundlers, Deno).
import * as glue from "./${m.outName}.js";
`;
  if (m.name === "media") {
    const fns = Object.keys(api.functions).filter((n) => api.functions[n] !== "init" && api.functions[n] !== "initSync");
    return `${head}import { deferAsync, lazyLoader } from "../web-start.js";

// The .wasm is fetched on the first probe, not at import: a page that imports the probes but never
// calls them loads nothing (the URL is still written here, for bundlers to emit the file).
const load = /*#__PURE__*/ lazyLoader(glue.default, glue.initSync, ${wasm}, ${pkgPath}, import.meta.url);

export { initSync, default } from "./${m.outName}.js";
export { KlingError } from "../kling-error.js";
${fns.map((n) => `export const ${n} = /*#__PURE__*/ deferAsync(glue.${n}, load);`).join("\n")}
`;
  }
  return `${head}import { ${wrapperImports(api, "startMain")} } from "./web-start.js";

startMain(glue.default, glue.initSync, ${wasm}, ${pkgPath}, import.meta.url);

export { KlingError } from "./kling-error.js";
${jsonSchemaExport(false)}${READY_EXPORT}
${wrappedExports(api)}`;
}

/** What the main module's web and slim entries import from web-start.js for wrappedExports. */
function wrapperImports(api, ...more) {
  const kinds = Object.values(api.functions).filter((kind) => WRAPPER[kind]).map((k) => WRAPPER[k]);
  return ["deferClasses", ...new Set(kinds), "markingInit", "markingInitSync", ...more].sort().join(", ");
}

/** The main module's exports, each wrapped (glueApi): until \`ready\`, validate* report not_ready,
 *  the other functions throw it, the classes wait; init / initSync mark it. */
function wrappedExports(api) {
  const fns = Object.entries(api.functions).filter(([, kind]) => WRAPPER[kind]);
  const classes = Object.keys(api.classes);
  return `// Until \`ready\`: validate* report not_ready, the other functions throw it, the classes wait.
export const initSync = /*#__PURE__*/ markingInitSync(glue.initSync);
const init = /*#__PURE__*/ markingInit(glue.default);
export { init as default };
const classes = /*#__PURE__*/ deferClasses(glue, ${JSON.stringify(api.classes)});
${classes.map((c) => `export const ${c} = classes.${c};`).join("\n")}
${fns.map(([n, kind]) => `export const ${n} = /*#__PURE__*/ ${WRAPPER[kind]}(glue.${n});`).join("\n")}
`;
}

/** The proxy runs on servers (top-level await is fine there): it initialises before the import resolves. */
function proxyWebEntry(m) {
  return `${HEAD} Initialises the ${m.name} module before it resolves (servers, Deno).
import init, { initSync } from "./${m.outName}.js";

const wasmUrl = new URL("./${m.outName}_bg.wasm", import.meta.url);
const fs = wasmUrl.protocol === "file:" ? globalThis.process?.getBuiltinModule?.("fs") : undefined;
if (fs) initSync({ module: fs.readFileSync(wasmUrl) });
else await init({ module_or_path: wasmUrl });

${reexports(m)}`;
}

/** The Node entry: reads the .wasm beside it and initialises synchronously (ready at import). */
function nodeEntry(m) {
  return `${HEAD} Initialises the ${m.name} module from its file (Node, Bun, Deno's npm support).
import { readFileSync } from "node:fs";
import { initSync } from "./${m.outName}.js";
${m.name === "main" ? `import { markReady } from "./ready.js";\n` : ""}
initSync({ module: readFileSync(new URL("./${m.outName}_bg.wasm", import.meta.url)) });
${m.name === "main" ? "markReady();\n" : ""}
${reexports(m)}`;
}

/** No initialisation: call `initSync({ module })` (workerd) or `await init()` first; for the main
 *  module these mark `ready` when they succeed. */
function slimEntry(m, api) {
  if (m.name !== "main") return `${HEAD} The ${m.name} module without initialisation: call initSync({ module }) or await init() first.\n${reexports(m)}`;
  // The same wrappers as the web entry, so a call before initSync answers as README's "before
  // ready" table says (a not_ready Report or KlingError) rather than a TypeError from the glue.
  return `${HEAD} The ${m.name} module without initialisation: call initSync({ module }) or await init() first (either marks \`ready\`).
import * as glue from "./${m.outName}.js";
import { ${wrapperImports(api)} } from "./web-start.js";

export { KlingError } from "./kling-error.js";
${jsonSchemaExport(false)}${READY_EXPORT}
${wrappedExports(api)}`;
}

/** path in the package -> text, for every generated file. */
export function entryFiles(apis) {
  const files = {
    "kling-error.d.ts": KLING_ERROR_DTS,
    "index.d.ts": MAIN_DTS,
    "ready.d.ts": READY_DTS,
    "node.d.ts": NODE_DTS,
    "wasm-module.d.ts": WASM_MODULE_DTS,
    "json-schema.d.ts": JSON_SCHEMA_DTS,
    "standard-schema.d.ts": STANDARD_SCHEMA_DTS,
    "capabilities.d.ts": CAPABILITIES_DTS,
  };
  for (const m of MODULES) {
    const at = (f) => (m.dir ? `${m.dir}/${f}` : f);
    files[at("index.js")] = webEntry(m, apis[m.name]);
    files[at("index.node.js")] = nodeEntry(m);
    files[at("slim.js")] = slimEntry(m, apis[m.name]);
    // The main module's index.d.ts re-exports its slim typings (above).
    files[at(m.dir ? "index.d.ts" : "slim.d.ts")] = `${HEAD}\n${reexports(m, true)}`;
  }
  return files;
}

/** The files that initialise a module when imported: the only ones with side effects. */
export const SIDE_EFFECTS = MODULES.flatMap((m) => ["index.js", "index.node.js"].map((f) => `./${m.dir ? `${m.dir}/` : ""}${f}`));

/**
 * The conditions of one entry, types first. workerd / worker: no auto-initialisation (the .wasm
 * must be imported as a module and passed to initSync); node: read from the file; everything
 * else (browsers, bundlers, Deno): fetch the .wasm beside the entry.
 */
function conditions(m) {
  const p = (f) => `./${m.dir ? `${m.dir}/` : ""}${f}`;
  return {
    types: p("index.d.ts"),
    workerd: p("slim.js"),
    worker: p("slim.js"),
    node: p("index.node.js"),
    browser: p("index.js"),
    import: p("index.js"),
    default: p("index.js"),
  };
}

/** package.json of the package, from the crate's metadata. */
/** The license texts (the crate is "MIT OR Apache-2.0"), copied into the package beside its README. */
export const LICENSE_FILES = ["LICENSE-MIT", "LICENSE-APACHE"];

export function packageJson(crate) {
  const exports = {};
  for (const m of MODULES) {
    const key = m.dir ? `./${m.dir}` : ".";
    exports[key] = conditions(m);
    exports[m.dir ? `./${m.dir}/slim` : "./slim"] = {
      types: m.dir ? `./${m.dir}/index.d.ts` : "./slim.d.ts",
      default: `./${m.dir ? `${m.dir}/` : ""}slim.js`,
    };
  }
  exports["./node"] = { types: "./node.d.ts", default: "./node.mjs" };
  // Imports "cloudflare:workers": only workerd (and wrangler's bundle) can load it.
  exports["./cloudflare"] = { types: "./cloudflare.d.ts", default: "./cloudflare.mjs" };
  for (const m of MODULES) exports[`./${m.outName}_bg.wasm`] = { types: "./wasm-module.d.ts", default: `./${m.dir ? `${m.dir}/` : ""}${m.outName}_bg.wasm` };
  exports["./package.json"] = "./package.json";
  return {
    name: crate.name,
    version: crate.version,
    description: crate.description,
    license: crate.license,
    repository: { type: "git", url: crate.repository },
    type: "module",
    main: "./index.node.js",
    module: "./index.js",
    browser: "./index.js",
    types: "./index.d.ts",
    exports,
    sideEffects: SIDE_EFFECTS,
    files: ["*.js", "*.mjs", "*.d.ts", "*.wasm", "snippets", ...LICENSE_FILES, ...MODULES.filter((m) => m.dir).map((m) => m.dir)],
    engines: { node: ">=20" },
    keywords: ["kling", "wasm", "validation", "video-generation", "cloudflare-workers"],
  };
}
