// The first deploy, step by step: the one list both `ott-ops aws deploy-plan` prints (with the values from infra.json)
// and README's "Deploy to AWS" follows — deploy-steps.test.ts holds the README to these titles, in this order.
import { controlPlaneImage, stripeSecretName, type InfraConfig } from '@ott/tenant-infra';

const CONTROL_PLANE_IMAGE_ROLES = ['api', 'worker', 'provisioner'] as const;

export interface DeployStep {
  title: string;
  why: string;
  commands(config: InfraConfig): string[];
}

const stackDir = (stack: string) => `tenant-infra/cdktf.out/stacks/${stack}`;
const apply = (stack: string) => `(cd ${stackDir(stack)} && terraform init && terraform apply)`;
const output = (name: string) => `$(cd ${stackDir('platform')} && terraform output -raw ${name})`;

export const DEPLOY_STEPS: readonly DeployStep[] = [
  {
    title: 'Configure',
    why: 'infra.json names the accounts, regions, cells and the state bucket; everything below reads it.',
    commands: () => ['cp tenant-infra/infra.example.json infra.json', '$EDITOR infra.json'],
  },
  {
    title: 'Check the account',
    why: 'Node, credentials, permissions, quotas and names, before anything is created.',
    commands: () => ['pnpm install --frozen-lockfile', 'pnpm ott-ops aws doctor'],
  },
  {
    title: 'Create the state bucket',
    why: "Terraform keeps every stack's state here (S3 native locking); versioned so a bad apply can be rolled back.",
    commands: ({ state }) => [
      // CreateBucket outside us-east-1 needs the LocationConstraint; in us-east-1 it must be left out.
      `aws s3api create-bucket --bucket ${state.bucket} --region ${state.region}${state.region === 'us-east-1' ? '' : ` --create-bucket-configuration LocationConstraint=${state.region}`}`,
      `aws s3api put-bucket-versioning --bucket ${state.bucket} --versioning-configuration Status=Enabled`,
      `aws s3api put-public-access-block --bucket ${state.bucket} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`,
    ],
  },
  {
    title: 'Push the images',
    why: "Each ECS task runs its role's image (api, worker, provisioner), tagged from the release infra.json names (docs/aws-images.md).",
    commands: ({ platform }) => {
      const registry = platform.image.split('/')[0] ?? platform.image;
      const repository = platform.image.slice(registry.length + 1).split(':')[0] ?? '';
      return [
        `aws ecr create-repository --repository-name ${repository} --region ${platform.region}`,
        `aws ecr get-login-password --region ${platform.region} | docker login --username AWS --password-stdin ${registry}`,
        ...CONTROL_PLANE_IMAGE_ROLES.map((role) => `docker buildx build --platform linux/arm64 -f deploy/images/Containerfile --target ${role} -t ${controlPlaneImage(platform.image, role)} --push .`),
      ];
    },
  },
  {
    title: 'Synthesise',
    why: 'Writes one Terraform folder per stack: platform, each cell, each tenant in infra.json.',
    commands: () => ['pnpm --filter @ott/tenant-infra synth'],
  },
  {
    title: 'Apply the platform stack',
    why: 'Network, database, queues, the control-plane secret, the ECS services.',
    commands: () => [apply('platform')],
  },
  {
    title: 'Apply the cells',
    why: "Each cell's MediaConvert queue, cache policies, log bucket and roles; after the platform, whose event bus they forward to.",
    commands: ({ cells }) => cells.map((cell) => apply(`cell-${cell.id}`)),
  },
  {
    title: 'Check the generated secrets',
    why: 'The platform apply generated OTT_MASTER_KEY, OTT_AUTH_SECRET and OTT_OPERATOR_TOKEN (the bearer token of operator commands: cost view, offboarding) into the control-plane secret, and RDS keeps the database password in its own; nothing to type in. This lists key names only, never values.',
    commands: () => [
      `aws secretsmanager get-secret-value --secret-id ${output('control_plane_secret_arn')} --query SecretString --output text | jq 'keys'`,
      `aws secretsmanager get-secret-value --secret-id ${output('database_master_secret_arn')} --query SecretString --output text | jq 'keys'`,
    ],
  },
  {
    title: 'Store the Stripe keys',
    why: "Billing goes through Stripe: its secret API key (sk_live_… or sk_test_…) and the signing secret (whsec_…) of a Stripe webhook endpoint at the API's /webhooks/stripe. The platform apply created the secret empty, and the tasks do not start until it holds both. Typed at a prompt, so neither lands in your shell history.",
    commands: ({ namePrefix }) => [
      'read -rsp "Stripe secret key: " STRIPE_SECRET_KEY; echo; read -rsp "Stripe webhook signing secret: " STRIPE_WEBHOOK_SECRET; echo; export STRIPE_SECRET_KEY STRIPE_WEBHOOK_SECRET',
      `jq -n '{STRIPE_SECRET_KEY: env.STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: env.STRIPE_WEBHOOK_SECRET}' | aws secretsmanager put-secret-value --secret-id ${stripeSecretName(namePrefix)} --secret-string file:///dev/stdin`,
    ],
  },
  {
    title: 'Start the services',
    why: "The api and worker tasks restart and read the secret; the load balancer's health check then passes.",
    commands: ({ namePrefix }) => [
      `aws ecs update-service --cluster ${namePrefix} --service api --force-new-deployment`,
      `aws ecs update-service --cluster ${namePrefix} --service worker --force-new-deployment`,
      `aws ecs wait services-stable --cluster ${namePrefix} --services api worker`,
    ],
  },
  {
    title: 'Verify',
    why: 'The API answers through the load balancer; a sign-up then provisions its tenant stack (docs/aws-provisioning.md).',
    commands: ({ platform }) => [`curl -fsS ${platform.apiDomain ? `https://${platform.apiDomain}` : `http://${output('api_load_balancer_dns')}`}/healthz`],
  },
];

export function renderDeployPlan(config: InfraConfig, note?: string): string {
  const lines = note ? [note, ''] : [];
  DEPLOY_STEPS.forEach((step, index) => {
    lines.push(`${index + 1}. ${step.title} — ${step.why}`, ...step.commands(config).map((command) => `     ${command}`), '');
  });
  return `${lines.join('\n')}`;
}
