// sample-storage: each tenant's stored bytes, one sample an hour (the storage meter); a sampled hour is never sampled twice.
import { sampleStorage as sample } from '../../domain/usage/storage-sampling.js';
import type { JobHandler } from '../job-handler.js';

export const sampleStorage: JobHandler<'sample-storage'> = async (_job, _attempt, { deps, log }) => {
  const { eventsRecorded, unmeasured } = await sample(deps);
  if (eventsRecorded > 0) log.info(`storage: ${eventsRecorded} hourly sample(s) recorded`);
  if (unmeasured > 0) {
    log.warn(`storage: ${unmeasured} tenant(s) whose bucket could not be listed (ListObjectVersions) were sampled from the database's recorded bytes this hour, without noncurrent versions`);
  }
};
