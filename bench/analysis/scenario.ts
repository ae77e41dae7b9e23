// The scenario file format of the analysis benchmark (see shared BENCHMARK.md), read and checked.

export interface LatencySpec {
  dist: 'lognormal';
  medianMs: number;
  sigma: number;
}

export interface ArmSpec {
  errorRate: number;
  latency: LatencySpec;
}

export type ArmName = 'baseline' | 'canary';

export interface Incident {
  startMinute: number;
  endMinute: number;
  errorRate: number;
  arms: ArmName[];
}

export interface Scenario {
  name: string;
  rps: number;
  canaryWeight: number;
  durationMinutes: number;
  bucketSeconds: number;
  baseline: ArmSpec;
  canary: ArmSpec;
  incidents?: Incident[];
  bad: boolean;
}

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function number(
  obj: Record<string, unknown>,
  key: string,
  where: string,
  min: number,
  max = Infinity,
): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ScenarioError(`${where}.${key} must be a number in [${min}, ${max}]`);
  }
  return value;
}

function arm(value: unknown, where: string): ArmSpec {
  if (!isRecord(value)) throw new ScenarioError(`${where} must be an object`);
  const latency = value['latency'];
  if (!isRecord(latency) || latency['dist'] !== 'lognormal') {
    throw new ScenarioError(`${where}.latency.dist must be "lognormal"`);
  }
  return {
    errorRate: number(value, 'errorRate', where, 0, 1),
    latency: {
      dist: 'lognormal',
      medianMs: number(latency, 'medianMs', `${where}.latency`, Number.MIN_VALUE),
      sigma: number(latency, 'sigma', `${where}.latency`, 0),
    },
  };
}

function incident(value: unknown, where: string): Incident {
  if (!isRecord(value)) throw new ScenarioError(`${where} must be an object`);
  const arms = value['arms'];
  if (!Array.isArray(arms) || !arms.every((a) => a === 'baseline' || a === 'canary')) {
    throw new ScenarioError(`${where}.arms must list "baseline" and/or "canary"`);
  }
  return {
    startMinute: number(value, 'startMinute', where, 0),
    endMinute: number(value, 'endMinute', where, 0),
    errorRate: number(value, 'errorRate', where, 0, 1),
    arms: arms as ArmName[],
  };
}

export function parseScenarios(text: string): Scenario[] {
  const raw: unknown = JSON.parse(text);
  if (!isRecord(raw) || !Array.isArray(raw['scenarios'])) {
    throw new ScenarioError('a scenario file is {"scenarios": [...]}');
  }
  const names = new Set<string>();
  return raw['scenarios'].map((s: unknown, i: number): Scenario => {
    const where = `scenarios[${i}]`;
    if (!isRecord(s) || typeof s['name'] !== 'string')
      throw new ScenarioError(`${where}.name must be a string`);
    // Results, seeds and the table are keyed by name: a repeated name would merge two scenarios.
    if (names.has(s['name'])) throw new ScenarioError(`${where}.name "${s['name']}" is used twice`);
    names.add(s['name']);
    if (typeof s['bad'] !== 'boolean') throw new ScenarioError(`${where}.bad must be true or false`);
    const incidents = s['incidents'];
    if (incidents !== undefined && !Array.isArray(incidents))
      throw new ScenarioError(`${where}.incidents must be a list`);
    const scenario: Scenario = {
      name: s['name'],
      rps: number(s, 'rps', where, 0),
      canaryWeight: number(s, 'canaryWeight', where, 0, 0.5),
      durationMinutes: number(s, 'durationMinutes', where, Number.MIN_VALUE),
      bucketSeconds: number(s, 'bucketSeconds', where, 1),
      baseline: arm(s['baseline'], `${where}.baseline`),
      canary: arm(s['canary'], `${where}.canary`),
      bad: s['bad'],
    };
    if (incidents !== undefined)
      scenario.incidents = incidents.map((x, j) => incident(x, `${where}.incidents[${j}]`));
    return scenario;
  });
}
