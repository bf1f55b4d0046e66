// Each process's root logger: JSON lines at OTT_LOG_LEVEL, every line naming the process (api, worker, edge,
// start-local) so that lines from several processes can be told apart once they are collected in one place.
import { createLogger, type LoggerOptions } from '../adapters/pino/pino-logger.js';
import type { Env } from '../env.js';
import type { Logger } from '../ports.js';

export function processLogger(env: Env, name: string, destination?: LoggerOptions['destination']): Logger {
  return createLogger({ level: env.OTT_LOG_LEVEL, ...(destination ? { destination } : {}) }).child({ process: name });
}
