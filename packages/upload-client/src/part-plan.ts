// Where each multipart part lies in the file, and which parts a resumed upload still has to send. The server
// plans (videos.createUpload / listParts); the client checks the plan cuts the file it holds.
import { UploadClientError } from './upload-client-error.js';

export interface PartPlan {
  size: number;
  partSize: number;
  partCount: number;
}

export interface PartRange {
  start: number;
  length: number;
}

/** Every part is `partSize` bytes except the last, which holds the rest (0 bytes for an empty file). */
export function partRange(plan: PartPlan, partNumber: number): PartRange {
  const start = (partNumber - 1) * plan.partSize;
  return { start, length: Math.max(0, Math.min(plan.partSize, plan.size - start)) };
}

/** Refuses a plan that does not cut this file, rather than sending bytes the server would reject at the end. */
export function checkPlan(plan: PartPlan): PartPlan {
  const expected = Math.max(1, Math.ceil(plan.size / plan.partSize));
  if (!Number.isInteger(plan.partSize) || plan.partSize <= 0 || plan.partCount !== expected) {
    throw new UploadClientError({ kind: 'plan-mismatch', size: plan.size, partSize: plan.partSize, partCount: plan.partCount });
  }
  return plan;
}

/** Parts the server does not hold, or holds with a size other than the plan's (a torn write): those are sent again. */
export function missingParts(plan: PartPlan, stored: readonly { partNumber: number; size: number }[]): number[] {
  const storedSizes = new Map(stored.map((part) => [part.partNumber, part.size]));
  const missing: number[] = [];
  for (let partNumber = 1; partNumber <= plan.partCount; partNumber += 1) {
    if (storedSizes.get(partNumber) !== partRange(plan, partNumber).length) missing.push(partNumber);
  }
  return missing;
}

export function bytesIn(plan: PartPlan, partNumbers: readonly number[]): number {
  return partNumbers.reduce((total, partNumber) => total + partRange(plan, partNumber).length, 0);
}
