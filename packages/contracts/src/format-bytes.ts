// Sizes for people, in decimal units as storage is sold (`1.5 GB`): one rule for the API's messages and the
// portal's figures, so both read alike.
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${Number(value.toFixed(value < 10 && unit > 0 ? 1 : 0))} ${UNITS[unit]}`;
}
