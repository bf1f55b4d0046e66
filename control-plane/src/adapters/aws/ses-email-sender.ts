// The aws shape's EmailSender: Amazon SES v2 SendEmail, from the verified identity of the cell the tenant lives in (the
// same identity its viewer pool sends through: infra.json's cells[].email, docs/aws-email.md). Platform mail, which
// concerns no tenant, goes out through the first cell's.
//
// What SES refuses, refused here first with the reason ("SendEmail", Amazon SES API v2 Reference,
// https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html, and "Service quotas in Amazon SES",
// https://docs.aws.amazon.com/ses/latest/dg/quotas.html): at most 50 recipients per message (we send one each), a
// message of at most 40 MB after encoding, and an address of the form UserName@[SubDomain.]Domain.TopLevelDomain.
// Email tags take only ASCII letters, digits, underscores and dashes (MessageTag, same reference).
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailMessage, EmailSender } from '../../ports.js';

/** SES v2's message size quota: 40 MB, counted after MIME encoding (base64 grows text by a third). */
export const SES_MAX_MESSAGE_BYTES = 40 * 1024 * 1024;
const ENCODING_GROWTH = 4 / 3;
const ADDRESS = /^[^\s@<>]+@[^\s@<>.]+(?:\.[^\s@<>.]+)+$/;

export interface SesIdentity {
  client: SESv2Client;
  /** The From header: an address of the identity, optionally with a display name. */
  from: string;
  identityArn: string;
}

export class SesEmailSender implements EmailSender {
  constructor(private readonly identityFor: (tenantId: string | undefined) => Promise<SesIdentity>) {}

  async send(message: EmailMessage): Promise<void> {
    if (!ADDRESS.test(message.to)) throw new Error(`"${message.to}" is not an email address SES can send to.`);
    const size = (Buffer.byteLength(message.subject) + Buffer.byteLength(message.text) + Buffer.byteLength(message.html ?? '')) * ENCODING_GROWTH;
    if (size > SES_MAX_MESSAGE_BYTES) throw new Error(`The "${message.kind}" message to ${message.to} is larger than SES's 40 MB limit.`);
    const identity = await this.identityFor(message.tenantId);
    await identity.client.send(
      new SendEmailCommand({
        FromEmailAddress: identity.from,
        FromEmailAddressIdentityArn: identity.identityArn,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' }, ...(message.html ? { Html: { Data: message.html, Charset: 'UTF-8' } } : {}) },
          },
        },
        EmailTags: [{ Name: 'kind', Value: message.kind }],
      }),
    );
  }
}
