// Zod compiles object parsers with `new Function` where it may, and probes for that when the first object schema is
// built. A page under a strict Content-Security-Policy (the portal's; a tenant's site embedding the player) reports
// the probe as a violation although zod catches it, so in a browser zod is told not to try. Every module here that
// builds a schema imports this first; servers keep the compiled parsers.
import { z } from 'zod';

if ('document' in globalThis) z.config({ jitless: true });
