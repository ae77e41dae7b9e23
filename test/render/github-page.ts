// A job summary as a reviewer sees it on GitHub: the Markdown rendered with GitHub-flavoured rules
// (marked), in a page styled after GitHub's job-summary card, with every mermaid block drawn by the page's
// mermaid (probe.js replaces each <pre class="mermaid-source"> with its SVG).
import { escapeHtml, githubHtml } from '../../src/demo/report.js';
import { scripts } from './server.js';

// After GitHub's Primer styles for Markdown (colours and spacing of the light theme).
const CSS = `
body { margin: 0; background: #f6f8fa; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans",
  "Liberation Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; color: #1f2328; }
.run { width: 1012px; margin: 16px auto; }
.card { background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
.card > header { padding: 12px 16px; border-bottom: 1px solid #d1d9e0; font-weight: 600; font-size: 14px; }
.markdown-body { padding: 16px 24px 8px; font-size: 14px; line-height: 1.5; word-wrap: break-word; }
.markdown-body h2 { font-size: 1.5em; font-weight: 600; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3;
  margin: 8px 0 16px; }
.markdown-body h3 { font-size: 1.25em; font-weight: 600; margin: 24px 0 16px; }
.markdown-body p, .markdown-body table, .markdown-body blockquote, .markdown-body pre,
.markdown-body details { margin: 0 0 16px; }
.markdown-body code { font-family: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", "Liberation Mono", monospace;
  font-size: 85%; padding: .2em .4em; background: #818b981f; border-radius: 6px; }
.markdown-body pre { background: #f6f8fa; padding: 16px; border-radius: 6px; overflow: auto; font-size: 85%; }
.markdown-body pre code { background: transparent; padding: 0; font-size: 100%; }
.markdown-body table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content;
  max-width: 100%; overflow: auto; }
.markdown-body td, .markdown-body th { padding: 6px 13px; border: 1px solid #d1d9e0; vertical-align: top; }
.markdown-body th { font-weight: 600; }
.markdown-body tr { background: #fff; border-top: 1px solid #d1d9e0b3; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body blockquote { padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
.markdown-body summary { cursor: pointer; }
.markdown-body a { color: #0969da; text-decoration: none; }
.mermaid-chart svg { max-width: 100%; height: auto; }
pre.mermaid-source { white-space: pre; }
`;

/** The whole page: the card with the rendered summary; `dialRenderPage()` then draws the charts. */
export function githubPage(summary: string, alias: string, title: string): string {
  const body = githubHtml(summary);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${CSS}</style>${scripts(alias)}</head>
<body><div class="run"><div class="card"><header>${escapeHtml(title)}</header>
<div class="markdown-body">${body}</div></div></div><div id="stage"></div></body></html>`;
}
