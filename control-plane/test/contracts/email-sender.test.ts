// The EmailSender contract over every adapter: the local shape's development mailbox (PostgreSQL), SMTP through
// nodemailer to a local smtp-server, and SES v2 through the real SDK to a fake at the HTTP boundary that refuses what
// SES refuses (test/aws/support/fake-ses.ts).
import { randomBytes } from 'node:crypto';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { emailSenderContract } from '@ott/testkit';
import { describe, expect, it } from 'vitest';
import { SesEmailSender } from '../../src/adapters/aws/ses-email-sender.js';
import { DevelopmentMailbox } from '../../src/adapters/local/development-mailbox.js';
import { SmtpEmailSender } from '../../src/adapters/smtp/smtp-email-sender.js';
import { FakeSes } from '../aws/support/fake-ses.js';
import { startSmtpInbox } from '../support/smtp-inbox.js';
import { createTestDatabase } from '../support/test-database.js';

const IDENTITY_ARN = 'arn:aws:ses:eu-west-1:111111111111:identity/video.example.com';
const unusedTenant = async () => '00000000-0000-4000-8000-000000000000';

function sesSender(fake: FakeSes, from = 'Example Video <no-reply@video.example.com>', identityArn = IDENTITY_ARN): SesEmailSender {
  const client = new SESv2Client({ endpoint: fake.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  return new SesEmailSender(async () => ({ client, from, identityArn }));
}

emailSenderContract('DevelopmentMailbox', async () => {
  const database = await createTestDatabase();
  return {
    sender: new DevelopmentMailbox(database.db),
    async newTenantId() {
      const slug = `m-${randomBytes(4).toString('hex')}`;
      return (await database.db.insertInto('tenants').values({ slug, name: slug }).returning('id').executeTakeFirstOrThrow()).id;
    },
    async delivered(to) {
      const rows = await database.db.selectFrom('development_mailbox').selectAll().where('to_address', '=', to).orderBy('created_at').execute();
      return rows.map((row) => ({ to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body ?? undefined }));
    },
    close: () => database.drop(),
  };
});

emailSenderContract('SmtpEmailSender on a local SMTP server', async () => {
  const inbox = await startSmtpInbox();
  const sender = new SmtpEmailSender(inbox.url, 'OTT Cloud <no-reply@ott.example>');
  return {
    sender,
    newTenantId: unusedTenant,
    delivered: async (to) => inbox.received.filter((message) => message.to.includes(to)).map((message) => ({ to, subject: message.subject, text: message.text ?? '', html: message.html })),
    async close() {
      sender.close();
      await inbox.close();
    },
  };
});

emailSenderContract('SesEmailSender on a fake SES', async () => {
  const fake = await FakeSes.start({ [IDENTITY_ARN]: 'video.example.com' });
  return {
    sender: sesSender(fake),
    newTenantId: unusedTenant,
    delivered: async (to) => fake.sent.filter((message) => message.to.includes(to)).map((message) => ({ to, subject: message.subject, text: message.text ?? '', html: message.html })),
    close: () => fake.close(),
  };
});

describe('SmtpEmailSender', () => {
  it('signs in with the URL’s credentials, sends from OTT_EMAIL_FROM and names the kind in a header', async () => {
    const inbox = await startSmtpInbox();
    const sender = new SmtpEmailSender(inbox.url, 'OTT Cloud <no-reply@ott.example>');
    try {
      await sender.send({ kind: 'viewer-invitation', to: 'fan@mail.example', subject: 'Watch', text: 'Hello' });
      expect(inbox.received[0]?.headers.get('from')).toBe('OTT Cloud <no-reply@ott.example>');
      expect(inbox.received[0]?.headers.get('x-ott-email-kind')).toBe('viewer-invitation');
      const wrong = new SmtpEmailSender(inbox.url.replace('s3cret', 'wrong'), 'no-reply@ott.example');
      await expect(wrong.send({ kind: 'viewer-invitation', to: 'fan@mail.example', subject: 'Watch', text: 'Hello' })).rejects.toThrow(/Invalid username or password/);
      wrong.close();
    } finally {
      sender.close();
      await inbox.close();
    }
  });
});

describe('SesEmailSender', () => {
  it('sends from the cell’s identity, tagged with the kind; SES’s refusal of an unverified sender reaches the caller', async () => {
    const fake = await FakeSes.start({ [IDENTITY_ARN]: 'video.example.com' });
    try {
      await sesSender(fake).send({ kind: 'billing-notice', to: 'owner@tenant.example', subject: 'Invoice', text: 'Issued' });
      expect(fake.sent[0]).toMatchObject({ from: 'Example Video <no-reply@video.example.com>', to: ['owner@tenant.example'], tags: [{ Name: 'kind', Value: 'billing-notice' }] });
      await expect(sesSender(fake, 'no-reply@elsewhere.example').send({ kind: 'billing-notice', to: 'owner@tenant.example', subject: 'Invoice', text: 'Issued' })).rejects.toMatchObject({
        name: 'MessageRejected',
      });
    } finally {
      await fake.close();
    }
  });

  it('refuses before sending what SES would refuse: not an address, or more than 40 MB', async () => {
    const fake = await FakeSes.start({ [IDENTITY_ARN]: 'video.example.com' });
    try {
      await expect(sesSender(fake).send({ kind: 'admin-invitation', to: 'not an address', subject: 'Join', text: 'Hello' })).rejects.toThrow(
        '"not an address" is not an email address SES can send to.',
      );
      await expect(sesSender(fake).send({ kind: 'admin-invitation', to: 'a@b.example', subject: 'Join', text: 'x'.repeat(31 * 1024 * 1024) })).rejects.toThrow(/larger than SES's 40 MB limit/);
      expect(fake.sent).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
