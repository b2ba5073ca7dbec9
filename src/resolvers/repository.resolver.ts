import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RepositoryRecord } from '../model.js';
import type { RequestContext } from '../server/context.js';
import { Concept, Paper, Repository } from '../schema/index.js';

@Resolver(() => Repository)
export class RepositoryResolver {
  @FieldResolver(() => [Paper])
  papers(@Root() repo: RepositoryRecord, @Ctx() { api }: RequestContext) {
    return api.repositoryPapers(repo);
  }

  @FieldResolver(() => [Concept], {
    description:
      "Concepts of the repository's papers, by IDF-weighted count: papers mentioning the concept times " +
      'ln(1 + papers / papers mentioning it), so specific concepts outrank generic ones (as in `Paper.similar`).',
  })
  concepts(@Root() repo: RepositoryRecord, @Ctx() { api }: RequestContext) {
    return api.repositoryConcepts(repo);
  }
}
