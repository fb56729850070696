import { sql, type Kysely } from 'kysely'
import type { Database } from '../server/db/schema.ts'

/**
 * Seeds a thread of `count` comments in a few statements: 85 % top-level, the rest replies spread
 * over the newest top-level comments (so first pages carry replies, as real hot threads do), with
 * like counts and reply counts consistent with the rows.
 */
export async function seedThread(
  db: Kysely<Database>,
  site: string,
  article: string,
  count: number,
): Promise<string> {
  const thread = await db
    .insertInto('thread')
    .values({ site_id: site, article, title: `Bench ${article}`, url: `https://bench.example/${article}` })
    .returning('id')
    .executeTakeFirstOrThrow()
  const author = await db
    .insertInto('reader')
    .values({ site_id: site, kind: 'guest', external_id: null, name: 'Bench author', email: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  const top = Math.ceil(count * 0.85)
  await sql`insert into comment (thread_id, site_id, author_id, body, status, like_count, created_at)
            select ${thread.id}, ${site}, ${author.id},
                   'Commentaire ' || g || ' : un avis argumenté sur le sujet du jour, avec des détails.',
                   'published', (g * 7919) % 23, now() - ((${top} - g) * interval '1 second')
            from generate_series(1, ${top}) g`.execute(db)
  const replies = count - top
  if (replies > 0) {
    // Replies go to the 200 newest top-level comments, so every first page shows some.
    await sql`with parents as (
                select array_agg(id) ids from (
                  select id from comment where thread_id = ${thread.id} and parent_id is null
                  order by created_at desc, id desc limit 200) newest)
              insert into comment (thread_id, site_id, author_id, body, status, parent_id, root_id,
                                   reply_to_id, depth, created_at)
              select ${thread.id}, ${site}, ${author.id}, 'Réponse ' || g || ' : je nuance un peu.',
                     'published', p, p, p, 2, now() - (g * interval '1 millisecond')
              from parents, generate_series(1, ${replies}) g,
                   lateral (select ids[1 + g % array_length(ids, 1)] p) pick`.execute(db)
    await sql`update comment c set reply_count = r.n
              from (select parent_id, count(*)::int n from comment
                    where thread_id = ${thread.id} and parent_id is not null group by parent_id) r
              where c.id = r.parent_id`.execute(db)
  }
  await sql`update thread set comment_count = ${count} where id = ${thread.id}`.execute(db)
  await sql`analyze comment`.execute(db)
  return thread.id
}

/** Creates `count` guest readers in one statement; returns their ids. */
export async function seedReaders(db: Kysely<Database>, site: string, count: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    insert into reader (site_id, kind, name, created_at)
    select ${site}, 'guest', 'Lecteur ' || g, now() - interval '30 days'
    from generate_series(1, ${count}) g
    returning id`.execute(db)
  return rows.rows.map((r) => String(r.id))
}
