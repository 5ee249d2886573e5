/** Text meant to be pasted into a POSIX shell (next steps, hints). */

/** A word as the shell reads it back: as is when it holds only safe characters, else single-quoted. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
