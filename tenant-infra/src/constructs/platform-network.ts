// The platform's VPC: two public subnets (load balancer and Fargate tasks, which reach AWS APIs through the
// internet gateway: no NAT gateway to pay for) and two isolated subnets for the database.
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones/index.js';
import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list/index.js';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

export const API_PORT = 8686;
/**
 * CloudFront's origin-facing addresses, which AWS keeps current ("Use the CloudFront managed prefix list",
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/LocationsOfEdgeServers.html#managed-prefix-list).
 * It weighs 55 rules in a security group ("AWS-managed prefix lists",
 * https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html) of the 60 inbound rules
 * a group may hold by default: one port only, and the IPv4 list only (CloudFront reaches the balancer over IPv4).
 */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';
const ZONES = 2;
/** The VPC's range: the API's trusted proxies (OTT_TRUSTED_PROXIES) are the balancer's nodes in it. */
export const PLATFORM_VPC_CIDR = '10.40.0.0/16';

export class PlatformNetwork extends Construct {
  readonly vpc: Vpc;
  readonly publicSubnets: Subnet[];
  readonly databaseSubnets: Subnet[];
  readonly loadBalancerGroup: SecurityGroup;
  readonly serviceGroup: SecurityGroup;
  readonly databaseGroup: SecurityGroup;

  /** `listenerPort`: the balancer's one listener that forwards (443 with a certificate, else 80). */
  constructor(scope: Construct, id: string, props: { namePrefix: string; listenerPort: 80 | 443 }) {
    super(scope, id);
    const zones = new DataAwsAvailabilityZones(this, 'zones', { state: 'available' });
    this.vpc = new Vpc(this, 'vpc', { cidrBlock: PLATFORM_VPC_CIDR, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: props.namePrefix } });
    const gateway = new InternetGateway(this, 'gateway', { vpcId: this.vpc.id });
    const publicRoutes = new RouteTable(this, 'public-routes', { vpcId: this.vpc.id, route: [{ cidrBlock: '0.0.0.0/0', gatewayId: gateway.id }] });
    this.publicSubnets = [];
    this.databaseSubnets = [];
    for (let zone = 0; zone < ZONES; zone += 1) {
      const availabilityZone = Fn.element(zones.names, zone);
      const publicSubnet = new Subnet(this, `public-${zone}`, {
        vpcId: this.vpc.id,
        cidrBlock: `10.40.${zone}.0/24`,
        availabilityZone,
        mapPublicIpOnLaunch: true,
        tags: { Name: `${props.namePrefix}-public-${zone}` },
      });
      new RouteTableAssociation(this, `public-${zone}-routes`, { subnetId: publicSubnet.id, routeTableId: publicRoutes.id });
      this.publicSubnets.push(publicSubnet);
      // No route out: the database is reachable only from inside the VPC.
      this.databaseSubnets.push(
        new Subnet(this, `database-${zone}`, { vpcId: this.vpc.id, cidrBlock: `10.40.${100 + zone}.0/24`, availabilityZone, tags: { Name: `${props.namePrefix}-database-${zone}` } }),
      );
    }

    const anywhere = { cidrBlocks: ['0.0.0.0/0'], ipv6CidrBlocks: ['::/0'] };
    const allOut = [{ fromPort: 0, toPort: 0, protocol: '-1', ...anywhere }];
    // Only CloudFront reaches the balancer (docs/aws-delivery.md, "The API behind CloudFront"); the listener's rule
    // then admits only our distributions (origin-verify.ts).
    const cloudFront = new DataAwsEc2ManagedPrefixList(this, 'cloudfront-origin-facing', { name: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST });
    this.loadBalancerGroup = new SecurityGroup(this, 'load-balancer', {
      name: `${props.namePrefix}-alb`,
      vpcId: this.vpc.id,
      ingress: [{ fromPort: props.listenerPort, toPort: props.listenerPort, protocol: 'tcp', prefixListIds: [cloudFront.id] }],
      egress: allOut,
    });
    this.serviceGroup = new SecurityGroup(this, 'service', {
      name: `${props.namePrefix}-service`,
      vpcId: this.vpc.id,
      ingress: [{ fromPort: API_PORT, toPort: API_PORT, protocol: 'tcp', securityGroups: [this.loadBalancerGroup.id] }],
      egress: allOut,
    });
    this.databaseGroup = new SecurityGroup(this, 'database', {
      name: `${props.namePrefix}-database`,
      vpcId: this.vpc.id,
      ingress: [{ fromPort: 5432, toPort: 5432, protocol: 'tcp', securityGroups: [this.serviceGroup.id] }],
    });
  }
}
