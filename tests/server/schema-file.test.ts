import { readFile } from 'node:fs/promises';
import { buildSchema, isObjectType, print, astFromValue, type GraphQLField } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaSdl } from '../../src/server/schema.js';

/**
 * The core contract of DESIGN.md: each field with its type and its arguments (type and default).
 * The schema may add fields and optional arguments; it may not rename or change these.
 */
const CORE: Record<string, Record<string, { type: string; args?: Record<string, string> }>> = {
  Query: {
    paper: { type: 'Paper', args: { id: 'ID!' } },
    papers: { type: 'PaperConnection!', args: { first: 'Int = 20', after: 'String', filter: 'PaperFilter' } },
    concept: { type: 'Concept', args: { id: 'ID', name: 'String' } },
    concepts: {
      type: 'ConceptConnection!',
      args: { first: 'Int = 20', after: 'String', filter: 'ConceptFilter', orderBy: 'ConceptOrder = PAPER_COUNT_DESC' },
    },
    repository: { type: 'Repository', args: { url: 'String!' } },
    repositories: { type: 'RepositoryConnection!', args: { first: 'Int = 20', after: 'String' } },
    search: { type: '[SearchHit!]!', args: { query: 'String!', first: 'Int = 10' } },
    path: { type: 'GraphPath', args: { from: 'String!', to: 'String!', maxHops: 'Int = 4' } },
    stats: { type: 'GraphStats!' },
  },
  Mutation: {
    ingestPapers: { type: 'IngestReport!', args: { papers: '[PaperInput!]!' } },
    deletePaper: { type: 'Boolean!', args: { id: 'ID!' } },
  },
  Paper: {
    concepts: { type: '[ConceptMention!]!' },
    repositories: { type: '[Repository!]!' },
    similar: { type: '[SimilarPaper!]!', args: { first: 'Int = 10' } },
  },
  Concept: {
    papers: { type: 'PaperConnection!', args: { first: 'Int = 20', after: 'String', includeNarrower: 'Boolean = false' } },
    related: { type: '[RelatedConcept!]!', args: { first: 'Int = 10' } },
    broader: { type: '[Concept!]!' },
    narrower: { type: '[Concept!]!' },
    repositories: { type: '[Repository!]!' },
    neighbourhood: { type: 'Subgraph!', args: { depth: 'Int = 1', limit: 'Int = 50', minWeight: 'Float = 0' } },
    rank: { type: 'Float' },
    community: { type: 'Int' },
  },
  RelatedConcept: { concept: { type: 'Concept!' }, sharedPapers: { type: 'Int!' }, weight: { type: 'Float!' } },
  Repository: { papers: { type: '[Paper!]!' }, concepts: { type: '[Concept!]!' } },
  GraphNode: { id: { type: 'ID!' }, kind: { type: 'NodeKind!' }, label: { type: 'String!' } },
  GraphEdge: { source: { type: 'ID!' }, target: { type: 'ID!' }, kind: { type: 'EdgeKind!' }, weight: { type: 'Float' } },
  GraphPath: { hops: { type: 'Int!' }, nodes: { type: '[GraphNode!]!' }, edges: { type: '[GraphEdge!]!' } },
  SearchHit: { kind: { type: 'NodeKind!' }, score: { type: 'Float!' } },
};

function describeArg(field: GraphQLField<unknown, unknown>, name: string): string | null {
  const arg = field.args.find((a) => a.name === name);
  if (!arg) return null;
  const value = arg.defaultValue === undefined ? null : astFromValue(arg.defaultValue, arg.type);
  return value ? `${String(arg.type)} = ${print(value)}` : String(arg.type);
}

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema` after changing a type)', async () => {
    const checkedIn = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(checkedIn).toBe(await schemaSdl());
  });

  it('keeps the core contract names, types and arguments of DESIGN.md', async () => {
    const schema = buildSchema(await schemaSdl());
    for (const [typeName, fields] of Object.entries(CORE)) {
      const type = schema.getType(typeName);
      expect(isObjectType(type), typeName).toBe(true);
      if (!isObjectType(type)) continue;
      for (const [fieldName, { type: fieldType, args = {} }] of Object.entries(fields)) {
        const field = type.getFields()[fieldName];
        expect(field && String(field.type), `${typeName}.${fieldName}`).toBe(fieldType);
        for (const [argName, argType] of Object.entries(args)) {
          expect(describeArg(field!, argName), `${typeName}.${fieldName}(${argName})`).toBe(argType);
        }
        // Arguments beyond the contract's must be optional, so every contract query still works.
        for (const arg of field!.args) {
          if (!(arg.name in args)) expect(String(arg.type).endsWith('!'), `${typeName}.${fieldName}(${arg.name})`).toBe(false);
        }
      }
    }
  });
});
