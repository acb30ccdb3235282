// The proxy's steps as the JS driver (js/proxy-driver.mjs) reads them, made here in one call from
// wasm (src/bindings/proxy.rs, request_poll): one crossing per step instead of a Reflect.set per
// field and an array per header. Headers come as one string, `name NUL value NUL …`.

const OPS = ["done", "authorize", "account", "body", "upstream", "task", "budget", "store"];

/** `name NUL value NUL …` → [[name, value], …]. */
function pairs(joined) {
  const parts = joined.split("\0");
  const out = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push([parts[i], parts[i + 1]]);
  return out;
}

export function kwStep(op, s1, s2, s3, n1, n2) {
  switch (OPS[op]) {
    case "done":
      return { op: "done", status: n1, headers: pairs(s1), body: s2 };
    case "body":
      return { op: "body", max: n1, more: n2 !== 0 };
    case "upstream":
      return { op: "upstream", method: s1, url: s2, headers: pairs(s3), bodyLength: n1, timeoutMs: n2 };
    case "task":
      return { op: "task", task: s1, user: s2 ?? null };
    case "budget":
      return { op: "budget", user: s1 };
    case "store":
      return { op: "store", user: s1, part: s2, storeOp: s3 };
    default:
      return { op: OPS[op] };
  }
}
