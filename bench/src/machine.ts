// What the numbers were measured on: they only mean something next to this.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  ffmpeg: string;
  postgres: string;
  date: string;
}

export function machineInfo(postgresVersion: string): MachineInfo {
  const version = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0]?.trim() ?? 'unknown';
    } catch {
      return 'not installed';
    }
  };
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    ffmpeg: version('ffmpeg', ['-version']).replace(/ Copyright.*/, ''),
    postgres: postgresVersion,
    date: new Date().toISOString(),
  };
}
