import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findLinks, normaliseRepositoryUrl, type FoundLink } from '../../src/ingest/links/index.js';

const only = (text: string): FoundLink => {
  const links = findLinks(text);
  expect(links).toHaveLength(1);
  return links[0]!;
};

describe('normaliseRepositoryUrl', () => {
  const spellings = [
    'https://github.com/Owner/Name',
    'http://github.com/owner/name',
    'github.com/owner/name.',
    'https://github.com/owner/name.git',
    '\\url{https://github.com/owner/name}',
    '{https://github.com/owner/name}}',
    '(https://github.com/owner/name)',
    'GitHub.com/owner/name/',
    'https://github.com/owner/name/tree/main/src',
    'https://www.github.com/owner/name#readme',
    'https://github.com/owner/name),',
    '"https://github.com/owner/name";',
    '**https://github.com/owner/name**',
    '[code](https://github.com/owner/name)',
    'git@github.com:owner/name.git',
    'ssh://git@github.com/owner/name.git',
  ];

  it.each(spellings)('maps %s to github.com/owner/name', (spelling) => {
    expect(normaliseRepositoryUrl(spelling)).toEqual({
      id: 'github.com/owner/name',
      url: 'https://github.com/owner/name',
      host: 'github.com',
      owner: 'owner',
      name: 'name',
    });
  });

  it('undoes a LaTeX-escaped underscore in a repository name', () => {
    expect(normaliseRepositoryUrl('\\url{https://github.com/Lab/my\\_repo}')?.id).toBe('github.com/lab/my_repo');
  });

  it('recognises the other code hosts', () => {
    expect(normaliseRepositoryUrl('https://gitlab.com/Group/Project')?.id).toBe('gitlab.com/group/project');
    expect(normaliseRepositoryUrl('https://bitbucket.org/team/repo/src/master/')?.id).toBe('bitbucket.org/team/repo');
    expect(normaliseRepositoryUrl('https://codeberg.org/forgejo/forgejo')?.id).toBe('codeberg.org/forgejo/forgejo');
    expect(normaliseRepositoryUrl('https://gitee.com/mindspore/models')?.id).toBe('gitee.com/mindspore/models');
  });

  it('keeps GitLab subgroups in the owner and stops at "/-/"', () => {
    expect(normaliseRepositoryUrl('https://gitlab.com/lab/vision/segmenter/-/tree/main/configs')).toEqual({
      id: 'gitlab.com/lab/vision/segmenter',
      url: 'https://gitlab.com/lab/vision/segmenter',
      host: 'gitlab.com',
      owner: 'lab/vision',
      name: 'segmenter',
    });
    expect(normaliseRepositoryUrl('https://gitlab.com/lab/segmenter/tree/master')?.id).toBe('gitlab.com/lab/segmenter');
  });

  it('keeps the tilde of a SourceHut owner', () => {
    expect(normaliseRepositoryUrl('https://git.sr.ht/~sircmpwn/scdoc')).toMatchObject({ id: 'git.sr.ht/~sircmpwn/scdoc', owner: '~sircmpwn' });
    expect(normaliseRepositoryUrl('https://git.sr.ht/sircmpwn/scdoc')).toBeNull();
  });

  it('maps raw file URLs to their GitHub repository', () => {
    expect(normaliseRepositoryUrl('https://raw.githubusercontent.com/Owner/Name/main/README.md')?.id).toBe('github.com/owner/name');
  });

  it('returns null for things that are not repositories', () => {
    for (const raw of [
      'https://github.com/owner',
      'https://github.com/topics/diffusion',
      'https://github.com/orgs/openai/repositories',
      'https://gist.github.com/owner/0123456789abcdef',
      'https://owner.github.io/name',
      'https://huggingface.co/spaces/owner/demo',
      'https://example.org/owner/name',
      'owner/name',
      'someone@github.com',
      '',
    ]) {
      expect(normaliseRepositoryUrl(raw), raw).toBeNull();
    }
  });
});

describe('findLinks', () => {
  it('finds every spelling of one repository in an abstract, each with its own span', () => {
    const abstract =
      'Code: \\url{https://github.com/Owner/Name}. Mirror at GitHub.com/owner/name/ and ' +
      '(https://www.github.com/owner/name#readme); see also github.com/owner/name.';
    const links = findLinks(abstract);
    expect(links.map((l) => l.repository?.id)).toEqual(Array(4).fill('github.com/owner/name'));
    expect(links.every((l) => l.kind === 'code')).toBe(true);
    for (const link of links) expect(abstract.slice(link.span.start, link.span.end)).toBe(link.raw);
    expect(links.map((l) => l.raw)).toEqual([
      'https://github.com/Owner/Name',
      'GitHub.com/owner/name/',
      'https://www.github.com/owner/name#readme',
      'github.com/owner/name',
    ]);
  });

  it('finds both URLs of a LaTeX \\href and of "url{url}" debris', () => {
    const links = findLinks('Project page: https://chenhaoqcdyq.github.io/LMR/{https://chenhaoqcdyq.github.io/LMR/} and \\href{https://github.com/a/b}{https://github.com/a/b}.');
    expect(links.map((l) => l.url)).toEqual([
      'https://chenhaoqcdyq.github.io/LMR',
      'https://chenhaoqcdyq.github.io/LMR',
      'https://github.com/a/b',
      'https://github.com/a/b',
    ]);
  });

  it('strips trailing sentence punctuation and closing brackets, but keeps balanced parentheses', () => {
    expect(only('See https://github.com/HayeonLee/HELP.').raw).toBe('https://github.com/HayeonLee/HELP');
    expect(only('(available at https://lhmd.top/zpressor).').url).toBe('https://lhmd.top/zpressor');
    expect(only('see https://en.wikipedia.org/wiki/Bottleneck_(engineering)).').url).toBe('https://en.wikipedia.org/wiki/Bottleneck_(engineering)');
    expect(only("quoted 'https://example.org/x'!").url).toBe('https://example.org/x');
  });

  it('normalises links that are not repositories: scheme, host case, trailing slash, fragment', () => {
    const link = only('Demo at WWW.Example.ORG/Demo/Page/#top, enjoy.');
    expect(link.url).toBe('https://www.example.org/Demo/Page');
    expect(link.repository).toBeNull();
    expect(only('http://huggingface.co/datasets/Jessica-bader/SUB.').url).toBe('https://huggingface.co/datasets/Jessica-bader/SUB');
    expect(only('https://sites.google.com/view/recon-robot/?lang=en').url).toBe('https://sites.google.com/view/recon-robot?lang=en');
  });

  it('keeps the path case and the ".git" of a code link while the repository is canonical', () => {
    const link = only('https://github.com/YU-deep/VisMem.git.');
    expect(link.url).toBe('https://github.com/YU-deep/VisMem.git');
    expect(link.repository?.id).toBe('github.com/yu-deep/vismem');
  });

  it('classifies GitHub Pages and personal or lab sites as project pages', () => {
    expect(only('https://nieeim.github.io/LARA-Gen/.').kind).toBe('project');
    expect(only('Visit delta-diffusion.github.io for videos.').kind).toBe('project');
    expect(only('https://sites.google.com/view/recon-robot.').kind).toBe('project');
    expect(only('https://lhmd.top/zpressor.').kind).toBe('project');
    expect(only('https://www.cs.toronto.edu/~someone/project/').kind).toBe('project');
  });

  it('classifies Hugging Face Spaces as project pages, not code', () => {
    const link = only('Try the demo at https://huggingface.co/spaces/owner/demo.');
    expect([link.kind, link.repository]).toEqual(['project', null]);
  });

  it('classifies dataset links', () => {
    for (const text of [
      'http://huggingface.co/datasets/Jessica-bader/SUB.',
      'https://zenodo.org/records/1234567',
      'https://www.kaggle.com/datasets/owner/chest-xray',
      'https://figshare.com/articles/dataset/x/123',
    ]) {
      expect(only(text).kind, text).toBe('dataset');
    }
  });

  it('classifies Hugging Face models and paper links', () => {
    expect(only('Weights: https://huggingface.co/meta-llama/Llama-2-7b-hf').kind).toBe('model');
    expect(only('https://arxiv.org/abs/2103.03206').kind).toBe('paper');
    expect(only('https://doi.org/10.1145/3292500.3330701').kind).toBe('paper');
    expect(only('https://openreview.net/forum?id=abc123').kind).toBe('paper');
    expect(only('https://example.org/files/paper.pdf').kind).toBe('paper');
  });

  it('treats an owner-only GitHub URL as "other", not a repository', () => {
    const link = only('Our lab: https://github.com/ExplainableML.');
    expect(link).toMatchObject({ kind: 'other', repository: null, url: 'https://github.com/ExplainableML' });
  });

  it('classifies anonymised review mirrors and general platforms as "other"', () => {
    expect(only('https://anonymous.4open.science/r/MCD-70FD.').kind).toBe('other');
    expect(only('Video: https://www.youtube.com/watch?v=abc').kind).toBe('other');
  });

  it('undoes LaTeX escapes inside URLs', () => {
    const link = only('Code: \\url{https://github.com/Lab/my\\_repo\\_v2}}.');
    expect(link.raw).toBe('https://github.com/Lab/my\\_repo\\_v2');
    expect(link.url).toBe('https://github.com/Lab/my_repo_v2');
    expect(link.repository?.name).toBe('my_repo_v2');
  });

  it('does not take e-mail addresses, abbreviations, dotted names or numbers for URLs', () => {
    const abstract =
      'Contact jane.doe@lab.org or jane@github.com (e.g. for data, i.e., on request). Built with Node.js and ASP.NET, ' +
      'this works.in practice on v2.1 and runs 3.4times faster; see arXiv:2103.03206, Fig. 3, et al. and sub-tasks.However.';
    expect(findLinks(abstract)).toEqual([]);
  });

  it('finds a schemeless link at the end of a sentence', () => {
    const link = only('Code available at github.com/patrick-knab/MoTIF.');
    expect(link).toMatchObject({ raw: 'github.com/patrick-knab/MoTIF', url: 'https://github.com/patrick-knab/MoTIF', kind: 'code' });
  });

  it('returns nothing for text without links', () => {
    expect(findLinks('We propose a novel approach to latent reasoning.')).toEqual([]);
  });

  it('reads the links of the sample corpus', () => {
    const corpus = readFileSync(new URL('../../data/trending-papers.txt', import.meta.url), 'utf8');
    const links = findLinks(corpus);
    const repos = new Set(links.flatMap((l) => (l.repository ? [l.repository.id] : [])));
    expect(repos.size).toBe(22);
    expect(repos).toContain('github.com/multimodal-art-projection/latentcot-horizon');
    expect(repos).toContain('github.com/patrick-knab/motif');
    expect(repos).toContain('github.com/cccrrrccc/re-ttention');
    for (const link of links) {
      expect(link.url).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+(\/[^\s{}]*)?$/);
      expect(link.url).not.toMatch(/[.,;)}/]$/);
      if (link.url.includes('github.com/')) expect(link.kind).toBe('code');
      if (link.url.includes('.github.io')) expect(link.kind).toBe('project');
    }
    expect(links.filter((l) => l.kind === 'dataset').map((l) => l.url)).toEqual(['https://huggingface.co/datasets/Jessica-bader/SUB']);
  });
});
