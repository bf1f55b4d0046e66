// send-admin-password-reset: the email behind "Forgot your password?" (domain/admins/admin-password-reset.ts).
import { sendAdminPasswordReset as send } from '../../domain/admins/admin-password-reset.js';
import type { JobHandler } from '../job-handler.js';

export const sendAdminPasswordReset: JobHandler<'send-admin-password-reset'> = (job, _attempt, { deps }) => send(deps, job);
