// Folders the master no longer names (a pass-through rendition, a caption track's previous version, a removed track)
// are deleted once viewers who loaded an older master are done. Every worker sweeps; each folder is claimed under a row
// lock, so sweeps running at once do not collide.
import { deleteDueRetiredFolders } from '../../domain/videos/retired-folders.js';
import type { DomainDeps } from '../../domain/deps.js';
import type { Logger } from '../../ports.js';

export async function sweepRetiredFolders(deps: DomainDeps, log: Logger): Promise<void> {
  await deleteDueRetiredFolders(deps).then(
    (deleted) => {
      if (deleted > 0) log.info(`deleted ${deleted} retired folder(s) no master names any more`);
    },
    (error: unknown) => log.warn({ err: error }, 'retired folder sweep failed; trying again next sweep'),
  );
}
