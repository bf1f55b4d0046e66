// What a tenant's stack carries of its custom delivery domain, from the domain's status in the control plane
// (tenant_custom_domains): the certificate from the request on, the alias once ACM has issued the certificate. A failed
// certificate is left out, so the next apply deletes it and asking again requests a new one.
export type CustomDomainStatus = 'requested' | 'awaiting-dns-validation' | 'issued' | 'active' | 'failed';

export function customDomainInStack(domainName: string | null | undefined, status: CustomDomainStatus | string | null | undefined): { domainName: string; attach: boolean } | undefined {
  if (!domainName || !status || status === 'failed') return undefined;
  return { domainName, attach: status === 'issued' || status === 'active' };
}
