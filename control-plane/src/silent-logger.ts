// The Logger that writes nothing, for callers whose logging is optional (the embedded database in tests and benchmarks).
import type { Logger } from './ports.js';

const ignore = () => {};

export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore, child: () => silentLogger };
