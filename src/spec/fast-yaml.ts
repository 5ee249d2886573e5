/**
 * A one-pass parser for the plain subset of YAML that connect.yaml files are written in: block
 * mappings and sequences, one-line plain and quoted scalars, comments, `[]`/`{}` and one-line
 * flow sequences of scalars. It exists for speed: the `yaml` library's own lexer alone takes
 * longer than the whole budget of `connect validate` for a file.
 *
 * It must never disagree with `yaml` (which the platform parses connect.yaml with): for any text
 * it either returns exactly the value and node ranges that `parseDocument(text).toJS()` gives,
 * or `undefined`, and the caller then parses with `yaml`. So everything it is not certain
 * about makes it give up: anchors, aliases, tags, block scalars, multi-line scalars, escapes,
 * complex keys, duplicate keys, tabs, CR, odd characters, unusual indentation, more documents.
 * test/fast-yaml-differential.test.ts holds it to that over the fixtures and thousands of
 * mutated documents.
 */

/**
 * [start, value end, node end] offsets into the text, like `yaml`'s Node#range. Exact: the
 * start of every node and the value end of scalars (what diagnostics read); the rest is not.
 */
export type FastRange = [number, number, number];

export interface FastScalar {
  readonly kind: 'scalar';
  readonly value: unknown;
  readonly range: FastRange;
}

export interface FastPair {
  readonly key: FastScalar;
  readonly value: FastNode;
}

export interface FastMap {
  readonly kind: 'map';
  readonly items: FastPair[];
  readonly range: FastRange;
}

export interface FastSeq {
  readonly kind: 'seq';
  readonly items: FastNode[];
  readonly range: FastRange;
}

export type FastNode = FastScalar | FastMap | FastSeq;

export interface FastDocument {
  /** The root mapping with its node ranges. */
  readonly contents: FastMap;
  /** What `parseDocument(text).toJS()` returns. */
  readonly value: Record<string, unknown>;
}

/** Thrown (never an Error: no stack to capture) to abandon the fast path. */
const BAIL = Symbol('bail');

const SPACE = 32;
const NEWLINE = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/** The longest implicit key `yaml` accepts is 1024 characters; stay well clear of the limit. */
const MAX_KEY_LENGTH = 1000;

// The YAML 1.2 core schema as `yaml` 2 resolves plain scalars (src/schema/core/*.ts there).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
// Core-schema forms this parser leaves to `yaml`.
const OTHER_NUMBER =
  /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/**
 * The value of a plain scalar under the core schema, as `yaml` resolves it; throws BAIL for the
 * forms left to `yaml` (octal, hexadecimal, exponents, infinities, NaN).
 */
export function resolvePlain(text: string): unknown {
  const first = text.charCodeAt(0);
  // Only scalars starting with one of ~ + - . 0-9 f F n N t T can be anything but a string.
  const maybeSpecial =
    first === 126 ||
    first === 43 ||
    first === 45 ||
    first === 46 ||
    (first >= 48 && first <= 57) ||
    first === 102 ||
    first === 70 ||
    first === 110 ||
    first === 78 ||
    first === 116 ||
    first === 84 ||
    text === '';
  if (!maybeSpecial) return text;
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return TRUE.test(text);
  if (INT.test(text)) return parseInt(text, 10);
  if (FLOAT.test(text)) return parseFloat(text);
  if (OTHER_NUMBER.test(text)) throw BAIL;
  return text;
}

/**
 * A character this parser does not accept anywhere: all but printable ASCII, newline, and
 * printable non-ASCII (C1 controls, line/paragraph separators, BOM and non-characters are out).
 */
const ODD_CHARACTER = /[^\n\x20-\x7E\xA0-\u2027\u202A-\uFEFE\uFF00-\uFFFD]/;

/** The document, or undefined when `yaml` must parse it. Never throws. */
export function parseFast(text: string): FastDocument | undefined {
  if (ODD_CHARACTER.test(text)) return undefined;
  try {
    return new FastParser(text).document();
  } catch {
    // BAIL, or anything unforeseen (a stack overflow): `yaml` reports what is wrong, if anything.
    return undefined;
  }
}

class FastParser {
  private pos = 0;
  /** Offset of the start of the current line. */
  private lineStart = 0;
  /** Indentation of the line `pos` is on (after nextContent()); -1 at the end of the text. */
  private indent = -1;
  /** The JS value of the node the last map(), sequence() or inline() returned. */
  private js: unknown = undefined;

  constructor(private readonly text: string) {}

  document(): FastDocument {
    const { text } = this;
    this.nextContent(true);
    if (this.indent === 0 && text.startsWith('---', this.pos)) {
      // A leading document marker alone on its line.
      this.pos += 3;
      this.endLine();
      this.nextContent();
    }
    if (this.indent !== 0) throw BAIL; // empty, or the root indented
    const contents = this.map(0);
    const value = this.js as Record<string, unknown>;
    // map() returns only at the end of the text or at a line indented less than 0: the end.
    return { contents, value };
  }

  /**
   * Moves past blank and comment lines to the first character of the next content line, and sets
   * `indent`. Directives and document markers (but a leading `---` when `marker`) are left to
   * `yaml`. Comment lines may be indented any way: they never change the structure.
   */
  private nextContent(marker = false): void {
    const { text } = this;
    const length = text.length;
    let pos = this.pos;
    for (;;) {
      if (pos >= length) {
        this.pos = length;
        this.indent = -1;
        return;
      }
      const start = pos;
      while (text.charCodeAt(pos) === SPACE) pos++;
      const code = text.charCodeAt(pos);
      if (code === NEWLINE) {
        pos++;
        continue;
      }
      if (pos >= length) continue;
      if (code === HASH) {
        const end = text.indexOf('\n', pos);
        pos = end < 0 ? length : end + 1;
        continue;
      }
      const indent = pos - start;
      if (indent === 0) {
        if (code === 37 /* % */) throw BAIL;
        if ((text.startsWith('---', pos) && !marker) || text.startsWith('...', pos)) {
          const after = text.charCodeAt(pos + 3);
          if (after === SPACE || after === NEWLINE || pos + 3 >= length) throw BAIL;
        }
      }
      this.pos = pos;
      this.lineStart = start;
      this.indent = indent;
      return;
    }
  }

  /** After a value: the rest of the line must be spaces and maybe a comment. */
  private endLine(): void {
    const { text } = this;
    let pos = this.pos;
    while (text.charCodeAt(pos) === SPACE) pos++;
    const code = text.charCodeAt(pos);
    if (pos >= text.length) {
      this.pos = pos;
      return;
    }
    if (code === NEWLINE) {
      this.pos = pos + 1;
      return;
    }
    if (code === HASH && pos > this.pos && text.charCodeAt(pos - 1) === SPACE) {
      const end = text.indexOf('\n', pos);
      this.pos = end < 0 ? text.length : end + 1;
      return;
    }
    throw BAIL;
  }

  private isSequenceItem(): boolean {
    const { text, pos } = this;
    if (text.charCodeAt(pos) !== DASH) return false;
    const next = text.charCodeAt(pos + 1);
    return next === SPACE || next === NEWLINE || pos + 1 >= text.length;
  }

  /** A block mapping whose keys start at column `indent`; `pos` is at its first key. */
  private map(indent: number): FastMap {
    const { text } = this;
    const start = this.pos;
    const items: FastPair[] = [];
    const value: Record<string, unknown> = {};
    for (;;) {
      const key = this.key();
      if (key === undefined) throw BAIL;
      const name = key.value as string;
      if (Object.prototype.hasOwnProperty.call(value, name)) throw BAIL; // yaml reports it
      // pos is just after the `:`.
      let pos = this.pos;
      while (text.charCodeAt(pos) === SPACE) pos++;
      const code = text.charCodeAt(pos);
      let node: FastNode;
      if (pos >= text.length || code === NEWLINE || code === HASH) {
        // `key:` with the value on the next lines, or none.
        const empty = pos;
        this.endLine(); // from just after the `:`
        this.nextContent();
        if (this.indent > indent) {
          node = this.isSequenceItem() ? this.sequence(this.indent) : this.map(this.indent);
        } else if (this.indent === indent && this.isSequenceItem()) {
          node = this.sequence(indent);
        } else {
          node = { kind: 'scalar', value: null, range: [empty, empty, empty] };
          this.js = null;
        }
      } else {
        this.pos = pos;
        node = this.inline();
        this.endLine();
        this.nextContent();
      }
      items.push({ key, value: node });
      value[name] = this.js;
      if (this.indent === indent) {
        if (this.isSequenceItem()) throw BAIL;
        continue;
      }
      if (this.indent < indent) {
        this.js = value;
        return { kind: 'map', items, range: [start, start, start] };
      }
      throw BAIL;
    }
  }

  /** A block sequence whose `-` are at column `indent`; `pos` is at the first `-`. */
  private sequence(indent: number): FastSeq {
    const { text } = this;
    const start = this.pos;
    const items: FastNode[] = [];
    const value: unknown[] = [];
    for (;;) {
      // At `-`, which isSequenceItem() has checked.
      let pos = this.pos + 1;
      if (text.charCodeAt(pos) !== SPACE) throw BAIL; // an empty item
      while (text.charCodeAt(pos) === SPACE) pos++;
      const code = text.charCodeAt(pos);
      if (pos >= text.length || code === NEWLINE || code === HASH) throw BAIL;
      this.pos = pos;
      if (this.isSequenceItem()) throw BAIL; // - - nested
      let node: FastNode;
      if (this.looksLikeKey()) {
        // A mapping starting on the item's line: its keys are at this column.
        node = this.map(pos - this.lineStart);
      } else {
        node = this.inline();
        this.endLine();
        this.nextContent();
      }
      items.push(node);
      value.push(this.js);
      if (this.indent === indent && this.isSequenceItem()) continue;
      if (this.indent <= indent) {
        this.js = value;
        return { kind: 'seq', items, range: [start, start, start] };
      }
      throw BAIL;
    }
  }

  /** Whether a `key:` starts at `pos` (without moving). */
  private looksLikeKey(): boolean {
    const save = this.pos;
    const key = this.key();
    this.pos = save;
    return key !== undefined;
  }

  /**
   * A one-line implicit key at `pos` followed by `:` and a space or the end of the line; moves
   * past the `:`. Undefined (not moved) when there is no key; BAIL when unsure.
   */
  private key(): FastScalar | undefined {
    const { text } = this;
    const start = this.pos;
    const code = text.charCodeAt(start);
    let end: number;
    let name: string;
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      [name, end] = this.quoted(start);
      if (text.charCodeAt(end) !== COLON) return undefined;
    } else {
      if (!plainStart(text, start)) return undefined;
      const colon = this.scanPlain(start)[1];
      if (colon < 0) return undefined;
      end = colon;
      if (text.charCodeAt(end - 1) === SPACE) throw BAIL; // `key :`
      name = text.slice(start, end);
      if (typeof resolvePlain(name) !== 'string') throw BAIL; // non-string keys are left to yaml
    }
    if (end - start > MAX_KEY_LENGTH || name === '__proto__' || name === '<<') throw BAIL;
    const after = text.charCodeAt(end + 1);
    if (!(after === SPACE || after === NEWLINE || end + 1 >= text.length)) throw BAIL;
    this.pos = end + 1;
    return { kind: 'scalar', value: name, range: [start, end, end] };
  }

  /**
   * A plain scalar from `start` to the end of its line: the end of its text (trailing spaces and
   * a comment excluded), and the offset of a `:` that makes it a key (-1 when none).
   */
  private scanPlain(start: number): [number, number] {
    const { text } = this;
    const length = text.length;
    let end = start;
    for (let pos = start; pos < length; pos++) {
      const code = text.charCodeAt(pos);
      if (code === NEWLINE) break;
      if (code === SPACE) {
        if (text.charCodeAt(pos + 1) === HASH) break;
        continue;
      }
      if (code === COLON) {
        const next = text.charCodeAt(pos + 1);
        if (next === SPACE || next === NEWLINE || pos + 1 >= length) return [end, pos];
      }
      end = pos + 1;
    }
    return [end, -1];
  }

  /** A quoted scalar on one line starting at `start`: its value and the offset after it. */
  private quoted(start: number): [string, number] {
    const { text } = this;
    const quote = text.charCodeAt(start);
    if (quote === DOUBLE_QUOTE) {
      const close = text.indexOf('"', start + 1);
      if (close < 0) throw BAIL;
      const body = text.slice(start + 1, close);
      if (body.includes('\n') || body.includes('\\')) throw BAIL;
      return [body, close + 1];
    }
    let pos = start + 1;
    let body = '';
    for (;;) {
      const close = text.indexOf("'", pos);
      if (close < 0) throw BAIL;
      body += text.slice(pos, close);
      if (text.charCodeAt(close + 1) === SINGLE_QUOTE) {
        body += "'";
        pos = close + 2;
        continue;
      }
      if (body.includes('\n')) throw BAIL;
      return [body, close + 1];
    }
  }

  /** A value on the current line at `pos`: a scalar or a one-line flow collection. */
  private inline(): FastNode {
    const { text } = this;
    const start = this.pos;
    const code = text.charCodeAt(start);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const [value, end] = this.quoted(start);
      this.pos = end;
      this.js = value;
      return { kind: 'scalar', value, range: [start, end, end] };
    }
    if (code === 91 /* [ */) return this.flowSequence();
    if (code === 123 /* { */) {
      let pos = start + 1;
      while (text.charCodeAt(pos) === SPACE) pos++;
      if (text.charCodeAt(pos) !== 125 /* } */) throw BAIL;
      this.pos = pos + 1;
      this.js = {};
      return { kind: 'map', items: [], range: [start, pos + 1, pos + 1] };
    }
    if (!plainStart(text, start)) throw BAIL;
    const [end, colon] = this.scanPlain(start);
    // `a: b: c` and `a: b:` are errors in yaml.
    if (colon >= 0) throw BAIL;
    const raw = text.slice(start, end);
    const value = resolvePlain(raw);
    this.pos = end;
    this.js = value;
    return { kind: 'scalar', value, range: [start, end, end] };
  }

  /** `[]` or `[a, "b", c]` on one line, with simple items only. */
  private flowSequence(): FastSeq {
    const { text } = this;
    const start = this.pos;
    const items: FastNode[] = [];
    const value: unknown[] = [];
    let pos = start + 1;
    while (text.charCodeAt(pos) === SPACE) pos++;
    if (text.charCodeAt(pos) !== 93 /* ] */) {
      for (;;) {
        const itemStart = pos;
        const code = text.charCodeAt(pos);
        let item: unknown;
        if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
          [item, pos] = this.quoted(pos);
        } else {
          while (isFlowPlain(text.charCodeAt(pos))) pos++;
          if (pos === itemStart || code === DASH || code === 46 /* . */) throw BAIL;
          item = resolvePlain(text.slice(itemStart, pos));
        }
        items.push({ kind: 'scalar', value: item, range: [itemStart, pos, pos] });
        value.push(item);
        while (text.charCodeAt(pos) === SPACE) pos++;
        const next = text.charCodeAt(pos);
        if (next === 93) break;
        if (next !== 44 /* , */) throw BAIL;
        pos++;
        while (text.charCodeAt(pos) === SPACE) pos++;
      }
    }
    this.pos = pos + 1;
    this.js = value;
    return { kind: 'seq', items, range: [start, pos + 1, pos + 1] };
  }
}

/** Letters, digits and _ . / - : what a plain scalar in a flow sequence may hold here. */
function isFlowPlain(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 46 ||
    code === 47 ||
    code === DASH
  );
}

/**
 * Whether a plain scalar may start at `pos` here: not an indicator (a `-` only before a
 * character that makes it part of the scalar).
 */
function plainStart(text: string, pos: number): boolean {
  const code = text.charCodeAt(pos);
  switch (code) {
    case DASH: {
      const next = text.charCodeAt(pos + 1);
      return pos + 1 < text.length && next !== SPACE && next !== NEWLINE;
    }
    case 63: // ?
    case COLON:
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case SINGLE_QUOTE:
    case DOUBLE_QUOTE:
    case 37: // %
    case 64: // @
    case 96: // `
    case SPACE:
    case NEWLINE:
      return false;
    default:
      return pos < text.length;
  }
}
