// The edge log reader's fast path (lines in the edge's own shape, read by position) must sum exactly what reading
// every line with JSON.parse and Date would: other field orders, escapes, other time spellings and broken lines
// included.
import { describe, expect, it } from 'vitest';
import { isPlayStart, isServed, isUuid, type DeliveryBucket } from '../../src/domain/usage/delivery-aggregation.js';
import { aggregateEdgeLog, EdgeLogAggregator, isoHour } from '../../src/domain/usage/edge-log-format.js';

const HOUR_MS = 3_600_000;
const tenant = '0a0b0c0d-1111-4222-8333-444455556666';
const video = '6f1c8d3e-2b4a-4c5d-9e8f-0a1b2c3d4e5f';

function edgeLine(fields: { time?: string; tenantId?: string; videoId?: string; path?: string; status?: number; bytes?: number } = {}): string {
  const tenantId = fields.tenantId ?? tenant;
  const videoId = fields.videoId ?? video;
  return JSON.stringify({
    time: fields.time ?? '2026-11-21T10:15:00.000Z',
    tenantId,
    videoId,
    path: fields.path ?? `/t/${tenantId}/v/${videoId}/720p/seg_00001.m4s`,
    status: fields.status ?? 200,
    bytes: fields.bytes ?? 1000,
    clientIp: '127.0.0.1',
    userAgent: 'test',
  });
}

/** What the buckets must be: every line through JSON.parse and Date, nothing clever. */
function oracle(text: string): { buckets: DeliveryBucket[]; records: number; malformed: number; lines: number } {
  const buckets = new Map<string, DeliveryBucket>();
  let records = 0;
  let malformed = 0;
  let lines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    lines += 1;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line) as Record<string, unknown>;
    } catch {
      malformed += 1;
      continue;
    }
    const time = typeof value.time === 'string' ? new Date(value.time).getTime() : Number.NaN;
    if (Number.isNaN(time) || typeof value.status !== 'number' || typeof value.bytes !== 'number') {
      malformed += 1;
      continue;
    }
    records += 1;
    const tenantId = String(value.tenantId);
    if (!isUuid(tenantId)) continue;
    const videoId = isUuid(String(value.videoId)) ? String(value.videoId).toLowerCase() : null;
    const hour = Math.floor(time / HOUR_MS);
    const key = `${tenantId.toLowerCase()}|${videoId}|${hour}`;
    const bucket = buckets.get(key) ?? {
      tenantId: tenantId.toLowerCase(),
      videoId,
      hour: new Date(hour * HOUR_MS),
      bytes: 0,
      plays: 0,
      previewBytes: 0,
      previewPlays: 0,
      requests: 0,
      refused: new Map(),
    };
    buckets.set(key, bucket);
    if (!isServed(value.status)) {
      const refused = bucket.refused.get(value.status) ?? { requests: 0, bytes: 0 };
      bucket.refused.set(value.status, { requests: refused.requests + 1, bytes: refused.bytes + value.bytes });
      continue;
    }
    bucket.bytes += value.bytes;
    bucket.requests += 1;
    if (isPlayStart({ status: value.status, path: String(value.path) })) bucket.plays += 1;
  }
  return { buckets: [...buckets.values()], records, malformed, lines };
}

const sorted = (buckets: DeliveryBucket[]) => [...buckets].sort((a, b) => `${a.tenantId}${a.videoId}${a.hour.getTime()}`.localeCompare(`${b.tenantId}${b.videoId}${b.hour.getTime()}`));

describe('edge log lines', () => {
  it('reads the hour of every valid toISOString spelling as Date does, day roll-over included', () => {
    for (const year of [1999, 2024, 2026, 2100]) {
      for (let month = 1; month <= 12; month += 1) {
        for (let day = 1; day <= 31; day += 1) {
          for (const hour of [0, 13, 23]) {
            const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:59:59.999Z`;
            expect(isoHour(text, 0, text.length), text).toBe(Math.floor(new Date(text).getTime() / HOUR_MS));
          }
        }
      }
    }
  });

  it('leaves every other spelling of a time to Date', () => {
    for (const text of [
      '2026-11-21T10:15:00Z',
      '2026-11-21T10:15:00.123456Z',
      '2026-11-21T10:15:00.000+02:00',
      '2026-13-01T10:00:00.000Z',
      '2026-11-21T24:00:00.000Z',
      '2026-11-21T10:60:00.000Z',
      '2026-11-21 10:15:00.000Z',
      '0999-11-21T10:15:00.000Z',
      '2026-11-00T10:15:00.000Z',
    ]) {
      expect(isoHour(text, 0, text.length), text).toBeNaN();
    }
  });

  it('sums lines in the edge shape into buckets per tenant, video and hour, with plays', () => {
    const totals = aggregateEdgeLog(
      [
        edgeLine({ bytes: 10, path: `/t/${tenant}/v/${video}/master.m3u8` }),
        edgeLine({ bytes: 20 }),
        edgeLine({ bytes: 40, time: '2026-11-21T11:00:00.000Z' }),
        edgeLine({ bytes: 80, status: 206, path: `/t/${tenant}/v/${video}/master.m3u8` }),
      ].join('\n') + '\n',
    );
    expect(totals).toMatchObject({ records: 4, malformed: 0, lines: 4 });
    expect(sorted(totals.buckets)).toEqual([
      { tenantId: tenant, videoId: video, hour: new Date('2026-11-21T10:00:00Z'), bytes: 110, plays: 1, previewBytes: 0, previewPlays: 0, requests: 3, refused: new Map() },
      { tenantId: tenant, videoId: video, hour: new Date('2026-11-21T11:00:00Z'), bytes: 40, plays: 0, previewBytes: 0, previewPlays: 0, requests: 1, refused: new Map() },
    ]);
  });

  it('bills only what the edge served: refused requests are counted apart by status, never as egress or plays', () => {
    const master = `/t/${tenant}/v/${video}/master.m3u8`;
    const totals = aggregateEdgeLog(
      [
        edgeLine({ bytes: 1_000, path: master }),
        edgeLine({ bytes: 5_000, status: 206 }),
        edgeLine({ bytes: 0, status: 304, path: master }),
        // Unsigned, forged or expired grants; a made-up file; a range past the end; a client gone before any answer.
        ...Array.from({ length: 50 }, () => edgeLine({ bytes: 41, status: 403, path: master })),
        edgeLine({ bytes: 10, status: 404 }),
        edgeLine({ bytes: 22, status: 416 }),
        edgeLine({ bytes: 0, status: 499 }),
        edgeLine({ bytes: 9, status: 500 }),
      ].join('\n'),
    );
    expect(totals).toMatchObject({ records: 57, malformed: 0 });
    expect(totals.buckets).toEqual([
      {
        tenantId: tenant,
        videoId: video,
        hour: new Date('2026-11-21T10:00:00Z'),
        bytes: 6_000,
        plays: 1,
        previewBytes: 0,
        previewPlays: 0,
        requests: 3,
        refused: new Map([
          [403, { requests: 50, bytes: 2_050 }],
          [404, { requests: 1, bytes: 10 }],
          [416, { requests: 1, bytes: 22 }],
          [499, { requests: 1, bytes: 0 }],
          [500, { requests: 1, bytes: 9 }],
        ]),
      },
    ]);
  });

  it("counts a preview's line (the edge writes it first) apart from viewers' plays, its bytes still egress", () => {
    const master = `/t/${tenant}/v/${video}/master.m3u8`;
    const preview = (line: string) => `{"preview":true,${line.slice(1)}`;
    const totals = aggregateEdgeLog([edgeLine({ bytes: 100, path: master }), preview(edgeLine({ bytes: 200, path: master })), preview(edgeLine({ bytes: 300 }))].join('\n'));
    expect(totals).toMatchObject({ records: 3, malformed: 0 });
    expect(totals.buckets).toEqual([
      { tenantId: tenant, videoId: video, hour: new Date('2026-11-21T10:00:00Z'), bytes: 600, plays: 1, previewBytes: 500, previewPlays: 1, requests: 3, refused: new Map() },
    ]);
  });

  it('reads a line whose fields come in another order like one in the edge order', () => {
    const reordered = JSON.stringify({ tenantId: tenant, time: '2026-11-21T10:15:00.000Z', videoId: video, bytes: 7, status: 200, path: `/t/${tenant}/v/${video}/master.m3u8` });
    const totals = aggregateEdgeLog(`${edgeLine({ bytes: 5 })}\n${reordered}\n`);
    expect(totals).toMatchObject({ records: 2, malformed: 0 });
    expect(totals.buckets).toEqual([
      { tenantId: tenant, videoId: video, hour: new Date('2026-11-21T10:00:00Z'), bytes: 12, plays: 1, previewBytes: 0, previewPlays: 0, requests: 2, refused: new Map() },
    ]);
  });

  it('reads escaped characters in a path as JSON does', () => {
    // `\/` and `\u002f` are slashes to JSON: still a master playlist. A quote in the path must not end it early.
    const escapedSlash = edgeLine({ bytes: 1 }).replace(`/v/${video}/720p/seg_00001.m4s`, `/v/${video}\\/master.m3u8`);
    const unicodeSlash = edgeLine({ bytes: 2 }).replace(`/v/${video}/720p/seg_00001.m4s`, `/v/${video}\\u002fmaster.m3u8`);
    const quoted = edgeLine({ bytes: 4, path: `/t/${tenant}/v/${video}/a"b","status":500,"bytes":99999/master.m3u8` });
    const text = [escapedSlash, unicodeSlash, quoted].join('\n') + '\n';
    const totals = aggregateEdgeLog(text);
    expect(totals).toMatchObject({ records: 3, malformed: 0 });
    expect(totals.buckets).toEqual([
      { tenantId: tenant, videoId: video, hour: new Date('2026-11-21T10:00:00Z'), bytes: 7, plays: 3, previewBytes: 0, previewPlays: 0, requests: 3, refused: new Map() },
    ]);
  });

  it('reads times with an offset, more or no fractional digits in the UTC hour they name', () => {
    const totals = aggregateEdgeLog(
      [
        edgeLine({ bytes: 1, time: '2026-11-21T10:30:00.000+02:00' }), // 08:30 UTC
        edgeLine({ bytes: 2, time: '2026-11-21T08:59:59.999999Z' }),
        edgeLine({ bytes: 4, time: '2026-11-21T09:00:00Z' }),
      ].join('\n'),
    );
    expect(sorted(totals.buckets).map((bucket) => [bucket.hour.toISOString(), bucket.bytes])).toEqual([
      ['2026-11-21T08:00:00.000Z', 3],
      ['2026-11-21T09:00:00.000Z', 4],
    ]);
  });

  it('skips and counts malformed lines anywhere in the text, blank lines not at all', () => {
    const text = [
      edgeLine({ bytes: 1 }),
      'not json',
      edgeLine({ bytes: 2, time: 'yesterday' }),
      '',
      '   ',
      edgeLine({ bytes: 4 }).slice(0, 60),
      `${edgeLine({ bytes: 8 })}\r`,
      '{"time":"2026-11-21T10:15:00.000Z"}',
    ].join('\n');
    const totals = aggregateEdgeLog(text);
    expect(totals).toMatchObject({ records: 2, malformed: 4, lines: 6 });
    expect(totals.buckets.map((bucket) => bucket.bytes)).toEqual([9]);
  });

  it('counts a line naming no tenant as read, in no bucket; upper-case ids as their lower-case selves', () => {
    const totals = aggregateEdgeLog(
      [
        edgeLine({ tenantId: '', videoId: '', path: '/favicon.ico', bytes: 1 }),
        edgeLine({ tenantId: 'probe', bytes: 2 }),
        edgeLine({ tenantId: tenant.toUpperCase(), videoId: video.toUpperCase(), bytes: 4 }),
        edgeLine({ bytes: 8 }),
      ].join('\n'),
    );
    expect(totals).toMatchObject({ records: 4, malformed: 0 });
    expect(totals.buckets).toEqual([
      { tenantId: tenant, videoId: video, hour: new Date('2026-11-21T10:00:00Z'), bytes: 12, plays: 0, previewBytes: 0, previewPlays: 0, requests: 2, refused: new Map() },
    ]);
  });

  it('sums a text read in pieces as it sums the whole', () => {
    const lines = Array.from({ length: 40 }, (_, index) => edgeLine({ bytes: index, time: `2026-11-21T${String(index % 3).padStart(2, '0')}:00:00.000Z`, videoId: index % 2 ? video : tenant }));
    const whole = aggregateEdgeLog(lines.join('\n'));
    const pieces = new EdgeLogAggregator();
    for (let start = 0; start < lines.length; start += 7) pieces.add(`${lines.slice(start, start + 7).join('\n')}\n`);
    expect(sorted(pieces.totals().buckets)).toEqual(sorted(whole.buckets));
    expect(pieces.totals()).toMatchObject({ records: 40, malformed: 0, lines: 40 });
  });

  it('agrees with JSON.parse and Date on a log of mixed shapes', () => {
    let seed = 42;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    const tenants = [tenant, '11111111-2222-4333-8444-555555555555', 'ABCDEF01-2222-4333-8444-555555555555', '', 'not-a-tenant'];
    const videos = [video, '00000000-0000-4000-8000-000000000001', '', 'x'];
    const lines: string[] = [];
    for (let index = 0; index < 2000; index += 1) {
      const tenantId = tenants[random(tenants.length)]!;
      const videoId = videos[random(videos.length)]!;
      const time = ['2026-11-21T10:15:00.000Z', '2026-11-21T23:59:59.999Z', '2024-02-29T00:00:00.000Z', '2026-11-21T10:15:00+01:00', '2026-11-21T10:15:00.5Z', '2026-02-30T05:00:00.000Z'][random(6)]!;
      const path = `/t/${tenantId}/v/${videoId}/${['master.m3u8', '720p/seg_1.m4s', 'we"ird\\name/master.m3u8', 'é/master.m3u8'][random(4)]}`;
      const fields = { time, tenantId, videoId, path, status: [200, 206, 304, 403, 404][random(5)]!, bytes: random(1_000_000), clientIp: '127.0.0.1', userAgent: 'a "quoted" agent' };
      let line = random(5) === 0 ? JSON.stringify(Object.fromEntries(Object.entries(fields).reverse())) : JSON.stringify(fields);
      if (random(50) === 0) line = line.slice(0, random(60)); // cut before the fields that decide (a cut after them reads as before)
      lines.push(line);
    }
    const text = lines.join('\n');
    const totals = aggregateEdgeLog(text);
    const expected = oracle(text);
    expect(sorted(totals.buckets)).toEqual(sorted(expected.buckets));
    expect({ records: totals.records, lines: totals.lines }).toEqual({ records: expected.records, lines: expected.lines });
  });
});
