// Turns the validated environment into the runtime config every process uses. In the local shape,
// secrets that are not given are generated once and kept in the data folder (mode 0600).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RuntimeConfig } from '../composition.js';
import type { Env } from '../env.js';

interface LocalSecrets {
  masterKey: string;
  authSecret: string;
}

async function localSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.resolve(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as LocalSecrets;
  await mkdir(dataDir, { recursive: true });
  const secrets = { masterKey: randomBytes(32).toString('base64'), authSecret: randomBytes(32).toString('base64') };
  await writeFile(file, JSON.stringify(secrets), { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return JSON.parse(await readFile(file, 'utf8')) as LocalSecrets;
}

export async function runtimeConfig(env: Env, databaseUrl: string): Promise<RuntimeConfig> {
  const needsLocalSecrets = !env.OTT_MASTER_KEY || !env.OTT_AUTH_SECRET;
  if (needsLocalSecrets && env.OTT_CLOUD === 'aws') throw new Error('OTT_MASTER_KEY and OTT_AUTH_SECRET must be set in the aws shape.');
  const stored = needsLocalSecrets ? await localSecrets(env.OTT_DATA_DIR) : undefined;
  return {
    cloud: env.OTT_CLOUD,
    databaseUrl,
    dataDir: path.resolve(env.OTT_DATA_DIR),
    apiUrl: (env.OTT_PUBLIC_API_URL ?? `http://${env.OTT_API_HOST}:${env.OTT_API_PORT}`).replace(/\/$/, ''),
    edgeUrl: (env.OTT_PUBLIC_EDGE_URL ?? `http://${env.OTT_API_HOST}:${env.OTT_EDGE_PORT}`).replace(/\/$/, ''),
    masterKey: Buffer.from(env.OTT_MASTER_KEY ?? stored?.masterKey ?? '', 'base64'),
    authSecret: Buffer.from(env.OTT_AUTH_SECRET ?? stored?.authSecret ?? '', 'base64'),
    ffmpegPath: env.OTT_FFMPEG_PATH,
    ffprobePath: env.OTT_FFPROBE_PATH,
    x264Preset: env.OTT_X264_PRESET,
    playbackGrantSeconds: env.OTT_PLAYBACK_GRANT_SECONDS,
    ...(env.STRIPE_SECRET_KEY
      ? { stripe: { secretKey: env.STRIPE_SECRET_KEY, ...(env.STRIPE_WEBHOOK_SECRET ? { webhookSecret: env.STRIPE_WEBHOOK_SECRET } : {}), ...(env.OTT_STRIPE_API_URL ? { apiUrl: env.OTT_STRIPE_API_URL } : {}) } }
      : {}),
    ...(env.OTT_OPERATOR_TOKEN ? { operatorToken: env.OTT_OPERATOR_TOKEN } : {}),
  };
}

export function requireDatabaseUrl(env: Env): string {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set. Start everything with `npm start`, which runs PostgreSQL for you, or set DATABASE_URL.');
  return env.DATABASE_URL;
}
