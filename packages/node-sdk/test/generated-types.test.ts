// The committed types must be what the server's route table generates today: a route or schema changed without
// `pnpm --filter @ott/node-sdk generate` fails here, before a tenant's client drifts from the API.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, generateOpenApiTypes } from '../scripts/openapi-types.js';

describe('src/generated/openapi.ts', () => {
  it('is what the current OpenAPI document generates (run `pnpm --filter @ott/node-sdk generate` if not)', async () => {
    const committed = await readFile(GENERATED_FILE, 'utf8');
    const fresh = await generateOpenApiTypes();
    expect(committed === fresh, 'src/generated/openapi.ts is stale: run `pnpm --filter @ott/node-sdk generate` and commit the result').toBe(true);
  });
});
