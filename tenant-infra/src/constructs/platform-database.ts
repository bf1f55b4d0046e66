// The control plane's PostgreSQL: encrypted, Multi-AZ by default, never public; RDS keeps the master
// password in Secrets Manager (it never appears in Terraform state).
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group/index.js';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Construct } from 'constructs';

export interface PlatformDatabaseProps {
  namePrefix: string;
  subnets: readonly Subnet[];
  securityGroup: SecurityGroup;
  instanceClass: string;
  allocatedStorageGb: number;
  multiAz: boolean;
}

export const POSTGRES_MAJOR_VERSION = '17';

export class PlatformDatabase extends Construct {
  readonly instance: DbInstance;

  constructor(scope: Construct, id: string, props: PlatformDatabaseProps) {
    super(scope, id);
    const subnets = new DbSubnetGroup(this, 'subnets', { name: `${props.namePrefix}-database`, subnetIds: props.subnets.map((subnet) => subnet.id) });
    this.instance = new DbInstance(this, 'instance', {
      identifier: `${props.namePrefix}-control-plane`,
      engine: 'postgres',
      engineVersion: POSTGRES_MAJOR_VERSION,
      instanceClass: props.instanceClass,
      allocatedStorage: props.allocatedStorageGb,
      maxAllocatedStorage: props.allocatedStorageGb * 10,
      storageType: 'gp3',
      storageEncrypted: true,
      multiAz: props.multiAz,
      dbName: 'ott',
      username: 'ott',
      manageMasterUserPassword: true,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [props.securityGroup.id],
      publiclyAccessible: false,
      backupRetentionPeriod: 14,
      deletionProtection: true,
      copyTagsToSnapshot: true,
      finalSnapshotIdentifier: `${props.namePrefix}-control-plane-final`,
      autoMinorVersionUpgrade: true,
    });
  }
}
