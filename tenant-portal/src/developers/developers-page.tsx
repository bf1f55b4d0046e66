import { apiUrl } from '../api/api-url.js';
import { Link } from '../routing/link.js';
import { ApiKeysSection } from './api-keys-section.js';
import { CodeBlock } from './code-block.js';
import { NODE_CRYPTO_RECEIVER, NODE_SDK_RECEIVER, quickStarts } from './quick-starts.js';

/** Everything a developer needs to integrate from their own backend: keys, the reference, quick starts, webhook checks. */
export function DevelopersPage() {
  const origin = apiUrl();
  return (
    <section aria-labelledby="developers-title" className="developers">
      <h1 id="developers-title">Developers</h1>
      <p>
        The REST API lives at <code>{origin}/v1</code>. Read the{' '}
        <a href={`${origin}/v1/reference`} target="_blank" rel="noreferrer">
          API reference
        </a>{' '}
        (every route, its scope, its errors) or load the{' '}
        <a href={`${origin}/v1/openapi.json`} target="_blank" rel="noreferrer">
          OpenAPI 3.1 document
        </a>{' '}
        into your tools. Errors answer <code>{'{ "error": { "code", "message", "details" } }'}</code>; creates take an <code>Idempotency-Key</code> header; each key may make 600 requests a minute.
      </p>
      <ApiKeysSection />
      <h2>Quick starts</h2>
      <p className="hint">
        Each command has this workspace's API address filled in. Put your key in the environment first: <code>export OTT_API_KEY=ott_sk_…</code>
      </p>
      {quickStarts(origin).map((start) => (
        <section key={start.id} className="panel quick-start" aria-labelledby={`qs-${start.id}`}>
          <h3 id={`qs-${start.id}`}>{start.title}</h3>
          <p className="hint">{start.intro}</p>
          {start.snippets.map((snippet) => (
            <CodeBlock key={snippet.id} label={snippet.label} code={snippet.code} testId={snippet.id} />
          ))}
        </section>
      ))}
      <section className="panel quick-start" aria-labelledby="verify-title">
        <h2 id="verify-title">Verify webhook deliveries</h2>
        <p className="hint">
          Every delivery carries <code>webhook-id</code> (the event's id: the same on retries, so skip ids you have seen), <code>webhook-timestamp</code> and <code>webhook-signature</code> (the
          Standard Webhooks scheme). Check the signature over the raw body before acting on it, and refuse timestamps older than five minutes. During a secret rotation two signatures are sent; either
          one is enough. Endpoints, their delivery log, test events and replays are on the <Link to="/webhooks">Webhooks</Link> page.
        </p>
        <CodeBlock label="Node (node:crypto)" code={NODE_CRYPTO_RECEIVER} testId="verify-node-crypto" />
        <CodeBlock label="Node (@ott/node-sdk)" code={NODE_SDK_RECEIVER} testId="verify-node-sdk" />
      </section>
    </section>
  );
}
