// The TLS certificate of a tenant's custom delivery domain: an ACM certificate in us-east-1 (the only region
// CloudFront takes ACM certificates from), validated through DNS records the tenant adds at their DNS host.
// Terraform only requests it; the control plane reads its status from ACM and attaches it to the distribution
// with a second apply once ACM has issued it (CloudFront refuses an alias its certificate does not cover).
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate/index.js';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

/**
 * "To use an ACM certificate with Amazon CloudFront, you must request or import the certificate in the US East
 * (N. Virginia) region." — ACM User Guide, "Supported Regions", https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html
 */
export const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

export interface DeliveryCertificateProps {
  domainName: string;
  /** A provider in CLOUDFRONT_CERTIFICATE_REGION, in the cell's account. */
  provider: AwsProvider;
  tags: Record<string, string>;
}

export class DeliveryCertificate extends Construct {
  readonly certificate: AcmCertificate;

  constructor(scope: Construct, id: string, props: DeliveryCertificateProps) {
    super(scope, id);
    this.certificate = new AcmCertificate(this, 'certificate', {
      provider: props.provider,
      domainName: props.domainName,
      // DNS validation: the tenant adds one CNAME once and ACM renews by itself while it stays in place
      // (ACM User Guide, "DNS validation", https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html).
      validationMethod: 'DNS',
      // A replaced certificate (another domain) is created before the old one goes, so the distribution never
      // points at a deleted certificate.
      lifecycle: { createBeforeDestroy: true },
      tags: props.tags,
    });
  }

  /**
   * The CNAME records ACM checks, as JSON: [{ name, type, value }] from the certificate's
   * domain_validation_options (resource_record_name/type/value).
   */
  validationRecordsJson(): string {
    return Fn.jsonencode(this.certificate.domainValidationOptions);
  }
}
