import { parseCidr, type Cidr } from './cidr.js';

/** The one statement of a CloudFront policy, validated. */
export interface PolicyStatement {
  /** Absent means every object the key pair may sign for, as in CloudFront. */
  resource?: string;
  dateLessThan: number;
  dateGreaterThan?: number;
  sourceIp?: Cidr;
}

const conditionKeys = new Set(['DateLessThan', 'DateGreaterThan', 'IpAddress']);

/**
 * Undefined for anything CloudFront would not accept. Unknown keys are refused rather than
 * ignored: a condition the verifier skipped would silently widen the grant.
 */
export function parsePolicyStatement(json: string): PolicyStatement | undefined {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(document) || !hasOnlyKeys(document, ['Statement'])) return undefined;
  const statements = document['Statement'];
  if (!Array.isArray(statements) || statements.length !== 1) return undefined;
  const statement: unknown = statements[0];
  if (!isRecord(statement) || !hasOnlyKeys(statement, ['Resource', 'Condition'])) return undefined;
  const { Resource: resource, Condition: condition } = statement;
  if (resource !== undefined && typeof resource !== 'string') return undefined;
  if (!isRecord(condition) || Object.keys(condition).some((key) => !conditionKeys.has(key))) return undefined;

  const dateLessThan = epochTime(condition['DateLessThan']);
  if (dateLessThan === undefined) return undefined;
  const parsed: PolicyStatement = { dateLessThan };
  if (resource !== undefined) parsed.resource = resource;
  if ('DateGreaterThan' in condition) {
    const dateGreaterThan = epochTime(condition['DateGreaterThan']);
    if (dateGreaterThan === undefined) return undefined;
    parsed.dateGreaterThan = dateGreaterThan;
  }
  if ('IpAddress' in condition) {
    const sourceIp = sourceIpCidr(condition['IpAddress']);
    if (sourceIp === undefined) return undefined;
    parsed.sourceIp = sourceIp;
  }
  return parsed;
}

function epochTime(value: unknown): number | undefined {
  if (!isRecord(value) || !hasOnlyKeys(value, ['AWS:EpochTime'])) return undefined;
  const seconds = value['AWS:EpochTime'];
  return typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds >= 0 ? seconds : undefined;
}

function sourceIpCidr(value: unknown): Cidr | undefined {
  if (!isRecord(value) || !hasOnlyKeys(value, ['AWS:SourceIp'])) return undefined;
  const text = value['AWS:SourceIp'];
  return typeof text === 'string' ? parseCidr(text) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(record: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(record).every((key) => allowed.includes(key));
}
