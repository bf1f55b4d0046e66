// The IdentityProvider contract against the built-in issuer (with its JWKS served over HTTP, as the API
// does) and against the Cognito adapter on cognito-local.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeUserPoolClientCommand, ListUserPoolClientsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { identityProviderContract } from '@ott/testkit';
import { describe, expect, it } from 'vitest';
import { CognitoIdentity } from '../../src/adapters/aws/cognito-identity.js';
import { LocalIdentityProvider } from '../../src/adapters/local/local-identity-provider.js';
import { systemClock } from '../../src/composition.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import { startCognitoEmulator } from '../aws/support/cognito-emulator.js';
import { createTestDatabase } from '../support/test-database.js';

identityProviderContract('LocalIdentityProvider', async () => {
  const database = await createTestDatabase();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const identity = new LocalIdentityProvider(database.db, new SecretBox(randomBytes(32)), systemClock, apiUrl);
  server.on('request', (request, response) => {
    const poolId = /^\/pools\/([^/]+)\/\.well-known\/jwks\.json$/.exec(request.url ?? '')?.[1];
    void (poolId ? identity.jwks(poolId) : Promise.resolve(undefined)).then((jwks) =>
      jwks ? response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(jwks)) : response.writeHead(404).end(),
    );
  });
  return {
    identity,
    async resetCodeOf(_poolId, _email, started) {
      if (started.kind !== 'send-code') throw new Error('the built-in issuer hands back the code for the platform to send');
      return started.code;
    },
    async newTenantId() {
      const slug = `t-${randomBytes(4).toString('hex')}`;
      const row = await database.db.insertInto('tenants').values({ slug, name: slug }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await database.drop();
    },
  };
});

identityProviderContract('CognitoIdentity on cognito-local', async () => {
  const cognito = await startCognitoEmulator();
  // Zero: every verification asks the emulator whether the viewer still exists.
  const identity = new CognitoIdentity({ client: cognito.client, issuerBase: cognito.endpoint, clock: systemClock, existenceCacheMs: 0 });
  return {
    identity,
    newTenantId: async () => randomUUID(),
    // Cognito delivers the code itself; the emulator keeps it where the test can read it.
    resetCodeOf: (poolId, email) => cognito.confirmationCodeOf(poolId, email),
    close: () => cognito.close(),
    acceptsAnyTemporaryPassword: true,
  };
});

describe('CognitoIdentity', () => {
  // Cognito answers an unknown user with UserNotFoundException unless the pool client prevents it, and a client made
  // through the API is LEGACY (revealing) by default: docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
  it('makes pool clients that do not reveal whether a viewer exists (PreventUserExistenceErrors ENABLED)', async () => {
    const cognito = await startCognitoEmulator();
    try {
      const identity = new CognitoIdentity({ client: cognito.client, issuerBase: cognito.endpoint, clock: systemClock });
      const { poolId } = await identity.createPool(randomUUID());
      const clients = await cognito.client.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 10 }));
      const described = await cognito.client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clients.UserPoolClients?.[0]?.ClientId }));
      expect(described.UserPoolClient?.PreventUserExistenceErrors).toBe('ENABLED');
    } finally {
      await cognito.close();
    }
  });
});
