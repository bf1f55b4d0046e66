// A small AWS at the HTTP boundary: the real SDK clients (pointed here by endpoint) send their real, signed requests;
// the test decides each answer, usually a response recorded from AWS's API reference (../fixtures). Every request is
// kept, with the service and region from its SigV4 credential scope, so tests can assert what the doctor asked.
import { createServer, type IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  service: string;
  region: string;
  method: string;
  path: string;
  /** Query-protocol Action (STS, IAM) or JSON target operation (Service Quotas); `HeadBucket` for S3 HEAD. */
  action: string;
  form: URLSearchParams;
  json: Record<string, unknown>;
}

export interface FakeResponse {
  status?: number;
  body?: string;
  contentType?: string;
}

export interface FakeAws {
  endpoint: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

export const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

export const xml = (body: string, status = 200): FakeResponse => ({ status, body, contentType: 'text/xml' });
export const json = (value: unknown, status = 200): FakeResponse => ({ status, body: JSON.stringify(value), contentType: 'application/x-amz-json-1.1' });
/** The Query API's error document (IAM API Reference, "Common Errors"). */
export const queryError = (code: string, message: string, status = 403): FakeResponse =>
  xml(
    `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ErrorResponse>`,
    status,
  );
/** JSON-protocol error as Service Quotas sends it: the type in `__type`. */
export const jsonError = (type: string, message: string): FakeResponse => json({ __type: type, Message: message }, 400);

export async function startFakeAws(answer: (request: FakeRequest) => FakeResponse): Promise<FakeAws> {
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '');
      const target = req.headers['x-amz-target'];
      const form = new URLSearchParams(typeof target === 'string' || req.method === 'HEAD' ? '' : body);
      const request: FakeRequest = {
        service: scope?.[2] ?? '',
        region: scope?.[1] ?? '',
        method: req.method ?? '',
        path: req.url ?? '',
        action: typeof target === 'string' ? (target.split('.')[1] ?? '') : req.method === 'HEAD' ? 'HeadBucket' : (form.get('Action') ?? ''),
        form,
        json: typeof target === 'string' && body ? (JSON.parse(body) as Record<string, unknown>) : {},
      };
      requests.push(request);
      const response = answer(request);
      res.writeHead(response.status ?? 200, { 'content-type': response.contentType ?? 'text/xml', 'x-amzn-requestid': '01234567-89ab-cdef-0123-456789abcdef' });
      res.end(req.method === 'HEAD' ? undefined : (response.body ?? ''));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The recorded SimulatePrincipalPolicy answer, one member per requested action in the recorded member's shape. */
export function simulationAnswer(request: FakeRequest, denied: ReadonlySet<string>): FakeResponse {
  const actions = [...request.form.entries()].filter(([key]) => key.startsWith('ActionNames.member.')).map(([, value]) => value);
  const members = actions
    .map(
      (action) =>
        `<member><MatchedStatements/><MissingContextValues/><EvalResourceName>*</EvalResourceName><EvalDecision>${denied.has(action) ? 'implicitDeny' : 'allowed'}</EvalDecision><EvalActionName>${action}</EvalActionName></member>`,
    )
    .join('');
  return xml(fixture('iam-simulate-principal-policy.xml').replace(/<EvaluationResults>[\s\S]*<\/EvaluationResults>/, `<EvaluationResults>${members}</EvaluationResults>`));
}
