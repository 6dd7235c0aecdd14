import { RunnerUpError } from '@runner-up/core';

/**
 * Strict UTF-8: a byte that is not UTF-8 throws instead of becoming U+FFFD, which `log` would then
 * write back, losing every such character for good. `ignoreBOM` keeps a byte order mark in the
 * text, so an edit writes it back as it was.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629 §4: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or -1 when every byte does.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const trailing =
      lead >= 0xc2 && lead <= 0xdf
        ? 1
        : lead >= 0xe0 && lead <= 0xef
          ? 2
          : lead >= 0xf0 && lead <= 0xf4
            ? 3
            : 0;
    if (trailing === 0) return i;
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k <= trailing; k += 1) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += trailing + 1;
  }
  return -1;
}

/**
 * For positions only: lenient, so bytes before `offset` that are not UTF-8 (a binary file) cannot
 * throw, and without the byte order mark, which is no column of the first line.
 */
const lenient = new TextDecoder('utf-8');

/**
 * 1-based line and column of byte `offset`, the column in UTF-16 code units (an emoji counts two),
 * as core counts the columns of every other problem and as editors such as VS Code show them.
 */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = lenient.decode(bytes.subarray(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/**
 * What a file with NUL bytes in many places is: `utf16` for text saved as UTF-16 (or UTF-32): a
 * UTF-16 byte order mark, or NULs nearly all at even or all at odd offsets, as ASCII text in
 * UTF-16 has; `binary` for NULs anywhere else (an image, an archive); `undefined` for neither.
 */
function nulKind(bytes: Uint8Array): 'utf16' | 'binary' | undefined {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return 'utf16';
  }
  // No text saved as UTF-8 has many NULs.
  const sample = bytes.subarray(0, 4096);
  const nuls = [0, 0];
  for (let i = 0; i < sample.length; i += 1) if (sample[i] === 0) nuls[i % 2]! += 1;
  const total = nuls[0]! + nuls[1]!;
  if (sample.length === 0 || total < Math.max(2, sample.length / 8)) return undefined;
  return Math.max(nuls[0]!, nuls[1]!) >= 0.9 * total ? 'utf16' : 'binary';
}

/**
 * `bytes` as UTF-8 text, or an error naming `file:line:col` of the first byte that is not UTF-8
 * and saying to save the file as UTF-8. Nothing is ever guessed or replaced: a file read with
 * replacement characters and written back would lose them for good.
 */
export function decodeUtf8File(bytes: Uint8Array, file: string): string {
  const save =
    'Save it as UTF-8 (in most editors: Save with Encoding, or the encoding in the status bar) and run the command again; runner-up reads only UTF-8, and changes nothing in a file it cannot read exactly.';
  const kind = nulKind(bytes);
  if (kind === 'utf16') {
    const at = bytes.indexOf(0);
    const where =
      bytes[0] === 0xff || bytes[0] === 0xfe || at < 0
        ? { line: 1, column: 1 }
        : positionOf(bytes, at);
    throw notUtf8(file, where, `the file is saved as UTF-16, not UTF-8. ${save}`);
  }
  if (kind === 'binary') {
    throw notUtf8(
      file,
      positionOf(bytes, bytes.indexOf(0)),
      'the file is not text: it holds NUL bytes (0x00) in many places, as an image or an archive does. Check that -f names your pipeline file, a YAML text file.',
    );
  }
  try {
    return utf8.decode(bytes);
  } catch (error) {
    const at = firstInvalidUtf8(bytes);
    const where = at < 0 ? { line: 1, column: 1 } : positionOf(bytes, at);
    const byte =
      at < 0 ? '' : ` (byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')})`;
    throw notUtf8(
      file,
      where,
      `the file is not UTF-8 text here${byte}: it was most likely saved as Latin-1 or Windows-1252. ${save}`,
      error,
    );
  }
}

function notUtf8(
  file: string,
  where: { line: number; column: number },
  message: string,
  cause?: unknown,
): RunnerUpError {
  return new RunnerUpError('yaml_syntax', message, { file, ...where, cause });
}
