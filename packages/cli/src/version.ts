/** The package version, inlined at build time from package.json. */
export { version as VERSION } from '../package.json';
