// Names for the shapes of the generated OpenAPI types (src/generated/openapi.ts), so that the client's methods and
// its callers can say "the body of POST /v1/videos" without spelling out the document's nesting.
import type { paths } from './generated/openapi.js';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Operation<P extends keyof paths, M extends string> = M extends keyof paths[P] ? NonNullable<paths[P][M]> : never;

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The JSON body an operation takes. */
export type RequestBody<P extends keyof paths, M extends Method> = Operation<P, M> extends { requestBody?: infer Body } ? Json<NonNullable<Body>> : never;

/** The query parameters an operation takes. */
export type QueryOf<P extends keyof paths, M extends Method> = Operation<P, M> extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;

/** The JSON an operation answers on success (200, 201 or 202). */
export type ResponseOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer Responses }
    ? Responses extends { 200: infer R }
      ? Json<R>
      : Responses extends { 201: infer R }
        ? Json<R>
        : Responses extends { 202: infer R }
          ? Json<R>
          : undefined
    : never;
