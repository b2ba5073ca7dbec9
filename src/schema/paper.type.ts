import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from './connection.type.js';

export enum LinkKind {
  PROJECT = 'project',
  DATASET = 'dataset',
  MODEL = 'model',
  PAPER = 'paper',
  OTHER = 'other',
}
registerEnumType(LinkKind, { name: 'LinkKind', description: 'What a non-repository link in an abstract points at.' });

@ObjectType({ description: 'A link cited in an abstract that is not a code repository.' })
export class PaperLink {
  @Field(() => String)
  url!: string;

  @Field(() => LinkKind)
  kind!: LinkKind;
}

@ObjectType({ description: 'A research paper.' })
export class Paper {
  @Field(() => ID, { description: 'arXiv or other external id when given, else a slug of the title.' })
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  abstract!: string;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => Int, { nullable: true })
  year!: number | null;

  @Field(() => String, { description: 'Where the paper was ingested from: a file name, or "api".' })
  source!: string;

  @Field(() => [PaperLink], { description: 'Project pages, datasets, models and other non-code links.' })
  links!: PaperLink[];
}

export const PaperConnection = Connection(Paper, 'Paper');

@ObjectType({ description: 'A paper similar to another, with the concepts they share.' })
export class SimilarPaper {
  @Field(() => Paper)
  paper!: Paper;

  @Field(() => Float, { description: 'Sum over shared concepts of ln(1 + papers / papers mentioning the concept).' })
  score!: number;

  /** Resolved by SimilarPaperResolver from these ids. */
  sharedConceptIds!: string[];
}

export enum PaperOrder {
  ID_ASC = 'ID_ASC',
  TITLE_ASC = 'TITLE_ASC',
  YEAR_DESC = 'YEAR_DESC',
  RELEVANCE = 'RELEVANCE',
}
registerEnumType(PaperOrder, {
  name: 'PaperOrder',
  description: 'Every order ends on the id, so it is total and cursors stay stable.',
  valuesConfig: {
    ID_ASC: { description: 'By id.' },
    TITLE_ASC: { description: 'By title.' },
    YEAR_DESC: { description: 'Newest first; papers without a year last.' },
    RELEVANCE: { description: 'Best `filter.search` match first (the score of `search`); needs `filter.search`.' },
  },
});

@InputType({ description: 'Restricts `papers`; every condition given must hold.' })
export class PaperFilter {
  @Field(() => String, { nullable: true, description: 'Only papers mentioning this concept (name, alias or acronym).' })
  concept?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only papers mentioning every one of these concepts (at most 20).' })
  allConcepts?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only papers matching this text in title or abstract (whole words or word prefixes, as `search`).',
  })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only papers that cite (true) or do not cite (false) a repository.' })
  hasCode?: boolean | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;
}

@InputType({ description: 'A paper to ingest.' })
export class PaperInput {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  abstract!: string;

  @Field(() => ID, { nullable: true, description: 'External id (e.g. an arXiv id); defaults to a slug of the title.' })
  id?: string | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;
}

export enum IngestMode {
  REBUILD = 'rebuild',
  INCREMENTAL = 'incremental',
}
registerEnumType(IngestMode, {
  name: 'IngestMode',
  description: 'How an ingest wrote the graph.',
  valuesConfig: {
    REBUILD: { description: 'Concepts, co-occurrence, hierarchy and ranking derived again from every paper.' },
    INCREMENTAL: {
      description:
        'The new papers and their concepts, mentions and co-occurrence added to the stored graph (only papers added, at most 10% of a stored corpus of 2,000 papers or more); ranks and communities of stored concepts are kept.',
    },
  },
});

@ObjectType({ description: 'What an ingest changed.' })
export class IngestReport {
  @Field(() => Int)
  papersAdded!: number;

  @Field(() => Int)
  papersUpdated!: number;

  @Field(() => Int)
  papersUnchanged!: number;

  @Field(() => Int)
  conceptsCreated!: number;

  @Field(() => Int)
  repositoriesCreated!: number;

  @Field(() => [ID], { description: 'Ids of the papers added or updated.' })
  writtenPaperIds!: string[];

  @Field(() => IngestMode, { nullable: true, description: 'How the graph was written; null when nothing was.' })
  mode?: IngestMode | null;
}
