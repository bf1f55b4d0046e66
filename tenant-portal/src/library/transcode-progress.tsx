import { ProgressBar } from '../components/progress-bar.js';
import { percent } from '../format/format.js';

/** "about 3 min left", from the server's estimate (the rate so far); rounded up, so it never promises too soon. */
export function timeLeftText(secondsLeft: number | null): string {
  if (secondsLeft === null) return 'estimating time left…';
  return `about ${Math.max(1, Math.ceil(secondsLeft / 60))} min left`;
}

/** A transcode under way: how far it is and how long it should take still. */
export function TranscodeProgress({ progress, secondsLeft }: { progress: number; secondsLeft: number | null }) {
  return (
    <div className="transcode-progress">
      <ProgressBar fraction={progress} label="Transcoding progress" />
      <span className="transcode-progress-text">
        {percent(progress)} · {timeLeftText(secondsLeft)}
      </span>
    </div>
  );
}
