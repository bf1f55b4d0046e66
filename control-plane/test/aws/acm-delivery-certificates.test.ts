// The ACM adapter reads a certificate's state through the real SDK, from DescribeCertificate answers shaped as the
// ACM API Reference documents them (https://docs.aws.amazon.com/acm/latest/APIReference/API_DescribeCertificate.html:
// Response Syntax; statuses and failure reasons from API_CertificateDetail.html), served by a local stand-in.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACMClient } from '@aws-sdk/client-acm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcmDeliveryCertificates } from '../../src/adapters/aws/acm-delivery-certificates.js';

const ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/12345678-1234-1234-1234-123456789012';

/** A DescribeCertificate answer for a DNS-validated certificate requested by the tenant's stack. */
function describeAnswer(status: string, extra: Record<string, unknown> = {}) {
  return {
    Certificate: {
      CertificateArn: ARN,
      CreatedAt: 1733486400,
      DomainName: 'video.acme.example',
      SubjectAlternativeNames: ['video.acme.example'],
      DomainValidationOptions: [
        {
          DomainName: 'video.acme.example',
          ValidationDomain: 'video.acme.example',
          ValidationMethod: 'DNS',
          ValidationStatus: status === 'ISSUED' ? 'SUCCESS' : status === 'PENDING_VALIDATION' ? 'PENDING_VALIDATION' : 'FAILED',
          ResourceRecord: { Name: '_3639ac514e785e898d2646601fa951d5.video.acme.example.', Type: 'CNAME', Value: '_98d2646601fa951d53639ac514e785e8.acm-validations.aws.' },
        },
      ],
      InUseBy: [],
      KeyAlgorithm: 'RSA-2048',
      Status: status,
      Type: 'AMAZON_ISSUED',
      RenewalEligibility: 'INELIGIBLE',
      Options: { CertificateTransparencyLoggingPreference: 'ENABLED' },
      ...extra,
    },
  };
}

let answer: unknown;
const requests: { target: string | undefined; body: unknown }[] = [];
const acm = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    requests.push({ target: request.headers['x-amz-target'] as string | undefined, body: JSON.parse(body) as unknown });
    response.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answer));
  });
});
let client: ACMClient;
let certificates: AcmDeliveryCertificates;

beforeAll(async () => {
  await new Promise<void>((resolve) => acm.listen(0, '127.0.0.1', resolve));
  client = new ACMClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${(acm.address() as AddressInfo).port}`, credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' } });
  certificates = new AcmDeliveryCertificates(async () => client);
});
afterAll(async () => {
  client?.destroy();
  await new Promise((resolve) => acm.close(resolve));
});

describe('ACM delivery certificates', () => {
  it('asks DescribeCertificate for the certificate of the tenant', async () => {
    answer = describeAnswer('PENDING_VALIDATION');
    expect(await certificates.describe('tenant-1', ARN)).toEqual({ status: 'pending' });
    expect(requests.at(-1)).toEqual({ target: 'CertificateManager.DescribeCertificate', body: { CertificateArn: ARN } });
  });

  it('reports an issued certificate', async () => {
    answer = describeAnswer('ISSUED', { IssuedAt: 1733490000, Issuer: 'Amazon', NotAfter: 1767000000, NotBefore: 1733400000 });
    expect(await certificates.describe('tenant-1', ARN)).toEqual({ status: 'issued' });
  });

  it("reports a failure with ACM's FailureReason, or the status that ended the request", async () => {
    answer = describeAnswer('FAILED', { FailureReason: 'CAA_ERROR' });
    expect(await certificates.describe('tenant-1', ARN)).toEqual({ status: 'failed', failureCode: 'CAA_ERROR' });
    answer = describeAnswer('VALIDATION_TIMED_OUT');
    expect(await certificates.describe('tenant-1', ARN)).toEqual({ status: 'failed', failureCode: 'VALIDATION_TIMED_OUT' });
  });
});
