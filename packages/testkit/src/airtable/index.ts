export * from './emulator';
export * from './formula';
export * from './remote-view';
