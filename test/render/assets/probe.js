/* global window, document */
// Runs in the page: renders mermaid text with the page's mermaid (parse, then render, as GitHub's viewer
// does) and reports what a reader would see as plain data, for the assertions in render.test.ts.
(function () {
  let counter = 0;
  let initialized = false;

  function init() {
    if (initialized) return;
    window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
    initialized = true;
  }

  const num = (el, name) => Number(el.getAttribute(name) ?? 'NaN');
  const classes = (el) => (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);

  function facts(root) {
    const tasks = [...root.querySelectorAll('rect.task')].map((rect) => ({
      id: rect.id,
      x: num(rect, 'x'),
      width: num(rect, 'width'),
      milestone: classes(rect).includes('milestone'),
      transform: rect.getAttribute('transform') ?? '',
    }));
    const labels = [...root.querySelectorAll('text')]
      .filter((t) => classes(t).some((c) => c.startsWith('taskText')))
      .map((t) => (t.textContent ?? '').trim());
    const ticks = [...root.querySelectorAll('g.grid g.tick text')].map((t) => (t.textContent ?? '').trim());
    // xychart: one group per plot, bars as rects, lines as one path of M/L commands.
    const plots = [...root.querySelectorAll('g')]
      .filter((g) => classes(g).some((c) => /^(bar|line)-plot-\d+$/.test(c)))
      .map((g) => {
        const kind = classes(g).find((c) => /^(bar|line)-plot-\d+$/.test(c));
        const bars = g.querySelectorAll('rect').length;
        const path = g.querySelector('path');
        const d = path?.getAttribute('d') ?? '';
        return {
          kind,
          bars,
          points: (d.match(/[ML]/g) ?? []).length,
          color:
            (kind?.startsWith('bar')
              ? g.querySelector('rect')?.getAttribute('fill')
              : path?.getAttribute('stroke')) ?? '',
        };
      });
    const xLabels = [...root.querySelectorAll('g.bottom-axis g.label text, g.bottom-axis text')].map((t) =>
      (t.textContent ?? '').trim(),
    );
    const text = root.textContent ?? '';
    return { tasks, labels, ticks, plots, xLabels, syntaxError: /Syntax error/i.test(text) };
  }

  window.dialProbe = async function (source) {
    init();
    const result = { parsed: false, parseError: null, rendered: false, renderError: null };
    try {
      const ok = await window.mermaid.parse(source);
      result.parsed = ok !== false;
    } catch (error) {
      result.parseError = String(error && error.message ? error.message : error);
    }
    const stage = document.getElementById('stage');
    const id = `probe${++counter}`;
    try {
      const { svg } = await window.mermaid.render(id, source);
      const box = document.createElement('div');
      box.className = 'probe';
      box.innerHTML = svg;
      stage.appendChild(box);
      result.rendered = true;
      Object.assign(result, facts(box));
    } catch (error) {
      result.renderError = String(error && error.message ? error.message : error);
    }
    // A failed render leaves mermaid's error diagram in the body (10.x): count it as what a reader sees.
    result.pageSyntaxError = /Syntax error/i.test(document.body.textContent ?? '');
    return result;
  };

  // Full pages: every <pre class="mermaid-source"> is replaced by its rendered SVG, as GitHub shows it.
  window.dialRenderPage = async function () {
    init();
    const blocks = [...document.querySelectorAll('pre.mermaid-source')];
    const results = [];
    for (const pre of blocks) {
      const id = `page${++counter}`;
      try {
        const { svg } = await window.mermaid.render(id, pre.textContent ?? '');
        const box = document.createElement('div');
        box.className = 'mermaid-chart';
        box.innerHTML = svg;
        pre.replaceWith(box);
        results.push({ rendered: true, ...facts(box) });
      } catch (error) {
        results.push({
          rendered: false,
          renderError: String(error && error.message ? error.message : error),
        });
      }
    }
    return results;
  };
})();
