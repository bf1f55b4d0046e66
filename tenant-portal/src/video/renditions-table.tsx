import type { Rendition } from '../api/api-types.js';
import { formatBitrate, formatBytes, formatDuration } from '../format/format.js';

export function RenditionsTable({ renditions }: { renditions: readonly Rendition[] }) {
  if (renditions.length === 0) return <p className="hint">Renditions appear here once transcoding finishes.</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">Renditions</caption>
        <thead>
          <tr>
            <th scope="col">Rendition</th>
            <th scope="col">Size</th>
            <th scope="col">Frame rate</th>
            <th scope="col">Bitrate (peak)</th>
            <th scope="col">Codecs</th>
            <th scope="col">Duration</th>
            <th scope="col">Storage</th>
          </tr>
        </thead>
        <tbody>
          {renditions.map((rendition) => (
            <tr key={rendition.name}>
              <th scope="row">{rendition.name}</th>
              <td>
                {rendition.width}×{rendition.height}
              </td>
              <td>{Number(rendition.frameRate.toFixed(2))} fps</td>
              <td>
                {formatBitrate(rendition.averageBandwidth)} ({formatBitrate(rendition.bandwidth)})
              </td>
              <td>
                <code>{rendition.codecs}</code>
              </td>
              <td>{formatDuration(rendition.durationSeconds)}</td>
              <td>{formatBytes(rendition.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
