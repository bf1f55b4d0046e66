import { describe, expect, it } from 'vitest';
import { bytesIn, checkPlan, missingParts, partRange, UploadClientError } from '../src/index.js';

const plan = { size: 25, partSize: 10, partCount: 3 };

describe('part plan', () => {
  it('cuts the file into full parts and a shorter last one', () => {
    expect([1, 2, 3].map((partNumber) => partRange(plan, partNumber))).toEqual([
      { start: 0, length: 10 },
      { start: 10, length: 10 },
      { start: 20, length: 5 },
    ]);
  });

  it('given listParts output, keeps only the parts that are absent or torn', () => {
    expect(missingParts(plan, [])).toEqual([1, 2, 3]);
    expect(
      missingParts(plan, [
        { partNumber: 1, size: 10 },
        { partNumber: 3, size: 5 },
      ]),
    ).toEqual([2]);
    expect(
      missingParts(plan, [
        { partNumber: 1, size: 10 },
        { partNumber: 2, size: 4 },
        { partNumber: 3, size: 5 },
      ]),
    ).toEqual([2]);
    expect(
      missingParts(plan, [
        { partNumber: 1, size: 4 },
        { partNumber: 2, size: 10 },
        { partNumber: 3, size: 5 },
      ]),
    ).toEqual([1]);
    expect(
      missingParts(plan, [
        { partNumber: 1, size: 10 },
        { partNumber: 2, size: 10 },
        { partNumber: 3, size: 5 },
      ]),
    ).toEqual([]);
    expect(bytesIn(plan, [2, 3])).toBe(15);
  });

  it('refuses a plan that does not cut this file', () => {
    expect(checkPlan(plan)).toBe(plan);
    expect(checkPlan({ size: 0, partSize: 8, partCount: 1 }).partCount).toBe(1);
    expect(() => checkPlan({ size: 25, partSize: 10, partCount: 2 })).toThrow(new UploadClientError({ kind: 'plan-mismatch', size: 25, partSize: 10, partCount: 2 }));
  });
});
