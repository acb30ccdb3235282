#!/usr/bin/env node
//! Kling API emulator: `startEmulator` for tests, and a CLI that prints {"url"} and runs until SIGINT/SIGTERM.

import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { startEmulator } from "./emulator/server.mjs";

export { startEmulator };
export { FAMILIES } from "./emulator/store.mjs";
export { FAULT_KINDS } from "./emulator/faults.mjs";

const USAGE = `usage: node tests/support/kling-emulator.mjs [options]
  --port N                 port on 127.0.0.1 (0 = a free one; default 0)
  --access-key AK          access key (JWT iss)         --secret-key SK   secret key (JWT HS256 key)
  --api-key K              static bearer key (repeatable)
  --processing-after-ms N  submitted -> processing after N ms (default 50)
  --done-after-ms N        -> succeed/failed after N ms (default 200)
  --fail-marker S          prompt marker that makes a task fail (default "[[fail]]")
  --delay-ms N             latency added to every Kling response
  --fault-rate R           share of requests that get a fault (0..1)
  --fault-kinds LIST       weights, e.g. "500/5000=1,429/1303=1,504/5002=1,drop=1,slow=1"
  --fault-on LIST          operations faults apply to: create,query,list,presets,delete,costs (default create)
  --fault-seed N           PRNG seed (default 1)        --slow-ms N       delay of "slow" faults (default 2000)
  --max-concurrent N       429/1303 when non-terminal task slots would exceed N
  --clock-offset-ms N      shift the clock used for JWT exp/nbf checks
  --costs-min-interval-ms N  429/1302 for /account/costs calls closer than N ms (Kling: QPS <= 1)
  --cors                   answer CORS preflights, allow any origin
  --no-control             disable the /__emulator/ control routes (on by default in the CLI)
  --verbose                log each request to stderr`;

function parseKinds(text) {
  return Object.fromEntries(
    text.split(",").filter(Boolean).map((pair) => {
      const [kind, weight = "1"] = pair.split("=");
      return [kind.trim(), Number(weight)];
    }),
  );
}

/** CLI flags → startEmulator options. */
export function optionsFromArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "0" },
      "access-key": { type: "string" },
      "secret-key": { type: "string" },
      "api-key": { type: "string", multiple: true },
      "processing-after-ms": { type: "string" },
      "done-after-ms": { type: "string" },
      "fail-marker": { type: "string" },
      "delay-ms": { type: "string" },
      "fault-rate": { type: "string" },
      "fault-kinds": { type: "string" },
      "fault-on": { type: "string" },
      "fault-seed": { type: "string" },
      "slow-ms": { type: "string" },
      "max-concurrent": { type: "string" },
      "clock-offset-ms": { type: "string" },
      "costs-min-interval-ms": { type: "string" },
      cors: { type: "boolean", default: false },
      "no-control": { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return null;
  const num = (name) => (values[name] === undefined ? undefined : Number(values[name]));
  const timeline = {};
  if (values["processing-after-ms"] !== undefined) timeline.processingAfterMs = num("processing-after-ms");
  if (values["done-after-ms"] !== undefined) timeline.doneAfterMs = num("done-after-ms");
  const faults =
    values["fault-rate"] === undefined
      ? null
      : {
          rate: num("fault-rate"),
          ...(values["fault-kinds"] ? { kinds: parseKinds(values["fault-kinds"]) } : {}),
          ...(values["fault-on"] ? { on: values["fault-on"].split(",").filter(Boolean) } : {}),
          ...(values["fault-seed"] !== undefined ? { seed: num("fault-seed") } : {}),
          ...(values["slow-ms"] !== undefined ? { slowMs: num("slow-ms") } : {}),
        };
  return {
    port: num("port"),
    accessKey: values["access-key"],
    secretKey: values["secret-key"],
    apiKey: values["api-key"],
    timeline,
    failMarker: values["fail-marker"],
    delayMs: num("delay-ms"),
    faults,
    maxConcurrent: num("max-concurrent"),
    clockOffsetMs: num("clock-offset-ms"),
    accountCostsMinIntervalMs: num("costs-min-interval-ms"),
    cors: values.cors,
    control: !values["no-control"],
    log: values.verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
  };
}

async function main() {
  let options;
  try {
    options = optionsFromArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (options === null) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let emulator;
  try {
    emulator = await startEmulator(options);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify({ url: emulator.url, port: emulator.port })}\n`);
  const stop = () => emulator.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
