// SDK clients per cell. A cell is an account + region: its clients talk to that region, and in any account
// other than the platform's they act as the role the cell stack made for the control plane
// (`{prefix}-control-plane`), assumed through STS on first use and refreshed by the SDK before it expires.
// Nothing here touches the network until a request is sent.
import { ACMClient } from '@aws-sdk/client-acm';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import type { S3Client } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { CLOUDFRONT_CERTIFICATE_REGION, cellControlPlaneRoleName, type CellConfig } from '@ott/tenant-infra';
import { createS3Client } from './s3-client.js';

type Credentials = ReturnType<typeof fromTemporaryCredentials>;
type Identity = Awaited<ReturnType<Credentials>>;

/** Re-assume this long before the session ends, so no request goes out with credentials about to expire. */
const REFRESH_BEFORE_MS = 5 * 60_000;

export interface CellClientsOptions {
  cells: readonly CellConfig[];
  platformAccountId: string;
  namePrefix: string;
  /** Emulators hold one account each: with an S3 or Cognito endpoint, no role is assumed for that service. */
  endpoints?: { s3?: string; cognito?: string; sts?: string; sqs?: string; ses?: string };
}

interface CellEntry {
  cell: CellConfig;
  credentials: Credentials | undefined;
  s3?: S3Client;
  cognito?: CognitoIdentityProviderClient;
  mediaConvert?: MediaConvertClient;
  sqs?: SQSClient;
  acm?: ACMClient;
  ses?: SESv2Client;
  transcribe?: TranscribeClient;
}

export class CellClients {
  readonly #cells = new Map<string, CellEntry>();

  constructor(private readonly options: CellClientsOptions) {
    for (const cell of options.cells) this.#cells.set(cell.id, { cell, credentials: this.roleCredentials(cell) });
  }

  cell(cellId: string): CellConfig {
    return this.entry(cellId).cell;
  }

  s3(cellId: string): S3Client {
    const entry = this.entry(cellId);
    const endpoint = this.options.endpoints?.s3;
    entry.s3 ??= createS3Client({ region: entry.cell.region, ...(endpoint ? { endpoint } : credentialsOption(entry.credentials)) });
    return entry.s3;
  }

  cognito(cellId: string): CognitoIdentityProviderClient {
    const entry = this.entry(cellId);
    const endpoint = this.options.endpoints?.cognito;
    entry.cognito ??= new CognitoIdentityProviderClient({ region: entry.cell.region, ...(endpoint ? { endpoint } : credentialsOption(entry.credentials)) });
    return entry.cognito;
  }

  mediaConvert(cellId: string): MediaConvertClient {
    const entry = this.entry(cellId);
    // MediaConvert answers on its regional endpoint; the account-specific DescribeEndpoints lookup is no longer needed.
    entry.mediaConvert ??= new MediaConvertClient({ region: entry.cell.region, ...credentialsOption(entry.credentials) });
    return entry.mediaConvert;
  }

  /** The cell's own queues (its CloudFront log notices), reached as the cell's role like its buckets. */
  sqs(cellId: string): SQSClient {
    const entry = this.entry(cellId);
    const endpoint = this.options.endpoints?.sqs;
    entry.sqs ??= new SQSClient({ region: entry.cell.region, ...(endpoint ? { endpoint } : credentialsOption(entry.credentials)) });
    return entry.sqs;
  }

  /** ACM in us-east-1 of the cell's account: CloudFront takes certificates from there only (tenant-infra's delivery-certificate.ts). */
  acm(cellId: string): ACMClient {
    const entry = this.entry(cellId);
    entry.acm ??= new ACMClient({ region: CLOUDFRONT_CERTIFICATE_REGION, ...credentialsOption(entry.credentials) });
    return entry.acm;
  }

  /** SES v2 in the cell's account and region: where its verified sending identity is. */
  ses(cellId: string): SESv2Client {
    const entry = this.entry(cellId);
    const endpoint = this.options.endpoints?.ses;
    entry.ses ??= new SESv2Client({ region: entry.cell.region, ...(endpoint ? { endpoint } : credentialsOption(entry.credentials)) });
    return entry.ses;
  }

  /** Amazon Transcribe in the cell's account and region, beside the buckets it reads originals from and writes transcripts to. */
  transcribe(cellId: string): TranscribeClient {
    const entry = this.entry(cellId);
    entry.transcribe ??= new TranscribeClient({ region: entry.cell.region, ...credentialsOption(entry.credentials) });
    return entry.transcribe;
  }

  /** Where tokens of this cell's user pools say they come from (`iss` is `{issuerBase}/{poolId}`). */
  cognitoIssuerBase(cellId: string): string {
    return this.options.endpoints?.cognito ?? `https://cognito-idp.${this.entry(cellId).cell.region}.amazonaws.com`;
  }

  destroy(): void {
    for (const entry of this.#cells.values()) {
      entry.s3?.destroy();
      entry.cognito?.destroy();
      entry.mediaConvert?.destroy();
      entry.sqs?.destroy();
      entry.acm?.destroy();
      entry.ses?.destroy();
      entry.transcribe?.destroy();
    }
  }

  private entry(cellId: string): CellEntry {
    const entry = this.#cells.get(cellId);
    if (!entry) throw new Error(`Cell ${cellId} is not in the infrastructure configuration (OTT_AWS_INFRA_CONFIG lists ${[...this.#cells.keys()].join(', ')}).`);
    return entry;
  }

  private roleCredentials(cell: CellConfig): Credentials | undefined {
    if (cell.accountId === this.options.platformAccountId) return undefined;
    return shared(
      fromTemporaryCredentials({
        params: { RoleArn: `arn:aws:iam::${cell.accountId}:role/${cellControlPlaneRoleName(this.options.namePrefix)}`, RoleSessionName: `ott-control-plane-${cell.id}`, DurationSeconds: 3600 },
        clientConfig: { region: cell.region, ...(this.options.endpoints?.sts ? { endpoint: this.options.endpoints.sts } : {}) },
      }),
    );
  }
}

/** One role session per cell for all its clients (each SDK client would otherwise assume the role on its own). */
function shared(provider: Credentials): Credentials {
  let current: Promise<Identity> | undefined;
  const assume = () => {
    const pending = provider();
    pending.catch(() => (current = current === pending ? undefined : current));
    current = pending;
    return pending;
  };
  return async () => {
    const held = current ? await current.catch(() => undefined) : undefined;
    if (held && (!held.expiration || held.expiration.getTime() - Date.now() > REFRESH_BEFORE_MS)) return held;
    return assume();
  };
}

function credentialsOption(credentials: Credentials | undefined): { credentials?: Credentials } {
  return credentials ? { credentials } : {};
}
