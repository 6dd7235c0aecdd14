import { describe, expect, it } from 'vitest';
import { serviceUrlProblem } from '../../src';

describe('serviceUrlProblem', () => {
  it('refuses a user name or a password in the URL, and names neither', () => {
    for (const url of [
      'http://proxy:hunter2@127.0.0.1:9',
      'https://only-user@api.example',
      'https://:hunter2@api.example/v1',
    ]) {
      const problem = serviceUrlProblem(url);
      expect(problem, url).toBe(
        'expected no user name or password in the URL: they are never sent (fetch refuses such a URL); give the URL without them',
      );
      expect(problem).not.toContain('hunter2');
    }
  });

  it('lets a URL without them through, and leaves text that is no URL to the URL check', () => {
    for (const url of ['http://127.0.0.1:8080', 'https://api.notion.com/v1?x=a@b', 'not a url']) {
      expect(serviceUrlProblem(url), url).toBeUndefined();
    }
  });
});
