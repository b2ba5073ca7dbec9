import { Arg, Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { ConceptRecord } from '../model.js';
import type { RequestContext } from '../server/context.js';
import { Concept, NodeKind, PaperConnection, RelatedConcept, Repository, Subgraph } from '../schema/index.js';

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

  @FieldResolver(() => [RelatedConcept], {
    description: 'Co-occurring concepts by weight (NPMI), then shared papers, then id.',
  })
  related(
    @Root() concept: ConceptRecord,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Arg('minShared', () => Int, { nullable: true, defaultValue: 1, description: 'Fewest papers the two must share.' })
    minShared: number,
    @Ctx() { api }: RequestContext,
  ) {
    return api.conceptRelated(concept, first, minShared);
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

  @FieldResolver(() => Subgraph, {
    description:
      'Related concepts up to `depth` hops (1 to 3), heaviest edges first, at most `limit` concepts; ' +
      'with PAPER in `include`, also the papers mentioning most of them (at most `limit`), and with REPOSITORY ' +
      'the repositories those papers cite. `layout: true` adds ForceAtlas2 coordinates.',
  })
  neighbourhood(
    @Root() concept: ConceptRecord,
    @Arg('depth', () => Int, { nullable: true, defaultValue: 1 }) depth: number,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 50 }) limit: number,
    @Arg('minWeight', () => Float, { nullable: true, defaultValue: 0 }) minWeight: number,
    @Arg('perHop', () => Int, { nullable: true, description: 'Most concepts one hop adds.' }) perHop: number | null,
    @Arg('include', () => [NodeKind], { nullable: true, defaultValue: [NodeKind.CONCEPT], description: 'Node kinds to draw.' })
    include: NodeKind[],
    @Arg('layout', () => Boolean, { nullable: true, defaultValue: false, description: 'Add x, y to every node.' })
    layout: boolean,
    @Ctx() { api }: RequestContext,
  ) {
    return api.conceptNeighbourhood(concept, depth, limit, minWeight, { perHop, include, layout });
  }
}
