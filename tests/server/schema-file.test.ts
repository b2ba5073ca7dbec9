import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { schemaSdl } from '../../src/server/schema.js';

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema` after changing a type)', async () => {
    const checkedIn = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(checkedIn).toBe(await schemaSdl());
  });

  it('keeps the core contract names of DESIGN.md', async () => {
    const sdl = await schemaSdl();
    for (const field of [
      'paper(id: ID!): Paper',
      'papers(after: String, filter: PaperFilter, first: Int = 20): PaperConnection!',
      'concept(id: ID, name: String): Concept',
      'concepts(after: String, filter: ConceptFilter, first: Int = 20, orderBy: ConceptOrder = PAPER_COUNT_DESC): ConceptConnection!',
      'repository(url: String!): Repository',
      'repositories(after: String, first: Int = 20): RepositoryConnection!',
      'search(first: Int = 10, query: String!): [SearchHit!]!',
      'path(from: String!, maxHops: Int = 4, to: String!): GraphPath',
      'stats: GraphStats!',
      'ingestPapers(papers: [PaperInput!]!): IngestReport!',
      'deletePaper(id: ID!): Boolean!',
      'neighbourhood(depth: Int = 1, limit: Int = 50, minWeight: Float = 0): Subgraph!',
      'papers(after: String, first: Int = 20, includeNarrower: Boolean = false): PaperConnection!',
      'similar(first: Int = 10): [SimilarPaper!]!',
    ]) {
      expect(sdl, field).toContain(field);
    }
  });
});
