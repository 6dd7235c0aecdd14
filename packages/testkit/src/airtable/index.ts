export * from './emulator.js';
export * from './formula.js';
export * from './remote-view.js';
