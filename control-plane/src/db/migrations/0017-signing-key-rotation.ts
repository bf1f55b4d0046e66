import { sql, type Kysely } from 'kysely';

// Two-phase signing-key rotation (domain/playback/key-rotation.ts). A key is `pending` until an apply confirms the CDN
// trusts it, then `active`; the key it replaced stays trusted as `previous` until `retire_after`, when a second apply
// removes it and it becomes `retired`. `cdn_key_id` is the id the CDN verifies grants by (CloudFront's public key id;
// ours in the local shape), written only once an apply confirmed it. `removal_requested_at` leaves a key out of the
// next apply (its grants have expired, or it leaked). `apply_error` says why the last apply that should have trusted a
// pending key failed (operator text; tenants see a plain summary).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tenant_signing_keys')
    .addColumn('cdn_key_id', 'text')
    .addColumn('activated_at', 'timestamptz')
    .addColumn('retire_after', 'timestamptz')
    .addColumn('removal_requested_at', 'timestamptz')
    .addColumn('apply_error', 'text')
    .execute();
  // Rotations racing under the old code could leave two active keys: the newest keeps signing.
  await sql`
    update tenant_signing_keys k set status = 'previous'
    where k.status = 'active' and exists (select 1 from tenant_signing_keys n where n.tenant_id = k.tenant_id and n.status = 'active' and n.created_at > k.created_at)
  `.execute(db);
  // Keys trusted today: CloudFront's id where an aws stack recorded one, our own id for tenants without a cloud placement
  // (the local edge looks keys up by ours). An aws key without a recorded id is not trusted yet: provisioning sets it.
  await sql`
    update tenant_signing_keys k
    set cdn_key_id = case when p.tenant_id is null then k.key_pair_id else p.cloudfront_key_ids ->> k.key_pair_id end,
        activated_at = k.created_at
    from tenants t left join tenant_cloud_placements p on p.tenant_id = t.id
    where t.id = k.tenant_id and k.status in ('active', 'previous')
  `.execute(db);
  // A previous key of the old scheme was trusted until the next rotation: give its grants (ten minutes) time to end.
  await sql`update tenant_signing_keys set retire_after = now() + interval '1 hour' where status = 'previous'`.execute(db);
  await sql`alter table tenant_signing_keys add constraint tenant_signing_keys_status check (status in ('pending', 'active', 'previous', 'retired'))`.execute(db);
  // One key signs, and one rotation at a time: a second request racing the first fails here instead of adding a key.
  await sql`create unique index tenant_signing_keys_one_active on tenant_signing_keys (tenant_id) where status = 'active'`.execute(db);
  await sql`create unique index tenant_signing_keys_one_pending on tenant_signing_keys (tenant_id) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index tenant_signing_keys_one_pending`.execute(db);
  await sql`drop index tenant_signing_keys_one_active`.execute(db);
  await sql`alter table tenant_signing_keys drop constraint tenant_signing_keys_status`.execute(db);
  await sql`delete from tenant_signing_keys where status = 'pending'`.execute(db);
  await db.schema
    .alterTable('tenant_signing_keys')
    .dropColumn('cdn_key_id')
    .dropColumn('activated_at')
    .dropColumn('retire_after')
    .dropColumn('removal_requested_at')
    .dropColumn('apply_error')
    .execute();
}
