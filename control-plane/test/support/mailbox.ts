// Reads the local shape's development mailbox (adapters/local/development-mailbox.ts), where the api and the worker
// keep every message they send, for tests that follow an email: an invitation, a reset link, a billing notice.
import type { Db } from '../../src/db/database.js';
import type { EmailKind } from '../../src/ports.js';
import { waitFor } from './wait-for.js';

export interface ReceivedEmail {
  kind: EmailKind;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  sentAt: Date;
  /** Every http(s) URL in the text, in order: the link a person would click is usually the first. */
  links: string[];
}

export interface EmailQuery {
  kind: EmailKind;
  to: string;
  /** Only a message sent after this moment (a resend, a second reset): the newest one otherwise. */
  since?: Date;
}

/** The newest message of `kind` to `to`, waiting for it to be sent (the worker may send it a moment later). */
export function waitForEmail(db: Db, query: EmailQuery, options: { timeoutMs?: number } = {}): Promise<ReceivedEmail> {
  return waitFor(() => newestEmail(db, query), { what: `a "${query.kind}" email to ${query.to}`, intervalMs: 100, ...options });
}

export async function newestEmail(db: Db, query: EmailQuery): Promise<ReceivedEmail | undefined> {
  let select = db.selectFrom('development_mailbox').selectAll().where('kind', '=', query.kind).where('to_address', '=', query.to.toLowerCase());
  if (query.since) select = select.where('created_at', '>', query.since);
  const row = await select.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (!row) return undefined;
  return { kind: row.kind, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body, sentAt: row.created_at, links: row.text_body.match(/https?:\/\/[^\s<>"')]+/g) ?? [] };
}

/** The temporary password a viewer's invitation carries (the API never answers it). */
export async function invitedViewerPassword(db: Db, to: string, since?: Date): Promise<string> {
  const email = await waitForEmail(db, { kind: 'viewer-invitation', to, ...(since ? { since } : {}) });
  const password = /Temporary password: (\S+)/.exec(email.text)?.[1];
  if (!password) throw new Error(`The invitation to ${to} carries no temporary password:\n${email.text}`);
  return password;
}

/** The token of an emailed admin link (an invitation or a reset): what follows the `#` of its first link. */
export function linkToken(email: ReceivedEmail): string {
  const token = email.links[0]?.split('#')[1];
  if (!token) throw new Error(`The "${email.kind}" email to ${email.to} carries no link with a token:\n${email.text}`);
  return token;
}
