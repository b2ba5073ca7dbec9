import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, describe, expect, inject, it } from 'vitest';

const uri = inject('neo4jUri');

if (!uri) {
  it('runs without Neo4j only when it is not required', () => {
    expect(process.env.REQUIRE_NEO4J).not.toBe('1');
  });
} else {
  describe('local Neo4j', () => {
    const driver: Driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j'));
    afterAll(() => driver.close());

    it('answers Cypher over Bolt and is Neo4j 5.26', async () => {
      const one = await driver.executeQuery('RETURN 1 AS one');
      expect(one.records[0]?.get('one').toNumber()).toBe(1);

      const { records } = await driver.executeQuery('CALL dbms.components() YIELD name, versions');
      const kernel = records.find((record) => record.get('name') === 'Neo4j Kernel');
      expect(kernel?.get('versions')[0]).toMatch(/^5\.26\./);
    });

    it('creates and drops a full-text index', async () => {
      const name = `launcher_probe_${Date.now()}`;
      await driver.executeQuery(
        `CREATE FULLTEXT INDEX ${name} IF NOT EXISTS FOR (n:LauncherProbe) ON EACH [n.title]`,
      );
      try {
        await driver.executeQuery('CALL db.awaitIndex($name, 60)', { name });
        const { records } = await driver.executeQuery(
          'SHOW INDEXES YIELD name, type WHERE name = $name RETURN type',
          { name },
        );
        expect(records.map((record) => record.get('type'))).toEqual(['FULLTEXT']);
      } finally {
        await driver.executeQuery(`DROP INDEX ${name} IF EXISTS`);
      }
      const { records } = await driver.executeQuery('SHOW INDEXES YIELD name WHERE name = $name RETURN name', {
        name,
      });
      expect(records).toHaveLength(0);
    });
  });
}
