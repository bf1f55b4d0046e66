// The control plane's PostgreSQL: encrypted, Multi-AZ by default, never public, TLS only; RDS keeps the master
// password in Secrets Manager (it never appears in Terraform state) and rotates it every 7 days.
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group/index.js';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group/index.js';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Token } from 'cdktf';
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
const DATABASE_NAME = 'ott';

export class PlatformDatabase extends Construct {
  readonly instance: DbInstance;

  constructor(scope: Construct, id: string, props: PlatformDatabaseProps) {
    super(scope, id);
    const subnets = new DbSubnetGroup(this, 'subnets', { name: `${props.namePrefix}-database`, subnetIds: props.subnets.map((subnet) => subnet.id) });
    // RDS for PostgreSQL expects TLS by default; said here so that no change of defaults can turn it off.
    // "Using SSL with a PostgreSQL DB instance": https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
    const parameters = new DbParameterGroup(this, 'parameters', {
      name: `${props.namePrefix}-postgres${POSTGRES_MAJOR_VERSION}`,
      family: `postgres${POSTGRES_MAJOR_VERSION}`,
      parameter: [{ name: 'rds.force_ssl', value: '1' }],
    });
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
      dbName: DATABASE_NAME,
      parameterGroupName: parameters.name,
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

  /** The secret RDS keeps the master user's name and password in: {"username": ..., "password": ...}. */
  get masterSecretArn(): string {
    return this.instance.masterUserSecret.get(0).secretArn;
  }

  /**
   * What the control plane's tasks need to connect, none of it secret (control-plane env.ts reads it): the endpoint,
   * the database, the secret to read the credentials from, and TLS verified against the RDS CA bundle it ships. The
   * server certificate names the instance endpoint, so the host must be the endpoint's address, never an IP.
   */
  get connectionEnvironment(): Record<string, string> {
    return {
      DATABASE_HOST: this.instance.address,
      DATABASE_PORT: Token.asString(this.instance.port),
      DATABASE_NAME,
      DATABASE_SECRET_ARN: this.masterSecretArn,
      DATABASE_TLS: 'verify-full',
    };
  }
}
