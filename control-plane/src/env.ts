// The only reader of process.env. Every process (api, worker, edge, start script) parses its config here once.
import { z } from 'zod';

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const envSchema = z.object({
  OTT_CLOUD: z.enum(['local', 'aws']).default('local'),
  /** PostgreSQL connection; when absent the local shape starts embedded PostgreSQL under OTT_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  OTT_DATA_DIR: z.string().default('.ott'),
  OTT_API_HOST: z.string().default('127.0.0.1'),
  OTT_API_PORT: z.coerce.number().int().min(0).max(65535).default(8686),
  OTT_EDGE_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** Public base URLs (what browsers and the CLI use); default to the bound host and port. */
  OTT_PUBLIC_API_URL: z.string().url().optional(),
  OTT_PUBLIC_EDGE_URL: z.string().url().optional(),
  /** Encrypts private keys and secrets at rest (AES-256-GCM). */
  OTT_MASTER_KEY: base64Key.optional(),
  /** Signs admin access tokens and local upload URLs. */
  OTT_AUTH_SECRET: base64Key.optional(),
  OTT_FFMPEG_PATH: z.string().default('ffmpeg'),
  OTT_FFPROBE_PATH: z.string().default('ffprobe'),
  OTT_X264_PRESET: z.enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium']).default('veryfast'),
  /** A running transcode that has not reported for this long belongs to a dead worker and is retried. */
  OTT_JOB_STALE_SECONDS: z.coerce.number().int().min(2).default(60),
  OTT_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}

/** The environment for a child process of ours: everything this process has, plus `extra`. */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
