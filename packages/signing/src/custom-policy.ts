import { parseCidr } from './cidr.js';

export interface CustomPolicyInput {
  /** URL or URL pattern (`*` any run, `?` one character), e.g. `https://cdn.example.com/t/acme/v/42/*`. */
  resource: string;
  expiresAt: Date;
  notBefore?: Date;
  /** CIDR (`203.0.113.0/24`, `2001:db8::/32`) or a single address. */
  ipAddress?: string;
}

/** The policy JSON CloudFront expects, byte for byte what gets signed and base64-encoded. */
export function buildCustomPolicy(input: CustomPolicyInput): string {
  // Rounded inwards, so the grant never lasts longer or starts earlier than asked.
  const lessThan = Math.floor(epochMilliseconds(input.expiresAt, 'expiresAt') / 1000);
  const greaterThan = input.notBefore === undefined ? undefined : Math.ceil(epochMilliseconds(input.notBefore, 'notBefore') / 1000);
  return policyJson(input.resource, lessThan, greaterThan, input.ipAddress === undefined ? undefined : normaliseCidr(input.ipAddress));
}

/**
 * Keys in the order AWS's own signer writes them. The canned policy CloudFront reconstructs from
 * `Expires` is this with only DateLessThan, so its bytes must match exactly.
 */
export function policyJson(resource: string, dateLessThan: number, dateGreaterThan?: number, sourceIp?: string): string {
  const condition: Record<string, Record<string, number | string>> = { DateLessThan: { 'AWS:EpochTime': dateLessThan } };
  if (dateGreaterThan !== undefined) condition['DateGreaterThan'] = { 'AWS:EpochTime': dateGreaterThan };
  if (sourceIp !== undefined) condition['IpAddress'] = { 'AWS:SourceIp': sourceIp };
  return JSON.stringify({ Statement: [{ Resource: resource, Condition: condition }] });
}

function epochMilliseconds(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

function normaliseCidr(text: string): string {
  const cidr = parseCidr(text);
  if (cidr === undefined) throw new RangeError(`ipAddress "${text}" is not an IP address or CIDR range`);
  return text.includes('/') ? text : `${text}/${cidr.prefixLength}`;
}
