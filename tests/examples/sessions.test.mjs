//! The three session set-ups of examples/, each from the page's click to waitForTask done in
//! Chromium against the Kling emulator, with its own servers and origins, run from a copy in the
//! user's project (the packed package):
//! - session-same-origin: one Node server (page + proxy at /kling), an HttpOnly cookie session;
//! - session-cors-cookies: the page on app.example.test, the proxy in workerd (`wrangler dev`) on
//!   api.example.test, a cookie of the API host sent with `credentials: "include"`;
//! - session-bearer: the page on app.example.test, the proxy on Node on api.example.test, a
//!   bearer token sent by `auth: { kind: "proxy", headers }`.
//! Chromium resolves the host names to 127.0.0.1 (support.mjs), so its real origin, site and
//! cookie rules apply. Each also checks the refusals: no session -> the proxy's 401, shown by the
//! page and asked once; a page on an unlisted origin is refused and nothing reaches Kling; and
//! for cookies, a listed page of another site gets no session (SameSite=Lax: README).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../support/kling-emulator.mjs";
import { appDir, serveStatic } from "../packaging/support.mjs";
import { at, copyExample, freePort, launchChromium, startNode, startWrangler } from "./support.mjs";

const AK = "ak-sessions";
const SK = "sk-sessions-0123456789abcdef";
const CREATE_PATH = "/kling/v1/videos/omni-video";

let browser;
const timings = [];
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  console.log(`# steps: ${timings.map(([n, ms]) => `${n} ${ms} ms`).join(", ")}`);
});

/** Awaits `fn()` and records how long it took under `name`. */
async function timed(name, fn) {
  const t0 = performance.now();
  const value = await fn();
  timings.push([name, Math.round(performance.now() - t0)]);
  return value;
}

/**
 * Opens `url` in a fresh browser context (its own cookies and storage); resolves { page, creates,
 * errors } once the page's module has loaded. `creates` lists the create POSTs the page sent.
 */
async function open(url, context) {
  context ??= await browser.newContext();
  const page = await context.newPage();
  const creates = [];
  const errors = [];
  page.on("request", (r) => r.method() === "POST" && new URL(r.url()).pathname === CREATE_PATH && creates.push(r.url()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.setDefaultTimeout(20_000);
  await page.goto(url);
  await page.locator("#create:not([disabled])").waitFor();
  return { page, creates, errors, context };
}

async function login(page, user) {
  await page.locator('input[name="user"]').fill(user);
  await page.locator("#login button:not([type])").click();
}

/** Clicks "Create video" and waits until the page shows the task done or an error. */
async function create(page) {
  await page.locator("#create").click();
  await page.waitForFunction(() => ["succeed", "failed"].includes(document.getElementById("status").value));
  return page.evaluate(() => {
    const box = document.getElementById("error");
    return {
      status: document.getElementById("status").value,
      video: document.querySelector("#result a")?.href ?? null,
      error: box.hidden ? null : { message: box.textContent, ...box.dataset },
    };
  });
}

/** The page showed the proxy's own 401 (not Kling's), after exactly one create request. */
function assertUnauthorized(shown, creates) {
  assert.equal(shown.status, "failed");
  assert.equal(shown.error?.status, "401", JSON.stringify(shown));
  assert.equal(shown.error.source, "proxy", JSON.stringify(shown));
  assert.equal(shown.error.reason, "unauthorized");
  assert.match(shown.error.message, /^kling-wasm proxy refused/);
  assert.equal(creates.length, 1, "a 401 is not retried");
}

/** The page succeeded: the task is done and its video is the emulator's file. */
function assertDone(shown, emu) {
  assert.equal(shown.error, null, JSON.stringify(shown));
  assert.equal(shown.status, "succeed");
  assert.ok(shown.video?.startsWith(`${emu.url}/files/`), shown.video);
}

/** What reached Kling: `n` creates, each signed by the proxy, none carrying the page's session. */
function assertUpstream(emu, n, session) {
  const creates = emu.state.requests.filter((r) => r.method === "POST");
  assert.equal(creates.length, n, `${n} create(s) reached Kling`);
  for (const r of emu.state.requests) {
    assert.match(r.headers.authorization, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/, "the proxy's HS256 JWT");
    assert.equal(r.headers.cookie, undefined, "no cookie goes upstream");
    if (session) assert.ok(!r.headers.authorization.includes(session), "the page's session never goes upstream");
  }
}

/**
 * A page on an origin the proxy does not list: shows an error and nothing reaches Kling. The
 * proxy sends a refused origin no CORS headers, so the browser hides its answer from the page (a
 * network_error, which the client retries like any); the answer itself, a 403 marked as the
 * proxy's own, is read with the same Origin from Node.
 */
async function assertForeignRefused(pageUrl, apiUrl, emu) {
  const creates = emu.state.requests.filter((r) => r.method === "POST").length;
  const { page, context } = await open(pageUrl);
  const shown = await create(page);
  await context.close();
  assert.equal(shown.status, "failed");
  assert.equal(shown.error?.code, "network_error", `the page shows the refusal as the browser reports it: ${JSON.stringify(shown)}`);
  assert.equal(emu.state.requests.filter((r) => r.method === "POST").length, creates, "nothing reached Kling");
  const res = await fetch(`${apiUrl}${CREATE_PATH}`, {
    method: "POST",
    headers: { origin: new URL(pageUrl).origin, "content-type": "application/json" },
    body: "{}",
  });
  assert.equal(res.status, 403);
  assert.equal(res.headers.get("x-kling-proxy"), "1");
  assert.equal(res.headers.get("access-control-allow-origin"), null);
  const body = await res.json();
  assert.deepEqual([body.source, body.reason], ["proxy", "origin_not_allowed"]);
  return shown;
}

test("session-same-origin: a Node app serves the page and the proxy; an HttpOnly cookie session", async () => {
  const emu = await startEmulator({ accessKey: AK, secretKey: SK });
  const dir = copyExample("session-same-origin");
  const server = await startNode(dir, "server.mjs", { PORT: "0", KLING_UPSTREAM: emu.url, KLING_ACCESS_KEY: AK, KLING_SECRET_KEY: SK });
  const app = at("app.example.test", server.url);
  // Another site's page that calls this app's proxy with the browser's cookies (a CSRF attempt).
  const foreign = join(appDir(), "foreign-page");
  mkdirSync(foreign, { recursive: true });
  writeFileSync(join(foreign, "index.html"), foreignPage(`${app}/kling`));
  const files = await serveStatic(appDir());
  try {
    const { page, creates, errors, context } = await open(`${app}/`);
    assertUnauthorized(await create(page), creates);
    assert.equal(emu.state.requests.length, 0, "nothing reached Kling");

    await login(page, "alice");
    await page.locator("#who", { hasText: "Signed in as alice" }).waitFor();
    const cookies = await context.cookies(app);
    assert.deepEqual(cookies.map((c) => [c.name, c.httpOnly, c.sameSite]), [["sid", true, "Lax"]]);
    assertDone(await timed("same-origin click -> done", () => create(page)), emu);
    assert.equal(creates.length, 2);
    assertUpstream(emu, 1, cookies[0].value);
    assert.deepEqual(errors, []);

    // The foreign page, opened in the same browser (alice's cookie is there): refused.
    await timed("same-origin refused page", () => assertForeignRefused(`${at("evil.other.test", files.url)}/foreign-page/`, server.url, emu));
    await context.close();
  } finally {
    await files.close();
    await server.stop();
    await emu.close();
  }
});

test("session-cors-cookies: the page on app.example.test, the proxy in workerd (wrangler dev) on api.example.test, credentials: include", async () => {
  const dir = copyExample("session-cors-cookies");
  const example = Object.fromEntries(
    readFileSync(join(dir, ".dev.vars.example"), "utf8").split("\n").filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  const emu = await startEmulator({ accessKey: example.KLING_ACCESS_KEY, secretKey: example.KLING_SECRET_KEY });
  const apiPort = await freePort();
  const api = `http://api.example.test:${apiPort}`;
  // The page as served to three origins: the app's own; another origin of the same site that
  // is not listed; a listed origin of another site.
  const appServer = await startNode(dir, "app.mjs", { PORT: "0", API_ORIGIN: api });
  const app = at("app.example.test", appServer.url);
  const evil = at("evil.example.test", appServer.url);
  const otherSite = at("app.other.test", appServer.url);
  const vars = { ...example, ALLOWED_ORIGINS: `${app},${otherSite}`, KLING_UPSTREAM: emu.url };
  writeFileSync(join(dir, ".dev.vars"), Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(""));
  const worker = await timed("wrangler dev start", () => startWrangler(dir, apiPort));
  try {
    const { page, creates, errors, context } = await open(`${app}/`);
    assertUnauthorized(await create(page), creates);

    await login(page, "alice");
    await page.locator("#who", { hasText: "Signed in as alice" }).waitFor();
    const cookies = await context.cookies(api);
    assert.deepEqual(cookies.map((c) => [c.name, c.domain, c.httpOnly, c.sameSite]), [["session", "api.example.test", true, "Lax"]]);
    assert.deepEqual(await context.cookies(app), [], "the cookie is the API host's, not the page's");
    assertDone(await timed("cors-cookies click -> done", () => create(page)), emu);
    assertUpstream(emu, 1, cookies[0].value);
    assert.deepEqual(errors, []);

    await timed("cors-cookies refused page", () => assertForeignRefused(`${evil}/`, worker.url, emu));

    // Listed, but another site: the browser keeps the SameSite=Lax cookie of a cross-site
    // answer, so the login does not stick and the proxy answers 401 (README: why one site).
    const cross = await open(`${otherSite}/`);
    await login(cross.page, "alice");
    await cross.page.locator("#who", { hasText: "Not signed in" }).waitFor();
    assertUnauthorized(await create(cross.page), cross.creates);
    await cross.context.close();
    await context.close();
    assertUpstream(emu, 1);
  } finally {
    await worker.stop();
    await appServer.stop();
    await emu.close();
  }
});

test("session-bearer: the page on app.example.test, the proxy on Node on api.example.test, auth headers", async () => {
  const emu = await startEmulator({ accessKey: AK, secretKey: SK });
  const dir = copyExample("session-bearer");
  const appPort = await freePort();
  const app = `http://app.example.test:${appPort}`;
  const apiServer = await startNode(dir, "api.mjs", { PORT: "0", ALLOWED_ORIGINS: app, KLING_UPSTREAM: emu.url, KLING_ACCESS_KEY: AK, KLING_SECRET_KEY: SK });
  const api = at("api.example.test", apiServer.url);
  const appServer = await startNode(dir, "app.mjs", { PORT: String(appPort), API_ORIGIN: api });
  try {
    const { page, creates, errors, context } = await open(`${app}/`);
    assertUnauthorized(await create(page), creates);

    await login(page, "alice");
    await page.locator("#who", { hasText: "Signed in as alice" }).waitFor();
    const token = await page.evaluate(() => sessionStorage.getItem("token"));
    assert.ok(token, "the page holds its bearer token");
    assertDone(await timed("bearer click -> done", () => create(page)), emu);
    assertUpstream(emu, 1, token);
    assert.deepEqual(errors, []);

    // Another origin of the same site, not listed: refused (origins, not sites, are listed).
    await timed("bearer refused page", () => assertForeignRefused(`${at("evil.example.test", appServer.url)}/`, apiServer.url, emu));
    await context.close();
  } finally {
    await appServer.stop();
    await apiServer.stop();
    await emu.close();
  }
});

/** A page of another site that calls `base` with KlingClient and the browser's cookies. */
function foreignPage(base) {
  return `<!doctype html><meta charset="utf-8"><title>another site</title>
<script type="importmap">{ "imports": { "kling-wasm": "/node_modules/kling-wasm/index.js" } }</script>
<script type="module">
import { KlingClient, KlingError } from "kling-wasm";
const client = new KlingClient({ baseUrl: ${JSON.stringify(base)}, credentials: "include" });
const $ = (id) => document.getElementById(id);
$("create").addEventListener("click", async () => {
  try {
    await client.createOmniVideo({ model_name: "kling-v3-omni", prompt: "x", aspect_ratio: "16:9", duration: "5" });
    $("status").value = "succeed";
  } catch (e) {
    $("error").hidden = false;
    $("error").textContent = e.message;
    if (e instanceof KlingError) Object.assign($("error").dataset, { code: e.code, source: e.source ?? "", status: e.status ?? "" });
    $("status").value = "failed";
  }
});
$("create").disabled = false;
</script>
<button id="create" disabled>Create video</button> <output id="status"></output><p id="result"></p><p id="error" hidden></p>
`;
}
