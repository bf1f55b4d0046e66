// How a file is cut into multipart parts: at least 8 MiB a part (S3's minimum is 5 MiB) and at most 10,000 parts.
const MiB = 1024 * 1024;
const MIN_PART_SIZE = 8 * MiB;
const MAX_PARTS = 10_000;

export interface UploadPlan {
  partSize: number;
  partCount: number;
}

/**
 * The parts of a file of `size` bytes. An upload already started passes the part size stored when it began: the rule
 * above may change between versions, and the parts already sent (and their signed sizes) must not.
 */
export function planUpload(size: number, partSize = Math.max(MIN_PART_SIZE, Math.ceil(size / MAX_PARTS / MiB) * MiB)): UploadPlan {
  return { partSize, partCount: Math.max(1, Math.ceil(size / partSize)) };
}

export function expectedPartSize(plan: UploadPlan, size: number, partNumber: number): number {
  return partNumber < plan.partCount ? plan.partSize : size - plan.partSize * (plan.partCount - 1);
}
