// DeliveryCertificates on ACM: the status of a tenant's custom-domain certificate, read in us-east-1 of the tenant's
// cell account (where its stack requested it). Read-only: the control plane's role may only DescribeCertificate.
import { DescribeCertificateCommand, type ACMClient, type CertificateDetail } from '@aws-sdk/client-acm';
import type { CertificateState, DeliveryCertificates } from '../../ports.js';

export class AcmDeliveryCertificates implements DeliveryCertificates {
  constructor(private readonly clientFor: (tenantId: string) => Promise<ACMClient>) {}

  async describe(tenantId: string, certificateArn: string): Promise<CertificateState> {
    const client = await this.clientFor(tenantId);
    const { Certificate } = await client.send(new DescribeCertificateCommand({ CertificateArn: certificateArn }));
    if (!Certificate) throw new Error(`ACM described no certificate for ${certificateArn}`);
    return certificateState(Certificate);
  }
}

/**
 * ACM's Status: PENDING_VALIDATION | ISSUED | INACTIVE | EXPIRED | VALIDATION_TIMED_OUT | REVOKED | FAILED, with
 * FailureReason when FAILED (ACM API Reference, CertificateDetail: https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateDetail.html).
 */
export function certificateState(detail: CertificateDetail): CertificateState {
  switch (detail.Status) {
    case 'PENDING_VALIDATION':
      return { status: 'pending' };
    case 'ISSUED':
      return { status: 'issued' };
    case 'FAILED':
      return { status: 'failed', failureCode: detail.FailureReason ?? 'FAILED' };
    default:
      return { status: 'failed', failureCode: detail.Status ?? 'UNKNOWN' };
  }
}
