// Starts Debian's nginx (/usr/sbin/nginx) on 127.0.0.1 as a reverse proxy, from a temp dir
// (config, pid, logs and temp paths all inside it; `daemon off; master_process off;` so the one
// process is ours to stop by its PID). `locations` is inserted into the server block as given.
// Throws with a clear message when nginx is not installed (scripts/setup.sh installs it).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./workerd.mjs";
import { stopChild } from "./child.mjs";

export const NGINX = process.env.NGINX ?? "/usr/sbin/nginx";

/** @param {{ locations: string, port?: number }} o  Resolves { port, url, dir, errorLog(), stop }. */
export async function startNginx({ locations, port }) {
  if (!existsSync(NGINX)) {
    throw new Error(`nginx is not installed (${NGINX} is missing): run scripts/setup.sh, which installs Debian's nginx package`);
  }
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), "kling-nginx-"));
  const conf = `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 20m;
  server {
    listen 127.0.0.1:${port};
    server_name app.example;
${locations}
  }
}
`;
  writeFileSync(join(dir, "nginx.conf"), conf);
  const child = spawn(NGINX, ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: ["ignore", "pipe", "pipe"] });
  const out = [];
  child.stdout.on("data", (d) => out.push(String(d)));
  child.stderr.on("data", (d) => out.push(String(d)));
  const errorLog = () => {
    try {
      return readFileSync(join(dir, "error.log"), "utf8");
    } catch {
      return "";
    }
  };
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      const why = out.join("") + errorLog();
      await stop();
      throw new Error(`nginx exited with ${child.exitCode}:\n${why}`);
    }
    try {
      await fetch(`${url}/__nginx_ping`);
      break;
    } catch {
      if (Date.now() > deadline) {
        const why = out.join("") + errorLog();
        await stop();
        throw new Error(`nginx did not start:\n${why}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { port, url, dir, errorLog, stop };
}
