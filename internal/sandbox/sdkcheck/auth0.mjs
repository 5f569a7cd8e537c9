// Auth0 Management API v2 through the `auth0` SDK's ManagementClient:
// organizations.connections (/organizations/{id}/connections), the operations
// internal/client/auth0 uses. (organizations.enabledConnections is the older
// /enabled_connections resource, which the provider does not call.)
import { ManagementClient, Management } from "auth0";
import { recordingFetch } from "./harness.mjs";

// Fixtures of the sandbox's Auth0 tenant (internal/sandbox/auth0: OrgAcme,
// ConDatabase, ConGoogle, ConOkta).
const ORG = "org_acme000000000001";
const DB = { id: "con_db00000000000001", name: "Username-Password-Authentication", strategy: "auth0" };
const GOOGLE = { id: "con_google0000000001", name: "google-oauth2", strategy: "google-oauth2" };
const OKTA = { id: "con_okta000000000001", name: "acme-okta", strategy: "okta" };

// The sandbox's client-credentials pair (sandbox.DefaultCredentials); the
// env file names only the static token, so these are the defaults unless set.
const CLIENT_ID = "sbx-auth0-client";
const CLIENT_SECRET = "sbx-auth0-client-secret";

const statusOf = (err) => err?.statusCode;

export async function checkAuth0(run, env) {
  // The client always builds https://{domain}/api/v2; the sandbox is plain
  // HTTP at AUTH0_ENDPOINT, so the one seam is the fetch the SDK accepts.
  const origin = `https://${env.AUTH0_DOMAIN}`;
  const common = {
    domain: env.AUTH0_DOMAIN,
    maxRetries: 0,
    fetch: recordingFetch(run, (u) => (u.startsWith(origin) ? env.AUTH0_ENDPOINT + u.slice(origin.length) : u)),
  };
  const api = new ManagementClient({ ...common, token: env.AUTH0_API_TOKEN }).organizations.connections;
  const step = (op, fn, deps) => run.step("auth0", op, fn, deps);

  // The provider's other way in: a client-credentials token from
  // /oauth/token, of which the SDK reads access_token and expires_in.
  await step("client credentials (POST /oauth/token), then organizations.connections.list", async (t) => {
    const from = run.exchanges.length;
    const viaGrant = new ManagementClient({
      ...common,
      clientId: env.AUTH0_CLIENT_ID || CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET || CLIENT_SECRET,
    }).organizations.connections;
    const page = await viaGrant.list(ORG, { page: 0, per_page: 1, include_totals: true });
    t.model("auth0.OrganizationConnectionsPage", page.response);
    const grant = run.exchanges.slice(from).find((x) => x.url.endsWith("/oauth/token"));
    t.ok(grant, "the SDK made no token request");
    if (grant) {
      const body = JSON.parse(grant.body);
      t.has(body, "access_token", "string");
      t.has(body, "expires_in", "number");
    }
  });

  // Create: the provider sends connection_id plus the fields the user set.
  const created = await step("organizations.connections.create (all fields)", async (t) => {
    const c = await api.create(ORG, {
      connection_id: DB.id,
      organization_connection_name: "sdk-check-db",
      assign_membership_on_login: true,
      is_signup_enabled: true,
      organization_access_level: "readonly",
      is_enabled: true,
    });
    t.model("auth0.CreatedOrganizationConnection", c);
    expectConnection(t, c, DB);
    t.equal(c.organization_connection_name, "sdk-check-db", "organization_connection_name");
    t.equal(c.organization_access_level, "readonly", "organization_access_level");
    t.equal(c.is_signup_enabled, true, "is_signup_enabled");
    return c;
  });
  for (const con of [GOOGLE, OKTA]) {
    await step(`organizations.connections.create (connection_id only: ${con.id})`, async (t) => {
      const c = await api.create(ORG, { connection_id: con.id });
      t.model("auth0.CreatedOrganizationConnection", c);
      expectConnection(t, c, con);
      return c;
    });
  }

  await step("organizations.connections.get", async (t) => {
    const c = await api.get(ORG, DB.id);
    t.model("auth0.OrganizationConnection", c);
    expectConnection(t, c, DB);
    t.equal(c.assign_membership_on_login, true, "assign_membership_on_login");
  }, [created]);

  // Update: the provider clears the name with an explicit null.
  await step("organizations.connections.update (clear the name, change the level)", async (t) => {
    const c = await api.update(ORG, DB.id, { organization_connection_name: null, organization_access_level: "full" });
    t.model("auth0.UpdatedOrganizationConnection", c);
    expectConnection(t, c, DB);
    t.ok(c.organization_connection_name === undefined, `organization_connection_name: expected it gone after null, got ${JSON.stringify(c.organization_connection_name)}`);
    t.equal(c.organization_access_level, "full", "organization_access_level");
  }, [created]);

  // List: include_totals pages of `{connections, start, limit, total}`; the
  // provider stops at start+len >= total, the SDK's pager on a short page.
  await step("organizations.connections.list (per_page 2, every page)", async (t) => {
    let page = await api.list(ORG, { page: 0, per_page: 2, include_totals: true });
    const ids = [];
    for (let n = 0; ; n++) {
      const body = page.response;
      t.model("auth0.OrganizationConnectionsPage", body);
      t.has(body, "connections", "array");
      t.has(body, "total", "number");
      const start = t.has(body, "start", "number");
      t.has(body, "limit", "number");
      if ((body.connections ?? []).length > 0) t.equal(start, n * 2, `page ${n} start`);
      for (const c of body.connections ?? []) {
        t.has(c, "connection.name", "string");
        ids.push(c.connection_id);
      }
      t.equal(body.total, 3, `page ${n} total`);
      if (!page.hasNextPage() || n > 5) break;
      page = await page.getNextPage();
    }
    t.equal([...ids].sort(), [DB.id, GOOGLE.id, OKTA.id].sort(), "connection ids over all pages");
  }, [created]);

  await step("organizations.connections.list (is_enabled filter)", async (t) => {
    const page = await api.list(ORG, { page: 0, per_page: 50, include_totals: true, is_enabled: true });
    t.model("auth0.OrganizationConnectionsPage", page.response);
    t.ok(page.data.some((c) => c.connection_id === DB.id), "the enabled connection is missing from is_enabled=true");
  }, [created]);

  const deleted = [];
  for (const con of [DB, GOOGLE, OKTA]) {
    deleted.push(await step(`organizations.connections.delete (${con.id})`, async (t) => {
      const res = await api.delete(ORG, con.id).withRawResponse();
      t.equal(res.rawResponse.status, 204, "status");
    }));
  }

  // The provider treats a 404 as gone (read after an out-of-band delete).
  await step("organizations.connections.get after delete → NotFoundError", async (t) => {
    const err = await t.rejects(api.get(ORG, DB.id), 404, statusOf, "get of a deleted connection");
    if (err) t.ok(err instanceof Management.NotFoundError, `expected Management.NotFoundError, got ${err.constructor.name}`);
  }, [deleted[0]]);
}

function expectConnection(t, c, con) {
  t.equal(t.has(c, "connection_id", "string"), con.id, "connection_id");
  t.equal(t.has(c, "connection.name", "string"), con.name, "connection.name");
  t.equal(t.has(c, "connection.strategy", "string"), con.strategy, "connection.strategy");
}
