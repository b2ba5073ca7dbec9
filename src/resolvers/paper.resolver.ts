import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { PaperRecord } from '../model.js';
import type { RequestContext } from '../server/context.js';
import { Concept, ConceptMention, Paper, Repository, SimilarPaper } from '../schema/index.js';

@Resolver(() => Paper)
export class PaperResolver {
  @FieldResolver(() => [ConceptMention], { description: 'By confidence, most central first.' })
  concepts(
    @Root() paper: PaperRecord,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many (0 to 100); all when omitted.' }) first: number | null | undefined,
    @Ctx() { api }: RequestContext,
  ) {
    return api.paperConcepts(paper, first ?? null);
  }

  @FieldResolver(() => [Repository])
  repositories(@Root() paper: PaperRecord, @Ctx() { api }: RequestContext) {
    return api.paperRepositories(paper);
  }

  @FieldResolver(() => [SimilarPaper], { description: 'Papers sharing specific concepts with this one.' })
  similar(
    @Root() paper: PaperRecord,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Ctx() { api }: RequestContext,
  ) {
    return api.paperSimilar(paper, first);
  }
}

@Resolver(() => ConceptMention)
export class ConceptMentionResolver {
  @FieldResolver(() => Concept)
  concept(@Root() mention: ConceptMention, @Ctx() { api }: RequestContext) {
    return api.conceptOf(mention.conceptId);
  }
}

@Resolver(() => SimilarPaper)
export class SimilarPaperResolver {
  @FieldResolver(() => [Concept], { description: 'Shared concepts, most specific first.' })
  sharedConcepts(@Root() similar: SimilarPaper, @Ctx() { api }: RequestContext) {
    return api.conceptsByIds(similar.sharedConceptIds);
  }
}
