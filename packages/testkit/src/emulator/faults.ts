/**
 * Deterministic fault injection for the API emulators: a script of faults at given request
 * numbers, and/or a seeded random share of requests.
 */

/**
 * What goes wrong with one request.
 * - `429`, `500`, `502`, `503`: the emulator answers with that status (429 with `Retry-After`).
 * - `timeout`: the emulator holds the request longer than the client's timeout, then drops it.
 * - `drop`: the emulator destroys the socket without answering.
 */
export type FaultKind = '429' | '500' | '502' | '503' | 'timeout' | 'drop';

/** Every fault kind, in a stable order. */
export const FAULT_KINDS: readonly FaultKind[] = ['429', '500', '502', '503', 'timeout', 'drop'];

/** Which requests fail, and how. */
export interface FaultPlan {
  /** Faults at fixed 1-based request numbers; they win over `probability`. */
  script?: Array<{ at: number; kind: FaultKind }>;
  /**
   * Share of requests (0 to 1) that fail with one of `kinds`, drawn from a seeded PRNG.
   * @default 0
   */
  probability?: number;
  /**
   * The kinds drawn from when `probability` hits.
   * @default every kind
   */
  kinds?: FaultKind[];
  /**
   * PRNG seed, so a run can be replayed.
   * @default 1
   */
  seed?: number;
}

/** Decides, request by request, whether to inject a fault. */
export interface FaultInjector {
  /** Call once per request; returns the fault to inject, if any. */
  next(): FaultKind | undefined;
  /** Requests seen so far. */
  readonly count: number;
  /** Faults injected so far, by kind. */
  readonly injected: Readonly<Record<FaultKind, number>>;
  /** Faults injected so far, all kinds together. */
  readonly injectedTotal: number;
}

/** mulberry32: a tiny, well-distributed 32-bit PRNG; enough for test faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds a deterministic {@link FaultInjector}: the same plan gives the same faults. */
export function createFaultInjector(plan: FaultPlan = {}): FaultInjector {
  const script = new Map((plan.script ?? []).map((s) => [s.at, s.kind] as const));
  const probability = plan.probability ?? 0;
  const kinds = plan.kinds && plan.kinds.length > 0 ? plan.kinds : FAULT_KINDS;
  const random = seededRandom(plan.seed ?? 1);
  const injected: Record<FaultKind, number> = {
    '429': 0,
    '500': 0,
    '502': 0,
    '503': 0,
    timeout: 0,
    drop: 0,
  };
  let count = 0;
  return {
    next() {
      count += 1;
      let kind = script.get(count);
      if (kind === undefined && probability > 0 && random() < probability) {
        kind = kinds[Math.floor(random() * kinds.length)];
      }
      if (kind !== undefined) injected[kind] += 1;
      return kind;
    },
    get count() {
      return count;
    },
    injected,
    get injectedTotal() {
      return Object.values(injected).reduce((sum, n) => sum + n, 0);
    },
  };
}
