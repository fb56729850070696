import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * The one `Database` interface: every table Palabre stores, as Kysely sees it.
 * bigint ids come back from `pg` as strings, which is also how the API shows them.
 */

type Id = ColumnType<string, string | number | bigint | undefined, never>
type Ref = ColumnType<string, string | number | bigint, string | number | bigint>
type NullableRef = ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json<T> = ColumnType<T, string, string>

export type ThreadStatus = 'open' | 'closed'
export type CommentStatus = 'published' | 'pending' | 'rejected' | 'deleted'
export type ReaderKind = 'guest' | 'sso'
export type AccountRole = 'admin' | 'moderator'
export type SanctionKind = 'warn' | 'suspend' | 'ban' | 'premod'

export interface SiteTable {
  id: string
  name: string
  allowed_origins: ColumnType<string[], string[] | undefined, string[]>
  settings: Json<Record<string, unknown>>
  rules_text: Json<Record<string, string>>
  sso_secret: string | null
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface ThreadTable {
  id: Generated<string>
  site_id: string
  article: string
  title: Generated<string>
  url: Generated<string>
  status: Generated<ThreadStatus>
  /** The base of the published count: the true count adds this thread's `thread_count_shard` rows. */
  comment_count: Generated<number>
  created_at: CreatedAt
}

/** Changes to a thread's published count, spread over shards so hot threads don't queue on one row. */
export interface ThreadCountShardTable {
  thread_id: Ref
  shard: number
  delta: Generated<number>
}

export interface ReaderTable {
  id: Generated<string>
  site_id: string
  kind: ReaderKind
  external_id: string | null
  name: string
  email: string | null
  premod: Generated<boolean>
  /** The site's own staff, per its SSO token: content rules do not apply, rate limits do. */
  staff: Generated<boolean>
  approved_count: Generated<number>
  rejected_count: Generated<number>
  created_at: CreatedAt
  last_comment_at: NullableTimestamp
}

export interface CommentTable {
  id: Generated<string>
  thread_id: Ref
  site_id: string
  parent_id: NullableRef
  root_id: NullableRef
  reply_to_id: NullableRef
  depth: Generated<number>
  author_id: Ref
  body: string
  status: CommentStatus
  /** 0 low, 1 normal, 2 high, 3 urgent. */
  priority: Generated<number>
  flagged: Generated<boolean>
  rule_matches: ColumnType<unknown[], string | undefined, string>
  ruleset_version: string | null
  normalized_hash: string | null
  like_count: Generated<number>
  reply_count: Generated<number>
  report_score: Generated<number>
  report_count: Generated<number>
  ip_hash: string | null
  created_at: CreatedAt
  edited_at: NullableTimestamp
  decided_at: NullableTimestamp
  decided_by: NullableRef
  decision_reason: string | null
}

export interface CommentLikeTable {
  comment_id: Ref
  reader_id: Ref
  created_at: CreatedAt
}

export interface ReportTable {
  id: Generated<string>
  comment_id: Ref
  reader_id: Ref
  reason: string
  note: string | null
  weight: Generated<number>
  created_at: CreatedAt
}

export interface IdempotencyKeyTable {
  site_id: string
  reader_id: Ref
  key: string
  request_hash: string
  status: number
  /** What the first answer said beside the comment: its outcome and notice. */
  response: Json<unknown>
  /** The comment the first request created. */
  comment_id: NullableRef
  created_at: CreatedAt
}

export interface RateBucketTable {
  key: string
  window_start: Timestamp
  count: Generated<number>
}

export interface AccountTable {
  id: Generated<string>
  email: string
  name: string
  password_hash: string
  role: AccountRole
  disabled: Generated<boolean>
  created_at: CreatedAt
}

export interface AccountSiteTable {
  account_id: Ref
  site_id: string
}

export interface SessionTable {
  id: string
  account_id: Ref
  csrf_token: string
  created_at: CreatedAt
  expires_at: Timestamp
}

export interface SanctionTable {
  id: Generated<string>
  site_id: string
  reader_id: Ref
  kind: SanctionKind
  until: NullableTimestamp
  reason: string
  created_by: Ref
  created_at: CreatedAt
  lifted_at: NullableTimestamp
  lifted_by: NullableRef
}

export interface AuditLogTable {
  id: Generated<string>
  site_id: string | null
  actor_id: NullableRef
  action: string
  target_type: string
  target_id: string
  before: ColumnType<unknown, string | null | undefined, never>
  after: ColumnType<unknown, string | null | undefined, never>
  reason: string | null
  created_at: CreatedAt
}

export interface Database {
  site: SiteTable
  thread: ThreadTable
  thread_count_shard: ThreadCountShardTable
  reader: ReaderTable
  comment: CommentTable
  comment_like: CommentLikeTable
  report: ReportTable
  idempotency_key: IdempotencyKeyTable
  rate_bucket: RateBucketTable
  account: AccountTable
  account_site: AccountSiteTable
  session: SessionTable
  sanction: SanctionTable
  audit_log: AuditLogTable
}

export type SiteRow = Selectable<SiteTable>
export type ThreadRow = Selectable<ThreadTable>
export type ReaderRow = Selectable<ReaderTable>
export type CommentRow = Selectable<CommentTable>
export type NewComment = Insertable<CommentTable>
export type CommentUpdate = Updateable<CommentTable>
export type AccountRow = Selectable<AccountTable>
export type SanctionRow = Selectable<SanctionTable>
