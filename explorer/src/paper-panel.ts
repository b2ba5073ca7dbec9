import { communityColor } from './colors';
import { bindItems } from './concept-panel';
import { detail, externalLink, h, plural, replace } from './dom';
import { highlightSpans } from './highlight';
import type { PaperDetail } from './queries';

export interface PaperPanelHandlers {
  onConcept(id: string, name: string): void;
  onPaper(id: string): void;
}

const LINK_KIND: Readonly<Record<string, string>> = {
  DATASET: 'Dataset',
  MODEL: 'Model',
  PAPER: 'Paper',
  PROJECT: 'Project page',
  OTHER: 'Link',
};

/** The abstract with every mention of the paper's concepts (the API's spans) in a `mark`, tied to its concept. */
function abstractWithMarks(paper: PaperDetail): HTMLElement {
  const spans = paper.concepts.flatMap((m) =>
    m.spans.filter((s) => s.field === 'ABSTRACT').map((s) => ({ start: s.start, end: s.end, key: m.concept.id, weight: m.confidence })),
  );
  const names = new Map(paper.concepts.map((m) => [m.concept.id, m.concept]));
  const segments = highlightSpans(paper.abstract, spans);
  return h(
    'p',
    { class: 'abstract' },
    segments.map((s) => {
      const concept = s.key === undefined ? undefined : names.get(s.key);
      if (!concept) return s.text;
      return h('mark', { 'data-concept': concept.id, title: concept.name, '--mark': communityColor(concept.community) }, s.text);
    }),
  );
}

/** Fills the paper panel: title, abstract with highlights, concepts, code, links, similar papers. */
export function renderPaper(panel: HTMLElement, paper: PaperDetail, handlers: PaperPanelHandlers): void {
  const titleLink = paper.url ? externalLink(paper.url, 'Open the paper') : null;
  replace(
    panel,
    h('h2', { class: 'panel-title', id: 'paper-title' }, paper.title),
    h('p', { class: 'meta' }, [paper.year ? String(paper.year) : null, `from ${paper.source}`].filter(Boolean).join(' · '), titleLink ? ' · ' : '', titleLink),
    h('h3', {}, 'Abstract'),
    abstractWithMarks(paper),
    h('h3', { id: 'paper-concepts-heading' }, 'Concepts', h('span', { class: 'count' }, ` ${paper.concepts.length}, by confidence`)),
    h(
      'ul',
      { class: 'item-list', 'aria-labelledby': 'paper-concepts-heading', id: 'paper-concepts' },
      paper.concepts.map((m) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'item', 'data-concept': m.concept.id, 'data-name': m.concept.name },
            h('span', { class: 'swatch', '--swatch': communityColor(m.concept.community), 'aria-hidden': 'true' }),
            h('span', { class: 'item-label' }, m.concept.name),
            detail(`${Math.round(m.confidence * 100)}% · ${plural(m.count, 'mention')}${m.inTitle ? ' · in title' : ''}`),
            h('span', { class: 'bar', '--value': m.confidence, 'aria-hidden': 'true' }),
          ),
        ),
      ),
    ),
    h('h3', {}, 'Code'),
    paper.repositories.length === 0
      ? h('p', { class: 'hint' }, 'No repositories cited.')
      : h('ul', { class: 'links', id: 'paper-repositories' }, paper.repositories.map((r) => h('li', {}, externalLink(r.url, `${r.owner}/${r.name}`), detail(r.host)))),
    paper.links.length === 0
      ? null
      : [h('h3', {}, 'Links'), h('ul', { class: 'links', id: 'paper-links' }, paper.links.map((l) => h('li', {}, h('span', { class: 'link-kind' }, `${LINK_KIND[l.kind] ?? 'Link'}: `), externalLink(l.url, l.url))))],
    h('h3', { id: 'paper-similar-heading' }, 'Similar papers'),
    paper.similar.length === 0
      ? h('p', { class: 'hint' }, 'None share specific concepts.')
      : h(
          'ul',
          { class: 'item-list', 'aria-labelledby': 'paper-similar-heading', id: 'paper-similar' },
          paper.similar.map((s) =>
            h(
              'li',
              {},
              h(
                'button',
                { type: 'button', class: 'item', 'data-paper': s.paper.id },
                h('span', { class: 'item-label' }, s.paper.title),
                detail(`shares ${s.sharedConcepts.slice(0, 3).map((c) => c.name).join(', ')}${s.sharedConcepts.length > 3 ? ', …' : ''}`),
              ),
            ),
          ),
        ),
  );
  bindItems(panel, handlers);
  // Pointing at a concept in the list lights up its mentions in the abstract.
  panel.querySelectorAll<HTMLButtonElement>('#paper-concepts button[data-concept]').forEach((button) => {
    const marks = panel.querySelectorAll(`mark[data-concept="${CSS.escape(button.dataset.concept!)}"]`);
    const on = () => marks.forEach((m) => m.classList.add('active'));
    const off = () => marks.forEach((m) => m.classList.remove('active'));
    button.addEventListener('mouseenter', on);
    button.addEventListener('focus', on);
    button.addEventListener('mouseleave', off);
    button.addEventListener('blur', off);
  });
}
