// One measurement, in a process of its own (so its peak memory is its own): synthesise N tenant stacks into one
// CDKTF app, each placed in a cell the way provisioning places it (10 per cell with AWS's default quotas), and
// print a JSON line with the times and the peak RSS. Imports are deep (one module each, never the package
// index), as the control plane's provisioner loads them. Run by synth-measure.ts: `tsx scripts/synth-tenants.ts N`.
const started = performance.now();
const { generateKeyPairSync } = await import('node:crypto');
const { mkdtemp, rm } = await import('node:fs/promises');
const { tmpdir } = await import('node:os');
const path = await import('node:path');
const { App } = await import('cdktf');
const { cellUsage, placeTenant } = await import('../src/cells.js');
const { parseInfraConfig } = await import('../src/infra-config.js');
const { tenantStackName } = await import('../src/naming.js');
const { TenantStack } = await import('../src/stacks/tenant-stack.js');
const { tenantStackProps } = await import('../src/tenant-stack-props.js');
const imported = performance.now();

const tenants = Number(process.argv[2]);
if (!Number.isInteger(tenants) || tenants < 1) throw new Error('usage: synth-tenants.ts <number of tenants>');

const cellCount = Math.ceil(tenants / 10);
const config = parseInfraConfig({
  namePrefix: 'ott-bench',
  platform: { accountId: '100000000000', region: 'eu-west-1', image: 'example/ott-cloud:bench', portalOrigins: ['https://portal.example'] },
  state: { bucket: 'ott-bench-state', region: 'eu-west-1' },
  cells: Array.from({ length: cellCount }, (_, i) => {
    const accountId = String(300_000_000_000 + i);
    return { id: `cell-${i + 1}`, accountId, region: 'eu-west-1', email: { sesIdentityArn: `arn:aws:ses:eu-west-1:${accountId}:identity/example.com`, from: 'no-reply@example.com' } };
  }),
});
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const outdir = await mkdtemp(path.join(tmpdir(), 'ott-synth-'));

const synthStarted = performance.now();
const app = new App({ outdir });
const placed: { cellId: string; keys: number }[] = [];
for (let i = 1; i <= tenants; i += 1) {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const tenant = { id, slug: `tenant-${i}`, plan: 'pro' as const, allowedOrigins: [`https://www.tenant-${i}.example`], publicKeys: [{ id: `KBENCH${String(i).padStart(8, '0')}`, pem }] };
  const cell = placeTenant(config.cells, cellUsage(placed), { tenantId: id, keys: 1 });
  placed.push({ cellId: cell.id, keys: 1 });
  new TenantStack(app, tenantStackName(id), tenantStackProps(config, tenant, cell));
}
app.synth();
const synthMs = performance.now() - synthStarted;
await rm(outdir, { recursive: true, force: true });

// maxRSS is in kilobytes: the high-water mark of this whole process, imports included.
console.log(JSON.stringify({ tenants, importMs: imported - started, synthMs, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
