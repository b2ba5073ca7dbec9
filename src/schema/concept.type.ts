import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from './connection.type.js';

@ObjectType({ description: 'A concept papers talk about, e.g. "information bottleneck" (IB).' })
export class Concept {
  @Field(() => ID, { description: 'Slug of the canonical long form, e.g. "concept-bottleneck-model".' })
  id!: string;

  @Field(() => String, { description: 'Canonical form: singular, long form.' })
  name!: string;

  @Field(() => String, { nullable: true })
  acronym!: string | null;

  @Field(() => [String], { description: 'Every surface form seen; lookup by any of them finds this concept.' })
  aliases!: string[];

  @Field(() => Int, { description: 'Number of papers mentioning the concept.' })
  paperCount!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Centrality: weighted PageRank over RELATED_TO (damping 0.85, edge weight = NPMI); all ranks sum to 1. ' +
      'Recomputed on every ingest.',
  })
  rank?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Cluster: Louvain community over RELATED_TO (weighted, fixed seed, so the same graph always gives the same ' +
      'clusters). 1 is the largest community, 2 the next, and so on; see `communities`.',
  })
  community?: number | null;
}

export const ConceptConnection = Connection(Concept, 'Concept');

export enum TextField {
  TITLE = 'title',
  ABSTRACT = 'abstract',
}
registerEnumType(TextField, { name: 'TextField', description: "A paper's text field." });

@ObjectType({ description: 'Characters [start, end) of a paper\'s title or abstract, in UTF-16 code units (JavaScript string offsets).' })
export class TextSpan {
  @Field(() => TextField)
  field!: TextField;

  @Field(() => Int)
  start!: number;

  @Field(() => Int, { description: 'Exclusive.' })
  end!: number;
}

@ObjectType({ description: "One of a paper's concepts, with the evidence." })
export class ConceptMention {
  /** Resolved by ConceptMentionResolver. */
  conceptId!: string;

  @Field(() => Int, { description: 'How many times the paper names the concept.' })
  count!: number;

  @Field(() => Float, { description: 'How central the concept is to the paper, 0 to 1.' })
  confidence!: number;

  @Field(() => Boolean)
  inTitle!: boolean;

  @Field(() => String, { description: 'The sentence of the first mention.' })
  snippet!: string;

  @Field(() => [TextSpan], { description: 'Every place the paper names the concept (title first, then in text order).' })
  spans!: TextSpan[];
}

@ObjectType({ description: 'A concept co-occurring with another.' })
export class RelatedConcept {
  @Field(() => Concept)
  concept!: Concept;

  @Field(() => Int)
  sharedPapers!: number;

  @Field(() => Float, {
    description:
      'Association score: positive normalised pointwise mutual information over papers, 0 to 1. With N papers, ' +
      'df(a), df(b) papers mentioning each concept and n(a,b) mentioning both: p(x) = df(x)/N, p(a,b) = n(a,b)/N, ' +
      'NPMI = ln(p(a,b) / (p(a) p(b))) / -ln(p(a,b)), clamped to [0, 1]. 1: the two always occur together; ' +
      '0: no more often than chance.',
  })
  weight!: number;
}

export enum ConceptOrder {
  PAPER_COUNT_DESC = 'PAPER_COUNT_DESC',
  NAME_ASC = 'NAME_ASC',
  RANK_DESC = 'RANK_DESC',
}
registerEnumType(ConceptOrder, {
  name: 'ConceptOrder',
  description: 'Every order ends on the id, so it is total and cursors stay stable.',
  valuesConfig: {
    PAPER_COUNT_DESC: { description: 'Most papers first.' },
    NAME_ASC: { description: 'By canonical name.' },
    RANK_DESC: { description: 'Most central (PageRank) first; unranked concepts last.' },
  },
});

@InputType({ description: 'Restricts `concepts`.' })
export class ConceptFilter {
  @Field(() => Int, { nullable: true, description: 'Only concepts mentioned by at least this many papers.' })
  minPapers?: number | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name or an alias.' })
  search?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only concepts of this community (see `Concept.community`).' })
  community?: number | null;
}

@ObjectType({ description: 'A cluster of concepts that co-occur (Louvain communities over RELATED_TO).' })
export class Community {
  @Field(() => Int, { description: '1 for the largest community, then by size (ties by smallest concept id).' })
  id!: number;

  @Field(() => Int, { description: 'Number of concepts.' })
  size!: number;
}

export const CommunityConnection = Connection(Community, 'Community');
