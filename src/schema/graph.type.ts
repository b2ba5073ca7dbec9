import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Concept } from './concept.type.js';
import { Paper } from './paper.type.js';
import { Repository } from './repository.type.js';

export enum NodeKind {
  PAPER = 'PAPER',
  CONCEPT = 'CONCEPT',
  REPOSITORY = 'REPOSITORY',
}
registerEnumType(NodeKind, { name: 'NodeKind' });

export enum EdgeKind {
  MENTIONS = 'MENTIONS',
  RELATED_TO = 'RELATED_TO',
  BROADER = 'BROADER',
  HAS_CODE = 'HAS_CODE',
}
registerEnumType(EdgeKind, { name: 'EdgeKind' });

@ObjectType({ description: 'A node of a subgraph. Ids are unique per kind (a paper and a concept may share one).' })
export class GraphNode {
  @Field(() => ID)
  id!: string;

  @Field(() => NodeKind)
  kind!: NodeKind;

  @Field(() => String, { description: 'Concept name, paper title, or owner/name of a repository.' })
  label!: string;

  @Field(() => Float, { nullable: true, description: 'Layout x coordinate (ForceAtlas2), with `layout: true`.' })
  x?: number | null;

  @Field(() => Float, { nullable: true, description: 'Layout y coordinate (ForceAtlas2), with `layout: true`.' })
  y?: number | null;
}

@ObjectType({
  description:
    'An edge of a subgraph. MENTIONS: paper -> concept (weight: confidence); HAS_CODE: paper -> repository; ' +
    'RELATED_TO: between concepts, from the smaller id (weight: NPMI); BROADER: narrower -> broader concept.',
})
export class GraphEdge {
  @Field(() => ID)
  source!: string;

  @Field(() => ID)
  target!: string;

  @Field(() => EdgeKind)
  kind!: EdgeKind;

  @Field(() => Float, { nullable: true })
  weight!: number | null;
}

@ObjectType({ description: 'Nodes and edges ready to draw.' })
export class Subgraph {
  @Field(() => [GraphNode])
  nodes!: GraphNode[];

  @Field(() => [GraphEdge])
  edges!: GraphEdge[];
}

@ObjectType({
  description: 'A path between two concepts; nodes in path order, `edges[i]` joins `nodes[i]` and `nodes[i + 1]`.',
})
export class GraphPath {
  @Field(() => Int)
  hops!: number;

  @Field(() => [GraphNode])
  nodes!: GraphNode[];

  @Field(() => [GraphEdge])
  edges!: GraphEdge[];
}

@ObjectType()
export class SearchHit {
  @Field(() => NodeKind)
  kind!: NodeKind;

  @Field(() => Float)
  score!: number;

  @Field(() => Paper, { nullable: true })
  paper?: Paper | null;

  @Field(() => Concept, { nullable: true })
  concept?: Concept | null;

  @Field(() => Repository, { nullable: true })
  repository?: Repository | null;
}

@ObjectType()
export class GraphStats {
  @Field(() => Int)
  papers!: number;

  @Field(() => Int)
  concepts!: number;

  @Field(() => Int)
  repositories!: number;

  @Field(() => Int)
  mentions!: number;
}
