import { sql, type Kysely } from 'kysely';

// Quality tiers enforced by the playback signature (media/uhd-folder.ts): a grant either stops at HD (1080) or plays
// every rung. Caps the signature cannot enforce are mapped to the nearest it can, in the viewer's favour:
// - 2160 was the ladder's top rung: it is "every rung" (NULL), no change in what plays;
// - 1440: the ladder has no rung between 1080 and 2160, so it played up to 1080 already: 1080, no change;
// - 480 and 720 widen to 1080: a viewer who bought them plays more than they paid for, never less.
// renditions.in_uhd_folder: the rung's files are in the video's `-uhd` sibling folder (packages made from now on);
// false for rungs made before, whose 2160p stays in the video's own folder until the source is replaced.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['offers', 'entitlements']) {
    await sql`update ${sql.table(table)} set max_height = null where max_height > 1080`.execute(db);
    await sql`update ${sql.table(table)} set max_height = 1080 where max_height < 1080`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_max_height_enforceable`)} check (max_height is null or max_height = 1080)`.execute(db);
  }
  await db.schema
    .alterTable('renditions')
    .addColumn('in_uhd_folder', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('renditions').dropColumn('in_uhd_folder').execute();
  for (const table of ['offers', 'entitlements']) await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_max_height_enforceable`)}`.execute(db);
}
