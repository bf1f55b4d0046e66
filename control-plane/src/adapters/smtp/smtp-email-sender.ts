// Mail through an SMTP server (OTT_SMTP_URL, e.g. smtp://user:pass@mail.example:587): the local shape's choice when
// someone wants real messages in a real mailbox. nodemailer speaks STARTTLS when the server offers it.
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailMessage, EmailSender } from '../../ports.js';

export class SmtpEmailSender implements EmailSender {
  readonly #transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.#transport = nodemailer.createTransport(url);
  }

  async send(message: EmailMessage): Promise<void> {
    await this.#transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      // Lets a mail filter (or a test's server) tell invitations from resets without reading the text.
      headers: { 'X-OTT-Email-Kind': message.kind },
    });
  }

  close(): void {
    this.#transport.close();
  }
}
