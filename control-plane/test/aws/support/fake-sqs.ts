// A small SQS at the HTTP boundary for the real @aws-sdk/client-sqs (AWS JSON 1.0 protocol: POST /, the operation in
// `X-Amz-Target: AmazonSQS.<Operation>`). It keeps what the tests rely on from the SQS Developer Guide: at-least-once
// delivery, a received message invisible until deleted or until its visibility timeout passes (here: when the test
// says so), a new receipt handle on every receive, and MD5OfBody, which the SDK checks.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Message {
  id: string;
  body: string;
  receipt?: string;
  inFlight: boolean;
  receiveCount: number;
}

export interface FakeSqs {
  endpoint: string;
  createQueue(queueName: string): void;
  /** Sends as S3 would: the message lands at the end of the named queue. */
  send(queueName: string, body: string): void;
  /** Messages neither deleted nor in flight, plus those in flight. */
  depth(queueName: string): number;
  /** The visibility timeout passes: every message in flight may be received again. */
  expireVisibility(): void;
  /** The next `count` DeleteMessage calls fail as a dropped connection would (the worker dies before deleting). */
  failDeletes(count: number): void;
  operations: string[];
  close(): Promise<void>;
}

export async function startFakeSqs(): Promise<FakeSqs> {
  const queues = new Map<string, Message[]>();
  const operations: string[] = [];
  let failingDeletes = 0;
  const queue = (url: unknown) => {
    const name = typeof url === 'string' ? url.split('/').pop() : undefined;
    return name === undefined ? undefined : queues.get(name);
  };

  const server = createServer((request, response) => {
    void readJson(request).then((input) => {
      const operation = String(request.headers['x-amz-target'] ?? '').replace('AmazonSQS.', '');
      operations.push(operation);
      const messages = queue(input.QueueUrl);
      if (!messages) return reply(response, 400, { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' });
      if (operation === 'ReceiveMessage') {
        const max = typeof input.MaxNumberOfMessages === 'number' ? input.MaxNumberOfMessages : 1;
        const taken = messages.filter((message) => !message.inFlight).slice(0, max);
        for (const message of taken) {
          message.inFlight = true;
          message.receipt = randomUUID();
          message.receiveCount += 1;
        }
        return reply(response, 200, {
          Messages: taken.map((message) => ({ MessageId: message.id, ReceiptHandle: message.receipt, MD5OfBody: createHash('md5').update(message.body).digest('hex'), Body: message.body })),
        });
      }
      if (operation === 'DeleteMessage') {
        if (failingDeletes > 0) {
          failingDeletes -= 1;
          return void response.destroy();
        }
        const index = messages.findIndex((message) => message.receipt === input.ReceiptHandle);
        if (index >= 0) messages.splice(index, 1);
        return reply(response, 200, {});
      }
      return reply(response, 400, { __type: 'com.amazonaws.sqs#UnsupportedOperation', message: `${operation} is not faked.` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    createQueue(queueName) {
      if (!queues.has(queueName)) queues.set(queueName, []);
    },
    send(queueName, body) {
      const messages = queues.get(queueName);
      if (!messages) throw new Error(`No queue ${queueName}: create it first.`);
      messages.push({ id: randomUUID(), body, inFlight: false, receiveCount: 0 });
    },
    depth: (queueName) => queues.get(queueName)?.length ?? 0,
    expireVisibility() {
      for (const messages of queues.values()) for (const message of messages) message.inFlight = false;
    },
    failDeletes(count) {
      failingDeletes = count;
    },
    operations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0' }).end(JSON.stringify(body));
}
