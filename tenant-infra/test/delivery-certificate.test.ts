import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { TenantStack } from '../src/stacks/tenant-stack.js';
import { tenantStackProps } from '../src/tenant-stack-props.js';
import { TENANT_OUTPUTS, parseTenantOutputs } from '../src/tenant-outputs.js';
import type { TenantConfig } from '../src/infra-config.js';
import { infraConfig, only, ref, resources, synth, tenant, type Synth } from './fixtures.js';

const config = infraConfig();
const cell = config.cells[0]!;
const DOMAIN = 'video.tenant-1.example';

function tenantSynth(overrides: Partial<TenantConfig> = {}): Synth {
  return synth(new TenantStack(Testing.app(), 'tenant', tenantStackProps(config, tenant(1, overrides), cell)));
}

type Providers = { aws: Record<string, unknown>[] };
const providers = (stack: Synth) => (stack as unknown as { provider: Providers }).provider.aws;

describe('TenantStack custom delivery domain', () => {
  const requested = tenantSynth({ customDomain: { domainName: DOMAIN, attach: false } });
  const issued = tenantSynth({ customDomain: { domainName: DOMAIN, attach: true } });

  it('requests an ACM certificate for the domain in us-east-1, validated through DNS', () => {
    const certificate = only(requested, 'aws_acm_certificate');
    expect(certificate).toMatchObject({ domain_name: DOMAIN, validation_method: 'DNS', provider: 'aws.us-east-1' });
    const certificatesProvider = providers(requested).find((provider) => provider.alias === 'us-east-1');
    expect(certificatesProvider).toMatchObject({ region: 'us-east-1', allowed_account_ids: [cell.accountId] });
  });

  it('leaves the distribution on its own domain until the certificate is issued', () => {
    const distribution = only(requested, 'aws_cloudfront_distribution');
    expect(distribution.aliases).toBeUndefined();
    expect(distribution.viewer_certificate).toEqual({ cloudfront_default_certificate: true });
    expect(requested.output[TENANT_OUTPUTS.customDomainAttached]?.value).toBe('false');
  });

  it('adds the alias and the issued certificate (SNI, TLS 1.2) on the second apply', () => {
    const distribution = only(issued, 'aws_cloudfront_distribution');
    expect(distribution.aliases).toEqual([DOMAIN]);
    expect(distribution.viewer_certificate).toEqual({ acm_certificate_arn: ref(issued, 'aws_acm_certificate', 'arn'), ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' });
    expect(issued.output[TENANT_OUTPUTS.customDomainAttached]?.value).toBe('true');
  });

  it("outputs the certificate and its DNS validation records for the tenant's portal", () => {
    expect(requested.output[TENANT_OUTPUTS.customDomainCertificateArn]?.value).toBe(ref(requested, 'aws_acm_certificate', 'arn'));
    expect(String(requested.output[TENANT_OUTPUTS.customDomainValidationRecords]?.value)).toContain('domain_validation_options');
  });

  it('keeps the delivery domain output on the distribution: playback moves to the custom domain only once its DNS points there', () => {
    expect(issued.output[TENANT_OUTPUTS.deliveryDomain]?.value).toBe(ref(issued, 'aws_cloudfront_distribution', 'domain_name'));
  });

  it('keeps the us-east-1 provider without a custom domain, so removing one can still destroy its certificate', () => {
    const without = tenantSynth();
    expect(resources(without, 'aws_acm_certificate')).toEqual({});
    expect(providers(without).some((provider) => provider.alias === 'us-east-1')).toBe(true);
    expect(without.output[TENANT_OUTPUTS.customDomainCertificateArn]).toBeUndefined();
  });
});

describe('parseTenantOutputs with a custom domain', () => {
  const base = Object.fromEntries(
    [
      'media_bucket_name',
      'distribution_id',
      'distribution_domain_name',
      'delivery_domain',
      'key_group_id',
      'viewer_pool_id',
      'viewer_pool_client_id',
      'viewer_pool_domain',
      'mediaconvert_role_arn',
    ].map((name) => [name, { value: `${name}-value` }]),
  );
  const outputs = { ...base, cloudfront_key_ids: { value: '{"K1":"KCF1"}' } };

  it('reads the certificate, its validation CNAMEs (as terraform output -json prints them) and whether it is attached', () => {
    const parsed = parseTenantOutputs({
      ...outputs,
      custom_domain_certificate_arn: { value: 'arn:aws:acm:us-east-1:111111111111:certificate/12345678-1234-1234-1234-123456789012' },
      custom_domain_validation_records: {
        value: JSON.stringify([
          {
            domain_name: DOMAIN,
            resource_record_name: '_3639ac514e785e898d2646601fa951d5.video.tenant-1.example.',
            resource_record_type: 'CNAME',
            resource_record_value: '_98d2646601fa951d53639ac514e785e8.acm-validations.aws.',
          },
        ]),
      },
      custom_domain_attached: { value: 'false' },
    });
    expect(parsed.customDomain).toEqual({
      certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/12345678-1234-1234-1234-123456789012',
      validationRecords: [{ name: '_3639ac514e785e898d2646601fa951d5.video.tenant-1.example.', type: 'CNAME', value: '_98d2646601fa951d53639ac514e785e8.acm-validations.aws.' }],
      attached: false,
    });
  });

  it('has no custom domain when the stack has none', () => {
    expect(parseTenantOutputs(outputs).customDomain).toBeUndefined();
  });
});
