// One list of deploy steps: `ott-ops aws deploy-plan` prints it with the configuration's values, and README's
// "Deploy to AWS" follows it in the same order.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEPLOY_STEPS } from '../src/aws/deploy-steps.js';
import { runOpsCaptured, writeConfig } from './support/run-ops.js';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

async function readmeSteps(): Promise<string[]> {
  const text = await readFile(README, 'utf8');
  const section = text.slice(text.indexOf('## Deploy to AWS'));
  const body = section.slice(0, section.indexOf('\n## ', 3) === -1 ? undefined : section.indexOf('\n## ', 3));
  return [...body.matchAll(/^(\d+)\. \*\*(.+?)\.\*\*/gm)].map((match) => `${match[1]}. ${match[2]}`);
}

describe('the deploy steps', () => {
  it("README's Deploy to AWS lists the steps deploy-plan prints, in the same order", async () => {
    const { stdout } = await runOpsCaptured(['aws', 'deploy-plan'], { configPath: await writeConfig((example) => example) });
    const printed = [...stdout.matchAll(/^(\d+)\. (.+?) — /gm)].map((match) => `${match[1]}. ${match[2]}`);
    expect(printed).toEqual(DEPLOY_STEPS.map((step, index) => `${index + 1}. ${step.title}`));
    expect(await readmeSteps()).toEqual(printed);
  });

  it("fills in the configuration's values, with the CreateBucket location rule of us-east-1", async () => {
    const { stdout } = await runOpsCaptured(['aws', 'deploy-plan'], { configPath: await writeConfig((example) => example) });
    expect(stdout).toContain('aws s3api create-bucket --bucket ott-prod-terraform-state --region eu-west-1 --create-bucket-configuration LocationConstraint=eu-west-1');
    expect(stdout).toContain('(cd tenant-infra/cdktf.out/stacks/cell-eu-2 && terraform init && terraform apply)');
    expect(stdout).toContain('aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin 111111111111.dkr.ecr.eu-west-1.amazonaws.com');
    expect(stdout).toContain('aws ecs wait services-stable --cluster ott-prod --services api worker');
    // The Stripe keys go into the secret the tasks read, before the services are started.
    expect(stdout).toContain('| aws secretsmanager put-secret-value --secret-id ott-prod/stripe --secret-string file:///dev/stdin');
    expect(stdout.indexOf('Store the Stripe keys')).toBeGreaterThan(0);
    expect(stdout.indexOf('Store the Stripe keys')).toBeLessThan(stdout.indexOf('Start the services'));

    const virginia = await writeConfig((example) => ({ ...example, state: { bucket: 'ott-prod-state', region: 'us-east-1' } }));
    const plan = (await runOpsCaptured(['aws', 'deploy-plan'], { configPath: virginia })).stdout;
    expect(plan).toContain('aws s3api create-bucket --bucket ott-prod-state --region us-east-1\n');
  });

  it('before infra.json exists, shows the plan with the example values and says so', async () => {
    const { code, stdout } = await runOpsCaptured(['aws', 'deploy-plan'], { configPath: '/nonexistent/infra.json' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^No \/nonexistent\/infra.json yet: the values below come from .*tenant-infra\/infra.example.json\.\n/);
    expect(stdout).toContain('1. Configure — ');
  });

  it('rejects an unknown command with the usage, exit 2', async () => {
    const { code, stderr } = await runOpsCaptured(['aws', 'deploy'], { configPath: '/nonexistent/infra.json' });
    expect(code).toBe(2);
    expect(stderr).toContain("error: unknown command 'aws deploy'");
    expect(stderr).toContain('ott-ops aws doctor');
  });
});
