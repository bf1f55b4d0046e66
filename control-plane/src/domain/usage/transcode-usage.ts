// Usage events for a finished transcode: one per output rendition, keyed by video and rendition, so a re-run of
// the same transcode (a retried job, a worker that died after publishing) records nothing new.
import type { RenditionOutput } from '../../ports.js';
import type { NewUsageEvent } from './record-usage.js';
import { mediaConvertTier, normaliseOutput } from './transcode-normalisation.js';

export function transcodeUsageEvents(tenantId: string, videoId: string, renditions: readonly RenditionOutput[], finishedAt: Date): NewUsageEvent[] {
  return renditions.map((rendition) => {
    const normalised = normaliseOutput(rendition);
    return {
      key: `transcode:${videoId}:${rendition.name}`,
      tenantId,
      meter: 'transcode',
      quantity: normalised.normalisedSeconds,
      occurredAt: finishedAt,
      videoId,
      details: {
        rendition: rendition.name,
        width: rendition.width,
        height: rendition.height,
        frameRate: rendition.frameRate,
        videoCodec: rendition.videoCodec,
        durationSeconds: rendition.durationSeconds,
        resolutionClass: normalised.resolutionClass,
        frameRateClass: normalised.frameRateClass,
        codecClass: normalised.codecClass,
        passesClass: normalised.passesClass,
        multiplier: normalised.multiplier,
        billedSeconds: normalised.billedSeconds,
        tier: mediaConvertTier(normalised),
      },
    };
  });
}
