/**
 * "Did you mean" for a name typed on the command line (an opportunity id). Core keeps the same
 * rules for the file's names but does not export them; this is the small copy the CLI needs.
 * (Exported from core, they land in the chunk that holds the YAML parser and the schemas, which
 * `agenda` on a cached file must not load: see the lazy-loading test in commands.test.ts.)
 */

/** Edit distance where a swap of two neighbouring letters is one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate `name` most likely meant: for a name cut short, the one candidate that starts
 * with it (`stark-fleet-m` is `stark-fleet-manager`, though `stark-fleet-ops` is fewer edits
 * away); else the closest within a plausible typo (one edit up to three letters, else a third of
 * the length, two to three edits). Case is ignored, and names are compared in Unicode normal
 * form C (an accent typed as a character of its own is no edit).
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const comparable = candidates.map((candidate) => candidate.normalize('NFC').toLowerCase());
  const wanted = name.normalize('NFC').toLowerCase();
  if (wanted.length >= 3) {
    const longer = candidates.filter((_, i) => comparable[i]!.startsWith(wanted));
    if (longer.length === 1) return longer[0];
  }
  const limit = wanted.length <= 3 ? 1 : Math.min(3, Math.max(2, Math.floor(wanted.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  candidates.forEach((candidate, i) => {
    const other = comparable[i]!;
    if (Math.abs(other.length - wanted.length) > limit) return;
    const distance = editDistance(wanted, other);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  });
  return best;
}

/**
 * ` Did you mean \`email\`?` for a value typed on the command line that is none of `choices`
 * (`Email`, `emial`), naming the closest one; '' when none is close.
 */
export function didYouMean(value: string, choices: readonly string[]): string {
  const meant = closestName(value, choices);
  return meant === undefined ? '' : ` Did you mean \`${meant}\`?`;
}
