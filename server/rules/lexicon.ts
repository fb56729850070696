import disguise from './lexicon/disguise.json' with { type: 'json' }
import en from './lexicon/en.json' with { type: 'json' }
import fr from './lexicon/fr.json' with { type: 'json' }
import phrases from './lexicon/phrases.json' with { type: 'json' }
import { foldText, normalize } from './normalize.ts'
import { tokenize } from './tokens.ts'
import type { RuleSettings } from './rules.settings.ts'
import { addPattern, newTrie, type PhraseTier, type Trie } from './trie.ts'

/**
 * The lexicon compiled from the data files in lexicon/ (reviewed like code, versioned), and a site's
 * own additions and removals laid over it. Lookups are Map hits on whole folded words.
 */

export type Tier = 'banned' | 'vulgar' | 'insult' | 'suspect'

export interface Entry {
  /** Canonical term, as a reader would write it: named in messages and stored with the match. */
  term: string
  tier: Tier
  /** Also an insult when aimed at someone (« connard »). */
  insult: boolean
}

interface RawEntry {
  term: string
  tier: string
  insult?: boolean
  forms: string[]
  allow: string[]
}

/** The rule-set version, to store with every match: the lexicon files change it together. */
export const LEXICON_VERSION = fr.version

const MASK = '?'
const TIER_RANK: Record<Tier, number> = { suspect: 0, insult: 1, vulgar: 2, banned: 3 }

/** Words of one lookup table with their masked variants (`c?n`) for `c*n`-style masking. */
export interface WordTable {
  words: Map<string, Entry>
  masked: Map<string, Entry>
}

function newTable(): WordTable {
  return { words: new Map(), masked: new Map() }
}

function keep(map: Map<string, Entry>, key: string, entry: Entry) {
  const old = map.get(key)
  if (!old || TIER_RANK[entry.tier] > TIER_RANK[old.tier]) map.set(key, entry)
}

/** Adds a word and, for words long enough to stay recognisable, its one- and two-mask variants. */
function addWord(table: WordTable, form: string, entry: Entry) {
  keep(table.words, form, entry)
  const chars = [...form]
  if (chars.length < 3) return
  for (let i = 0; i < chars.length; i++) {
    const one = chars.slice()
    one[i] = MASK
    keep(table.masked, one.join(''), entry)
    if (chars.length < 4) continue
    for (let j = i + 1; j < chars.length; j++) {
      const two = one.slice()
      two[j] = MASK
      keep(table.masked, two.join(''), entry)
    }
  }
}

export interface BaseLexicon {
  table: WordTable
  allow: Set<string>
  trie: Trie
  targets: Set<string>
  targetsElided: Set<string>
  possessives: Set<string>
}

function compileBase(): BaseLexicon {
  const table = newTable()
  const allow = new Set<string>()
  for (const file of [fr, en]) {
    for (const raw of file.entries as RawEntry[]) {
      const entry: Entry = { term: raw.term, tier: raw.tier as Tier, insult: raw.insult === true }
      if (entry.tier === 'insult') entry.insult = true
      for (const form of raw.forms) addWord(table, foldText(form), entry)
      for (const word of raw.allow) allow.add(foldText(word))
    }
  }
  const trie = newTrie()
  for (const p of phrases.phrases) {
    for (const pattern of p.patterns) addPattern(trie, pattern, { term: p.term, tier: p.tier as PhraseTier })
  }
  return {
    table,
    allow,
    trie,
    targets: new Set(phrases.targets),
    targetsElided: new Set(phrases.targetsElided),
    possessives: new Set(phrases.possessives),
  }
}

export const baseLexicon: BaseLexicon = compileBase()

/** The lexicon one site sees: the base, its own terms, minus the terms it allows. */
export interface SiteLexicon {
  base: BaseLexicon
  extra: WordTable
  extraTrie: Trie | null
  /** Folded words and phrases the site allows: never matched, whatever lists them. */
  removed: Set<string>
}

const termKeys = new Map<string, string>()

/** A term as the matcher sees it: folded words, split like a comment (`Martin-Durand`). */
export function termKey(term: string): string {
  let key = termKeys.get(term)
  if (key === undefined) {
    key = tokenize(normalize(term))
      .map((t) => t.text)
      .join(' ')
    if (termKeys.size < 10_000) termKeys.set(term, key)
  }
  return key
}

const cache = new Map<string, SiteLexicon>()
const CACHE_SIZE = 64
const emptyWords = { banned: [], suspect: [], allowed: [] }

/** The site's lexicon, compiled once per distinct word settings (a small LRU). */
export function siteLexicon(words: Pick<RuleSettings['words'], 'banned' | 'suspect' | 'allowed'> = emptyWords): SiteLexicon {
  const key = JSON.stringify([words.banned, words.suspect, words.allowed])
  const hit = cache.get(key)
  if (hit) {
    cache.delete(key)
    cache.set(key, hit)
    return hit
  }
  const extra = newTable()
  let extraTrie: Trie | null = null
  const add = (term: string, tier: Tier) => {
    const folded = termKey(term)
    if (!folded) return
    const entry: Entry = { term, tier, insult: false }
    if (!folded.includes(' ')) addWord(extra, folded, entry)
    else {
      extraTrie ??= newTrie()
      // Site phrases are literal: `|` and `?` in an admin's text are not pattern syntax.
      addPattern(extraTrie, folded, { term, tier }, true)
    }
  }
  for (const term of words.suspect) add(term, 'suspect')
  for (const term of words.banned) add(term, 'banned')
  const removed = new Set(words.allowed.map(termKey))
  const lexicon: SiteLexicon = { base: baseLexicon, extra, extraTrie, removed }
  cache.set(key, lexicon)
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!)
  return lexicon
}

function allowed(lex: SiteLexicon, entry: Entry | undefined): Entry | undefined {
  if (!entry) return undefined
  if (lex.removed.size === 0) return entry
  return lex.removed.has(termKey(entry.term)) ? undefined : entry
}

/** The entry for a whole folded word, if listed and not allowed by the site. */
export function lookupWord(lex: SiteLexicon, key: string): Entry | undefined {
  if (lex.removed.has(key)) return undefined
  return allowed(lex, lex.extra.words.get(key) ?? lex.base.table.words.get(key))
}

const MASK_CHARS = new Set([...disguise.masks])

/** The entry for a word typed with masks (`c*n`, `p#te`): each mask stands for one letter. */
export function lookupMasked(lex: SiteLexicon, key: string): Entry | undefined {
  let pattern = ''
  for (const ch of key) pattern += MASK_CHARS.has(ch) ? MASK : ch
  return allowed(lex, lex.extra.masked.get(pattern) ?? lex.base.table.masked.get(pattern))
}
