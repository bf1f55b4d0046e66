// ingest-egress: egress bytes and plays from the delivery logs (the local edge's files; CloudFront's log bucket in
// the aws shape). Resumes from each file's cursor, so a killed run is finished by the next one.
import type { DomainDeps } from '../../domain/deps.js';
import { ingestCloudFrontLogs, ingestEdgeLogs, type IngestionSummary } from '../../domain/usage/delivery-ingestion.js';
import type { AccessLogReader, LogBucket } from '../../ports.js';

export interface DeliveryLogSources {
  edgeLogs?: AccessLogReader;
  cloudFrontLogs?: LogBucket;
}

export async function ingestEgress(deps: Pick<DomainDeps, 'db' | 'clock'>, sources: DeliveryLogSources): Promise<IngestionSummary[]> {
  const summaries: IngestionSummary[] = [];
  if (sources.edgeLogs) summaries.push(await ingestEdgeLogs(deps, sources.edgeLogs));
  if (sources.cloudFrontLogs) summaries.push(await ingestCloudFrontLogs(deps, sources.cloudFrontLogs));
  return summaries;
}
