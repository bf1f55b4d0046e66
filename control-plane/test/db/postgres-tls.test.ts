// RDS forces TLS (rds.force_ssl=1 from PostgreSQL 15): the control plane connects with the server's chain checked
// against a CA bundle and its name against the host, and refuses anything else with a readable error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBossQueue } from '../../src/adapters/postgres/pg-boss-queue.js';
import { createDatabase } from '../../src/db/database.js';
import { PostgresConnection } from '../../src/db/postgres-connection.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { PostgresTlsProxy } from './support/postgres-tls-proxy.js';

let database: TestDatabase;
let folder: string;
const certificates: Record<'ca' | 'otherCa' | 'serverKey' | 'serverCert' | 'misnamedCert', string> = { ca: '', otherCa: '', serverKey: '', serverCert: '', misnamedCert: '' };
const proxies: PostgresTlsProxy[] = [];

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: folder, stdio: 'ignore' });
}

/** A CA, and server certificates it signed: one for 127.0.0.1 (where the proxy listens), one for another name. */
function makeCertificates(): void {
  for (const ca of ['ca', 'other-ca']) openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${ca}.key`, '-out', `${ca}.pem`, '-days', '2', '-subj', `/CN=Test ${ca}`);
  openssl('genrsa', '-out', 'server.key', '2048');
  for (const [name, san] of [
    ['server', 'IP:127.0.0.1'],
    ['misnamed', 'DNS:db.elsewhere.test'],
  ] as const) {
    writeFileSync(path.join(folder, `${name}.ext`), `subjectAltName=${san}\n`);
    openssl('req', '-new', '-key', 'server.key', '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
  }
}

async function proxyWith(cert: string): Promise<string> {
  const target = new URL(database.url);
  const proxy = await PostgresTlsProxy.start({ target: { host: target.hostname, port: Number(target.port || 5432) }, key: certificates.serverKey, cert });
  proxies.push(proxy);
  target.hostname = '127.0.0.1';
  target.port = String(proxy.port);
  return target.toString();
}

beforeAll(async () => {
  database = await createTestDatabase();
  folder = mkdtempSync(path.join(tmpdir(), 'ott-tls-'));
  makeCertificates();
  const read = (file: string) => readFileSync(path.join(folder, file), 'utf8');
  Object.assign(certificates, { ca: read('ca.pem'), otherCa: read('other-ca.pem'), serverKey: read('server.key'), serverCert: read('server.pem'), misnamedCert: read('misnamed.pem') });
});

afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
  await database?.drop();
  rmSync(folder, { recursive: true, force: true });
});

describe('TLS to PostgreSQL', () => {
  it('connects over TLS when the server is signed by the given CA, for queries and for the job queue', async () => {
    const url = await proxyWith(certificates.serverCert);
    const connection = PostgresConnection.fromUrl(url, { ca: certificates.ca });
    const db = createDatabase(connection, { max: 1 });
    try {
      const { rows } = await sql<{ answer: number }>`select 41 + 1 as answer`.execute(db);
      expect(rows[0]?.answer).toBe(42);
      const queue = await PgBossQueue.start(connection);
      await queue.stop();
      expect(proxies[0]?.tlsSessions).toBeGreaterThanOrEqual(2);
    } finally {
      await db.destroy();
    }
  });

  it('refuses a server whose certificate another CA signed', async () => {
    const url = await proxyWith(certificates.serverCert);
    const db = createDatabase(PostgresConnection.fromUrl(url, { ca: certificates.otherCa }), { max: 1 });
    await expect(sql`select 1`.execute(db)).rejects.toThrow(/self[- ]signed|unable to (get|verify)/i);
    await db.destroy();
  });

  it('refuses a certificate issued for another host name', async () => {
    const url = await proxyWith(certificates.misnamedCert);
    const db = createDatabase(PostgresConnection.fromUrl(url, { ca: certificates.ca }), { max: 1 });
    await expect(sql`select 1`.execute(db)).rejects.toThrow(/Hostname\/IP does not match certificate's altnames/);
    await db.destroy();
  });

  it('refuses TLS settings in the URL, which node-postgres would let replace the CA', () => {
    expect(() => PostgresConnection.fromUrl('postgres://ott@db.example:5432/ott?sslmode=require', { ca: certificates.ca })).toThrow(
      /database URL has sslmode; remove it\. TLS is set with DATABASE_TLS=verify-full/,
    );
  });
});
