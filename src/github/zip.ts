/**
 * A deliberately small ZIP reader for the report artifacts we download (which a pull request's run may
 * have written, so they are untrusted). Nothing is extracted to disk: we read the one or two small
 * entries we need into memory, with their declared and actual sizes capped, and refuse the whole
 * archive if any entry name is absolute or climbs out with `..`.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  crc: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

export class ZipError extends Error {
  override name = 'ZipError';
}

/** True for names that could land outside the extraction directory. */
export function isUnsafeEntryName(name: string): boolean {
  return (
    name === '' ||
    name.includes('\\') ||
    name.includes('\0') ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((part) => part === '..')
  );
}

/** Lists the entries of a ZIP held in memory; throws ZipError for anything malformed or unsafe. */
export function listZip(zip: Buffer): ZipEntry[] {
  const minEocd = 22;
  if (zip.length < minEocd) throw new ZipError('not a ZIP archive (too short)');
  let eocd = -1;
  for (let i = zip.length - minEocd; i >= Math.max(0, zip.length - minEocd - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not a ZIP archive (no end of central directory)');
  const count = zip.readUInt16LE(eocd + 10);
  const offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new ZipError('ZIP64 archives are not supported');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw new ZipError('corrupt central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    if (at + 46 + nameLength > zip.length) throw new ZipError('corrupt central directory');
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (isUnsafeEntryName(name)) throw new ZipError(`unsafe entry name ${JSON.stringify(name)}`);
    entries.push({
      name,
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The content of entry `name`, or null when the archive has none; at most `maxBytes` are inflated. */
export function readZipEntry(zip: Buffer, name: string, maxBytes: number): Buffer | null {
  const entry = listZip(zip).find((e) => e.name === name);
  if (!entry) return null;
  if (entry.flags & 0x1) throw new ZipError(`${name} is encrypted`);
  if (entry.size > maxBytes) throw new ZipError(`${name} is ${entry.size} bytes, more than the ${maxBytes} allowed`);
  const local = entry.localHeaderOffset;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_SIGNATURE)
    throw new ZipError(`corrupt local header for ${name}`);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw new ZipError(`${name} is truncated`);
  const raw = zip.subarray(start, end);
  let data: Buffer;
  if (entry.method === 0) data = Buffer.from(raw);
  else if (entry.method === 8) {
    try {
      data = inflateRawSync(raw, { maxOutputLength: maxBytes });
    } catch (err) {
      throw new ZipError(`${name} cannot be inflated: ${(err as Error).message}`, { cause: err });
    }
  } else throw new ZipError(`${name} uses unsupported compression method ${entry.method}`);
  if (data.length !== entry.size || crc32(data) !== entry.crc)
    throw new ZipError(`${name} fails its size or CRC check`);
  return data;
}
