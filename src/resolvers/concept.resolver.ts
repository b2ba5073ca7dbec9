import { Arg, Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { ConceptRecord } from '../model.js';
import type { RequestContext } from '../server/context.js';
import { Concept, PaperConnection, RelatedConcept, Repository, Subgraph } from '../schema/index.js';

@Resolver(() => Concept)
export class ConceptResolver {
  @FieldResolver(() => PaperConnection, { description: 'Papers mentioning the concept, most central mention first.' })
  papers(
    @Root() concept: ConceptRecord,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('includeNarrower', () => Boolean, { nullable: true, defaultValue: false }) includeNarrower: boolean,
    @Ctx() { api }: RequestContext,
  ) {
    return api.conceptPapers(concept, first, after, includeNarrower);
  }

  @FieldResolver(() => [RelatedConcept], { description: 'Co-occurring concepts by weight, then shared papers.' })
  related(
    @Root() concept: ConceptRecord,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Ctx() { api }: RequestContext,
  ) {
    return api.conceptRelated(concept, first);
  }

  @FieldResolver(() => [Concept], { description: 'More general concepts this one nests (by term nesting).' })
  broader(@Root() concept: ConceptRecord, @Ctx() { api }: RequestContext) {
    return api.conceptBroader(concept);
  }

  @FieldResolver(() => [Concept], { description: 'More specific concepts nesting this one.' })
  narrower(@Root() concept: ConceptRecord, @Ctx() { api }: RequestContext) {
    return api.conceptNarrower(concept);
  }

  @FieldResolver(() => [Repository], { description: 'Repositories cited by papers on this concept.' })
  repositories(@Root() concept: ConceptRecord, @Ctx() { api }: RequestContext) {
    return api.conceptRepositories(concept);
  }

  @FieldResolver(() => Subgraph, { description: 'Related concepts up to `depth` hops, at most `limit` nodes.' })
  neighbourhood(
    @Root() concept: ConceptRecord,
    @Arg('depth', () => Int, { nullable: true, defaultValue: 1 }) depth: number,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 50 }) limit: number,
    @Arg('minWeight', () => Float, { nullable: true, defaultValue: 0 }) minWeight: number,
    @Ctx() { api }: RequestContext,
  ) {
    return api.conceptNeighbourhood(concept, depth, limit, minWeight);
  }
}
