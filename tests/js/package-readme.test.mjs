//! The package README (docs/package-README.md, shipped as the package's README.md): every code
//! block is named and listed in tests/readme/package-blocks.mjs with where it runs or why it
//! does not; the package carries it as README.md; what it must not tell an installer (the
//! repository's commands, apt-get, links to files the package lacks) is absent; and each block
//! the table runs in Node runs here, unchanged, against pkg/ and the Kling emulator (the other
//! runtimes run in the packaging layer, tests/packaging/readme.test.mjs; every ```js/```ts/```tsx
//! block is type-checked by tests/types/readme.mjs).

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { linkedProject, PKG_DIR } from "./load-pkg.mjs";
import { checkTable, packageBlocks, PACKAGE_README, ROOT } from "../readme/blocks.mjs";
import { BLOCKS } from "../readme/package-blocks.mjs";
import { runScript, startBlockEmulator } from "../readme/run.mjs";

const text = readFileSync(PACKAGE_README, "utf8");
const blocks = packageBlocks();

test("every block is named and listed with a run or a reason; the static checks hold", () => {
  assert.ok(blocks.length >= 10, `${blocks.length} blocks`);
  assert.deepEqual(checkTable(blocks, BLOCKS), []);
  for (const b of blocks) {
    const check = BLOCKS[b.name]?.check;
    if (check) assert.deepEqual(check(b, blocks), [], `block "${b.name}"`);
  }
});

test("checkTable fails a block that is neither checked nor listed, and an entry without a reason", () => {
  const extra = [...blocks, { lang: "js", code: "1;\n", line: 999, name: "unlisted" }, { lang: "sh", code: "x\n", line: 1000 }];
  const problems = checkTable(extra, { ...BLOCKS, media: { lang: "ts" } });
  assert.ok(problems.some((p) => p.includes('"unlisted" is neither checked nor listed')), problems.join("\n"));
  assert.ok(problems.some((p) => p.includes("line 1000") && p.includes("without a")), problems.join("\n"));
  assert.ok(problems.some((p) => p.includes('"media": runs nowhere and names no reason')), problems.join("\n"));
});

test("the package ships it as README.md, and it says nothing that is only true in the repository", () => {
  assert.equal(readFileSync(join(PKG_DIR, "README.md"), "utf8"), text, "pkg/README.md is docs/package-README.md");
  assert.doesNotMatch(text, /npm start|apt-get|scripts\/setup|npm run /, "the repository's commands");
  // Relative links must point at files the package has.
  for (const [, target] of text.matchAll(/\]\(([^)]+)\)/g)) {
    if (/^(https?:|#)/.test(target)) continue;
    assert.ok(existsSync(join(PKG_DIR, target.split("#")[0])), `a link to ${target}, which the package lacks`);
  }
  // In-page links point at a heading of the README.
  const anchors = new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].toLowerCase().replace(/[^\w\- ]/g, "").trim().replace(/ /g, "-")));
  for (const [, anchor] of text.matchAll(/\]\(#([^)]+)\)/g)) assert.ok(anchors.has(anchor), `#${anchor} is a heading`);
  // The install block names the tarball `npm pack` makes of this version.
  const meta = JSON.parse(readFileSync(join(PKG_DIR, "package.json"), "utf8"));
  const install = blocks.find((b) => b.name === "install");
  assert.match(install.code, new RegExp(`\\./${meta.name}-${meta.version.replace(/\./g, "\\.")}\\.tgz`));
  const named = [...text.matchAll(/kling-wasm-(\d+\.\d+\.\d+)\.tgz/g)].map((m) => m[1]);
  assert.ok(named.length >= 2 && named.every((v) => v === meta.version), `every tarball name is of version ${meta.version}: ${named}`);
});

test("every block the table runs in Node runs against the package and the emulator", async (t) => {
  const app = linkedProject();
  const emu = await startBlockEmulator();
  try {
    for (const b of blocks) {
      const spec = BLOCKS[b.name]?.runs?.node;
      if (!spec) continue;
      await t.test(`${b.name} (README line ${b.line})`, () => runScript("node", app, b, spec, emu.url));
    }
  } finally {
    await emu.close();
  }
});
