// A webhook endpoint's signing secret quoted in a log line's text (an error that repeats a request body, a message
// about a rotation) is censored like every other secret.
import { expect, it } from 'vitest';
import { createLogger } from '../../src/adapters/pino/pino-logger.js';
import { newEndpointSecret } from '../../src/domain/webhooks/webhook-signature.js';

it('censors whsec_ secrets inside text and in fields', () => {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (line) => void lines.push(line) } });
  const secret = newEndpointSecret();
  log.warn(`receiver rejected {"secret":"${secret}"}`);
  log.info({ endpoint: { secret } }, 'rotated');
  const text = lines.join('');
  expect(text).not.toContain(secret.slice('whsec_'.length));
  expect(text).toContain('receiver rejected');
});
