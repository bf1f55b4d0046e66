// The control plane's role allows every MediaConvert and Transcribe call its aws adapters make: the commands are read
// from the adapters' own imports, so a new call without its permission fails here rather than at the first deploy.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { controlPlaneStatements } from '../src/control-plane-permissions.js';

const ADAPTERS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../control-plane/src/adapters/aws');
const SERVICES: Record<string, string> = { '@aws-sdk/client-mediaconvert': 'mediaconvert', '@aws-sdk/client-transcribe': 'transcribe' };

/** `mediaconvert:CreateJob` for every `CreateJobCommand` an adapter imports from the service's client. */
async function actionsTheAdaptersCall(): Promise<string[]> {
  const files = (await readdir(ADAPTERS, { recursive: true })).filter((file) => file.endsWith('.ts'));
  const actions = new Set<string>();
  for (const file of files) {
    const text = await readFile(path.join(ADAPTERS, file), 'utf8');
    for (const [, names, client] of text.matchAll(/import\s*{([^}]*)}\s*from\s*'(@aws-sdk\/client-[a-z-]+)'/g)) {
      const service = SERVICES[client ?? ''];
      if (!service) continue;
      for (const [, command] of (names ?? '').matchAll(/\b(\w+)Command\b/g)) actions.add(`${service}:${command}`);
    }
  }
  return [...actions].sort();
}

describe('the control plane role and its media adapters', () => {
  it('allows every MediaConvert and Transcribe call the adapters make', async () => {
    const called = await actionsTheAdaptersCall();
    expect(called).toEqual(expect.arrayContaining(['mediaconvert:CreateJob', 'transcribe:StartTranscriptionJob']));
    const allowed = new Set(
      controlPlaneStatements({ namePrefix: 'ott-test', accountId: '111111111111', region: 'eu-west-1' }).flatMap((statement) => (statement.Effect === 'Allow' ? statement.Action : [])),
    );
    expect(called.filter((action) => !allowed.has(action))).toEqual([]);
  });
});
