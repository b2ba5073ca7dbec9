import type { LinkKind } from '../../model.js';

/** Scholarly publishers, preprint servers and indexes: a link there is a paper. */
const PAPER_HOSTS = new Set([
  'arxiv.org', 'export.arxiv.org', 'doi.org', 'dx.doi.org', 'openreview.net', 'aclanthology.org', 'aclweb.org',
  'proceedings.neurips.cc', 'papers.nips.cc', 'proceedings.mlr.press', 'openaccess.thecvf.com', 'ieeexplore.ieee.org',
  'dl.acm.org', 'link.springer.com', 'sciencedirect.com', 'biorxiv.org', 'medrxiv.org', 'chemrxiv.org', 'semanticscholar.org',
  'ojs.aaai.org', 'jmlr.org', 'pubmed.ncbi.nlm.nih.gov', 'ssrn.com', 'papers.ssrn.com', 'nature.com', 'science.org',
  'pnas.org', 'journals.plos.org', 'frontiersin.org', 'mdpi.com', 'ijcai.org', 'iclr.cc', 'researchgate.net',
]);

/** Data repositories: a link there is a dataset. */
const DATASET_HOSTS = new Set([
  'zenodo.org', 'figshare.com', 'datadryad.org', 'data.mendeley.com', 'physionet.org', 'openml.org', 'archive.ics.uci.edu',
  'registry.opendata.aws', 'data.world', 'dataverse.harvard.edu', 'osf.io',
]);

/** Platforms with their own pages for many things; a link there is "other" unless a path rule says more. */
const GENERAL_HOSTS = new Set([
  'youtube.com', 'youtu.be', 'vimeo.com', 'twitter.com', 'x.com', 'facebook.com', 'linkedin.com', 'reddit.com', 'medium.com',
  'discord.gg', 'discord.com', 't.me', 'bit.ly', 'goo.gl', 'tinyurl.com', 'google.com', 'docs.google.com', 'drive.google.com',
  'colab.research.google.com', 'dropbox.com', 'pypi.org', 'npmjs.com', 'hub.docker.com', 'anaconda.org', 'conda-forge.org',
  'anonymous.4open.science', 'paperswithcode.com', 'kaggle.com', 'huggingface.co', 'hf.co', 'modelscope.cn', 'gist.github.com',
  'github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'gitee.com', 'git.sr.ht', 'wikipedia.org', 'stackoverflow.com',
]);

/** Static-site hosts where every subdomain is somebody's project page. */
const PROJECT_PAGE_SUFFIXES = ['.github.io', '.gitlab.io', '.pages.dev', '.netlify.app', '.vercel.app', '.readthedocs.io', '.webflow.io'];

/** First path segments of huggingface.co that are site sections, not model owners. */
const HF_SECTIONS = new Set([
  'docs', 'blog', 'models', 'learn', 'posts', 'collections', 'organizations', 'settings', 'pricing', 'login', 'join',
  'tasks', 'api', 'chat', 'search', 'enterprise', 'welcome',
]);

/**
 * What a non-repository link points at.
 * - paper: preprint servers, DOIs, publishers, OpenReview, huggingface.co/papers, any ".pdf".
 * - dataset: data repositories (Zenodo, figshare, ...), huggingface.co/datasets, kaggle.com/datasets|competitions.
 * - model: huggingface.co/owner/model, modelscope.cn/models, kaggle.com/models.
 * - project: static-site subdomains (*.github.io, ...), sites.google.com, Hugging Face Spaces (demos, not
 *   source code), and any site we do not recognise: in an abstract that is almost always a personal, lab or
 *   project page.
 * - other: recognised general platforms (video, social, search, storage, package indexes, Wikipedia) and the
 *   non-repository pages of code and model hosts, e.g. an owner-only "github.com/owner".
 */
export function classifyLink(url: URL): LinkKind {
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const first = segments[0]?.toLowerCase();

  if (/\.pdf$/i.test(url.pathname)) return 'paper';
  if (PAPER_HOSTS.has(host)) return 'paper';
  if (DATASET_HOSTS.has(host) || host.endsWith('.figshare.com') || host.startsWith('dataverse.')) return 'dataset';
  if (PROJECT_PAGE_SUFFIXES.some((suffix) => host.endsWith(suffix)) || host === 'sites.google.com') return 'project';

  if (host === 'huggingface.co' || host === 'hf.co') {
    if (first === 'datasets') return segments.length >= 2 ? 'dataset' : 'other';
    if (first === 'spaces') return segments.length >= 2 ? 'project' : 'other';
    if (first === 'papers') return segments.length >= 2 ? 'paper' : 'other';
    if (first !== undefined && !HF_SECTIONS.has(first) && segments.length >= 2) return 'model';
    return 'other';
  }
  if (host === 'kaggle.com') {
    if ((first === 'datasets' || first === 'competitions' || first === 'c') && segments.length >= 2) return 'dataset';
    if (first === 'models' && segments.length >= 2) return 'model';
    return 'other';
  }
  if (host === 'modelscope.cn') {
    if (first === 'models' && segments.length >= 2) return 'model';
    if (first === 'datasets' && segments.length >= 2) return 'dataset';
    return 'other';
  }
  if (host === 'paperswithcode.com') {
    if (first === 'dataset' && segments.length >= 2) return 'dataset';
    if (first === 'paper' && segments.length >= 2) return 'paper';
    return 'other';
  }
  if (GENERAL_HOSTS.has(host) || host.endsWith('.wikipedia.org')) return 'other';
  return 'project';
}

/** Sites that answer the same with or without "www."; only for these is it dropped. */
export function canonicalHost(hostname: string): string {
  const bare = hostname.toLowerCase().replace(/^www\./, '');
  if (bare === hostname.toLowerCase()) return bare;
  return PAPER_HOSTS.has(bare) || DATASET_HOSTS.has(bare) || GENERAL_HOSTS.has(bare) ? bare : hostname.toLowerCase();
}
