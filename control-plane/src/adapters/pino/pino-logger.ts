// The Logger port (ports.ts) over pino: one JSON line per event, on stdout unless told otherwise, at the level each
// process reads from OTT_LOG_LEVEL. Secrets are censored wherever they turn up: named fields by pino's redact, and
// text (messages, string fields, errors' messages and stacks) by scrubSecrets.
import { pino, stdSerializers, stdTimeFunctions } from 'pino';
import type { LogFields, Logger } from '../../ports.js';
import { scrubSecrets } from './scrub-secrets.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface LoggerOptions {
  level: LogLevel;
  /** Where the JSON lines go; stdout when not given. `npm start` passes a printer that makes them readable. */
  destination?: { write(line: string): void };
}

/** Field names whose values are secret wherever they appear: top level, one object down, or among headers. */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'secret',
  'secretKey',
  'webhookSecret',
  'authSecret',
  'masterKey',
  'privateKey',
  'privateKeyPem',
  'policy',
  'signature',
];
const REDACT_PATHS = SECRET_FIELDS.flatMap((name) => [`["${name}"]`, `*["${name}"]`, `*.headers["${name}"]`]);

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
      serializers: { err: serializeError },
      hooks: {
        logMethod(args, write) {
          write.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : isFields(arg) ? scrubFields(arg) : arg)) as Parameters<typeof write>);
        },
      },
    },
    // Written at once: a process that exits on a fatal error still shows its last lines.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Type, message and stack (causes appended), plus the error's own fields (a pg error's `detail`), each scrubbed. */
function serializeError(error: Error): LogFields {
  return scrubFields(stdSerializers.err(error));
}

function isFields(value: unknown): value is LogFields {
  return typeof value === 'object' && value !== null && !(value instanceof Error);
}

function scrubFields(fields: LogFields): LogFields {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, typeof value === 'string' ? scrubSecrets(value) : value]));
}
