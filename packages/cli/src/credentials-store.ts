// Admin sessions saved per API URL in `<configDir>/credentials.json` (mode 0600), so one machine can be
// signed in to a local control plane and a hosted one at once.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CliError } from './cli-error.js';
import { withFileLock } from './file-lock.js';
import { readPrivateJson, writePrivateJson } from './private-json-file.js';

const storedSession = z.object({
  tenantId: z.string(),
  tenantSlug: z.string(),
  email: z.string().optional(),
  accessToken: z.string(),
  /** ISO 8601. */
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string(),
});

export type StoredSession = z.infer<typeof storedSession>;

const credentialsFileSchema = z.object({ sessions: z.record(z.string(), storedSession) });

export function credentialsPath(configDir: string): string {
  return path.join(configDir, 'credentials.json');
}

export async function loadSession(configDir: string, api: string): Promise<StoredSession | undefined> {
  return (await readSessions(configDir))[api];
}

/**
 * Reads the session for `api`, lets `change` decide the next one (undefined removes it) and writes it
 * back, all under the lock that every ott process takes, so no process overwrites another's rotation.
 */
export async function changeSession(configDir: string, api: string, change: (current: StoredSession | undefined) => Promise<StoredSession | undefined>): Promise<StoredSession | undefined> {
  const file = credentialsPath(configDir);
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  return withFileLock(`${file}.lock`, async () => {
    const sessions = await readSessions(configDir);
    const next = await change(sessions[api]);
    if (next === sessions[api]) return next;
    const { [api]: _previous, ...others } = sessions;
    await writePrivateJson(file, { sessions: next ? { ...others, [api]: next } : others });
    return next;
  });
}

async function readSessions(configDir: string): Promise<Record<string, StoredSession>> {
  const file = credentialsPath(configDir);
  const content = await readPrivateJson(file, credentialsFileSchema);
  if (content === 'invalid') throw new CliError(`${file} is not a credentials file ott can read; delete it and sign in again`);
  return content?.sessions ?? {};
}

/**
 * The server sends dates as ISO strings (no transformer); `new Date` accepts either form. The refresh token is
 * in the answer because the CLI never asks for the portal's cookie; an answer without one cannot be kept.
 */
export function storedSessionFrom(
  session: { tenantId: string; tenantSlug: string; accessToken: string; accessTokenExpiresAt: string | Date; refreshToken?: string },
  email: string | undefined,
): StoredSession {
  if (!session.refreshToken) throw new CliError('the server answered without a refresh token, so the session cannot be saved; check that --api points at an OTT Cloud control plane');
  return {
    tenantId: session.tenantId,
    tenantSlug: session.tenantSlug,
    ...(email ? { email } : {}),
    accessToken: session.accessToken,
    accessTokenExpiresAt: new Date(session.accessTokenExpiresAt).toISOString(),
    refreshToken: session.refreshToken,
  };
}

export function saveSession(configDir: string, api: string, session: StoredSession): Promise<StoredSession | undefined> {
  return changeSession(configDir, api, async () => session);
}
