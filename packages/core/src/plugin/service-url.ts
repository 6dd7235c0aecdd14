/**
 * A check for the base URL a sink takes (a proxy, an emulator), shared by the sinks.
 *
 * @module
 */

/**
 * Why a sink's service URL is refused, or `undefined` when it is fine: a user name or password in
 * it is never sent (fetch refuses such a URL), and it would show wherever the URL is shown, in an
 * error or a log. A text that is no URL is left to the option's own URL check.
 *
 * @example
 * z.url().refine((url) => serviceUrlProblem(url) === undefined, {
 *   error: (issue) => serviceUrlProblem(String(issue.input)),
 * })
 */
export function serviceUrlProblem(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const { username, password } = new URL(url);
  if (username === '' && password === '') return undefined;
  return 'expected no user name or password in the URL: they are never sent (fetch refuses such a URL); give the URL without them';
}
