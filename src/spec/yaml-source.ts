/**
 * connect.yaml parsed with positions: the YAML checks (step 1 of `connect validate`) and the
 * mapping from a document path to the line and column of its node.
 *
 * Parsing uses the same `yaml` defaults as the platform's parser (YAML 1.2 core schema, unique
 * keys, at most 100 aliases), so a file parses here exactly when it parses there. Files in the
 * plain style connect.yaml files are written in go through ./fast-yaml.ts first, which gives the
 * same value and node offsets in a fraction of the time, and hands everything else to `yaml`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

import { formatPath, type Diagnostic, type RuleCode } from './diagnostics.js';
import { parseFast, type FastNode } from './fast-yaml.js';

/**
 * No real connect.yaml comes near this (they are a few KiB); larger input is refused before
 * parsing, which also bounds the parser's worst cases (duplicate-key checks are quadratic).
 */
export const MAX_SOURCE_BYTES = 256 * 1024;

/** Past this many, YAML errors are mostly echoes of the first ones. */
const MAX_YAML_ERRORS = 50;

export type PathSegment = string | number;

export interface Located {
  line: number;
  column: number;
}

/** What nodeAt() finds: a node of `yaml`'s tree or of the fast parser's, with its offsets. */
export interface SourceNode {
  readonly range?: readonly [number, number, number] | null | undefined;
}

/** What positions come from: `yaml`'s document, or the fast parser's tree, and the line starts. */
interface Parsed {
  readonly document?: Document.Parsed | undefined;
  readonly lineCounter: LineCounter;
  /** The fast parser's tree, when it parsed the text (then `document` is undefined). */
  readonly tree?: FastNode | undefined;
}

export class YamlSource {
  #parsed: Parsed | (() => Parsed);

  /** `parsed` may be a function: then it runs the first time a position is needed. */
  constructor(
    readonly file: string,
    readonly text: string,
    parsed: Parsed | (() => Parsed) = { lineCounter: countLines(text) },
  ) {
    this.#parsed = parsed;
  }

  private get parsed(): Parsed {
    if (typeof this.#parsed === 'function') this.#parsed = this.#parsed();
    return this.#parsed;
  }

  get document(): Document.Parsed | undefined {
    return this.parsed.document;
  }

  get lineCounter(): LineCounter {
    return this.parsed.lineCounter;
  }

  get tree(): FastNode | undefined {
    return this.parsed.tree;
  }

  position(offset: number): Located {
    const { line, col } = this.lineCounter.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line, column: col };
  }

  /**
   * The node at `path`; with `key`, the key node of the last segment (for unknown keys).
   * Walks as far as the path exists, so a missing key yields the object that lacks it.
   */
  nodeAt(path: readonly PathSegment[], options: { key?: boolean } = {}): SourceNode | undefined {
    if (this.tree !== undefined) return fastNodeAt(this.tree, path, options);
    let node: unknown = this.document?.contents;
    for (let index = 0; index < path.length; index++) {
      const segment = path[index];
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (!pair) return node;
        if (last && options.key && isScalar(pair.key)) return pair.key;
        // `key:` with nothing after it has no value node: point at the key.
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined || item === null) return node;
        node = item;
      } else {
        return node as Node | undefined;
      }
    }
    return node as Node | undefined;
  }

  locate(path: readonly PathSegment[], options: { key?: boolean } = {}): Located {
    const node = this.nodeAt(path, options);
    const offset = node?.range?.[0];
    return offset === undefined ? { line: 1, column: 1 } : this.position(offset);
  }

  /** A diagnostic about the node at `path`. */
  diagnostic(
    code: RuleCode,
    severity: Diagnostic['severity'],
    message: string,
    path: readonly PathSegment[],
    options: { key?: boolean; at?: readonly PathSegment[]; offset?: number } = {},
  ): Diagnostic {
    const where =
      options.offset === undefined ? this.locate(options.at ?? path, options) : this.position(options.offset);
    return {
      severity,
      code,
      message,
      file: this.file,
      line: where.line,
      column: where.column,
      path: formatPath(path),
    };
  }
}

/** nodeAt() on the fast parser's tree: the same walk over the same shapes. */
function fastNodeAt(root: FastNode, path: readonly PathSegment[], options: { key?: boolean }): FastNode {
  let node = root;
  for (let index = 0; index < path.length; index++) {
    const segment = path[index];
    const last = index === path.length - 1;
    if (node.kind === 'map') {
      const pair = node.items.find((item) => String(item.key.value) === String(segment));
      if (!pair) return node;
      if (last && options.key) return pair.key;
      node = pair.value;
    } else if (node.kind === 'seq' && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

const YAML_CODES: Record<string, RuleCode> = {
  TAB_AS_INDENT: 'yaml-tab-indent',
  BAD_INDENT: 'yaml-bad-indent',
  DUPLICATE_KEY: 'yaml-duplicate-key',
  MULTIPLE_DOCS: 'yaml-multiple-documents',
  BLOCK_AS_IMPLICIT_KEY: 'yaml-bad-indent',
  MULTILINE_IMPLICIT_KEY: 'yaml-bad-indent',
};

const YAML_HINTS: Partial<Record<RuleCode, string>> = {
  'yaml-tab-indent': 'indent with spaces (two per level), not tabs',
  'yaml-bad-indent': 'align the items of one mapping or list at the same column',
  'yaml-duplicate-key': 'remove or rename one of the two keys',
  'yaml-multiple-documents': 'keep one document: remove the "---" separator and what follows, or merge them',
  'yaml-unclosed-quote': 'add the closing quote',
};

export interface ParsedSource {
  source: YamlSource;
  /** The document as plain data; undefined when the YAML has errors. */
  value?: unknown;
  diagnostics: Diagnostic[];
}

type Prepared = { done: ParsedSource } | { text: string; encoding: Diagnostic[] };

/** An error of `source` at `offset`, with no document path. */
function at(source: YamlSource, code: RuleCode, message: string, offset = 0): Diagnostic {
  return source.diagnostic(code, 'error', message, [], { offset });
}

/** Decoding and the checks before parsing: the text to parse, or the result without parsing. */
function prepare(file: string, bytes: Uint8Array | string): Prepared {
  const empty = (text: string): YamlSource => new YamlSource(file, text);

  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
  if (size > MAX_SOURCE_BYTES) {
    const source = empty('');
    return {
      done: {
        source,
        diagnostics: [
          at(
            source,
            'yaml-too-large',
            `the file is ${Math.round(size / 1024)} KiB; a connect.yaml is a few KiB (at most ${MAX_SOURCE_BYTES / 1024} KiB here): check that this is the right file`,
          ),
        ],
      },
    };
  }
  const raw = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8').decode(bytes);
  const nul = raw.indexOf('\u0000');
  if (nul >= 0) {
    const source = empty(raw);
    return {
      done: {
        source,
        diagnostics: [
          at(
            source,
            'yaml-not-text',
            'the file holds binary data (a NUL byte): connect.yaml must be text',
            nul,
          ),
        ],
      },
    };
  }
  let text = raw;
  const encoding: Diagnostic[] = [];
  if (typeof bytes !== 'string' && raw.includes('\uFFFD')) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // The platform reads the bytes as UTF-8 all the same; what is not UTF-8 comes out garbled.
      const source = empty(raw);
      encoding.push({
        ...at(
          source,
          'yaml-encoding',
          'the file is not valid UTF-8 (some characters will be garbled on the platform): save connect.yaml as UTF-8',
          raw.indexOf('\uFFFD'),
        ),
        severity: 'warning',
      });
    }
  }
  // A byte-order mark is not content.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const deep = tooDeep(text);
  if (deep !== undefined) {
    const source = empty(text);
    return {
      done: {
        source,
        diagnostics: [
          at(
            source,
            'yaml-syntax',
            `the document is nested more than ${MAX_DEPTH} levels deep here; a connect.yaml needs fewer than 10`,
            deep,
          ),
        ],
      },
    };
  }
  return { text, encoding };
}

/**
 * Step 1: decode and parse. Never throws. The fast parser reads the plain YAML that
 * connect.yaml files are written in; anything else goes to `yaml` (`fast: false` forces that,
 * for the tests that hold the two to the same results).
 */
export function parseSource(
  file: string,
  bytes: Uint8Array | string,
  options: { fast?: boolean } = {},
): ParsedSource {
  const prepared = prepare(file, bytes);
  return 'done' in prepared ? prepared.done : parseText(file, prepared.text, prepared.encoding, options);
}

/** parseSource() once the text is decoded and checked (`encoding`: the decoding's warnings). */
function parseText(
  file: string,
  text: string,
  encoding: Diagnostic[],
  options: { fast?: boolean },
): ParsedSource {
  if (options.fast !== false) {
    const fast = parseFast(text);
    if (fast !== undefined) {
      const source = new YamlSource(file, text, { lineCounter: countLines(text), tree: fast.contents });
      return { source, value: fast.value, diagnostics: encoding };
    }
  }

  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { lineCounter, prettyErrors: false });
  } catch (error) {
    const source = new YamlSource(file, text);
    return {
      source,
      diagnostics: [at(source, 'yaml-syntax', `the file cannot be parsed: ${describe(error)}`)],
    };
  }
  const source = new YamlSource(file, text, { document, lineCounter });

  const diagnostics: Diagnostic[] = [...encoding];
  const reported = new Set<string>();
  for (const error of document.errors.slice(0, MAX_YAML_ERRORS)) {
    let code: RuleCode =
      YAML_CODES[error.code] ??
      (error.code === 'MISSING_CHAR' && /quote/i.test(error.message) ? 'yaml-unclosed-quote' : 'yaml-syntax');
    if (error.code === 'MISSING_CHAR' && /without - indicator/.test(error.message)) code = 'yaml-bad-indent';
    const [first = ''] = error.message.split('\n');
    const message = first
      .replace(/ at line \d+, column \d+:?$/, '')
      .replace(/; please use YAML\.parseAllDocuments\(\)/, '');
    const flow = /^Flow (sequence|map)/.exec(message);
    if (flow) {
      // An unclosed [ or {: point at the opening bracket rather than where the parser gave up.
      const open = flow[1] === 'map' ? '{' : '[';
      const start = text.lastIndexOf(open, error.pos[0]);
      diagnostics.push(
        at(
          source,
          'yaml-syntax',
          `this flow ${flow[1]} (${open} ...) is not closed: add the closing ${open === '[' ? ']' : '}'}`,
          Math.max(0, start),
        ),
      );
      continue;
    }
    let hint = YAML_HINTS[code];
    if (code === 'yaml-duplicate-key') {
      const key = /^["']?([^"':\n]+)/.exec(text.slice(error.pos[0]))?.[1]?.trim();
      if (key) hint = `"${key}" appears twice in this mapping; remove or merge one`;
    }
    let offset = code === 'yaml-unclosed-quote' ? openingQuote(text, error.pos[0], message) : error.pos[0];
    if (code === 'yaml-bad-indent') {
      // The parser reports the start of the line; the misplaced item starts after the spaces.
      while (text[offset] === ' ') offset++;
    }
    const id = `${code}:${offset}`;
    if (reported.has(id)) continue;
    reported.add(id);
    diagnostics.push(at(source, code, `${lowerFirst(message)}${hint ? `: ${hint}` : ''}`, offset));
  }
  if (document.errors.length > MAX_YAML_ERRORS) {
    const last = diagnostics[diagnostics.length - 1];
    if (last) last.message += ` (and ${document.errors.length - MAX_YAML_ERRORS} more YAML errors not shown)`;
  }
  for (const warning of document.warnings.slice(0, MAX_YAML_ERRORS)) {
    const [first = ''] = warning.message.split('\n');
    diagnostics.push({
      ...at(
        source,
        'yaml-warning',
        `${lowerFirst(first.replace(/ at line \d+, column \d+:?$/, ''))}${warning.code === 'TAG_RESOLVE_FAILED' ? ': the tag is ignored; remove it' : ''}`,
        warning.pos[0],
      ),
      severity: 'warning',
    });
  }
  if (document.errors.length > 0) return { source, diagnostics };

  try {
    return { source, value: document.toJS({ maxAliasCount: 100 }), diagnostics };
  } catch (error) {
    const aliases = error instanceof ReferenceError && /alias/i.test(error.message);
    diagnostics.push(
      aliases
        ? at(
            source,
            'yaml-alias-limit',
            'the document expands too many aliases (a "billion laughs" document); the platform refuses it: write the values out',
            document.contents?.range?.[0] ?? 0,
          )
        : at(source, 'yaml-syntax', `the document cannot be read: ${describe(error)}`),
    );
    return { source, diagnostics };
  }
}

/**
 * `parseSource(file, bytes).source`, parsed only when a position is first asked for: for files
 * whose positions matter only when something is wrong with them (package.json).
 */
export function deferredSource(file: string, bytes: Uint8Array | string): YamlSource {
  const prepared = prepare(file, bytes);
  if ('done' in prepared) return prepared.done.source;
  return new YamlSource(file, prepared.text, () => {
    const { source } = parseText(file, prepared.text, prepared.encoding, {});
    return { document: source.document, lineCounter: source.lineCounter, tree: source.tree };
  });
}

const MAX_DEPTH = 100;

/**
 * Where the text nests deeper than MAX_DEPTH ([[[[..., - - - - ..., or deep indentation), if
 * anywhere. The parser recurses per level: such input would exhaust its stack (and can take V8
 * down with it), so it is refused before parsing, as the platform's parser fails on it too.
 */
export function tooDeep(text: string): number | undefined {
  // Line by line, then bracket by bracket (native searches do the scanning): the first offset
  // at which either goes too deep.
  let found: number | undefined;
  for (let start = 0; start < text.length;) {
    // Depth of a block line: its indentation (two spaces a level) plus compact "- - -" items.
    let cursor = start;
    while (text.charCodeAt(cursor) === 32) cursor++;
    let depth = (cursor - start) / 2;
    while (text.charCodeAt(cursor) === 45 && text.charCodeAt(cursor + 1) === 32) {
      depth++;
      cursor += 2;
      while (text.charCodeAt(cursor) === 32) cursor++;
    }
    if (depth > MAX_DEPTH) {
      found = start;
      break;
    }
    const end = text.indexOf('\n', cursor);
    if (end < 0) break;
    start = end + 1;
  }
  const brackets = /[[{\]}]/g;
  let flow = 0;
  for (
    let match = brackets.exec(text);
    match !== null && (found === undefined || match.index < found);
    match = brackets.exec(text)
  ) {
    const code = text.charCodeAt(match.index);
    if (code === 91 || code === 123) {
      if (++flow > MAX_DEPTH) return match.index; // [ {
    } else if (flow > 0) flow--; // ] }
  }
  return found;
}

/** Where the unclosed quoted scalar starts: the last quote before `offset` that opens a value. */
function openingQuote(text: string, offset: number, message: string): number {
  const quote = message.includes("'") ? "'" : '"';
  for (
    let index = text.lastIndexOf(quote, offset - 1);
    index >= 0;
    index = text.lastIndexOf(quote, index - 1)
  ) {
    const before = text.slice(Math.max(0, text.lastIndexOf('\n', index - 1) + 1), index).trimEnd();
    if (before === '' || /[:\-[,{?]$/.test(before)) return index;
  }
  return offset;
}

function countLines(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1))
    counter.addNewLine(index + 1);
  return counter;
}

function describe(error: unknown): string {
  if (error instanceof RangeError) return 'it is nested too deeply';
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : String(error);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
