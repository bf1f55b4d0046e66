// One tenant's infrastructure in its cell: media bucket, CDN, viewer pool, MediaConvert role, and the
// outputs the control plane reads after apply. One stack = one Terraform state = one tenant.
import { TerraformOutput, TerraformStack, Fn } from 'cdktf';
import type { Construct } from 'constructs';
import type { Cell } from '../cells.js';
import { DeliveryCdn, type PriceClass } from '../constructs/delivery-cdn.js';
import { CLOUDFRONT_CERTIFICATE_REGION, DeliveryCertificate } from '../constructs/delivery-certificate.js';
import { MediaBucket } from '../constructs/media-bucket.js';
import { MediaConvertAccess } from '../constructs/mediaconvert-access.js';
import { mediaConvertBoundaryArn } from '../constructs/tenant-deploy-role.js';
import { ViewerIdentity, type ViewerEmail } from '../constructs/viewer-identity.js';
import { mediaBucketName, tenantStateKey, viewerPoolDomainPrefix, viewerPoolName } from '../naming.js';
import { awsProvider, useS3State, type StateBackendConfig } from '../state-backend.js';
import { TENANT_OUTPUTS } from '../tenant-outputs.js';
import { mediaConvertQueueArn } from './cell-stack.js';

export type TenantPlan = 'free' | 'pro' | 'enterprise';

export interface TenantStackProps {
  tenantId: string;
  slug: string;
  plan: TenantPlan;
  /** The cell (account + region) the tenant was placed in. */
  cell: Pick<Cell, 'id' | 'accountId' | 'region' | 'deployRoleArn'>;
  namePrefix: string;
  /** The tenant's own sites: CORS on the CDN and the bucket, sign-in callbacks. */
  allowedOrigins: readonly string[];
  /** The platform's portal: uploads come from it. */
  portalOrigins: readonly string[];
  /** One key normally, two while rotating. */
  publicKeys: readonly { id: string; pem: string }[];
  /**
   * The tenant's own delivery host. Its certificate is requested as soon as it is set; the distribution takes it as
   * an alias only with `attach` (once ACM has issued the certificate: CloudFront rejects an alias whose certificate
   * is not valid).
   */
  customDomain?: { domainName: string; attach: boolean };
  geoRestriction?: { type: 'whitelist' | 'blacklist'; countries: readonly string[] };
  /** The platform's log bucket domain name (`<bucket>.s3.amazonaws.com`). */
  logBucketDomainName: string;
  state: StateBackendConfig;
  /** The cell's SES identity: viewer invitations go out through it. */
  viewerEmail: ViewerEmail;
  /** Set for offboarding: the applied stack can then be destroyed with its media and viewers (docs/aws-provisioning.md). */
  retiring?: boolean;
  /** The API's balancer for the store on the custom domain (once attached); see DeliveryCdn. */
  storeOrigin?: { originDomain: string; originVerifyValue: string };
}

const PRICE_CLASS: Record<TenantPlan, PriceClass> = { free: 'PriceClass_100', pro: 'PriceClass_200', enterprise: 'PriceClass_All' };

export class TenantStack extends TerraformStack {
  readonly bucket: MediaBucket;
  readonly cdn: DeliveryCdn;
  readonly identity: ViewerIdentity;
  readonly mediaConvert: MediaConvertAccess;
  readonly certificate: DeliveryCertificate | undefined;

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    super(scope, id);
    if (props.publicKeys.length < 1 || props.publicKeys.length > 2) {
      throw new Error(`Tenant ${props.tenantId} needs one playback public key, or two while rotating; got ${props.publicKeys.length}.`);
    }
    const tags = { 'ott:tenant': props.tenantId, 'ott:cell': props.cell.id, 'ott:plan': props.plan };
    useS3State(this, props.state, tenantStateKey(props.tenantId));
    awsProvider(this, 'aws', { region: props.cell.region, accountId: props.cell.accountId, deployRoleArn: props.cell.deployRoleArn, tags: { 'ott:managed-by': 'tenant-infra' } });
    // Declared whether or not the tenant has a custom domain: when one is removed, Terraform still needs this
    // provider to destroy the certificate it created through it.
    const certificates = awsProvider(
      this,
      'aws-certificates',
      { region: CLOUDFRONT_CERTIFICATE_REGION, accountId: props.cell.accountId, deployRoleArn: props.cell.deployRoleArn, tags: { 'ott:managed-by': 'tenant-infra' } },
      CLOUDFRONT_CERTIFICATE_REGION,
    );
    this.certificate = props.customDomain ? new DeliveryCertificate(this, 'delivery-certificate', { domainName: props.customDomain.domainName, provider: certificates, tags }) : undefined;
    const attached = props.customDomain?.attach && this.certificate ? { domainName: props.customDomain.domainName, certificateArn: this.certificate.certificate.arn } : undefined;

    // Viewers' sites get CloudFront CORS; the portal additionally uploads straight into the bucket.
    const viewerOrigins = props.allowedOrigins.length > 0 ? props.allowedOrigins : props.portalOrigins;
    this.bucket = new MediaBucket(this, 'media', {
      bucketName: mediaBucketName(props.namePrefix, props.tenantId),
      uploadOrigins: [...props.portalOrigins, ...props.allowedOrigins],
      tags,
      forceDestroy: props.retiring === true,
    });
    this.cdn = new DeliveryCdn(this, 'cdn', {
      tenantId: props.tenantId,
      namePrefix: props.namePrefix,
      bucket: this.bucket.bucket,
      publicKeys: props.publicKeys,
      allowedOrigins: viewerOrigins,
      ...(attached ? { customDomain: attached } : {}),
      ...(props.geoRestriction ? { geoRestriction: props.geoRestriction } : {}),
      logBucketDomainName: props.logBucketDomainName,
      priceClass: PRICE_CLASS[props.plan],
      tags,
      ...(attached && props.storeOrigin ? { store: { ...props.storeOrigin, host: attached.domainName } } : {}),
    });
    this.identity = new ViewerIdentity(this, 'viewers', {
      poolName: viewerPoolName(props.tenantId),
      domainPrefix: viewerPoolDomainPrefix(props.namePrefix, props.tenantId),
      callbackOrigins: props.allowedOrigins,
      tenantName: props.slug,
      email: props.viewerEmail,
      tags,
      retiring: props.retiring === true,
    });
    this.mediaConvert = new MediaConvertAccess(this, 'mediaconvert', {
      roleName: `${props.namePrefix}-mc-${props.tenantId}`.slice(0, 64),
      bucket: this.bucket.bucket,
      tenantId: props.tenantId,
      accountId: props.cell.accountId,
      queueArn: mediaConvertQueueArn(props.namePrefix, props.cell),
      permissionsBoundary: mediaConvertBoundaryArn(props.namePrefix, props.cell),
      tags,
    });

    const output = (name: string, value: string, description: string) => new TerraformOutput(this, name, { value, description });
    output(TENANT_OUTPUTS.bucketName, this.bucket.bucket.bucket, 'Media bucket');
    output(TENANT_OUTPUTS.distributionId, this.cdn.distribution.id, 'CloudFront distribution id');
    output(TENANT_OUTPUTS.distributionDomainName, this.cdn.distribution.domainName, 'CloudFront domain (dxxxx.cloudfront.net)');
    // The distribution's own host: the control plane switches playback to the custom domain only once its DNS points here.
    output(TENANT_OUTPUTS.deliveryDomain, this.cdn.distribution.domainName, 'Host viewers fetch HLS from until a custom domain is active');
    output(TENANT_OUTPUTS.keyGroupId, this.cdn.keyGroup.id, 'Trusted key group');
    output(
      TENANT_OUTPUTS.cloudfrontKeyIds,
      Fn.jsonencode(Object.fromEntries(this.cdn.publicKeys.map(({ ourId, key }) => [ourId, key.id]))),
      'Our key-pair id → CloudFront public key id (the Key-Pair-Id of signed grants)',
    );
    output(TENANT_OUTPUTS.viewerPoolId, this.identity.pool.id, 'Cognito user pool of viewers');
    output(TENANT_OUTPUTS.viewerPoolClientId, this.identity.client.id, 'App client of the viewer pool');
    output(TENANT_OUTPUTS.viewerPoolDomain, this.identity.domain.domain, 'Hosted sign-in domain prefix');
    output(TENANT_OUTPUTS.mediaConvertRoleArn, this.mediaConvert.role.arn, 'Role MediaConvert assumes for this tenant');
    if (this.certificate) {
      output(TENANT_OUTPUTS.customDomainCertificateArn, this.certificate.certificate.arn, 'ACM certificate (us-east-1) of the custom delivery domain');
      output(TENANT_OUTPUTS.customDomainValidationRecords, this.certificate.validationRecordsJson(), 'DNS records the tenant adds so ACM can validate the domain');
      output(TENANT_OUTPUTS.customDomainAttached, attached ? 'true' : 'false', 'Whether the distribution serves the custom domain (alias + certificate)');
    }
  }
}
