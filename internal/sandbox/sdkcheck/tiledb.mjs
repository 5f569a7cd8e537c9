// TileDB Cloud API v2 through `@tiledb-inc/tiledb-cloud`: the credentials
// operations of its v2 OrganizationApi, which internal/client/tiledb uses.
// The 1.0.8 models are those of an older spec (AWS and Azure access keys
// only: no role, token or GCP kinds), so those kinds are what is sent here.
import pkg from "@tiledb-inc/tiledb-cloud";
import { recordAxios } from "./harness.mjs";

const TileDBClient = pkg.default;
const { v2 } = pkg;

const statusOf = (err) => err?.response?.status;

export async function checkTileDB(run, env) {
  // As a user configures it: TileDBClient with TILEDB_REST_HOST as basePath,
  // and the client's own v2 configuration (basePath + "/v2") and axios.
  const client = new TileDBClient({ apiKey: env.TILEDB_REST_TOKEN, basePath: env.TILEDB_REST_HOST });
  recordAxios(run, client.axios);
  const api = new v2.OrganizationApi(client.configV2, undefined, client.axios);
  const ns = env.TILEDB_NAMESPACE;
  const host = env.TILEDB_REST_HOST.replace(/\/+$/, "");
  const step = (op, fn, deps) => run.step("tiledb", op, fn, deps);
  run.hint(
    (x) => typeof x.url === "string" && !x.url.startsWith(host + "/v2/"),
    `the SDK moved its base path off TILEDB_REST_HOST (${host}) to the answer's origin + "/v2" ` +
      "(lib/utils/updateBasePathAfterRedirect.js runs after every answer): the API must be served at the host root, " +
      "/v2/credentials/…, with TILEDB_REST_HOST the bare host (issue 13 point 7)",
  );

  const aws = { name: "sdk-check-aws", provider_default: true, credential: { aws: { access_key_id: "AKIASDKCHECK0001", secret_access_key: "sdk-check-secret" } } };
  const azure = { name: "sdk-check-azure", credential: { azure: { account_name: "sdkcheck", account_key: "sdk-check-azure-key" } } };

  const added = {};
  for (const cred of [aws, azure]) {
    added[cred.name] = await step(`addCredential (${cred.name})`, async (t) => {
      const res = await api.addCredential(ns, cred);
      t.equal(res.status, 204, "status");
    });
  }

  await step("getCredential", async (t) => {
    const { data } = await api.getCredential(ns, aws.name);
    t.model("tiledb.AccessCredential", data);
    t.equal(t.has(data, "name", "string"), aws.name, "name");
    t.equal(t.has(data, "provider", "string"), "AWS", "provider");
    t.equal(t.has(data, "credential.aws.access_key_id", "string"), "AKIASDKCHECK0001", "credential.aws.access_key_id");
    t.ok(data.credential?.aws?.secret_access_key === undefined, "credential.aws.secret_access_key is echoed; the provider expects secrets never to come back");
    t.equal(data.provider_default, true, "provider_default");
  }, [added[aws.name]]);

  // The provider pages from 1 and trusts pagination_metadata.total_pages.
  await step("listCredentials (per_page 1, every page)", async (t) => {
    const names = [];
    for (let page = 1; page <= 5; page++) {
      const { data } = await api.listCredentials(ns, undefined, page, 1);
      t.model("tiledb.AccessCredentialsData", data);
      for (const c of t.has(data, "credentials", "array") ?? []) names.push(c.name);
      t.equal(t.has(data, "pagination_metadata.page", "number"), page, "pagination_metadata.page");
      t.has(data, "pagination_metadata.per_page", "number");
      t.has(data, "pagination_metadata.total_items", "number");
      const total = t.has(data, "pagination_metadata.total_pages", "number");
      if (!(total > page)) break;
    }
    t.equal(names.sort(), [aws.name, azure.name].sort(), "credential names over all pages");
  }, [added[aws.name], added[azure.name]]);

  await step("listCredentials (provider AZURE)", async (t) => {
    const { data } = await api.listCredentials(ns, "AZURE");
    t.model("tiledb.AccessCredentialsData", data);
    t.equal((data.credentials ?? []).map((c) => c.name), [azure.name], "credentials");
  }, [added[azure.name]]);

  // Update answers 204; the provider reads the credential back afterwards.
  const updated = await step("updateCredential (provider_default, then a new key)", async (t) => {
    t.equal((await api.updateCredential(ns, aws.name, { provider_default: false })).status, 204, "status of the flag update");
    const rotate = { credential: { aws: { access_key_id: "AKIASDKCHECK0002", secret_access_key: "sdk-check-secret-2" } } };
    t.equal((await api.updateCredential(ns, aws.name, rotate)).status, 204, "status of the key update");
  }, [added[aws.name]]);

  await step("getCredential after update", async (t) => {
    const { data } = await api.getCredential(ns, aws.name);
    t.model("tiledb.AccessCredential", data);
    t.equal(data.credential?.aws?.access_key_id, "AKIASDKCHECK0002", "credential.aws.access_key_id");
    t.equal(data.provider_default, false, "provider_default");
  }, [updated]);

  const deleted = {};
  for (const cred of [aws, azure]) {
    deleted[cred.name] = await step(`deleteCredential (${cred.name})`, async (t) => {
      t.equal((await api.deleteCredential(ns, cred.name)).status, 204, "status");
    }, [added[cred.name]]);
  }

  // The provider treats a 404 as gone; the answer is TileDB's error body.
  await step("getCredential after delete → 404", async (t) => {
    const err = await t.rejects(api.getCredential(ns, aws.name), 404, statusOf, "get of a deleted credential");
    if (err) t.has(t.model("tiledb.Error", err.response?.data), "message", "string");
  }, [deleted[aws.name]]);
}
