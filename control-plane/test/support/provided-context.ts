// What global-setup hands to test files through Vitest's provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server tests may create databases on. */
    adminDatabaseUrl: string;
    /** DATABASE_URL when the run was given one ('' otherwise). */
    givenDatabaseUrl: string;
  }
}

export {};
