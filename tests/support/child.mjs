// Stopping a server the tests started (workerd, nginx): SIGTERM, then SIGKILL after 3 s, resolved
// once it has exited.

/** Ends `child` (a node:child_process ChildProcess) if it still runs; resolves when it is gone. */
export async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((ok) => {
    const t = setTimeout(() => {
      child.kill("SIGKILL");
      ok();
    }, 3000);
    child.once("exit", () => {
      clearTimeout(t);
      ok();
    });
  });
}
