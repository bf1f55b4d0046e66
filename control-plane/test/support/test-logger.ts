// What tests' servers and workers log: errors only, as console.error showed them before there were levels, so that
// an unexpected failure behind a 500 still prints its stack beside the test that met it.
import { createLogger } from '../../src/adapters/pino/pino-logger.js';

export const testLogger = createLogger({ level: 'error' });
