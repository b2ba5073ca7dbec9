import { grownTo } from '../typed-arrays.js';

/**
 * The paper and concept of each mention as positions in a snapshot's node sections (which are
 * their ordinals in a store loaded from it): the index groups millions of mentions by these
 * numbers rather than by a map look-up of an id each.
 */
export interface MentionEnds {
  papers: Int32Array;
  concepts: Int32Array;
}

/** Collects {@link MentionEnds}, growing its columns as needed. */
export class MentionEndsBuilder {
  private length = 0;
  private papers: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private concepts: Int32Array<ArrayBuffer> = new Int32Array(1024);

  push(paper: number, concept: number): void {
    if (this.length === this.papers.length) {
      this.papers = grownTo(this.papers, 2 * this.length);
      this.concepts = grownTo(this.concepts, 2 * this.length);
    }
    this.papers[this.length] = paper;
    this.concepts[this.length++] = concept;
  }

  /** The positions pushed (copies of just their length: the index holds them no longer than its build). */
  build(): MentionEnds {
    return { papers: this.papers.slice(0, this.length), concepts: this.concepts.slice(0, this.length) };
  }
}
