import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../server/context.js';
import {
  Concept,
  ConceptConnection,
  ConceptFilter,
  ConceptOrder,
  GraphPath,
  GraphStats,
  Paper,
  PaperConnection,
  PaperFilter,
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
    @Ctx() { api }: RequestContext,
  ) {
    return api.papers(first, after, filter);
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

  @Query(() => [SearchHit], { description: 'Ranked matches among concepts, papers and repositories.' })
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

  @Query(() => GraphStats)
  stats(@Ctx() { api }: RequestContext) {
    return api.stats();
  }
}
