// sdk-check: drives the vendors' official SDKs through every operation the
// provider uses, against a running sandbox, and checks each answer decodes
// into the SDK's typed models with the fields the provider relies on.
//
//   node check.mjs ENV_FILE [auth0|vectorize|tiledb ...]
//
// ENV_FILE holds the export lines of `conduit-sandbox -env-file`. Exits 1 on
// any failure; the last line is "sdk-check: N passed, N failed, N skipped".
import { Run, readEnv } from "./harness.mjs";
import { checkAuth0 } from "./auth0.mjs";
import { checkVectorize } from "./vectorize.mjs";
import { checkTileDB } from "./tiledb.mjs";

const vendors = { auth0: checkAuth0, vectorize: checkVectorize, tiledb: checkTileDB };

const [file, ...only] = process.argv.slice(2);
if (!file) {
  console.error("usage: node check.mjs ENV_FILE [auth0|vectorize|tiledb ...]");
  process.exit(2);
}
const unknown = only.filter((v) => !vendors[v]);
if (unknown.length) {
  console.error(`unknown vendor ${unknown.join(", ")}: one of ${Object.keys(vendors).join(", ")}`);
  process.exit(2);
}
const env = readEnv(file);
const run = new Run();
for (const [name, check] of Object.entries(vendors)) {
  if (only.length && !only.includes(name)) continue;
  try {
    await check(run, env);
  } catch (err) {
    // A bug here, not an answer that failed to decode: counted and shown whole.
    run.counts.failed++;
    console.log(`FAIL ${name}: the check itself broke: ${err?.stack ?? err}`);
  }
}
process.exitCode = run.summary();
