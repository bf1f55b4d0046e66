// Tenant stack synthesis at 100 tenants against 100 × one tenant, each size in fresh processes (the provisioner
// synthesises per tenant; `cdktf synth` does them all at once): growth must stay linear as cells fill up.
import { measureSynth } from '@ott/tenant-infra/synth-measure';
import { round, type Benchmark } from '../benchmark.js';

const TENANTS = 100;

export const synth: Benchmark = async (options) => {
  const rows = await measureSynth([1, 10, TENANTS], { runs: options.quick ? 1 : options.runs, log: options.log });
  const [single, ten, hundred] = rows;
  if (!single || !ten || !hundred) throw new Error('synth measured fewer sizes than it asked for');
  const reference = single.synthMs * TENANTS;
  const ratio = hundred.synthMs / reference;
  return {
    name: 'tenant stack synthesis',
    ours: { label: `synthesise ${TENANTS} tenant stacks, one process`, value: round(hundred.synthMs / 1000), unit: 's' },
    reference: { label: `1-tenant synthesis × ${TENANTS}`, value: round(reference / 1000), unit: 's' },
    ratio: round(ratio),
    target: 'linear (≤ 1.2× of N × 1-tenant)',
    met: ratio <= 1.2,
    notes: [
      `peak RSS ${round(single.peakRssMb, 0)} MB (1) / ${round(ten.peakRssMb, 0)} MB (10) / ${round(hundred.peakRssMb, 0)} MB (${TENANTS})`,
      `each tenant past 10 adds ${round(hundred.marginalMsPerTenant ?? 0, 0)} ms (1 tenant alone: ${round(single.synthMs, 0)} ms, warm-up included)`,
      `imports ${round(hundred.importMs / 1000)} s, excluded`,
    ],
    command: 'npm run bench -- synth',
  };
};
