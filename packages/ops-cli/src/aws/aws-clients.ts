// The AWS SDK clients the doctor uses. Production passes nothing: region per call, credentials from the SDK's default
// chain (profile, SSO, environment). Tests pass an endpoint and static credentials, so the real clients build and
// sign real requests that a local server answers with responses recorded from AWS's API reference.
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { STSClient } from '@aws-sdk/client-sts';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsClients {
  sts(region: string, credentials?: AwsCredentials): STSClient;
  iam(credentials?: AwsCredentials): IAMClient;
  serviceQuotas(region: string, credentials?: AwsCredentials): ServiceQuotasClient;
  s3(region: string): S3Client;
}

export interface AwsClientOptions {
  endpoint?: string;
  credentials?: AwsCredentials;
}

export function awsClients(options: AwsClientOptions = {}): AwsClients {
  const config = (region: string, credentials?: AwsCredentials) => ({
    region,
    maxAttempts: 2,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...((credentials ?? options.credentials) ? { credentials: credentials ?? options.credentials } : {}),
  });
  return {
    sts: (region, credentials) => new STSClient(config(region, credentials)),
    // IAM is global; its endpoint lives in us-east-1.
    iam: (credentials) => new IAMClient(config('us-east-1', credentials)),
    serviceQuotas: (region, credentials) => new ServiceQuotasClient(config(region, credentials)),
    s3: (region) => new S3Client({ ...config(region), followRegionRedirects: true, ...(options.endpoint ? { forcePathStyle: true } : {}) }),
  };
}
