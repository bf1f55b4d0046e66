// One frame of one of our HLS renditions as a JPEG: its init segment and the media segment holding the moment, given
// to ffmpeg on stdin (it reads those bytes and nothing else: no playlist, name or URL), decoded up to the moment,
// scaled to the width asked and encoded. A frame that takes too long is stopped.
import { spawn } from 'node:child_process';

const ENCODE_TIMEOUT_MS = 15_000;

export interface FrameRequest {
  /** The rendition's init segment followed by one media segment: a fragmented MP4 of its own. */
  bytes: Buffer;
  /** From the start of that media segment. */
  offsetSeconds: number;
  width: number;
}

export class FrameImageError extends Error {
  override readonly name = 'FrameImageError';
}

export function videoFrameImage(ffmpegPath: string, request: FrameRequest): Promise<Buffer> {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'mov', '-i', 'pipe:0', '-ss', request.offsetSeconds.toFixed(3), '-frames:v', '1', '-an', '-sn'];
  // An even height keeps the JPEG's 4:2:0 chroma whole; full-range YUV is what JPEG viewers expect.
  args.push('-vf', `scale=${request.width}:-2:flags=lanczos,format=yuvj420p`, '-q:v', '3', '-f', 'mjpeg', 'pipe:1');
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: ENCODE_TIMEOUT_MS });
    const chunks: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // ffmpeg stops reading once it has its frame: the rest of the segment is not needed.
    child.stdin.on('error', () => {});
    child.stdin.end(request.bytes);
    child.on('error', reject);
    child.on('close', (code) => {
      const jpeg = Buffer.concat(chunks);
      if (code === 0 && jpeg.length > 0) resolve(jpeg);
      else reject(new FrameImageError(`ffmpeg made no image (exit code ${code ?? 'none'}): ${Buffer.concat(stderr).toString('utf8').trim().slice(-500)}`));
    });
  });
}
