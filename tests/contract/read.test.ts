// The read half of the README lifecycle with a client generated from schema/openapi.json (openapi-typescript) and
// openapi-fetch: every path, parameter and field below is checked by tsc against the generated types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import createClient from 'openapi-fetch';
import type { paths } from './api.js';

const api = createClient<paths>({ baseUrl: process.env.CT_BASE });

test('lists members, plans and commitments as typed pages', async () => {
  const members = await api.GET('/api/members', { params: { query: { lang: 'en' } } });
  assert.equal(members.response.status, 200);
  const georgia = members.data?.items.find((m) => m.code === 'GE');
  assert.equal(georgia?.name, 'Georgia');
  assert.equal(georgia?.kind, 'National');

  const plans = await api.GET('/api/action-plans', { params: { query: { member: 'GE' } } });
  assert.equal(plans.data?.totalCount, 1);
  assert.equal(plans.data?.items[0]?.status, 'Draft');

  const commitments = await api.GET('/api/commitments', { params: { query: { member: 'GE' } } });
  assert.equal(commitments.data?.items.length, 1);
});

test('reads one commitment with its ETag, then revalidates to 304', async () => {
  const list = await api.GET('/api/commitments', {});
  const id = list.data?.items[0]?.id;
  assert.ok(id, 'the seeded commitment is listed');
  const one = await api.GET('/api/commitments/{id}', { params: { path: { id }, query: { lang: 'ka' } } });
  assert.equal(one.response.status, 200);
  assert.equal(one.data?.title, 'ღია მონაცემები');
  assert.deepEqual(one.data?.policyAreas, ['AccessToInformation']);
  const etag = one.response.headers.get('ETag');
  assert.ok(etag);
  const again = await api.GET('/api/commitments/{id}', { params: { path: { id }, query: { lang: 'ka' }, header: { 'If-None-Match': etag } } });
  assert.equal(again.response.status, 304);
});

test('an unknown commitment is a typed 404 problem', async () => {
  const missing = await api.GET('/api/commitments/{id}', { params: { path: { id: 'GE0000' } } });
  assert.equal(missing.response.status, 404);
  assert.equal(missing.error?.status, 404);
});
