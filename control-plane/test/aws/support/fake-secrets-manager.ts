// Secrets Manager at the HTTP boundary, for the real SDK: GetSecretValue over the JSON 1.1 protocol, answered in the
// shape of the API reference's example response (GetSecretValue, "Response Syntax"); an unknown secret gets its
// ResourceNotFoundException. Counts reads, so tests can tell how often the control plane asked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class FakeSecretsManager {
  readonly values = new Map<string, string>();
  reads = 0;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSecretsManager> {
    const fake: FakeSecretsManager = new FakeSecretsManager(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const reply = (status: number, body: unknown) => {
            response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
            response.end(JSON.stringify(body));
          };
          if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') return reply(400, { __type: 'UnknownOperationException' });
          const { SecretId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId: string };
          fake.reads += 1;
          const value = fake.values.get(SecretId);
          if (value === undefined) return reply(400, { __type: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." });
          reply(200, { ARN: SecretId, Name: SecretId.split(':').at(-1), SecretString: value, VersionId: `v${fake.reads}`, VersionStages: ['AWSCURRENT'], CreatedDate: 1_700_000_000 });
        });
      }),
    );
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
