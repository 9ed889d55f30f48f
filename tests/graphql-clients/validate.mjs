// An independent client (the reference `graphql` implementation) checks schema/schema.graphql and
// validates every dashboard query under dashboard-queries/ against it. Exit 1 on any error.
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema, parse, validate, validateSchema } from "graphql";

const here = dirname(fileURLToPath(import.meta.url));
const schema = buildSchema(readFileSync(join(here, "..", "..", "schema", "schema.graphql"), "utf8"));
let failures = validateSchema(schema).map((e) => `schema: ${e.message}`);

const dir = join(here, "dashboard-queries");
const files = readdirSync(dir).filter((f) => f.endsWith(".graphql")).sort();
for (const file of files) {
  try {
    const errors = validate(schema, parse(readFileSync(join(dir, file), "utf8")));
    failures.push(...errors.map((e) => `${file}: ${e.message}`));
  } catch (e) {
    failures.push(`${file}: ${e.message}`);
  }
}
for (const f of failures) console.error(f);
console.log(`graphql ${files.length} dashboard queries: ${files.length - new Set(failures.map((f) => f.split(":")[0])).size} valid, ${failures.length} errors`);
process.exit(failures.length ? 1 : 0);
