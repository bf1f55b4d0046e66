// The only reader of process.env in the CLI: every variable it honours is validated here, once, at start.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const DEFAULT_API = 'http://127.0.0.1:8686';

const schema = z.object({
  OTT_API: z.string().trim().url('OTT_API must be a URL such as http://127.0.0.1:8686').optional(),
  OTT_CONFIG_DIR: z.string().trim().min(1).optional(),
  OTT_PASSWORD: z.string().min(1).optional(),
  OTT_API_KEY: z
    .string()
    .trim()
    .regex(/^ott_sk_[a-z0-9]{8}_/, 'OTT_API_KEY must be a server API key starting with ott_sk_ (create one with `ott api-keys create`)')
    .optional(),
});

export interface CliEnv {
  api: string;
  configDir: string;
  password: string | undefined;
  apiKey: string | undefined;
}

/** Throws a readable message (not a zod dump) when a variable is malformed. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): CliEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  return {
    api: parsed.data.OTT_API ?? DEFAULT_API,
    configDir: path.resolve(parsed.data.OTT_CONFIG_DIR ?? path.join(os.homedir(), '.config', 'ott')),
    password: parsed.data.OTT_PASSWORD,
    apiKey: parsed.data.OTT_API_KEY,
  };
}
