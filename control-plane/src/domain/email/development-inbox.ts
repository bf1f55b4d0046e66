// The development inbox: the portal's view of the local shape's mailbox (adapters/local/development-mailbox.ts), a
// tenant's messages newest first. Only where mail goes there (deps.developmentInbox): with SMTP or SES the messages
// are in real mailboxes and this says so.
import type { DomainDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { decodeCursorOf, exactTimestamp, pageOf, pastCursor } from '../pagination.js';

type Deps = Pick<DomainDeps, 'db' | 'developmentInbox'>;

export async function listInboxMessages(deps: Deps, tenantId: string, page: { limit: number; cursor?: string }) {
  if (!deps.developmentInbox) return { available: false as const, data: [], nextCursor: null };
  const after = page.cursor === undefined ? undefined : decodeCursorOf(page.cursor, 'timestamp');
  const rows = await deps.db
    .selectFrom('development_mailbox')
    .select(['id', 'kind', 'to_address', 'subject', 'created_at'])
    .select(exactTimestamp('created_at').as('created_at_exact'))
    .where('tenant_id', '=', tenantId)
    .$if(after !== undefined, (query) => query.where(pastCursor('created_at', 'desc', after!, 'timestamp')))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const listed = pageOf(
    rows,
    page.limit,
    (row) => ({ value: row.created_at_exact, id: row.id }),
    (row) => ({ messageId: row.id, kind: row.kind, to: row.to_address, subject: row.subject, sentAt: row.created_at }),
  );
  return { available: true as const, ...listed };
}

export async function getInboxMessage(deps: Deps, tenantId: string, messageId: string) {
  const row = deps.developmentInbox ? await deps.db.selectFrom('development_mailbox').selectAll().where('tenant_id', '=', tenantId).where('id', '=', messageId).executeTakeFirst() : undefined;
  if (!row) throw notFound('The message');
  return { messageId: row.id, kind: row.kind, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body, sentAt: row.created_at };
}
