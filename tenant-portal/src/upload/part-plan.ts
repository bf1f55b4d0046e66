// How the server cut the file into parts, and which parts a resumed upload still has to send. The server
// plans (videos.createUpload / listParts); the browser checks the plan fits the file it holds.
import { UploadError } from './upload-error.js';

export interface PartPlan {
  size: number;
  partSize: number;
  partCount: number;
}

/** Byte offsets of one part in the file: [start, end). The last part holds the rest. */
export function partBounds(plan: PartPlan, partNumber: number): { start: number; end: number } {
  const start = (partNumber - 1) * plan.partSize;
  return { start, end: Math.min(plan.size, start + plan.partSize) };
}

export function partLength(plan: PartPlan, partNumber: number): number {
  const { start, end } = partBounds(plan, partNumber);
  return Math.max(0, end - start);
}

/** The server's plan, if it cuts a file of this size; otherwise the file is not the one it was made for. */
export function checkedPlan(size: number, server: { partSize: number; partCount: number }): PartPlan {
  const fits = Number.isInteger(server.partSize) && server.partSize > 0 && server.partCount === Math.max(1, Math.ceil(size / server.partSize));
  if (!fits) throw new UploadError(`The server expects ${server.partCount} parts of ${server.partSize} bytes, which does not match this ${size}-byte file. Upload it as a new video.`);
  return { size, partSize: server.partSize, partCount: server.partCount };
}

/** Parts the server lacks, or holds with the wrong length (an interrupted write): these are sent (again). */
export function partsToSend(plan: PartPlan, stored: readonly { partNumber: number; size: number }[]): number[] {
  const held = new Map(stored.map((part) => [part.partNumber, part.size]));
  return Array.from({ length: plan.partCount }, (_, index) => index + 1).filter((partNumber) => held.get(partNumber) !== partLength(plan, partNumber));
}

export function bytesIn(plan: PartPlan, partNumbers: readonly number[]): number {
  return partNumbers.reduce((total, partNumber) => total + partLength(plan, partNumber), 0);
}
