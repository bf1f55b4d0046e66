import { Kysely, PostgresDialect } from 'kysely';
import { PostgresConnection } from './postgres-connection.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** A URL carries its own user and password (the local shape, tests); a PostgresConnection may read them from a secret. */
export function createDatabase(connection: string | PostgresConnection, options: { max?: number } = {}): Db {
  const source = typeof connection === 'string' ? PostgresConnection.fromUrl(connection) : connection;
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: source.createPool({ max: options.max ?? 10 }) }) });
}
