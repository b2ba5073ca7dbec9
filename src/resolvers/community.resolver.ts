import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../server/context.js';
import { Community, Concept, Paper } from '../schema/index.js';
import type { CommunityRecord } from '../store/graph-store.js';

@Resolver(() => Community)
export class CommunityResolver {
  @FieldResolver(() => String, { description: "Name of the community's most central concept." })
  label(@Root() community: CommunityRecord, @Ctx() { api }: RequestContext) {
    return api.communityLabel(community);
  }

  @FieldResolver(() => [Concept], { description: 'Its concepts, most central (PageRank) first.' })
  concepts(
    @Root() community: CommunityRecord,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Ctx() { api }: RequestContext,
  ) {
    return api.communityConcepts(community, first);
  }

  @FieldResolver(() => [Paper], {
    description: 'Papers on its concepts: those mentioning most of them first, then by the confidence of those mentions.',
  })
  papers(
    @Root() community: CommunityRecord,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Ctx() { api }: RequestContext,
  ) {
    return api.communityPapers(community, first);
  }
}
