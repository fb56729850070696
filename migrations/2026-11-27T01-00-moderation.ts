import { sql, type Kysely } from 'kysely'

/**
 * Moderation (issue 5): indexes for the history queues, and the work queues' counts kept by a
 * trigger so the moderation app's counts cost one primary-key read however long the queues grow.
 * Counts are spread over 8 shards per site and queue so concurrent posts rarely wait on one row.
 * Frozen once landed. Imports nothing from the app.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Decided comments newest first (approved, rejected tabs); every comment newest first (all).
  await sql`create index comment_decided_idx on comment (site_id, status, decided_at desc, id desc)
            where decided_at is not null`.execute(db)
  await sql`create index comment_site_recent_idx on comment (site_id, created_at desc, id desc)`.execute(db)
  await sql`create index session_account_idx on session (account_id)`.execute(db)

  await sql`create table moderation_queue_count (
              site_id text not null,
              queue text not null,
              shard smallint not null,
              n bigint not null default 0,
              constraint moderation_queue_count_pkey primary key (site_id, queue, shard))`.execute(db)
  // "pending": status pending; "reported": flagged and still published (the partial indexes' rules).
  await sql`create function palabre_queue_count() returns trigger language plpgsql as $$
            declare
              was_pending boolean := tg_op <> 'INSERT' and old.status = 'pending';
              was_reported boolean := tg_op <> 'INSERT' and old.flagged and old.status = 'published';
              is_pending boolean := tg_op <> 'DELETE' and new.status = 'pending';
              is_reported boolean := tg_op <> 'DELETE' and new.flagged and new.status = 'published';
              site text := case when tg_op = 'DELETE' then old.site_id else new.site_id end;
              part smallint := (case when tg_op = 'DELETE' then old.id else new.id end) % 8;
            begin
              if was_pending is distinct from is_pending then
                insert into moderation_queue_count as q (site_id, queue, shard, n)
                values (site, 'pending', part, case when is_pending then 1 else -1 end)
                on conflict (site_id, queue, shard) do update set n = q.n + excluded.n;
              end if;
              if was_reported is distinct from is_reported then
                insert into moderation_queue_count as q (site_id, queue, shard, n)
                values (site, 'reported', part, case when is_reported then 1 else -1 end)
                on conflict (site_id, queue, shard) do update set n = q.n + excluded.n;
              end if;
              return null;
            end $$`.execute(db)
  await sql`create trigger comment_queue_count after insert or delete or update of status, flagged
            on comment for each row execute function palabre_queue_count()`.execute(db)
  await sql`insert into moderation_queue_count (site_id, queue, shard, n)
            select site_id, 'pending', id % 8, count(*) from comment where status = 'pending' group by 1, 3
            union all
            select site_id, 'reported', id % 8, count(*) from comment
            where flagged and status = 'published' group by 1, 3`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists comment_queue_count on comment`.execute(db)
  await sql`drop function if exists palabre_queue_count()`.execute(db)
  await sql`drop table if exists moderation_queue_count`.execute(db)
  await sql`drop index if exists session_account_idx`.execute(db)
  await sql`drop index if exists comment_site_recent_idx`.execute(db)
  await sql`drop index if exists comment_decided_idx`.execute(db)
}
