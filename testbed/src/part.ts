// One real system the test bed runs (Kubernetes, Prometheus, registry, GitHub contract mock).
// Each part starts on loopback with free ports inside a private directory, waits until it is ready,
// and reports the environment lines tests and users need (KUBECONFIG=..., PROMETHEUS_URL=...).

export interface PartContext {
  /** Private directory of this bed (each part makes its own sub-folder). */
  dir: string;
  /** Progress lines for long waits (goes to stderr, so `env` output stays clean). */
  log: (line: string) => void;
}

export interface RunningPart {
  name: string;
  /** Shell-style environment the part exports, e.g. { KUBECONFIG: '/tmp/.../admin.kubeconfig' }. */
  env: Record<string, string>;
  /** Process ids it started, so `down` from another process can stop them. */
  pids: number[];
  /** Stop everything the part started (idempotent). */
  stop(): Promise<void>;
  /**
   * What the part made besides processes (a network namespace, routes), recorded in the bed's state so
   * `down` can remove it with Part.cleanup, even when the process that started the part is gone.
   */
  resources?: Record<string, string>;
}

export interface Part {
  name: string;
  start(ctx: PartContext): Promise<RunningPart>;
  /**
   * Optional health check for `testbed status` and for reusing a bed that is already up: resolves when
   * the part (started earlier, possibly by another process) still answers, given the env it exported.
   * Without it, status only checks that the part's processes are alive.
   */
  check?(env: Record<string, string>): Promise<void>;
  /**
   * Removes what RunningPart.resources names (idempotent; what is gone already is skipped). `down` calls it
   * after stopping the bed's processes.
   */
  cleanup?(resources: Record<string, string>): Promise<void>;
}
