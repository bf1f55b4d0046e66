// No secret in a log line, however it reaches the logger: as a named field, in a header, inside a message or an
// error's text (a signed URL, a bearer token, a connection string, a PEM key). The e2e check (video-path.test.ts)
// reads the running processes' output; this one covers what those runs happen not to log.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel } from '../../src/adapters/pino/pino-logger.js';

function capture(level: LogLevel = 'debug') {
  const lines: string[] = [];
  const log = createLogger({ level, destination: { write: (line) => void lines.push(line) } }).child({ process: 'api' });
  return { log, text: () => lines.join(''), records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const SIGNED_URL = 'http://127.0.0.1:8787/t/tenant/v/video/master.m3u8?Policy=eyJTdGF0ZW1lbnQiOlt7&Signature=Zm9vYmFyYmF6~&Key-Pair-Id=K2ABC';
const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const SECRETS = [
  'hunter2-password',
  'eyJhbGciOiJSUzI1NiJ9.access',
  'refresh-token-value',
  'sk_test_stripe',
  'session=abc123',
  'eyJTdGF0ZW1lbnQiOlt7',
  'Zm9vYmFyYmF6~',
  'pg-secret-password',
  'X-Amz-Signature-value',
];

describe('the logger', () => {
  it('censors secret fields by name, at the top, one object down and among headers', () => {
    const { log, text, records } = capture();
    log.info(
      {
        password: 'hunter2-password',
        tokens: { accessToken: 'eyJhbGciOiJSUzI1NiJ9.access', refreshToken: 'refresh-token-value' },
        stripe: { secretKey: 'sk_test_stripe' },
        req: { headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.access', cookie: 'session=abc123', 'user-agent': 'curl' } },
        grant: { policy: 'eyJTdGF0ZW1lbnQiOlt7', signature: 'Zm9vYmFyYmF6~', keyPairId: 'K2ABC' },
      },
      'signed in',
    );
    for (const secret of SECRETS.slice(0, 7)) expect(text()).not.toContain(secret);
    // What is not secret stays readable.
    expect(records()[0]).toMatchObject({ msg: 'signed in', process: 'api', level: 'info', req: { headers: { 'user-agent': 'curl' } }, grant: { keyPairId: 'K2ABC' } });
  });

  it('censors signed query strings, bearer tokens, connection-string passwords and keys inside text', () => {
    const { log, text } = capture();
    log.warn(`could not fetch ${SIGNED_URL} with Bearer eyJhbGciOiJSUzI1NiJ9.access`);
    log.info({ url: SIGNED_URL, database: 'postgres://postgres:pg-secret-password@127.0.0.1:5432/ott' }, 'request');
    log.error({ err: new Error(`upload to https://bucket.s3.amazonaws.com/key?X-Amz-Signature=X-Amz-Signature-value failed`, { cause: new Error(PRIVATE_KEY) }) }, 'upload failed');
    log.debug(`CloudFront-Policy=eyJTdGF0ZW1lbnQiOlt7; CloudFront-Signature=Zm9vYmFyYmF6~`);
    for (const secret of SECRETS) expect(text()).not.toContain(secret);
    expect(text()).not.toMatch(/PRIVATE KEY|Signature=|Policy=/);
    expect(text()).toContain('master.m3u8?[Redacted]&[Redacted]&Key-Pair-Id=K2ABC');
    expect(text()).toContain('postgres://postgres:[Redacted]@127.0.0.1:5432/ott');
  });

  it('keeps an error whole apart from its secrets: type, message, stack, causes and own fields', () => {
    const { log, records } = capture();
    const error = Object.assign(new Error('relation "videos" does not exist', { cause: new Error('connection reset') }), { code: '42P01' });
    log.error({ err: error, videoId: 'v1' }, 'transcode failed');
    const [record] = records();
    expect(record).toMatchObject({ level: 'error', msg: 'transcode failed', videoId: 'v1', err: { type: 'Error', code: '42P01' } });
    const err = record!.err as { message: string; stack: string };
    expect(err.message).toContain('relation "videos" does not exist');
    expect(err.stack).toContain('caused by: Error: connection reset');
  });

  it('writes only lines at or above its level', () => {
    const { log, records } = capture('warn');
    log.debug('detail');
    log.info('progress');
    log.warn('retrying');
    log.error('gave up');
    expect(records().map((record) => record.msg)).toEqual(['retrying', 'gave up']);
  });
});
