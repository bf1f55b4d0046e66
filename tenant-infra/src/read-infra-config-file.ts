// Reads and validates the infrastructure configuration file, with messages that tell the operator what to do.
import { readFile } from 'node:fs/promises';
import { InfraConfigError } from './infra-config-error.js';
import { parseInfraConfig, type InfraConfig } from './infra-config.js';

export async function readInfraConfigFile(configPath: string): Promise<InfraConfig> {
  const text = await readFile(configPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      throw new InfraConfigError(
        `No infrastructure configuration at ${configPath}. Copy tenant-infra/infra.example.json to infra.json at the repository root and fill in your accounts, regions and cells (README, "Deploy to AWS"), or point OTT_INFRA_CONFIG at your file.`,
        { cause: error },
      );
    }
    throw new InfraConfigError(`The infrastructure configuration ${configPath} cannot be read (${error.code ?? error.message}).`, { cause: error });
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InfraConfigError(`${configPath} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseInfraConfig(value, configPath);
}
