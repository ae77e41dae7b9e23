// dial.yaml parsed with node ranges kept, so every problem can be pointed at a line and column.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigIssue, FieldPath, IssueOrigin } from './issues.js';

export interface YamlSource {
  /** Path as shown in messages and annotations (relative to the workspace). */
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  data: unknown;
}

export function parseYamlSource(text: string, file: string): { source: YamlSource; issues: ConfigIssue[] } {
  const lines = new LineCounter();
  // prettyErrors off: we place the message ourselves, without the code excerpt yaml would add.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source: YamlSource = { file, doc, lines, data: undefined };
  const issues: ConfigIssue[] = doc.errors.map((error) => {
    const at = lines.linePos(error.pos[0]);
    return {
      path: [],
      message: `invalid YAML: ${error.message.split('\n')[0] ?? error.code}`,
      origin: { kind: 'file', file, line: at.line, col: at.col },
    };
  });
  if (issues.length === 0) source.data = doc.toJS({ maxAliasCount: 100 });
  return { source, issues };
}

/**
 * The position of the field at `path`. `onKey` points at the key (`bake_time:`) rather than the value,
 * for problems with the field's name; a path that does not exist falls back to its nearest parent.
 */
export function locate(source: YamlSource, path: FieldPath, onKey = false): IssueOrigin {
  let node: unknown = source.doc.contents;
  let offset = node && isNodeWithRange(node) ? node.range[0] : 0;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) break;
      if (last && onKey && isNodeWithRange(pair.key)) {
        offset = pair.key.range[0];
        break;
      }
      // A missing value (`key:` alone) has no node: point at the key.
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
    } else break;
    if (!isNodeWithRange(node)) break;
    offset = node.range[0];
  }
  const at = source.lines.linePos(offset);
  return { kind: 'file', file: source.file, line: at.line, col: at.col };
}

function isNodeWithRange(value: unknown): value is Node & { range: [number, number, number] } {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray(value.range);
}
