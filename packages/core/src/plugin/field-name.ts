import { editDistance } from '../parse/suggest';

/** The words of a field name, lower case: `Due date` and `due_date` both give `due`, `date`. */
const words = (name: string): string[] => name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * For a sink's schema check: the field (column, property) of a remote table most likely meant
 * under another name, so the error can say "rename `Due date` to `Due`". Close means the same
 * words in another case or spelling (`due_date` for `Due date`), a name holding every word of it
 * (`Due date` for `Due`), or, for a name of five letters or more, a few letters off
 * (`Organisation` for `Organization`: up to a third of its length, at most three). The closest
 * wins; on a tie, the first. `undefined` when none is close.
 *
 * @example
 * closestFieldName('Due', ['Name', 'Due date']) // 'Due date'
 */
export function closestFieldName(
  wanted: string,
  candidates: readonly string[],
): string | undefined {
  const want = words(wanted);
  const joined = want.join('');
  if (joined === '') return undefined;
  const limit = joined.length < 5 ? 0 : Math.min(3, Math.floor(joined.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const have = words(candidate);
    const distance = want.every((word) => have.includes(word))
      ? 0
      : editDistance(joined, have.join(''));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
