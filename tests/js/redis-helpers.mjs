// Shared by the Redis store tests: a real Debian redis-server on 127.0.0.1 (a free port, nothing
// persisted), stopped after the test, and one client of each library the store accepts.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, connect } from "node:net";
import { createClient } from "redis";
import IORedis from "ioredis";

/** A port nothing listens on right now (another process may take it before redis does: retried). */
async function freePort() {
  const srv = createServer().listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/** Whether something answers PING with +PONG on the port. */
function pings(port) {
  return new Promise((resolve) => {
    const sock = connect(port, "127.0.0.1", () => sock.write("PING\r\n"));
    sock.setTimeout(500, () => sock.destroy());
    sock.once("data", (d) => {
      resolve(d.toString().startsWith("+PONG"));
      sock.destroy();
    });
    sock.once("error", () => resolve(false));
    sock.once("close", () => resolve(false));
  });
}

/**
 * Starts redis-server; resolves { port, url, stop(), restart() }. `t.after` stops it (stop() is
 * idempotent: a test may call it earlier to take Redis down, and restart() brings an empty one
 * back on the same port, where the clients reconnect).
 */
export async function startRedis(t) {
  for (let tries = 0; ; tries++) {
    const port = await freePort();
    let server = await spawnOn(port);
    if (!server.up) {
      await server.stop();
      if (tries >= 3) throw new Error(`redis-server did not start: ${server.log().slice(-500)}`);
      continue;
    }
    const handle = {
      port,
      url: `redis://127.0.0.1:${port}`,
      stop: () => server.stop(),
      async restart() {
        await server.stop();
        server = await spawnOn(port);
        if (!server.up) throw new Error(`redis-server did not come back on ${port}: ${server.log().slice(-500)}`);
      },
    };
    t.after(() => server.stop());
    return handle;
  }
}

/** redis-server on `port`, no persistence; { up, stop(), log() } once it answers PING (or not). */
async function spawnOn(port) {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"];
  const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const exited = once(child, "exit");
  let up = false;
  for (let i = 0; i < 100 && child.exitCode === null && !up; i++) {
    await new Promise((r) => setTimeout(r, 20));
    up = await pings(port);
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  };
  return { up, stop, log: () => log };
}

/** A connected client of `library` ("node-redis" or "ioredis"), closed after the test. */
export async function redisClient(t, library, port, options = {}) {
  if (library === "ioredis") {
    const c = new IORedis({ host: "127.0.0.1", port, lazyConnect: true, ...options });
    c.on("error", () => {}); // reconnect noise when a test stops the server
    await c.connect();
    t.after(() => c.disconnect());
    return c;
  }
  const c = createClient({ socket: { host: "127.0.0.1", port, ...options.socket }, ...options });
  c.on("error", () => {});
  await c.connect();
  t.after(() => (c.isOpen ? c.destroy() : undefined));
  return c;
}

export const LIBRARIES = ["node-redis", "ioredis"];
