/**
 * BROADER edges from term nesting: a concept whose name ends with another concept's whole name
 * ("bidirectional recurrent network" -> "recurrent network") is narrower than it. Only the
 * longest such tail that is a concept is linked, so chains stay chains ("sparse factorial hidden
 * Markov model" -> "factorial hidden Markov model" -> "hidden Markov model") without transitive shortcuts.
 */
import type { BroaderRecord } from '../../model.js';

/** `conceptTokens`: concept id -> key tokens (lower case, singular). Acronym-only concepts are left out by the caller. */
export function broaderRecords(conceptTokens: ReadonlyMap<string, readonly string[]>): BroaderRecord[] {
  const byKey = new Map<string, string>();
  for (const id of [...conceptTokens.keys()].sort()) {
    const key = (conceptTokens.get(id) as readonly string[]).join(' ');
    if (!byKey.has(key)) byKey.set(key, id);
  }
  const out: BroaderRecord[] = [];
  for (const id of [...conceptTokens.keys()].sort()) {
    const tokens = conceptTokens.get(id) as readonly string[];
    for (let k = 1; k < tokens.length; k++) {
      const broader = byKey.get(tokens.slice(k).join(' '));
      if (broader !== undefined && broader !== id) {
        out.push({ narrower: id, broader });
        break;
      }
    }
  }
  return out;
}
