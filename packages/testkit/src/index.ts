export * from './airtable';
export * from './contract/reminders';
export * from './contract/sink-contract';
export * from './emulator/faults';
export * from './emulator/http';
export * from './emulator/rate-limit';
export * from './notion/emulator';
export * from './notion/remote-view';
