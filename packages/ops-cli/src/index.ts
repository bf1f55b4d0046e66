// @ott/ops-cli: the operator's `ott-ops` command.
export { runOps, main, type OpsContext } from './main.js';
export { DEPLOY_STEPS, renderDeployPlan, type DeployStep } from './aws/deploy-steps.js';
