import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../server/context.js';
import {
  Community,
  CommunityConnection,
  Concept,
  ConceptConnection,
  ConceptFilter,
  ConceptOrder,
  GraphPath,
  GraphStats,
  Paper,
  PaperConnection,
  PaperFilter,
  PaperOrder,
  Repository,
  RepositoryConnection,
  SearchHit,
} from '../schema/index.js';

@Resolver()
export class QueryResolver {
  @Query(() => Paper, { nullable: true })
  paper(@Arg('id', () => ID) id: string, @Ctx() { api }: RequestContext) {
    return api.paper(id);
  }

  @Query(() => PaperConnection)
  papers(
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => PaperFilter, { nullable: true }) filter: PaperFilter | null,
    @Arg('orderBy', () => PaperOrder, { nullable: true, defaultValue: PaperOrder.ID_ASC }) orderBy: PaperOrder,
    @Ctx() { api }: RequestContext,
  ) {
    return api.papers(first, after, filter, orderBy);
  }

  @Query(() => [Paper], { nullable: 'items', description: 'Papers by id (at most 100), in the order asked; null for an unknown id.' })
  papersByIds(@Arg('ids', () => [ID]) ids: string[], @Ctx() { api }: RequestContext) {
    return api.papersByIds(ids);
  }

  @Query(() => Concept, { nullable: true, description: 'By id, or by canonical name, alias or acronym in any case.' })
  concept(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Ctx() { api }: RequestContext,
  ) {
    return api.concept(id, name);
  }

  @Query(() => ConceptConnection)
  concepts(
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => ConceptFilter, { nullable: true }) filter: ConceptFilter | null,
    @Arg('orderBy', () => ConceptOrder, { nullable: true, defaultValue: ConceptOrder.PAPER_COUNT_DESC }) orderBy: ConceptOrder,
    @Ctx() { api }: RequestContext,
  ) {
    return api.concepts(first, after, filter, orderBy);
  }

  @Query(() => [Concept], {
    nullable: 'items',
    description: 'Concepts by canonical name, alias or acronym (at most 100), in the order asked; null for an unknown name.',
  })
  conceptsByNames(@Arg('names', () => [String]) names: string[], @Ctx() { api }: RequestContext) {
    return api.conceptsByNames(names);
  }

  @Query(() => CommunityConnection, { description: 'Clusters of co-occurring concepts, largest first.' })
  communities(
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { api }: RequestContext,
  ) {
    return api.communities(first, after);
  }

  @Query(() => Community, { nullable: true, description: 'One cluster, by the number `Concept.community` gives.' })
  community(@Arg('id', () => Int) id: number, @Ctx() { api }: RequestContext) {
    return api.community(id);
  }

  @Query(() => Repository, { nullable: true, description: 'Any spelling of the URL finds the same repository.' })
  repository(@Arg('url', () => String) url: string, @Ctx() { api }: RequestContext) {
    return api.repository(url);
  }

  @Query(() => RepositoryConnection)
  repositories(
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { api }: RequestContext,
  ) {
    return api.repositories(first, after);
  }

  @Query(() => [SearchHit], {
    description:
      'Ranked matches among concepts (names and aliases), papers (titles and abstracts) and repositories. ' +
      'Whole words and word prefixes (3+ characters) match everywhere; concept names also match with typos ' +
      '(1 edit for words of 4-7 characters, 2 from 8). An exact concept name scores 3.',
  })
  search(
    @Arg('query', () => String) query: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Ctx() { api }: RequestContext,
  ) {
    return api.search(query, first);
  }

  @Query(() => GraphPath, { nullable: true, description: 'Shortest path between two concepts named by name, alias or acronym.' })
  path(
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
    @Arg('maxHops', () => Int, { nullable: true, defaultValue: 4 }) maxHops: number,
    @Ctx() { api }: RequestContext,
  ) {
    return api.path(from, to, maxHops);
  }

  @Query(() => [GraphPath], {
    description:
      'The `first` shortest loopless paths (at most 20) between two concepts over RELATED_TO and BROADER, ' +
      'shortest first, equal lengths in the order of their node ids; the first is `path`. ' +
      'Each edge\'s `papers` are the evidence for that hop.',
  })
  paths(
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 3 }) first: number,
    @Arg('maxHops', () => Int, { nullable: true, defaultValue: 4 }) maxHops: number,
    @Ctx() { api }: RequestContext,
  ) {
    return api.paths(from, to, maxHops, first);
  }

  @Query(() => GraphStats)
  stats(@Ctx() { api }: RequestContext) {
    return api.stats();
  }
}
