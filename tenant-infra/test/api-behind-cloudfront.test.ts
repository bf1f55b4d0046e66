// The API behind CloudFront (docs/aws-delivery.md, "The API behind CloudFront"): the viewer's country and address reach
// the API from CloudFront only, the load balancer admits only our distributions, and a tenant's custom domain serves
// its store (unsigned) next to its signed video.
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../src/constructs/origin-verify.js';
import { PlatformStack } from '../src/stacks/platform-stack.js';
import { TenantStack } from '../src/stacks/tenant-stack.js';
import { tenantStackProps } from '../src/tenant-stack-props.js';
import { PLATFORM_ACCOUNT, infraConfig, only, ref, resources, synth, tenant, type Synth } from './fixtures.js';

type Json = Record<string, unknown>;
const config = infraConfig({
  platform: {
    ...infraConfig().platform,
    apiDomain: 'api.ott.example',
    apiCertificateArn: `arn:aws:acm:eu-west-1:${PLATFORM_ACCOUNT}:certificate/00000000-0000-0000-0000-000000000000`,
    apiDistributionCertificateArn: `arn:aws:acm:us-east-1:${PLATFORM_ACCOUNT}:certificate/00000000-0000-0000-0000-000000000001`,
    apiOriginDomain: 'api-origin.ott.example',
  },
});
const platform = synth(new PlatformStack(Testing.app(), 'platform', config));
const dataOf = (stack: Synth, type: string): Record<string, Json> => (stack.data?.[type] ?? {}) as Record<string, Json>;
const dataRef = (stack: Synth, type: string, match: (data: Json) => boolean, attribute: string): string => {
  const entry = Object.entries(dataOf(stack, type)).find(([, data]) => match(data));
  if (!entry) throw new Error(`no ${type} data source matches`);
  return `\${data.${type}.${entry[0]}.${attribute}}`;
};
const verifyValue = dataRef(platform, 'aws_secretsmanager_secret_version', () => true, 'secret_string');

describe('the API distribution', () => {
  const distribution = only(platform, 'aws_cloudfront_distribution');
  const behaviour = distribution.default_cache_behavior as Json;

  it("forwards the viewer's country and address with everything the viewer sent, on every method, caching nothing", () => {
    const policy = only(platform, 'aws_cloudfront_origin_request_policy');
    expect(policy.headers_config).toEqual({ header_behavior: 'allViewerAndWhitelistCloudFront', headers: { items: ['CloudFront-Viewer-Country', 'CloudFront-Viewer-Address'] } });
    expect(policy.cookies_config).toEqual({ cookie_behavior: 'all' });
    expect(policy.query_strings_config).toEqual({ query_string_behavior: 'all' });
    expect(behaviour.origin_request_policy_id).toBe(ref(platform, 'aws_cloudfront_origin_request_policy', 'id'));
    expect(behaviour.cache_policy_id).toBe(dataRef(platform, 'aws_cloudfront_cache_policy', (data) => data.name === 'Managed-CachingDisabled', 'id'));
    expect(behaviour.allowed_methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']));
    expect(behaviour.trusted_key_groups).toBeUndefined();
  });

  it("answers on the API's name and reaches the balancer over HTTPS with the secret header", () => {
    expect(distribution.aliases).toEqual(['api.ott.example']);
    const [origin] = distribution.origin as Json[];
    expect(origin?.domain_name).toBe(ref(platform, 'aws_lb', 'dns_name'));
    expect((origin?.custom_origin_config as Json).origin_protocol_policy).toBe('https-only');
    expect(origin?.custom_header).toEqual(
      expect.arrayContaining([
        { name: ORIGIN_VERIFY_HEADER, value: verifyValue },
        { name: 'X-OTT-Forwarded-Host', value: 'api.ott.example' },
      ]),
    );
  });

  it('tells the API which headers to believe, and from its balancer only', () => {
    const api = Object.values(resources(platform, 'aws_ecs_task_definition')).find((task) => task.family === 'ott-test-api');
    const [container] = JSON.parse(String(api?.container_definitions)) as { environment: { name: string; value: string }[] }[];
    const environment = Object.fromEntries(container?.environment.map((entry) => [entry.name, entry.value]) ?? []);
    expect(environment).toMatchObject({
      OTT_VIEWER_COUNTRY_HEADER: 'CloudFront-Viewer-Country',
      OTT_CLIENT_ADDRESS_HEADER: 'CloudFront-Viewer-Address',
      OTT_FORWARDED_HOST_HEADER: 'X-OTT-Forwarded-Host',
      OTT_TRUSTED_PROXIES: ref(platform, 'aws_vpc', 'cidr_block'),
    });
  });
});

describe("the API's load balancer", () => {
  it("admits only CloudFront's origin-facing addresses, on its one listener's port", () => {
    const group = Object.values(resources(platform, 'aws_security_group')).find((candidate) => candidate.name === 'ott-test-alb');
    const prefixList = dataRef(platform, 'aws_ec2_managed_prefix_list', (data) => data.name === 'com.amazonaws.global.cloudfront.origin-facing', 'id');
    expect(group?.ingress).toEqual([expect.objectContaining({ from_port: 443, to_port: 443, protocol: 'tcp', prefix_list_ids: [prefixList] })]);
    expect(JSON.stringify(group?.ingress)).not.toContain('0.0.0.0/0');
  });

  it('answers 403 unless the request carries the secret header, which only our distributions send', () => {
    const listener = only(platform, 'aws_lb_listener');
    expect(listener).toMatchObject({ port: 443, protocol: 'HTTPS' });
    expect(listener.default_action).toEqual([expect.objectContaining({ type: 'fixed-response', fixed_response: expect.objectContaining({ status_code: '403' }) })]);
    const rule = only(platform, 'aws_lb_listener_rule');
    expect(rule.listener_arn).toBe(ref(platform, 'aws_lb_listener', 'arn'));
    expect(rule.condition).toEqual([{ http_header: { http_header_name: ORIGIN_VERIFY_HEADER, values: [verifyValue] } }]);
    expect(rule.action).toEqual([expect.objectContaining({ type: 'forward', target_group_arn: ref(platform, 'aws_lb_target_group', 'arn') })]);
  });

  it('keeps the secret out of the synthesised stack: generated during the apply, read back from Secrets Manager', () => {
    const secretId = Object.entries(resources(platform, 'aws_secretsmanager_secret')).find(([, secret]) => secret.name === 'ott-test/origin-verify')?.[0];
    expect(secretId).toBeDefined();
    const ephemeral = (platform as Synth & { ephemeral?: Record<string, Record<string, Json>> }).ephemeral;
    expect(ephemeral?.aws_secretsmanager_random_password?.origin_verify).toMatchObject({ password_length: 43, exclude_punctuation: true });
    const version = Object.values(resources(platform, 'aws_secretsmanager_secret_version')).find((candidate) => candidate.secret_id === `\${aws_secretsmanager_secret.${secretId}.id}`);
    expect(version).toMatchObject({ secret_string_wo: '${ephemeral.aws_secretsmanager_random_password.origin_verify.random_password}' });
    expect(version).not.toHaveProperty('secret_string');
    // The provisioner task gets it at start, for the tenant distributions it applies.
    const provisioner = Object.values(resources(platform, 'aws_ecs_task_definition')).find((task) => task.family === 'ott-test-provisioner');
    const [container] = JSON.parse(String(provisioner?.container_definitions)) as { secrets: { name: string; valueFrom: string }[] }[];
    expect(container?.secrets).toEqual([{ name: 'OTT_AWS_ORIGIN_VERIFY', valueFrom: `\${aws_secretsmanager_secret.${secretId}.arn}` }]);
  });
});

describe("a tenant's distribution with its custom domain attached", () => {
  const props = tenantStackProps(config, tenant(1, { customDomain: { domainName: 'video.tenant-1.example', attach: true } }), config.cells[0]!, 'the-secret-value');
  const stack = synth(new TenantStack(Testing.app(), 'tenant', props));
  const distribution = only(stack, 'aws_cloudfront_distribution');
  const ordered = distribution.ordered_cache_behavior as Json[];
  const keyGroup = [ref(stack, 'aws_cloudfront_key_group', 'id')];

  it("sends the store's paths, unsigned and uncached, to the API's balancer, naming the tenant's domain", () => {
    const store = ordered.filter((behaviour) => behaviour.target_origin_id === 'api');
    expect(store.map((behaviour) => behaviour.path_pattern)).toEqual(['/store/*', '/store-assets/*', '/sdk/*']);
    for (const behaviour of store) {
      expect(behaviour.trusted_key_groups).toBeUndefined();
      expect(behaviour.cache_policy_id).toBe(dataRef(stack, 'aws_cloudfront_cache_policy', (data) => data.name === 'Managed-CachingDisabled', 'id'));
      expect(behaviour.origin_request_policy_id).toBe(dataRef(stack, 'aws_cloudfront_origin_request_policy', (data) => data.name === 'Managed-AllViewerExceptHostHeader', 'id'));
    }
    const origin = (distribution.origin as Json[]).find((candidate) => candidate.origin_id === 'api');
    expect(origin?.domain_name).toBe('api-origin.ott.example');
    expect((origin?.custom_origin_config as Json).origin_protocol_policy).toBe('https-only');
    expect(origin?.custom_header).toEqual([
      { name: ORIGIN_VERIFY_HEADER, value: 'the-secret-value' },
      { name: 'X-OTT-Forwarded-Host', value: 'video.tenant-1.example' },
    ]);
  });

  it('still requires a signature from the trusted key group for every video path', () => {
    expect((distribution.default_cache_behavior as Json).trusted_key_groups).toEqual(keyGroup);
    expect((distribution.default_cache_behavior as Json).target_origin_id).toBe('media');
    const playlists = ordered.find((behaviour) => behaviour.path_pattern === '*.m3u8');
    expect(playlists).toMatchObject({ target_origin_id: 'media', trusted_key_groups: keyGroup });
  });

  it('routes no store before the domain is attached, nor without the secret header value', () => {
    for (const unattached of [
      tenantStackProps(config, tenant(2, { customDomain: { domainName: 'video.tenant-2.example', attach: false } }), config.cells[0]!, 'the-secret-value'),
      tenantStackProps(config, tenant(3, { customDomain: { domainName: 'video.tenant-3.example', attach: true } }), config.cells[0]!),
    ]) {
      const other = only(synth(new TenantStack(Testing.app(), 'tenant', unattached)), 'aws_cloudfront_distribution');
      expect(JSON.stringify(other)).not.toContain('/store/*');
      expect((other.origin as Json[]).map((origin) => origin.origin_id)).toEqual(['media']);
    }
  });
});

describe('the infrastructure configuration', () => {
  it('refuses a balancer certificate without the names CloudFront checks it against', () => {
    expect(() => infraConfig({ platform: { ...infraConfig().platform, apiDomain: 'api.ott.example', apiCertificateArn: `arn:aws:acm:eu-west-1:${PLATFORM_ACCOUNT}:certificate/x` } })).toThrow(
      /apiDistributionCertificateArn/,
    );
    expect(() => infraConfig({ platform: { ...infraConfig().platform, apiOriginDomain: 'api-origin.ott.example' } })).toThrow(/apiOriginDomain needs apiCertificateArn/);
  });
});
