// A worker killed mid-transcode leaves its scratch folder and, often, its ffmpeg still writing in it: the retry stops
// what works in that folder and removes it, and leaves every other video's folder and process alone.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createScratchFolder, removeScratchOfEarlierAttempts } from '../../src/jobs/scratch-folder.js';

/** A stand-in for an orphaned ffmpeg: keeps writing new files into the output folder until killed. */
function writerIn(dir: string) {
  return spawn('sh', ['-c', 'i=0; while true; do i=$((i+1)); echo segment > "out/part-$i.ts"; done'], { cwd: dir, stdio: 'ignore' });
}

describe('clearing the scratch of an earlier attempt', () => {
  it('stops a tool still writing in the folder, removes the folder and leaves another video’s alone', async () => {
    const videoId = randomUUID();
    const otherVideoId = randomUUID();
    const earlier = await createScratchFolder(videoId);
    const other = await createScratchFolder(otherVideoId);
    const earlierDir = earlier.outputDir.replace(/\/out$/, '');
    const otherDir = other.outputDir.replace(/\/out$/, '');
    const orphan = writerIn(earlierDir);
    const bystander = writerIn(otherDir);
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const orphanEnded = once(orphan, 'exit');
      await removeScratchOfEarlierAttempts(videoId);
      const [, signal] = await orphanEnded;
      expect(signal).toBe('SIGKILL');
      expect(existsSync(earlierDir)).toBe(false);
      expect(bystander.exitCode).toBeNull();
      expect(existsSync(otherDir)).toBe(true);
    } finally {
      orphan.kill('SIGKILL');
      bystander.kill('SIGKILL');
      await once(bystander, 'exit');
      await other.remove();
    }
  });
});
