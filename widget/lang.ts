/** Picks fr or en from a BCP 47 tag (anything not English is French, the home language). */
export function pickLang(tag: string | null | undefined): 'fr' | 'en' {
  return tag?.toLowerCase().startsWith('en') ? 'en' : 'fr'
}
