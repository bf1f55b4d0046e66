// The local edge's access log: one JSON object per line (see edge/access-log.ts for the fields it writes), summed
// straight into delivery buckets: a chunk holds tens of thousands of lines, and no record is kept per line. A
// preview's line starts with `"preview":true`, so it misses the fast path and is read by JSON.parse: previews are
// the workspace's own few plays, and the viewers' lines keep the fast path.
import { DeliveryAggregator, isServed, type DeliverySeries, type DeliveryTotals } from './delivery-aggregation.js';
import type { DeliveryRecord } from './delivery-record.js';
import { HOUR_MS } from './time-buckets.js';

/** Sums a log read in pieces (each ending at a line end) into one set of buckets. */
export class EdgeLogAggregator {
  private readonly deliveries = new DeliveryAggregator();
  private records = 0;
  private malformed = 0;
  private lines = 0;

  add(text: string): void {
    const line = new EdgeLine(text);
    // Series by the raw text from the tenant id to the end of the video id, as the edge wrote it: one lookup per
    // line. Per piece, as these keys are cut from (and keep alive) the piece's text.
    const seriesByIds = new Map<string, DeliverySeries | null>();
    for (let start = 0; start < text.length;) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const read = line.read(start, end);
      if (read === READ) {
        this.lines += 1;
        this.records += 1;
        const ids = text.slice(line.tenantStart, line.videoEnd);
        let series = seriesByIds.get(ids);
        if (series === undefined) {
          series = this.deliveries.seriesOf(text.slice(line.tenantStart, line.tenantEnd), text.slice(line.videoStart, line.videoEnd)) ?? null;
          seriesByIds.set(ids, series);
        }
        series?.add(line.hour, line.status, isServed(line.status), line.bytes, line.play);
      } else if (read === INVALID) {
        this.lines += 1;
        this.malformed += 1;
      } else {
        const other = text.slice(start, end);
        if (other.trim() !== '') {
          this.lines += 1;
          const record = fromJson(other);
          if (record) {
            this.records += 1;
            this.deliveries.addRecord(record);
          } else {
            this.malformed += 1;
          }
        }
      }
      start = end + 1;
    }
  }

  totals(): DeliveryTotals {
    return { buckets: this.deliveries.buckets, records: this.records, malformed: this.malformed, lines: this.lines };
  }
}

export function aggregateEdgeLog(text: string): DeliveryTotals {
  const aggregator = new EdgeLogAggregator();
  aggregator.add(text);
  return aggregator.totals();
}

const READ = 0;
/** Shaped like the edge's lines, with a time that is no time: malformed. */
const INVALID = 1;
/** Some other shape (fields in another order, escaped characters, not JSON): for the general path. */
const OTHER = 2;

const START = '{"time":"';
const TENANT = '","tenantId":"';
const VIDEO = '","videoId":"';
const PATH = '","path":"';
const STATUS = '","status":';
const BYTES = ',"bytes":';
const MASTER = '/master.m3u8';
const COMMA = 0x2c;
const BRACE = 0x7d;

/**
 * Reads one line in the shape the edge writes (JSON.stringify of one object shape, so always this key order) by
 * position, without a regex or JSON.parse, and the hour from the ISO timestamp's digits without a Date. It accepts
 * exactly what `^\{"time":"([^"\\]+)","tenantId":"([^"\\]*)","videoId":"([^"\\]*)","path":"([^"\\]*)",
 * "status":(\d{1,3}),"bytes":(\d{1,15})[,}]` accepted before it: values without quotes or backslashes, so without
 * escapes. Any other line goes to JSON.parse.
 */
class EdgeLine {
  tenantStart = 0;
  tenantEnd = 0;
  videoStart = 0;
  videoEnd = 0;
  hour = 0;
  status = 0;
  bytes = 0;
  play = false;
  /** The first backslash at or after the line being read (-1: none left; -2: not looked for yet), found once per backslash, not per line. */
  private backslash = -2;

  constructor(private readonly text: string) {}

  read(start: number, end: number): typeof READ | typeof INVALID | typeof OTHER {
    const text = this.text;
    if (!text.startsWith(START, start)) return OTHER;
    const timeStart = start + START.length;
    const timeEnd = this.valueEnd(timeStart, end);
    if (timeEnd <= timeStart || !text.startsWith(TENANT, timeEnd)) return OTHER;
    const tenantStart = timeEnd + TENANT.length;
    const tenantEnd = this.valueEnd(tenantStart, end);
    if (tenantEnd === -1 || !text.startsWith(VIDEO, tenantEnd)) return OTHER;
    const videoStart = tenantEnd + VIDEO.length;
    const videoEnd = this.valueEnd(videoStart, end);
    if (videoEnd === -1 || !text.startsWith(PATH, videoEnd)) return OTHER;
    const pathStart = videoEnd + PATH.length;
    const pathEnd = this.valueEnd(pathStart, end);
    if (pathEnd === -1 || !text.startsWith(STATUS, pathEnd)) return OTHER;
    if (this.backslash !== -1 && this.backslash < start) this.backslash = text.indexOf('\\', start);
    if (this.backslash !== -1 && this.backslash < pathEnd) return OTHER;

    let at = pathEnd + STATUS.length;
    let status = 0;
    const statusStart = at;
    for (let digit = text.charCodeAt(at) - 48; digit >= 0 && digit <= 9 && at - statusStart < 3; digit = text.charCodeAt(++at) - 48) status = status * 10 + digit;
    if (at === statusStart || !text.startsWith(BYTES, at)) return OTHER;
    at += BYTES.length;
    let bytes = 0;
    const bytesStart = at;
    for (let digit = text.charCodeAt(at) - 48; digit >= 0 && digit <= 9 && at - bytesStart < 15; digit = text.charCodeAt(++at) - 48) bytes = bytes * 10 + digit;
    const after = text.charCodeAt(at);
    if (at === bytesStart || at >= end || (after !== COMMA && after !== BRACE)) return OTHER;

    let hour = isoHour(text, timeStart, timeEnd);
    if (Number.isNaN(hour)) {
      // Another spelling of a time (an offset, more or no fractional digits): Date reads them all.
      const time = new Date(text.slice(timeStart, timeEnd)).getTime();
      if (Number.isNaN(time)) return INVALID;
      hour = Math.floor(time / HOUR_MS);
    }
    this.tenantStart = tenantStart;
    this.tenantEnd = tenantEnd;
    this.videoStart = videoStart;
    this.videoEnd = videoEnd;
    this.hour = hour;
    this.status = status;
    this.bytes = bytes;
    this.play = status === 200 && pathEnd - pathStart >= MASTER.length && text.startsWith(MASTER, pathEnd - MASTER.length);
    return READ;
  }

  /** The closing quote of a string value starting at `from`, within the line; -1 when there is none. */
  private valueEnd(from: number, end: number): number {
    const quote = this.text.indexOf('"', from);
    return quote === -1 || quote >= end ? -1 : quote;
  }
}

/**
 * Hours since the epoch of a UTC timestamp spelled exactly as Date#toISOString does (`2026-11-21T10:15:00.000Z`,
 * years 1000–9999); NaN for anything else. Days past the end of a month roll over as they do in Date.
 */
export function isoHour(text: string, start: number, end: number): number {
  if (end - start !== 24 || text.charCodeAt(start + 23) !== 0x5a /* Z */) return Number.NaN;
  const year = digits(text, start, 4);
  const month = digits(text, start + 5, 2);
  const day = digits(text, start + 8, 2);
  const hour = digits(text, start + 11, 2);
  const minute = digits(text, start + 14, 2);
  const second = digits(text, start + 17, 2);
  const milliseconds = digits(text, start + 20, 3);
  if (
    text.charCodeAt(start + 4) !== 0x2d ||
    text.charCodeAt(start + 7) !== 0x2d ||
    text.charCodeAt(start + 10) !== 0x54 ||
    text.charCodeAt(start + 13) !== 0x3a ||
    text.charCodeAt(start + 16) !== 0x3a ||
    text.charCodeAt(start + 19) !== 0x2e ||
    !(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && milliseconds >= 0)
  ) {
    return Number.NaN;
  }
  return daysSinceEpoch(year, month, day) * 24 + hour;
}

/** Days from 1970-01-01 to a proleptic Gregorian date; days past a month's end roll over, as in Date.UTC. */
function daysSinceEpoch(year: number, month: number, day: number): number {
  // H. Hinnant's days_from_civil, with March as the first month so that leap days come last.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** The number spelled by `count` ASCII digits at `at`; NaN if any is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let index = at; index < at + count; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

function fromJson(line: string): DeliveryRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { time, tenantId, videoId, path, status, bytes, preview } = value as Record<string, unknown>;
  const when = typeof time === 'string' ? new Date(time) : undefined;
  if (!when || Number.isNaN(when.getTime())) return undefined;
  if (typeof status !== 'number' || typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) return undefined;
  return {
    time: when,
    tenantId: typeof tenantId === 'string' ? tenantId : '',
    videoId: typeof videoId === 'string' ? videoId : '',
    path: typeof path === 'string' ? path : '',
    status,
    bytes,
    ...(preview === true ? { preview } : {}),
  };
}
