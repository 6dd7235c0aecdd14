/**
 * Which field of a table is most likely the one meant under another name, for the schema check's
 * rename hint. The rule is the one `@runner-up/notion` applies to a data source's properties, so
 * both sinks hint alike; it is a copy because the sinks do not depend on each other, and core's
 * did-you-mean (for typos in the pipeline file) is neither exported nor the same rule.
 */

/** The words of a field name, lower case: `Due date` and `due_date` both give `due`, `date`. */
const words = (name: string): string[] => name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The candidate whose name is close to `wanted`: the same words in another case or spelling
 * (`due_date` for `Due date`), a name holding every word of it (`Due date` for `Due`), or, for a
 * name of five letters or more, a few letters off (`Organisation` for `Organization`: up to a
 * third of its length, at most three). The closest wins; on a tie, the first.
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

/**
 * Edits (insertion, deletion, substitution, swap of neighbours) between `a` and `b`: optimal
 * string alignment, so `Orgainzation` is one edit from `Organization`.
 */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let value = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
