// The EmailSender contract: what every way of sending mail (the development mailbox, SMTP, SES) must do with a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type EmailKind = 'viewer-invitation' | 'admin-invitation' | 'viewer-password-reset' | 'viewer-sign-up' | 'admin-password-reset' | 'billing-notice';

/** The EmailSender port, structurally. */
export interface EmailSenderUnderTest {
  send(message: { kind: EmailKind; tenantId?: string; to: string; subject: string; text: string; html?: string }): Promise<void>;
}

export interface DeliveredEmail {
  to: string;
  subject: string;
  text: string;
  html: string | undefined;
}

export interface EmailSenderFixture {
  sender: EmailSenderUnderTest;
  /** A tenant the message may be about (a row where the mailbox's foreign key needs one). */
  newTenantId(): Promise<string>;
  /** What reached the other side for this address, oldest first. */
  delivered(to: string): Promise<DeliveredEmail[]>;
  close(): Promise<void>;
}

export function emailSenderContract(name: string, setUp: () => Promise<EmailSenderFixture>): void {
  describe(`EmailSender contract: ${name}`, () => {
    let fixture: EmailSenderFixture;
    beforeAll(async () => {
      fixture = await setUp();
    });
    afterAll(async () => fixture?.close());

    it('delivers the subject, the text and the HTML to the one recipient, text beyond ASCII intact', async () => {
      const tenantId = await fixture.newTenantId();
      const text = 'Temporary password: Zq7-ÿ\nCafé “Lumière” — ünïcode stays as written.\nhttps://portal.example/accept-invitation#abc_DEF-123';
      await fixture.sender.send({ kind: 'admin-invitation', tenantId, to: 'ada@mail.example', subject: 'Join Acme Films on OTT Cloud', text, html: '<p>Join <b>Acme</b></p>' });
      const [message, ...others] = await fixture.delivered('ada@mail.example');
      expect(others).toEqual([]);
      expect(message).toEqual({ to: 'ada@mail.example', subject: 'Join Acme Films on OTT Cloud', text, html: '<p>Join <b>Acme</b></p>' });
    });

    it('sends a text-only message, and platform mail that concerns no tenant', async () => {
      await fixture.sender.send({ kind: 'billing-notice', to: 'grace@mail.example', subject: 'Your invoice', text: 'Invoice issued.' });
      expect(await fixture.delivered('grace@mail.example')).toEqual([{ to: 'grace@mail.example', subject: 'Your invoice', text: 'Invoice issued.', html: undefined }]);
    });
  });
}
