// The database user and password from the secret RDS manages for its master user (manage_master_user_password):
// a JSON string {"username": ..., "password": ...} that RDS rotates every 7 days. Read at start and again whenever
// PostgreSQL rejects the password (db/postgres-connection.ts). The values never leave this function but to pg.
// Secret format: Amazon RDS User Guide, "Password management with Amazon RDS and AWS Secrets Manager"
// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html).
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CredentialsReader } from '../../db/postgres-connection.js';

export function secretsManagerDatabaseCredentials(options: { secretArn: string; region: string; endpoint?: string }): CredentialsReader {
  const client = new SecretsManagerClient({ region: options.region, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
  return async () => {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: options.secretArn })).catch((error: Error) => {
      throw new Error(`Could not read the database secret ${options.secretArn} (${error.name}: ${error.message}). The task role needs secretsmanager:GetSecretValue on it.`, { cause: error });
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(SecretString ?? '');
    } catch {
      throw new Error(`The database secret ${options.secretArn} is not JSON; RDS stores {"username": ..., "password": ...} there.`);
    }
    const value = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
    const missing = ['username', 'password'].filter((key) => typeof value[key] !== 'string' || value[key] === '');
    if (missing.length > 0) throw new Error(`The database secret ${options.secretArn} has no ${missing.join(' or ')} key; RDS stores {"username": ..., "password": ...} there.`);
    return { user: value.username as string, password: value.password as string };
  };
}
