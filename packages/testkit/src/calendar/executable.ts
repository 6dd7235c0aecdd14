import { spawnSync } from 'node:child_process';

const answers = new Map<string, boolean>();

/** True when `command --version` runs and exits 0; asked once per command. */
export function executableAnswers(command: string): boolean {
  let answer = answers.get(command);
  if (answer === undefined) {
    answer = spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
    answers.set(command, answer);
  }
  return answer;
}
