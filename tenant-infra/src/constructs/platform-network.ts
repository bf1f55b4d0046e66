// The platform's VPC: two public subnets (load balancer and Fargate tasks, which reach AWS APIs through the
// internet gateway: no NAT gateway to pay for) and two isolated subnets for the database.
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones/index.js';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

export const API_PORT = 8686;
const ZONES = 2;

export class PlatformNetwork extends Construct {
  readonly vpc: Vpc;
  readonly publicSubnets: Subnet[];
  readonly databaseSubnets: Subnet[];
  readonly loadBalancerGroup: SecurityGroup;
  readonly serviceGroup: SecurityGroup;
  readonly databaseGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: { namePrefix: string }) {
    super(scope, id);
    const zones = new DataAwsAvailabilityZones(this, 'zones', { state: 'available' });
    this.vpc = new Vpc(this, 'vpc', { cidrBlock: '10.40.0.0/16', enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: props.namePrefix } });
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
    this.loadBalancerGroup = new SecurityGroup(this, 'load-balancer', {
      name: `${props.namePrefix}-alb`,
      vpcId: this.vpc.id,
      ingress: [
        { fromPort: 443, toPort: 443, protocol: 'tcp', ...anywhere },
        { fromPort: 80, toPort: 80, protocol: 'tcp', ...anywhere },
      ],
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
