// Checks a decoded answer against a model the SDK declares, read from the
// SDK's own .d.ts files with the TypeScript checker: the SDKs decode without
// validating (a missing required field or a wrong type goes through as is),
// so "decodes into the typed model" has to be checked against the declarations.
import ts from "typescript";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));

// Each model is named here once, by the alias the checks use.
const aliases = {
  "auth0.OrganizationConnection": "Management.GetOrganizationAllConnectionResponseContent",
  "auth0.CreatedOrganizationConnection": "Management.CreateOrganizationAllConnectionResponseContent",
  "auth0.UpdatedOrganizationConnection": "Management.UpdateOrganizationAllConnectionResponseContent",
  "auth0.OrganizationConnectionsPage": "Management.ListOrganizationAllConnectionsOffsetPaginatedResponseContent",
  "vectorize.CreateSourceConnectorResponse": "V.CreateSourceConnectorResponse",
  "vectorize.SourceConnector": "V.SourceConnector",
  "vectorize.GetSourceConnectors200Response": "V.GetSourceConnectors200Response",
  "vectorize.UpdateSourceConnectorResponse": "V.UpdateSourceConnectorResponse",
  "vectorize.DeleteSourceConnectorResponse": "V.DeleteSourceConnectorResponse",
  "vectorize.AddUserFromSourceConnectorResponse": "V.AddUserFromSourceConnectorResponse",
  "vectorize.UpdateUserInSourceConnectorResponse": "V.UpdateUserInSourceConnectorResponse",
  "vectorize.RemoveUserFromSourceConnectorResponse": "V.RemoveUserFromSourceConnectorResponse",
  "tiledb.AccessCredential": "v2.AccessCredential",
  "tiledb.AccessCredentialsData": "v2.AccessCredentialsData",
  "tiledb.Error": "v2.ModelError",
};

let loaded;

function load() {
  if (loaded) return loaded;
  const entry = path.join(here, "__models.ts");
  const names = Object.keys(aliases);
  const source = [
    'import type { Management } from "auth0";',
    'import type * as V from "@vectorize-io/vectorize-client";',
    'import type { v2 } from "@tiledb-inc/tiledb-cloud";',
    ...names.map((n, i) => `export type M${i} = ${aliases[n]};`),
  ].join("\n");
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (f) => f === entry || exists(f);
  host.readFile = (f) => (f === entry ? source : readFile(f));
  host.getSourceFile = (f, lang, ...rest) =>
    f === entry ? ts.createSourceFile(f, source, lang, true) : getSourceFile(f, lang, ...rest);
  const program = ts.createProgram([entry], options, host);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(entry);
  const problems = ts
    .getPreEmitDiagnostics(program, file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  if (problems.length) {
    throw new Error(`cannot read the SDK models:\n  ${problems.join("\n  ")}`);
  }
  const types = {};
  const decls = file.statements.filter(ts.isTypeAliasDeclaration);
  names.forEach((n, i) => {
    const d = decls.find((s) => s.name.text === `M${i}`);
    types[n] = checker.getTypeAtLocation(d.name);
  });
  loaded = { checker, types, node: file };
  return loaded;
}

// validate returns the places where value does not fit the model, as
// "path: problem" strings; an empty list means it decodes.
export function validate(model, value) {
  const { checker, types, node } = load();
  const type = types[model];
  if (!type) throw new Error(`unknown model ${model}`);
  const out = [];
  check(checker, node, type, value, model, out, 0);
  return out;
}

function describe(checker, type) {
  return checker.typeToString(type);
}

function check(checker, node, type, value, at, out, depth) {
  if (depth > 12) return;
  const f = type.flags;
  if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
  if (type.isUnion()) {
    // Fits if any member fits; otherwise report against the closest member.
    let best;
    for (const member of type.types) {
      const errs = [];
      check(checker, node, member, value, at, errs, depth + 1);
      if (errs.length === 0) return;
      // A present value is closest to the member that is not null/undefined.
      const nullish = member.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null);
      if (!nullish && (!best || errs.length < best.length)) best = errs;
    }
    if (primitiveOnly(type) || !best) {
      out.push(`${at}: expected ${describe(checker, type)}, got ${show(value)}`);
    } else {
      out.push(...best);
    }
    return;
  }
  if (type.isIntersection()) {
    for (const member of type.types) check(checker, node, member, value, at, out, depth + 1);
    return;
  }
  if (f & ts.TypeFlags.Undefined) return expect(value === undefined, "undefined");
  if (f & ts.TypeFlags.Null) return expect(value === null, "null");
  if (f & ts.TypeFlags.StringLiteral) return expect(value === type.value, JSON.stringify(type.value));
  if (f & ts.TypeFlags.NumberLiteral) return expect(value === type.value, String(type.value));
  if (f & ts.TypeFlags.BooleanLiteral) {
    return expect(value === (checker.typeToString(type) === "true"), checker.typeToString(type));
  }
  if (f & ts.TypeFlags.StringLike) return expect(typeof value === "string", "string");
  if (f & ts.TypeFlags.NumberLike) return expect(typeof value === "number", "number");
  if (f & ts.TypeFlags.BooleanLike) return expect(typeof value === "boolean", "boolean");
  if (f & ts.TypeFlags.Void) return expect(value === undefined || value === "", "no body");
  if (!(f & ts.TypeFlags.Object)) return;
  if (checker.isArrayType(type)) {
    if (!Array.isArray(value)) return expect(false, "array");
    const [elem] = checker.getTypeArguments(type);
    value.forEach((v, i) => check(checker, node, elem, v, `${at}[${i}]`, out, depth + 1));
    return;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return expect(false, `object (${describe(checker, type)})`);
  }
  for (const prop of checker.getPropertiesOfType(type)) {
    const name = prop.getName();
    const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
    const v = value[name];
    if (v === undefined) {
      if (!optional) out.push(`${at}.${name}: missing (required by the SDK model)`);
      continue;
    }
    check(checker, node, checker.getTypeOfSymbolAtLocation(prop, node), v, `${at}.${name}`, out, depth + 1);
  }

  function expect(ok, what) {
    if (!ok) out.push(`${at}: expected ${what}, got ${show(value)}`);
  }
}

function primitiveOnly(type) {
  return type.types.every((t) => !(t.flags & ts.TypeFlags.Object));
}

function show(v) {
  if (v === undefined) return "nothing";
  const s = JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 77) + "..." : s;
}
