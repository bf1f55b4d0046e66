// The local shape's EmailSender: nothing leaves the machine. Every message is kept in PostgreSQL, where the api and the
// worker both write, the portal's development inbox shows a tenant's messages, and tests wait for one.
import type { Db } from '../../db/database.js';
import type { EmailMessage, EmailSender } from '../../ports.js';

export class DevelopmentMailbox implements EmailSender {
  constructor(private readonly db: Db) {}

  async send(message: EmailMessage): Promise<void> {
    await this.db
      .insertInto('development_mailbox')
      .values({ tenant_id: message.tenantId ?? null, kind: message.kind, to_address: message.to.toLowerCase(), subject: message.subject, text_body: message.text, html_body: message.html ?? null })
      .execute();
  }
}
