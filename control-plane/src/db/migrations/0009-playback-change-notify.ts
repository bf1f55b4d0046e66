import { sql, type Kysely } from 'kysely';

// API processes keep playback rows (a video joined with its tenant) in memory; these triggers tell them, as each
// change commits and whichever process made it, which rows to forget (adapters/postgres/playback-change-listener.ts).
// Every update and delete notifies, not only of the columns authorise reads today: a missed eviction would be a stale
// grant. Inserts do not: a row that did not exist cannot be cached (unknown ids are never kept), and a bulk
// insert would otherwise flood every API process with notifications.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function ott_notify_playback_change() returns trigger language plpgsql as $$
    declare
      kind text := case tg_table_name when 'videos' then 'video' else 'tenant' end;
    begin
      if tg_op = 'TRUNCATE' then
        perform pg_notify('ott_playback', 'all');
        return null;
      end if;
      perform pg_notify('ott_playback', kind || ':' || old.id);
      if tg_op = 'UPDATE' and new.id is distinct from old.id then
        perform pg_notify('ott_playback', kind || ':' || new.id);
      end if;
      return null;
    end $$`.execute(db);
  for (const table of ['videos', 'tenants']) {
    const name = sql.table(table);
    await sql`create trigger ott_playback_change after update or delete on ${name} for each row execute function ott_notify_playback_change()`.execute(db);
    await sql`create trigger ott_playback_truncate after truncate on ${name} for each statement execute function ott_notify_playback_change()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['videos', 'tenants']) {
    const name = sql.table(table);
    await sql`drop trigger if exists ott_playback_change on ${name}`.execute(db);
    await sql`drop trigger if exists ott_playback_truncate on ${name}`.execute(db);
  }
  await sql`drop function if exists ott_notify_playback_change()`.execute(db);
}
