import type { Executor } from '../sites/sites.repository.ts'

/** A response remembered under a client's `Idempotency-Key`, replayed on retries. */
export interface StoredResponse {
  requestHash: string
  status: number
  body: unknown
}

export async function findStoredResponse(
  db: Executor,
  key: { siteId: string; readerId: string; key: string },
): Promise<StoredResponse | undefined> {
  const row = await db
    .selectFrom('idempotency_key')
    .select(['request_hash', 'status', 'response'])
    .where('site_id', '=', key.siteId)
    .where('reader_id', '=', key.readerId)
    .where('key', '=', key.key)
    .executeTakeFirst()
  return row && { requestHash: row.request_hash, status: row.status, body: row.response }
}

export async function storeResponse(
  db: Executor,
  key: { siteId: string; readerId: string; key: string },
  response: StoredResponse,
): Promise<void> {
  await db
    .insertInto('idempotency_key')
    .values({
      site_id: key.siteId,
      reader_id: key.readerId,
      key: key.key,
      request_hash: response.requestHash,
      status: response.status,
      response: JSON.stringify(response.body),
    })
    .execute()
}
