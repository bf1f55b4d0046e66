// The only reader of process.env in ott-ops. Where infra.json is comes from tenant-infra's own reader
// (OTT_INFRA_CONFIG, relative to the repository root), so `ott-ops` and `cdktf synth` always read the same file.
import { readInfraEnv } from '@ott/tenant-infra';

export interface OpsEnv {
  infraConfigPath: string;
}

export function readOpsEnv(source: NodeJS.ProcessEnv = process.env): OpsEnv {
  return { infraConfigPath: readInfraEnv({ OTT_INFRA_CONFIG: source.OTT_INFRA_CONFIG }).configPath };
}
