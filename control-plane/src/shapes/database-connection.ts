// How this process reaches PostgreSQL: the URL alone (local shape, tests), or on RDS the URL's host and database
// with TLS against the RDS CA bundle and the user and password from the RDS-managed secret. Picks the Secrets
// Manager adapter only when a secret is configured, so the local shape never loads the AWS SDK.
import { PostgresConnection } from '../db/postgres-connection.js';
import type { RuntimeConfig } from '../composition.js';
import type { Logger } from '../ports.js';

export async function openDatabaseConnection(config: Pick<RuntimeConfig, 'databaseUrl' | 'database'>, log?: Logger): Promise<PostgresConnection> {
  const secret = config.database?.secret;
  const tls = config.database?.tls;
  if (!secret) return PostgresConnection.fromUrl(config.databaseUrl, tls);
  const { secretsManagerDatabaseCredentials } = await import('../adapters/aws/secrets-manager-database-credentials.js');
  return PostgresConnection.open({ url: config.databaseUrl, credentials: secretsManagerDatabaseCredentials(secret), ...(tls ? { tls } : {}), ...(log ? { log } : {}) });
}
