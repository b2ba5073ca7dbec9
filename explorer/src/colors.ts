import type { NodeKind } from './queries';

/**
 * Community colours: a qualitative palette that stays apart for common colour-vision
 * deficiencies (Okabe-Ito, then Tableau), dark enough for white labels' backdrops.
 */
const COMMUNITY_PALETTE = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#8c564b',
  '#6a3d9a',
  '#b8860b',
  '#17becf',
  '#e15759',
  '#59a14f',
];

const UNCLUSTERED = '#94a3b8';

/** Node colour by kind, and for concepts by community. */
export function nodeColor(kind: NodeKind, community: number | null): string {
  switch (kind) {
    case 'PAPER':
      return '#334155';
    case 'REPOSITORY':
      return '#b45309';
    case 'CONCEPT':
      return communityColor(community);
  }
}

export function communityColor(community: number | null): string {
  if (community === null || community < 1) return UNCLUSTERED;
  return COMMUNITY_PALETTE[(community - 1) % COMMUNITY_PALETTE.length] ?? UNCLUSTERED;
}

/** The node shape of each kind, as declared to sigma. */
export const KIND_SHAPE: Readonly<Record<NodeKind, string>> = {
  CONCEPT: 'circle',
  PAPER: 'square',
  REPOSITORY: 'diamond',
};
