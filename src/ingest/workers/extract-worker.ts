/**
 * Worker-thread entry of the extraction pool (see extract-pool.ts): extracts a batch of papers.
 * Extraction is a pure function of the paper text, so a batch gives the same result here as
 * on the main thread.
 */
import { extractPaper, type PaperExtraction } from '../extract/index.js';

export default function extractBatch(papers: readonly { title: string; abstract: string }[]): PaperExtraction[] {
  return papers.map((p) => extractPaper({ title: p.title, abstract: p.abstract }));
}
