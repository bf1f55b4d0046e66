// Every procedure of the router, over real HTTP, fed random and half-valid JSON with and without an admin
// session: the API answers with a 4xx and a readable message, never a 500, never a stack trace.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { appRouter } from '../../src/api/app-router.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { signUpActiveTenant } from '../support/tenants.js';

let platform: TestPlatform;
let accessToken: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  await platform.startWorker();
  accessToken = (await signUpActiveTenant(platform, 'fuzz')).session.accessToken;
});
afterAll(() => platform?.close());

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  inputs: unknown[];
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>).map(([name, procedure]) => ({ name, ...procedure._def }));

/** Random values for the keys the procedure's schema knows, so fuzzing gets past "not an object". */
function halfValid(inputs: unknown[]): fc.Arbitrary<unknown> {
  const schema = inputs[0];
  const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  if (shape.length === 0) return fc.jsonValue();
  return fc.record(Object.fromEntries(shape.map((key) => [key, fc.oneof(fc.jsonValue(), fc.string(), fc.uuid(), fc.integer(), fc.constant(null))])), { requiredKeys: [] });
}

async function call(procedure: (typeof procedures)[number], input: unknown, token: string | undefined): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const url = `${platform.apiUrl}/trpc/${procedure.name}`;
  const response =
    procedure.type === 'query'
      ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input) ?? '')}`, { headers })
      : await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(input) ?? '' });
  return { status: response.status, body: await response.text() };
}

it(`answers every one of ${procedures.length} procedures with a readable 4xx for junk input`, async () => {
  const failures: string[] = [];
  for (const procedure of procedures) {
    if (procedure.type === 'subscription') continue;
    await fc
      .assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), halfValid(procedure.inputs)), fc.boolean(), async (input, withSession) => {
          const { status, body } = await call(procedure, input, withSession ? accessToken : undefined);
          const problem =
            status >= 500
              ? `HTTP ${status}`
              : /\bat [^\s]+\.(ts|js):\d+|node_modules|Error: /.test(body)
                ? 'stack trace or internal error text'
                : !/"message":"[^"]{8,}/.test(body) && status >= 400
                  ? 'no readable message'
                  : undefined;
          if (problem) failures.push(`${procedure.name} (${problem}) for ${JSON.stringify(input)?.slice(0, 120)}: ${body.slice(0, 200)}`);
          return problem === undefined;
        }),
        { numRuns: 25, endOnFailure: true, seed: 20261121 },
      )
      .catch(() => undefined);
  }
  expect(failures).toEqual([]);
});
