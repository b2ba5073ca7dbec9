import type { RepositoryRecord } from '../../model.js';
import { scanUrls } from './url.js';

/** Hosts whose `/owner/name` paths are source repositories. */
export const CODE_HOSTS: readonly string[] = ['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'gitee.com', 'git.sr.ht'];

const CODE_HOST_SET = new Set(CODE_HOSTS);

/** Hosts that serve files out of a repository on a code host, with the same `/owner/name` prefix. */
const HOST_ALIASES: Record<string, string> = {
  'raw.githubusercontent.com': 'github.com',
};

/** First path segments that are site pages, not owners ("github.com/topics/llm"). */
const RESERVED_OWNERS: Record<string, ReadonlySet<string>> = {
  'github.com': new Set(
    ('about account apps blog codespaces collections contact copilot customer-stories dashboard enterprise events explore ' +
      'features issues join login logout marketplace new notifications orgs organizations pricing pulls readme resources ' +
      'search security settings signup site solutions sponsors stars team topics trending users watching').split(' '),
  ),
  'gitlab.com': new Set('admin dashboard explore groups help projects search snippets users'.split(' ')),
  'bitbucket.org': new Set('account dashboard product repo site'.split(' ')),
  'codeberg.org': new Set('explore user admin repo'.split(' ')),
  'gitee.com': new Set('explore help login signup organizations'.split(' ')),
};

/** GitLab paths before "/-/" may nest groups; these mark where the project path ends in old-style URLs. */
const GITLAB_PAGES = new Set(['tree', 'blob', 'raw', 'commits', 'commit', 'issues', 'merge_requests', 'wikis', 'releases', 'tags', 'branches']);

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * The repository a URL points into, or null when it is not a repository on a code host.
 * Every spelling of one repository gives the same record: host without "www.", owner and
 * name in lower case (the hosts treat them case-insensitively), ".git" and any deeper path
 * (`/tree/main/src`), query or fragment dropped.
 */
export function repositoryFromUrl(url: URL): RepositoryRecord | null {
  let host = url.hostname.toLowerCase().replace(/^www\./, '');
  host = HOST_ALIASES[host] ?? host;
  if (!CODE_HOST_SET.has(host)) return null;

  const segments = url.pathname.split('/').filter((s) => s !== '').map(safeDecode);
  let ownerPath: string[];
  let name: string | undefined;
  if (host === 'gitlab.com') {
    let end = segments.indexOf('-');
    if (end === -1) end = segments.findIndex((s, i) => i >= 2 && GITLAB_PAGES.has(s));
    const project = end === -1 ? segments : segments.slice(0, end);
    ownerPath = project.slice(0, -1);
    name = project.at(-1);
  } else {
    ownerPath = segments.slice(0, 1);
    name = segments[1];
  }
  if (name === undefined || ownerPath.length === 0) return null;

  // Note: strip ".git" and sentence dots until stable ("r.git.git", "r.git.", "b."), so that
  // normalising an id's own URL gives the same id.
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(/\.git$/i, '').replace(/\.+$/, '');
  }
  const owner = ownerPath.join('/');
  if (host === 'git.sr.ht') {
    if (!/^~[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(owner)) return null;
  } else if (!ownerPath.every((s) => SEGMENT.test(s)) || RESERVED_OWNERS[host]?.has(ownerPath[0]!.toLowerCase())) {
    return null;
  }
  if (!SEGMENT.test(name)) return null;

  const id = `${host}/${owner}/${name}`.toLowerCase();
  return { id, url: `https://${id}`, host, owner: owner.toLowerCase(), name: name.toLowerCase() };
}

/**
 * Normalises any spelling of a repository URL (with or without scheme, "www.", ".git",
 * `\url{...}` or brace debris, trailing punctuation, deeper paths, `git@host:owner/name.git`)
 * to its RepositoryRecord. Returns null when the text is not a repository on a code host,
 * e.g. a project page, an owner-only GitHub URL or an e-mail address.
 */
export function normaliseRepositoryUrl(raw: string): RepositoryRecord | null {
  let text = raw.trim();
  // Clone URLs: "git@github.com:owner/name.git", "ssh://git@github.com/owner/name", "git://...", "git+https://...".
  const scp = /^[\w.-]+@([\w.-]+\.[a-z]{2,}):(?!\/\/)(.+)$/i.exec(text);
  if (scp) text = `https://${scp[1]}/${scp[2]}`;
  text = text.replace(/^(?:ssh:\/\/(?:[\w.-]+@)?|git:\/\/|git\+https?:\/\/)/i, 'https://');
  const first = scanUrls(text)[0];
  return first ? repositoryFromUrl(first.url) : null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
