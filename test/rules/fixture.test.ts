import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { checkContent } from '../../server/rules/content.ts'
import { ruleSettingsSchema } from '../../server/rules/rules.settings.ts'
import { decide, type RuleAction } from '../../server/rules/rules.types.ts'

/**
 * The table of SPEC §5 in practice: each line of fixture.jsonl is a text, the action expected and
 * the rules that must be among the matches. A text expected to publish must match nothing at all.
 */

interface Case {
  text: string
  expect: RuleAction
  rules: string[]
  lang?: string
  note?: string
  term?: string
  approved?: number
  settings?: unknown
}

const cases: Case[] = readFileSync(new URL('./fixture.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Case)

const outcomes = { abusive: 0, stopped: 0, clean: 0, passing: 0 }

function run(c: Case) {
  const settings = ruleSettingsSchema.parse(c.settings ?? {})
  const matches = checkContent(c.text, {
    settings,
    siteName: 'Le Quotidien',
    authorApprovedCount: c.approved ?? 5,
  })
  return { matches, decision: decide(matches) }
}

describe('rules fixture', () => {
  it('has at least 450 cases and 120 clean news comments', () => {
    expect(cases.length).toBeGreaterThanOrEqual(450)
    expect(cases.filter((c) => c.note === 'news comment').length).toBeGreaterThanOrEqual(120)
  })

  it.each(cases.map((c, i) => [i + 1, c.text.slice(0, 60), c] as const))('#%i %s', (_i, _t, c) => {
    const { matches, decision } = run(c)
    const clean = c.expect === 'publish'
    if (clean) outcomes.clean++
    else outcomes.abusive++
    const summary = matches.map((m) => `${m.rule}:${m.action}:${m.term ?? ''}`)
    expect(decision.action, summary.join(', ')).toBe(c.expect)
    if (clean) expect(summary).toEqual([])
    for (const rule of c.rules) expect(summary.join(' '), `rule ${rule}`).toContain(`${rule}:`)
    if (c.term) expect(matches.map((m) => m.term)).toContain(c.term)
    for (const m of matches) {
      for (const s of m.spans) {
        expect(s.start).toBeGreaterThanOrEqual(0)
        expect(s.end).toBeLessThanOrEqual(c.text.length)
        expect(s.start).toBeLessThanOrEqual(s.end)
      }
    }
    if (clean) outcomes.passing++
    else outcomes.stopped++
  })

  afterAll(() => {
    console.log(
      `rules fixture: abusive stopped ${outcomes.stopped}/${outcomes.abusive}, ` +
        `clean passing ${outcomes.passing}/${outcomes.clean}`,
    )
  })

  it('summary: every abusive case stopped, every clean case published', () => {
    let abusive = 0
    let stopped = 0
    let clean = 0
    let passing = 0
    for (const c of cases) {
      const { decision } = run(c)
      if (c.expect === 'publish') {
        clean++
        if (decision.action === 'publish') passing++
      } else {
        abusive++
        if (decision.action === c.expect) stopped++
      }
    }
    console.log(`summary: abusive stopped ${stopped}/${abusive}, clean passing ${passing}/${clean}`)
    expect({ stopped, passing }).toEqual({ stopped: abusive, passing: clean })
  })
})
