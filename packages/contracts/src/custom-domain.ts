// A tenant's custom delivery domain (aws shape): what the portal shows and the one rule for the name, used by the
// API and by the portal's form. See docs/aws-custom-domains.md for the lifecycle.

/**
 * requested: the certificate is being requested (an apply of the tenant's stack);
 * awaiting-dns-validation: the tenant adds the validation CNAME records; ACM checks them;
 * issued: ACM issued the certificate; the distribution is given the domain, and the tenant points it at the distribution;
 * active: the domain resolves to the distribution: playback URLs use it;
 * failed: the certificate could not be issued (failureReason says why); removing and asking again starts over.
 */
export type CustomDomainStatus = 'requested' | 'awaiting-dns-validation' | 'issued' | 'active' | 'failed';

/** A record the tenant creates at their DNS host. */
export interface DnsRecordToCreate {
  /** certificate: proves ownership to the certificate authority; delivery: points the domain at the CDN. */
  purpose: 'certificate' | 'delivery';
  type: 'CNAME';
  name: string;
  value: string;
}

export interface CustomDomainView {
  domainName: string;
  status: CustomDomainStatus;
  /** The records to create now, in the order to create them (empty while the certificate is being requested). */
  records: DnsRecordToCreate[];
  /** Why the certificate failed, or what the last check found, in the tenant's words. */
  problem: string | null;
  /** When the worker last checked ACM and DNS (ISO 8601), null before the first check. */
  checkedAt: string | null;
}

/** Custom domains need the cloud platform's CDN; `reason` says so to the tenant when it is not there. */
export type CustomDomainAvailability = { available: true; domain: CustomDomainView | null } | { available: false; reason: string };

export type DeliveryDomainNameCheck = { domainName: string } | { problem: string };

const EXAMPLE = 'video.example.com';
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** Hosts that belong to the platform's providers, never to a tenant. */
const RESERVED_SUFFIXES = ['cloudfront.net', 'amazonaws.com', 'acm-validations.aws'];

/** The name as stored: lower case, no trailing dot; or what is wrong with it. */
export function checkDeliveryDomainName(entry: string): DeliveryDomainNameCheck {
  const name = entry.trim().toLowerCase().replace(/\.$/, '');
  const quoted = `"${entry.trim()}"`;
  if (name === '') return { problem: `Enter a domain name such as ${EXAMPLE}.` };
  if (/^[a-z]+:\/\//.test(name) || /[/:?#@]/.test(name)) return { problem: `${quoted} should be a host name only, such as ${EXAMPLE} (no https:// and no path).` };
  if (name.includes('*')) return { problem: `${quoted} has a wildcard: enter the one host name your viewers will use, such as ${EXAMPLE}.` };
  if (name.length > 253) return { problem: `${quoted} is longer than the 253 characters a domain name can have.` };
  const labels = name.split('.');
  if (labels.some((label) => !LABEL.test(label)) || /^\d+$/.test(labels.at(-1) ?? '')) {
    return { problem: `${quoted} is not a valid domain name: use letters, digits and hyphens between the dots, such as ${EXAMPLE}.` };
  }
  // A CNAME cannot sit at the top of a zone (RFC 1034 §3.6.2): the delivery domain must be a subdomain.
  if (labels.length < 3) return { problem: `${quoted} is a top-level domain of your site: use a subdomain such as video.${name}, which can point at our CDN.` };
  if (RESERVED_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`)))
    return { problem: `${quoted} is not a domain you own: use a subdomain of your own site, such as ${EXAMPLE}.` };
  return { domainName: name };
}
