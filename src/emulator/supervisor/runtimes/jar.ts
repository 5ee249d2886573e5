/**
 * The one thing the emulator needs to know about a jar: whether its manifest names a
 * Main-Class (the platform's buildpack runs the jar of target/ that does). Reads the zip's
 * central directory and META-INF/MANIFEST.MF only, with node:zlib; no unzip tool needed.
 */
import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MANIFEST = 'META-INF/MANIFEST.MF';

/** The manifest's text, or undefined when the file is not a jar or has none. */
export async function readManifest(path: string): Promise<string | undefined> {
  const file = await open(path, 'r').catch(() => undefined);
  if (!file) return undefined;
  try {
    const { size } = await file.stat();
    const tailSize = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailSize);
    await file.read(tail, 0, tailSize, size - tailSize);
    let end = -1;
    for (let index = tailSize - 22; index >= 0; index--) {
      if (tail.readUInt32LE(index) === END_OF_CENTRAL_DIRECTORY) {
        end = index;
        break;
      }
    }
    if (end < 0) return undefined;
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    let cursor = 0;
    for (let entry = 0; entry < entries && cursor + 46 <= directory.length; entry++) {
      if (directory.readUInt32LE(cursor) !== CENTRAL_ENTRY) return undefined;
      const method = directory.readUInt16LE(cursor + 10);
      const compressedSize = directory.readUInt32LE(cursor + 20);
      const nameLength = directory.readUInt16LE(cursor + 28);
      const extraLength = directory.readUInt16LE(cursor + 30);
      const commentLength = directory.readUInt16LE(cursor + 32);
      const localOffset = directory.readUInt32LE(cursor + 42);
      const name = directory.toString('utf8', cursor + 46, cursor + 46 + nameLength);
      cursor += 46 + nameLength + extraLength + commentLength;
      if (name !== MANIFEST) continue;
      const header = Buffer.alloc(30);
      await file.read(header, 0, 30, localOffset);
      if (header.readUInt32LE(0) !== LOCAL_HEADER) return undefined;
      const dataOffset = localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      const data = Buffer.alloc(compressedSize);
      await file.read(data, 0, compressedSize, dataOffset);
      if (method === 0) return data.toString('utf8');
      if (method === 8) return inflateRawSync(data).toString('utf8');
      return undefined;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}

/** The Main-Class a manifest names (continuation lines joined), if any. */
export function mainClassOf(manifest: string): string | undefined {
  const joined = manifest.replace(/\r?\n /g, '');
  return /^Main-Class:\s*(\S+)\s*$/m.exec(joined)?.[1];
}
