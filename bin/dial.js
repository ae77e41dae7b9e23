#!/usr/bin/env node
// The `dial` command: the bundled CLI (built by `npm run build`), so it starts without TypeScript.
import '../dist/cli/index.js';
