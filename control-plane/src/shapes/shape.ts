// What a shape (local or aws) adds to the parts both share: its adapters, and everything else that differs between
// the two — HTTP routes, delivery logs, background loops, origins the portal fetches from. composition.ts picks one.
import { hkdfSync } from 'node:crypto';
import type { HttpRoute } from '../api/http-route.js';
import type { RuntimeConfig } from '../composition.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import type { DomainDeps } from '../domain/deps.js';
import type { DeliveryLogSources } from '../jobs/handlers/ingest-egress.js';
import type { BackgroundLoop } from '../jobs/run-worker.js';
import type { Clock, Logger } from '../ports.js';

export interface ShapeInput {
  config: RuntimeConfig;
  db: Db;
  secrets: SecretBox;
  clock: Clock;
  /** Where adapters report trouble they recover from (the aws shape's job events); nowhere when not given. */
  log?: Logger;
}

export interface Shape {
  adapters: Pick<DomainDeps, 'store' | 'transcoder' | 'signer' | 'identity' | 'provisioner' | 'email' | 'developmentInbox' | 'customDomains' | 'speechToText'>;
  routes: readonly HttpRoute[];
  deliveryLogs: DeliveryLogSources;
  backgroundLoops: readonly BackgroundLoop[];
  portalOrigins: readonly string[];
  close(): Promise<void>;
}

/** Distinct keys for distinct purposes, all derived from the one auth secret. */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `ott-cloud/${purpose}`, 32));
}
