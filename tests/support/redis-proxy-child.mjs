// One Node proxy process on a shared Redis (tests/js/redis-proxy.test.mjs starts two): the package's
// createKlingProxy with redisStore over a client of its own, served by toNodeListener on
// 127.0.0.1. Its set-up comes as JSON in KLING_CHILD ({ upstream, redisPort, library, config });
// it prints one line {"port":N} when listening and exits when its stdin closes.
import http from "node:http";
import { importSubpath } from "../js/load-pkg.mjs";
import { AK, SK, byBearer } from "./proxy-rig.mjs";

const { upstream, redisPort, library, config = {}, storeOptions = {} } = JSON.parse(process.env.KLING_CHILD ?? "{}");
const { createKlingProxy } = await importSubpath("proxy");
const { toNodeListener, redisStore } = await importSubpath("node");

let client;
if (library === "ioredis") {
  const { default: IORedis } = await import("ioredis");
  client = new IORedis({ host: "127.0.0.1", port: redisPort });
} else {
  const { createClient } = await import("redis");
  client = createClient({ socket: { host: "127.0.0.1", port: redisPort } });
  await client.connect();
}
client.on("error", () => {});

const proxy = createKlingProxy({ upstream, accessKey: AK, secretKey: SK, authorize: byBearer, store: redisStore(client, storeOptions), ...config });
const server = http.createServer(toNodeListener(proxy));
server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));

process.stdin.resume();
process.stdin.on("end", () => {
  server.closeAllConnections();
  server.close();
  library === "ioredis" ? client.disconnect() : client.destroy();
  process.exit(0);
});
