// A local SMTP server (smtp-server) that keeps what it receives, for the SMTP adapter's contract run: messages are read
// back from their MIME form (headers, multipart/alternative, quoted-printable or base64 parts) as a mail client would.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMime {
  to: string[];
  headers: Map<string, string>;
  subject: string;
  text: string | undefined;
  html: string | undefined;
}

export interface SmtpInbox {
  /** smtp://user:password@127.0.0.1:port: the server asks for exactly these credentials. */
  url: string;
  received: ReceivedMime[];
  close(): Promise<void>;
}

export async function startSmtpInbox(credentials = { user: 'mailer', password: 's3cret pass' }): Promise<SmtpInbox> {
  const received: ReceivedMime[] = [];
  const server = new SMTPServer({
    // Plain SMTP on the loopback: no certificate to make; AUTH is still required and checked.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.password) return callback(null, { user: auth.username });
      callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ ...parseMime(Buffer.concat(chunks).toString('utf8')), to: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function parseMime(raw: string): Omit<ReceivedMime, 'to'> {
  const { headers, body } = splitPart(raw);
  const parts: { headers: Map<string, string>; body: string }[] = [];
  const collect = (part: { headers: Map<string, string>; body: string }) => {
    const boundary = /boundary="?([^";]+)"?/i.exec(part.headers.get('content-type') ?? '')?.[1];
    if (!boundary) return void parts.push(part);
    for (const piece of part.body.split(`--${boundary}`).slice(1, -1)) collect(splitPart(piece.replace(/^\r?\n/, '')));
  };
  collect({ headers, body });
  const partOf = (type: string) => parts.find((part) => (part.headers.get('content-type') ?? 'text/plain').startsWith(type));
  const text = partOf('text/plain');
  const html = partOf('text/html');
  return { headers, subject: decodeWords(headers.get('subject') ?? ''), text: text && decodeBody(text), html: html && decodeBody(html) };
}

function splitPart(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(part: { headers: Map<string, string>; body: string }): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body = part.body.replace(/\r?\n$/, '');
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body).replace(/\r\n/g, '\n');
  return body.replace(/\r\n/g, '\n');
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) in a header. */
function decodeWords(value: string): string {
  return value.replace(/\s*=\?[^?]+\?([QB])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}
