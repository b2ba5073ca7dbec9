/**
 * Finding URL-ish text and turning each spelling into one canonical URL.
 * Shared by link extraction and repository normalisation so both agree on every spelling.
 */

/** One URL found in a text; offsets are UTF-16 code units, end exclusive, debris excluded. */
export interface UrlCandidate {
  start: number;
  end: number;
  raw: string;
  url: URL;
}

// Printable ASCII except what never appears unescaped in a URL cited in prose: whitespace,
// quotes and brackets used as delimiters, and LaTeX braces/backslashes. A LaTeX-escaped
// character such as "\_" stays part of the URL.
const URL_CHAR = String.raw`(?:[!#$%&'()*+,\-./0-9:;=?@A-Z\[\]_a-z~]|\\[_%&#~$])`;

const WITH_SCHEME = String.raw`(?:https?|ftp)://${URL_CHAR}+`;

// Without a scheme: "github.com/owner/name", "www.example.org", "lab.github.io". The look-behind
// keeps us from starting inside a word, an e-mail address or another URL; the look-ahead from
// ending inside one ("john.doe@lab.org" has no URL in it).
const WITHOUT_SCHEME = String.raw`(?<![\w@.\-/:~%+=&?#\\])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?::\d{2,5})?(?![\w@-])(?:/${URL_CHAR}*)?`;

const URL_PATTERN = new RegExp(`${WITH_SCHEME}|${WITHOUT_SCHEME}`, 'gi');

/** Top-level domains accepted without a scheme when the text has a path or "www.". */
const TLDS_WITH_PATH = new Set(
  (
    'com org net io ai co edu gov dev app me top info xyz page site science tech cc tv ml gl ly to sh ht cloud ' +
    'us uk de fr cn jp kr ca au ch nl eu it es ru br se fi no dk at be pl cz in sg hk tw il nz ie pt gr hu ro ' +
    'mx ar za tr ir vn th my id ph'
  ).split(' '),
);

/**
 * Accepted for a bare lower-case host with no path ("lab.org"); short on purpose, because
 * ".in", ".it", ".no" and friends turn up in run-together sentences ("works.in").
 */
const TLDS_BARE = new Set(['com', 'org', 'net', 'io', 'ai', 'dev', 'app', 'edu']);

/** Every URL-ish thing in the text, in order, with trailing punctuation and markup debris removed. */
export function scanUrls(text: string): UrlCandidate[] {
  const out: UrlCandidate[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const raw = trimTrailingDebris(match[0]);
    if (raw === '' || !plausible(raw)) continue;
    const url = toUrl(raw);
    if (url) out.push({ start, end: start + raw.length, raw, url });
  }
  return out;
}

/** The canonical string form: https, lower-case host, no fragment, no trailing slash. */
export function formatUrl(url: URL, host: string = url.hostname): string {
  const protocol = url.protocol === 'http:' ? 'https:' : url.protocol;
  const port = url.port ? `:${url.port}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  return `${protocol}//${host}${port}${path}${url.search}`;
}

function hasScheme(raw: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
}

function plausible(raw: string): boolean {
  if (hasScheme(raw)) return true;
  const hostPort = raw.split('/', 1)[0]!;
  const host = hostPort.replace(/:\d+$/, '');
  const tld = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  if (/^www\./i.test(host) || raw.includes('/')) return TLDS_WITH_PATH.has(tld);
  // Bare "Node.js", "ASP.NET", "Booking.com" are names, not links; a bare link is written in lower case.
  return host === host.toLowerCase() && TLDS_BARE.has(tld);
}

/**
 * Drops what prose and markup leave at the end of a URL: sentence punctuation, closing quotes,
 * markdown emphasis, a LaTeX line break, and a closing bracket that has no opening one inside.
 */
function trimTrailingDebris(raw: string): string {
  let s = raw;
  for (;;) {
    const last = s.at(-1);
    if (last === undefined) return s;
    if ('.,;:!?\'"*`'.includes(last)) s = s.slice(0, -1);
    else if (last === '\\') s = s.slice(0, -1);
    else if (last === ')' && count(s, '(') < count(s, ')')) s = s.slice(0, -1);
    else if (last === ']' && count(s, '[') < count(s, ']')) s = s.slice(0, -1);
    else if (s.endsWith('\\_') || s.endsWith('\\%')) s = s.slice(0, -2);
    else return s;
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

function toUrl(raw: string): URL | null {
  const unescaped = raw.replace(/\\([_%&#~$])/g, '$1');
  let url: URL;
  try {
    url = new URL(hasScheme(unescaped) ? unescaped : `https://${unescaped}`);
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'ftp:'].includes(url.protocol)) return null;
  // "https://localhost" or "https://see" are not links anyone can follow.
  if (!url.hostname.includes('.') || url.hostname.startsWith('.') || url.hostname.endsWith('.')) return null;
  return url;
}
