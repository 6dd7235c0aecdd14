import type { SyncProgress } from '@runner-up/core';
import type { TextOutput } from '../context';

const rows = (count: number) => `${count} ${count === 1 ? 'row' : 'rows'}`;

/**
 * Sync progress on stderr: a redrawn bar on a terminal, plain lines otherwise, so CI logs stay
 * short: how many rows were read once reading is over (its total is not known before), then one
 * line per tenth of the writes. Quiet with `quiet: true`.
 */
export function createProgress(
  stream: TextOutput,
  label: string,
  quiet = false,
): { update(progress: SyncProgress): void; done(): void } {
  const tty = Boolean(stream.isTTY);
  /** Rows read so far, until the plain line saying how many is written. */
  let read: number | undefined;
  let lastTenth = -1;
  let writing = false;
  let drawn = false;
  const endReading = () => {
    if (read === undefined) return;
    stream.write(`${label} read ${rows(read)}\n`);
    read = undefined;
  };
  return {
    update(progress) {
      if (quiet) return;
      const { phase, done, total } = progress;
      if (tty) {
        const width = 24;
        const filled = total ? Math.min(width, Math.round((done / total) * width)) : 0;
        const bar = total ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
        const text =
          phase === 'read'
            ? `reading: ${rows(done)}`
            : `writing ${bar}${done}${total ? `/${total}` : ''}`;
        stream.write(`\r\x1b[2K${label} ${text}`);
        drawn = true;
        return;
      }
      if (phase === 'read') {
        read = done;
        return;
      }
      endReading();
      const tenth = total ? Math.floor((done / total) * 10) : -1;
      if (!writing || (total && tenth !== lastTenth)) {
        stream.write(`${label} writing ${done}${total ? `/${total}` : ''}\n`);
        writing = true;
        lastTenth = tenth;
      }
    },
    done() {
      if (tty && drawn) stream.write('\r\x1b[2K');
      if (!tty) endReading();
    },
  };
}
