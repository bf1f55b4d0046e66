// One entry of the API's route table (http-server.ts): the platform's own routes, and those a shape adds
// (Composition.routes: the local shape's stand-ins for S3 part uploads and Cognito's JWKS).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HttpRoute {
  /** Whether this route answers; the first route that does, answers. */
  matches(pathname: string, request: IncomingMessage): boolean;
  handle(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void>;
}
