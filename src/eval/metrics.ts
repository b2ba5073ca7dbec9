/** Precision / recall / F1 accumulators. */

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export const f1Of = (precision: number, recall: number): number =>
  precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

/**
 * Micro-averaged counts over documents: predictions that match some gold term, gold terms
 * matched by some prediction, and the totals of each.
 */
export class MicroCounts {
  predicted = 0;
  predictedCorrect = 0;
  gold = 0;
  goldFound = 0;

  add(predicted: number, predictedCorrect: number, gold: number, goldFound: number): void {
    this.predicted += predicted;
    this.predictedCorrect += predictedCorrect;
    this.gold += gold;
    this.goldFound += goldFound;
  }

  result(): Prf {
    const precision = this.predicted === 0 ? 0 : this.predictedCorrect / this.predicted;
    const recall = this.gold === 0 ? 0 : this.goldFound / this.gold;
    return { precision, recall, f1: f1Of(precision, recall) };
  }
}

/** Macro average over documents: each document's P, R and F1, averaged. */
export class MacroAverage {
  private n = 0;
  private p = 0;
  private r = 0;
  private f = 0;

  add(predicted: number, predictedCorrect: number, gold: number, goldFound: number): void {
    const precision = predicted === 0 ? 0 : predictedCorrect / predicted;
    const recall = gold === 0 ? 0 : goldFound / gold;
    this.n++;
    this.p += precision;
    this.r += recall;
    this.f += f1Of(precision, recall);
  }

  get documents(): number {
    return this.n;
  }

  result(): Prf {
    if (this.n === 0) return { precision: 0, recall: 0, f1: 0 };
    return { precision: this.p / this.n, recall: this.r / this.n, f1: this.f / this.n };
  }
}
