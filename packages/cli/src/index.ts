// Programmatic entry points: the end-to-end suite and other tools run CLI commands in-process with these.
export { runCli, main, COMMANDS } from './main.js';
export { createCliContext, normaliseApiUrl, systemClock, type CliContext, type CliContextInput, type Clock, type Output } from './cli-context.js';
export { CliError, UsageError } from './cli-error.js';
export { createAdminClient, createPublicClient, type ApiClient, type VideoDetails, type VideoSummary } from './api-client.js';
export { loadSession, credentialsPath, type StoredSession } from './credentials-store.js';
export { signup, waitForWorkspace, type SignupInput, type Workspace } from './commands/signup.js';
export { login, type LoginInput } from './commands/login.js';
export { logout, type LogoutResult } from './commands/logout.js';
export { listVideos, type VideoFilters } from './commands/videos-list.js';
export { getVideo } from './commands/videos-get.js';
export { playUrl } from './commands/play-url.js';
export { renderUsage, usageReport, type UsageReport } from './commands/usage.js';
export { uploadFile, type UploadFileOptions, type UploadFileResult } from './upload/upload-file.js';
export { waitForVideo } from './upload/wait-for-video.js';
