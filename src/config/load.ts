// Reads dial.yaml, validates it, merges profile defaults < file < overrides, runs the semantic checks,
// and either returns the resolved configuration or throws a ConfigError carrying every problem at once.
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ConfigError, type ConfigIssue, type FieldPath, type IssueOrigin } from './issues.js';
import { mergeLayers, sourceOf, type Layer, type Source } from './merge.js';
import { overrideLayers, parseImageRefs, type OverrideInputs, type OverrideLabel } from './overrides.js';
import { DEFAULT_PROFILE, PROFILE_DEFAULTS } from './profiles.js';
import { validateAgainstSchema } from './schema-validator.js';
import { checkSemantics, insideWorkspace, resolveManifests, type SemanticProblem } from './semantic.js';
import { PROFILES, type DialConfig, type ProfileName } from './types.js';
import { locate, parseYamlSource, type YamlSource } from './yaml-source.js';

export interface LoadRequest {
  /** dial.yaml path, absolute or relative to the workspace. */
  file: string;
  /** Absolute workspace folder: manifests and build contexts are relative to it and may not leave it. */
  workspace: string;
  overrides: OverrideInputs;
  /** Image references to deploy (`name=ref`, or one ref for a single-image service). */
  images?: string;
  /** How overrides are named: `input steps` in the action, `--steps` in the CLI. */
  label: OverrideLabel;
}

export interface ResolvedConfig {
  /** Profile defaults, dial.yaml and overrides merged; validated. */
  config: DialConfig;
  profile: ProfileName;
  /** Field path -> where its value came from (`profile production`, `dial.yaml`, `input steps`). */
  sources: Map<string, Source>;
  /** dial.yaml as shown in messages: relative to the workspace. */
  file: string;
  /** Manifest files the manifest paths resolve to, relative to the workspace, in apply order. */
  manifestFiles: string[];
  /** Image name -> reference to deploy, from the `images` override. */
  imageRefs: Record<string, string>;
}

export async function loadConfig(request: LoadRequest): Promise<ResolvedConfig> {
  const workspace = resolve(request.workspace);
  const absolute = resolve(workspace, request.file);
  const rel = relative(workspace, absolute);
  const file = rel.startsWith('..') || isAbsolute(rel) ? request.file : rel.split(sep).join('/');
  const start: IssueOrigin = { kind: 'file', file, line: 1, col: 1 };

  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError([{ path: [], message: `cannot read ${file}: ${reason}`, origin: start }]);
  }
  const { source, issues: syntax } = parseYamlSource(text, file);
  if (syntax.length > 0) throw new ConfigError(syntax);
  if (source.data === null || source.data === undefined)
    throw new ConfigError([
      { path: [], message: 'the file is empty: expected at least `service` and `manifests`', origin: start },
    ]);

  // 1. The file on its own, so each problem points at its line; overrides are parsed alongside.
  const issues: ConfigIssue[] = validateAgainstSchema(source.data).map((problem) => ({
    path: problem.path,
    message: problem.message,
    origin: locate(source, problem.at ?? problem.path, problem.onKey),
  }));
  const overrides = overrideLayers(request.overrides, request.label);
  issues.push(...overrides.issues);
  if (issues.length > 0) throw new ConfigError(issues);
  const fileValues = source.data as DialConfig & Record<string, unknown>;

  // 2. The profile decides the defaults, so it is resolved first (an override may change it).
  const profileLayer = [...overrides.layers].reverse().find((layer) => 'profile' in layer.values);
  const profileName = (profileLayer?.values.profile ?? fileValues.profile ?? DEFAULT_PROFILE) as string;
  if (!(PROFILES as readonly string[]).includes(profileName)) {
    const at: IssueOrigin = profileLayer ? { kind: 'input', name: profileLayer.source } : start;
    throw new ConfigError([
      {
        path: ['profile'],
        message: `must be one of ${PROFILES.join(', ')} (got ${JSON.stringify(profileName)})`,
        origin: at,
      },
    ]);
  }
  const profile = profileName as ProfileName;
  const profileSource = `profile ${profile}`;
  const layers: Layer[] = [
    { source: profileSource, values: PROFILE_DEFAULTS[profile] as Record<string, unknown> },
    { source: file, values: fileValues },
    ...overrides.layers,
  ];
  const merged = mergeLayers(layers);
  // Neither the file nor an input named it (either would have set the source in the merge).
  if (!merged.sources.has('profile')) merged.sources.set('profile', 'default');
  merged.value.profile = profile;
  const place = placer(source, file, profileSource, merged.sources);

  // 3. The merged result: catches overrides of the wrong shape, then what the schema cannot say.
  for (const problem of validateAgainstSchema(merged.value))
    issues.push({
      path: problem.path,
      message: problem.message,
      origin: place(problem.at ?? problem.path, problem.onKey),
    });
  if (issues.length > 0) throw new ConfigError(issues);
  const config = merged.value as unknown as DialConfig;
  const semantic: SemanticProblem[] = checkSemantics(config);
  // Real paths are compared, so a workspace reached through a symlink must be resolved too.
  const root = await realpath(workspace);
  const manifests = await resolveManifests(config.manifests, root);
  semantic.push(...manifests.problems);
  for (const [i, image] of (config.images ?? []).entries()) {
    const inside = await insideWorkspace(image.context, root);
    if ('problem' in inside) semantic.push({ path: ['images', i, 'context'], message: inside.problem });
  }
  for (const problem of semantic) {
    const source = sourceOf(merged.sources, problem.path);
    const note = source === profileSource ? ` (default of profile ${profile})` : '';
    issues.push({
      path: problem.path,
      message: problem.message + note,
      origin: place(problem.path, problem.onKey ?? false),
    });
  }
  const imageNames = (config.images ?? []).map((image) => image.name);
  const refs = parseImageRefs(request.images, imageNames, request.label('images'));
  issues.push(...refs.issues);
  if (issues.length > 0) throw new ConfigError(issues);

  return {
    config,
    profile,
    sources: merged.sources,
    file,
    manifestFiles: manifests.files,
    imageRefs: refs.refs,
  };
}

/** Places a problem where its value came from: the file's line, the input's name, or the `profile:` line. */
function placer(source: YamlSource, file: string, profileSource: Source, sources: Map<string, Source>) {
  return (path: FieldPath, onKey: boolean): IssueOrigin => {
    const from = sourceOf(sources, path);
    if (from === undefined || from === file) return locate(source, path, onKey);
    if (from === profileSource) return locate(source, ['profile'], true);
    return { kind: 'input', name: from };
  };
}
