/**
 * Links cited in abstracts: code repositories (one canonical record per repository, whatever
 * the spelling) and other links with a kind. Pure functions of their input.
 */
export { findLinks, type FoundLink } from './extract.js';
export { CODE_HOSTS, normaliseRepositoryUrl } from './repository.js';
export { classifyLink } from './kind.js';
