import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../server/context.js';
import { IngestReport, PaperInput } from '../schema/index.js';

@Resolver()
export class MutationResolver {
  @Mutation(() => IngestReport, { description: 'Idempotent upsert; needs the admin bearer token.' })
  ingestPapers(@Arg('papers', () => [PaperInput]) papers: PaperInput[], @Ctx() { api }: RequestContext) {
    return api.ingestPapers(papers);
  }

  @Mutation(() => Boolean, { description: 'False when there was no such paper; needs the admin bearer token.' })
  deletePaper(@Arg('id', () => ID) id: string, @Ctx() { api }: RequestContext) {
    return api.deletePaper(id);
  }
}
