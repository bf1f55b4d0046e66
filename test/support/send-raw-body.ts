// Sends a request body of any size over a raw socket, framed the way the test chooses (a declared Content-Length,
// or chunked with no length at all), as fast as the server takes it: what an attacker's client does, and what
// fetch cannot show (how much of the body the server read before it answered or hung up).
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** Body bytes the server's socket accepted before it closed the connection (all of them if it never did). */
  bytesSent: number;
  /** Whether the server ended the connection before the whole body was sent. */
  serverHungUp: boolean;
}

export interface RawRequest {
  method?: string;
  /** Path and query, e.g. `/trpc/tenants.signup`. */
  path: string;
  headers?: Record<string, string>;
  bodyBytes: number;
  framing: 'content-length' | 'chunked';
}

const PIECE = Buffer.alloc(64 * 1024, 'x');

/**
 * Keeps sending after the answer arrives, as HTTP clients do, so that a server which drains the rest of the body
 * shows up in `bytesSent`. Resolves once the answer is complete and either the server has closed the connection
 * or the whole body is sent.
 */
export function sendRawBody(baseUrl: string, request: RawRequest): Promise<RawAnswer> {
  const { hostname, port, host } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let bytesSent = 0;
    let closed = false;
    const settle = () => {
      const answer = parseAnswer(received, closed);
      if (answer && (closed || bytesSent === request.bodyBytes)) {
        socket.destroy();
        resolve({ ...answer, bytesSent, serverHungUp: closed && bytesSent < request.bodyBytes });
      } else if (closed) {
        reject(new Error(`The server closed the connection without a complete answer after ${bytesSent} body bytes: ${JSON.stringify(received.toString().slice(0, 200))}`));
      }
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      settle();
    });
    // EPIPE or ECONNRESET while sending: the server stopped reading and hung up, which is what a test looks at.
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      settle();
    });
    const headers = { Host: host, ...request.headers, ...(request.framing === 'chunked' ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(request.bodyBytes) }) };
    socket.write(
      `${request.method ?? 'POST'} ${request.path} HTTP/1.1\r\n${Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')}\r\n`,
    );
    const pump = () => {
      while (!closed && bytesSent < request.bodyBytes) {
        const piece = PIECE.subarray(0, Math.min(PIECE.length, request.bodyBytes - bytesSent));
        bytesSent += piece.length;
        const frame = request.framing === 'chunked' ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
        if (!socket.write(frame)) return void socket.once('drain', pump);
      }
      if (closed) return;
      if (request.framing === 'chunked') socket.write('0\r\n\r\n');
      settle();
    };
    pump();
  });
}

/** The answer once it is complete (by Content-Length, chunked framing, or the connection's end), else undefined. */
function parseAnswer(data: Buffer, closed: boolean): Omit<RawAnswer, 'bytesSent' | 'serverHungUp'> | undefined {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine = '', ...lines] = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  const status = Number(statusLine.split(' ')[1]);
  let rest = data.subarray(headEnd + 4);
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    return rest.length >= length ? { status, headers, body: rest.subarray(0, length).toString() } : undefined;
  }
  if (headers['transfer-encoding'] === 'chunked') {
    const pieces: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      if (lineEnd < 0) return undefined;
      const size = Number.parseInt(rest.subarray(0, lineEnd).toString(), 16);
      if (size === 0) return { status, headers, body: Buffer.concat(pieces).toString() };
      if (rest.length < lineEnd + 2 + size + 2) return undefined;
      pieces.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
  }
  return closed ? { status, headers, body: rest.toString() } : undefined;
}
