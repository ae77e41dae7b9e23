// The harness's pure parsers against the runner's edge cases (FileCommandManager, ActionCommand).
import { describe, expect, it } from '@jest/globals';
import { FileCommandError, parseKeyValueFile, parsePathFile } from '../harness/file-commands.js';
import { inputEnvName, postAllowed } from '../harness/run-action.js';
import { CommandProcessor, MaskedValueLeakError, parseCommandLine } from '../harness/workflow-commands.js';

describe('parseKeyValueFile (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV)', () => {
  it('reads NAME=VALUE lines; the first = splits and later keys win', () => {
    expect(parseKeyValueFile('a=1\nb=x=y\n\na=2\n')).toEqual({ a: '2', b: 'x=y' });
  });

  it('takes whichever of = and << comes first', () => {
    expect(parseKeyValueFile('a=b<<c\n')).toEqual({ a: 'b<<c' });
    expect(parseKeyValueFile('a<<E=F\nv\nE=F\n')).toEqual({ a: 'v' });
  });

  it('reads heredocs, keeping inner blank lines and dropping only the last newline', () => {
    const text = 'report<<ghadelimiter_1\nline 1\n\nline 3\nghadelimiter_1\nnext=ok\n';
    expect(parseKeyValueFile(text)).toEqual({ report: 'line 1\n\nline 3', next: 'ok' });
    expect(parseKeyValueFile('empty<<EOF\nEOF\n')).toEqual({ empty: '' });
    expect(parseKeyValueFile('last<<EOF\nv\nEOF')).toEqual({ last: 'v' });
  });

  it('keeps a carriage return in the value, as the runner does on Linux', () => {
    expect(parseKeyValueFile('a=b\r\n')).toEqual({ a: 'b\r' });
  });

  it('fails like the runner on a missing delimiter, an empty name or a line without = or <<', () => {
    expect(() => parseKeyValueFile('x<<EOF\nno end\n')).toThrow("Matching delimiter not found 'EOF'");
    expect(() => parseKeyValueFile('=v\n')).toThrow(FileCommandError);
    expect(() => parseKeyValueFile('<<EOF\nv\nEOF\n')).toThrow(/Name must not be empty/);
    expect(() => parseKeyValueFile('just text\n')).toThrow("Invalid format 'just text'");
  });
});

describe('parsePathFile (GITHUB_PATH)', () => {
  it('puts the last added directory first and keeps one copy of each', () => {
    expect(parsePathFile('/a\n/b\n\n/a\n')).toEqual(['/a', '/b']);
    expect(parsePathFile('/a\n/b\n')).toEqual(['/b', '/a']);
  });
});

describe('parseCommandLine', () => {
  it('unescapes data (%25 %0D %0A) and properties (also %3A %2C), %25 last', () => {
    expect(parseCommandLine('::error file=a%2Cb%3Ac.ts,line=4::x%0Ay%0Dz %25 %250A')).toEqual({
      name: 'error',
      properties: { file: 'a,b:c.ts', line: '4' },
      data: 'x\ny\rz % %0A',
    });
  });

  it('accepts leading whitespace, case-insensitive property keys and :: inside the data', () => {
    expect(parseCommandLine('   ::warning TITLE=t,endLine=9::a::b')).toEqual({
      name: 'warning',
      properties: { title: 't', endline: '9' },
      data: 'a::b',
    });
  });

  it('drops empty property values and ignores unknown commands and plain lines', () => {
    expect(parseCommandLine('::notice file=,line=2::m')?.properties).toEqual({ line: '2' });
    expect(parseCommandLine('::unknown::m')).toBeUndefined();
    expect(parseCommandLine('::error no end')).toBeUndefined();
    expect(parseCommandLine('error::x')).toBeUndefined();
  });
});

describe('CommandProcessor', () => {
  it('records masks and throws on a later line containing one, without repeating it', () => {
    const p = new CommandProcessor();
    p.processLine('token ghs_abc is fine before masking', 'stdout', 1);
    p.processLine('::add-mask::ghs_abc', 'stdout', 2);
    expect(() => p.processLine('oops ghs_abc', 'stderr', 3)).toThrow(MaskedValueLeakError);
    try {
      p.processLine('oops ghs_abc', 'stderr', 3);
    } catch (error) {
      expect(String(error)).toContain('stderr (line 3)');
      expect(String(error)).not.toContain('ghs_abc');
    }
    expect(() => p.assertNotLeaked('summary with ghs_abc', 'GITHUB_STEP_SUMMARY')).toThrow(
      /GITHUB_STEP_SUMMARY/,
    );
  });

  it('ignores commands between ::stop-commands::<token> and ::<token>::', () => {
    const p = new CommandProcessor();
    for (const line of ['::stop-commands::abc', '::error::hidden', '::abc::', '::error::seen']) {
      p.processLine(line, 'stdout', 1);
    }
    expect(p.log.annotations).toEqual([{ level: 'error', message: 'seen' }]);
  });

  it('keeps the deprecated set-output and save-state working with the runner warning', () => {
    const p = new CommandProcessor();
    p.processLine('::set-output name=x::1', 'stdout', 1);
    p.processLine('::save-state name=s::2', 'stdout', 2);
    expect(p.log.outputs).toEqual({ x: '1' });
    expect(p.log.state).toEqual({ s: '2' });
    expect(p.log.annotations.map((a) => a.level)).toEqual(['warning', 'warning']);
  });
});

describe('runner rules', () => {
  it('mangles input names: spaces to _, upper case, hyphens kept', () => {
    expect(inputEnvName('dry-run')).toBe('INPUT_DRY-RUN');
    expect(inputEnvName('log level')).toBe('INPUT_LOG_LEVEL');
  });

  it('evaluates post-if against the main step result', () => {
    expect(postAllowed(undefined, false)).toBe(true);
    expect(postAllowed('always()', false)).toBe(true);
    expect(postAllowed('success()', true)).toBe(true);
    expect(postAllowed('success()', false)).toBe(false);
    expect(postAllowed('${{ failure() }}', false)).toBe(true);
    expect(postAllowed('failure()', true)).toBe(false);
    expect(postAllowed('!cancelled()', false)).toBe(true);
    expect(() => postAllowed("github.event_name == 'push'", true)).toThrow(/cannot evaluate post-if/);
  });
});
