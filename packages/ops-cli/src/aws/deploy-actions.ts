// What the identity that runs `terraform apply` must be allowed to do, per Terraform resource type the stacks create.
// The doctor builds the app from infra.json, collects the resource types each account will hold, and simulates
// exactly these actions (iam:SimulatePrincipalPolicy), so the list follows the stacks: a resource type missing here
// is reported by the doctor and fails deploy-actions.test.ts, which synthesises the example configuration.
//
// These are the create, read, update, delete and tag actions of each resource, named as in the Service Authorization
// Reference ("Actions, resources, and condition keys for AWS services",
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
// The AWS provider calls more read actions than these during a refresh; the simulation catches a role that lacks a
// service or a resource family, and the first `terraform plan` is the final word on the rest.

const crud = (service: string, noun: string, extra: string[] = []): string[] => [`${service}:Create${noun}`, `${service}:Get${noun}`, `${service}:Update${noun}`, `${service}:Delete${noun}`, ...extra];

export const DEPLOY_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  // Network (platform stack)
  aws_vpc: ['ec2:CreateVpc', 'ec2:DescribeVpcs', 'ec2:DescribeVpcAttribute', 'ec2:ModifyVpcAttribute', 'ec2:DeleteVpc', 'ec2:CreateTags'],
  aws_subnet: ['ec2:CreateSubnet', 'ec2:DescribeSubnets', 'ec2:ModifySubnetAttribute', 'ec2:DeleteSubnet'],
  aws_internet_gateway: ['ec2:CreateInternetGateway', 'ec2:AttachInternetGateway', 'ec2:DescribeInternetGateways', 'ec2:DetachInternetGateway', 'ec2:DeleteInternetGateway'],
  aws_route_table: ['ec2:CreateRouteTable', 'ec2:CreateRoute', 'ec2:DescribeRouteTables', 'ec2:DeleteRoute', 'ec2:DeleteRouteTable'],
  aws_route_table_association: ['ec2:AssociateRouteTable', 'ec2:DisassociateRouteTable'],
  aws_security_group: [
    'ec2:CreateSecurityGroup',
    'ec2:DescribeSecurityGroups',
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:AuthorizeSecurityGroupEgress',
    'ec2:RevokeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupEgress',
    'ec2:DeleteSecurityGroup',
  ],
  'data.aws_availability_zones': ['ec2:DescribeAvailabilityZones'],
  aws_lb: [
    'elasticloadbalancing:CreateLoadBalancer',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:ModifyLoadBalancerAttributes',
    'elasticloadbalancing:DeleteLoadBalancer',
    'elasticloadbalancing:AddTags',
  ],
  aws_lb_listener: ['elasticloadbalancing:CreateListener', 'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:ModifyListener', 'elasticloadbalancing:DeleteListener'],
  // The rule that forwards only requests from our CloudFront distributions (tenant-infra origin-verify.ts).
  aws_lb_listener_rule: ['elasticloadbalancing:CreateRule', 'elasticloadbalancing:DescribeRules', 'elasticloadbalancing:ModifyRule', 'elasticloadbalancing:DeleteRule'],
  // CloudFront's origin-facing prefix list, which the balancer's security group admits.
  'data.aws_ec2_managed_prefix_list': ['ec2:DescribeManagedPrefixLists', 'ec2:GetManagedPrefixListEntries'],
  aws_lb_target_group: [
    'elasticloadbalancing:CreateTargetGroup',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:ModifyTargetGroupAttributes',
    'elasticloadbalancing:DeleteTargetGroup',
  ],
  // Database and services (platform stack)
  aws_db_subnet_group: ['rds:CreateDBSubnetGroup', 'rds:DescribeDBSubnetGroups', 'rds:ModifyDBSubnetGroup', 'rds:DeleteDBSubnetGroup', 'rds:AddTagsToResource'],
  // manage_master_user_password: RDS creates the master secret in Secrets Manager on the caller's behalf.
  aws_db_instance: ['rds:CreateDBInstance', 'rds:DescribeDBInstances', 'rds:ModifyDBInstance', 'rds:DeleteDBInstance', 'rds:AddTagsToResource', 'secretsmanager:CreateSecret'],
  aws_db_parameter_group: [
    'rds:CreateDBParameterGroup',
    'rds:DescribeDBParameterGroups',
    'rds:DescribeDBParameters',
    'rds:ModifyDBParameterGroup',
    'rds:DeleteDBParameterGroup',
    'rds:AddTagsToResource',
  ],
  aws_ecs_cluster: ['ecs:CreateCluster', 'ecs:DescribeClusters', 'ecs:UpdateCluster', 'ecs:DeleteCluster', 'ecs:TagResource'],
  aws_ecs_service: ['ecs:CreateService', 'ecs:DescribeServices', 'ecs:UpdateService', 'ecs:DeleteService'],
  aws_ecs_task_definition: ['ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition', 'ecs:DeregisterTaskDefinition', 'iam:PassRole'],
  aws_cloudwatch_log_group: ['logs:CreateLogGroup', 'logs:DescribeLogGroups', 'logs:PutRetentionPolicy', 'logs:DeleteLogGroup', 'logs:TagResource'],
  aws_secretsmanager_secret: ['secretsmanager:CreateSecret', 'secretsmanager:DescribeSecret', 'secretsmanager:UpdateSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:TagResource'],
  // The version that writes the generated keys (write-only); the ephemeral aws_secretsmanager_random_password beside it
  // calls GetRandomPassword during the apply.
  aws_secretsmanager_secret_version: ['secretsmanager:PutSecretValue', 'secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret', 'secretsmanager:GetRandomPassword'],
  // The origin header's value, read back for the listener rule and the API distribution.
  'data.aws_secretsmanager_secret_version': ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
  // Events (platform and cell stacks)
  aws_sqs_queue: ['sqs:CreateQueue', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes', 'sqs:DeleteQueue', 'sqs:TagQueue'],
  aws_sqs_queue_policy: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'],
  aws_cloudwatch_event_rule: ['events:PutRule', 'events:DescribeRule', 'events:DeleteRule', 'events:TagResource'],
  aws_cloudwatch_event_target: ['events:PutTargets', 'events:ListTargetsByRule', 'events:RemoveTargets'],
  aws_cloudwatch_event_bus_policy: ['events:PutPermission', 'events:RemovePermission', 'events:DescribeEventBus'],
  aws_media_convert_queue: ['mediaconvert:CreateQueue', 'mediaconvert:GetQueue', 'mediaconvert:UpdateQueue', 'mediaconvert:DeleteQueue', 'mediaconvert:TagResource'],
  // Roles (every stack)
  aws_iam_role: ['iam:CreateRole', 'iam:GetRole', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRole', 'iam:TagRole', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies'],
  // The cell's permissions boundary for tenant MediaConvert roles (a managed policy).
  aws_iam_policy: ['iam:CreatePolicy', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions', 'iam:CreatePolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy', 'iam:TagPolicy'],
  aws_iam_role_policy: ['iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy'],
  aws_iam_role_policy_attachment: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
  // Buckets (cell and tenant stacks)
  aws_s3_bucket: ['s3:CreateBucket', 's3:ListBucket', 's3:DeleteBucket', 's3:PutBucketTagging', 's3:GetBucketTagging'],
  aws_s3_bucket_cors_configuration: ['s3:PutBucketCORS', 's3:GetBucketCORS'],
  // S3 API PutBucketNotificationConfiguration is authorised by s3:PutBucketNotification (Service Authorization Reference, Amazon S3).
  aws_s3_bucket_notification: ['s3:PutBucketNotification', 's3:GetBucketNotification'],
  aws_s3_bucket_lifecycle_configuration: ['s3:PutLifecycleConfiguration', 's3:GetLifecycleConfiguration'],
  aws_s3_bucket_ownership_controls: ['s3:PutBucketOwnershipControls', 's3:GetBucketOwnershipControls'],
  aws_s3_bucket_policy: ['s3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:DeleteBucketPolicy'],
  aws_s3_bucket_public_access_block: ['s3:PutBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
  aws_s3_bucket_server_side_encryption_configuration: ['s3:PutEncryptionConfiguration', 's3:GetEncryptionConfiguration'],
  aws_s3_bucket_versioning: ['s3:PutBucketVersioning', 's3:GetBucketVersioning'],
  // Delivery (cell and tenant stacks)
  aws_cloudfront_cache_policy: crud('cloudfront', 'CachePolicy'),
  'data.aws_cloudfront_cache_policy': ['cloudfront:ListCachePolicies', 'cloudfront:GetCachePolicy'],
  aws_cloudfront_origin_request_policy: crud('cloudfront', 'OriginRequestPolicy'),
  'data.aws_cloudfront_origin_request_policy': ['cloudfront:ListOriginRequestPolicies', 'cloudfront:GetOriginRequestPolicy'],
  aws_cloudfront_distribution: crud('cloudfront', 'Distribution', ['cloudfront:TagResource', 'cloudfront:ListTagsForResource']),
  aws_acm_certificate: ['acm:RequestCertificate', 'acm:DescribeCertificate', 'acm:ListTagsForCertificate', 'acm:AddTagsToCertificate', 'acm:DeleteCertificate'],
  aws_cloudfront_key_group: crud('cloudfront', 'KeyGroup'),
  aws_cloudfront_public_key: crud('cloudfront', 'PublicKey'),
  aws_cloudfront_origin_access_control: crud('cloudfront', 'OriginAccessControl'),
  aws_cloudfront_response_headers_policy: crud('cloudfront', 'ResponseHeadersPolicy'),
  // Identity (tenant stacks)
  aws_cognito_user_pool: ['cognito-idp:CreateUserPool', 'cognito-idp:DescribeUserPool', 'cognito-idp:UpdateUserPool', 'cognito-idp:DeleteUserPool', 'cognito-idp:TagResource'],
  aws_cognito_user_pool_client: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:DescribeUserPoolClient', 'cognito-idp:UpdateUserPoolClient', 'cognito-idp:DeleteUserPoolClient'],
  aws_cognito_user_pool_domain: ['cognito-idp:CreateUserPoolDomain', 'cognito-idp:DescribeUserPoolDomain', 'cognito-idp:DeleteUserPoolDomain'],
};

/**
 * Terraform's S3 backend on the state bucket ("S3 Bucket Permissions", https://developer.hashicorp.com/terraform/language/backend/s3):
 * ListBucket on the bucket; GetObject, PutObject, DeleteObject on the state keys (and on the `.tflock` files `use_lockfile` writes).
 */
export const STATE_BACKEND_ACTIONS: readonly string[] = ['s3:ListBucket', 's3:GetObject', 's3:PutObject', 's3:DeleteObject'];

export interface RequiredActions {
  actions: string[];
  /** Resource types that appear in the stacks but not in DEPLOY_ACTIONS. */
  unknownTypes: string[];
}

export function requiredActions(resourceTypes: Iterable<string>, extra: readonly string[] = []): RequiredActions {
  const actions = new Set<string>(extra);
  const unknownTypes: string[] = [];
  for (const type of resourceTypes) {
    const known = DEPLOY_ACTIONS[type];
    if (known) known.forEach((action) => actions.add(action));
    else unknownTypes.push(type);
  }
  return { actions: [...actions].sort(), unknownTypes: unknownTypes.sort() };
}
