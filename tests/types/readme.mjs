#!/usr/bin/env node
// Type-checks every ```js, ```ts and ```tsx block of the READMEs against the built package
// (KLING_PKG, default pkg/), as a user who copies one would: each block becomes a file of its own
// under target/readme-snippets/<readme>/, `kling-wasm` resolves through the package's exports map
// (a node_modules link), and tsc checks them with strict settings (the .js ones with checkJs).
//   README.md (the repository's): a snippet may use the package's exports without importing them
//     (the README imports them once, at the top): the names it uses are imported for it, and the
//     free variables the snippets leave to the reader (keys, a session lookup, a file) are
//     declared in GLOBALS below.
//   docs/package-README.md (the package's README.md): every block stands alone; only Node's
//     `process.env` is declared (no @types/node here). A package a block imports besides
//     kling-wasm (react-hook-form, ...) resolves from the repository's or an example's
//     node_modules, with its @types.
// `--readme FILE` checks that one file as a package README (the packaging layer checks the
// README.md installed from the tarball). A package-README block whose table entry names
// `typecheckWith: "<project>"` (React components) is checked only when `--with <project>=DIR`
// gives that project's installed node_modules (the packaging layer installs the example);
// otherwise it is reported as deferred. Run by scripts/test.sh after the build:
// `node tests/types/readme.mjs`.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { blocksOf, PACKAGE_README, TYPED } from "../readme/blocks.mjs";
import { BLOCKS } from "../readme/package-blocks.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PKG = resolve(ROOT, process.env.KLING_PKG ?? "pkg");
const OUT = join(ROOT, "target", "readme-snippets");
/** --with <project>=<node_modules dir>, repeatable: where a project's packages are installed. */
const WITH = new Map(process.argv.flatMap((a, i) => (a === "--with" ? [process.argv[i + 1].split("=")] : [])).map(([k, v]) => [k, resolve(v)]));

/** What the README's snippets leave to the reader. */
const GLOBALS = `// The values README snippets leave to the reader.
declare const accessKey: string;
declare const secretKey: string;
declare const authorize: (request: Request) => Promise<string | false>;
declare const env: { KLING_ACCESS_KEY: string; KLING_SECRET_KEY: string };
declare function mySession(request: Request): Promise<{ userId: string } | null>;
declare const file: File;
`;

// node:http's types, as far as kling-wasm/node names them (no @types/node here).
const NODE_HTTP_STUB = `declare module "node:http" {
  export interface IncomingMessage { method?: string; url?: string; rawHeaders: string[] }
  export interface ServerResponse { headersSent: boolean }
  export function createServer(listener: (req: IncomingMessage, res: ServerResponse) => void): { listen(port: number): void };
}
`;

// What a Node block of the package README uses of @types/node.
const NODE_PROCESS_STUB = `declare const process: { env: Record<string, string | undefined>; exit(code?: number): never };
declare module "node:fs" {
  export function cpSync(source: string, destination: string, options?: { recursive?: boolean }): void;
  export function mkdirSync(path: string, options?: { recursive?: boolean }): string | undefined;
}
declare module "node:url" {
  export function fileURLToPath(url: string | URL): string;
}
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true, noEmit: true, allowJs: true, checkJs: true, target: "ES2022", module: "ES2022",
    moduleResolution: "bundler", skipLibCheck: false, types: [], jsx: "react-jsx",
  },
  include: ["*.ts", "*.tsx", "*.js"],
};

/** The main entry's value exports (functions, classes, KlingError), from its typings. */
function exportedNames() {
  const text = ["kling_wasm.d.ts", "index.d.ts", "kling-error.d.ts"].map((f) => readFileSync(join(PKG, f), "utf8")).join("\n");
  const names = new Set([...text.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]));
  for (const m of text.matchAll(/^export \{([^}]*)\} from/gm)) for (const n of m[1].split(",")) if (n.trim() && !n.includes("type ")) names.add(n.trim().split(/\s+as\s+/).pop());
  names.delete("default");
  return names;
}

/** The snippet with imports of the package's exports it uses but neither imports nor declares. */
function withImports(code, names) {
  const bound = new Set([...code.matchAll(/\b(?:import\s*\{([^}]*)\}|import\s+(\w+)|(?:const|let|var|function|class)\s+(\w+))/g)].flatMap((m) =>
    m[1] ? m[1].split(",").map((n) => n.trim().split(/\s+as\s+/).pop()) : [m[2] ?? m[3]]));
  const used = [...names].filter((n) => !bound.has(n) && new RegExp(`(?<![.\\w])${n}\\b`).test(code.replace(/\/\/.*$/gm, "")));
  const head = used.length ? `import { ${used.join(", ")} } from "kling-wasm";\n` : "";
  return `${head}${code}export {};\n`;
}

/** Where a bare package a block imports (other than kling-wasm) is installed: the repository's
 *  node_modules, else an example's. */
function installed(name) {
  const roots = [...WITH.values(), join(ROOT, "node_modules"), ...readdirSync(join(ROOT, "examples")).map((e) => join(ROOT, "examples", e, "node_modules"))];
  return roots.map((r) => join(r, name)).find((d) => existsSync(join(d, "package.json")));
}

/** The bare packages `code` imports, besides kling-wasm and node: builtins. */
const importsOf = (code) => [...code.matchAll(/\bfrom\s+"([^"]+)"/g)].map((m) => m[1])
  .filter((s) => !s.startsWith(".") && !s.startsWith("node:") && s !== "kling-wasm" && !s.startsWith("kling-wasm/"))
  .map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]));

/**
 * Type-checks the blocks of one README in its own directory; `standalone`: the package README
 * (blocks import what they use). Returns how many blocks were checked; exits on an error.
 */
function check(readme, label, standalone) {
  const out = join(OUT, label);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, "node_modules"), { recursive: true });
  symlinkSync(PKG, join(out, "node_modules", "kling-wasm"), "dir");
  writeFileSync(join(out, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  const all = blocksOf(readFileSync(readme, "utf8")).filter((b) => TYPED.has(b.lang));
  const deferred = standalone ? all.filter((b) => BLOCKS[b.name]?.typecheckWith && !WITH.has(BLOCKS[b.name].typecheckWith)) : [];
  const blocks = all.filter((b) => !deferred.includes(b));
  for (const b of deferred) console.log(`readme: block "${b.name}" needs ${BLOCKS[b.name].typecheckWith}'s packages: type-checked in the packaging layer (--with ${BLOCKS[b.name].typecheckWith}=DIR)`);
  if (standalone) {
    writeFileSync(join(out, "node-process.d.ts"), NODE_PROCESS_STUB);
    const extra = new Set(blocks.flatMap((b) => importsOf(b.code)));
    for (const name of extra) {
      const types = `@types/${name.replace(/^@/, "").replace("/", "__")}`;
      const dir = installed(name);
      // Not installed: tsc reports the import it cannot resolve.
      if (!dir) console.error(`readme: ${readme}: a block imports "${name}", which is installed neither in node_modules nor in an example's`);
      for (const [n, d] of [[name, dir], [types, installed(types)]]) {
        if (!d || existsSync(join(out, "node_modules", n))) continue;
        mkdirSync(dirname(join(out, "node_modules", n)), { recursive: true });
        symlinkSync(d, join(out, "node_modules", n), "dir");
      }
    }
  } else {
    writeFileSync(join(out, "globals.d.ts"), GLOBALS);
  }
  writeFileSync(join(out, "node-http.d.ts"), NODE_HTTP_STUB);
  const names = exportedNames();
  for (const b of blocks) {
    const file = `${b.name ?? "readme"}-line-${b.line}.${b.lang}`;
    writeFileSync(join(out, file), standalone ? `${b.code}export {};\n` : withImports(b.code, names));
  }
  try {
    execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", out], { encoding: "utf8" });
  } catch (e) {
    console.error(`readme: a block of ${readme} does not type-check (files in ${out}, named by block and README line):\n${e.stdout}${e.stderr}`);
    process.exit(1);
  }
  return blocks.length;
}

const at = process.argv.indexOf("--readme");
const targets = at > 0 ? [[resolve(process.argv[at + 1]), "given", true]] : [[join(ROOT, "README.md"), "repo", false], [PACKAGE_README, "package", true]];
for (const [readme, label, standalone] of targets) {
  const n = check(readme, label, standalone);
  console.log(`readme: ${n} blocks of ${readme} type-check against ${PKG}`);
}
