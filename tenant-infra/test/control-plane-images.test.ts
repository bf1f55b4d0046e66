// What the control plane's ECS tasks run: each role's own image, the compiled bundle (never tsx), on the architecture
// the images are built for, and a worker disk Fargate accepts.
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { controlPlaneImage } from '../src/constructs/control-plane-service.js';
import { parseInfraConfig } from '../src/infra-config.js';
import { PlatformStack } from '../src/stacks/platform-stack.js';
import { infraConfig, resources, synth } from './fixtures.js';

interface Container {
  image: string;
  command: string[];
}

const stack = synth(new PlatformStack(Testing.app(), 'platform', infraConfig()));
const task = (role: 'api' | 'worker') => {
  const definition = Object.values(resources(stack, 'aws_ecs_task_definition')).find((candidate) => candidate.family === `ott-test-${role}`);
  if (!definition) throw new Error(`no ${role} task definition`);
  const [container] = JSON.parse(String(definition.container_definitions)) as Container[];
  return { definition, container };
};

describe('the control plane tasks', () => {
  it("run each role's image of the configured release", () => {
    expect(task('api').container?.image).toBe('example/ott-cloud:test-api');
    expect(task('worker').container?.image).toBe('example/ott-cloud:test-worker');
  });

  it('run the compiled JavaScript with node, not TypeScript through tsx', () => {
    expect(task('api').container?.command).toEqual(['node', '--enable-source-maps', 'control-plane/dist/bin/api.js']);
    expect(task('worker').container?.command).toEqual(['node', '--enable-source-maps', 'control-plane/dist/bin/worker.js']);
  });

  it('ask Fargate for Linux on ARM64, the platform the images are built for', () => {
    for (const role of ['api', 'worker'] as const) expect(task(role).definition.runtime_platform).toEqual({ operating_system_family: 'LINUX', cpu_architecture: 'ARM64' });
  });

  it("give the worker more than Fargate's default 20 GiB of disk, within the 21–200 GiB it accepts", () => {
    const size = (task('worker').definition.ephemeral_storage as { size_in_gib: number }).size_in_gib;
    expect(size).toBeGreaterThanOrEqual(21);
    expect(size).toBeLessThanOrEqual(200);
    // The API stores nothing locally.
    expect(task('api').definition.ephemeral_storage).toBeUndefined();
  });
});

describe('controlPlaneImage', () => {
  it("appends the role to the release's tag, or uses the role as the tag", () => {
    expect(controlPlaneImage('111111111111.dkr.ecr.eu-west-1.amazonaws.com/ott-cloud:1.4.0', 'provisioner')).toBe('111111111111.dkr.ecr.eu-west-1.amazonaws.com/ott-cloud:1.4.0-provisioner');
    // A registry port is not a tag.
    expect(controlPlaneImage('registry.example:5000/ott-cloud', 'worker')).toBe('registry.example:5000/ott-cloud:worker');
  });

  it('refuses a release named by digest, which cannot name three images', () => {
    const config = { ...infraConfig(), platform: { ...infraConfig().platform, image: 'example/ott-cloud@sha256:0123' } };
    expect(() => parseInfraConfig(config, 'infra.json')).toThrow(/platform\.image: name the release by tag, not digest/);
  });
});
