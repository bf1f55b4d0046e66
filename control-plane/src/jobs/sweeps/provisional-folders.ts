// Provisional folders (a pass-through rendition published before the ladder) whose viewers have had their time are
// deleted. Every worker sweeps; each folder is claimed under a row lock, so sweeps running at once do not collide.
import { deleteDueProvisionalFolders } from '../../domain/videos/provisional-folders.js';
import type { DomainDeps } from '../../domain/deps.js';
import type { Logger } from '../../ports.js';

export async function sweepProvisionalFolders(deps: DomainDeps, log: Logger): Promise<void> {
  await deleteDueProvisionalFolders(deps).then(
    (deleted) => {
      if (deleted > 0) log.info(`deleted ${deleted} provisional folder(s) the final packages replaced`);
    },
    (error: unknown) => log.warn({ err: error }, 'provisional folder sweep failed; trying again next sweep'),
  );
}
