// @ott/tenant-infra: the CDKTF stacks of the aws shape and what the control plane needs to drive them.
export { CellFullError, DEFAULT_CELL_QUOTAS, cellUsage, placeTenant, type Cell, type CellQuotas, type CellUsage } from './cells.js';
export { parseInfraConfig, type InfraConfig, type TenantConfig, type CellConfig } from './infra-config.js';
export { LIFECYCLE } from './constructs/media-bucket.js';
export { mediaBucketName, tenantStackName, tenantStateKey, viewerPoolName } from './naming.js';
export { buildOttApp, platformReservations } from './ott-app.js';
export { CellStack, mediaConvertQueueArn } from './stacks/cell-stack.js';
export { PlatformStack } from './stacks/platform-stack.js';
export { TenantStack, type TenantStackProps } from './stacks/tenant-stack.js';
export { DEPLOYMENT_METADATA_KEY } from './stacks/transcode-event-pattern.js';
export { cellControlPlaneRoleName } from './control-plane-permissions.js';
export { TENANT_OUTPUTS, parseTenantOutputs, type TenantStackOutputs } from './tenant-outputs.js';
export { tenantStackProps } from './tenant-stack-props.js';
export { REQUIRED_TERRAFORM } from './state-backend.js';
export { synthTenantStack } from './synth-tenant-stack.js';
export { customDomainInStack } from './custom-domain-in-stack.js';
export { CLOUDFRONT_CERTIFICATE_REGION } from './constructs/delivery-certificate.js';
