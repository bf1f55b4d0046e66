// IdentityProvider for the aws shape: each tenant's viewer pool is in its cell's account and region, so every
// call goes to the Cognito adapter of the cell that holds the pool (or, for createPool, the tenant).
import type { Clock, IdentityProvider, PasswordResetStart, ViewerSignInResult, ViewerTokens } from '../../ports.js';
import type { CellClients } from './cell-clients.js';
import { CognitoIdentity } from './cognito-identity.js';
import type { TenantPlacements } from './tenant-placements.js';

export class CellIdentity implements IdentityProvider {
  readonly #byCell = new Map<string, CognitoIdentity>();
  /** A pool never changes cell: looked up once. */
  readonly #cellOfPool = new Map<string, string>();

  constructor(
    private readonly cells: CellClients,
    private readonly placements: TenantPlacements,
    private readonly clock: Clock,
  ) {}

  async createPool(tenantId: string): Promise<{ poolId: string }> {
    const { cellId } = await this.placements.of(tenantId);
    const created = await this.inCell(cellId).createPool(tenantId);
    this.#cellOfPool.set(created.poolId, cellId);
    return created;
  }

  async inviteViewer(poolId: string, email: string): Promise<{ viewerId: string; temporaryPassword: string }> {
    return (await this.forPool(poolId)).inviteViewer(poolId, email);
  }

  async createViewer(poolId: string, email: string, password: string): Promise<{ viewerId: string }> {
    return (await this.forPool(poolId)).createViewer(poolId, email, password);
  }

  async renewTemporaryPassword(poolId: string, viewerId: string): Promise<{ email: string; temporaryPassword: string }> {
    return (await this.forPool(poolId)).renewTemporaryPassword(poolId, viewerId);
  }

  async listViewers(poolId: string, page: { limit: number; cursor?: string }) {
    return (await this.forPool(poolId)).listViewers(poolId, page);
  }

  async removeViewer(poolId: string, viewerId: string): Promise<void> {
    return (await this.forPool(poolId)).removeViewer(poolId, viewerId);
  }

  async signIn(poolId: string, email: string, password: string): Promise<ViewerSignInResult> {
    return (await this.forPool(poolId)).signIn(poolId, email, password);
  }

  async completeNewPassword(poolId: string, session: string, newPassword: string): Promise<ViewerTokens> {
    return (await this.forPool(poolId)).completeNewPassword(poolId, session, newPassword);
  }

  async verifyViewerToken(poolId: string, token: string): Promise<{ viewerId: string; email: string } | undefined> {
    return (await this.forPool(poolId)).verifyViewerToken(poolId, token);
  }

  async startPasswordReset(poolId: string, email: string): Promise<PasswordResetStart> {
    return (await this.forPool(poolId)).startPasswordReset(poolId, email);
  }

  async confirmPasswordReset(poolId: string, email: string, code: string, newPassword: string): Promise<void> {
    return (await this.forPool(poolId)).confirmPasswordReset(poolId, email, code, newPassword);
  }

  private async forPool(poolId: string): Promise<CognitoIdentity> {
    let cellId = this.#cellOfPool.get(poolId);
    if (!cellId) {
      cellId = await this.placements.cellOfPool(poolId);
      if (!cellId) throw new Error(`No placed tenant owns viewer pool ${poolId}`);
      this.#cellOfPool.set(poolId, cellId);
    }
    return this.inCell(cellId);
  }

  private inCell(cellId: string): CognitoIdentity {
    let identity = this.#byCell.get(cellId);
    if (!identity) {
      identity = new CognitoIdentity({ client: this.cells.cognito(cellId), issuerBase: this.cells.cognitoIssuerBase(cellId), clock: this.clock });
      this.#byCell.set(cellId, identity);
    }
    return identity;
  }
}
