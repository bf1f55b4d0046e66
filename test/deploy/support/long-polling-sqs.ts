// One SQS queue at the HTTP boundary, for the real @aws-sdk/client-sqs the worker polls with. The SDK (3.1169) speaks
// the AWS JSON 1.0 protocol: POST / with `X-Amz-Target: AmazonSQS.<Operation>` and a JSON body, answered in JSON
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-json.html).
// ReceiveMessage long-polls as SQS does: an empty queue holds the request up to WaitTimeSeconds and answers as soon as
// a message arrives (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html),
// so an idle worker sends a request every 20 s, not thousands, and a worker that stops must abandon a waiting poll.
// The SDK checks MD5OfBody against the body it receives.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LongPollingSqs {
  queueUrl: string;
  send(body: string): void;
  /** Operations received, in order (ReceiveMessage, DeleteMessage, …). */
  operations: string[];
  /** Receipt handles the client deleted. */
  deleted: string[];
  /** Long polls waiting for a message right now. */
  waiting(): number;
  close(): Promise<void>;
}

export async function startLongPollingSqs(queueName: string): Promise<LongPollingSqs> {
  const queue: { id: string; body: string }[] = [];
  const operations: string[] = [];
  const deleted: string[] = [];
  const polls = new Set<() => void>();
  const reply = (response: ServerResponse, status: number, body: unknown) => void response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0' }).end(JSON.stringify(body));
  const deliver = (response: ServerResponse, max: number) =>
    reply(response, 200, {
      Messages: queue.splice(0, max).map(({ id, body }) => ({ MessageId: id, ReceiptHandle: `receipt-${id}`, MD5OfBody: createHash('md5').update(body).digest('hex'), Body: body })),
    });

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const operation = String(request.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { QueueUrl?: string; MaxNumberOfMessages?: number; WaitTimeSeconds?: number; ReceiptHandle?: string };
      operations.push(operation);
      if (!input.QueueUrl?.endsWith(`/${queueName}`)) return reply(response, 400, { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' });
      if (operation === 'DeleteMessage') {
        deleted.push(String(input.ReceiptHandle));
        return reply(response, 200, {});
      }
      if (operation !== 'ReceiveMessage') return reply(response, 400, { __type: 'com.amazonaws.sqs#UnsupportedOperation', message: `${operation} is not part of this fake.` });
      const max = input.MaxNumberOfMessages ?? 1;
      if (queue.length > 0 || !input.WaitTimeSeconds) return deliver(response, max);
      const answer = () => {
        polls.delete(answer);
        clearTimeout(timer);
        if (!response.writableEnded) deliver(response, max);
      };
      const timer = setTimeout(answer, input.WaitTimeSeconds * 1000);
      polls.add(answer);
      response.on('close', () => {
        polls.delete(answer);
        clearTimeout(timer);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    queueUrl: `http://127.0.0.1:${port}/111111111111/${queueName}`,
    send(body) {
      queue.push({ id: randomUUID(), body });
      for (const answer of [...polls]) answer();
    },
    operations,
    deleted,
    waiting: () => polls.size,
    async close() {
      for (const answer of [...polls]) answer();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
