// The control plane's own resources in the platform account: network, PostgreSQL, the API and worker on
// Fargate behind a load balancer that only CloudFront reaches (the API distribution), their secrets, the MediaConvert
// events queue.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { API_PROXY_HEADERS, ApiDistribution } from '../constructs/api-distribution.js';
import { ControlPlaneService } from '../constructs/control-plane-service.js';
import { OriginVerify } from '../constructs/origin-verify.js';
import { PlatformDatabase } from '../constructs/platform-database.js';
import { PlatformNetwork } from '../constructs/platform-network.js';
import { ProvisionerTask, provisionerFamily } from '../constructs/provisioner-task.js';
import { tenantDeployRoleArn } from '../constructs/tenant-deploy-role.js';
import { TranscodeEvents } from '../constructs/transcode-events.js';
import { cellControlPlaneRoleName, controlPlaneStatements, denyTerraformState, provisionerLaunchStatements, type PolicyStatement } from '../control-plane-permissions.js';
import type { InfraConfig } from '../infra-config.js';
import { awsProvider, useS3State } from '../state-backend.js';

export const PLATFORM_STATE_KEY = 'platform/terraform.tfstate';

export class PlatformStack extends TerraformStack {
  readonly events: TranscodeEvents;
  readonly service: ControlPlaneService;
  readonly database: PlatformDatabase;
  readonly api: ApiDistribution;

  constructor(scope: Construct, id: string, config: InfraConfig) {
    super(scope, id);
    const { namePrefix, platform } = config;
    useS3State(this, config.state, PLATFORM_STATE_KEY);
    awsProvider(this, 'aws', { region: platform.region, accountId: platform.accountId, tags: { 'ott:managed-by': 'tenant-infra', 'ott:stack': 'platform' } });

    const network = new PlatformNetwork(this, 'network', { namePrefix, listenerPort: platform.apiCertificateArn ? 443 : 80 });
    const originVerify = new OriginVerify(this, 'origin-verify', { namePrefix });
    this.database = new PlatformDatabase(this, 'database', { namePrefix, subnets: network.databaseSubnets, securityGroup: network.databaseGroup, ...platform.database });
    const foreignAccounts = [...new Set(config.cells.map((cell) => cell.accountId).filter((account) => account !== platform.accountId))];
    this.events = new TranscodeEvents(this, 'transcode-events', { namePrefix, cellAccountIds: foreignAccounts });

    const localCells = config.cells.filter((cell) => cell.accountId === platform.accountId);
    const taskStatements: PolicyStatement[] = [
      ...[...new Set(localCells.map((cell) => cell.region))].flatMap((region) =>
        controlPlaneStatements({ namePrefix, accountId: platform.accountId, region }).map((statement) => ({ ...statement, Sid: `${statement.Sid}${region.replaceAll('-', '')}` })),
      ),
      // The credentials of the database's master user; RDS encrypts the secret with the aws/secretsmanager key.
      { Sid: 'ReadDatabaseCredentials', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: this.database.masterSecretArn },
      {
        Sid: 'TranscodeEvents',
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        Resource: this.events.queue.arn,
      },
      ...(foreignAccounts.length > 0
        ? [
            {
              Sid: 'EnterCells',
              Effect: 'Allow' as const,
              Action: ['sts:AssumeRole'],
              Resource: foreignAccounts.map((account) => `arn:aws:iam::${account}:role/${cellControlPlaneRoleName(namePrefix)}`),
            },
          ]
        : []),
      denyTerraformState(config.state.bucket),
    ];
    const apiUrl = platform.apiDomain ? `https://${platform.apiDomain}` : undefined;
    // The provisioner needs the cells and the state backend, never the tenants (those are in the database).
    const { tenants: _tenants, ...infraWithoutTenants } = config;
    const provisioner = new ProvisionerTask(this, 'provisioner', {
      namePrefix,
      region: platform.region,
      image: platform.image,
      infraConfigJson: JSON.stringify(infraWithoutTenants),
      state: config.state,
      deployRoleArns: config.cells.map((cell) => tenantDeployRoleArn(namePrefix, cell)),
      originVerifySecretArn: originVerify.secret.arn,
    });
    this.service = new ControlPlaneService(this, 'control-plane', {
      namePrefix,
      region: platform.region,
      image: platform.image,
      network,
      taskStatements,
      workerStatements: provisionerLaunchStatements({
        region: platform.region,
        accountId: platform.accountId,
        // The cluster ControlPlaneService creates, named after the prefix.
        clusterArn: `arn:aws:ecs:${platform.region}:${platform.accountId}:cluster/${namePrefix}`,
        family: provisionerFamily(namePrefix),
        passRoleArns: [provisioner.taskRole.arn, provisioner.executionRole.arn],
        stateBucket: config.state.bucket,
        ...(config.state.kmsKeyId ? { stateKeyArn: config.state.kmsKeyId } : {}),
      }),
      workerEnvironment: {
        OTT_AWS_PROVISIONER_CLUSTER: namePrefix,
        OTT_AWS_PROVISIONER_TASK_DEFINITION: provisionerFamily(namePrefix),
        // Joined here, not with Fn.join: the container definitions are JSON, and join's quoted separator would break it.
        OTT_AWS_PROVISIONER_SUBNETS: network.publicSubnets.map((subnet) => subnet.id).join(','),
        OTT_AWS_PROVISIONER_SECURITY_GROUPS: network.serviceGroup.id,
      },
      apiTasks: platform.service.apiTasks,
      workerTasks: platform.service.workerTasks,
      ...(platform.apiCertificateArn ? { certificateArn: platform.apiCertificateArn } : {}),
      originVerifyValue: originVerify.value,
      environment: {
        OTT_CLOUD: 'aws',
        OTT_AWS_REGION: platform.region,
        OTT_AWS_NAME_PREFIX: namePrefix,
        OTT_AWS_EVENTS_QUEUE_URL: this.events.queue.url,
        OTT_AWS_INFRA_CONFIG: JSON.stringify(infraWithoutTenants),
        ...(apiUrl ? { OTT_PUBLIC_API_URL: apiUrl } : {}),
        // The API's only peers are the load balancer's nodes in this VPC (the service group admits nothing else), and the
        // balancer forwards only what our CloudFront distributions sent (origin-verify.ts). So the headers CloudFront
        // writes are believed from these peers: the viewer's country (country rules), address (rate limits: behind
        // CloudFront, X-Forwarded-For's last hop is a CloudFront edge, shared by many viewers) and requested host (the
        // store on a tenant's domain). docs/aws-delivery.md, "The API behind CloudFront".
        OTT_TRUSTED_PROXIES: network.vpc.cidrBlock,
        ...API_PROXY_HEADERS,
        ...this.database.connectionEnvironment,
      },
    });

    this.api = new ApiDistribution(this, 'api', {
      namePrefix,
      loadBalancerDnsName: this.service.loadBalancer.dnsName,
      httpsToOrigin: platform.apiCertificateArn !== undefined,
      ...(platform.apiDomain && platform.apiDistributionCertificateArn ? { domain: { domainName: platform.apiDomain, certificateArn: platform.apiDistributionCertificateArn } } : {}),
      originVerifyValue: originVerify.value,
    });

    const output = (name: string, value: string) => new TerraformOutput(this, name, { value });
    // Where the API's DNS name points (a CNAME or alias to this host).
    output('api_distribution_domain', this.api.distribution.domainName);
    output('api_load_balancer_dns', this.service.loadBalancer.dnsName);
    output('transcode_events_queue_url', this.events.queue.url);
    output('database_endpoint', this.database.instance.endpoint);
    output('database_master_secret_arn', this.database.instance.masterUserSecret.get(0).secretArn);
    output('control_plane_secret_arn', this.service.secret.arn);
    output('ecs_cluster', this.service.cluster.name);
    output('stripe_secret_arn', this.service.stripeSecret.arn);
  }
}
