import { checkContent, type ContentContext } from './content.ts'
import { decide, type RuleAction, type Span } from './rules.types.ts'

/**
 * The answer of `npx palabre rules:check` and `POST …/rules/check` for one text: what the content
 * rules would decide, and why, without posting anything (SPEC §5).
 */

export interface RulesCheckLine {
  action: RuleAction
  matches: { rule: string; term?: string; spans: Span[] }[]
}

/** Runs the content rules on one text and keeps what an admin needs to read. */
export function rulesCheckLine(text: string, ctx: ContentContext): RulesCheckLine {
  const decision = decide(checkContent(text, ctx))
  return {
    action: decision.action,
    matches: decision.matches.map((m) => ({
      rule: m.rule,
      ...(m.term !== undefined && { term: m.term }),
      spans: m.spans,
    })),
  }
}
