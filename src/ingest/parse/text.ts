import { InputError } from './errors.js';
import { checkAbstract, checkTitle, collapseWhitespace, preview, splitLines, type ParsedPaper, type SourceLine } from './record.js';

/**
 * Plain text: after any page debris, non-blank lines alternate title, abstract.
 * Blank lines anywhere are ignored, so records may or may not be separated by them.
 *
 * Input is usually scraped from a web page, so the start (and end) may carry UI chrome:
 * call-to-action lines ("Get the latest research in your inbox!"), bare button labels,
 * navigation and cookie banners, and a button label glued to the first title
 * ("SubscribeDeep Residual Learning: ..."). These are recognised by shape, see isPageChrome.
 */
export function parseText(text: string, file: string): ParsedPaper[] {
  const lines: SourceLine[] = splitLines(text)
    .map((raw, index) => ({ text: collapseWhitespace(raw), line: index + 1 }))
    .filter((l) => l.text !== '');
  if (lines.length === 0) throw new InputError(file, null, 'no papers found');

  const first = lines[0]!;
  if (first.text === '[' || first.text.startsWith('[{')) {
    throw new InputError(file, first.line, 'looks like a JSON array; expected JSON Lines (one object per line) or plain text');
  }

  // A page footer (copyright, "Follow us", ...) ends the records: find where the trailing run of chrome starts.
  let footer = lines.length;
  while (footer > 0 && isPageChrome(lines[footer - 1]!.text)) footer--;

  const papers: ParsedPaper[] = [];
  let i = skipLeadingChrome(lines);
  while (i < footer) {
    const title = lines[i]!;
    const next = lines[i + 1];
    if (readsAsAbstract(title.text)) {
      throw new InputError(
        file,
        title.line,
        `expected a title but found a paragraph (${title.text.length} characters): an abstract with no title, or an abstract split over several lines?`,
      );
    }
    if (next === undefined) {
      throw new InputError(file, title.line, `title with no abstract: ${JSON.stringify(preview(title.text))} is the last line`);
    }
    if (looksLikeTitle(next.text)) {
      throw new InputError(
        file,
        title.line,
        `title with no abstract: ${JSON.stringify(preview(title.text))} is followed by another title-like line (line ${next.line})` +
          (papers.length === 0 ? '; if it is page text rather than a paper title, delete it' : ''),
      );
    }

    const titleText = papers.length === 0 ? stripGluedLabel(title.text, next.text) : title.text;
    checkTitle(titleText, file, title.line);
    checkAbstract(next.text, file, next.line);
    papers.push({ title: titleText, abstract: next.text, line: title.line });
    i += 2;
  }
  if (papers.length === 0) throw new InputError(file, null, 'no papers found (only page debris)');
  return papers;
}

/**
 * Words that end a sentence without ending it ("e.g.", "et al.", "vs."), so a title such as
 * "Transformers vs. RNNs" is not read as two sentences.
 */
const ABBREVIATIONS = new Set([
  'al', 'approx', 'cf', 'ch', 'co', 'dr', 'eg', 'eq', 'eqs', 'etc', 'fig', 'figs', 'ie', 'inc', 'jr', 'ltd', 'mr', 'mrs', 'ms',
  'no', 'nos', 'pp', 'prof', 'ref', 'refs', 'resp', 'sec', 'sr', 'st', 'viz', 'vol', 'vs',
]);

/** Full stops followed by a new capitalised sentence; "?" and "!" are left out because titles use them. */
function sentenceBreaks(text: string): number {
  let count = 0;
  for (const m of text.matchAll(/([\p{L}\p{N}]+)\.["')\]]*\s+["'(\[]*\p{Lu}/gu)) {
    const word = m[1]!;
    if (word.length >= 2 && !ABBREVIATIONS.has(word.toLowerCase())) count++;
  }
  return count;
}

const ENDS_WITH_FULL_STOP = /\.["')\]]*$/;

/** A title: short, one sentence, no final full stop (a "?" is fine). */
function looksLikeTitle(text: string): boolean {
  return text.length < 150 && sentenceBreaks(text) === 0 && !ENDS_WITH_FULL_STOP.test(text);
}

/** Prose in the abstract sense: long, or several sentences. */
function isProse(text: string): boolean {
  return !isPageChrome(text) && (text.length >= 150 || sentenceBreaks(text) >= 1);
}

/** Stricter than isProse: used where a title is expected, so that long titles are never refused. */
function readsAsAbstract(text: string): boolean {
  return text.length >= 300 || (text.length >= 80 && sentenceBreaks(text) >= 1 && ENDS_WITH_FULL_STOP.test(text));
}

/** A line that is nothing but a button or link label. */
const BARE_LABEL =
  /^(?:subscribe|unsubscribe|sign ?up|sign ?in|sign ?out|log ?in|log ?out|register|follow|share|download|menu|home|search|close|back|next|previous|more|load more|show more|see all|view all|read more|skip to (?:main )?content|accept(?: all)?(?: cookies)?|reject(?: all)?|cookie settings|manage cookies|privacy(?: policy)?|terms(?: of (?:service|use))?|contact(?: us)?|about(?: us)?)[\s!.:>»›→…|·•-]*$/i;

/** Vocabulary of calls to action and page furniture; titles practically never use these words. */
const CALL_TO_ACTION =
  /\b(?:un)?subscribe\b|\bsign(?:ed|ing)?[ -]?(?:up|in|out)\b|\blog(?:ged|ging)?[ -]?(?:in|out)\b|\bnewsletters?\b|\binbox\b|\be-?mails?\b|\bcookies?\b|\bnotifications?\b|\bcreate (?:an |a free |your )?account\b|\bfollow us\b|\bjoin us\b|\b(?:download|get) (?:the|our) app\b|\ball rights reserved\b|\bprivacy policy\b|\bterms of (?:service|use)\b|\bskip to (?:main )?content\b/i;

/** "Home | Papers | Datasets", "Papers › Trending": navigation, not a title. */
const BREADCRUMB = /^[^|·•»›]{1,30}(?:\s*[|·•»›]\s*[^|·•»›]{1,30})+$/;

const COPYRIGHT = /^(?:©|\(c\)|copyright\b)/i;

/**
 * UI chrome of a scraped page: short, and a bare button label, a call to action, navigation,
 * a copyright line, or a short exclamation ("Don't miss out!"; paper titles almost never end in "!").
 */
export function isPageChrome(text: string): boolean {
  if (text.length > 160) return false;
  if (BARE_LABEL.test(text) || CALL_TO_ACTION.test(text) || BREADCRUMB.test(text) || COPYRIGHT.test(text)) return true;
  return text.endsWith('!') && text.split(' ').length <= 15;
}

/**
 * Skips chrome at the top of the file. A chrome-looking line directly followed by prose is
 * kept: in the title/abstract rhythm it is a title (a paper may well be called "Follow the Data!").
 * A bare label ("Subscribe") is never a title.
 */
function skipLeadingChrome(lines: readonly SourceLine[]): number {
  let i = 0;
  while (i < lines.length) {
    const text = lines[i]!.text;
    const next = lines[i + 1];
    if (!isPageChrome(text)) break;
    if (!BARE_LABEL.test(text) && next !== undefined && isProse(next.text)) break;
    i++;
  }
  return i;
}

/**
 * Button labels that scrapers glue to the following heading. Case-sensitive and followed by a
 * capital or digit with no space: "SubscribeDeep Residual Learning: ...".
 */
const GLUED_LABEL = /^(?:Subscribe|Unsubscribe|Sign up|Sign Up|Sign in|Sign In|Log in|Log In|Login|Follow|Share|Download|Menu|Home)(?=[\p{Lu}\p{N}])/u;

/**
 * Removes a glued button label from the first title. Real names start the same way
 * ("ShareGPT4V", "FollowBench", "HomeRobot"), and a paper names itself in its abstract,
 * so the label is kept when the glued word also appears in the abstract.
 */
function stripGluedLabel(title: string, abstract: string): string {
  const match = GLUED_LABEL.exec(title);
  if (!match) return title;
  const rest = title.slice(match[0].length);
  const gluedWord = (match[0] + (/^[\p{L}\p{N}_-]*/u.exec(rest)?.[0] ?? '')).split(' ').pop()!;
  if (abstract.toLowerCase().includes(gluedWord.toLowerCase())) return title;
  const stripped = rest.trim();
  return stripped === '' ? title : stripped;
}
