/**
 * A URL- and id-safe slug: lower case ASCII letters and digits joined by single hyphens.
 * Accents are folded ("Schrödinger" -> "schrodinger"); other characters become separators.
 * Returns "" when nothing usable is left; callers decide what to do with that.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
