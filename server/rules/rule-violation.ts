import { AppError } from '../http/errors.ts'
import type { Site } from '../sites/site.ts'
import { ruleMessage } from './messages.ts'
import type { RuleMatch } from './rules.types.ts'

/**
 * 422 `rule_violation`: the comment (or display name) breaks a rule. The answer names the rule, says
 * in the author's language what to change, and gives the spans to highlight; nothing is stored.
 */
export class RuleViolation extends AppError {
  constructor(match: RuleMatch, site: Site, field: 'body' | 'name' = 'body') {
    const rulesUrl = site.settings.rulesUrl ?? undefined
    super(
      422,
      'rule_violation',
      (lang) => ruleMessage(match.rule, lang, { term: match.term, rulesUrl }),
      {
        rule: match.rule,
        field,
        spans: match.spans,
        ...(match.term !== undefined && { term: match.term }),
        ...(rulesUrl && { rulesUrl }),
      },
    )
  }
}
