// The local shape's data folder (OTT_DATA_DIR) holds tenants' originals and renditions (store/), the edge's
// access logs (logs/), the secrets (secrets.json), the demo's login (demo.json) and PostgreSQL's files: none of
// it is for the machine's other users. Versions before this one left most of it world-readable; every start
// narrows whatever other users could reach, so an older folder is fixed on its first start.
import { chmod, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { EMBEDDED_POSTGRES_FOLDER } from '../db/embedded-postgres.js';
import { OWNER_ONLY_FOLDER_MODE, ownerOnlyFolders, restrictToOwner } from '../fs/owner-only.js';

/** Returns how many files and folders it had to narrow. PostgreSQL's folder is PostgreSQL's to keep (it insists on 0700 itself). */
export async function protectDataFolder(dataDir: string): Promise<number> {
  await mkdir(dataDir, ownerOnlyFolders);
  // The embedded database, when started as root, opens the folder itself for traversal (see embedded-postgres.ts).
  await chmod(dataDir, OWNER_ONLY_FOLDER_MODE);
  let narrowed = 0;
  for (const name of await readdir(dataDir)) {
    if (name !== EMBEDDED_POSTGRES_FOLDER) narrowed += await restrictToOwner(path.join(dataDir, name));
  }
  return narrowed;
}
