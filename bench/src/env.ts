// The benchmarks' only reader of process.env.
export function benchEnv(): { databaseUrl: string | undefined } {
  return { databaseUrl: process.env.DATABASE_URL || undefined };
}
