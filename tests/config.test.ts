import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has sane defaults: port 4000 on loopback, embedded store, bundled seed, mutations off', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 4000, host: '127.0.0.1', seed: 'bundled', adminToken: null, neo4j: null, introspection: true });
    expect(c.dataDir.endsWith('.kg')).toBe(true);
  });

  it('selects Neo4j when NEO4J_URI is set', () => {
    expect(loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:7687' }).neo4j).toEqual({
      uri: 'bolt://127.0.0.1:7687',
      user: 'neo4j',
      password: 'neo4j',
      database: 'neo4j',
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NEO4J_URI: 'http://x' })).toThrow(/NEO4J_URI: must be a bolt/);
    expect(() => loadConfig({ KG_ADMIN_TOKEN: 'short' })).toThrow(/KG_ADMIN_TOKEN: must be at least 16/);
  });

  it('turns introspection off by default in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', KG_INTROSPECTION: 'true' }).introspection).toBe(true);
  });
});
