// Vocabularies read from the live contract (/openapi.json): whatever enums the server declares, the app offers.

/** @type {Promise<any> | null} */
let documentPromise = null;

function contract() {
  documentPromise ??= fetch("/openapi.json").then((response) => response.json());
  return documentPromise;
}

/** Follows $ref, anyOf/oneOf/allOf until a schema with `enum` (or none) is found. @returns {string[] | null} */
function enumOf(/** @type {any} */ doc, /** @type {any} */ schema, depth = 0) {
  if (!schema || depth > 8) return null;
  if (schema.$ref) return enumOf(doc, resolve(doc, schema), depth + 1);
  if (Array.isArray(schema.enum)) return schema.enum.filter((/** @type {unknown} */ v) => typeof v === "string");
  if (schema.items) return enumOf(doc, schema.items, depth + 1);
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    for (const part of schema[key] ?? []) {
      const found = enumOf(doc, part, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** The JSON request schema of an operation. @param {string} path @param {string} method */
async function requestSchema(path, method) {
  const doc = await contract();
  const content = doc.paths?.[path]?.[method]?.requestBody?.content ?? {};
  return { doc, schema: content["application/json"]?.schema };
}

/** For each correctable tag: its allowed values, or null where the contract allows free text. */
export async function correctionFields() {
  const { doc, schema } = await requestSchema("/api/images/{user_id}/{image_id}", "patch");
  let resolved = schema;
  for (let hops = 0; resolved?.$ref && hops < 8; hops++) resolved = resolve(doc, resolved);
  /** @type {Record<string, string[] | null>} */
  const fields = {};
  for (const [name, property] of Object.entries(resolved?.properties ?? {})) fields[name] = enumOf(doc, property);
  return fields;
}

/** The schema a local `$ref` points to. @param {any} doc @param {any} schema */
function resolve(doc, schema) {
  return schema.$ref.replace("#/", "").split("/").reduce((/** @type {any} */ at, /** @type {string} */ key) => at?.[key], doc);
}

/** Allowed values of a query parameter, e.g. occasion or season of the suggestions. @param {string} path @param {string} name */
export async function queryEnum(path, name) {
  const doc = await contract();
  const parameters = doc.paths?.[path]?.get?.parameters ?? [];
  const parameter = parameters.find((/** @type {any} */ p) => p.name === name && p.in === "query");
  return parameter ? enumOf(doc, parameter.schema) : null;
}

/** Whether the server offers a route (e.g. garment cut-outs, where the vision engine provides them). @param {string} path */
export async function offers(path) {
  const doc = await contract();
  return Boolean(doc.paths?.[path]?.get);
}
