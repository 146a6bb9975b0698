// TypeScript types from the contract with openapi-typescript's Node API, files typed as Blob (the CLI types
// `format: binary` as string). Usage: node generate-types.mjs <openapi.json> <out.d.ts>
import fs from "node:fs";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const [input, output] = process.argv.slice(2);
const BLOB = ts.factory.createTypeReferenceNode("Blob");

const ast = await openapiTS(new URL(input, `file://${process.cwd()}/`), {
  // The document marks what responses always send as required; a request field with a default stays optional.
  defaultNonNullable: false,
  transform(schema) {
    if (schema.type === "string" && schema.format === "binary") return BLOB;
    return undefined;
  },
});
// The output folder is not committed (generated files), so a fresh clone has to make it.
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, astToString(ast));
