import fc from 'fast-check';

// Property tests explore new random inputs on every local run, but CI must be reproducible: there
// the seed is fixed (override with FC_SEED to replay a failure fast-check printed).
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261130' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
