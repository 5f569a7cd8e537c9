// The bookkeeping of a run: each SDK operation is one step, passed or failed
// with the HTTP exchanges it made, so a failure names the operation, the
// method, path and status, and what did not decode.
import { readFileSync } from "node:fs";
import { validate } from "./models.mjs";

// readEnv reads the export lines conduit-sandbox writes (-env-file):
// `export NAME="value"`, value quoted as Go's %q does.
export function readEnv(file) {
  const env = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = line.match(/^export ([A-Z0-9_]+)=(.*)$/);
    if (m) env[m[1]] = m[2].startsWith('"') ? JSON.parse(m[2]) : m[2];
  }
  return env;
}

export class Run {
  constructor(out = process.stdout) {
    this.out = out;
    this.counts = { passed: 0, failed: 0, skipped: 0 };
    this.exchanges = [];
    this.hints = [];
  }

  // record is called by the transports for every answer, errors included.
  record(x) {
    this.exchanges.push(x);
  }

  // hint adds a line shown under a failure whose exchanges match test(x).
  hint(test, text) {
    this.hints.push({ test, text });
  }

  // step runs fn(t) and returns its value, or undefined when it failed. A step
  // whose inputs (deps) are missing because an earlier one failed is skipped.
  async step(vendor, op, fn, deps = []) {
    const name = `${vendor} ${op}`;
    if (deps.some((d) => d === undefined || d === null)) {
      this.counts.skipped++;
      this.out.write(`skip ${name}: an operation it depends on failed\n`);
      return undefined;
    }
    const from = this.exchanges.length;
    const t = new Checks();
    let value;
    try {
      value = await fn(t);
    } catch (err) {
      t.problems.push(`the SDK raised ${describeError(err)}`);
    }
    const seen = this.exchanges.slice(from);
    if (t.problems.length === 0) {
      this.counts.passed++;
      this.out.write(`ok   ${name} [${seen.map(short).join(", ") || "no request"}]\n`);
      return value === undefined ? true : value;
    }
    this.counts.failed++;
    this.out.write(`FAIL ${name}\n`);
    for (const x of seen) this.out.write(`     ${short(x)} ${clip(x.body)}\n`);
    if (seen.length === 0) this.out.write("     (no HTTP request was made)\n");
    for (const p of t.problems) this.out.write(`     - ${p}\n`);
    for (const h of this.hints) {
      if (seen.some(h.test)) this.out.write(`     hint: ${h.text}\n`);
    }
    return undefined;
  }

  // summary prints the closing line CI reads and returns the exit code.
  summary() {
    const { passed, failed, skipped } = this.counts;
    this.out.write(`sdk-check: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    return failed + skipped === 0 ? 0 : 1;
  }
}

// Checks collects the problems of one step instead of stopping at the first.
class Checks {
  constructor() {
    this.problems = [];
  }

  // model checks value against the SDK's declared model (see models.mjs).
  model(name, value) {
    this.problems.push(...validate(name, value));
    return value;
  }

  // has checks a field the provider relies on: present, of the given JS type.
  has(value, field, type) {
    const v = field.split(".").reduce((o, k) => (o == null ? undefined : o[k]), value);
    if (v === undefined || v === null) {
      this.problems.push(`${field}: missing, and the provider relies on it`);
    } else if (type === "array" ? !Array.isArray(v) : typeof v !== type) {
      this.problems.push(`${field}: expected ${type}, got ${JSON.stringify(v)}`);
    }
    return v;
  }

  equal(got, want, what) {
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      this.problems.push(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }

  ok(cond, what) {
    if (!cond) this.problems.push(what);
  }

  // rejects expects the SDK call to fail with the given HTTP status, which
  // the SDK must surface on its error (status(err) reads it).
  async rejects(promise, status, statusOf, what) {
    try {
      await promise;
    } catch (err) {
      const got = statusOf(err);
      if (got !== status) this.problems.push(`${what}: expected status ${status} on the SDK's error, got ${got} (${describeError(err)})`);
      return err;
    }
    this.problems.push(`${what}: expected the SDK to fail with ${status}, it succeeded`);
    return undefined;
  }
}

function short(x) {
  let p = x.url;
  try {
    const u = new URL(x.url);
    p = u.pathname + u.search;
  } catch {
    // not absolute: shown as is
  }
  return `${x.method} ${p} → ${x.status ?? "no answer"}`;
}

function clip(body) {
  if (body === undefined || body === null || body === "") return "";
  // Even the sandbox's throwaway tokens stay out of the output.
  const s = (typeof body === "string" ? body : JSON.stringify(body))
    .trim()
    .replace(/("(?:access_token|refresh_token|id_token)"\s*:\s*")[^"]*"/g, '$1***"');
  return s.length > 300 ? s.slice(0, 297) + "..." : s;
}

function describeError(err) {
  if (!err) return String(err);
  // ES5-compiled SDK errors keep their name in .name, not in the constructor.
  const name = err.name && err.name !== "Error" ? err.name : err.constructor?.name || "Error";
  return `${name}: ${err.message || String(err)}`.split("\n")[0];
}

// recordingFetch is a fetch that reports each answer to run; rewrite maps the
// URL an SDK builds onto the sandbox (Auth0's client always builds https://domain).
export function recordingFetch(run, rewrite = (u) => u) {
  return async (input, init = {}) => {
    const url = rewrite(typeof input === "string" ? input : input.url ?? String(input));
    const method = (init.method || "GET").toUpperCase();
    try {
      const res = await fetch(url, init);
      run.record({ method, url, status: res.status, body: await res.clone().text() });
      return res;
    } catch (err) {
      run.record({ method, url, status: undefined, body: `transport error: ${err.message}` });
      throw err;
    }
  };
}

// recordAxios reports each answer of an axios instance to run.
export function recordAxios(run, axios) {
  const rec = (res, fallback) => {
    const cfg = res?.config ?? fallback?.config ?? {};
    run.record({
      method: (cfg.method || "GET").toUpperCase(),
      url: cfg.url,
      status: res?.status,
      body: res ? res.data : `transport error: ${fallback?.message}`,
    });
  };
  axios.interceptors.response.use(
    (res) => (rec(res), res),
    (err) => (rec(err.response, err), Promise.reject(err)),
  );
}
