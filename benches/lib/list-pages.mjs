// The upstream of benches/proxy-list.mjs, shared by its Node run and its workerd worker
// (benches/lib/list-worker.mjs, where this file is embedded as list-pages.js; so no imports):
// Kling's task list, 500 tasks a page, 1 % of them USER's, as pre-built page strings.

export const UPSTREAM = "https://api-singapore.klingai.com";
export const AK = "bench-ak";
export const SK = "bench-sk-0123456789abcdef0123456789abcdef";
export const USER = "u1";
export const PAGE = 500;
/** Upstream pages served in full; past it the stub answers an empty page (the end of the list),
 *  so a proxy that walks pages until it has enough tasks stops. */
export const LAST_PAGE = 64;

/** One task as Kling lists it: one in 100 is USER's; the others another user's ("u10:" too, which
 *  must not pass for "u1:") or made outside the proxy (no external_task_id). */
function task(page, i) {
  const id = `task-${page}-${i}`;
  const owner = i % 100 === 7 ? USER : i % 10 === 3 ? null : i % 7 === 0 ? "u10" : `u${2 + (i % 8)}`;
  return {
    task_id: id,
    task_status: "succeed",
    task_status_msg: "",
    task_info: owner ? { external_task_id: `${owner}:job-${page}-${i}` } : {},
    watermark_info: { enabled: false },
    final_unit_deduction: "5",
    created_at: 1_760_000_000_000 + i * 1000,
    updated_at: 1_760_000_090_000 + i * 1000,
    task_result: { videos: [{ id: `vid-${page}-${i}`, url: `https://cdn.klingai.example/files/${id}/video-0.mp4`, duration: "5.041" }] },
  };
}

const pages = new Map();
/** The envelope text of upstream page `n` (built once, then reused). */
export function pageText(n) {
  if (!pages.has(n)) {
    const data = n >= 1 && n <= LAST_PAGE ? Array.from({ length: PAGE }, (_, i) => task(n, i)) : [];
    pages.set(n, JSON.stringify({ code: 0, message: "SUCCEED", request_id: `req-page-${n}`, data }));
  }
  return pages.get(n);
}

/** Pages served since the last reset: full ones and empty ones (past LAST_PAGE). */
export const served = { full: 0, empty: 0 };

/** The upstream `fetch`: the page for the pageNum asked, as a Response over the page text. */
export async function upstreamFetch(url, init) {
  const u = new URL(url);
  if (u.origin !== UPSTREAM || !/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(new Headers(init?.headers).get("authorization") ?? "")) {
    throw new Error(`bench: unexpected upstream call ${url}`);
  }
  const n = Number(u.searchParams.get("pageNum") ?? 1);
  if (n >= 1 && n <= LAST_PAGE) served.full++;
  else served.empty++;
  return new Response(pageText(n), { status: 200, headers: { "content-type": "application/json" } });
}

/** Both proxies' authorize hook: "Bearer user-u1" is USER. */
export const authorize = (request) => (request.headers.get("authorization") === `Bearer user-${USER}` ? USER : false);
