import { CommunityResolver } from './community.resolver.js';
import { ConceptResolver } from './concept.resolver.js';
import { GraphEdgeResolver, GraphNodeResolver } from './graph.resolver.js';
import { MutationResolver } from './mutation.resolver.js';
import { ConceptMentionResolver, PaperResolver, SimilarPaperResolver } from './paper.resolver.js';
import { QueryResolver } from './query.resolver.js';
import { RepositoryResolver } from './repository.resolver.js';

export const resolvers = [
  QueryResolver,
  MutationResolver,
  PaperResolver,
  ConceptMentionResolver,
  SimilarPaperResolver,
  ConceptResolver,
  RepositoryResolver,
  CommunityResolver,
  GraphEdgeResolver,
  GraphNodeResolver,
] as const;
