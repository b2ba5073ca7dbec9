import { Arg, Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../server/context.js';
import { GraphEdge, GraphNode, Paper } from '../schema/index.js';
import type { GraphEdge as EdgeRecord, GraphNode as NodeRecord } from '../store/graph-store.js';

@Resolver(() => GraphEdge)
export class GraphEdgeResolver {
  @FieldResolver(() => [Paper], {
    description:
      'Evidence: for RELATED_TO, papers mentioning both concepts (by the sum of the two confidences); for BROADER, ' +
      "the same, else the narrower concept's papers; for MENTIONS and HAS_CODE, the paper.",
  })
  async papers(
    @Root() edge: EdgeRecord,
    @Arg('first', () => Int, { nullable: true, defaultValue: 3 }) first: number,
    @Ctx() { api }: RequestContext,
  ) {
    return (await api.edgePapers(edge, first)).papers;
  }

  @FieldResolver(() => Int, { description: 'Number of evidence papers (`papers` lists the first of them).' })
  async paperCount(@Root() edge: EdgeRecord, @Ctx() { api }: RequestContext) {
    return (await api.edgePapers(edge, 0)).total;
  }
}

@Resolver(() => GraphNode)
export class GraphNodeResolver {
  @FieldResolver(() => Float, { nullable: true, description: "A concept node's PageRank (null for other kinds)." })
  async rank(@Root() node: NodeRecord, @Ctx() { api }: RequestContext) {
    return (await api.nodeConcept(node))?.rank ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: "A concept node's community (null for other kinds)." })
  async community(@Root() node: NodeRecord, @Ctx() { api }: RequestContext) {
    return (await api.nodeConcept(node))?.community ?? null;
  }
}
