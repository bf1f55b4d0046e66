import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { LIFECYCLE } from '../src/constructs/media-bucket.js';
import { TenantStack } from '../src/stacks/tenant-stack.js';
import { tenantStackProps } from '../src/tenant-stack-props.js';
import { TENANT_OUTPUTS } from '../src/tenant-outputs.js';
import type { TenantConfig } from '../src/infra-config.js';
import { PUBLIC_KEY_PEM, infraConfig, only, ref, resources, synth, tenant, type Synth } from './fixtures.js';

const config = infraConfig();
const cell = config.cells[0]!;

function tenantSynth(overrides: Partial<TenantConfig> = {}): Synth {
  const app = Testing.app();
  return synth(new TenantStack(app, 'tenant', tenantStackProps(config, tenant(1, overrides), cell)));
}

type Json = Record<string, unknown>;
const statements = (policy: unknown): Json[] => (JSON.parse(String(policy)) as { Statement: Json[] }).Statement;

describe('TenantStack media bucket', () => {
  const stack = tenantSynth();

  it('is named from the deployment prefix and the tenant id', () => {
    expect(only(stack, 'aws_s3_bucket').bucket).toBe('ott-test-00000000-0000-4000-8000-000000000001');
  });

  it('is versioned, encrypted and blocks every kind of public access', () => {
    expect(only(stack, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(only(stack, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, bucket_key_enabled: true }]);
    expect(only(stack, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(only(stack, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  it("lets the portal and the tenant's sites PUT upload parts and read their ETag", () => {
    const [rule] = only(stack, 'aws_s3_bucket_cors_configuration').cors_rule as Json[];
    expect(rule?.allowed_origins).toEqual(['https://portal.ott.example', 'https://www.tenant-1.example']);
    expect(rule?.allowed_methods).toContain('PUT');
    expect(rule?.expose_headers).toEqual(['ETag']);
  });

  it('lets a page on any site PUT parts to presigned URLs (direct uploads), and nothing else', () => {
    const [, anywhere] = only(stack, 'aws_s3_bucket_cors_configuration').cors_rule as Json[];
    expect(anywhere).toMatchObject({ allowed_origins: ['*'], allowed_methods: ['PUT'], expose_headers: ['ETag'] });
  });

  it('tiers sources to Infrequent Access at 30 days and Glacier Instant Retrieval at 90, and aborts unfinished multipart uploads after a day', () => {
    const rules = only(stack, 'aws_s3_bucket_lifecycle_configuration').rule as Json[];
    const sources = rules.find((rule) => rule.id === 'sources-tiering');
    expect(sources?.filter).toEqual([{ prefix: 'sources/' }]);
    expect(sources?.transition).toEqual([
      { days: 30, storage_class: 'STANDARD_IA' },
      { days: 90, storage_class: 'GLACIER_IR' },
    ]);
    const abort = rules.find((rule) => rule.id === 'abort-incomplete-multipart-uploads');
    expect(abort?.abort_incomplete_multipart_upload).toEqual([{ days_after_initiation: LIFECYCLE.abortIncompleteUploadsDays }]);
    // The backstop of the control plane's own expiry (OTT_UPLOAD_EXPIRY_HOURS, 24 by default): S3 fires it 24 to 48 h
    // after initiation (it rounds up to midnight UTC), so never before an upload the control plane still accepts.
    expect(LIFECYCLE.abortIncompleteUploadsDays).toBe(1);
    expect(rules.every((rule) => rule.status === 'Enabled')).toBe(true);
  });

  it('is never public: the bucket policy allows only CloudFront (for this distribution, on delivered media) and denies plain HTTP', () => {
    const policy = statements(only(stack, 'aws_s3_bucket_policy').policy);
    const allows = policy.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: `${ref(stack, 'aws_s3_bucket', 'arn')}/t/*` });
    expect(allows[0]?.Condition).toEqual({ StringEquals: { 'AWS:SourceArn': ref(stack, 'aws_cloudfront_distribution', 'arn') } });
    expect(policy.find((statement) => statement.Sid === 'DenyInsecureTransport')).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(resources(stack, 'aws_s3_bucket_acl')).toEqual({});
  });
});

describe('TenantStack CDN', () => {
  const stack = tenantSynth();
  const distribution = only(stack, 'aws_cloudfront_distribution');
  const behaviours = [distribution.default_cache_behavior as Json, ...(distribution.ordered_cache_behavior as Json[])];

  it('reads the bucket through Origin Access Control, signing every request', () => {
    expect(only(stack, 'aws_cloudfront_origin_access_control')).toMatchObject({ origin_access_control_origin_type: 's3', signing_behavior: 'always', signing_protocol: 'sigv4' });
    expect(distribution.origin).toEqual([
      { origin_id: 'media', domain_name: ref(stack, 'aws_s3_bucket', 'bucket_regional_domain_name'), origin_access_control_id: ref(stack, 'aws_cloudfront_origin_access_control', 'id') },
    ]);
  });

  it("serves HTTPS only, and only to requests signed with the tenant's key group", () => {
    for (const behaviour of behaviours) {
      expect(behaviour.viewer_protocol_policy).toBe('https-only');
      expect(behaviour.trusted_key_groups).toEqual([ref(stack, 'aws_cloudfront_key_group', 'id')]);
    }
    expect(only(stack, 'aws_cloudfront_public_key').encoded_key).toBe(`${PUBLIC_KEY_PEM}\n`);
  });

  it("caches playlists briefly and segments for long, through the cell's shared cache policies", () => {
    const policies = stack.data?.aws_cloudfront_cache_policy ?? {};
    expect(
      Object.values(policies)
        .map((policy) => policy.name)
        .sort(),
    ).toEqual(['ott-test-hls-playlists', 'ott-test-hls-segments']);
    const playlist = behaviours.find((behaviour) => behaviour.path_pattern === '*.m3u8');
    expect(String(playlist?.cache_policy_id)).toContain('playlists');
    expect(String((distribution.default_cache_behavior as Json).cache_policy_id)).toContain('segments');
  });

  it("answers CORS for the tenant's origins with credentials (cookie grants)", () => {
    const cors = only(stack, 'aws_cloudfront_response_headers_policy').cors_config as Json;
    expect(cors.access_control_allow_origins).toEqual({ items: ['https://www.tenant-1.example'] });
    expect(cors.access_control_allow_credentials).toBe(true);
    expect(behaviours.every((behaviour) => String(behaviour.response_headers_policy_id).includes('aws_cloudfront_response_headers_policy'))).toBe(true);
  });

  it("logs to the cell's log bucket under the tenant's prefix, for egress metering", () => {
    expect(distribution.logging_config).toEqual({ bucket: 'ott-test-cdn-logs-eu-1-111111111111.s3.amazonaws.com', prefix: 'cloudfront/00000000-0000-4000-8000-000000000001/', include_cookies: false });
  });

  it('keeps a web ACL the operator attached for a flat-rate plan across re-applies', () => {
    expect(distribution.lifecycle).toEqual({ ignore_changes: ['web_acl_id'] });
  });

  it('uses the CloudFront domain and no geo restriction by default', () => {
    expect(distribution.viewer_certificate).toEqual({ cloudfront_default_certificate: true });
    expect(distribution.aliases).toBeUndefined();
    expect(distribution.restrictions).toEqual({ geo_restriction: { restriction_type: 'none', locations: [] } });
  });

  it('takes a geo restriction from the props', () => {
    const custom = only(tenantSynth({ geoRestriction: { type: 'whitelist', countries: ['DE', 'FR'] } }), 'aws_cloudfront_distribution');
    expect(custom.restrictions).toEqual({ geo_restriction: { restriction_type: 'whitelist', locations: ['DE', 'FR'] } });
  });

  it('rotates keys by trusting a second public key in the same key group', () => {
    const rotating = tenantSynth({
      publicKeys: [
        { id: 'KNEWKEY0000001', pem: PUBLIC_KEY_PEM },
        { id: 'KOLDKEY0000001', pem: PUBLIC_KEY_PEM },
      ],
    });
    expect(Object.keys(resources(rotating, 'aws_cloudfront_public_key'))).toHaveLength(2);
    expect((only(rotating, 'aws_cloudfront_key_group').items as string[]).length).toBe(2);
    expect(String(rotating.output[TENANT_OUTPUTS.cloudfrontKeyIds]?.value)).toMatch(/KNEWKEY0000001.*KOLDKEY0000001/);
  });

  it('refuses a stack with no key, or with more than two', () => {
    expect(() => tenantSynth({ publicKeys: [] })).toThrow(/one playback public key, or two while rotating/);
    const key = { id: 'KX00000000001', pem: PUBLIC_KEY_PEM };
    expect(() => tenantSynth({ publicKeys: [key, key, key] })).toThrow(/got 3/);
  });

  it('prices delivery by plan', () => {
    expect(distribution.price_class).toBe('PriceClass_200');
    expect(only(tenantSynth({ plan: 'free' }), 'aws_cloudfront_distribution').price_class).toBe('PriceClass_100');
  });
});

describe('TenantStack viewer identity', () => {
  const stack = tenantSynth();

  it('signs viewers in by e-mail, admin-invite only, with optional MFA and a password policy', () => {
    expect(only(stack, 'aws_cognito_user_pool')).toMatchObject({
      name: 'ott-viewers-00000000-0000-4000-8000-000000000001',
      username_attributes: ['email'],
      mfa_configuration: 'OPTIONAL',
      software_token_mfa_configuration: { enabled: true },
      admin_create_user_config: { allow_admin_create_user_only: true },
      password_policy: { minimum_length: 10, require_numbers: true, require_uppercase: true, require_lowercase: true },
    });
  });

  it('has a public app client (no secret) and a hosted-UI domain', () => {
    expect(only(stack, 'aws_cognito_user_pool_client')).toMatchObject({ generate_secret: false, prevent_user_existence_errors: 'ENABLED' });
    expect(String(only(stack, 'aws_cognito_user_pool_domain').domain)).toMatch(/^ott-test-viewers-/);
  });
});

describe('TenantStack MediaConvert access (least privilege)', () => {
  const stack = tenantSynth();
  const role = only(stack, 'aws_iam_role');
  const policy = statements(only(stack, 'aws_iam_role_policy').policy);

  it("is assumable by MediaConvert only for jobs in this cell's queue, with the two condition keys MediaConvert documents", () => {
    expect(statements(role.assume_role_policy)).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'mediaconvert.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': 'arn:aws:mediaconvert:eu-west-1:111111111111:queues/ott-test-eu-1' } },
      },
    ]);
  });

  it("touches only this tenant's bucket: reads its own sources, writes staging, no wildcard actions", () => {
    const bucketArn = ref(stack, 'aws_s3_bucket', 'arn');
    for (const statement of policy) {
      const targets = [statement.Resource].flat() as string[];
      expect(targets.every((target) => target === bucketArn || target.startsWith(`${bucketArn}/`))).toBe(true);
      expect([statement.Action].flat().every((action) => typeof action === 'string' && !action.includes('*'))).toBe(true);
    }
    // Reads only `sources/{tenantId}/`: never the delivered renditions under `t/`, whatever a job's input names.
    const reads = policy.filter((statement) => [statement.Action].flat().some((action) => typeof action === 'string' && action.startsWith('s3:GetObject')));
    expect(reads).toEqual([{ Sid: 'ReadSources', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${bucketArn}/sources/${tenant(1).id}/*` }]);
    expect(policy.find((statement) => statement.Sid === 'WriteStaging')).toMatchObject({ Action: ['s3:PutObject'], Resource: `${bucketArn}/staging/*` });
    expect(JSON.stringify(policy)).not.toMatch(/s3:::\*|"\*"/);
  });
});

describe('TenantStack state and outputs', () => {
  const stack = tenantSynth();

  it('keeps its own state in S3 with locking', () => {
    expect(stack.terraform.backend).toEqual({
      s3: { bucket: 'ott-test-state', key: 'tenants/00000000-0000-4000-8000-000000000001/terraform.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true },
    });
    expect(stack.terraform.required_version).toBe('>= 1.10.0');
  });

  it('outputs every value the control plane reads', () => {
    // The custom-domain outputs exist only in stacks with a custom domain (delivery-certificate.test.ts).
    expect(Object.keys(stack.output).sort()).toEqual(
      Object.values(TENANT_OUTPUTS)
        .filter((name) => !name.startsWith('custom_domain_'))
        .sort(),
    );
  });

  it("pins the provider to the cell's account and tags everything with the tenant", () => {
    const provider = (stack as unknown as { provider: { aws: Json[] } }).provider.aws[0];
    expect(provider).toMatchObject({ region: 'eu-west-1', allowed_account_ids: ['111111111111'] });
    expect(only(stack, 'aws_s3_bucket').tags).toMatchObject({ 'ott:tenant': '00000000-0000-4000-8000-000000000001', 'ott:cell': 'eu-1' });
  });

  it('matches the snapshot', () => {
    expect(stack).toMatchSnapshot();
  });
});
