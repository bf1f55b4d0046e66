// `pnpm --filter @ott/node-sdk generate`: rewrites src/generated/openapi.ts from the current route table.
// test/generated-types.test.ts fails while the committed file differs from what this writes.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_FILE, generateOpenApiTypes } from './openapi-types.js';

await mkdir(path.dirname(GENERATED_FILE), { recursive: true });
await writeFile(GENERATED_FILE, await generateOpenApiTypes());
console.log(`Wrote ${path.relative(process.cwd(), GENERATED_FILE)}`);
