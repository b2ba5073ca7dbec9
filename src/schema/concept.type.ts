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
}

export const ConceptConnection = Connection(Concept, 'Concept');

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
}

@ObjectType({ description: 'A concept co-occurring with another.' })
export class RelatedConcept {
  @Field(() => Concept)
  concept!: Concept;

  @Field(() => Int)
  sharedPapers!: number;

  @Field(() => Float, { description: 'Positive normalised pointwise mutual information over papers, 0 to 1.' })
  weight!: number;
}

export enum ConceptOrder {
  PAPER_COUNT_DESC = 'PAPER_COUNT_DESC',
  NAME_ASC = 'NAME_ASC',
}
registerEnumType(ConceptOrder, { name: 'ConceptOrder' });

@InputType({ description: 'Restricts `concepts`.' })
export class ConceptFilter {
  @Field(() => Int, { nullable: true, description: 'Only concepts mentioned by at least this many papers.' })
  minPapers?: number | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name or an alias.' })
  search?: string | null;
}
