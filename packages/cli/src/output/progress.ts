import type { SyncProgress } from '@runner-up/core';

/**
 * Sync progress on stderr: a redrawn bar on a terminal, plain lines otherwise (one per phase
 * and per tenth of the work, so CI logs stay short). Quiet with `quiet: true`.
 */
export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  label: string,
  quiet = false,
): { update(progress: SyncProgress): void; done(): void } {
  const tty = Boolean(stream.isTTY);
  let lastPhase: string | undefined;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(progress) {
      if (quiet) return;
      const { phase, done, total } = progress;
      const verb = phase === 'read' ? 'reading' : 'writing';
      if (tty) {
        const width = 24;
        const filled = total ? Math.min(width, Math.round((done / total) * width)) : 0;
        const bar = total ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
        stream.write(`\r\x1b[2K${label} ${verb} ${bar}${done}${total ? `/${total}` : ''}`);
        drawn = true;
        return;
      }
      const tenth = total ? Math.floor((done / total) * 10) : -1;
      if (phase !== lastPhase || (total && tenth !== lastTenth)) {
        stream.write(`${label} ${verb} ${done}${total ? `/${total}` : ''}\n`);
        lastPhase = phase;
        lastTenth = tenth;
      }
    },
    done() {
      if (tty && drawn) stream.write('\r\x1b[2K');
    },
  };
}
