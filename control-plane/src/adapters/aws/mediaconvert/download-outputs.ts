// The static MP4 downloads as a FILE group: the highest rendition at or below 1080p and the smallest, each one file
// with its picture and the default audio track, `moov` first so a browser can start playing while it downloads.
// UG "Output file names and paths": a File group's outputs are `{destination}{nameModifier}.{extension}`, here
// `downloads/download_1080p.mp4` under the job's staging prefix.
import { isUhdPicture } from '../../../media/uhd-folder.js';
import type { OutputGroup } from '@aws-sdk/client-mediaconvert';
import type { VideoRange } from '@ott/contracts';
import type { LadderPlan, PlannedRendition } from '../../../media/plan-ladder.js';
import { audioDescription } from './audio-settings.js';
import type { SourceAudioTrack } from './source-tracks.js';
import { h264Video } from './video-description.js';

export const DOWNLOADS_FOLDER = 'downloads';
export const DOWNLOAD_BASENAME = 'download';

/**
 * Largest first, one or two renditions of the plan; never one above HD (too large to be a convenience, and the downloads
 * folder is inside the video's folder, which HD grants reach: media/uhd-folder.ts).
 */
export function downloadRenditions(plan: LadderPlan): PlannedRendition[] {
  const highest = plan.renditions.find((rendition) => !isUhdPicture(rendition)) ?? plan.renditions.at(-1);
  const smallest = plan.renditions.at(-1);
  if (!highest || !smallest) return [];
  return highest === smallest ? [highest] : [highest, smallest];
}

/** The staged file of one download, below the staging prefix. */
export function stagedDownloadPath(rendition: { name: string }): string {
  return `${DOWNLOADS_FOLDER}/${DOWNLOAD_BASENAME}_${rendition.name}.mp4`;
}

export function downloadsGroup(input: { stagingUri: string; plan: LadderPlan; range: VideoRange; defaultAudio: SourceAudioTrack | undefined }): OutputGroup {
  return {
    Name: 'Downloads',
    OutputGroupSettings: { Type: 'FILE_GROUP_SETTINGS', FileGroupSettings: { Destination: `${input.stagingUri}${DOWNLOADS_FOLDER}/${DOWNLOAD_BASENAME}` } },
    Outputs: downloadRenditions(input.plan).map((rendition) => ({
      NameModifier: `_${rendition.name}`,
      Extension: 'mp4',
      // API Mp4Settings.MoovPlacement: PROGRESSIVE_DOWNLOAD puts the index at the start of the file.
      ContainerSettings: { Container: 'MP4', Mp4Settings: { MoovPlacement: 'PROGRESSIVE_DOWNLOAD' } },
      VideoDescription: h264Video(rendition, input.plan, input.range),
      ...(input.defaultAudio ? { AudioDescriptions: [audioDescription(input.defaultAudio)] } : {}),
    })),
  };
}
