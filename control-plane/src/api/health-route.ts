// /healthz for load balancers: 200 while the database answers, 503 otherwise.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { HttpRoute } from './http-route.js';

export function healthRoute(db: Db): HttpRoute {
  return {
    matches: (pathname) => pathname === '/healthz',
    async handle(_request, response) {
      const healthy = await sql`select 1`.execute(db).then(
        () => true,
        () => false,
      );
      response.writeHead(healthy ? 200 : 503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: healthy }));
    },
  };
}
