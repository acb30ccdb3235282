#!/usr/bin/env node
// Type-checks every ```js and ```ts snippet of README.md (which is also the package's README)
// against the built package (KLING_PKG, default pkg/), as a user who copies one would: each
// snippet becomes a file of its own under target/readme-snippets/, `kling-wasm` resolves through
// the package's exports map (a node_modules link), and tsc checks them with strict settings (the
// .js ones with checkJs). A snippet may use the package's exports without importing them (the
// README imports them once, at the top): the names it uses are imported for it. The free
// variables the snippets leave to the reader (keys, a session lookup, a file) are declared in
// GLOBALS below. Run by scripts/test.sh after the build: `node tests/types/readme.mjs`.

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PKG = resolve(ROOT, process.env.KLING_PKG ?? "pkg");
const OUT = join(ROOT, "target", "readme-snippets");

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

const TSCONFIG = {
  compilerOptions: {
    strict: true, noEmit: true, allowJs: true, checkJs: true, target: "ES2022", module: "ES2022",
    moduleResolution: "bundler", skipLibCheck: false, types: [],
  },
  include: ["*.ts", "*.js"],
};

/** The main entry's value exports (functions, classes, KlingError), from its typings. */
function exportedNames() {
  const text = ["kling_wasm.d.ts", "index.d.ts", "kling-error.d.ts"].map((f) => readFileSync(join(PKG, f), "utf8")).join("\n");
  const names = new Set([...text.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]));
  for (const m of text.matchAll(/^export \{([^}]*)\} from/gm)) for (const n of m[1].split(",")) if (n.trim() && !n.includes("type ")) names.add(n.trim().split(/\s+as\s+/).pop());
  names.delete("default");
  return names;
}

/** The ```js / ```ts blocks of the README, with their line numbers. */
function snippets(readme) {
  const out = [];
  const re = /^```(js|ts)\n([\s\S]*?)^```$/gm;
  for (let m; (m = re.exec(readme)); ) out.push({ lang: m[1], code: m[2], line: readme.slice(0, m.index).split("\n").length });
  return out;
}

/** The snippet with imports of the package's exports it uses but neither imports nor declares. */
function withImports(code, names) {
  const bound = new Set([...code.matchAll(/\b(?:import\s*\{([^}]*)\}|import\s+(\w+)|(?:const|let|var|function|class)\s+(\w+))/g)].flatMap((m) =>
    m[1] ? m[1].split(",").map((n) => n.trim().split(/\s+as\s+/).pop()) : [m[2] ?? m[3]]));
  const used = [...names].filter((n) => !bound.has(n) && new RegExp(`(?<![.\\w])${n}\\b`).test(code.replace(/\/\/.*$/gm, "")));
  const head = used.length ? `import { ${used.join(", ")} } from "kling-wasm";\n` : "";
  return `${head}${code}export {};\n`;
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, "node_modules"), { recursive: true });
symlinkSync(PKG, join(OUT, "node_modules", "kling-wasm"), "dir");
writeFileSync(join(OUT, "globals.d.ts"), GLOBALS);
writeFileSync(join(OUT, "node-http.d.ts"), NODE_HTTP_STUB);
writeFileSync(join(OUT, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
const names = exportedNames();
const found = snippets(readFileSync(join(ROOT, "README.md"), "utf8"));
for (const s of found) writeFileSync(join(OUT, `readme-line-${s.line}.${s.lang}`), withImports(s.code, names));
try {
  execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", OUT], { encoding: "utf8" });
} catch (e) {
  console.error(`readme: a README snippet does not type-check (files in ${OUT}, named by their README line):\n${e.stdout}${e.stderr}`);
  process.exit(1);
}
console.log(`readme: ${found.length} snippets of README.md type-check against ${PKG}`);
