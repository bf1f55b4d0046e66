// A poster image a tenant uploaded, decoded and re-encoded by ffmpeg into a fresh JPEG made from its pixels alone (no
// metadata, profile or anything else of the upload survives). Uploads are hostile: the bytes reach ffmpeg on stdin
// with the demuxer chosen by their signature, so it reads those bytes and nothing else (no names, playlists or URLs),
// and a file that takes too long is stopped.
import { spawn } from 'node:child_process';

const FORMATS: { demuxer: string; matches: (bytes: Buffer) => boolean }[] = [
  { demuxer: 'png_pipe', matches: (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { demuxer: 'jpeg_pipe', matches: (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff },
  { demuxer: 'webp_pipe', matches: (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP' },
];
/** The poster's largest width: the transcoder's own posters are this wide. */
const POSTER_MAX_WIDTH = 1280;
const ENCODE_TIMEOUT_MS = 15_000;

/** The image is not a JPEG, PNG or WebP picture ffmpeg could decode. */
export class UnreadableImageError extends Error {
  override readonly name = 'UnreadableImageError';
}

export function reencodePosterImage(ffmpegPath: string, bytes: Buffer): Promise<Buffer> {
  const format = FORMATS.find((candidate) => candidate.matches(bytes));
  if (!format) return Promise.reject(new UnreadableImageError('not a JPEG, PNG or WebP image'));
  const args = ['-hide_banner', '-loglevel', 'error', '-f', format.demuxer, '-i', 'pipe:0', '-frames:v', '1'];
  args.push('-vf', `scale='min(${POSTER_MAX_WIDTH},iw)':-2,format=yuvj420p`, '-q:v', '3', '-f', 'mjpeg', 'pipe:1');
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'pipe', 'ignore'], timeout: ENCODE_TIMEOUT_MS });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    // ffmpeg may stop reading early (a broken file): the write error is the same failure, reported on close.
    child.stdin.on('error', () => {});
    child.stdin.end(bytes);
    child.on('error', reject);
    child.on('close', (code) => {
      const jpeg = Buffer.concat(chunks);
      if (code === 0 && jpeg.length > 0) resolve(jpeg);
      else reject(new UnreadableImageError(`ffmpeg could not decode the image (exit code ${code ?? 'none'})`));
    });
  });
}
