// Preloaded with `node --import` by the end-to-end tests: records the URL of every module the
// process loads, one per line, in the file named by RUNNER_UP_TRACE_MODULES.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      appendFileSync(${JSON.stringify(process.env.RUNNER_UP_TRACE_MODULES)}, resolved.url + '\\n');
      return resolved;
    }
  `)}`,
);
