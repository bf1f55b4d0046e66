// A caption file the tenant uploads (portal, API, CLI): WebVTT or SRT, read into cues and saved as a new track.
import type { TextTrackKind, TextTrackSummary } from '@ott/contracts';
import { CaptionFileError, parseCaptionFile, type CaptionFormat } from '../../media/caption-file.js';
import type { DomainDeps } from '../deps.js';
import { invalid } from '../errors.js';
import { languageName } from './language-name.js';
import { checkedLanguage, saveTextTrack } from './save-text-track.js';

export interface UploadTextTrackInput {
  tenantId: string;
  videoId: string;
  /** The file's text. */
  content: string;
  /** Told from the content when not given. */
  format?: CaptionFormat;
  language: string;
  /** The language's English name (`French`) when not given. */
  label?: string;
  kind?: TextTrackKind;
  isDefault?: boolean;
  forced?: boolean;
}

export async function uploadTextTrack(deps: Pick<DomainDeps, 'db' | 'store' | 'clock'>, input: UploadTextTrackInput): Promise<TextTrackSummary> {
  const language = checkedLanguage(input.language);
  let cues;
  try {
    cues = parseCaptionFile(input.content, input.format);
  } catch (error) {
    if (error instanceof CaptionFileError) throw invalid(`The caption file was not accepted: ${error.message}`);
    throw error;
  }
  return saveTextTrack(deps, {
    tenantId: input.tenantId,
    videoId: input.videoId,
    origin: 'uploaded',
    language,
    label: input.label ?? languageName(language),
    kind: input.kind ?? 'subtitles',
    cues,
    isDefault: input.isDefault,
    forced: input.forced,
  });
}
