// ingest-egress: egress bytes and plays from the delivery logs (the local edge's files; CloudFront's log bucket in
// the aws shape). Resumes from each file's cursor, so a killed run is finished by the next one.
import { ingestCloudFrontLogs, ingestEdgeLogs, type IngestionSummary } from '../../domain/usage/delivery-ingestion.js';
import type { AccessLogReader, LogBucket } from '../../ports.js';
import type { JobHandler } from '../job-handler.js';

export interface DeliveryLogSources {
  edgeLogs?: AccessLogReader;
  cloudFrontLogs?: LogBucket;
}

export const ingestEgress: JobHandler<'ingest-egress'> = async (_job, _attempt, { deps, deliveryLogs, log }) => {
  const summaries: IngestionSummary[] = [];
  if (deliveryLogs.edgeLogs) summaries.push(await ingestEdgeLogs(deps, deliveryLogs.edgeLogs));
  if (deliveryLogs.cloudFrontLogs) summaries.push(await ingestCloudFrontLogs(deps, deliveryLogs.cloudFrontLogs));
  const events = summaries.reduce((sum, summary) => sum + summary.eventsRecorded, 0);
  const malformed = summaries.reduce((sum, summary) => sum + summary.malformed, 0);
  const refused = summaries.reduce((sum, summary) => sum + summary.refusedRecorded, 0);
  const unreadable = summaries.reduce((sum, summary) => sum + summary.unreadable, 0);
  if (events + malformed + refused + unreadable === 0) return;
  log.info(
    `egress: ${events} usage event(s) recorded${refused > 0 ? `, ${refused} refused request(s) kept apart (operator.refusedDeliveries)` : ''}${malformed > 0 ? `, ${malformed} malformed log line(s) skipped` : ''}${unreadable > 0 ? `, ${unreadable} log object(s) unreadable, tried again next run` : ''}`,
  );
};
