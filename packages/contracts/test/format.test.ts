import { describe, expect, it } from 'vitest';
import { formatBytes, formatCents } from '../src/index.js';

describe('formatBytes', () => {
  it('uses decimal units, one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 KB');
    expect(formatBytes(5e9)).toBe('5 GB');
    expect(formatBytes(12.3e9)).toBe('12 GB');
    expect(formatBytes(2e15)).toBe('2000 TB');
  });
});

describe('formatCents', () => {
  it('reads as the invoices do', () => {
    expect(formatCents(0)).toBe('$0.00');
    expect(formatCents(123456)).toBe('$1,234.56');
    expect(formatCents(-5)).toBe('-$0.05');
  });
});
