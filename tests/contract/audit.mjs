// The graphql-http audit suite (GraphQL over HTTP spec) against a live /graphql: fails on any error or warning.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
const results = await auditServer({ url });
const counts = { ok: 0, warn: 0, error: 0 };
for (const r of results) {
  counts[r.status]++;
  if (r.status !== 'ok') console.log(`${r.status.toUpperCase()} ${r.id} ${r.name}: ${r.reason}`);
}
console.log(`[contract] graphql-http audit: ${counts.ok} ok, ${counts.warn} warnings, ${counts.error} errors`);
if (counts.warn + counts.error > 0 || counts.ok === 0) process.exit(1);
