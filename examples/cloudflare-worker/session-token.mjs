// Prints a session token the example's authorize() accepts, for trying the worker by hand:
//   node session-token.mjs alice        # reads SESSION_SECRET from the environment or .dev.vars
// "<userId>.<hex HMAC-SHA256(userId, SESSION_SECRET)>" — the format src/worker.mjs checks. Your
// app's real login issues these (or whatever your authorize() checks instead).
import { createHmac } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";

const user = process.argv[2];
if (!user || user.includes(".")) throw new Error("usage: node session-token.mjs <user id without dots>");
const devVars = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
const secret = process.env.SESSION_SECRET ?? /^SESSION_SECRET=(.*)$/m.exec(devVars)?.[1]?.trim();
if (!secret) throw new Error("no SESSION_SECRET in the environment or .dev.vars");
console.log(`${user}.${createHmac("sha256", secret).update(user).digest("hex")}`);
