// The OpenAPI 3.1 document at /v1/openapi.json: valid by an independent validator, generated from the route table
// (every route is in it, with its scope and its error answers), and public.
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { restRoutes } from '../../src/api/rest/rest-routes.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform?.close());

interface Operation {
  operationId: string;
  'x-required-scope'?: string;
  description: string;
  responses: Record<string, unknown>;
}

it('serves a valid OpenAPI 3.1 document with every route, its scope and its error answers', async () => {
  const response = await fetch(`${platform.apiUrl}/v1/openapi.json`);
  expect(response.status).toBe(200);
  const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown>; securitySchemes: unknown } };
  expect(document.openapi).toBe('3.1.0');
  await SwaggerParser.validate(structuredClone(document) as never);

  expect(document.components.securitySchemes).toEqual({ apiKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
  expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Error', 'Video', 'VideoPage', 'UploadTicket']));
  for (const route of restRoutes) {
    const operation = document.paths[route.path]?.[route.method.toLowerCase()];
    expect(operation, `${route.method} ${route.path}`).toMatchObject({ operationId: route.operationId });
    if ('scope' in route.access) {
      expect(operation?.['x-required-scope']).toBe(route.access.scope);
      expect(operation?.description).toContain(`\`${route.access.scope}\` scope`);
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['400', '401', '403', '404', '429']));
    }
  }
  const created = document.paths['/v1/videos']?.post;
  expect(Object.keys(created?.responses ?? {})).toEqual(expect.arrayContaining(['201', '413', '422']));
});
