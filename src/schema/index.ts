export * from './connection.type.js';
export * from './paper.type.js';
export * from './concept.type.js';
export * from './repository.type.js';
export * from './graph.type.js';
