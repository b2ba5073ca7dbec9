import type { LinkKind, RepositoryRecord } from '../../model.js';
import { canonicalHost, classifyLink } from './kind.js';
import { repositoryFromUrl } from './repository.js';
import { formatUrl, scanUrls } from './url.js';

/** A link found in a text. */
export interface FoundLink {
  /** The link as written (trailing punctuation and markup excluded); equals `text.slice(span.start, span.end)`. */
  raw: string;
  /** UTF-16 offsets into the text, end exclusive. */
  span: { start: number; end: number };
  /**
   * Canonical form: https, lower-case host ("www." dropped for well-known sites), LaTeX escapes
   * undone, no fragment, no trailing slash. The path keeps its case.
   */
  url: string;
  /** The repository when the link points into one on a code host, else null. */
  repository: RepositoryRecord | null;
  /** "code" exactly when `repository` is set. */
  kind: LinkKind | 'code';
}

/**
 * Every URL-ish thing in a text (an abstract), in order of appearance, including repeats:
 * `\href{u}{u}` yields two links with different spans. Schemeless links are found when they
 * have a path or "www." ("github.com/owner/name"); e-mail addresses, abbreviations ("e.g.")
 * and dotted names ("Node.js") are not links.
 */
export function findLinks(text: string): FoundLink[] {
  return scanUrls(text).map(({ start, end, raw, url }) => {
    const repository = repositoryFromUrl(url);
    return {
      raw,
      span: { start, end },
      url: formatUrl(url, canonicalHost(url.hostname)),
      repository,
      kind: repository ? 'code' : classifyLink(url),
    };
  });
}
