// tsc compiles only TypeScript: the pre-compiled dial.yaml validator (plain JavaScript, made by
// schema/build-validator.mjs) is copied beside the compiled sources, so `lib/` runs on a fresh clone.
import { cpSync } from 'node:fs';

cpSync('src/config/generated', 'lib/src/config/generated', { recursive: true });
