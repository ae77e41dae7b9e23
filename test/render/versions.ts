// The mermaid versions every block is rendered with, installed side by side under npm aliases
// (package.json): GitHub runs an older mermaid than upstream and does not say which (11.3.0 was reported
// in late 2024), so Dial's charts must draw in the old and the new alike.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface MermaidVersion {
  /** The npm alias it is installed under. */
  alias: string;
  version: string;
  /** The IIFE bundle that sets window.mermaid. */
  script: string;
}

const ALIASES = ['mermaid-10', 'mermaid-11-3', 'mermaid-11', 'mermaid'];

export const MERMAID_VERSIONS: MermaidVersion[] = ALIASES.map((alias) => {
  const root = resolve('node_modules', alias);
  const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
  return { alias, version, script: resolve(root, 'dist', 'mermaid.min.js') };
});

/** The version the screenshots use: the one reported for GitHub. */
export const SCREENSHOT_VERSION =
  MERMAID_VERSIONS.find((v) => v.version.startsWith('11.3.')) ?? MERMAID_VERSIONS[0]!;
