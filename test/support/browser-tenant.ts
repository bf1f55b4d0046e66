// A tenant with videos, made over the public API the way the portal and the CLI do it, for browser tests.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { TestDatabase } from '@ott/control-plane/test-support/test-database';
import { invitedViewerPassword } from '@ott/control-plane/test-support/mailbox';
import { putPart, readPart } from '@ott/control-plane/test-support/upload-file';
import { waitFor } from '@ott/control-plane/test-support/wait-for';
import type { Page } from 'playwright-core';
import { apiClient, type ApiClient } from './api-client.js';

export interface BrowserTenant {
  api: ApiClient;
  tenantId: string;
  slug: string;
}

export async function signUpActiveTenant(apiUrl: string, slug: string): Promise<BrowserTenant> {
  const session = await apiClient(apiUrl).tenants.signup.mutate({ companyName: `${slug} Films`, slug, email: `owner@${slug}.example`, password: 'a long enough password' });
  const api = apiClient(apiUrl, session.accessToken);
  await waitFor(async () => ((await api.tenants.me.query()).status === 'active' ? true : undefined), { what: `${slug} provisioning` });
  return { api, tenantId: session.tenantId, slug };
}

/** Uploads in parts and waits for the ladder; fails with the reason when transcoding fails. */
/** Uploaded and completed: the video is processing (its transcode queued) when this returns. */
export async function uploadVideo(api: ApiClient, file: string, options: { title: string; accessMode: 'public' | 'viewers' | 'token' }): Promise<string> {
  const { size } = await stat(file);
  const ticket = await api.videos.createUpload.mutate({ filename: path.basename(file), size, ...options });
  await Promise.all(
    ticket.parts.map(async (part) => {
      const response = await putPart(part.url, await readPart(file, ticket.partSize, part.partNumber));
      if (!response.ok) throw new Error(`part ${part.partNumber}: ${response.status}`);
    }),
  );
  await api.videos.completeUpload.mutate({ videoId: ticket.videoId });
  return ticket.videoId;
}

export async function uploadReadyVideo(api: ApiClient, file: string, options: { title: string; accessMode: 'public' | 'viewers' | 'token' }): Promise<string> {
  const videoId = await uploadVideo(api, file, options);
  const video = await waitFor(
    async () => {
      const current = await api.videos.get.query({ videoId });
      return current.status === 'ready' || current.status === 'failed' ? current : undefined;
    },
    { what: `transcode of ${path.basename(file)}`, timeoutMs: 180_000, intervalMs: 250 },
  );
  if (video.status !== 'ready') throw new Error(`${path.basename(file)} failed: ${video.failureReason ?? 'unknown'}`);
  return videoId;
}

/** A viewer of the tenant's pool, signed in (the temporary password from their invitation email changed): their ID token. */
export async function viewerIdToken(apiUrl: string, db: TestDatabase['db'], tenant: BrowserTenant, email: string): Promise<string> {
  await tenant.api.viewers.invite.mutate({ email });
  const publicApi = apiClient(apiUrl);
  const first = await publicApi.viewerAuth.signIn.mutate({ tenantSlug: tenant.slug, email, password: await invitedViewerPassword(db, email) });
  if (first.kind !== 'new-password-required') throw new Error('expected the temporary password to need changing');
  const tokens = await publicApi.viewerAuth.completeNewPassword.mutate({ tenantSlug: tenant.slug, session: first.session, newPassword: 'a viewer’s own password' });
  return tokens.idToken;
}

/** The tenant's owner signed in to the portal on `page`, as a person does it: the library is shown when this returns. */
export async function signInToPortal(page: Page, apiUrl: string, tenant: Pick<BrowserTenant, 'slug'>): Promise<void> {
  await page.goto(`${apiUrl}/login`);
  await page.getByLabel('Workspace name').fill(tenant.slug);
  await page.getByLabel('E-mail').fill(`owner@${tenant.slug}.example`);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Library' }).waitFor();
}
