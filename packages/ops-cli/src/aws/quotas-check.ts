// The quotas each cell's configuration counts on, against what its account actually has: the applied value
// (service-quotas:GetServiceQuota), else AWS's default (GetAWSDefaultServiceQuota) for a quota never changed.
// A configuration that counts on more than the account has would place tenants whose apply then fails.
import { GetAWSDefaultServiceQuotaCommand, GetServiceQuotaCommand, ListAWSDefaultServiceQuotasCommand, NoSuchResourceException, type ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { CellConfig, CellQuotas } from '@ott/tenant-infra';
import { ok, problem, warning, type CheckResult } from '../check-result.js';
import type { AwsClients, AwsCredentials } from './aws-clients.js';
import { CELL_QUOTA_CODES, type QuotaLocation } from './cell-quota-codes.js';

const CHECK = 'Service Quotas';
/** Where Service Quotas answers for global quotas (CloudFront) in the commercial partition. */
const GLOBAL_QUOTA_REGION = 'us-east-1';

interface AccountQuota {
  code: string;
  value: number;
  applied: boolean;
}

export async function checkCellQuotas(clients: AwsClients, cell: CellConfig, credentials?: AwsCredentials): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const global = clients.serviceQuotas(GLOBAL_QUOTA_REGION, credentials);
  const regional = clients.serviceQuotas(cell.region, credentials);
  for (const [key, location] of Object.entries(CELL_QUOTA_CODES) as [keyof CellQuotas, QuotaLocation][]) {
    const name = location.names[0] ?? key;
    const region = location.scope === 'global' ? GLOBAL_QUOTA_REGION : cell.region;
    const configured = cell.quotas[key];
    let quota: AccountQuota | undefined;
    try {
      quota = await accountQuota(location.scope === 'global' ? global : regional, location);
    } catch (error) {
      results.push(
        warning(
          CHECK,
          `cell ${cell.id}: cannot read "${name}" (${(error as Error).message})`,
          'Allow servicequotas:GetServiceQuota, GetAWSDefaultServiceQuota and ListAWSDefaultServiceQuotas, or compare by hand in the Service Quotas console.',
        ),
      );
      continue;
    }
    if (!quota) {
      results.push(
        warning(
          CHECK,
          `cell ${cell.id}: Service Quotas does not list "${name}" (${location.serviceCode}); infra.json counts on ${configured}`,
          `Check the value in the ${location.serviceCode} quotas page of the Service Quotas console (${region}) or with AWS Support, and set cells[${cell.id}].quotas.${key} to it.`,
        ),
      );
      continue;
    }
    const what = `cell ${cell.id}: "${name}" (${location.serviceCode} ${quota.code}) is ${quota.value} in account ${cell.accountId} (${quota.applied ? 'applied value' : 'AWS default'})`;
    if (configured > quota.value) {
      results.push(
        problem(
          CHECK,
          `${what}, but infra.json counts on ${configured}`,
          `Request the increase (aws service-quotas request-service-quota-increase --service-code ${location.serviceCode} --quota-code ${quota.code} --desired-value ${configured} --region ${region}) and wait for it, or set cells[${cell.id}].quotas.${key} to ${quota.value}.`,
        ),
      );
    } else if (configured < quota.value) {
      results.push(ok(CHECK, `${what}; infra.json counts on ${configured} (raise quotas.${key} to use the rest)`));
    } else results.push(ok(CHECK, what));
  }
  return results;
}

async function accountQuota(client: ServiceQuotasClient, location: QuotaLocation): Promise<AccountQuota | undefined> {
  const known = location.quotaCode ? await quotaByCode(client, location.serviceCode, location.quotaCode) : undefined;
  if (known) return known;
  const code = await codeByName(client, location);
  return code ? quotaByCode(client, location.serviceCode, code) : undefined;
}

async function quotaByCode(client: ServiceQuotasClient, ServiceCode: string, QuotaCode: string): Promise<AccountQuota | undefined> {
  try {
    const { Quota } = await client.send(new GetServiceQuotaCommand({ ServiceCode, QuotaCode }));
    if (Quota?.Value !== undefined) return { code: QuotaCode, value: Quota.Value, applied: true };
  } catch (error) {
    if (!(error instanceof NoSuchResourceException)) throw error;
  }
  try {
    const { Quota } = await client.send(new GetAWSDefaultServiceQuotaCommand({ ServiceCode, QuotaCode }));
    return Quota?.Value === undefined ? undefined : { code: QuotaCode, value: Quota.Value, applied: false };
  } catch (error) {
    if (error instanceof NoSuchResourceException) return undefined;
    throw error;
  }
}

async function codeByName(client: ServiceQuotasClient, location: QuotaLocation): Promise<string | undefined> {
  const wanted = new Set(location.names.map((name) => name.toLowerCase()));
  let token: string | undefined;
  do {
    const page = await client.send(new ListAWSDefaultServiceQuotasCommand({ ServiceCode: location.serviceCode, ...(token ? { NextToken: token } : {}) }));
    const match = page.Quotas?.find((quota) => wanted.has((quota.QuotaName ?? '').toLowerCase()));
    if (match?.QuotaCode) return match.QuotaCode;
    token = page.NextToken;
  } while (token);
  return undefined;
}
