// A small Amazon SES (API v2) at the HTTP boundary, for the real @aws-sdk/client-sesv2: SendEmail over REST-JSON
// (POST /v2/email/outbound-emails). It refuses what SES refuses, as SES names it ("SendEmail", Amazon SES API v2
// Reference, https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html; "Service quotas in Amazon
// SES", https://docs.aws.amazon.com/ses/latest/dg/quotas.html):
// - a From address of no verified identity, or not of the identity FromEmailAddressIdentityArn names: MessageRejected;
// - no recipient, or more than 50 across To, Cc and Bcc: BadRequestException;
// - simple content without a subject or a body: BadRequestException;
// - a message above 40 MB: MessageRejected;
// - an email tag name or value other than ASCII letters, digits, underscores and dashes (MessageTag): BadRequestException.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentThroughSes {
  from: string;
  to: string[];
  subject: string;
  text: string | undefined;
  html: string | undefined;
  tags: { Name: string; Value: string }[];
}

interface SendEmailBody {
  FromEmailAddress?: string;
  FromEmailAddressIdentityArn?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Content?: { Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string }; Html?: { Data?: string } } }; Raw?: unknown; Template?: unknown };
  EmailTags?: { Name: string; Value: string }[];
}

const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;
const TAG = /^[A-Za-z0-9_-]{1,256}$/;

export class FakeSes {
  readonly sent: SentThroughSes[] = [];

  private constructor(
    private readonly server: Server,
    /** Verified identities, by ARN: a domain or one address. */
    private readonly identities: Map<string, string>,
  ) {}

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  static async start(identities: Record<string, string>): Promise<FakeSes> {
    const fake: FakeSes = new FakeSes(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const refuse = (type: string, message: string) => {
            response.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': type });
            response.end(JSON.stringify({ message }));
          };
          if (request.method !== 'POST' || request.url !== '/v2/email/outbound-emails') return refuse('BadRequestException', `Not SendEmail: ${request.method} ${request.url}`);
          const size = chunks.reduce((total, chunk) => total + chunk.length, 0);
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SendEmailBody;
          const problem = fake.problemWith(body, size);
          if (problem) return refuse(problem.type, problem.message);
          const simple = body.Content?.Simple;
          const destination = body.Destination ?? {};
          fake.sent.push({
            from: body.FromEmailAddress ?? '',
            to: [...(destination.ToAddresses ?? []), ...(destination.CcAddresses ?? []), ...(destination.BccAddresses ?? [])],
            subject: simple?.Subject?.Data ?? '',
            text: simple?.Body?.Text?.Data,
            html: simple?.Body?.Html?.Data,
            tags: body.EmailTags ?? [],
          });
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ MessageId: randomUUID() }));
        });
      }),
      new Map(Object.entries(identities)),
    );
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  private problemWith(body: SendEmailBody, size: number): { type: string; message: string } | undefined {
    const address = (/<([^>]+)>$/.exec(body.FromEmailAddress ?? '')?.[1] ?? body.FromEmailAddress ?? '').toLowerCase();
    const named = body.FromEmailAddressIdentityArn ? this.identities.get(body.FromEmailAddressIdentityArn) : undefined;
    const candidates = body.FromEmailAddressIdentityArn ? (named ? [named] : []) : [...this.identities.values()];
    const domain = address.split('@')[1] ?? '';
    const verified = candidates.some((identity) => (identity.includes('@') ? identity === address : domain === identity || domain.endsWith(`.${identity}`)));
    if (!verified) return { type: 'MessageRejected', message: `Email address is not verified. The following identities failed the check: ${address}` };
    const destination = body.Destination ?? {};
    const recipients = (destination.ToAddresses?.length ?? 0) + (destination.CcAddresses?.length ?? 0) + (destination.BccAddresses?.length ?? 0);
    if (recipients === 0 || recipients > 50) return { type: 'BadRequestException', message: `A message has 1 to 50 recipients; this one has ${recipients}.` };
    const simple = body.Content?.Simple;
    if (!simple || !simple.Subject?.Data || !(simple.Body?.Text?.Data ?? simple.Body?.Html?.Data)) return { type: 'BadRequestException', message: 'Simple content needs a subject and a body.' };
    if (size > MAX_MESSAGE_BYTES) return { type: 'MessageRejected', message: 'Message length is more than 40 MB.' };
    const badTag = (body.EmailTags ?? []).find((tag) => !TAG.test(tag.Name) || !TAG.test(tag.Value));
    if (badTag) return { type: 'BadRequestException', message: `Invalid tag ${badTag.Name}=${badTag.Value}: only ASCII letters, numbers, underscores and dashes.` };
    return undefined;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
