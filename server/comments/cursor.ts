import { z } from 'zod'
import { fail } from '../http/errors.ts'

/**
 * Opaque keyset cursors: the sort keys of the last row shown, base64url-encoded JSON. Timestamps
 * travel as PostgreSQL's exact text (microseconds), so equal-looking times never skip or repeat rows.
 */

const positionSchema = z.object({
  /** What the cursor pages: a sort of top-level comments, or the replies of a comment. */
  k: z.enum(['newest', 'oldest', 'top', 'replies', 'queue', 'audit']),
  t: z.string().max(40).regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/).optional(),
  i: z.string().regex(/^\d{1,19}$/),
  l: z.number().int().min(-1_000_000_000).max(1_000_000_000).optional(),
  /** Free integer (e.g. a queue priority). */
  p: z.number().int().min(-100).max(100).optional(),
})

export type CursorPosition = z.infer<typeof positionSchema>

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url')
}

/** Decodes a cursor of the expected kind; anything else is a 400 `invalid_cursor`. */
export function decodeCursor(cursor: string, kind: CursorPosition['k']): CursorPosition {
  try {
    if (cursor.length > 300 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('shape')
    const position = positionSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()))
    if (position.k !== kind) throw new Error('kind')
    return position
  } catch {
    throw fail(400, 'invalid_cursor')
  }
}
