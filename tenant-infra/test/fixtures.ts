// Shared inputs for the synth tests: a fixed key (snapshots stay stable) and a small configuration.
import { Testing } from 'cdktf';
import type { TerraformStack } from 'cdktf';
import { parseInfraConfig, type InfraConfig, type TenantConfig } from '../src/infra-config.js';

export const PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo
4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u
+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyeh
kd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ
0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdg
cKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbc
mwIDAQAB
-----END PUBLIC KEY-----`;

export const PLATFORM_ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '222222222222';

export function tenant(index: number, overrides: Partial<TenantConfig> = {}): TenantConfig {
  const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return {
    id,
    slug: `tenant-${index}`,
    plan: 'pro',
    allowedOrigins: [`https://www.tenant-${index}.example`],
    publicKeys: [{ id: `KTEST${String(index).padStart(10, '0')}`, pem: PUBLIC_KEY_PEM }],
    ...overrides,
  };
}

/** A cell's SES identity, verified in the cell's own account and region (infra-config.ts refuses any other). */
export function cellEmail(accountId: string, region: string): { sesIdentityArn: string; from: string } {
  return { sesIdentityArn: `arn:aws:ses:${region}:${accountId}:identity/video.example.com`, from: 'Example Video <no-reply@video.example.com>' };
}

export function infraConfig(overrides: Partial<InfraConfig> = {}): InfraConfig {
  return parseInfraConfig({
    namePrefix: 'ott-test',
    platform: { accountId: PLATFORM_ACCOUNT, region: 'eu-west-1', image: 'example/ott-cloud:test', portalOrigins: ['https://portal.ott.example'] },
    state: { bucket: 'ott-test-state', region: 'eu-west-1' },
    cells: [{ id: 'eu-1', accountId: PLATFORM_ACCOUNT, region: 'eu-west-1', email: cellEmail(PLATFORM_ACCOUNT, 'eu-west-1') }],
    ...overrides,
  });
}

/** The synthesised stack as JSON. */
export type Synth = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: unknown }>;
  terraform: Record<string, unknown>;
};

export function synth(stack: TerraformStack): Synth {
  return JSON.parse(Testing.synth(stack)) as Synth;
}

/** Every resource of one type, by construct id. */
export function resources(synthesised: Synth, type: string): Record<string, Record<string, unknown>> {
  return synthesised.resource[type] ?? {};
}

/** The only resource of a type (fails the test when there are several or none). */
export function only(synthesised: Synth, type: string): Record<string, unknown> {
  const all = Object.values(resources(synthesised, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0] as Record<string, unknown>;
}

/** The Terraform expression for an attribute of the only resource of `type`, e.g. `${aws_s3_bucket.x.arn}`. */
export function ref(synthesised: Synth, type: string, attribute: string): string {
  const ids = Object.keys(resources(synthesised, type));
  if (ids.length !== 1) throw new Error(`expected exactly one ${type}, found ${ids.length}`);
  return `\${${type}.${ids[0]}.${attribute}}`;
}
