export const id = 977;
export const ids = [977];
export const modules = {

/***/ 2823:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ analysisSpecFromConfig)
/* harmony export */ });
/* harmony import */ var _config_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7840);
/* harmony import */ var _metrics_builtin_config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1783);
/* harmony import */ var _burn_rate_judge_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8734);
/* harmony import */ var _defaults_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9158);
// dial.yaml's `analysis` section and `slos` (merged with the profile's defaults) as the AnalysisSpec the
// judges take. The numbers are the plan's (src/plan/plan.ts planAnalysis): the same alpha per compare
// check, tolerance, regression, minimum requests, no-data policy and criticality, so what `dial plan`
// shows is what the rollout judges by. A compare check or SLO without `queries` gets the builtin queries
// of its router's metrics source (src/metrics/builtin), the very text the plan shows. What cannot be
// judged (no queries possible, an interval too short for the scrape interval) comes back as problems,
// which the caller reports before anything is applied.




/**
 * The analysis of one step that bakes `bakeSeconds`: a pass needs at least the bake
 * (minDurationSeconds), and the analysis must decide within max(bake, the profile's horizon).
 */
function analysisSpecFromConfig(config, profile, bakeSeconds) {
    const analysis = config.analysis ?? {};
    const d = _defaults_js__WEBPACK_IMPORTED_MODULE_3__/* .ANALYSIS_DEFAULTS */ .gU[profile];
    const alpha = analysis.alpha ?? d.alpha;
    const noData = analysis.noData ?? d.noData;
    const builtin = (0,_metrics_builtin_config_js__WEBPACK_IMPORTED_MODULE_1__/* .builtinSetup */ .$t)(config);
    const intervalSeconds = (0,_config_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .durationSeconds */ .o)(analysis.interval ?? `${d.intervalSeconds}s`);
    const configured = analysis.checks ?? [];
    // The compare checks share the analysis' alpha (Bonferroni), exactly as the plan shows it.
    const compareAlpha = (0,_defaults_js__WEBPACK_IMPORTED_MODULE_3__/* .compareCheckAlpha */ ._Q)(alpha, configured.filter((check) => check.type === 'compare').length);
    const problems = [];
    const checks = [];
    configured.forEach((check, i) => {
        const made = check.type === 'compare'
            ? compareCheck(check, i, { alpha: compareAlpha, profile, builtin }, problems)
            : thresholdCheck(check, i, problems);
        if (made)
            checks.push(made);
    });
    (config.slos ?? []).forEach((slo, i) => {
        const made = burnRateCheck(slo, i, builtin, problems);
        if (made)
            checks.push(made);
    });
    const usesBuiltin = configured.some((check) => check.type === 'compare' && !check.queries) ||
        (config.slos ?? []).some((slo) => !slo.queries);
    if (usesBuiltin && builtin.ok) {
        const tooShort = (0,_metrics_builtin_config_js__WEBPACK_IMPORTED_MODULE_1__/* .intervalProblem */ .RZ)(builtin.setup, intervalSeconds);
        if (tooShort)
            problems.push(tooShort);
    }
    return {
        spec: {
            intervalSeconds,
            minDurationSeconds: bakeSeconds,
            maxDurationSeconds: Math.max(bakeSeconds, d.maxDurationSeconds),
            noData,
            checks,
        },
        problems,
    };
}
/**
 * The canary's and baseline's builtin queries of a check without explicit ones, or undefined with the
 * problem reported (a provider without PromQL, a threshold no bucket of the source can count).
 */
function builtinFor(what, where, metric, thresholdMs, builtin, problems, arms = ['canary', 'baseline']) {
    if (!builtin.ok) {
        problems.push(`${what} has no queries and ${builtin.reason}: give ${where} in its query language`);
        return undefined;
    }
    const made = (0,_metrics_builtin_config_js__WEBPACK_IMPORTED_MODULE_1__/* .builtinCheckQueries */ .uU)(builtin.setup, metric, thresholdMs, arms);
    if (!made.ok) {
        problems.push(`${what}: builtin queries (${made.source}): ${made.problem}; or give ${where}`);
        return undefined;
    }
    const { canary, baseline } = made.arms;
    if (!canary)
        return undefined;
    return {
        canary: { total: canary.total, bad: canary.bad },
        ...(baseline ? { baseline: { total: baseline.total, bad: baseline.bad } } : {}),
    };
}
function compareCheck(check, i, context, problems) {
    const d = _defaults_js__WEBPACK_IMPORTED_MODULE_3__/* .ANALYSIS_DEFAULTS */ .gU[context.profile];
    const metric = check.metric ?? 'errors';
    if (metric === 'latency' && check.thresholdMs === undefined) {
        problems.push(`check \`${check.name}\` on latency has no thresholdMs: give analysis.checks[${i}].thresholdMs, the bound above which a request counts as slow`);
        return undefined;
    }
    const queries = check.queries ??
        builtinFor(`check \`${check.name}\``, `analysis.checks[${i}].queries`, metric, check.thresholdMs, context.builtin, problems);
    if (!queries?.baseline)
        return undefined;
    return {
        type: 'compare',
        name: check.name,
        critical: check.critical ?? true,
        ...(check.noData ? { noData: check.noData } : {}),
        metric,
        ...(metric === 'latency' && check.thresholdMs !== undefined
            ? { latencyThresholdMs: check.thresholdMs }
            : {}),
        canary: { ...queries.canary },
        baseline: { ...queries.baseline },
        alpha: context.alpha,
        tolerance: check.tolerance ?? d.tolerance,
        regression: check.regression ?? d.regression,
        minRequests: check.minRequests ?? d.minRequests,
    };
}
function thresholdCheck(check, i, problems) {
    let ok = true;
    if (!check.query) {
        problems.push(`threshold check \`${check.name}\` has no query: give analysis.checks[${i}].query`);
        ok = false;
    }
    if (check.min === undefined && check.max === undefined) {
        problems.push(`threshold check \`${check.name}\` needs analysis.checks[${i}].min, .max or both`);
        ok = false;
    }
    if (!ok || !check.query)
        return undefined;
    return {
        type: 'threshold',
        name: check.name,
        // As the plan shows it: a threshold check is critical only when dial.yaml says `critical: true`.
        critical: check.critical ?? false,
        ...(check.noData ? { noData: check.noData } : {}),
        query: check.query,
        ...(check.min !== undefined ? { min: check.min } : {}),
        ...(check.max !== undefined ? { max: check.max } : {}),
    };
}
function burnRateCheck(slo, i, builtin, problems) {
    const metric = slo.metric ?? 'errors';
    if (metric === 'latency' && slo.thresholdMs === undefined) {
        problems.push(`SLO \`${slo.name}\` on latency has no thresholdMs: give slos[${i}].thresholdMs`);
        return undefined;
    }
    const canary = slo.queries ??
        builtinFor(`SLO \`${slo.name}\``, `slos[${i}].queries (the canary's total and bad requests)`, metric, slo.thresholdMs, builtin, problems, ['canary'])?.canary;
    if (!canary)
        return undefined;
    return {
        type: 'burn-rate',
        name: `slo-${slo.name}`,
        critical: true,
        objective: slo.objective / 100,
        canary: { ...canary },
        windows: _burn_rate_judge_js__WEBPACK_IMPORTED_MODULE_2__/* .WORKBOOK_WINDOWS */ .tz.map((window) => ({ ...window })),
    };
}


/***/ }),

/***/ 4977:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRolloutCommand: () => (/* binding */ runRolloutCommand)
});

// UNUSED EXPORTS: EXIT

// EXTERNAL MODULE: ./src/config/issues.ts
var issues = __webpack_require__(1012);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/index.js + 876 modules
var dist = __webpack_require__(9655);
;// CONCATENATED MODULE: ./src/kube/client.ts
// Where Dial's KubeConfig comes from. The order is fixed and stated once (README copies it):
//   1. kubeconfig content passed in (an action input from a secret): written to a private temp file,
//      mode 0600, removed when the process exits, and never logged;
//   2. an explicit kubeconfig path (`--kubeconfig`, input `kubeconfig`);
//   3. the KUBECONFIG environment variable (a list, like kubectl: the first file that sets a value wins);
//   4. in-cluster: the pod's service-account token and CA (a self-hosted runner inside the cluster);
//   5. ~/.kube/config.
// In-cluster comes before ~/.kube/config so a runner pod never picks up a stray home-directory config.




const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const defaultEnvironment = () => ({
    env: process.env,
    home: (0,external_node_os_.homedir)(),
    serviceAccountPrefix: '',
    tmpdir: (0,external_node_os_.tmpdir)(),
});
function loadKubeConfig(settings, environment = defaultEnvironment()) {
    const { kc, source } = load(settings, environment);
    if (settings.context !== undefined && settings.context !== '') {
        const names = kc.getContexts().map((c) => c.name);
        if (!names.includes(settings.context)) {
            throw new Error(`kubeconfig (${source}) has no context "${settings.context}"; available: ${names.join(', ') || 'none'}`);
        }
        kc.setCurrentContext(settings.context);
    }
    if (!kc.getCurrentCluster()) {
        const current = kc.getCurrentContext();
        throw new Error(current
            ? `kubeconfig (${source}): context "${current}" names no known cluster`
            : `kubeconfig (${source}) sets no current-context; pass a context`);
    }
    return kc;
}
function load(settings, environment) {
    const tried = [];
    if (settings.kubeconfigContent !== undefined && settings.kubeconfigContent.trim() !== '') {
        const source = 'the kubeconfig content passed in';
        const file = writePrivate(settings.kubeconfigContent, environment.tmpdir);
        return { kc: fromFile(file, source, true), source };
    }
    if (settings.kubeconfig !== undefined && settings.kubeconfig !== '') {
        const source = `kubeconfig ${settings.kubeconfig}`;
        if (!(0,external_node_fs_.existsSync)(settings.kubeconfig))
            throw new Error(`${source} does not exist`);
        return { kc: fromFile(settings.kubeconfig, source), source };
    }
    const list = (environment.env.KUBECONFIG ?? '').split(external_node_path_.delimiter).filter((f) => f !== '');
    if (list.length > 0) {
        const existing = list.filter((f) => (0,external_node_fs_.existsSync)(f));
        if (existing.length > 0) {
            const source = `KUBECONFIG=${environment.env.KUBECONFIG}`;
            const kc = fromFile(existing[0], source);
            for (const file of existing.slice(1))
                mergeMissing(kc, fromFile(file, source));
            return { kc, source };
        }
        tried.push(`KUBECONFIG=${environment.env.KUBECONFIG} (no such file)`);
    }
    else
        tried.push('KUBECONFIG (not set)');
    const token = `${environment.serviceAccountPrefix}${SERVICE_ACCOUNT}/token`;
    const host = environment.env.KUBERNETES_SERVICE_HOST;
    if (host && environment.env.KUBERNETES_SERVICE_PORT && (0,external_node_fs_.existsSync)(token)) {
        const kc = new dist/* KubeConfig */.ypW();
        // loadFromCluster reads process.env; the checks above used the injected environment, which is
        // process.env outside tests.
        kc.loadFromCluster(environment.serviceAccountPrefix);
        return { kc, source: 'in-cluster service account' };
    }
    tried.push(host
        ? `in-cluster (no service-account token at ${token})`
        : 'in-cluster (KUBERNETES_SERVICE_HOST not set)');
    const home = (0,external_node_path_.join)(environment.home, '.kube', 'config');
    if ((0,external_node_fs_.existsSync)(home))
        return { kc: fromFile(home, home), source: home };
    tried.push(`${home} (no such file)`);
    throw new Error(`no Kubernetes configuration found; tried: ${tried.join('; ')}`);
}
/**
 * `secret`: the content came from a secret, so a parse error shows only its first line (position and
 * kind of error); the YAML parser's later lines quote the offending text.
 */
function fromFile(file, source, secret = false) {
    const kc = new dist/* KubeConfig */.ypW();
    try {
        kc.loadFromFile(file);
    }
    catch (err) {
        const message = err.message;
        throw new Error(`${source} is not a valid kubeconfig: ${secret ? message.split('\n')[0] : message}`);
    }
    return kc;
}
/** Writes the content to a new private folder (0700) and file (0600); both go when the process exits. */
function writePrivate(content, parent) {
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(parent, 'dial-kubeconfig-'));
    const file = (0,external_node_path_.join)(dir, 'config');
    process.once('exit', () => (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true }));
    (0,external_node_fs_.writeFileSync)(file, content, { mode: 0o600, flag: 'wx' });
    return file;
}
/** kubectl's rule for a KUBECONFIG list: the first file to define a name wins. */
function mergeMissing(into, from) {
    for (const c of from.getClusters())
        if (!into.getCluster(c.name))
            into.addCluster(c);
    for (const u of from.getUsers())
        if (!into.getUser(u.name))
            into.addUser(u);
    for (const c of from.getContexts())
        if (!into.getContextObject(c.name))
            into.addContext(c);
    if (!into.getCurrentContext() && from.getCurrentContext())
        into.setCurrentContext(from.getCurrentContext());
}

;// CONCATENATED MODULE: ./src/rollout/tracks.ts
const TRACK_LABEL = 'dial.dev/track';
const SERVICE_LABEL = 'dial.dev/service';
const RELEASE_ANNOTATION = 'dial.dev/release';
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'dial' };
/**
 * Carried by canary and baseline pods alike, so one Service can select both arms of the comparison
 * (ingress-nginx allows one canary backend per host and path). Stable pods never carry it.
 */
const COMPARED_LABEL = 'dial.dev/compared';
/** `checkout`, `checkout-baseline`, `checkout-canary`. */
function trackName(workload, track) {
    return track === 'stable' ? workload : `${workload}-${track}`;
}
/** A deep copy through JSON: templates are plain data, and the record stores them as JSON anyway. */
function clone(value) {
    return JSON.parse(JSON.stringify(value));
}
/**
 * A pod template as Dial applies it: the track label set, and nothing the server or the Deployment
 * controller adds (`pod-template-hash`), so a template read back from the cluster applies cleanly.
 */
function withTrack(template, track) {
    const t = clone(template);
    const labels = { ...(t.metadata?.labels ?? {}) };
    delete labels['pod-template-hash'];
    labels[TRACK_LABEL] = track;
    if (track === 'stable')
        delete labels[COMPARED_LABEL];
    else
        labels[COMPARED_LABEL] = 'true';
    t.metadata = { ...(t.metadata ?? {}), labels };
    delete t.metadata.creationTimestamp;
    return t;
}
/**
 * The canary or baseline Deployment. Its selector is the stable's plus the track label, so it owns only
 * its own pods; the stable's selector (immutable) still matches them, but a Deployment never adopts pods
 * or ReplicaSets another controller owns, so the stable's pods are left as they are.
 */
function trackDeployment(input) {
    const { stable, track } = input;
    const name = stable.metadata?.name ?? '';
    const namespace = stable.metadata?.namespace;
    const selector = { ...(stable.spec?.selector?.matchLabels ?? {}), [TRACK_LABEL]: track };
    const template = withTrack(input.template, track);
    return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
            name: trackName(name, track),
            ...(namespace ? { namespace } : {}),
            labels: {
                ...(stable.metadata?.labels ?? {}),
                ...MANAGED_BY,
                [SERVICE_LABEL]: input.service,
                [TRACK_LABEL]: track,
            },
            annotations: { [RELEASE_ANNOTATION]: input.release },
        },
        spec: {
            replicas: input.replicas,
            selector: {
                matchLabels: selector,
                ...(stable.spec?.selector?.matchExpressions
                    ? { matchExpressions: stable.spec.selector.matchExpressions }
                    : {}),
            },
            template,
            ...(stable.spec?.minReadySeconds !== undefined ? { minReadySeconds: stable.spec.minReadySeconds } : {}),
            ...(stable.spec?.progressDeadlineSeconds !== undefined
                ? { progressDeadlineSeconds: stable.spec.progressDeadlineSeconds }
                : {}),
        },
    };
}
/**
 * The stable Deployment with the promoted template: only the fields Dial sets (template, and replicas
 * unless an autoscaler owns them), so server-side apply leaves every other field to its owner.
 */
function promotedStable(stable, template, replicas, service, release) {
    return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
            name: stable.metadata?.name ?? '',
            ...(stable.metadata?.namespace ? { namespace: stable.metadata.namespace } : {}),
            annotations: { [RELEASE_ANNOTATION]: release },
            labels: { [SERVICE_LABEL]: service },
        },
        spec: {
            ...(replicas !== undefined ? { replicas } : {}),
            selector: clone(stable.spec?.selector ?? {}),
            template: withTrack(template, 'stable'),
        },
    };
}

;// CONCATENATED MODULE: ./src/rollout/effects.ts

const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment' };
async function requireStable(ctx) {
    const stable = await ctx.cluster.getDeployment(ctx.namespace, ctx.workload);
    if (!stable)
        throw new Error(`Deployment ${ctx.namespace}/${ctx.workload} (the stable workload) does not exist`);
    return stable;
}
async function waitTracks(ctx, tracks) {
    await Promise.all(tracks.map((track) => ctx.cluster.waitRollout({ kind: 'Deployment', namespace: ctx.namespace, name: trackName(ctx.workload, track) }, {
        deadlineSeconds: ctx.progressDeadlineSeconds,
        onProgress: (line) => ctx.reporter.progress(line),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
    })));
}
function trackObject(ctx, stable, current, track, replicas) {
    const template = (track === 'canary' ? current.template : current.baselineTemplate);
    return trackDeployment({ stable, template, track, replicas, service: ctx.service, release: current.id });
}
/**
 * Scales the tracks to the router's plan for `weight` and routes it. Up first (canary, baseline, stable
 * where they grow), wait until ready, move the traffic, then scale down what shrinks.
 */
async function setWeight(ctx, current, weight) {
    const plan = ctx.router.replicaPlan(weight, current.stableReplicas);
    const have = async (track) => (await ctx.cluster.getDeployment(ctx.namespace, trackName(ctx.workload, track)))?.spec?.replicas ?? 0;
    const [stable, canaryBefore, baselineBefore] = await Promise.all([
        requireStable(ctx),
        have('canary'),
        have('baseline'),
    ]);
    const before = { canary: canaryBefore, baseline: baselineBefore, stable: stable.spec?.replicas ?? 0 };
    ctx.reporter.info(`weight ${weight}%: ${plan.canary} canary, ${plan.baseline} baseline, ${plan.stable} stable pods (router ${ctx.router.type})`);
    // A mesh or gateway router routes the stable pods alone before the first canary pod exists: the
    // user's Service selects canary pods too, and would give them a pod's share until the first weight.
    if (ctx.router.type !== 'replicas' && before.canary === 0 && before.baseline === 0)
        await ctx.router.setWeight(0);
    await ctx.cluster.apply([
        trackObject(ctx, stable, current, 'canary', Math.max(before.canary, plan.canary)),
        trackObject(ctx, stable, current, 'baseline', Math.max(before.baseline, plan.baseline)),
    ]);
    // A run killed between scaling the stable up and its wait left it behind: wait for it too.
    const stableBehind = (stable.status?.readyReplicas ?? 0) < (stable.spec?.replicas ?? 0);
    if (plan.stable > before.stable)
        await ctx.cluster.scaleDeployment(ctx.namespace, ctx.workload, plan.stable);
    await waitTracks(ctx, [
        'canary',
        'baseline',
        ...(plan.stable > before.stable || stableBehind ? ['stable'] : []),
    ]);
    const routed = await ctx.router.setWeight(weight);
    const shrink = [];
    if (plan.canary < before.canary || plan.baseline < before.baseline) {
        await ctx.cluster.apply([
            trackObject(ctx, stable, current, 'canary', plan.canary),
            trackObject(ctx, stable, current, 'baseline', plan.baseline),
        ]);
        shrink.push('canary', 'baseline');
    }
    if (plan.stable < before.stable) {
        await ctx.cluster.scaleDeployment(ctx.namespace, ctx.workload, plan.stable);
        shrink.push('stable');
    }
    if (shrink.length === 0)
        return routed;
    await waitTracks(ctx, shrink);
    return ctx.router.readWeight();
}
async function removeTracks(ctx) {
    for (const track of ['canary', 'baseline'])
        await ctx.cluster.delete({
            ...DEPLOYMENT,
            namespace: ctx.namespace,
            name: trackName(ctx.workload, track),
        });
}
/** Applies the stable Deployment with `template` and waits until it has rolled out. */
async function applyStable(ctx, template, replicas, release) {
    const stable = await requireStable(ctx);
    await ctx.cluster.apply([promotedStable(stable, template, replicas, ctx.service, release)], 
    // Dial takes the template (and replicas) over from whoever applied the Deployment before: that is
    // what promotion means. Fields it does not send stay with their owners.
    { force: true });
    await waitTracks(ctx, ['stable']);
}
/**
 * The canary's template becomes the stable one (the manifests' replica count unless an autoscaler owns
 * it, else the count the stable had), the other objects of the release are applied, and once the
 * stable has rolled out, canary and baseline are removed.
 */
async function promote(ctx, current) {
    if (current.objects.length > 0)
        await ctx.cluster.apply(current.objects);
    const autoscaled = await ctx.cluster.hasAutoscaler(ctx.namespace, ctx.workload);
    const replicas = autoscaled ? undefined : (current.manifestReplicas ?? current.stableReplicas);
    if (autoscaled) {
        // The steps may have scaled the stable down (to 0 at 50 %), and an HPA never scales up from 0:
        // give it back its size before canary and baseline go.
        const live = await requireStable(ctx);
        if ((live.spec?.replicas ?? 0) < current.stableReplicas)
            await ctx.cluster.scaleDeployment(ctx.namespace, ctx.workload, current.stableReplicas);
    }
    ctx.reporter.info(`promoting ${current.id}: Deployment ${ctx.namespace}/${ctx.workload} gets the canary's template` +
        (autoscaled ? ' (replicas left to its autoscaler)' : ` with ${replicas} replicas`));
    // The user's own routing first (every ready pod, the canary's included, which passed): a per-track
    // stable route would lose its pods while the stable rolls to the new template.
    await ctx.router.finalize();
    await applyStable(ctx, current.template, replicas, current.id);
    await removeTracks(ctx);
}
/**
 * All traffic back to stable: the stable at its own size (and its own template, should a promotion
 * have started), ready, before the router resets and canary and baseline are removed.
 */
async function rollback(ctx, current) {
    const stable = await requireStable(ctx);
    // A promotion that began wrote its release id on the stable: its template must go back too.
    const promotionStarted = stable.metadata?.annotations?.[RELEASE_ANNOTATION] === current.id;
    if (promotionStarted) {
        ctx.reporter.info(`restoring the stable template of Deployment ${ctx.namespace}/${ctx.workload}`);
        await applyStable(ctx, current.baselineTemplate, current.stableReplicas, `rollback-${current.id}`);
    }
    else {
        const size = stable.spec?.replicas ?? 0;
        if (size !== current.stableReplicas)
            await ctx.cluster.scaleDeployment(ctx.namespace, ctx.workload, current.stableReplicas);
        // Also when the size is already right: a run killed between scale and wait left it unready.
        if (size !== current.stableReplicas || (stable.status?.readyReplicas ?? 0) < current.stableReplicas)
            await waitTracks(ctx, ['stable']);
    }
    await ctx.router.reset();
    await removeTracks(ctx);
    await ctx.router.finalize();
}
/** Returns the stable to an earlier release's template (`rollback --to-previous`). */
async function restore(ctx, template, release) {
    await applyStable(ctx, template, undefined, release);
}

;// CONCATENATED MODULE: ./src/rollout/record.ts
// The one record a service's rollouts keep in its namespace (a ConfigMap, see src/kube/state-store.ts).
// It is everything promote, rollback, status and a resumed run need: none of them takes the original
// inputs again. Plain JSON, versioned, so an older or newer Dial reading it fails clearly.
const RECORD_VERSION = 1;
const HISTORY_LIMIT = 5;
function emptyRecord(service, namespace, workload, router, now) {
    return {
        version: RECORD_VERSION,
        service,
        namespace,
        workload: { kind: 'Deployment', name: workload },
        router,
        phase: 'idle',
        history: [],
        updatedAt: now.toISOString(),
    };
}

;// CONCATENATED MODULE: ./src/rollout/series.ts
/** Rows a record keeps at most (about 11 KB of JSON); past it adjacent rows are merged pairwise. */
const SERIES_CAP = 240;
const sumNullable = (a, b) => a === null && b === null ? null : (a ?? 0) + (b ?? 0);
/** Appends a window; a full list first halves its resolution (adjacent pairs summed, the later end kept). */
function appendSeries(rows, row, cap = SERIES_CAP) {
    let out = [...rows];
    if (out.length >= cap) {
        const merged = [];
        for (let i = 0; i < out.length; i += 2) {
            const a = out[i];
            const b = out[i + 1];
            merged.push(b
                ? [
                    b[0],
                    b[1],
                    a[2] + b[2],
                    a[3] + b[3],
                    sumNullable(a[4], b[4]),
                    a[5] + b[5],
                    a[6] + b[6],
                    sumNullable(a[7], b[7]),
                ]
                : a);
        }
        out = merged;
    }
    out.push(row);
    return out;
}
/**
 * The window between two evidences of one step, as a row: the compare checks' cumulative counts
 * differenced (errors → failed, latency → slow). Undefined when no compare check counted anything new.
 */
function windowRow(spec, before, after, effectiveWeight) {
    const counts = (metric) => {
        const check = spec.checks.find((c) => c.type === 'compare' && c.metric === metric);
        const now = check ? after.checks[check.name] : undefined;
        if (now?.type !== 'compare')
            return undefined;
        const then = check ? before?.checks[check.name] : undefined;
        const was = then?.type === 'compare' ? then : undefined;
        return {
            canary: {
                total: now.canary.total - (was?.canary.total ?? 0),
                bad: now.canary.bad - (was?.canary.bad ?? 0),
            },
            baseline: {
                total: now.baseline.total - (was?.baseline.total ?? 0),
                bad: now.baseline.bad - (was?.baseline.bad ?? 0),
            },
        };
    };
    if (after.lastWindowEnd === null || after.lastWindowEnd === before?.lastWindowEnd)
        return undefined;
    return seriesRowOf(Date.parse(after.lastWindowEnd), effectiveWeight, counts('errors'), counts('latency'));
}
/** A row from the errors check's counts and the latency check's (bad = slow), either of which may be absent. */
function seriesRowOf(endMs, effectiveWeight, errors, latency) {
    const totals = errors ?? latency;
    if (!totals)
        return undefined;
    return [
        Math.round(endMs / 1000),
        effectiveWeight,
        totals.canary.total,
        errors?.canary.bad ?? 0,
        latency ? latency.canary.bad : null,
        totals.baseline.total,
        errors?.baseline.bad ?? 0,
        latency ? latency.baseline.bad : null,
    ];
}

;// CONCATENATED MODULE: ./src/rollout/machine.ts
// The rollout state machine, pure: `decide` reads the record and says what to do next; `reduce` folds
// what happened into the record. The engine persists the record after every reduce, so a run killed at
// any point is resumed by the next one from exactly that record: a decision once taken (promote or
// rollback) is finished, a step whose weight was set is not set again, and analysis evidence continues.


function stepLog(current, step) {
    return current.stepLog.find((entry) => entry.step === step);
}
function decide(record) {
    const current = record.current;
    if (record.phase === 'idle' || current === undefined)
        return { type: 'idle' };
    if (record.phase === 'promoting')
        return { type: 'promote', reason: current.decision?.reason ?? 'promotion in progress' };
    if (record.phase === 'rolling-back')
        return { type: 'rollback', reason: current.decision?.reason ?? 'rollback in progress' };
    if (current.decision)
        return { type: current.decision.action, reason: current.decision.reason };
    const step = current.steps[current.step];
    if (step === undefined)
        return { type: 'promote', reason: 'every step passed' };
    const last = current.step === current.steps.length - 1;
    const approved = (current.approved ?? []).includes(current.step);
    if (step.approval !== undefined && !approved && stepLog(current, current.step) === undefined)
        return { type: 'await-approval', step: current.step, environment: step.approval };
    // The last step of a profile is 100 %: that is the promotion itself, never a 100 % canary.
    if (last && step.weight >= 100)
        return { type: 'promote', reason: 'every step passed' };
    if (stepLog(current, current.step) === undefined)
        return { type: 'set-weight', step: current.step, weight: step.weight };
    return { type: 'bake', step: current.step, analysis: step.analysis };
}
function withCurrent(record, current, at) {
    return { ...record, current, ...(at ? { updatedAt: at.toISOString() } : {}) };
}
function reduce(record, event) {
    const current = record.current;
    if (current === undefined)
        throw new Error(`rollout: event ${event.type} with no release in progress`);
    switch (event.type) {
        case 'weight-set': {
            const entry = {
                step: event.step,
                weight: event.requested,
                effectiveWeight: event.effective,
                startedAt: event.at.toISOString(),
            };
            const log = [...current.stepLog.filter((l) => l.step !== event.step), entry];
            return withCurrent({ ...record, phase: 'progressing' }, { ...current, weight: { requested: event.requested, effective: event.effective }, stepLog: log }, event.at);
        }
        case 'analysis':
            return withCurrent(record, {
                ...current,
                analysis: event.analysis,
                ...(event.row ? { series: appendSeries(current.series ?? [], event.row) } : {}),
            });
        case 'step-passed': {
            const log = current.stepLog.map((l) => l.step === event.step
                ? { ...l, finishedAt: event.at.toISOString(), verdict: 'pass', reason: event.reason }
                : l);
            const { analysis: _done, ...rest } = current;
            return withCurrent(record, { ...rest, step: event.step + 1, stepLog: log }, event.at);
        }
        case 'approved':
            return withCurrent({ ...record, phase: 'progressing' }, { ...current, approved: [...new Set([...(current.approved ?? []), event.step])] });
        case 'paused':
            return { ...record, phase: 'paused' };
        case 'decided': {
            const log = current.stepLog.map((l) => l.step === current.step && l.finishedAt === undefined
                ? {
                    ...l,
                    finishedAt: event.at.toISOString(),
                    verdict: event.action === 'promote' ? 'pass' : 'fail',
                    reason: event.reason,
                }
                : l);
            return withCurrent({ ...record, phase: event.action === 'promote' ? 'promoting' : 'rolling-back' }, {
                ...current,
                stepLog: log,
                decision: { action: event.action, reason: event.reason, at: event.at.toISOString() },
            }, event.at);
        }
        case 'finished': {
            const entry = {
                id: current.id,
                images: event.images,
                template: event.template,
                result: event.result,
                finishedAt: event.at.toISOString(),
                ...(current.decision ? { reason: current.decision.reason } : {}),
            };
            const { current: _gone, ...rest } = record;
            return {
                ...rest,
                phase: 'idle',
                history: [entry, ...record.history].slice(0, HISTORY_LIMIT),
                updatedAt: event.at.toISOString(),
            };
        }
    }
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(2463);
;// CONCATENATED MODULE: ./src/analysis/evidence.ts
// Accumulated evidence of one analysis, as plain versioned JSON. It is persisted (in the cluster) after
// every measurement so a resumed job continues the same sequential test: it neither restarts the test
// (which would reset its error guarantee's bookkeeping) nor counts a window twice (lastWindowEnd).

const EVIDENCE_VERSION = 1;
/** Evidence of an analysis that has not measured anything yet. */
function newEvidence(startedAt) {
    return {
        version: EVIDENCE_VERSION,
        startedAt: startedAt.toISOString(),
        lastWindowEnd: null,
        measurements: 0,
        checks: {},
    };
}
class EvidenceError extends Error {
    constructor(message) {
        super(message);
        this.name = 'EvidenceError';
    }
}
// The shape persisted evidence must have, checked in full before a test continues on it.
const count = { type: 'number', minimum: 0 };
const natural = { type: 'integer', minimum: 0 };
const arm = {
    type: 'object',
    required: ['total', 'bad'],
    properties: { total: count, bad: count },
};
const mixture = {
    type: 'object',
    required: ['nullRatio', 'components'],
    properties: {
        nullRatio: { type: 'number', exclusiveMinimum: 0 },
        components: {
            type: 'array',
            minItems: 1,
            items: {
                type: 'object',
                required: ['ratio', 'weight', 'logLR'],
                properties: {
                    ratio: { type: 'number', exclusiveMinimum: 0 },
                    weight: { type: 'number', minimum: 0, maximum: 1 },
                    logLR: { type: 'number' },
                },
            },
        },
    },
};
const base = {
    measured: natural,
    noDataStreak: natural,
    lastNoDataReason: { type: 'string' },
};
const EVIDENCE_SCHEMA = {
    type: 'object',
    required: ['version', 'startedAt', 'lastWindowEnd', 'measurements', 'checks'],
    properties: {
        version: { const: EVIDENCE_VERSION },
        startedAt: { type: 'string' },
        lastWindowEnd: { type: ['string', 'null'] },
        measurements: natural,
        checks: {
            type: 'object',
            additionalProperties: {
                type: 'object',
                required: ['type', 'measured', 'noDataStreak'],
                discriminator: { propertyName: 'type' },
                oneOf: [
                    {
                        properties: {
                            ...base,
                            type: { const: 'threshold' },
                            failures: natural,
                            lastValue: { type: ['number', 'null'] },
                        },
                        required: ['failures', 'lastValue'],
                    },
                    {
                        properties: {
                            ...base,
                            type: { const: 'compare' },
                            canary: arm,
                            baseline: arm,
                            regression: mixture,
                            futility: mixture,
                        },
                        required: ['canary', 'baseline', 'regression', 'futility'],
                    },
                    {
                        properties: {
                            ...base,
                            type: { const: 'burn-rate' },
                            canary: arm,
                            history: {
                                type: 'array',
                                items: {
                                    type: 'object',
                                    required: ['end', 'total', 'bad'],
                                    properties: { end: count, total: count, bad: count },
                                },
                            },
                        },
                        required: ['canary', 'history'],
                    },
                ],
            },
        },
    },
};
let validator;
/** Compiled on first use: only an action that resumes an analysis pays for it. */
function validateEvidence(raw) {
    validator ??= new ajv.Ajv({ allErrors: true, discriminator: true }).compile(EVIDENCE_SCHEMA);
    return validator(raw) ? [] : (validator.errors ?? []);
}
function isTime(value) {
    return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
/**
 * Reads persisted evidence back and checks all of it (version, times, every check's counts and test
 * state); refuses anything else rather than guessing, because continuing a test on corrupted counts
 * would void its error guarantee.
 */
function parseEvidence(text) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (error) {
        throw new EvidenceError(`evidence is not JSON: ${error.message}`);
    }
    const version = raw?.version;
    if (version !== EVIDENCE_VERSION) {
        throw new EvidenceError(`evidence version ${String(version)} is not ${EVIDENCE_VERSION}`);
    }
    const problems = validateEvidence(raw).map((e) => `evidence${e.instancePath.replaceAll('/', '.')} ${e.message}`);
    if (problems.length > 0)
        throw new EvidenceError(problems.join('; '));
    const evidence = raw;
    if (!isTime(evidence.startedAt))
        throw new EvidenceError('evidence.startedAt is not a time');
    if (evidence.lastWindowEnd !== null && !isTime(evidence.lastWindowEnd)) {
        throw new EvidenceError('evidence.lastWindowEnd is not a time');
    }
    return evidence;
}
function serializeEvidence(evidence) {
    return JSON.stringify(evidence);
}

;// CONCATENATED MODULE: ./src/rollout/engine.ts






class RolloutError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RolloutError';
    }
}
function isWorkload(object, name) {
    return object.kind === 'Deployment' && object.metadata?.name === name;
}
const ROLLOUT_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
class RolloutEngine {
    deps;
    ref;
    record;
    version;
    signal;
    lastRelease;
    lastAnalysis;
    constructor(deps, ref) {
        this.deps = deps;
        this.ref = ref;
    }
    // ---- reading -------------------------------------------------------------------------------------
    async status() {
        return (await this.deps.store.read())?.record;
    }
    // ---- commands (each holds the lock) --------------------------------------------------------------
    /** Plain deploy: apply every object and wait for its workloads. Refused while a canary is in progress. */
    deploy(release, options = {}) {
        return this.locked(async () => {
            const record = await this.load();
            if (record.current)
                throw new RolloutError(`release ${record.current.id} of ${this.ref.service} is in progress (${record.phase}); promote or roll it back first`);
            return this.plainDeploy(release, options.force ?? false, 'deployed');
        });
    }
    /** Starts a canary of `release` with these steps (or resumes the same release) and runs it to the end. */
    rollout(release, steps, options = {}) {
        return this.locked(async () => {
            const started = await this.begin(release, steps);
            if ('outcome' in started)
                return started.outcome;
            return this.run(options.approve ?? false);
        });
    }
    /** Starts a canary (if none) and moves it to `weight` (one step, for teams composing their own). */
    canary(release, weight) {
        return this.locked(async () => {
            const step = { weight, bakeSeconds: 0, analysis: false };
            const started = await this.begin(release, [step], { replan: false });
            if ('outcome' in started)
                return started.outcome;
            if (started.resumed) {
                const current = this.current();
                const steps = [...current.steps, step];
                await this.save({ ...this.record, current: { ...current, steps, step: steps.length - 1 } });
            }
            const current = this.current();
            await this.execSetWeight(current.step, weight);
            const now = this.current();
            return this.outcome('progressing', `canary at ${now.weight.requested}% (effective ${now.weight.effective}%)`);
        });
    }
    /**
     * Judges the running canary at its current weight for `seconds` (or until the analysis decides, when
     * undefined). Records the verdict; promotes or rolls back nothing (the caller decides).
     */
    analyze(seconds) {
        return this.locked(async () => {
            await this.load();
            const current = this.current();
            const judge = this.requireJudge();
            this.deps.reporter.section?.(`analysis of ${current.id} at ${current.weight.requested}%`);
            const verdict = await judge.judge({
                step: current.step,
                bakeSeconds: seconds ?? 0,
                ...(current.analysis ? { resume: current.analysis } : {}),
                onMeasured: (analysis) => this.measured(analysis),
                ...(this.signal ? { signal: this.signal } : {}),
            });
            await this.recordAnalysis(verdict.analysis);
            const result = verdict.verdict === 'pass' ? 'passed' : verdict.verdict === 'fail' ? 'failed' : 'inconclusive';
            return this.outcome(result, verdict.reason);
        });
    }
    /** Makes the canary the stable release. Needs nothing but the service: the record says what to do. */
    promote(reason = 'promoted on request') {
        return this.locked(async () => {
            await this.load();
            const current = this.current();
            if (this.record.phase === 'rolling-back')
                throw new RolloutError(`release ${current.id} of ${this.ref.service} is being rolled back (${current.decision?.reason ?? 'rollback decided'}); ` +
                    `run rollback to finish it`);
            if (this.record.phase !== 'promoting')
                await this.apply({ type: 'decided', action: 'promote', reason, at: this.now() });
            return this.promoteAndWatch();
        });
    }
    /** All traffic to stable and the canary removed; with `toPrevious`, returns a finished release to the one before. */
    rollback(options = {}) {
        return this.locked(async () => {
            const record = await this.load();
            if (options.toPrevious)
                return this.toPrevious(record);
            if (!record.current)
                return this.outcome('rolled-back', 'nothing in progress: the stable release is serving');
            if (record.phase !== 'rolling-back')
                await this.apply({
                    type: 'decided',
                    action: 'rollback',
                    reason: options.reason ?? 'rolled back on request',
                    at: this.now(),
                });
            return this.finishRollback();
        });
    }
    /**
     * A post step's clean-up: rolls `release` back only while it is still in progress, was started by
     * `startedBy` and is not waiting at an approval gate; anything else is left as it is (undefined).
     * Decided under the lock, so a rollout another run owns is never touched.
     */
    abandon(release, startedBy, reason) {
        return this.locked(async () => {
            const record = await this.load();
            const current = record.current;
            if (current?.id !== release || current.startedBy !== startedBy || record.phase === 'paused')
                return undefined;
            if (record.phase !== 'rolling-back')
                await this.apply({ type: 'decided', action: 'rollback', reason, at: this.now() });
            return this.finishRollback();
        });
    }
    // ---- the loop ------------------------------------------------------------------------------------
    async run(approve) {
        for (;;) {
            this.signal?.throwIfAborted();
            const action = decide(this.record);
            switch (action.type) {
                case 'idle':
                    return this.outcome(this.lastResult(), this.record.history[0]?.reason ?? 'done');
                case 'await-approval':
                    if (!approve) {
                        await this.apply({ type: 'paused', step: action.step });
                        return this.outcome('paused', `step ${action.step + 1} needs the approval of environment ${action.environment}; run again with approval to continue`);
                    }
                    await this.apply({ type: 'approved', step: action.step });
                    break;
                case 'set-weight':
                    await this.execSetWeight(action.step, action.weight);
                    break;
                case 'bake':
                    await this.execBake(action.step, action.analysis);
                    break;
                case 'promote':
                    if (this.record.phase !== 'promoting')
                        await this.apply({ type: 'decided', action: 'promote', reason: action.reason, at: this.now() });
                    return this.promoteAndWatch();
                case 'rollback':
                    return this.finishRollback();
            }
        }
    }
    async execSetWeight(step, weight) {
        const current = this.current();
        const total = current.steps.length;
        this.deps.reporter.section?.(`step ${step + 1}${total > 0 ? `/${total}` : ''}: ${weight}%`);
        this.deps.reporter.info(`step ${step + 1}${total > 0 ? `/${total}` : ''}: canary to ${weight}%`);
        const reading = await setWeight(this.effects(), current, weight);
        if (reading.note)
            this.deps.reporter.info(`  ${reading.note}`);
        this.deps.reporter.info(`  effective weight ${reading.canary}% canary, ${reading.baseline}% baseline, ${reading.stable}% stable`);
        await this.apply({
            type: 'weight-set',
            step,
            requested: weight,
            effective: reading.canary,
            at: this.now(),
        });
    }
    async execBake(step, analysis) {
        const current = this.current();
        const plan = current.steps[step];
        if (analysis) {
            const decided = current.analysis?.step === step && current.analysis.done === true ? current.analysis : undefined;
            const verdict = decided
                ? {
                    verdict: decided.verdict,
                    reason: decided.reason ?? '',
                    analysis: decided,
                }
                : await this.requireJudge().judge({
                    step,
                    bakeSeconds: plan.bakeSeconds,
                    ...(current.analysis ? { resume: current.analysis } : {}),
                    onMeasured: (a) => this.measured(a),
                    ...(this.signal ? { signal: this.signal } : {}),
                });
            await this.recordAnalysis(verdict.analysis);
            if (verdict.verdict === 'pass') {
                await this.apply({ type: 'step-passed', step, reason: verdict.reason, at: this.now() });
                return;
            }
            // Fail rolls back; inconclusive does too: Dial never promotes on missing evidence, and a canary
            // left half-way with nobody watching is worse than the stable release.
            const why = verdict.verdict === 'fail' ? verdict.reason : `inconclusive: ${verdict.reason}`;
            await this.apply({ type: 'decided', action: 'rollback', reason: why, at: this.now() });
            return;
        }
        const started = current.stepLog.find((l) => l.step === step)?.startedAt ?? this.now().toISOString();
        const until = new Date(Date.parse(started) + plan.bakeSeconds * 1000);
        if (until > this.now()) {
            this.deps.reporter.progress(`step ${step + 1}: baking until ${until.toISOString()} (no analysis)`);
            await this.deps.clock.sleepUntil(until, this.signal);
        }
        await this.apply({ type: 'step-passed', step, reason: `baked ${plan.bakeSeconds}s`, at: this.now() });
    }
    async finishPromote() {
        const current = this.current();
        this.deps.reporter.section?.(`promote ${current.id}`);
        await promote(this.effects(), current);
        await this.apply({
            type: 'finished',
            result: 'promoted',
            template: current.template,
            images: current.images,
            at: this.now(),
        });
        return this.outcome('promoted', current.decision?.reason ?? 'promoted');
    }
    async finishRollback() {
        const current = this.current();
        this.deps.reporter.section?.(`roll back ${current.id}`);
        await rollback(this.effects(), current);
        await this.apply({
            type: 'finished',
            result: 'rolled-back',
            template: current.template,
            images: current.images,
            at: this.now(),
        });
        const reason = current.decision?.reason ?? 'rolled back';
        return this.outcome(reason.startsWith('inconclusive') ? 'inconclusive' : 'rolled-back', reason);
    }
    /**
     * Promotes, then judges the new stable for the release's watch window (strategy.watch); a failed watch
     * returns the service to the release before (as `rollback --to-previous`). No data is not a failure:
     * the canary already passed its steps. A run killed during the watch does not resume it.
     */
    async promoteAndWatch() {
        const watchSeconds = this.current().settings.watchSeconds ?? 0;
        const steps = this.current().steps.length;
        const promoted = await this.finishPromote();
        if (watchSeconds <= 0)
            return promoted;
        const id = this.record.history[0]?.id ?? '';
        if (!this.deps.watchJudge) {
            this.deps.reporter.warn(`strategy.watch: ${id} is not watched after promotion: the watch judges the analysis' threshold checks (there is no baseline any more), and there are none`);
            return promoted;
        }
        this.deps.reporter.section?.(`watch ${id} for ${watchSeconds}s after promotion`);
        const verdict = await this.deps.watchJudge.judge({
            step: steps,
            bakeSeconds: watchSeconds,
            onMeasured: async (analysis) => {
                this.lastAnalysis = analysis;
                this.deps.reporter.progress(`watch: ${analysis.verdict ?? 'inconclusive'}${analysis.reason ? ` — ${analysis.reason}` : ''}`);
            },
            ...(this.signal ? { signal: this.signal } : {}),
        });
        this.lastAnalysis = verdict.analysis;
        if (verdict.verdict !== 'fail')
            return this.outcome('promoted', `${promoted.reason}; watched ${watchSeconds}s: ${verdict.reason}`);
        this.deps.reporter.warn(`the watch after promoting ${id} failed: ${verdict.reason}`);
        const back = await this.toPrevious(this.record);
        return this.outcome('rolled-back', `watch after promotion failed (${verdict.reason}); ${back.reason}`);
    }
    // ---- starting a release --------------------------------------------------------------------------
    /** A new release record, the same release resumed, or a plain deploy when nothing is stable yet. */
    async begin(release, steps, options = { replan: true }) {
        const record = await this.load();
        if (record.current) {
            if (record.current.id !== release.id)
                throw new RolloutError(`release ${record.current.id} of ${this.ref.service} is in progress (${record.phase}, step ${record.current.step + 1}); ` +
                    `promote or roll it back first, or run again with the same images to resume it`);
            this.deps.reporter.info(`resuming release ${release.id} (${record.phase}, step ${record.current.step + 1})`);
            const current = record.current;
            if (options.replan &&
                steps.length > 0 &&
                current.decision === undefined &&
                JSON.stringify(current.steps) !== JSON.stringify(steps)) {
                // Started by hand (`canary`) or with other steps: walk these from the weight it has now, judging it there.
                const at = current.weight.requested;
                const index = Math.max(0, steps.findIndex((s) => s.weight >= at));
                const kept = current.stepLog
                    .filter((l) => l.step === current.step && l.finishedAt === undefined && steps[index]?.weight === at)
                    .map((l) => ({ ...l, step: index }));
                const { analysis: _stale, ...rest } = current;
                await this.save({ ...record, current: { ...rest, steps, step: index, stepLog: kept } });
            }
            return { resumed: true };
        }
        const stable = await this.deps.cluster.getDeployment(this.ref.namespace, this.ref.workload);
        const last = record.history[0];
        if (last?.id === release.id && (last.result === 'promoted' || last.result === 'deployed'))
            return {
                outcome: this.outcome(last.result, `${release.id} is already the stable release of ${this.ref.service}`),
            };
        // A first deploy killed before it was recorded left its own release on the stable: finish it.
        const interrupted = stable?.metadata?.annotations?.[RELEASE_ANNOTATION] === release.id;
        if (!stable || interrupted) {
            this.deps.reporter.info(`first release of ${this.ref.service}: nothing stable to compare with, so a plain deploy (never a 100 % canary)`);
            return { outcome: await this.plainDeploy(release, false, 'deployed') };
        }
        const workload = release.objects.find((o) => isWorkload(o, this.ref.workload));
        if (!workload?.spec?.template)
            throw new RolloutError(`the manifests have no Deployment/${this.ref.workload} with a pod template`);
        const others = release.objects.filter((o) => !isWorkload(o, this.ref.workload));
        // Objects the new version needs that do not exist yet are created now (nothing live uses them);
        // the ones that exist change only at promotion, so the stable release keeps its own until then.
        const missing = [];
        for (const object of others) {
            const exists = await this.deps.cluster.exists({
                apiVersion: object.apiVersion ?? '',
                kind: object.kind ?? '',
                name: object.metadata?.name ?? '',
                ...(object.metadata?.namespace ? { namespace: object.metadata.namespace } : {}),
            });
            if (!exists)
                missing.push(object);
        }
        if (missing.length > 0) {
            this.deps.reporter.info(`creating ${missing.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')} (new in this release)`);
            await this.deps.cluster.apply(missing);
        }
        const current = {
            id: release.id,
            settings: release.settings,
            images: release.images,
            startedAt: this.now().toISOString(),
            startedBy: this.deps.identity,
            template: clone(workload.spec.template),
            baselineTemplate: clone(stable.spec?.template ?? {}),
            objects: others.filter((o) => !missing.includes(o)).map((o) => clone(o)),
            ...(workload.spec.replicas !== undefined ? { manifestReplicas: workload.spec.replicas } : {}),
            stableReplicas: stable.spec?.replicas ?? 1,
            steps,
            step: 0,
            weight: { requested: 0, effective: 0 },
            stepLog: [],
        };
        this.deps.reporter.info(`canary of ${release.id}: Deployment ${this.ref.namespace}/${this.ref.workload} keeps serving; ` +
            `${this.ref.workload}-canary and ${this.ref.workload}-baseline are added`);
        await this.save({ ...record, phase: 'progressing', current, updatedAt: this.now().toISOString() });
        return { resumed: false };
    }
    async plainDeploy(release, force, result) {
        const objects = release.objects.map((o) => isWorkload(o, this.ref.workload)
            ? {
                ...o,
                metadata: {
                    ...o.metadata,
                    annotations: { ...o.metadata?.annotations, [RELEASE_ANNOTATION]: release.id },
                },
            }
            : o);
        await this.deps.cluster.apply(objects, { force });
        for (const object of release.objects.filter((o) => ROLLOUT_KINDS.has(o.kind ?? ''))) {
            await this.deps.cluster.waitRollout({
                kind: object.kind,
                namespace: object.metadata?.namespace ?? this.ref.namespace,
                name: object.metadata?.name ?? '',
            }, {
                deadlineSeconds: this.ref.progressDeadlineSeconds,
                onProgress: (line) => this.deps.reporter.progress(line),
                ...(this.signal ? { signal: this.signal } : {}),
            });
        }
        const workload = release.objects.find((o) => isWorkload(o, this.ref.workload));
        const entry = {
            id: release.id,
            images: release.images,
            template: clone(workload?.spec?.template ?? null),
            result,
            finishedAt: this.now().toISOString(),
        };
        await this.save({
            ...this.record,
            phase: 'idle',
            history: [entry, ...this.record.history].slice(0, HISTORY_LIMIT),
            updatedAt: this.now().toISOString(),
        });
        return this.outcome('deployed', `${release.id} deployed and ready`);
    }
    async toPrevious(record) {
        if (record.current)
            throw new RolloutError(`release ${record.current.id} is in progress: roll it back without --to-previous first`);
        const serving = record.history.filter((h) => h.result === 'promoted' || h.result === 'deployed');
        const previous = serving[1];
        if (!previous || previous.template === null)
            throw new RolloutError(`no earlier release of ${this.ref.service} is recorded to return to`);
        this.deps.reporter.info(`returning ${this.ref.service} from ${serving[0].id} to ${previous.id}`);
        const id = `${previous.id}`;
        await restore(this.effects(), previous.template, id);
        const entry = {
            ...previous,
            result: 'deployed',
            finishedAt: this.now().toISOString(),
            reason: `returned from ${serving[0].id} to ${previous.id}`,
        };
        await this.save({
            ...record,
            history: [entry, ...record.history].slice(0, HISTORY_LIMIT),
            updatedAt: this.now().toISOString(),
        });
        return this.outcome('rolled-back', entry.reason);
    }
    // ---- plumbing ------------------------------------------------------------------------------------
    async locked(body) {
        this.lastRelease = undefined;
        this.lastAnalysis = undefined;
        await this.deps.lock.acquire();
        this.signal = this.deps.lock.keepAlive();
        try {
            return await body();
        }
        finally {
            await this.deps.lock.release();
            this.signal = undefined;
        }
    }
    async load() {
        const stored = await this.deps.store.read();
        this.record =
            stored?.record ??
                emptyRecord(this.ref.service, this.ref.namespace, this.ref.workload, this.deps.router.type, this.now());
        this.version = stored?.version;
        this.remember(this.record);
        return this.record;
    }
    async save(given) {
        const routerConfig = this.ref.routerConfig;
        const record = routerConfig ? { ...given, router: routerConfig.type, routerConfig } : given;
        this.version = await this.deps.store.write(record, this.version);
        this.record = record;
        this.remember(record);
    }
    /** Keeps the release and its analysis for the outcome: finishing a release removes both from the record. */
    remember(record) {
        if (record.current)
            this.lastRelease = record.current;
        if (record.current?.analysis)
            this.lastAnalysis = record.current.analysis;
    }
    apply(event) {
        return this.save(reduce(this.record, event));
    }
    /** Persists a measurement with its window's counts for the charts, then says where it stands. */
    async measured(analysis) {
        const current = this.current();
        const spec = current.settings.analysis?.spec;
        const before = current.analysis?.step === analysis.step ? current.analysis.evidence : undefined;
        const row = spec
            ? windowRow(spec, before ? parseEvidence(before) : undefined, parseEvidence(analysis.evidence), current.weight.effective)
            : undefined;
        await this.apply({ type: 'analysis', analysis, ...(row ? { row } : {}) });
        this.progress(analysis.verdict ?? 'inconclusive', analysis.reason ?? '', row);
    }
    /** Persists the step's final analysis unless the last measurement already wrote exactly it. */
    async recordAnalysis(analysis) {
        if (JSON.stringify(this.record?.current?.analysis) !== JSON.stringify(analysis))
            await this.apply({ type: 'analysis', analysis });
    }
    current() {
        const current = this.record?.current;
        if (!current)
            throw new RolloutError(`no canary of ${this.ref.service} is in progress in namespace ${this.ref.namespace}`);
        return current;
    }
    requireJudge() {
        if (!this.deps.judge)
            throw new RolloutError(`${this.ref.service} has no analysis configured (analysis.provider and checks in dial.yaml)`);
        return this.deps.judge;
    }
    effects() {
        return {
            cluster: this.deps.cluster,
            router: this.deps.router,
            reporter: this.deps.reporter,
            namespace: this.ref.namespace,
            service: this.ref.service,
            workload: this.ref.workload,
            progressDeadlineSeconds: this.ref.progressDeadlineSeconds,
            ...(this.signal ? { signal: this.signal } : {}),
        };
    }
    /**
     * One line per measurement: step, weight, requests per arm so far, the last window's error and slow
     * shares per arm, and where the evidence stands.
     */
    progress(verdict, reason, row) {
        const current = this.record?.current;
        if (!current)
            return;
        const total = current.steps.length;
        const requests = current.analysis?.requests;
        const share = (bad, all) => bad === null || all <= 0 ? undefined : `${((bad / all) * 100).toFixed(1)}%`;
        const window = row
            ? [
                `errors ${share(row[3], row[2]) ?? '–'} vs ${share(row[6], row[5]) ?? '–'}`,
                ...(row[4] !== null
                    ? [`slow ${share(row[4], row[2]) ?? '–'} vs ${share(row[7], row[5]) ?? '–'}`]
                    : []),
            ].join(', ') + ' (canary vs baseline, last window); '
            : '';
        const seen = requests
            ? `canary ${Math.round(requests.canary)} req, baseline ${Math.round(requests.baseline)} req; `
            : '';
        this.deps.reporter.progress(`step ${current.step + 1}${total > 0 ? `/${total}` : ''} weight ${current.weight.requested}% ` +
            `(effective ${current.weight.effective}%): ${seen}${window}${verdict}${reason ? ` — ${reason}` : ''}`);
    }
    lastResult() {
        const last = this.record?.history[0];
        if (!last)
            return 'deployed';
        if (last.result === 'rolled-back')
            return last.reason?.startsWith('inconclusive') ? 'inconclusive' : 'rolled-back';
        return last.result === 'failed' ? 'failed' : last.result;
    }
    outcome(result, reason) {
        return {
            result,
            reason,
            record: this.record,
            ...(this.lastRelease ? { release: this.lastRelease } : {}),
            ...(this.lastAnalysis ? { analysis: this.lastAnalysis } : {}),
        };
    }
    now() {
        return this.deps.clock.now();
    }
}

// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(7840);
;// CONCATENATED MODULE: ./src/settings/inputs.ts
// The rollout commands' own inputs (beyond dial.yaml's overrides), checked the same way for the CLI's
// flags and the actions' inputs, so both say the same thing. `name` is how the input is called where
// it was given: `--weight` in the CLI, `input weight` in an action. Nothing here touches the cluster.

/** An input that cannot be used; `name` says which (`--for`, `input for`). */
class InputError extends Error {
    input;
    constructor(input, message) {
        super(message);
        this.input = input;
        this.name = 'InputError';
    }
}
const show = (text) => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
/** The canary weight of one step: a whole percentage from 0 to 99 (100 is the promotion). */
function parseWeight(text, name, promote) {
    if (text === undefined || text.trim() === '')
        throw new InputError(name, `${name} is required: the canary weight in percent, 0 to 99`);
    if (!/^[0-9]{1,2}$/.test(text.trim()))
        throw new InputError(name, `${name} must be a whole percentage from 0 to 99 (got ${show(text)}); use ${promote} for 100`);
    return Number(text.trim());
}
/** A duration such as 30s, 5m or 1h30m, in seconds; undefined when not given. */
function parseDuration(text, name) {
    if (text === undefined || text.trim() === '')
        return undefined;
    if (!/^([0-9]+[smhd])+$/.test(text.trim()))
        throw new InputError(name, `${name} must be a duration such as 30s, 5m or 1h30m (got ${show(text)})`);
    const seconds = (0,duration/* durationSeconds */.o)(text.trim());
    if (seconds <= 0)
        throw new InputError(name, `${name} must be longer than 0s (got ${show(text)})`);
    return seconds;
}
/** A Kubernetes name that is also a DNS label (RFC 1123): a service or a namespace. */
function parseLabel(text, name) {
    if (text === undefined || text.trim() === '')
        return undefined;
    const value = text.trim();
    if (value.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value))
        throw new InputError(name, `${name} must be an RFC 1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (got ${show(text)})`);
    return value;
}
/** `true` or `false` (YAML 1.2 core schema spellings, as the runner's own boolean inputs). */
function parseBoolean(text, name, fallback) {
    const value = (text ?? '').trim();
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(name, `${name} must be true or false (got ${show(text ?? '')})`);
}

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(6698);
;// CONCATENATED MODULE: ./src/kube/api.ts
// The API clients Dial uses, built on one client-node Configuration so that every request passes the
// same middleware: a request counter (the benchmark reports it) and the exact-body hook server-side
// apply needs (see withBody).


const USER_AGENT = 'dial (kubernetes-client-javascript)';
class KubeApis {
    kc;
    core;
    apps;
    autoscaling;
    objects;
    count = 0;
    body = new external_node_async_hooks_.AsyncLocalStorage();
    constructor(kc) {
        this.kc = kc;
        const cluster = kc.getCurrentCluster();
        if (!cluster)
            throw new Error('kubeconfig: the current context names no cluster');
        const middleware = {
            pre: async (ctx) => {
                this.count++;
                ctx.setHeaderParam('User-Agent', USER_AGENT);
                const body = this.body.getStore();
                if (body !== undefined && ctx.getHttpMethod() === dist/* HttpMethod */.ym3.PATCH)
                    ctx.setBody(body);
                return ctx;
            },
            post: async (rsp) => rsp,
        };
        const configuration = (0,dist/* createConfiguration */.$v4)({
            baseServer: new dist/* ServerConfiguration */.i04(cluster.server, {}),
            authMethods: { default: kc },
            promiseMiddleware: [middleware],
        });
        this.core = new dist/* CoreV1Api */.f5Y(configuration);
        this.apps = new dist/* AppsV1Api */.eY6(configuration);
        this.autoscaling = new dist/* AutoscalingV2Api */.ffz(configuration);
        this.objects = new dist/* KubernetesObjectApi */.e1Y(configuration);
    }
    /** API requests made so far (each watch connection counts as one). */
    get requests() {
        return this.count;
    }
    /** Counts a request made outside the generated clients (a watch connection). */
    countRequest() {
        this.count++;
    }
    /**
     * Runs `call` with every PATCH it makes sending `body` verbatim. KubernetesObjectApi.patch serializes
     * built-in kinds through client-node's typed models, which drop fields the models do not know (newer
     * API fields) and rename others (a CRD's `x-kubernetes-*` schema keys): an apply must send the
     * manifest exactly as written. The store follows the call's async context, so concurrent applies
     * keep their own bodies.
     */
    withBody(body, call) {
        return this.body.run(body, call);
    }
}
/** The HTTP status of a failed API call or watch, if it has one. */
function statusCode(err) {
    if (err instanceof dist/* ApiException */.UJ4)
        return err.code;
    if (typeof err === 'object' && err !== null) {
        const code = err.statusCode;
        if (typeof code === 'number')
            return code;
    }
    return undefined;
}
/** The Status object the API server sent with an error (client-node keeps it as text or as an object). */
function statusBody(err) {
    if (!(err instanceof dist/* ApiException */.UJ4))
        return undefined;
    const body = err.body;
    let parsed = body;
    if (typeof body === 'string') {
        try {
            parsed = JSON.parse(body);
        }
        catch {
            return undefined;
        }
    }
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
}
const isNotFound = (err) => statusCode(err) === 404;
/** `what: message (HTTP 422)` from an API error, keeping the original as the cause. */
function apiError(what, err) {
    const status = statusBody(err);
    const code = statusCode(err);
    const message = status?.message ?? (err instanceof Error ? err.message : String(err));
    return new Error(`${what}: ${message}${code !== undefined ? ` (HTTP ${code})` : ''}`, { cause: err });
}

// EXTERNAL MODULE: ./src/kube/manifests.ts
var manifests = __webpack_require__(4483);
;// CONCATENATED MODULE: ./src/kube/watch.ts
// Following one object by WATCH: list it once for its current state and a resourceVersion, then watch
// from there, re-establishing the watch whenever the server ends it (timeouts are normal) and listing
// again when the version is too old (410 Gone). No polling: the server tells us when something changes.

/** Plural resource names of the kinds Dial watches. */
const RESOURCES = {
    Deployment: 'deployments',
    StatefulSet: 'statefulsets',
    DaemonSet: 'daemonsets',
    ReplicaSet: 'replicasets',
    Pod: 'pods',
    CustomResourceDefinition: 'customresourcedefinitions',
};
/** How long the server keeps one watch open; below client-node's 30 s inactivity abort. */
const WATCH_SECONDS = 25;
/** Consecutive failed watch connections tolerated (with backoff) before giving up. */
const MAX_FAILURES = 5;
function collectionPath(target) {
    const resource = RESOURCES[target.kind];
    if (!resource)
        throw new Error(`cannot watch kind ${target.kind}`);
    const base = target.apiVersion.includes('/') ? `/apis/${target.apiVersion}` : `/api/${target.apiVersion}`;
    return target.namespace ? `${base}/namespaces/${target.namespace}/${resource}` : `${base}/${resource}`;
}
/**
 * Calls `onEvent` with the object's state now and on every change, until `signal` aborts (then it
 * resolves). Rejects when the API keeps failing.
 */
async function watchObject(apis, target, onEvent, signal) {
    const path = collectionPath(target);
    const fieldSelector = `metadata.name=${target.name}`;
    const watch = new dist/* Watch */.ox1(apis.kc);
    const relist = async () => {
        const list = await apis.objects.list(target.apiVersion, target.kind, target.namespace, undefined, undefined, undefined, fieldSelector);
        if (!signal.aborted)
            onEvent('SYNC', list.items[0]);
        return list.metadata?.resourceVersion ?? '';
    };
    // One watch connection: resolves with the last resourceVersion seen, or `gone` when it expired.
    const watchOnce = (resourceVersion) => new Promise((resolve, reject) => {
        let last = resourceVersion;
        let gone = false;
        let serverError;
        let stop;
        apis.countRequest();
        watch
            .watch(path, { resourceVersion, fieldSelector, allowWatchBookmarks: true, timeoutSeconds: WATCH_SECONDS }, (type, object) => {
            if (type === 'ERROR') {
                const code = object?.code;
                if (code === 410)
                    gone = true;
                else
                    serverError = new Error(`watch ${path}: ${object?.message ?? type}`);
                return;
            }
            const rv = object?.metadata
                ?.resourceVersion;
            if (rv)
                last = rv;
            if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
                if (!signal.aborted)
                    onEvent(type, object);
            }
        }, (err) => {
            if (stop)
                signal.removeEventListener('abort', stop);
            if (signal.aborted || gone)
                resolve({ resourceVersion: last, gone });
            else if (serverError)
                reject(serverError);
            else if (err && !isTimeout(err))
                reject(err);
            else
                resolve({ resourceVersion: last, gone });
        })
            .then((controller) => {
            stop = () => controller.abort();
            if (signal.aborted)
                stop();
            else
                signal.addEventListener('abort', stop, { once: true });
        })
            .catch(reject);
    });
    let resourceVersion = await relist();
    let failures = 0;
    while (!signal.aborted) {
        try {
            const ended = await watchOnce(resourceVersion);
            failures = 0;
            resourceVersion = ended.gone && !signal.aborted ? await relist() : ended.resourceVersion;
        }
        catch (err) {
            if (signal.aborted)
                break;
            if (++failures > MAX_FAILURES)
                throw err;
            // A dropped connection: reconnect after a short, growing pause rather than hammering the server.
            await pause(250 * 2 ** failures, signal);
            resourceVersion = await relist().catch(() => resourceVersion);
        }
    }
}
function isTimeout(err) {
    return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}
function pause(ms, signal) {
    return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
        }
        signal.addEventListener('abort', done, { once: true });
    });
}
/**
 * Watches until `check` returns a value (its result) or throws (the rejection); rejects after `timeoutMs`
 * naming `what`. `check` sees undefined while the object does not exist.
 */
async function waitForObject(apis, target, check, options) {
    const controller = new AbortController();
    const outer = options.signal;
    return new Promise((resolve, reject) => {
        let settled = false;
        const finish = (fn) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            outer?.removeEventListener('abort', onAbort);
            controller.abort();
            fn();
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${options.timeoutMs / 1000}s waiting for ${options.what}`))), options.timeoutMs);
        const onAbort = () => finish(() => reject(outer?.reason ?? new Error('aborted')));
        if (outer?.aborted)
            return onAbort();
        outer?.addEventListener('abort', onAbort, { once: true });
        watchObject(apis, target, (type, object) => {
            try {
                const result = check(type === 'DELETED' ? undefined : object, type);
                if (result !== undefined)
                    finish(() => resolve(result));
            }
            catch (err) {
                finish(() => reject(err));
            }
        }, controller.signal).then(() => finish(() => reject(new Error(`watch of ${options.what} ended`))), (err) => finish(() => reject(err)));
    });
}

;// CONCATENATED MODULE: ./src/kube/apply.ts
// Server-side apply with one field manager, `dial`: the API server merges, tracks which fields Dial owns
// and refuses to silently take fields another manager owns (an ApplyConflictError naming them).




const FIELD_MANAGER = 'dial';
/** How long to wait for a CRD applied in the same batch to be Established before its objects. */
const CRD_ESTABLISHED_MS = 30_000;
class ApplyConflictError extends Error {
    object;
    conflicts;
    constructor(message, 
    /** `Deployment shop/checkout` */
    object, conflicts) {
        super(message);
        this.object = object;
        this.conflicts = conflicts;
        this.name = 'ApplyConflictError';
    }
}
/**
 * Namespaces and CRDs first (the rest may live in or be instances of them), then everything else in the
 * order given (file order), which is the order authors expect and kubectl uses.
 */
function applyOrder(objects) {
    const first = (o) => o.kind === 'Namespace' || o.kind === 'CustomResourceDefinition';
    return [...objects.filter(first), ...objects.filter((o) => !first(o))];
}
/**
 * Applies the objects in applyOrder with field manager `dial`; `force` takes conflicting fields over
 * from other managers. Stops at the first failure (the objects after it are not applied). Returns the
 * objects as the server stored them, in apply order.
 */
async function applyObjects(apis, objects, options = {}) {
    const stored = [];
    const crds = [];
    for (const object of applyOrder(objects)) {
        if (object.kind !== 'CustomResourceDefinition' && crds.length > 0) {
            // Objects of a CRD applied just now are refused until the API server serves its kind.
            await Promise.all(crds.splice(0).map((name) => waitEstablished(apis, name)));
        }
        stored.push(await applyOne(apis, object, options.force ?? false));
        if (object.kind === 'CustomResourceDefinition')
            crds.push(object.metadata.name);
    }
    await Promise.all(crds.map((name) => waitEstablished(apis, name)));
    return stored;
}
async function applyOne(apis, object, force) {
    const what = (0,manifests/* describeObject */.v8)(object);
    // The body goes verbatim (withBody); the header is all patch() needs to build the URL. managedFields
    // must not be sent in an apply (the server refuses it), so a manifest exported with them still works.
    const { managedFields: _managed, resourceVersion: _rv, ...metadata } = object.metadata ?? {};
    const body = JSON.stringify({ ...object, metadata });
    const header = {
        apiVersion: object.apiVersion,
        kind: object.kind,
        metadata: { name: object.metadata?.name, namespace: object.metadata?.namespace },
    };
    const patch = (withForce) => apis.withBody(body, () => apis.objects.patch(header, undefined, undefined, FIELD_MANAGER, withForce, dist/* PatchStrategy */.Qve.ServerSideApply));
    try {
        return await patch(force);
    }
    catch (err) {
        const conflicts = statusCode(err) === 409 ? fieldConflicts(err) : [];
        if (conflicts.length > 0 && conflicts.every((c) => c.manager === FIELD_MANAGER)) {
            // Dial's own earlier update (scaleDeployment's PATCH of the scale subresource is recorded as manager
            // `dial`, operation Update, apart from its applies): taking its own field back is no conflict.
            try {
                return await patch(true);
            }
            catch (retry) {
                throw apiError(`apply ${what}`, retry);
            }
        }
        if (conflicts.length > 0)
            throw new ApplyConflictError(conflictMessage(what, conflicts), what, conflicts);
        throw apiError(`apply ${what}`, err);
    }
}
/** The field/manager pairs of a 409 from server-side apply (Status details.causes, FieldManagerConflict). */
function fieldConflicts(err) {
    const causes = statusBody(err)?.details?.causes ?? [];
    const out = [];
    for (const cause of causes) {
        if (cause.reason !== 'FieldManagerConflict')
            continue;
        const manager = /conflict with "([^"]*)"/.exec(cause.message ?? '')?.[1];
        out.push({ field: cause.field ?? '?', manager: manager ?? '(unknown manager)' });
    }
    return out;
}
/**
 * `Deployment shop/checkout: field .spec.replicas is owned by manager "kubectl-client-side-apply"; rerun
 * with force, or remove the field from the manifest`, with the fields grouped by manager.
 */
function conflictMessage(what, conflicts) {
    const byManager = new Map();
    for (const c of conflicts)
        byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.field]);
    const parts = [...byManager].map(([manager, fields]) => fields.length === 1
        ? `field ${fields[0]} is owned by manager "${manager}"`
        : `fields ${fields.join(', ')} are owned by manager "${manager}"`);
    const them = conflicts.length === 1 ? 'the field' : 'the fields';
    return `${what}: ${parts.join('; ')}; rerun with force, or remove ${them} from the manifest`;
}
async function waitEstablished(apis, name) {
    await waitForObject(apis, { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name }, (crd) => {
        const conditions = crd
            ?.status?.conditions;
        return conditions?.some((c) => c.type === 'Established' && c.status === 'True') ? true : undefined;
    }, { timeoutMs: CRD_ESTABLISHED_MS, what: `CustomResourceDefinition ${name} Established` });
}

;// CONCATENATED MODULE: ./src/rollout/ports.ts
class RolloutFailedError extends Error {
    diagnosis;
    constructor(message, diagnosis) {
        super(message);
        this.diagnosis = diagnosis;
        this.name = 'RolloutFailedError';
    }
}
class StateConflictError extends Error {
    constructor(message) {
        super(message);
        this.name = 'StateConflictError';
    }
}
class LockHeldError extends Error {
    holder;
    constructor(message, holder) {
        super(message);
        this.holder = holder;
        this.name = 'LockHeldError';
    }
}

;// CONCATENATED MODULE: ./src/kube/diagnose.ts
// Most telling first: a bad image or a crashing process explains everything after it; "not ready" or
// "creating" explains nothing. Reasons not listed rank between the two.
const RANKS = {
    ImagePullBackOff: 10,
    ErrImagePull: 11,
    InvalidImageName: 12,
    ErrImageNeverPull: 13,
    CrashLoopBackOff: 20,
    OOMKilled: 21,
    Error: 22,
    CreateContainerConfigError: 30,
    CreateContainerError: 31,
    RunContainerError: 32,
    ContainerCannotRun: 33,
    PostStartHookError: 34,
    Unschedulable: 40,
    FailedScheduling: 41,
    FailedCreate: 42,
    FailedMount: 45,
    FailedAttachVolume: 46,
    Evicted: 47,
    Unhealthy: 50,
    Failed: 70,
    BackOff: 71,
    ContainerCreating: 80,
    PodInitializing: 81,
    NotReady: 90,
};
const UNKNOWN_RANK = 60;
const rankOf = (reason) => RANKS[reason] ?? UNKNOWN_RANK;
/** Pods whose events are read (the least ready first): enough to see a pattern, few requests. */
const EVENT_PODS = 5;
const MAX_DETAILS = 20;
function containerFindings(pod, status, init) {
    const container = `${init ? 'init container' : 'container'} ${status.name}`;
    const found = [];
    const add = (reason, text) => found.push({ reason, rank: rankOf(reason), line: `${reason}: pod ${pod} ${container}: ${text}`, pod });
    const waiting = status.state?.waiting;
    const terminated = status.state?.terminated;
    const last = status.lastState?.terminated;
    if (waiting?.reason === 'CrashLoopBackOff') {
        const exit = last ? `, last exit code ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}` : '';
        add('CrashLoopBackOff', `restarted ${status.restartCount} times${exit}`);
    }
    else if (waiting?.reason) {
        const image = waiting.reason.includes('Image') && status.image ? `image "${status.image}"` : '';
        add(waiting.reason, waiting.message || image || 'waiting');
    }
    else if (terminated && terminated.exitCode !== 0 && !(init && status.ready)) {
        add(terminated.reason || 'Error', `exited with code ${terminated.exitCode}${terminated.message ? `: ${terminated.message}` : ''}`);
    }
    else if (last?.reason === 'OOMKilled') {
        add('OOMKilled', `killed for exceeding its memory limit (restarted ${status.restartCount} times)`);
    }
    return found;
}
/** What is wrong with one pod, from its status alone. */
function podFindings(pod) {
    const name = pod.metadata?.name ?? '?';
    const found = [];
    for (const s of pod.status?.initContainerStatuses ?? [])
        found.push(...containerFindings(name, s, true));
    for (const s of pod.status?.containerStatuses ?? [])
        found.push(...containerFindings(name, s, false));
    const conditions = pod.status?.conditions ?? [];
    const scheduled = conditions.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False') {
        const reason = scheduled.reason || 'Unschedulable';
        found.push({
            reason,
            rank: rankOf(reason),
            line: `${reason}: pod ${name}: ${scheduled.message ?? 'not scheduled'}`,
            pod: name,
        });
    }
    if (pod.status?.phase === 'Failed' && pod.status.reason) {
        const reason = pod.status.reason;
        found.push({
            reason,
            rank: rankOf(reason),
            line: `${reason}: pod ${name}: ${pod.status.message ?? 'failed'}`,
            pod: name,
        });
    }
    const ready = conditions.find((c) => c.type === 'Ready');
    if (found.length === 0 && ready?.status !== 'True' && pod.status?.phase !== 'Succeeded') {
        const why = ready?.message || ready?.reason || `phase ${pod.status?.phase ?? 'unknown'}`;
        found.push({
            reason: 'NotReady',
            rank: rankOf('NotReady'),
            line: `NotReady: pod ${name}: ${why}`,
            pod: name,
        });
    }
    return found;
}
/** Warning events, newest first, one line each. */
function eventFindings(events) {
    const time = (e) => new Date(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0).getTime();
    return [...events]
        .filter((e) => e.type === 'Warning')
        .sort((a, b) => time(b) - time(a))
        .map((e) => {
        const reason = e.reason ?? 'Warning';
        const kind = (e.involvedObject?.kind ?? '').toLowerCase();
        const count = (e.count ?? 1) > 1 ? ` (×${e.count})` : '';
        const pod = e.involvedObject?.kind === 'Pod' ? e.involvedObject.name : undefined;
        return {
            reason,
            rank: rankOf(reason),
            line: `${reason}: ${kind} ${e.involvedObject?.name ?? '?'}: ${(e.message ?? '').trim()}${count}`,
            pod,
        };
    });
}
/** The diagnosis from findings: the most telling one becomes the summary, counted over the pods. */
function summarize(findings, pods, selector) {
    const sorted = [...findings].sort((a, b) => a.rank - b.rank);
    const reasons = [...new Set(sorted.map((f) => f.reason))];
    const details = [...new Set(sorted.map((f) => f.line))].slice(0, MAX_DETAILS);
    const top = sorted[0];
    if (!top) {
        const ready = pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
        return {
            summary: pods.length === 0
                ? `no pods found for the workload (selector ${selector || 'none'})`
                : `no failing pod found (${ready.length} of ${pods.length} pods ready)`,
            reasons: [],
            details,
        };
    }
    const withReason = new Set(sorted.filter((f) => f.reason === top.reason && f.pod).map((f) => f.pod));
    const share = top.pod && pods.length > 1 ? ` (${withReason.size} of ${pods.length} pods)` : '';
    return { summary: `${top.line}${share}`, reasons, details };
}
/** `app=web,track in (canary)`: a LabelSelector as the API's labelSelector parameter. */
function selectorString(selector) {
    const parts = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
    for (const e of selector?.matchExpressions ?? []) {
        const values = (e.values ?? []).join(',');
        if (e.operator === 'In')
            parts.push(`${e.key} in (${values})`);
        else if (e.operator === 'NotIn')
            parts.push(`${e.key} notin (${values})`);
        else if (e.operator === 'Exists')
            parts.push(e.key);
        else if (e.operator === 'DoesNotExist')
            parts.push(`!${e.key}`);
    }
    return parts.join(',');
}
const ownedBy = (owners, uids) => (owners ?? []).some((o) => uids.has(o.uid));
/**
 * Reads the workload's current pods and their (and their creator's) Warning events and ranks what is
 * wrong. `workload` is the object as last seen (read again when absent). Never throws: a failure to
 * diagnose becomes the summary, so the rollout's own error is not lost.
 */
async function diagnose(apis, ref, workload) {
    try {
        return await gather(apis, ref, workload);
    }
    catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return { summary: `could not diagnose: ${message}`, reasons: [], details: [] };
    }
}
async function gather(apis, ref, object) {
    const { namespace } = ref;
    const workload = (object ?? (await readWorkload(apis, ref)) ?? {});
    const selector = selectorString(workload.spec?.selector);
    const uid = workload.metadata?.uid;
    // The pods of the workload's current revision: for a Deployment those of its newest ReplicaSet (the
    // old ones are healthy and would only dilute the picture).
    const creators = [];
    let owners = new Set(uid ? [uid] : []);
    let revisionLabel;
    if (ref.kind === 'Deployment' && uid) {
        const sets = (await apis.apps.listNamespacedReplicaSet({ namespace, labelSelector: selector })).items.filter((rs) => ownedBy(rs.metadata?.ownerReferences, new Set([uid])));
        const current = newestReplicaSet(sets, workload.metadata?.annotations?.['deployment.kubernetes.io/revision']);
        owners = new Set(sets.map((rs) => rs.metadata?.uid ?? ''));
        if (current?.metadata?.name) {
            creators.push({ kind: 'ReplicaSet', name: current.metadata.name, uid: current.metadata.uid });
            owners = new Set([current.metadata.uid ?? '']);
        }
    }
    else {
        creators.push({ kind: ref.kind, name: ref.name, uid });
        if (ref.kind === 'StatefulSet' && workload.status?.updateRevision) {
            revisionLabel = ['controller-revision-hash', workload.status.updateRevision];
        }
    }
    let pods = (await apis.core.listNamespacedPod({ namespace, labelSelector: selector })).items;
    if (owners.size > 0)
        pods = pods.filter((p) => ownedBy(p.metadata?.ownerReferences, owners));
    if (revisionLabel) {
        const [key, value] = revisionLabel;
        const current = pods.filter((p) => p.metadata?.labels?.[key] === value);
        if (current.length > 0)
            pods = current;
    }
    const findings = pods.flatMap(podFindings);
    const notReady = (p) => !p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    const eventPods = [...pods.filter(notReady), ...pods.filter((p) => !notReady(p))].slice(0, EVENT_PODS);
    const subjects = [
        ...creators,
        ...eventPods.map((p) => ({ kind: 'Pod', name: p.metadata?.name ?? '', uid: p.metadata?.uid })),
    ];
    const events = await Promise.all(subjects.map(async (s) => (await apis.core.listNamespacedEvent({
        namespace,
        fieldSelector: `involvedObject.name=${s.name},type=Warning`,
    })).items.filter((e) => !s.uid || !e.involvedObject?.uid || e.involvedObject.uid === s.uid)));
    findings.push(...eventFindings(events.flat()));
    return summarize(findings, pods, selector);
}
function newestReplicaSet(sets, revision) {
    const rev = (rs) => Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    if (revision !== undefined) {
        const match = sets.find((rs) => String(rev(rs)) === revision);
        if (match)
            return match;
    }
    return [...sets].sort((a, b) => rev(b) - rev(a))[0];
}
async function readWorkload(apis, ref) {
    const { namespace, name } = ref;
    if (ref.kind === 'Deployment')
        return apis.apps.readNamespacedDeployment({ namespace, name });
    if (ref.kind === 'StatefulSet')
        return apis.apps.readNamespacedStatefulSet({ namespace, name });
    if (ref.kind === 'DaemonSet')
        return apis.apps.readNamespacedDaemonSet({ namespace, name });
    return undefined;
}

;// CONCATENATED MODULE: ./src/kube/wait.ts
// Waiting until a Deployment, StatefulSet or DaemonSet has rolled out — by watch (watch.ts), with a
// deadline, a progress line every few seconds, and on failure a diagnosis from the pods (diagnose.ts).



const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];
const unsupported = (kind) => new Error(`cannot wait for the rollout of a ${kind}: only ${WORKLOAD_KINDS.join(', ')}`);
/** The rollout state of a Deployment, StatefulSet or DaemonSet object (as listed or watched). */
function rolloutState(kind, object) {
    const w = (object ?? {});
    const status = w.status ?? {};
    const generation = w.metadata?.generation ?? 0;
    const observed = status.observedGeneration ?? 0;
    const stale = observed < generation;
    const waitingForController = (progress) => ({
        done: false,
        progress: `${progress} (waiting for the controller to see generation ${generation})`,
    });
    switch (kind) {
        case 'Deployment': {
            const want = w.spec?.replicas ?? 1;
            const updated = status.updatedReplicas ?? 0;
            const available = status.availableReplicas ?? 0;
            const total = status.replicas ?? 0;
            let progress = `${updated}/${want} updated, ${available}/${want} available`;
            if (total > updated)
                progress += `, ${total - updated} old pending termination`;
            if (w.spec?.paused)
                progress += ' (paused)';
            const progressing = status.conditions?.find((c) => c.type === 'Progressing');
            if (!stale && progressing?.reason === 'ProgressDeadlineExceeded') {
                return {
                    done: false,
                    failed: `exceeded its progress deadline${progressing.message ? ` (${progressing.message})` : ''}`,
                    progress,
                };
            }
            if (stale)
                return waitingForController(progress);
            return { done: updated === want && available === want && total === updated, progress };
        }
        case 'StatefulSet': {
            const want = w.spec?.replicas ?? 1;
            const ready = status.readyReplicas ?? 0;
            const updated = status.updatedReplicas ?? 0;
            const strategy = w.spec?.updateStrategy?.type ?? 'RollingUpdate';
            const partition = w.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
            const progress = `${updated}/${want} updated, ${ready}/${want} ready`;
            if (stale)
                return waitingForController(progress);
            let updatedEnough = true;
            if (strategy === 'RollingUpdate') {
                // With a partition only the ordinals at or above it are updated, so the revisions never meet.
                updatedEnough =
                    partition > 0 ? updated >= want - partition : status.updateRevision === status.currentRevision;
            }
            return { done: updatedEnough && ready === want, progress };
        }
        case 'DaemonSet': {
            const desired = status.desiredNumberScheduled ?? 0;
            const updated = status.updatedNumberScheduled ?? 0;
            const available = status.numberAvailable ?? 0;
            const progress = `${updated}/${desired} updated, ${available}/${desired} available`;
            if (stale)
                return waitingForController(progress);
            const onDelete = w.spec?.updateStrategy?.type === 'OnDelete';
            return { done: (onDelete || updated === desired) && available === desired, progress };
        }
        default:
            throw unsupported(kind);
    }
}
/** `5m`, `1m30s`, `20s`: durations in progress lines. */
function formatSeconds(seconds) {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60)
        return `${s}s`;
    const m = Math.floor(s / 60);
    const rest = s % 60;
    if (m < 60)
        return rest ? `${m}m${rest}s` : `${m}m`;
    const h = Math.floor(m / 60);
    return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
}
const DEFAULT_PROGRESS_SECONDS = 10;
/**
 * Resolves when the workload has rolled out; throws RolloutFailedError (with a diagnosis of its pods)
 * when its progress deadline is exceeded, it is deleted, or `deadlineSeconds` pass first.
 */
async function waitRollout(apis, ref, options) {
    // Refused before any request.
    if (!WORKLOAD_KINDS.includes(ref.kind))
        throw unsupported(ref.kind);
    const what = `${ref.kind} ${ref.namespace}/${ref.name}`;
    const target = { apiVersion: 'apps/v1', ...ref };
    const started = Date.now();
    const deadline = formatSeconds(options.deadlineSeconds);
    const controller = new AbortController();
    let latest;
    let exists = false;
    const outcome = await new Promise((resolve, reject) => {
        let settled = false;
        const finish = (o) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            clearInterval(ticker);
            options.signal?.removeEventListener('abort', onAbort);
            controller.abort();
            if (o instanceof Error)
                reject(o);
            else
                resolve(o);
        };
        const timer = setTimeout(() => finish({ ok: false, reason: `did not roll out within ${deadline}` }), options.deadlineSeconds * 1000);
        const every = (options.progressEverySeconds ?? DEFAULT_PROGRESS_SECONDS) * 1000;
        // Reports the state the watch last delivered; the timer only paces the lines, it queries nothing.
        const ticker = setInterval(() => {
            if (!options.onProgress)
                return;
            const elapsed = formatSeconds((Date.now() - started) / 1000);
            const state = exists ? rolloutState(ref.kind, latest).progress : 'no status yet';
            options.onProgress(`${what}: ${state} (${elapsed} of ${deadline})`);
        }, every);
        const onAbort = () => finish(options.signal?.reason instanceof Error ? options.signal.reason : new Error('aborted'));
        if (options.signal?.aborted)
            return onAbort();
        options.signal?.addEventListener('abort', onAbort, { once: true });
        watchObject(apis, target, (type, object) => {
            if (type === 'DELETED')
                return finish({ ok: false, reason: 'was deleted while waiting for it' });
            if (object === undefined) {
                // Not there at all (SYNC of an empty list): nothing will roll out.
                return finish(new Error(`${what} not found`));
            }
            exists = true;
            latest = object;
            const state = rolloutState(ref.kind, object);
            if (state.failed)
                finish({ ok: false, reason: state.failed });
            else if (state.done)
                finish({ ok: true });
        }, controller.signal).then(() => finish(new Error(`watch of ${what} ended unexpectedly`)), (err) => finish(err instanceof Error ? err : new Error(String(err))));
    });
    if (outcome.ok)
        return;
    const diagnosis = await diagnose(apis, ref, latest);
    throw new RolloutFailedError(`${what} ${outcome.reason}: ${diagnosis.summary}`, diagnosis);
}

;// CONCATENATED MODULE: ./src/kube/cluster.ts
// The Cluster port (src/rollout/ports.ts) over @kubernetes/client-node: what the rollout engine does to
// the cluster, and nothing else. It counts its API requests for the benchmark.




class KubeCluster {
    apis;
    constructor(kc) {
        this.apis = new KubeApis(kc);
    }
    /** API requests made so far (each watch connection counts as one). */
    get requests() {
        return this.apis.requests;
    }
    async getDeployment(namespace, name) {
        try {
            return await this.apis.apps.readNamespacedDeployment({ namespace, name });
        }
        catch (err) {
            if (isNotFound(err))
                return undefined;
            throw apiError(`read Deployment ${namespace}/${name}`, err);
        }
    }
    apply(objects, options) {
        return applyObjects(this.apis, objects, options);
    }
    async delete(ref) {
        const header = {
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: { name: ref.name, namespace: ref.namespace },
        };
        try {
            // Background: the garbage collector removes the ReplicaSets and pods; the call returns at once.
            await this.apis.objects.delete(header, undefined, undefined, undefined, undefined, 'Background');
        }
        catch (err) {
            if (isNotFound(err))
                return;
            throw apiError(`delete ${ref.kind} ${ref.namespace}/${ref.name}`, err);
        }
    }
    async scaleDeployment(namespace, name, replicas) {
        try {
            // The scale subresource changes spec.replicas only; the pod template (and so the pods) stay as they are.
            await this.apis.apps.patchNamespacedDeploymentScale({ namespace, name, body: { spec: { replicas } }, fieldManager: FIELD_MANAGER }, (0,dist/* setHeaderOptions */.OkF)('Content-Type', dist/* PatchStrategy */.Qve.MergePatch));
        }
        catch (err) {
            throw apiError(`scale Deployment ${namespace}/${name} to ${replicas}`, err);
        }
    }
    waitRollout(ref, options) {
        return waitRollout(this.apis, ref, options);
    }
    async exists(ref) {
        const header = {
            apiVersion: ref.apiVersion,
            kind: ref.kind,
            metadata: { name: ref.name, namespace: ref.namespace },
        };
        try {
            await this.apis.objects.read(header);
            return true;
        }
        catch (err) {
            // A kind the server does not serve (a router's CRD not installed) has no objects either:
            // KubernetesObjectApi says so with a plain Error from its discovery step.
            if (isNotFound(err) ||
                (err instanceof Error && err.message.startsWith('Unrecognized API version and kind'))) {
                return false;
            }
            throw apiError(`read ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`, err);
        }
    }
    async hasAutoscaler(namespace, deployment) {
        try {
            const hpas = await this.apis.autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace });
            return hpas.items.some((h) => h.spec?.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === deployment);
        }
        catch (err) {
            throw apiError(`list HorizontalPodAutoscalers in ${namespace}`, err);
        }
    }
    async get(ref) {
        try {
            return plain(await this.apis.objects.read(header(ref)));
        }
        catch (err) {
            if (isNotFound(err) || unserved(err))
                return undefined;
            throw apiError(`read ${describeRef(ref)}`, err);
        }
    }
    async list(ref) {
        try {
            const list = await this.apis.objects.list(ref.apiVersion, ref.kind, ref.namespace, undefined, undefined, undefined, undefined, ref.labelSelector);
            return list.items.map((item) => plain(item));
        }
        catch (err) {
            if (isNotFound(err) || unserved(err))
                return [];
            throw apiError(`list ${ref.kind} in ${ref.namespace}`, err);
        }
    }
    async patch(ref, patch) {
        try {
            // Sent verbatim (withBody): the typed models would drop or rename fields of built-in kinds.
            return plain(await this.apis.withBody(JSON.stringify(patch), () => this.apis.objects.patch(header(ref), undefined, undefined, FIELD_MANAGER, undefined, dist/* PatchStrategy */.Qve.MergePatch)));
        }
        catch (err) {
            if (statusCode(err) === 409)
                return undefined;
            throw apiError(`patch ${describeRef(ref)}`, err);
        }
    }
    async apiVersions(group) {
        // Discovery outside the shared client configuration: counted by hand.
        this.apis.countRequest();
        try {
            const groups = await this.apis.kc.makeApiClient(dist/* ApisApi */.kZp).getAPIVersions();
            const found = groups.groups.find((g) => g.name === group);
            if (!found)
                return [];
            const preferred = found.preferredVersion?.version;
            const versions = found.versions.map((v) => v.version);
            return preferred ? [preferred, ...versions.filter((v) => v !== preferred)] : versions;
        }
        catch (err) {
            throw apiError(`discover API group ${group}`, err);
        }
    }
    async listPods(namespace, labelSelector) {
        try {
            return (await this.apis.core.listNamespacedPod({ namespace, labelSelector })).items;
        }
        catch (err) {
            throw apiError(`list pods in ${namespace} (${labelSelector})`, err);
        }
    }
}
function header(ref) {
    return {
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
    };
}
function describeRef(ref) {
    return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
/**
 * A kind the server does not serve: KubernetesObjectApi says so with a plain Error from discovery (a
 * group version it does not serve at all is a 404 from discovery, isNotFound).
 */
function unserved(err) {
    return err instanceof Error && err.message.startsWith('Unrecognized API version and kind');
}
/** Plain JSON data (client-node's typed models hold timestamps as Date objects). */
function plain(object) {
    return JSON.parse(JSON.stringify(object));
}

;// CONCATENATED MODULE: ./src/kube/identity.ts
// Who is rolling out: the identity a run writes into the Lease (and the state it writes). In GitHub
// Actions it names the workflow run and its attempt, so a rerun (another attempt of the same run) is
// recognised and may take over; from a terminal it names the person, the machine and the process.

const ACTIONS = /^([^/\s]+\/[^/\s]+)\/([0-9]+)\/([0-9]+)$/;
const LOCAL = /^([^@/\s]+)@([^/\s]+)\/([0-9]+)$/;
/**
 * `owner/repo/<run id>/<attempt>` in GitHub Actions (GITHUB_ACTIONS=true), `user@host/pid` otherwise.
 * An Actions environment without the repository or run id (not a real runner) gets the terminal form.
 */
function lockIdentity(env = process.env, local = {}) {
    const repository = env.GITHUB_REPOSITORY?.trim();
    const runId = env.GITHUB_RUN_ID?.trim();
    if (env.GITHUB_ACTIONS === 'true' && repository && runId) {
        const attempt = env.GITHUB_RUN_ATTEMPT?.trim() || '1';
        return `${repository}/${runId}/${attempt}`;
    }
    const user = clean(local.user ?? env.USER ?? env.LOGNAME ?? env.USERNAME ?? currentUser());
    const host = clean(local.hostname ?? (0,external_node_os_.hostname)());
    return `${user}@${host}/${local.pid ?? process.pid}`;
}
function parseIdentity(identity) {
    const actions = ACTIONS.exec(identity);
    if (actions)
        return {
            kind: 'actions',
            repository: actions[1],
            runId: actions[2],
            attempt: Number(actions[3]),
        };
    const local = LOCAL.exec(identity);
    if (local)
        return { kind: 'local', user: local[1], host: local[2], pid: Number(local[3]) };
    return { kind: 'other', text: identity };
}
/**
 * True when both are Actions identities of the same repository and run id: a rerun is another attempt
 * of the same run, so it may take over the lock the earlier attempt left behind.
 */
function sameRun(a, b) {
    const x = parseIdentity(a);
    const y = parseIdentity(b);
    return x.kind === 'actions' && y.kind === 'actions' && x.repository === y.repository && x.runId === y.runId;
}
function currentUser() {
    try {
        return (0,external_node_os_.userInfo)().username;
    }
    catch {
        return 'unknown';
    }
}
/** Keeps the identity parseable: no `@`, `/` or whitespace inside the user or host part. */
function clean(part) {
    const text = part.trim().replace(/[@/\s]+/g, '-');
    return text === '' ? 'unknown' : text;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/kube/state-store.ts
// The rollout record of a service, kept in its namespace as one ConfigMap (`dial-<service>`, key
// `record.json`), written with optimistic concurrency: every write names the resourceVersion it was
// based on, so two runs can never both believe their decision stuck. Nothing here decides anything:
// the engine reads, decides, writes; a StateConflictError sends it back to read again.





const RECORD_KEY = 'record.json';
/** A ConfigMap holds at most 1 MiB in all; the record stays under this, leaving room for metadata. */
const MAX_RECORD_BYTES = 900 * 1024;
const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
const state_store_SERVICE_LABEL = 'dial.dev/service';
/** The lock identity of the run that wrote the record last (for conflict messages and status). */
const WRITTEN_BY_ANNOTATION = 'dial.dev/written-by';
const DEFAULT_FIELD_MANAGER = 'dial';
/** The record in the cluster is not one this Dial can read (hand-edited, other tool, other version). */
class StateFormatError extends Error {
    constructor(message) {
        super(message);
        this.name = 'StateFormatError';
    }
}
/** The record is too large for a ConfigMap even after dropping what may be dropped. */
class StateTooLargeError extends Error {
    constructor(message) {
        super(message);
        this.name = 'StateTooLargeError';
    }
}
const PHASES = ['idle', 'progressing', 'paused', 'promoting', 'rolling-back'];
const DNS_SUBDOMAIN_MAX = 253;
const LABEL_VALUE_MAX = 63;
const shortHash = (text) => (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex').slice(0, 8);
/**
 * `dial-<service>`, usable as a ConfigMap or Lease name (DNS subdomain, at most 253 characters). A service
 * name that is not already DNS-safe is lowered and cleaned, and gets a hash of the original appended so
 * two different names cannot meet in the same object.
 */
function dialObjectName(service) {
    const wanted = `dial-${service}`;
    if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(wanted) && wanted.length <= DNS_SUBDOMAIN_MAX)
        return wanted;
    const suffix = `-${shortHash(service)}`;
    const body = wanted
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .slice(0, DNS_SUBDOMAIN_MAX - suffix.length)
        .replace(/-+$/, '');
    return `${body}${suffix}`;
}
/** The service as a label value (at most 63 characters of `[A-Za-z0-9._-]`, alphanumeric at both ends). */
function serviceLabelValue(service) {
    const valid = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
    if (valid.test(service) && service.length <= LABEL_VALUE_MAX)
        return service;
    const suffix = `-${shortHash(service)}`;
    const body = service
        .replace(/[^A-Za-z0-9_.-]+/g, '-')
        .replace(/^[^A-Za-z0-9]+/, '')
        .slice(0, LABEL_VALUE_MAX - suffix.length)
        .replace(/[^A-Za-z0-9]+$/, '');
    return body === '' ? suffix.slice(1) : `${body}${suffix}`;
}
/** Labels of every object Dial keeps for a service's rollouts (the state ConfigMap, the Lease). */
function dialLabels(service) {
    return { [MANAGED_BY_LABEL]: 'dial', [state_store_SERVICE_LABEL]: serviceLabelValue(service) };
}
class ConfigMapStateStore {
    namespace;
    service;
    options;
    /** The ConfigMap's name: `dial-<service>`. */
    name;
    /** API requests made so far (for the benchmark and for tests of request economy). */
    requests = 0;
    /** What the last write dropped to fit under the size guard (empty when nothing). */
    lastWriteNotes = [];
    api;
    identity;
    fieldManager;
    maxRecordBytes;
    constructor(kc, namespace, service, options = {}) {
        this.namespace = namespace;
        this.service = service;
        this.options = options;
        this.api = kc.makeApiClient(dist/* CoreV1Api */.f5Y);
        this.name = dialObjectName(service);
        this.identity = options.identity ?? lockIdentity();
        this.fieldManager = options.fieldManager ?? DEFAULT_FIELD_MANAGER;
        this.maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
    }
    /** `ConfigMap <namespace>/<name>`, as messages name it. */
    get where() {
        return `ConfigMap ${this.namespace}/${this.name}`;
    }
    async read() {
        const configMap = await this.get();
        if (configMap === undefined)
            return undefined;
        const version = configMap.metadata?.resourceVersion;
        if (!version)
            throw new StateFormatError(`${this.where} has no resourceVersion: not read from the API server?`);
        return { record: this.parse(configMap), version };
    }
    async write(record, expected) {
        if (expected === '')
            throw new Error(`${this.where}: an empty expected version would overwrite blindly`);
        checkRecord(record, `the record to write into ${this.where}`);
        if (record.service !== this.service || record.namespace !== this.namespace)
            throw new Error(`${this.where} keeps the record of service ${this.service} in ${this.namespace}, not of ${record.service} in ${record.namespace}`);
        const fitted = fitRecord(record, this.maxRecordBytes, this.where);
        this.lastWriteNotes = fitted.notes;
        for (const note of fitted.notes)
            this.options.onWarning?.(note);
        const body = {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: {
                name: this.name,
                namespace: this.namespace,
                labels: dialLabels(this.service),
                annotations: { [WRITTEN_BY_ANNOTATION]: this.identity },
                ...(expected !== undefined ? { resourceVersion: expected } : {}),
            },
            data: { [RECORD_KEY]: fitted.json },
        };
        let stored;
        try {
            this.requests++;
            stored =
                expected === undefined
                    ? await this.api.createNamespacedConfigMap({
                        namespace: this.namespace,
                        body,
                        fieldManager: this.fieldManager,
                    })
                    : await this.api.replaceNamespacedConfigMap({
                        name: this.name,
                        namespace: this.namespace,
                        body,
                        fieldManager: this.fieldManager,
                    });
        }
        catch (error) {
            throw await this.writeError(error, expected);
        }
        const version = stored.metadata?.resourceVersion;
        if (!version)
            throw new Error(`${this.where} was written but the API server returned no resourceVersion`);
        return version;
    }
    async get() {
        try {
            this.requests++;
            return await this.api.readNamespacedConfigMap({ name: this.name, namespace: this.namespace });
        }
        catch (error) {
            if (error instanceof dist/* ApiException */.UJ4 && error.code === 404)
                return undefined;
            throw new Error(`cannot read ${this.where}: ${describeApiError(error)}`, { cause: error });
        }
    }
    parse(configMap) {
        const text = configMap.data?.[RECORD_KEY];
        if (text === undefined)
            throw new StateFormatError(`${this.where} has no \`${RECORD_KEY}\`: it was not written by Dial (or was edited by hand); ` +
                'move it out of the way only if no rollout of this service is in progress');
        let value;
        try {
            value = JSON.parse(text);
        }
        catch (error) {
            throw new StateFormatError(`${this.where}: \`${RECORD_KEY}\` is not valid JSON (${error.message}); was it edited by hand?`);
        }
        const record = checkRecord(value, this.where);
        if (record.service !== this.service)
            throw new StateFormatError(`${this.where} holds the record of service \`${record.service}\`, not \`${this.service}\``);
        return record;
    }
    async writeError(error, expected) {
        if (!(error instanceof dist/* ApiException */.UJ4))
            return new Error(`cannot write ${this.where}: ${describeApiError(error)}`, { cause: error });
        const status = statusOf(error);
        if (error.code === 409 && expected === undefined) {
            const who = await this.whoWrote();
            return new StateConflictError(`someone else created ${this.where} meanwhile${who ? ` (${who})` : ''}: ` +
                'another run is rolling out this service; read the state again before deciding');
        }
        if (error.code === 409) {
            const who = await this.whoWrote();
            return new StateConflictError(`${this.where} changed since version ${expected} was read${who ? ` (${who})` : ''}: ` +
                'another run wrote the rollout state; read it again before deciding');
        }
        if (error.code === 404 && expected !== undefined)
            return new StateConflictError(`${this.where} was deleted since version ${expected} was read: read the state again before deciding`);
        if (error.code === 422 && /too long|too large|exceeds/i.test(status.message ?? ''))
            return new StateTooLargeError(`${this.where} is too large for the API server: ${status.message}`);
        return new Error(`cannot write ${this.where}: ${describeApiError(error)}`, { cause: error });
    }
    /** Who wrote the ConfigMap as it is now, from its annotation and managedFields; undefined if unknown. */
    async whoWrote() {
        let current;
        try {
            current = await this.get();
        }
        catch {
            return undefined;
        }
        if (current === undefined)
            return 'since deleted';
        const parts = [`now version ${current.metadata?.resourceVersion ?? '?'}`];
        const writer = current.metadata?.annotations?.[WRITTEN_BY_ANNOTATION];
        if (writer)
            parts.push(`written by ${writer}`);
        // managedFields times have one-second resolution: every manager of the latest second is named,
        // another than Dial's first (a person or another tool changed it: kubectl edit, ...).
        const entries = (current.metadata?.managedFields ?? []).filter((entry) => entry.manager);
        const last = Math.max(0, ...entries.map((entry) => timeOf(entry.time)));
        const latest = entries
            .filter((entry) => timeOf(entry.time) === last)
            .sort((a, b) => Number(a.manager === this.fieldManager) - Number(b.manager === this.fieldManager));
        if (latest.length > 0) {
            const names = [...new Set(latest.map((entry) => `"${entry.manager}"`))];
            const operations = [...new Set(latest.map((entry) => entry.operation).filter(Boolean))].join('/');
            const when = last > 0 ? `at ${new Date(last).toISOString()}` : '';
            const detail = [operations, when].filter((part) => part !== '').join(' ');
            parts.push(`field manager${names.length > 1 ? 's' : ''} ${names.join(' and ')}${detail ? ` (${detail})` : ''}`);
        }
        return parts.join(', ');
    }
}
const timeOf = (time) => (time ? new Date(time).getTime() : 0);
/**
 * Checks a parsed record: the version this Dial reads, and the fields every reader relies on. Throws a
 * StateFormatError naming `where` (the ConfigMap) and the first problem.
 */
function checkRecord(value, where) {
    if (!isObject(value))
        throw new StateFormatError(`${where}: the rollout record is not a JSON object`);
    const version = value.version;
    if (version !== RECORD_VERSION) {
        if (typeof version === 'number' && version > RECORD_VERSION)
            throw new StateFormatError(`${where} holds a rollout record of version ${version}, written by a newer Dial (this one reads version ${RECORD_VERSION}): upgrade Dial`);
        throw new StateFormatError(`${where} holds a rollout record of version ${JSON.stringify(version)}, which this Dial does not read (it reads version ${RECORD_VERSION})`);
    }
    const problems = [];
    const need = (ok, what) => {
        if (!ok)
            problems.push(what);
    };
    need(typeof value.service === 'string' && value.service !== '', '`service` (string)');
    need(typeof value.namespace === 'string' && value.namespace !== '', '`namespace` (string)');
    need(isObject(value.workload) &&
        value.workload.kind === 'Deployment' &&
        typeof value.workload.name === 'string', '`workload` ({ kind: Deployment, name })');
    need(typeof value.router === 'string', '`router` (string)');
    need(typeof value.phase === 'string' && PHASES.includes(value.phase), `\`phase\` (one of ${PHASES.join(', ')})`);
    need(typeof value.updatedAt === 'string', '`updatedAt` (string)');
    need(Array.isArray(value.history) &&
        value.history.every((entry) => isObject(entry) &&
            typeof entry.id === 'string' &&
            isObject(entry.images) &&
            typeof entry.result === 'string' &&
            typeof entry.finishedAt === 'string'), '`history` (releases with id, images, result, finishedAt)');
    if (value.current !== undefined) {
        const c = value.current;
        need(isObject(c) &&
            typeof c.id === 'string' &&
            isObject(c.images) &&
            typeof c.startedAt === 'string' &&
            typeof c.startedBy === 'string' &&
            isObject(c.settings) &&
            'template' in c &&
            'baselineTemplate' in c &&
            Array.isArray(c.objects) &&
            typeof c.stableReplicas === 'number' &&
            Array.isArray(c.steps) &&
            typeof c.step === 'number' &&
            isObject(c.weight) &&
            typeof c.weight.requested === 'number' &&
            typeof c.weight.effective === 'number' &&
            Array.isArray(c.stepLog), '`current` (id, settings, images, startedAt, startedBy, template, baselineTemplate, objects, stableReplicas, steps, step, weight, stepLog)');
    }
    if (problems.length > 0)
        throw new StateFormatError(`${where}: the rollout record is missing or has wrong ${problems.join(', ')}; was it edited by hand?`);
    return value;
}
/**
 * The record's JSON within `maxBytes`: drops the pod templates of the oldest releases first, then the
 * oldest releases themselves, and says what it dropped. A dropped template is `null`: `rollback
 * --to-previous` cannot return to that release. Throws StateTooLargeError when even that is not enough.
 */
function fitRecord(record, maxBytes = MAX_RECORD_BYTES, where = 'the rollout state') {
    let json = JSON.stringify(record);
    const size = () => Buffer.byteLength(json, 'utf8');
    if (size() <= maxBytes)
        return { record, json, notes: [] };
    const before = size();
    const limit = `${Math.round(maxBytes / 1024)} KiB`;
    const fitted = { ...record, history: record.history.map((entry) => ({ ...entry })) };
    const notes = [];
    for (let i = fitted.history.length - 1; i >= 0 && size() > maxBytes; i--) {
        const entry = fitted.history[i];
        if (entry.template === null || entry.template === undefined)
            continue;
        entry.template = null;
        json = JSON.stringify(fitted);
        notes.push(`dropped the pod template of release ${entry.id} (finished ${entry.finishedAt}) to keep ${where} under ${limit}: rollback --to-previous cannot return to it`);
    }
    while (size() > maxBytes && fitted.history.length > 0) {
        const entry = fitted.history.pop();
        json = JSON.stringify(fitted);
        notes.push(`dropped release ${entry.id} (finished ${entry.finishedAt}) from the history to keep ${where} under ${limit}`);
    }
    if (size() > maxBytes) {
        const part = (value) => `${Math.round(Buffer.byteLength(JSON.stringify(value ?? null)) / 1024)} KiB`;
        throw new StateTooLargeError(`the rollout record is ${Math.round(size() / 1024)} KiB without any history, over the ${limit} ${where} may hold ` +
            `(current pod template ${part(fitted.current?.template)}, baseline template ${part(fitted.current?.baselineTemplate)}, ` +
            `other objects ${part(fitted.current?.objects)}, analysis evidence ${part(fitted.current?.analysis?.evidence)})`);
    }
    if (notes.length > 0)
        notes.push(`${where}: the record was ${Math.round(before / 1024)} KiB, now ${Math.round(size() / 1024)} KiB`);
    return { record: fitted, json, notes };
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** The Kubernetes Status in an ApiException's body (a JSON string in client-node 2.x). */
function statusOf(error) {
    let body = error.body;
    if (typeof body === 'string') {
        const text = body;
        try {
            body = JSON.parse(text);
        }
        catch {
            return { message: text };
        }
    }
    if (!isObject(body))
        return {};
    return {
        ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
        ...(typeof body.message === 'string' ? { message: body.message } : {}),
    };
}
/** `403 Forbidden: configmaps "dial-web" is forbidden: ...`, or the error's own message. */
function describeApiError(error) {
    if (error instanceof dist/* ApiException */.UJ4) {
        const status = statusOf(error);
        return `${error.code}${status.reason ? ` ${status.reason}` : ''}${status.message ? `: ${status.message}` : ''}`;
    }
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/kube/lease.ts
// One rollout per service at a time: a coordination.k8s.io/v1 Lease `dial-<service>` in its namespace.
// There is no controller to hand the lock out, so every change is an optimistic write (create, or replace
// naming the resourceVersion that was read): of two runs racing for a free or expired lease, exactly one
// write succeeds; the other reads again and is refused. The holder renews every third of the lease's
// duration while it works; a run that died leaves a lease that expires, and a rerun of the same workflow
// run (another attempt) takes over at once.




const DEFAULT_LEASE_SECONDS = 60;
/** The lease was lost while working (another holder took it, it was deleted, or renewals kept failing). */
class LockLostError extends Error {
    holder;
    constructor(message, holder) {
        super(message);
        this.holder = holder;
        this.name = 'LockLostError';
    }
}
class LeaseLock {
    namespace;
    service;
    options;
    /** The Lease's name: `dial-<service>`. */
    name;
    identity;
    leaseDurationSeconds;
    /** API requests made so far. */
    requests = 0;
    /** What the last successful acquire() did. */
    acquired;
    api;
    fieldManager;
    now;
    /** The Lease as we last wrote it while holding it; undefined when not holding. */
    lease;
    controller;
    timer;
    renewal;
    lastRenewed = 0;
    constructor(kc, namespace, service, options = {}) {
        this.namespace = namespace;
        this.service = service;
        this.options = options;
        this.api = kc.makeApiClient(dist/* CoordinationV1Api */.hSW);
        this.name = dialObjectName(service);
        this.identity = options.identity ?? lockIdentity();
        this.leaseDurationSeconds = options.leaseDurationSeconds ?? DEFAULT_LEASE_SECONDS;
        if (!Number.isInteger(this.leaseDurationSeconds) || this.leaseDurationSeconds < 1)
            throw new Error(`leaseDurationSeconds must be a whole number ≥ 1 (got ${this.leaseDurationSeconds})`);
        this.fieldManager = options.fieldManager ?? DEFAULT_FIELD_MANAGER;
        this.now = options.now ?? (() => new Date());
    }
    /** `Lease <namespace>/<name>`, as messages name it. */
    get where() {
        return `Lease ${this.namespace}/${this.name}`;
    }
    async acquire(options = {}) {
        // A lost race reads again once: the winner then holds a fresh lease and we are refused clearly.
        for (let attempt = 1;; attempt++) {
            const current = await this.get();
            const now = this.now();
            const previous = current ? leaseHolder(current, this.leaseDurationSeconds) : undefined;
            const reason = current
                ? takeoverReason(previous, this.identity, now, options.force === true)
                : 'free';
            if (reason === undefined)
                throw new LockHeldError(lockHeldMessage(previous, this.where, this.service, now), previous);
            try {
                this.requests++;
                const written = current
                    ? await this.api.replaceNamespacedLease({
                        name: this.name,
                        namespace: this.namespace,
                        body: this.taken(current, now, previous),
                        fieldManager: this.fieldManager,
                    })
                    : await this.api.createNamespacedLease({
                        namespace: this.namespace,
                        body: this.fresh(now),
                        fieldManager: this.fieldManager,
                    });
                this.lease = written;
                this.lastRenewed = now.getTime();
                this.acquired = { reason, ...(previous && reason !== 'same identity' ? { previous } : {}) };
                if (previous && (reason === 'expired' || reason === 'same run' || reason === 'forced'))
                    this.options.onWarning?.(`took over the lock ${this.where} from ${previous.identity} (${reason === 'expired' ? `expired at ${previous.expiresAt}` : reason === 'same run' ? 'an earlier attempt of this run' : 'lock broken on request'})`);
                return;
            }
            catch (error) {
                // 409: someone else created or changed the lease between our read and our write.
                if (error instanceof dist/* ApiException */.UJ4 && error.code === 409 && attempt < 2)
                    continue;
                if (error instanceof dist/* ApiException */.UJ4 && error.code === 409) {
                    const now2 = this.now();
                    const winner = await this.holder();
                    if (winner && winner.identity !== this.identity)
                        throw new LockHeldError(lockHeldMessage(winner, this.where, this.service, now2), winner);
                    throw new Error(`${this.where} kept changing while acquiring it; try again`, { cause: error });
                }
                throw new Error(`cannot acquire ${this.where}: ${describeApiError(error)}`, { cause: error });
            }
        }
    }
    keepAlive() {
        if (this.controller && !this.controller.signal.aborted)
            return this.controller.signal;
        const controller = new AbortController();
        this.controller = controller;
        if (!this.lease) {
            controller.abort(new LockLostError(`not holding ${this.where}: acquire() it before keepAlive()`));
            return controller.signal;
        }
        const every = Math.max(100, Math.floor((this.leaseDurationSeconds * 1000) / 3));
        this.timer = setInterval(() => {
            if (this.renewal)
                return; // the previous renewal is still waiting for the API server
            this.renewal = this.renew(controller)
                .catch((error) => this.options.onWarning?.(`renewing ${this.where} failed: ${String(error)}`))
                .finally(() => {
                this.renewal = undefined;
            });
        }, every);
        this.timer.unref();
        return controller.signal;
    }
    async release() {
        this.stop();
        await this.renewal;
        const ours = this.lease;
        this.lease = undefined;
        this.controller = undefined;
        if (!ours)
            return;
        let target = ours;
        // Delete only what we hold: preconditions on uid and resourceVersion. If the lease changed since our
        // last write, delete it only if it is still ours (renewed by this identity meanwhile).
        for (let attempt = 1; target && attempt <= 2; attempt++) {
            try {
                this.requests++;
                await this.api.deleteNamespacedLease({
                    name: this.name,
                    namespace: this.namespace,
                    body: {
                        preconditions: { uid: target.metadata?.uid, resourceVersion: target.metadata?.resourceVersion },
                    },
                });
                return;
            }
            catch (error) {
                if (error instanceof dist/* ApiException */.UJ4 && error.code === 404)
                    return;
                if (!(error instanceof dist/* ApiException */.UJ4 && error.code === 409))
                    throw new Error(`cannot release ${this.where}: ${describeApiError(error)}`, { cause: error });
                const now = await this.get();
                target = now?.spec?.holderIdentity === this.identity ? now : undefined;
                if (now && !target)
                    this.options.onWarning?.(`not releasing ${this.where}: it is held by ${now.spec?.holderIdentity ?? 'nobody'} now`);
            }
        }
    }
    /** The holder the Lease names (with when it expires, which may be past), or undefined if none. */
    async holder() {
        const lease = await this.get();
        return lease ? leaseHolder(lease, this.leaseDurationSeconds) : undefined;
    }
    stop() {
        if (this.timer)
            clearInterval(this.timer);
        this.timer = undefined;
    }
    async renew(controller) {
        if (controller.signal.aborted || !this.lease)
            return;
        const now = this.now();
        let base = this.lease;
        for (let attempt = 1; attempt <= 2; attempt++) {
            try {
                this.requests++;
                const written = await this.api.replaceNamespacedLease({
                    name: this.name,
                    namespace: this.namespace,
                    body: this.renewed(base, now),
                    fieldManager: this.fieldManager,
                });
                // release() may have run meanwhile: only a lease we still hold is remembered.
                if (this.lease && this.controller === controller)
                    this.lease = written;
                this.lastRenewed = now.getTime();
                return;
            }
            catch (error) {
                if (controller.signal.aborted || this.controller !== controller)
                    return;
                if (error instanceof dist/* ApiException */.UJ4 && error.code === 404)
                    return this.lost(controller, `${this.where} was deleted while this run held it`);
                if (error instanceof dist/* ApiException */.UJ4 && error.code === 409) {
                    const current = await this.get().catch(() => undefined);
                    if (current && current.spec?.holderIdentity === this.identity) {
                        base = current; // changed by something else (labels?), still ours: renew on top of it
                        continue;
                    }
                    const holder = current ? leaseHolder(current, this.leaseDurationSeconds) : undefined;
                    return this.lost(controller, current
                        ? `lost the lock ${this.where}: it is now held by ${holder?.identity ?? 'nobody'}`
                        : `${this.where} was deleted while this run held it`, holder);
                }
                const since = (now.getTime() - this.lastRenewed) / 1000;
                if (since >= this.leaseDurationSeconds)
                    return this.lost(controller, `could not renew ${this.where} for ${Math.round(since)} s (${describeApiError(error)}): it has expired and another run may take it`);
                this.options.onWarning?.(`renewing ${this.where} failed, retrying: ${describeApiError(error)}`);
                return;
            }
        }
    }
    lost(controller, message, holder) {
        this.stop();
        this.lease = undefined;
        this.options.onWarning?.(message);
        controller.abort(new LockLostError(message, holder));
    }
    async get() {
        try {
            this.requests++;
            return await this.api.readNamespacedLease({ name: this.name, namespace: this.namespace });
        }
        catch (error) {
            if (error instanceof dist/* ApiException */.UJ4 && error.code === 404)
                return undefined;
            throw new Error(`cannot read ${this.where}: ${describeApiError(error)}`, { cause: error });
        }
    }
    fresh(now) {
        return {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: { name: this.name, namespace: this.namespace, labels: dialLabels(this.service) },
            spec: {
                holderIdentity: this.identity,
                leaseDurationSeconds: this.leaseDurationSeconds,
                acquireTime: new dist/* V1MicroTime */.Nun(now.getTime()),
                renewTime: new dist/* V1MicroTime */.Nun(now.getTime()),
                leaseTransitions: 0,
            },
        };
    }
    /** `current` taken over (or re-taken) by us, as a replace body naming the version we read. */
    taken(current, now, previous) {
        const mine = previous?.identity === this.identity;
        const acquired = mine ? toDate(current.spec?.acquireTime) : undefined;
        const transitions = current.spec?.leaseTransitions ?? 0;
        return {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: this.metadataOf(current),
            spec: {
                holderIdentity: this.identity,
                leaseDurationSeconds: this.leaseDurationSeconds,
                acquireTime: new dist/* V1MicroTime */.Nun((acquired ?? now).getTime()),
                renewTime: new dist/* V1MicroTime */.Nun(now.getTime()),
                // A change of holder counts; a free (released) lease taken again counts too.
                leaseTransitions: mine ? transitions : previous ? transitions + 1 : transitions,
            },
        };
    }
    renewed(base, now) {
        return {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: this.metadataOf(base),
            spec: {
                ...base.spec,
                holderIdentity: this.identity,
                leaseDurationSeconds: this.leaseDurationSeconds,
                acquireTime: new dist/* V1MicroTime */.Nun((toDate(base.spec?.acquireTime) ?? now).getTime()),
                renewTime: new dist/* V1MicroTime */.Nun(now.getTime()),
            },
        };
    }
    /** What a replace sends back: identity, labels and the version read; never managedFields. */
    metadataOf(lease) {
        const meta = lease.metadata ?? {};
        return {
            name: this.name,
            namespace: this.namespace,
            labels: { ...meta.labels, ...dialLabels(this.service) },
            ...(meta.annotations ? { annotations: meta.annotations } : {}),
            ...(meta.uid ? { uid: meta.uid } : {}),
            ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
        };
    }
}
/**
 * client-node 2.0.1 sends V1MicroTime (a Date whose JSON has microseconds) but does not deserialize it:
 * times read back are RFC 3339 strings. Both are accepted here.
 */
function toDate(value) {
    if (value instanceof Date)
        return Number.isNaN(value.getTime()) ? undefined : value;
    if (typeof value === 'string' && value !== '') {
        const date = new Date(value);
        return Number.isNaN(date.getTime()) ? undefined : date;
    }
    return undefined;
}
/** The holder a Lease names, or undefined when it names none (released). */
function leaseHolder(lease, defaultSeconds = DEFAULT_LEASE_SECONDS) {
    const spec = lease.spec;
    if (!spec?.holderIdentity)
        return undefined;
    const acquired = toDate(spec.acquireTime);
    const renewed = toDate(spec.renewTime) ?? acquired;
    const seconds = spec.leaseDurationSeconds ?? defaultSeconds;
    const iso = (date) => (date ? date.toISOString() : new Date(0).toISOString());
    return {
        identity: spec.holderIdentity,
        acquiredAt: iso(acquired ?? renewed),
        renewedAt: iso(renewed),
        // A lease without times has never been renewed: it counts as expired.
        expiresAt: iso(renewed ? new Date(renewed.getTime() + seconds * 1000) : undefined),
    };
}
/** Why `me` may take a lease held by `holder` at `now`, or undefined when it may not. */
function takeoverReason(holder, me, now, force) {
    if (holder === undefined)
        return 'released';
    if (holder.identity === me)
        return 'same identity';
    if (new Date(holder.expiresAt).getTime() < now.getTime())
        return 'expired';
    if (sameRun(holder.identity, me))
        return 'same run';
    if (force)
        return 'forced';
    return undefined;
}
/** `in 47 s`, `in 3 min`. */
function inHowLong(from, to) {
    const seconds = Math.max(0, Math.ceil((to.getTime() - from.getTime()) / 1000));
    return seconds < 120 ? `in ${seconds} s` : `in ${Math.round(seconds / 60)} min`;
}
/** The refusal: who holds the lock, since when, when it expires, and how to break it. */
function lockHeldMessage(holder, where, service, now, serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com') {
    const parsed = parseIdentity(holder.identity);
    const run = parsed.kind === 'actions'
        ? ` (workflow run ${serverUrl}/${parsed.repository}/actions/runs/${parsed.runId}, attempt ${parsed.attempt})`
        : '';
    return (`another rollout of ${service} is in progress: ${where} is held by ${holder.identity}${run} since ${holder.acquiredAt}, ` +
        `last renewed ${holder.renewedAt}; it expires at ${holder.expiresAt} (${inHowLong(now, new Date(holder.expiresAt))}) unless renewed. ` +
        'Wait for it, or rerun with --break-lock (CLI) or break-lock: true (action) if that run is gone.');
}

;// CONCATENATED MODULE: ./src/traffic/objects.ts

/** Where Dial keeps the user's routing as it was before the rollout (JSON), to give it back exactly. */
const ORIGINAL_ANNOTATION = 'dial.dev/original-backends';
/** The canary weight Dial last wrote, to tell drift someone else made from what Dial did. */
const WEIGHT_ANNOTATION = 'dial.dev/weight';
const isJson = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The value as an object, or an empty one. */
const obj = (value) => (isJson(value) ? value : {});
/** The value as a list of objects (anything else is dropped), or an empty list. */
const objs = (value) => (Array.isArray(value) ? value.filter(isJson) : []);
const str = (value) => (typeof value === 'string' ? value : undefined);
const num = (value) => typeof value === 'number' && Number.isFinite(value) ? value : undefined;
/** A deep copy of plain data. */
const copy = (value) => JSON.parse(JSON.stringify(value));
/** Plain data as canonical JSON: object keys sorted (lists keep their order). */
function canonical(value) {
    return JSON.stringify(value, (_key, v) => isJson(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v);
}
/** Equal as data, whatever the order of object keys. */
const same = (a, b) => canonical(a) === canonical(b);
const isManagedByDial = (object) => object?.metadata?.labels?.['app.kubernetes.io/managed-by'] === MANAGED_BY['app.kubernetes.io/managed-by'];
function annotation(object, key) {
    return object?.metadata?.annotations?.[key];
}
/** A JSON annotation, or undefined when absent or not JSON. */
function jsonAnnotation(object, key) {
    const text = annotation(object, key);
    if (text === undefined)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** The weight annotation as a number. */
function writtenWeight(object) {
    const text = annotation(object, WEIGHT_ANNOTATION);
    const value = text === undefined ? NaN : Number(text);
    return Number.isFinite(value) ? value : undefined;
}
const objects_describeRef = (ref) => `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
/** How often a conditional patch is retried when someone else writes the object meanwhile. */
const ATTEMPTS = 5;
/**
 * Changes an object someone else owns: reads it, asks `change` for the merge patch of Dial's fields
 * (undefined = nothing to change), and sends it conditional on the version read; when the object
 * changed meanwhile, reads it again and recomputes. Returns the object as stored afterwards.
 */
async function updateObject(cluster, ref, change) {
    for (let attempt = 1;; attempt++) {
        const current = await cluster.get(ref);
        if (!current)
            throw new Error(`${objects_describeRef(ref)} does not exist`);
        const patch = change(current);
        if (!patch)
            return current;
        const conditional = {
            ...patch,
            metadata: { ...obj(patch.metadata), resourceVersion: current.metadata?.resourceVersion },
        };
        const stored = await cluster.patch(ref, conditional);
        if (stored)
            return stored;
        if (attempt >= ATTEMPTS)
            throw new Error(`${objects_describeRef(ref)}: changed by someone else ${ATTEMPTS} times while Dial updated it`);
    }
}
/**
 * The annotations part of a merge patch: `set` values written, `remove` keys deleted (null), only
 * where that changes something.
 */
function annotationPatch(current, set, remove = []) {
    const have = current.metadata?.annotations ?? {};
    const out = {};
    for (const [k, v] of Object.entries(set))
        if (have[k] !== v)
            out[k] = v;
    for (const k of remove)
        if (k in have)
            out[k] = null;
    return Object.keys(out).length > 0 ? out : undefined;
}
/**
 * Whether `host` (a Service name as a route writes it: `web`, `web.shop`, `web.shop.svc`,
 * `web.shop.svc.cluster.local`) names Service `service` in `namespace`.
 */
function hostNamesService(host, service, namespace) {
    if (host === service)
        return true;
    const [name, ns, svc] = host.split('.');
    return name === service && ns === namespace && (svc === undefined || svc === 'svc');
}
/** `host` with its Service name replaced (`web.shop.svc.cluster.local` → `web-canary.shop.svc.cluster.local`). */
function withServiceName(host, name) {
    const dot = host.indexOf('.');
    return dot < 0 ? name : `${name}${host.slice(dot)}`;
}
/**
 * The first of `known` (newest first) the cluster serves of API group `group`; throws, naming what is
 * served, when none is.
 */
async function servedVersion(cluster, group, known) {
    const served = await cluster.apiVersions(group);
    const version = known.find((v) => served.includes(v));
    if (version)
        return `${group}/${version}`;
    throw new Error(served.length === 0
        ? `the cluster does not serve API group ${group} (its CRDs are not installed)`
        : `the cluster serves ${group} ${served.join(', ')}; Dial knows ${known.join(', ')}`);
}

;// CONCATENATED MODULE: ./src/traffic/rules.ts
// The rule rewriting the Gateway API and Istio routers share. A route object has an ordered list of
// rules (HTTPRoute `spec.rules`, VirtualService `spec.http`), each with a list of weighted backends
// (`backendRefs`, `route`). Dial changes only the rules that send requests to the user's Service: that
// backend becomes three (stable, canary, baseline); a header route is a copy of such a rule placed
// before it, with one more header match and only the canary behind it. The backends of every rule Dial
// changed are kept (in order) so that finalize gives them back exactly.

const TRACKS = ['stable', 'canary', 'baseline'];
/** Names of the rules Dial adds for a header route: `dial-header-<n>`. */
const HEADER_RULE_PREFIX = 'dial-header-';
const isHeaderRule = (rule) => str(rule.name)?.startsWith(HEADER_RULE_PREFIX) === true;
function parseRuleState(raw) {
    if (!isJson(raw) || typeof raw.service !== 'string')
        return undefined;
    return { service: raw.service, rules: objs(raw.rules).map((r) => ({ backends: objs(r.backends) })) };
}
const hasTrack = (model, rule) => model.entries(rule).some((e) => model.trackOf(e) !== undefined);
const hasUser = (model, rule) => model.entries(rule).some((e) => model.isUser(e));
/**
 * The rules with the tracks weighted as `shares` asks, and the state to keep. `header`: undefined keeps
 * Dial's header rules, null removes them, a match replaces them (one before every rule Dial weights).
 */
function weightRules(rules, prior, model, shares, header) {
    const state = { service: model.service, rules: copy(prior?.rules ?? []) };
    const out = [];
    let n = 0;
    for (const rule of rules) {
        if (isHeaderRule(rule)) {
            if (header === undefined)
                out.push(rule);
            continue;
        }
        const tracked = hasTrack(model, rule);
        if (!tracked && !hasUser(model, rule)) {
            out.push(rule);
            continue;
        }
        const current = model.entries(rule);
        // A rule still routing to the user's Service (the first time, or someone put it back): its
        // backends as they are now are the ones to give back.
        if (!tracked)
            state.rules[n] = { backends: copy(current) };
        state.rules[n] ??= { backends: model.fold(current) };
        const weighted = model.withEntries(rule, model.weighted(copy(state.rules[n].backends), shares));
        if (header) {
            const canary = model.entries(weighted).find((e) => model.trackOf(e) === 'canary');
            if (canary)
                out.push(model.headerRule(weighted, n, header, canary));
        }
        out.push(weighted);
        n++;
    }
    if (n === 0)
        throw new Error(`no rule routes to Service ${model.service}`);
    return { rules: out, state };
}
/** The rules as they were: Dial's header rules gone, the original backends back. */
function restoreRules(rules, prior, model) {
    const out = [];
    let n = 0;
    for (const rule of rules) {
        if (isHeaderRule(rule))
            continue;
        const tracked = hasTrack(model, rule);
        if (!tracked && !hasUser(model, rule)) {
            out.push(rule);
            continue;
        }
        out.push(tracked
            ? model.withEntries(rule, copy(prior?.rules[n]?.backends ?? model.fold(model.entries(rule))))
            : rule);
        n++;
    }
    return out;
}
/** Track weights per rule Dial weights (in the route's units), and the weight of other backends beside. */
function trackWeights(rules, model) {
    const out = [];
    for (const rule of rules) {
        if (isHeaderRule(rule) || !hasTrack(model, rule))
            continue;
        const weights = { stable: 0, canary: 0, baseline: 0 };
        let others = 0;
        const entries = model.entries(rule);
        for (const e of entries) {
            const t = model.trackOf(e);
            if (t)
                weights[t] += model.weightOf(e, entries);
            else
                others += model.weightOf(e, entries);
        }
        out.push({ weights, others });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/traffic/track-services.ts



const TRACK_SERVICES = [
    'stable',
    'canary',
    'baseline',
    'canary-and-baseline',
];
const HASH_LABEL = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';
const SERVICE = { apiVersion: 'v1', kind: 'Service' };
function trackServiceName(userService, track) {
    return `${userService}-${track}`;
}
async function readService(cluster, namespace, name) {
    const found = await cluster.get({ ...SERVICE, namespace, name });
    return found;
}
/**
 * The stable pods' `pod-template-hash`: that of the ReplicaSet the Deployment owns whose revision is the
 * Deployment's own (the Deployment controller writes both).
 */
async function stablePodTemplateHash(cluster, namespace, workload) {
    const deployment = await cluster.getDeployment(namespace, workload);
    if (!deployment)
        throw new Error(`Deployment ${namespace}/${workload} (the stable workload) does not exist`);
    const revision = deployment.metadata?.annotations?.[REVISION];
    const selector = Object.entries(deployment.spec?.selector?.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
    const sets = await cluster.list({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        namespace,
        ...(selector ? { labelSelector: selector } : {}),
    });
    const uid = deployment.metadata?.uid;
    const current = sets.find((rs) => revision !== undefined &&
        rs.metadata?.annotations?.[REVISION] === revision &&
        (rs.metadata.ownerReferences ?? []).some((o) => o.kind === 'Deployment' && o.uid === uid));
    const hash = current?.metadata?.labels?.[HASH_LABEL];
    if (!hash)
        throw new Error(`Deployment ${namespace}/${workload}: no ReplicaSet of its revision ${revision ?? '(none yet)'} with a ${HASH_LABEL} label; the Deployment controller has not caught up`);
    return hash;
}
/** The labels a Service's selector needs on a pod. */
function selects(selector, labels) {
    const entries = Object.entries(selector ?? {});
    return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}
/**
 * The user's Service among those the route object names: the one named like dial.yaml's service, else
 * the only one whose selector matches the stable Deployment's pods.
 */
async function resolveUserService(cluster, target, candidates, what) {
    const names = [...new Set(candidates)];
    if (names.includes(target.service))
        return target.service;
    if (names.length === 0)
        throw new Error(`${what} routes to no Service in namespace ${target.namespace}`);
    const deployment = await cluster.getDeployment(target.namespace, target.workload);
    const labels = deployment?.spec?.template?.metadata?.labels ?? {};
    const matching = [];
    for (const name of names) {
        const service = await readService(cluster, target.namespace, name);
        if (selects(service?.spec?.selector, labels))
            matching.push(name);
    }
    if (matching.length === 1)
        return matching[0];
    throw new Error(`${what} routes to Services ${names.join(', ')}; ${matching.length === 0 ? 'none of them selects' : `${matching.join(' and ')} all select`} the pods of Deployment ${target.namespace}/${target.workload}: name the service in dial.yaml after the one Dial shifts`);
}
function ports(user) {
    return (user.spec?.ports ?? []).map((p) => ({
        ...(p.name !== undefined ? { name: p.name } : {}),
        port: p.port,
        ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
        ...(p.protocol !== undefined ? { protocol: p.protocol } : {}),
        ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
    }));
}
/** The per-track Service for `track` next to the user's Service. `hash`: the stable's pod-template-hash. */
function trackService(user, track, target, hash) {
    const userName = user.metadata?.name ?? '';
    const base = { ...(user.spec?.selector ?? {}) };
    const selector = track === 'stable'
        ? { ...base, [HASH_LABEL]: hash ?? '' }
        : track === 'canary-and-baseline'
            ? { ...base, [COMPARED_LABEL]: 'true' }
            : { ...base, [TRACK_LABEL]: track };
    const service = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
            name: trackServiceName(userName, track),
            namespace: target.namespace,
            labels: { ...MANAGED_BY, [SERVICE_LABEL]: target.service, [TRACK_LABEL]: track },
        },
        spec: { type: 'ClusterIP', selector, ports: ports(user) },
    };
    return service;
}
/** Makes and removes the per-track Services of one user Service. */
class TrackServices {
    cluster;
    target;
    constructor(cluster, target) {
        this.cluster = cluster;
        this.target = target;
    }
    async user(name) {
        const service = await readService(this.cluster, this.target.namespace, name);
        if (!service)
            throw new Error(`Service ${this.target.namespace}/${name} (the route's backend) does not exist`);
        if (!service.spec?.selector || Object.keys(service.spec.selector).length === 0)
            throw new Error(`Service ${this.target.namespace}/${name} has no selector: Dial's per-track Services select pods by the user's selector`);
        return service;
    }
    /**
     * Creates or updates the track Services (server-side apply; the stable's selector follows the stable's
     * current pod-template-hash). Refuses to take over a Service of that name Dial did not make.
     */
    async ensure(userService, tracks) {
        const user = await this.user(userService);
        const hash = tracks.includes('stable')
            ? await stablePodTemplateHash(this.cluster, this.target.namespace, this.target.workload)
            : undefined;
        const objects = [];
        for (const track of tracks) {
            const name = trackServiceName(userService, track);
            if (name.length > 63)
                throw new Error(`Service name ${name} is longer than 63 characters: shorten Service ${userService}`);
            const existing = await this.cluster.get({ ...SERVICE, namespace: this.target.namespace, name });
            if (existing && !isManagedByDial(existing))
                throw new Error(`Service ${this.target.namespace}/${name} exists and is not Dial's (no label app.kubernetes.io/managed-by=dial); Dial needs that name for the ${track} track`);
            const wanted = trackService(user, track, this.target, hash);
            if (existing && sameService(existing, wanted))
                continue;
            objects.push(wanted);
        }
        if (objects.length > 0)
            await this.cluster.apply(objects);
    }
    /** Deletes every track Service of `userService` that Dial made. Safe to call again. */
    async remove(userService) {
        for (const track of TRACK_SERVICES) {
            const ref = {
                ...SERVICE,
                namespace: this.target.namespace,
                name: trackServiceName(userService, track),
            };
            const existing = await this.cluster.get(ref);
            if (existing && isManagedByDial(existing))
                await this.cluster.delete({ ...ref, namespace: this.target.namespace });
        }
    }
}
/** Whether a stored Service already has what Dial would apply (selector, ports, labels). */
function sameService(existing, wanted) {
    const a = existing;
    const b = wanted;
    const portKey = (p) => `${p.name ?? ''}/${p.port}/${String(p.targetPort ?? p.port)}/${p.protocol ?? 'TCP'}/${p.appProtocol ?? ''}`;
    const labelsOk = Object.entries(b.metadata?.labels ?? {}).every(([k, v]) => a.metadata?.labels?.[k] === v);
    return (labelsOk &&
        sameMap(a.spec?.selector, b.spec?.selector) &&
        (a.spec?.ports ?? []).map(portKey).join(',') === (b.spec?.ports ?? []).map(portKey).join(','));
}
function sameMap(a, b) {
    const sorted = (m) => JSON.stringify(Object.entries(m ?? {}).sort());
    return sorted(a) === sorted(b);
}

;// CONCATENATED MODULE: ./src/traffic/router.ts
// The Router seam: how a canary gets its share of traffic. One implementation per router (replica
// ratio here; Gateway API, Istio, SMI, ingress-nginx and Emissary beside it), all driven the same way by
// the rollout engine: it scales the tracks as `replicaPlan` says, then sets and reads back the weight.
/** Percent, rounded to one decimal for display and records. */
function percent(part, whole) {
    return whole <= 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

;// CONCATENATED MODULE: ./src/traffic/weights.ts
// Weights as the mesh and gateway routers write them: the canary and the baseline get the same share,
// the stable the rest, and the numbers always add up to the router's total. Pure arithmetic, shared by
// every router that splits by request rather than by pod.

/**
 * Pods per track when a router splits requests by weight: the stable keeps its size (it still takes
 * most requests), canary and baseline get the same number, enough for their share of the stable's
 * load: max(1, ceil(stable × weight / 100)), none at weight 0.
 */
function weightedReplicaPlan(weight, stableReplicas) {
    const stable = Math.max(0, stableReplicas);
    if (weight <= 0)
        return { stable, baseline: 0, canary: 0 };
    const arm = Math.max(1, Math.ceil((stable * Math.min(weight, 100)) / 100));
    return { stable, baseline: arm, canary: arm };
}
/** canary w %, baseline w %, stable 100 − 2w %; above 50 % the canary and the baseline stop at 50 % each. */
function trackShares(weight) {
    const asked = Math.min(100, Math.max(0, Math.round(weight)));
    const arm = Math.min(asked, 50);
    return { canary: arm, baseline: arm, stable: 100 - 2 * arm, asked, capped: asked > 50 };
}
/** Why a reading differs from what was asked, when it is capped. */
function cappedNote(shares) {
    return shares.capped
        ? `canary weight ${shares.asked} % capped at ${shares.canary} %: the baseline gets as much as the canary, the stable the rest (${shares.stable} %)`
        : undefined;
}
/**
 * A share of `total` (an integer weight a user's backend had) split into the tracks so that the parts
 * add up to exactly `total`, canary = baseline (both rounded down, the stable takes the remainder).
 * For routers whose weights must keep summing to a fixed total (Istio: 100).
 */
function splitFixed(total, shares) {
    const arm = Math.floor((total * shares.canary) / 100);
    return { stable: total - 2 * arm, canary: arm, baseline: arm };
}
/**
 * Relative weights (Gateway API, SMI): the user's backend of weight `userWeight` next to others. Returns
 * the smallest factor all weights are multiplied by so that the tracks' parts are whole numbers in the
 * exact proportion asked, and the parts (already multiplied).
 */
function splitRelative(userWeight, shares) {
    for (const factor of [1, 2, 4, 5, 10, 20, 25, 50, 100]) {
        const whole = userWeight * factor;
        if ((whole * shares.canary) % 100 === 0) {
            const arm = (whole * shares.canary) / 100;
            return { factor, stable: whole - 2 * arm, canary: arm, baseline: arm };
        }
    }
    // Unreachable: factor 100 always divides.
    const arm = userWeight * shares.canary;
    return { factor: 100, stable: userWeight * 100 - 2 * arm, canary: arm, baseline: arm };
}
/** The reading in percent of what the three tracks get together. */
function readingOf(weights, notes = []) {
    const all = weights.stable + weights.canary + weights.baseline;
    const reading = {
        canary: percent(weights.canary, all),
        baseline: percent(weights.baseline, all),
        stable: all <= 0 ? 0 : percent(weights.stable, all),
    };
    const note = notes.filter((n) => n !== undefined && n !== '').join('; ');
    return note ? { ...reading, note } : reading;
}
/**
 * A note when the weights read back are not those Dial last wrote for `written` (someone else changed
 * the object since), undefined when they are.
 */
function driftNote(reading, written, what) {
    if (written === undefined)
        return undefined;
    const expected = trackShares(written);
    const same = Math.abs(reading.canary - expected.canary) < 0.05 &&
        Math.abs(reading.baseline - expected.baseline) < 0.05 &&
        Math.abs(reading.stable - expected.stable) < 0.05;
    return same
        ? undefined
        : `drift: ${what} has canary ${reading.canary} %, baseline ${reading.baseline} %, stable ${reading.stable} % but Dial last wrote ${expected.canary} / ${expected.baseline} / ${expected.stable} % (weight ${written}); someone else changed it`;
}

;// CONCATENATED MODULE: ./src/traffic/emissary.ts





const GROUP = 'getambassador.io';
/** `[scheme://]name[.namespace[.svc...]][:port]`, as a Mapping's `service` names a Kubernetes Service. */
function parseMappingService(value, namespace) {
    const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)?([^:/]+)(.*)$/.exec(value.trim());
    if (!m)
        return undefined;
    const [, scheme = '', host = '', rest = ''] = m;
    const [name = '', ns, svc] = host.split('.');
    if (ns !== undefined && (ns !== namespace || (svc !== undefined && svc !== 'svc')))
        return undefined;
    const tail = host.slice(name.length);
    return { name, format: (other) => `${scheme}${other}${tail}${rest}` };
}
class EmissaryRouter {
    cluster;
    target;
    type = 'emissary';
    services;
    name;
    apiVersion;
    constructor(cluster, target) {
        this.cluster = cluster;
        this.target = target;
        this.services = new TrackServices(cluster, target);
        this.name = target.config.mapping ?? target.service;
    }
    replicaPlan(weight, stableReplicas) {
        return weightedReplicaPlan(weight, stableReplicas);
    }
    async ref(name) {
        this.apiVersion ??= servedVersion(this.cluster, GROUP, ['v3alpha1']).catch((err) => {
            this.apiVersion = undefined; // asked again next time (a CRD installed meanwhile)
            throw err;
        });
        return { apiVersion: await this.apiVersion, kind: 'Mapping', namespace: this.target.namespace, name };
    }
    trackRef(track) {
        return this.ref(`${this.name}-${track}`);
    }
    /** The user's Mapping and the Service it names. */
    async user() {
        const ref = await this.ref(this.name);
        const mapping = await this.cluster.get(ref);
        if (!mapping)
            throw new Error(`${objects_describeRef(ref)} does not exist: router.mapping in dial.yaml names the Mapping Dial shifts (default: the service name)`);
        const spec = obj(mapping.spec);
        if (num(spec.weight) !== undefined)
            throw new Error(`${objects_describeRef(ref)} has a weight (${String(spec.weight)}): Dial's track Mappings take the whole group, so the user's Mapping must be unweighted`);
        const service = str(spec.service) ?? '';
        const parsed = parseMappingService(service, this.target.namespace);
        if (!parsed)
            throw new Error(`${objects_describeRef(ref)}: service "${service}" is not a Service in namespace ${this.target.namespace}`);
        return { mapping, spec, service: parsed.name, format: parsed.format };
    }
    /** A copy of the user's Mapping for one track (or the header route). */
    copyOf(user, ref, service, extra, annotations = {}) {
        const { weight: _weight, stats_name: stats, ...spec } = copy(user.spec);
        const suffix = ref.name.slice(this.name.length);
        return {
            apiVersion: ref.apiVersion,
            kind: 'Mapping',
            metadata: {
                name: ref.name,
                namespace: this.target.namespace,
                // The user's labels too: Emissary may watch only Mappings with certain labels.
                labels: {
                    ...(user.mapping.metadata?.labels ?? {}),
                    ...MANAGED_BY,
                    [SERVICE_LABEL]: this.target.service,
                },
                ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
            },
            spec: {
                ...spec,
                // Own stats per track when the user named theirs (else Envoy's are per cluster, i.e. per Service).
                ...(typeof stats === 'string' ? { stats_name: `${stats}${suffix}` } : {}),
                service: user.format(service),
                ...extra,
            },
        };
    }
    /** The track Mappings' weights as stored (undefined = the Mapping does not exist). */
    async current() {
        const out = {};
        for (const track of TRACKS) {
            const mapping = await this.cluster.get(await this.trackRef(track));
            if (mapping && !isManagedByDial(mapping))
                throw new Error(`Mapping ${this.target.namespace}/${mapping.metadata?.name} exists and is not Dial's`);
            out[track] = { mapping, weight: num(obj(mapping?.spec).weight) ?? 0 };
        }
        return out;
    }
    async write(weight) {
        const shares = trackShares(weight);
        const user = await this.user();
        await this.services.ensure(user.service, ['stable', 'canary', 'baseline']);
        const now = await this.current();
        const wanted = {};
        for (const track of TRACKS)
            wanted[track] = this.copyOf(user, await this.trackRef(track), trackServiceName(user.service, track), { weight: shares[track] }, track === 'stable' ? { [WEIGHT_ANNOTATION]: String(shares.asked) } : {});
        // Shrinking shares first, so that the group never adds up to more than 100.
        const order = [...TRACKS].sort((a, b) => shares[a] - now[a].weight - (shares[b] - now[b].weight));
        for (const track of order) {
            const have = now[track].mapping;
            if (have &&
                same(obj(have.spec), obj(wanted[track].spec)) &&
                sameAnnotations(have, wanted[track]))
                continue;
            await this.cluster.apply([wanted[track]]);
        }
        return { stable: shares.stable, canary: shares.canary, baseline: shares.baseline };
    }
    async setWeight(weight) {
        await this.write(weight);
        const reading = await this.readWeight();
        const note = cappedNote(trackShares(weight));
        return note ? { ...reading, note: reading.note ? `${note}; ${reading.note}` : note } : reading;
    }
    async readWeight() {
        const now = await this.current();
        const weights = {
            stable: now.stable.weight,
            canary: now.canary.weight,
            baseline: now.baseline.weight,
        };
        const sum = weights.stable + weights.canary + weights.baseline;
        const missing = TRACKS.filter((t) => !now[t].mapping);
        if (missing.length === TRACKS.length)
            return readingOf({ stable: 1, canary: 0, baseline: 0 }, [
                `no track Mappings: Mapping ${this.target.namespace}/${this.name} sends every request to its Service`,
            ]);
        // What the three leave goes to the user's Mapping (every pod of the user's Service).
        const rest = Math.max(0, 100 - sum);
        const reading = readingOf({ ...weights, stable: weights.stable + rest });
        return readingOf({ ...weights, stable: weights.stable + rest }, [
            rest > 0 ? `${rest} % still go to Mapping ${this.name} (the user's Service: every pod)` : undefined,
            missing.length > 0
                ? `missing track Mappings: ${missing.map((t) => `${this.name}-${t}`).join(', ')}`
                : undefined,
            sum > 100
                ? `the track Mappings' weights add up to ${sum} (more than 100: Emissary refuses the group)`
                : undefined,
            driftNote(reading, writtenWeight(now.stable.mapping), `the Mappings of ${this.name}`),
        ]);
    }
    async setHeaderRoute(match) {
        const user = await this.user();
        await this.services.ensure(user.service, ['stable', 'canary', 'baseline']);
        const ref = await this.trackRef('header');
        const existing = await this.cluster.get(ref);
        if (existing && !isManagedByDial(existing))
            throw new Error(`${objects_describeRef(ref)} exists and is not Dial's`);
        await this.cluster.apply([
            this.copyOf(user, ref, trackServiceName(user.service, 'canary'), {
                headers: { ...obj(user.spec.headers), [match.name.toLowerCase()]: match.value },
                precedence: (num(user.spec.precedence) ?? 0) + 1,
            }),
        ]);
    }
    async removeHeaderRoute() {
        const ref = await this.trackRef('header');
        const existing = await this.cluster.get(ref);
        if (existing && isManagedByDial(existing))
            await this.cluster.delete({ ...ref, namespace: this.target.namespace });
    }
    /** Stable 100 %, canary and baseline 0 %, no header route. */
    async reset() {
        await this.removeHeaderRoute();
        await this.write(0);
    }
    /** The track Mappings deleted (the user's Mapping takes the whole group again), then their Services. */
    async finalize() {
        await this.removeHeaderRoute();
        let service = this.target.service;
        for (const track of ['canary', 'baseline', 'stable']) {
            const ref = await this.trackRef(track);
            const existing = await this.cluster.get(ref);
            if (!existing || !isManagedByDial(existing))
                continue;
            const parsed = parseMappingService(str(obj(existing.spec).service) ?? '', this.target.namespace);
            if (parsed?.name.endsWith(`-${track}`))
                service = parsed.name.slice(0, -`-${track}`.length);
            await this.cluster.delete({ ...ref, namespace: this.target.namespace });
        }
        await this.services.remove(service);
    }
}
function sameAnnotations(have, wanted) {
    return Object.entries(wanted.metadata?.annotations ?? {}).every(([k, v]) => have.metadata?.annotations?.[k] === v);
}

;// CONCATENATED MODULE: ./src/traffic/rule-router.ts



class RuleRouter {
    cluster;
    target;
    /** At most this many rules (HTTPRoute: 16). */
    maxRules = Infinity;
    constructor(cluster, target) {
        this.cluster = cluster;
        this.target = target;
    }
    replicaPlan(weight, stableReplicas) {
        return weightedReplicaPlan(weight, stableReplicas);
    }
    async route() {
        const ref = await this.objectRef();
        const route = await this.cluster.get(ref);
        if (!route)
            throw new Error(`${objects_describeRef(ref)} does not exist: ${this.field} in dial.yaml names the object Dial shifts (default: the service name)`);
        return { ref, route };
    }
    state(route) {
        return parseRuleState(jsonAnnotation(route, ORIGINAL_ANNOTATION));
    }
    async service(ref, route) {
        return this.state(route)?.service ?? (await this.resolve(this.candidates(route), objects_describeRef(ref)));
    }
    /** Writes the weights (and the header rules as `header` says); returns the route as stored. */
    async write(shares, header) {
        const { ref, route: before } = await this.route();
        const model = this.model(await this.service(ref, before));
        await this.prepare(model.service);
        const route = await updateObject(this.cluster, ref, (current) => {
            const { rules, state } = weightRules(this.rulesOf(current), this.state(current), model, shares, header);
            if (rules.length > this.maxRules)
                throw new Error(`${objects_describeRef(ref)} would have ${rules.length} rules with Dial's header rules; at most ${this.maxRules} are allowed`);
            return this.patch(current, rules, {
                [ORIGINAL_ANNOTATION]: JSON.stringify(state),
                [WEIGHT_ANNOTATION]: String(shares.asked),
            });
        });
        return { ref, route, model };
    }
    patch(current, rules, set, remove = []) {
        const annotations = annotationPatch(current, set, remove);
        const rulesChanged = !same(rules, this.rulesOf(current));
        if (!rulesChanged && !annotations)
            return undefined;
        return {
            ...(annotations ? { metadata: { annotations } } : {}),
            ...(rulesChanged ? this.rulesPatch(rules) : {}),
        };
    }
    async setWeight(weight) {
        const shares = trackShares(weight);
        const { ref, route, model } = await this.write(shares, undefined);
        return this.reading(ref, route, model, [cappedNote(shares)]);
    }
    async readWeight() {
        const { ref, route } = await this.route();
        return this.reading(ref, route, this.model(await this.service(ref, route)), []);
    }
    reading(ref, route, model, notes) {
        const rules = trackWeights(this.rulesOf(route), model);
        const written = writtenWeight(route);
        const what = objects_describeRef(ref);
        const first = rules[0];
        if (!first) {
            const reading = readingOf({ stable: 1, canary: 0, baseline: 0 });
            return readingOf({ stable: 1, canary: 0, baseline: 0 }, [
                ...notes,
                `${what} sends requests to Service ${model.service} itself, not to its tracks`,
                written !== undefined && written > 0 ? driftNote(reading, written, what) : undefined,
            ]);
        }
        const reading = readingOf(first.weights);
        const total = first.weights.stable + first.weights.canary + first.weights.baseline;
        return readingOf(first.weights, [
            ...notes,
            first.others > 0
                ? `other backends of the rule keep their share (weight ${first.others} beside the tracks' ${total}); the percentages are of the tracks' part`
                : undefined,
            rules.some((r) => !same(readingOf(r.weights), reading))
                ? `the ${rules.length} rules routing to Service ${model.service} have different weights`
                : undefined,
            driftNote(reading, written, what),
        ]);
    }
    async setHeaderRoute(match) {
        const { route } = await this.route();
        await this.write(trackShares(writtenWeight(route) ?? 0), match);
    }
    /** All requests to the stable track; Dial's header rules removed (the canary is about to go). */
    async reset() {
        await this.write(trackShares(0), null);
    }
    async finalize() {
        const ref = await this.objectRef();
        const route = await this.cluster.get(ref);
        const service = (route ? this.state(route)?.service : undefined) ?? this.target.service;
        if (route) {
            const model = this.model(service);
            await updateObject(this.cluster, ref, (current) => this.patch(current, restoreRules(this.rulesOf(current), this.state(current), model), {}, [
                ORIGINAL_ANNOTATION,
                WEIGHT_ANNOTATION,
            ]));
        }
        await this.cleanup(service);
    }
}

;// CONCATENATED MODULE: ./src/traffic/gateway-api.ts





const gateway_api_GROUP = 'gateway.networking.k8s.io';
const MAX_WEIGHT = 1_000_000;
const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));
const lcm = (a, b) => (a * b) / gcd(a, b);
/** HTTPRoute backendRefs: a Service in the route's namespace by `name`; weight defaults to 1. */
class HttpRouteModel {
    service;
    namespace;
    names;
    constructor(service, namespace) {
        this.service = service;
        this.namespace = namespace;
        this.names = {
            stable: trackServiceName(service, 'stable'),
            canary: trackServiceName(service, 'canary'),
            baseline: trackServiceName(service, 'baseline'),
        };
    }
    refersTo(ref, name) {
        return ((str(ref.group) ?? '') === '' &&
            (str(ref.kind) ?? 'Service') === 'Service' &&
            (str(ref.namespace) ?? this.namespace) === this.namespace &&
            ref.name === name);
    }
    entries(rule) {
        return objs(rule.backendRefs);
    }
    withEntries(rule, entries) {
        return { ...rule, backendRefs: entries };
    }
    isUser(ref) {
        return this.refersTo(ref, this.service);
    }
    trackOf(ref) {
        return TRACKS.find((t) => this.refersTo(ref, this.names[t]));
    }
    weightOf(ref) {
        return num(ref.weight) ?? 1;
    }
    track(ref, track, weight) {
        return { ...copy(ref), name: this.names[track], weight };
    }
    weighted(original, shares) {
        const users = original.filter((r) => this.isUser(r));
        const only = users[0];
        if (only && original.length === 1 && this.weightOf(only) > 0)
            return [
                this.track(only, 'stable', shares.stable),
                this.track(only, 'canary', shares.canary),
                this.track(only, 'baseline', shares.baseline),
            ];
        // Other backends beside: every weight scaled by the one factor that keeps each part whole.
        const factor = users.map((u) => splitRelative(this.weightOf(u), shares).factor).reduce(lcm, 1);
        const out = original.flatMap((r) => {
            if (!this.isUser(r))
                return [{ ...copy(r), weight: this.weightOf(r) * factor }];
            const whole = this.weightOf(r) * factor;
            const arm = (whole * shares.canary) / 100;
            return [
                this.track(r, 'stable', whole - 2 * arm),
                this.track(r, 'canary', arm),
                this.track(r, 'baseline', arm),
            ];
        });
        if (out.some((r) => this.weightOf(r) > MAX_WEIGHT))
            throw new Error(`backend weights × ${factor} would exceed the Gateway API maximum of ${MAX_WEIGHT}`);
        return out;
    }
    fold(current) {
        const stable = current.find((r) => this.trackOf(r) === 'stable') ?? current.find((r) => this.trackOf(r));
        const out = [];
        for (const r of current) {
            if (this.trackOf(r) === undefined)
                out.push(r);
            else if (r === stable) {
                const { weight: _weight, ...rest } = r;
                out.push({ ...rest, name: this.service });
            }
        }
        return out;
    }
    headerRule(rule, n, header, canary) {
        const { name: _name, backendRefs: _refs, matches, ...rest } = rule;
        const list = objs(matches);
        const base = list.length > 0 ? list : [{ path: { type: 'PathPrefix', value: '/' } }];
        const lower = header.name.toLowerCase();
        return {
            ...copy(rest),
            name: `${HEADER_RULE_PREFIX}${n}`,
            matches: base.map((m) => ({
                ...copy(m),
                headers: [
                    ...objs(m.headers).filter((h) => str(h.name)?.toLowerCase() !== lower),
                    { type: 'Exact', name: header.name, value: header.value },
                ],
            })),
            backendRefs: [{ ...copy(canary), weight: 1 }],
        };
    }
}
class GatewayApiRouter extends RuleRouter {
    type = 'gateway-api';
    field = 'router.httpRoute';
    maxRules = 16;
    services;
    constructor(cluster, target) {
        super(cluster, target);
        this.services = new TrackServices(cluster, target);
    }
    apiVersion;
    async objectRef() {
        this.apiVersion ??= servedVersion(this.cluster, gateway_api_GROUP, ['v1', 'v1beta1']).catch((err) => {
            this.apiVersion = undefined; // asked again next time (a CRD installed meanwhile)
            throw err;
        });
        return {
            apiVersion: await this.apiVersion,
            kind: 'HTTPRoute',
            namespace: this.target.namespace,
            name: this.target.config.httpRoute ?? this.target.service,
        };
    }
    rulesOf(route) {
        return objs(obj(route.spec).rules);
    }
    rulesPatch(rules) {
        return { spec: { rules } };
    }
    model(service) {
        return new HttpRouteModel(service, this.target.namespace);
    }
    candidates(route) {
        return this.rulesOf(route)
            .flatMap((rule) => objs(rule.backendRefs))
            .filter((r) => (str(r.group) ?? '') === '' &&
            (str(r.kind) ?? 'Service') === 'Service' &&
            (str(r.namespace) ?? this.target.namespace) === this.target.namespace)
            .map((r) => str(r.name) ?? '');
    }
    resolve(candidates, what) {
        return resolveUserService(this.cluster, this.target, candidates, what);
    }
    prepare(service) {
        return this.services.ensure(service, ['stable', 'canary', 'baseline']);
    }
    cleanup(service) {
        return this.services.remove(service);
    }
}

;// CONCATENATED MODULE: ./src/traffic/ingress-nginx.ts





const INGRESS = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' };
const NGINX = 'nginx.ingress.kubernetes.io';
const CANARY = `${NGINX}/canary`;
const CANARY_WEIGHT = `${NGINX}/canary-weight`;
const CANARY_WEIGHT_TOTAL = `${NGINX}/canary-weight-total`;
const CANARY_BY_HEADER = `${NGINX}/canary-by-header`;
const CANARY_BY_HEADER_VALUE = `${NGINX}/canary-by-header-value`;
/** The user's Service the Ingress routed to before Dial pointed it at <svc>-stable. */
const ORIGINAL_SERVICE_ANNOTATION = 'dial.dev/original-service';
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
/** Every backend of an Ingress (default backend and paths), to read or rename. */
function backends(ingress) {
    const out = [];
    if (ingress.spec?.defaultBackend)
        out.push(ingress.spec.defaultBackend);
    for (const rule of ingress.spec?.rules ?? [])
        for (const p of rule.http?.paths ?? [])
            out.push(p.backend);
    return out;
}
/** The spec parts of `ingress` with every backend naming Service `from` naming `to` instead. */
function renamed(ingress, from, to) {
    const spec = copy(ingress.spec ?? {});
    const rename = (b) => {
        if (b?.service?.name === from)
            b.service.name = to;
    };
    rename(spec.defaultBackend);
    for (const rule of spec.rules ?? [])
        for (const p of rule.http?.paths ?? [])
            rename(p.backend);
    return {
        ...(spec.rules ? { rules: spec.rules } : {}),
        ...(spec.defaultBackend ? { defaultBackend: spec.defaultBackend } : {}),
    };
}
class IngressNginxRouter {
    cluster;
    target;
    type = 'ingress-nginx';
    services;
    ref;
    canaryRef;
    constructor(cluster, target) {
        this.cluster = cluster;
        this.target = target;
        this.services = new TrackServices(cluster, target);
        const name = target.config.ingress ?? target.service;
        this.ref = { ...INGRESS, namespace: target.namespace, name };
        this.canaryRef = { ...INGRESS, namespace: target.namespace, name: `${name}-canary` };
    }
    replicaPlan(weight, stableReplicas) {
        return weightedReplicaPlan(weight, stableReplicas);
    }
    async ingress() {
        const found = await this.cluster.get(this.ref);
        if (!found)
            throw new Error(`${objects_describeRef(this.ref)} does not exist: router.ingress in dial.yaml names the Ingress Dial shifts (default: the service name)`);
        return found;
    }
    async userService(ingress) {
        const recorded = annotation(ingress, ORIGINAL_SERVICE_ANNOTATION);
        if (recorded)
            return recorded;
        const names = backends(ingress)
            .map((b) => b.service?.name)
            .filter((n) => n !== undefined);
        return resolveUserService(this.cluster, this.target, names, objects_describeRef(this.ref));
    }
    /** The canary Ingress: the user's rules that route to `service`, to `backend`. */
    canaryIngress(user, service, backend, weight, header, asked) {
        const rules = [];
        for (const rule of user.spec?.rules ?? []) {
            const paths = (rule.http?.paths ?? [])
                .filter((p) => p.backend.service?.name === service ||
                p.backend.service?.name === trackServiceName(service, 'stable'))
                .map((p) => ({ ...copy(p), backend: { service: { ...copy(p.backend.service), name: backend } } }));
            if (paths.length > 0)
                rules.push({ ...(rule.host ? { host: rule.host } : {}), http: { paths } });
        }
        if (rules.length === 0)
            throw new Error(`${objects_describeRef(this.ref)} has no host and path routing to Service ${service}`);
        const cls = annotation(user, CLASS_ANNOTATION);
        const ingress = {
            apiVersion: 'networking.k8s.io/v1',
            kind: 'Ingress',
            metadata: {
                name: this.canaryRef.name,
                namespace: this.target.namespace,
                labels: { ...MANAGED_BY, [SERVICE_LABEL]: this.target.service },
                annotations: {
                    ...(cls ? { [CLASS_ANNOTATION]: cls } : {}),
                    [CANARY]: 'true',
                    [CANARY_WEIGHT]: String(weight),
                    ...(header ? { [CANARY_BY_HEADER]: header.name, [CANARY_BY_HEADER_VALUE]: header.value } : {}),
                    [WEIGHT_ANNOTATION]: String(asked),
                },
            },
            spec: {
                ...(user.spec?.ingressClassName ? { ingressClassName: user.spec.ingressClassName } : {}),
                rules,
            },
        };
        return ingress;
    }
    /** Routes `weight` % to the canary (and as much to the baseline); `header` as given, or kept. */
    async write(weight, header) {
        const shares = trackShares(weight);
        const user = await this.ingress();
        const service = await this.userService(user);
        await this.services.ensure(service, ['stable', 'canary', 'canary-and-baseline']);
        const existing = await this.cluster.get(this.canaryRef);
        if (existing && !isManagedByDial(existing))
            throw new Error(`${objects_describeRef(this.canaryRef)} exists and is not Dial's; Dial needs that name for the canary Ingress`);
        const kept = header === undefined && existing && annotation(existing, CANARY_BY_HEADER)
            ? {
                name: annotation(existing, CANARY_BY_HEADER),
                value: annotation(existing, CANARY_BY_HEADER_VALUE) ?? '',
            }
            : undefined;
        const activeHeader = header === null ? undefined : (header ?? kept);
        const arm = shares.canary + shares.baseline;
        const backend = trackServiceName(service, arm > 0 ? 'canary-and-baseline' : 'canary');
        const wanted = this.canaryIngress(user, service, backend, arm, activeHeader, shares.asked);
        if (!existing || !sameCanary(existing, wanted))
            await this.cluster.apply([wanted]);
        // The user's Ingress to the stable pods only (after the canary Ingress exists, so the canary keeps
        // its share throughout).
        const stableName = trackServiceName(service, 'stable');
        await updateObject(this.cluster, this.ref, (current) => {
            const ingress = current;
            const spec = renamed(ingress, service, stableName);
            const annotations = annotationPatch(current, { [ORIGINAL_SERVICE_ANNOTATION]: service });
            const changed = !same(spec.rules, ingress.spec?.rules) || !same(spec.defaultBackend, ingress.spec?.defaultBackend);
            if (!changed && !annotations)
                return undefined;
            return { ...(annotations ? { metadata: { annotations } } : {}), ...(changed ? { spec } : {}) };
        });
        const reading = await this.readWeight();
        const note = cappedNote(shares);
        return note ? { ...reading, note: reading.note ? `${note}; ${reading.note}` : note } : reading;
    }
    setWeight(weight) {
        return this.write(weight, undefined);
    }
    async readWeight() {
        const user = await this.ingress();
        const canary = await this.cluster.get(this.canaryRef);
        const service = await this.userService(user);
        const toStable = backends(user).some((b) => b.service?.name === trackServiceName(service, 'stable'));
        const toUser = backends(user).some((b) => b.service?.name === service);
        if (!canary)
            return readingOf({ stable: 1, canary: 0, baseline: 0 }, [
                `no canary Ingress ${this.canaryRef.name}: ${objects_describeRef(this.ref)} sends every request to Service ${toStable ? trackServiceName(service, 'stable') : service}`,
            ]);
        const total = Number(annotation(canary, CANARY_WEIGHT_TOTAL) ?? 100) || 100;
        const weight = Math.min(total, Math.max(0, Number(annotation(canary, CANARY_WEIGHT) ?? 0) || 0));
        const backend = canary.spec?.rules?.[0]?.http?.paths?.[0]?.backend.service?.name;
        const both = backend === trackServiceName(service, 'canary-and-baseline');
        const arm = percent(weight, total);
        const weights = both
            ? { stable: 100 - arm, canary: arm / 2, baseline: arm / 2 }
            : { stable: 100 - arm, canary: arm, baseline: 0 };
        const header = annotation(canary, CANARY_BY_HEADER);
        const value = annotation(canary, CANARY_BY_HEADER_VALUE);
        return readingOf(weights, [
            both && arm > 0
                ? `canary and baseline share the canary Ingress's ${arm} % by pods (as many of each)`
                : undefined,
            header
                ? `requests with header ${header}${value ? `: ${value}` : ''} go to ${both ? 'canary and baseline alike (one backend per canary Ingress)' : 'the canary'}`
                : undefined,
            toUser
                ? `${objects_describeRef(this.ref)} still sends its share to Service ${service}, whose pods include the canary's and the baseline's`
                : undefined,
            driftNote(readingOf(weights), writtenWeight(canary), `canary Ingress ${this.canaryRef.name}`),
        ]);
    }
    async setHeaderRoute(match) {
        const canary = await this.cluster.get(this.canaryRef);
        await this.write(writtenWeight(canary) ?? 0, match);
    }
    /** canary-weight 0 and no header: every request through the user's Ingress to the stable pods. */
    async reset() {
        await this.write(0, null);
    }
    async finalize() {
        const user = (await this.cluster.get(this.ref));
        const service = user
            ? (annotation(user, ORIGINAL_SERVICE_ANNOTATION) ?? this.target.service)
            : this.target.service;
        if (user)
            await updateObject(this.cluster, this.ref, (current) => {
                const ingress = current;
                const recorded = annotation(current, ORIGINAL_SERVICE_ANNOTATION) ?? service;
                const spec = renamed(ingress, trackServiceName(recorded, 'stable'), recorded);
                const annotations = annotationPatch(current, {}, [ORIGINAL_SERVICE_ANNOTATION]);
                const changed = !same(spec.rules, ingress.spec?.rules) || !same(spec.defaultBackend, ingress.spec?.defaultBackend);
                if (!changed && !annotations)
                    return undefined;
                return { ...(annotations ? { metadata: { annotations } } : {}), ...(changed ? { spec } : {}) };
            });
        const canary = await this.cluster.get(this.canaryRef);
        if (canary && isManagedByDial(canary))
            await this.cluster.delete({ ...this.canaryRef, namespace: this.target.namespace });
        await this.services.remove(service);
    }
}
/** Whether the stored canary Ingress already is what Dial would apply. */
function sameCanary(existing, wanted) {
    const a = existing;
    const b = wanted;
    const annotations = Object.entries(b.metadata?.annotations ?? {}).every(([k, v]) => a.metadata?.annotations?.[k] === v);
    const extra = [CANARY_BY_HEADER, CANARY_BY_HEADER_VALUE].some((k) => a.metadata?.annotations?.[k] !== undefined && b.metadata?.annotations?.[k] === undefined);
    return (annotations &&
        !extra &&
        same(a.spec?.rules, b.spec?.rules) &&
        (a.spec?.ingressClassName ?? '') === (b.spec?.ingressClassName ?? ''));
}

;// CONCATENATED MODULE: ./src/traffic/istio.ts






const istio_GROUP = 'networking.istio.io';
const VERSIONS = ['v1', 'v1beta1', 'v1alpha3'];
/** The DestinationRule's subsets as they were before Dial added its own (JSON; null = no subsets field). */
const ORIGINAL_SUBSETS_ANNOTATION = 'dial.dev/original-subsets';
/** VirtualService http route destinations; a lone destination's weight is 100. */
class VirtualServiceModel {
    service;
    namespace;
    subsets;
    constructor(service, namespace, 
    /** Subsets of the user's host (with a DestinationRule) or per-track Services as hosts. */
    subsets) {
        this.service = service;
        this.namespace = namespace;
        this.subsets = subsets;
    }
    host(entry) {
        return str(obj(entry.destination).host) ?? '';
    }
    subset(entry) {
        return str(obj(entry.destination).subset);
    }
    entries(rule) {
        return objs(rule.route);
    }
    withEntries(rule, entries) {
        return { ...rule, route: entries };
    }
    isUser(entry) {
        return (hostNamesService(this.host(entry), this.service, this.namespace) && this.subset(entry) === undefined);
    }
    trackOf(entry) {
        const host = this.host(entry);
        const subset = this.subset(entry);
        if (this.subsets)
            return hostNamesService(host, this.service, this.namespace)
                ? TRACKS.find((t) => t === subset)
                : undefined;
        if (subset !== undefined)
            return undefined;
        return TRACKS.find((t) => hostNamesService(host, trackServiceName(this.service, t), this.namespace));
    }
    weightOf(entry, entries) {
        return num(entry.weight) ?? (entries.length === 1 ? 100 : 0);
    }
    track(entry, track, weight) {
        const destination = obj(entry.destination);
        return {
            ...copy(entry),
            destination: this.subsets
                ? { ...copy(destination), subset: track }
                : {
                    ...copy(destination),
                    host: withServiceName(this.host(entry), trackServiceName(this.service, track)),
                },
            weight,
        };
    }
    weighted(original, shares) {
        return original.flatMap((entry) => {
            if (!this.isUser(entry))
                return [entry];
            const parts = splitFixed(this.weightOf(entry, original), shares);
            return [
                this.track(entry, 'stable', parts.stable),
                this.track(entry, 'canary', parts.canary),
                this.track(entry, 'baseline', parts.baseline),
            ];
        });
    }
    fold(current) {
        const tracks = current.filter((e) => this.trackOf(e) !== undefined);
        const stable = tracks.find((e) => this.trackOf(e) === 'stable') ?? tracks[0];
        const sum = tracks.reduce((s, e) => s + this.weightOf(e, current), 0);
        const out = [];
        for (const e of current) {
            if (this.trackOf(e) === undefined)
                out.push(e);
            else if (e === stable) {
                const { weight: _weight, ...rest } = copy(e);
                const destination = copy(obj(e.destination));
                delete destination.subset;
                destination.host = withServiceName(this.host(e), this.service);
                out.push({ ...rest, destination, ...(tracks.length === current.length ? {} : { weight: sum }) });
            }
        }
        return out;
    }
    headerRule(rule, n, header, canary) {
        const { name: _name, route: _route, match, ...rest } = rule;
        const list = objs(match);
        const lower = header.name.toLowerCase();
        const { weight: _weight, ...destination } = canary;
        return {
            ...copy(rest),
            name: `${HEADER_RULE_PREFIX}${n}`,
            match: (list.length > 0 ? list : [{}]).map((m) => ({
                ...copy(m),
                headers: { ...copy(obj(m.headers)), [lower]: { exact: header.value } },
            })),
            route: [copy(destination)],
        };
    }
}
/** Service names among destination hosts (in the VirtualService's namespace, without subsets). */
function candidates(route, namespace) {
    return objs(obj(route.spec).http)
        .flatMap((r) => objs(r.route))
        .map((e) => obj(e.destination))
        .filter((d) => d.subset === undefined)
        .map((d) => str(d.host) ?? '')
        .filter((host) => hostNamesService(host, host.split('.')[0] ?? '', namespace))
        .map((host) => host.split('.')[0] ?? '');
}
class IstioRouter extends RuleRouter {
    type = 'istio';
    field = 'router.virtualService';
    services;
    apiVersion;
    constructor(cluster, target) {
        super(cluster, target);
        this.services = new TrackServices(cluster, target);
    }
    version() {
        this.apiVersion ??= servedVersion(this.cluster, istio_GROUP, VERSIONS).catch((err) => {
            this.apiVersion = undefined; // asked again next time (a CRD installed meanwhile)
            throw err;
        });
        return this.apiVersion;
    }
    async objectRef() {
        return {
            apiVersion: await this.version(),
            kind: 'VirtualService',
            namespace: this.target.namespace,
            name: this.target.config.virtualService ?? this.target.service,
        };
    }
    async ruleRef() {
        const name = this.target.config.destinationRule;
        if (!name)
            return undefined;
        return {
            apiVersion: await this.version(),
            kind: 'DestinationRule',
            namespace: this.target.namespace,
            name,
        };
    }
    rulesOf(route) {
        return objs(obj(route.spec).http);
    }
    rulesPatch(rules) {
        return { spec: { http: rules } };
    }
    model(service) {
        return new VirtualServiceModel(service, this.target.namespace, this.target.config.destinationRule !== undefined);
    }
    candidates(route) {
        return candidates(route, this.target.namespace);
    }
    resolve(names, what) {
        return resolveUserService(this.cluster, this.target, names, what);
    }
    async prepare(service) {
        const ref = await this.ruleRef();
        if (!ref)
            return this.services.ensure(service, ['stable', 'canary', 'baseline']);
        // The user's Service must exist (the subsets select among its pods).
        await this.services.user(service);
        const hash = await stablePodTemplateHash(this.cluster, this.target.namespace, this.target.workload);
        const subsets = dialSubsets(hash);
        const existing = await this.cluster.get(ref);
        if (!existing || isManagedByDial(existing)) {
            const wanted = {
                apiVersion: ref.apiVersion,
                kind: 'DestinationRule',
                metadata: {
                    name: ref.name,
                    namespace: ref.namespace,
                    labels: { ...MANAGED_BY, [SERVICE_LABEL]: this.target.service },
                },
                spec: { host: service, subsets },
            };
            if (existing && same(obj(existing.spec).subsets, subsets))
                return;
            await this.cluster.apply([wanted]);
            return;
        }
        const host = str(obj(existing.spec).host) ?? '';
        if (!hostNamesService(host, service, this.target.namespace))
            throw new Error(`${objects_describeRef(ref)} is for host ${host}, not Service ${service}: Dial's subsets would not apply`);
        await updateObject(this.cluster, ref, (current) => {
            const have = objs(obj(current.spec).subsets);
            const recorded = jsonAnnotation(current, ORIGINAL_SUBSETS_ANNOTATION) !== undefined;
            const clash = have.filter((s) => TRACKS.some((t) => t === s.name));
            if (!recorded && clash.length > 0)
                throw new Error(`${objects_describeRef(ref)} already has subsets ${clash.map((s) => String(s.name)).join(', ')}: Dial needs the names stable, canary and baseline`);
            const own = have.filter((s) => !TRACKS.some((t) => t === s.name));
            const next = [...own, ...subsets];
            const original = obj(current.spec).subsets === undefined ? null : own;
            const annotations = recorded
                ? undefined
                : annotationPatch(current, { [ORIGINAL_SUBSETS_ANNOTATION]: JSON.stringify(original) });
            if (same(next, have) && !annotations)
                return undefined;
            return { ...(annotations ? { metadata: { annotations } } : {}), spec: { subsets: next } };
        });
    }
    async cleanup(service) {
        const ref = await this.ruleRef();
        if (ref) {
            const existing = await this.cluster.get(ref);
            if (existing && isManagedByDial(existing))
                await this.cluster.delete({ ...ref, namespace: this.target.namespace });
            else if (existing)
                await updateObject(this.cluster, ref, (current) => {
                    const raw = jsonAnnotation(current, ORIGINAL_SUBSETS_ANNOTATION);
                    const have = objs(obj(current.spec).subsets);
                    const own = have.filter((s) => !TRACKS.some((t) => t === s.name));
                    const recorded = raw !== undefined;
                    if (!recorded)
                        return undefined;
                    // No subsets field before Dial and none of the user's since: the field goes again.
                    const next = raw === null && own.length === 0 ? null : own;
                    const annotations = annotationPatch(current, {}, [ORIGINAL_SUBSETS_ANNOTATION]);
                    return { ...(annotations ? { metadata: { annotations } } : {}), spec: { subsets: next } };
                });
        }
        await this.services.remove(service);
    }
}
/** Dial's subsets of the user's host: the stable pods by their ReplicaSet's hash, the arms by track. */
function dialSubsets(hash) {
    return [
        { name: 'stable', labels: { 'pod-template-hash': hash } },
        { name: 'canary', labels: { [TRACK_LABEL]: 'canary' } },
        { name: 'baseline', labels: { [TRACK_LABEL]: 'baseline' } },
    ];
}

;// CONCATENATED MODULE: ./src/traffic/replicas.ts


/**
 * Pods per track for `weight` % of `stable` pods. Candidates keep the baseline as large as the canary,
 * at most 2× the stable's pods in all (a rollout's surge), and the stable at most its own size; among
 * them the closest weight wins, then the one that leaves the most stable pods running (adopting a
 * Deployment should not replace its pods when it can be avoided), then the fewest pods.
 * Weight 0 = no canary pod behind the Service.
 */
function replicaRatioPlan(weight, stable) {
    if (weight <= 0 || stable <= 0)
        return { stable, baseline: 0, canary: 0 };
    if (weight >= 100)
        return { stable: 0, baseline: 0, canary: Math.max(1, stable) };
    const target = weight / 100;
    // Pods short of the stable's own count: among equally close plans, keep the capacity the stable had.
    const short = (s, canary) => Math.max(0, stable - (s + 2 * canary));
    let best = { stable, baseline: 1, canary: 1, error: Infinity };
    for (let canary = 1; canary <= stable; canary++) {
        for (let s = stable; s >= 0; s--) {
            if (s + 2 * canary > 2 * stable)
                continue;
            const error = Math.round(Math.abs(canary / (s + 2 * canary) - target) * 1000);
            const better = error < best.error ||
                (error === best.error && s > best.stable) ||
                (error === best.error && s === best.stable && short(s, canary) < short(best.stable, best.canary)) ||
                (error === best.error &&
                    s === best.stable &&
                    short(s, canary) === short(best.stable, best.canary) &&
                    canary < best.canary);
            if (better)
                best = { stable: s, baseline: canary, canary, error };
        }
    }
    return { stable: best.stable, baseline: best.baseline, canary: best.canary };
}
class ReplicaRouter {
    cluster;
    namespace;
    workload;
    type = 'replicas';
    constructor(cluster, namespace, workload) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.workload = workload;
    }
    replicaPlan(weight, stableReplicas) {
        return replicaRatioPlan(weight, stableReplicas);
    }
    /** The engine has already scaled the tracks; the weight is what their ready pods make it. */
    async setWeight(_weight) {
        return this.readWeight();
    }
    async readWeight() {
        const ready = async (name) => (await this.cluster.getDeployment(this.namespace, name))?.status?.readyReplicas ?? 0;
        const [stable, baseline, canary] = await Promise.all([
            ready(trackName(this.workload, 'stable')),
            ready(trackName(this.workload, 'baseline')),
            ready(trackName(this.workload, 'canary')),
        ]);
        const all = stable + baseline + canary;
        return {
            canary: percent(canary, all),
            baseline: percent(baseline, all),
            stable: percent(stable, all),
            note: `${canary} canary, ${baseline} baseline and ${stable} stable pods ready behind the Service`,
        };
    }
    setHeaderRoute(match) {
        return Promise.reject(new Error(`router replicas cannot route by header ${match.name}: every pod behind the Service gets an equal share; use a mesh or gateway router`));
    }
    /** Nothing to undo in routing: the engine removes the canary and baseline pods. */
    async reset() { }
    async finalize() { }
}

;// CONCATENATED MODULE: ./src/traffic/smi.ts





const smi_GROUP = 'split.smi-spec.io';
const smi_VERSIONS = ['v1alpha4', 'v1alpha3', 'v1alpha2', 'v1alpha1'];
const SPECS_GROUP = 'specs.smi-spec.io';
/** The HTTPRouteGroup version that goes with each TrafficSplit version that has `matches`. */
const SPECS_FOR = { v1alpha4: 'v1alpha4', v1alpha3: 'v1alpha3' };
/** A Kubernetes Quantity as a number ("100m" = 0.1, "2k" = 2000); undefined when it is not one. */
function quantity(value) {
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : undefined;
    if (typeof value !== 'string')
        return undefined;
    const m = /^([+-]?\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi)?$/.exec(value.trim());
    if (!m)
        return undefined;
    const scale = {
        m: 1e-3,
        k: 1e3,
        M: 1e6,
        G: 1e9,
        T: 1e12,
        Ki: 1024,
        Mi: 1024 ** 2,
        Gi: 1024 ** 3,
    };
    return Number(m[1]) * (m[2] ? scale[m[2]] : 1);
}
/**
 * TrafficSplit backends (`{service, weight}`), as one "rule": the split's spec. With Quantity weights
 * (v1alpha1) the router counts in milli-units and writes `<n>m`.
 */
class SplitModel {
    service;
    quantities;
    constructor(service, quantities) {
        this.service = service;
        this.quantities = quantities;
    }
    entries(rule) {
        return objs(rule.backends);
    }
    withEntries(rule, entries) {
        return { ...rule, backends: entries };
    }
    isUser(entry) {
        return entry.service === this.service;
    }
    trackOf(entry) {
        return TRACKS.find((t) => entry.service === trackServiceName(this.service, t));
    }
    weightOf(entry) {
        const q = quantity(entry.weight) ?? 0;
        return this.quantities ? Math.round(q * 1000) : q;
    }
    format(n) {
        return this.quantities ? `${n}m` : n;
    }
    track(entry, t, weight) {
        return { ...copy(entry), service: trackServiceName(this.service, t), weight: this.format(weight) };
    }
    weighted(original, shares) {
        const only = original[0];
        if (original.length === 1 && only && this.isUser(only)) {
            // Percent (v1alpha2+), or tenths of a unit in milli-units (v1alpha1: 1000m in all).
            const unit = this.quantities ? 10 : 1;
            return [
                this.track(only, 'stable', shares.stable * unit),
                this.track(only, 'canary', shares.canary * unit),
                this.track(only, 'baseline', shares.baseline * unit),
            ];
        }
        const users = original.filter((e) => this.isUser(e));
        const factor = users.map((u) => splitRelative(this.weightOf(u), shares).factor).reduce(smi_lcm, 1);
        return original.flatMap((e) => {
            if (!this.isUser(e))
                return [{ ...copy(e), weight: this.format(this.weightOf(e) * factor) }];
            const whole = this.weightOf(e) * factor;
            const arm = (whole * shares.canary) / 100;
            return [
                this.track(e, 'stable', whole - 2 * arm),
                this.track(e, 'canary', arm),
                this.track(e, 'baseline', arm),
            ];
        });
    }
    fold(current) {
        const tracks = current.filter((e) => this.trackOf(e) !== undefined);
        const stable = tracks.find((e) => this.trackOf(e) === 'stable') ?? tracks[0];
        const sum = tracks.reduce((s, e) => s + this.weightOf(e), 0);
        return current.flatMap((e) => this.trackOf(e) === undefined
            ? [e]
            : e === stable
                ? [{ ...copy(e), service: this.service, weight: this.format(sum) }]
                : []);
    }
    headerRule() {
        throw new Error('a TrafficSplit has no header rules; the SMI router adds a split with matches instead');
    }
}
const smi_gcd = (a, b) => (b === 0 ? a : smi_gcd(b, a % b));
const smi_lcm = (a, b) => (a * b) / smi_gcd(a, b);
/** `^value$` with the regular expression characters escaped (HTTPRouteGroup header values are regexes). */
const exactly = (value) => `^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
class SmiRouter {
    cluster;
    target;
    type = 'smi';
    services;
    name;
    apiVersion;
    constructor(cluster, target) {
        this.cluster = cluster;
        this.target = target;
        this.services = new TrackServices(cluster, target);
        this.name = target.config.trafficSplit ?? target.service;
    }
    replicaPlan(weight, stableReplicas) {
        return weightedReplicaPlan(weight, stableReplicas);
    }
    /** `split.smi-spec.io/v1alpha4`: the newest version the cluster serves. */
    version() {
        this.apiVersion ??= servedVersion(this.cluster, smi_GROUP, smi_VERSIONS).catch((err) => {
            this.apiVersion = undefined; // asked again next time (a CRD installed meanwhile)
            throw err;
        });
        return this.apiVersion;
    }
    async ref(name = this.name) {
        return { apiVersion: await this.version(), kind: 'TrafficSplit', namespace: this.target.namespace, name };
    }
    async model(split) {
        const quantities = (await this.version()).endsWith('/v1alpha1');
        const root = str(obj(split?.spec).service);
        const state = split ? parseRuleState(jsonAnnotation(split, ORIGINAL_ANNOTATION)) : undefined;
        return new SplitModel(state?.service ?? root ?? this.target.service, quantities);
    }
    async setWeight(weight) {
        const shares = trackShares(weight);
        const split = await this.write(shares);
        return this.reading(split, [cappedNote(shares)]);
    }
    async write(shares) {
        const ref = await this.ref();
        const existing = await this.cluster.get(ref);
        const model = await this.model(existing);
        await this.services.ensure(model.service, ['stable', 'canary', 'baseline']);
        if (!existing || isManagedByDial(existing)) {
            const spec = {
                service: model.service,
                backends: model.weighted([{ service: model.service, weight: 1 }], shares),
            };
            if (existing &&
                same(obj(existing.spec).backends, spec.backends) &&
                writtenWeight(existing) === shares.asked)
                return existing;
            const [stored] = await this.cluster.apply([
                {
                    apiVersion: ref.apiVersion,
                    kind: 'TrafficSplit',
                    metadata: {
                        name: ref.name,
                        namespace: ref.namespace,
                        labels: { ...MANAGED_BY, [SERVICE_LABEL]: this.target.service },
                        annotations: { [WEIGHT_ANNOTATION]: String(shares.asked) },
                    },
                    spec,
                },
            ]);
            return stored ?? existing ?? (await this.cluster.get(ref));
        }
        return updateObject(this.cluster, ref, (current) => {
            const spec = obj(current.spec);
            const prior = parseRuleState(jsonAnnotation(current, ORIGINAL_ANNOTATION));
            const { rules, state } = weightRules([spec], prior, model, shares, undefined);
            const backends = objs(rules[0]?.backends);
            const annotations = annotationPatch(current, {
                [ORIGINAL_ANNOTATION]: JSON.stringify(state),
                [WEIGHT_ANNOTATION]: String(shares.asked),
            });
            const changed = !same(backends, objs(spec.backends));
            if (!changed && !annotations)
                return undefined;
            return {
                ...(annotations ? { metadata: { annotations } } : {}),
                ...(changed ? { spec: { backends } } : {}),
            };
        });
    }
    async readWeight() {
        const ref = await this.ref();
        const split = await this.cluster.get(ref);
        if (!split)
            return readingOf({ stable: 1, canary: 0, baseline: 0 }, [
                `${objects_describeRef(ref)} does not exist: Service ${this.target.service} routes to its pods directly`,
            ]);
        return this.reading(split, []);
    }
    async reading(split, notes) {
        const model = await this.model(split);
        const [rule] = trackWeights([obj(split.spec)], model);
        const what = `TrafficSplit ${this.target.namespace}/${split.metadata?.name ?? this.name}`;
        if (!rule)
            return readingOf({ stable: 1, canary: 0, baseline: 0 }, [
                ...notes,
                `${what} sends no requests to the tracks of Service ${model.service}`,
            ]);
        const reading = readingOf(rule.weights);
        return readingOf(rule.weights, [
            ...notes,
            rule.others > 0
                ? `other backends of the split keep their share; the percentages are of the tracks' part`
                : undefined,
            driftNote(reading, writtenWeight(split), what),
        ]);
    }
    async setHeaderRoute(match) {
        const version = (await this.version()).split('/')[1] ?? '';
        const specsVersion = SPECS_FOR[version];
        const served = await this.cluster.apiVersions(SPECS_GROUP);
        if (!specsVersion || !served.includes(specsVersion))
            throw new Error(`router smi cannot route by header ${match.name}: that needs TrafficSplit matches (split.smi-spec.io v1alpha3 or later; the cluster serves ${version}) and HTTPRouteGroup ${SPECS_GROUP}/${specsVersion ?? 'v1alpha3'} (${served.length > 0 ? `served: ${served.join(', ')}` : 'not installed'})`);
        // The weighted split first (it makes the track Services), then the header's.
        const ref = await this.ref();
        const existing = await this.cluster.get(ref);
        const split = existing ?? (await this.write(trackShares(0)));
        const model = await this.model(split);
        const name = `${this.name}-dial-header`;
        const labels = { ...MANAGED_BY, [SERVICE_LABEL]: this.target.service };
        await this.cluster.apply([
            {
                apiVersion: `${SPECS_GROUP}/${specsVersion}`,
                kind: 'HTTPRouteGroup',
                metadata: { name, namespace: this.target.namespace, labels },
                spec: {
                    matches: [{ name: 'dial-header', headers: { [match.name.toLowerCase()]: exactly(match.value) } }],
                },
            },
            {
                apiVersion: ref.apiVersion,
                kind: 'TrafficSplit',
                metadata: { name, namespace: this.target.namespace, labels },
                spec: {
                    service: model.service,
                    matches: [{ kind: 'HTTPRouteGroup', name }],
                    backends: [{ service: trackServiceName(model.service, 'canary'), weight: 100 }],
                },
            },
        ]);
    }
    async removeHeaderRoute() {
        const name = `${this.name}-dial-header`;
        const split = await this.ref(name);
        const existing = await this.cluster.get(split);
        if (existing && isManagedByDial(existing))
            await this.cluster.delete({ ...split, namespace: this.target.namespace });
        const served = await this.cluster.apiVersions(SPECS_GROUP);
        const specsVersion = served[0];
        if (specsVersion) {
            const group = {
                apiVersion: `${SPECS_GROUP}/${specsVersion}`,
                kind: 'HTTPRouteGroup',
                namespace: this.target.namespace,
                name,
            };
            const found = await this.cluster.get(group);
            if (found && isManagedByDial(found))
                await this.cluster.delete({ ...group, namespace: this.target.namespace });
        }
    }
    async reset() {
        await this.removeHeaderRoute();
        if (await this.cluster.get(await this.ref()))
            await this.write(trackShares(0));
    }
    async finalize() {
        await this.removeHeaderRoute();
        const ref = await this.ref();
        const split = await this.cluster.get(ref);
        const model = await this.model(split);
        if (split && isManagedByDial(split))
            await this.cluster.delete({ ...ref, namespace: this.target.namespace });
        else if (split)
            await updateObject(this.cluster, ref, (current) => {
                const spec = obj(current.spec);
                const prior = parseRuleState(jsonAnnotation(current, ORIGINAL_ANNOTATION));
                const [restored] = restoreRules([spec], prior, model);
                const backends = objs(restored?.backends);
                const annotations = annotationPatch(current, {}, [ORIGINAL_ANNOTATION, WEIGHT_ANNOTATION]);
                const changed = !same(backends, objs(spec.backends));
                if (!changed && !annotations)
                    return undefined;
                return {
                    ...(annotations ? { metadata: { annotations } } : {}),
                    ...(changed ? { spec: { backends } } : {}),
                };
            });
        await this.services.remove(model.service);
    }
}

;// CONCATENATED MODULE: ./src/traffic/index.ts














/** The router dial.yaml names, for the rollout of `target.workload` in `target.namespace`. */
function createRouter(config, cluster, target) {
    const routed = { ...target, config };
    switch (config.type) {
        case 'replicas':
            return new ReplicaRouter(cluster, target.namespace, target.workload);
        case 'gateway-api':
            return new GatewayApiRouter(cluster, routed);
        case 'istio':
            return new IstioRouter(cluster, routed);
        case 'smi':
            return new SmiRouter(cluster, routed);
        case 'ingress-nginx':
            return new IngressNginxRouter(cluster, routed);
        case 'emissary':
            return new EmissaryRouter(cluster, routed);
        default:
            throw new Error(`router.type ${String(config.type)} is not one Dial knows (replicas, gateway-api, istio, smi, ingress-nginx, emissary)`);
    }
}

// EXTERNAL MODULE: ./node_modules/simple-statistics/dist/simple-statistics.mjs
var simple_statistics = __webpack_require__(5521);
;// CONCATENATED MODULE: ./src/analysis/sequential.ts

/**
 * Alternatives for the regression test, as multiples of the null ratio, with prior weights. Most weight
 * sits on 1.5×–2×: those regressions are the slow ones to see (a latency median ×1.25 is an odds ratio of
 * about 1.9 at a p80 bound), while 10× and 100× cross fast even with a small weight because their
 * likelihood ratios grow steeply. Chosen on bench/scenarios/analysis.json among a few candidates; the
 * error guarantee holds for any weights.
 */
const REGRESSION_GRID = [
    { multiple: 1.5, weight: 0.3 },
    { multiple: 2, weight: 0.3 },
    { multiple: 3, weight: 0.15 },
    { multiple: 5, weight: 0.1 },
    { multiple: 10, weight: 0.07 },
    { multiple: 30, weight: 0.04 },
    { multiple: 100, weight: 0.04 },
];
/** Alternatives for the "no meaningful regression" test, as multiples of the regression ratio. */
const FUTILITY_GRID = [
    { multiple: 1 / 1.25, weight: 0.2 },
    { multiple: 1 / 1.5, weight: 0.4 },
    { multiple: 1 / 2, weight: 0.3 },
    { multiple: 1 / 4, weight: 0.1 },
];
/** A fresh test of `nullRatio` against the grid's alternatives (multiples of nullRatio). */
function newMixtureTest(nullRatio, grid) {
    const total = grid.reduce((sum, g) => sum + g.weight, 0);
    return {
        nullRatio,
        components: grid.map((g) => ({ ratio: nullRatio * g.multiple, weight: g.weight / total, logLR: 0 })),
    };
}
const logFactorials = [0];
/** ln(n!) from a table that grows on demand (gammaln is the library primitive). */
function logFactorial(n) {
    for (let k = logFactorials.length; k <= n; k++)
        logFactorials.push((0,simple_statistics/* gammaln */.SW)(k + 1));
    return logFactorials[n] ?? (0,simple_statistics/* gammaln */.SW)(n + 1);
}
/**
 * Log-weights of Fisher's noncentral hypergeometric distribution: x canary bad of m bad in total, given
 * arm sizes nC and nB. Entry j is ln[C(nC, j)·C(nB, m − j)] for j from `low`.
 */
function hypergeometricLogWeights(nC, nB, m) {
    const low = Math.max(0, m - nB);
    const high = Math.min(nC, m);
    const fixed = logFactorial(nC) + logFactorial(nB);
    const logWeights = [];
    for (let j = low; j <= high; j++) {
        logWeights.push(fixed - logFactorial(j) - logFactorial(nC - j) - logFactorial(m - j) - logFactorial(nB - m + j));
    }
    return { low, logWeights };
}
/** ln Σ_j exp(logWeights[j] + (low + j)·lnψ): the distribution's normaliser at odds ratio ψ. */
function logNormaliser(weights, logPsi) {
    let max = -Infinity;
    weights.logWeights.forEach((w, i) => (max = Math.max(max, w + (weights.low + i) * logPsi)));
    let sum = 0;
    weights.logWeights.forEach((w, i) => (sum += Math.exp(w + (weights.low + i) * logPsi - max)));
    return max + Math.log(sum);
}
/**
 * Adds one interval to the test (returns a new test; the input is not changed). An interval without bad
 * requests, or in which one arm served nothing, carries no information about the ratio and leaves it as is.
 * Counts are rounded to whole requests (Prometheus' increase() extrapolates to fractions).
 */
function updateMixtureTest(test, canary, baseline) {
    const nC = Math.round(canary.total);
    const nB = Math.round(baseline.total);
    const xC = Math.min(nC, Math.round(canary.bad));
    const m = xC + Math.min(nB, Math.round(baseline.bad));
    if (nC <= 0 || nB <= 0 || m <= 0)
        return test;
    const weights = hypergeometricLogWeights(nC, nB, m);
    const logPsi0 = Math.log(test.nullRatio);
    const null0 = logNormaliser(weights, logPsi0);
    return {
        nullRatio: test.nullRatio,
        components: test.components.map((c) => {
            const logPsi = Math.log(c.ratio);
            const step = xC * (logPsi - logPsi0) - logNormaliser(weights, logPsi) + null0;
            return { ...c, logLR: c.logLR + step };
        }),
    };
}
/** log of the mixture e-value Σ w·exp(logLR), computed stably (log-sum-exp). */
function logEValue(test) {
    let max = -Infinity;
    for (const c of test.components)
        max = Math.max(max, Math.log(c.weight) + c.logLR);
    if (max === -Infinity)
        return -Infinity;
    let sum = 0;
    for (const c of test.components)
        sum += Math.exp(Math.log(c.weight) + c.logLR - max);
    return max + Math.log(sum);
}
/** The e-value itself (may be Infinity for overwhelming evidence). */
function eValue(test) {
    return Math.exp(logEValue(test));
}
/** True when the test rejects its null at level `alpha` (e ≥ 1/α). */
function rejects(test, alpha) {
    return logEValue(test) >= Math.log(1 / alpha);
}

// EXTERNAL MODULE: ./src/analysis/outcome.ts
var outcome = __webpack_require__(8850);
;// CONCATENATED MODULE: ./src/analysis/compare-judge.ts
// Compare judge: canary versus baseline on counts of bad requests (errors, or requests slower than a
// bound), decided by the anytime-valid sequential test in sequential.ts.
//
// Rules (each interval):
// - fail  when the regression e-value reaches 1/alpha: the data reject "canary ≤ tolerance × baseline".
//         Ville's inequality bounds the chance of this for a canary that is no worse by alpha, however
//         often it is checked and however long it runs.
// - pass  once both arms served minRequests and either the futility e-value reaches 1/beta (the data rule
//         out a ratio of `regression` or more: early pass), or the analysis reached its horizon without
//         a rejection (the planned test ran its course).
// - inconclusive otherwise.


/** The ratio treated as a meaningful regression when none is configured: half again the tolerance. */
function regressionRatio(check) {
    return check.regression ?? 1.5 * check.tolerance;
}
function newCompareEvidence(check) {
    return {
        type: 'compare',
        measured: 0,
        noDataStreak: 0,
        canary: { total: 0, bad: 0 },
        baseline: { total: 0, bad: 0 },
        regression: newMixtureTest(check.tolerance, REGRESSION_GRID),
        futility: newMixtureTest(regressionRatio(check), FUTILITY_GRID),
    };
}
/** Negative increments (a counter reset seen raw) count as 0; more bad than total is capped. */
function compare_judge_clean(reading) {
    const total = Math.max(0, reading.total);
    return { total, bad: Math.min(total, Math.max(0, reading.bad)) };
}
function updateCompare(evidence, canary, baseline) {
    if (canary?.kind !== 'counts' || baseline?.kind !== 'counts') {
        const missing = canary?.kind === 'no-data' ? `canary: ${canary.reason}` : undefined;
        const missingB = baseline?.kind === 'no-data' ? `baseline: ${baseline.reason}` : undefined;
        const reason = [missing, missingB].filter((r) => r !== undefined).join('; ') || 'not measured';
        return { ...evidence, noDataStreak: evidence.noDataStreak + 1, lastNoDataReason: reason };
    }
    const c = compare_judge_clean(canary);
    const b = compare_judge_clean(baseline);
    const { lastNoDataReason: _dropped, ...rest } = evidence;
    return {
        ...rest,
        measured: evidence.measured + 1,
        noDataStreak: 0,
        canary: { total: evidence.canary.total + c.total, bad: evidence.canary.bad + c.bad },
        baseline: { total: evidence.baseline.total + b.total, bad: evidence.baseline.bad + b.bad },
        regression: updateMixtureTest(evidence.regression, c, b),
        futility: updateMixtureTest(evidence.futility, c, b),
    };
}
/** Observed canary/baseline bad-rate ratio (for explanations; the test itself uses per-interval shares). */
function observedRatio(evidence) {
    const c = evidence.canary.total > 0 ? evidence.canary.bad / evidence.canary.total : NaN;
    const b = evidence.baseline.total > 0 ? evidence.baseline.bad / evidence.baseline.total : NaN;
    return c / b;
}
function judgeCompare(check, evidence, ctx) {
    const base = (0,outcome/* outcomeBase */.oQ)(check, evidence);
    const what = check.metric === 'latency' ? `slower than ${(0,outcome/* num */.bu)(check.latencyThresholdMs ?? NaN)} ms` : 'failed';
    const counts = `canary ${(0,outcome/* num */.bu)(evidence.canary.bad)}/${(0,outcome/* num */.bu)(evidence.canary.total)} ${what} (${(0,outcome/* percent */.KN)(evidence.canary.bad, evidence.canary.total)})` +
        ` vs baseline ${(0,outcome/* num */.bu)(evidence.baseline.bad)}/${(0,outcome/* num */.bu)(evidence.baseline.total)} (${(0,outcome/* percent */.KN)(evidence.baseline.bad, evidence.baseline.total)})` +
        `, ratio ×${(0,outcome/* num */.bu)(observedRatio(evidence))}`;
    const eReg = eValue(evidence.regression);
    const regressionTest = `sequential test e = ${(0,outcome/* num */.bu)(eReg)} vs 1/α = ${(0,outcome/* num */.bu)(1 / check.alpha)} (H0: canary ≤ ${(0,outcome/* num */.bu)(check.tolerance)}× baseline)`;
    if (rejects(evidence.regression, check.alpha)) {
        return { ...base, status: 'fail', detail: `${counts}; ${regressionTest} → regression` };
    }
    const enough = evidence.canary.total >= check.minRequests && evidence.baseline.total >= check.minRequests;
    const beta = check.beta ?? check.alpha;
    const eFut = eValue(evidence.futility);
    const futilityTest = `no-regression test e = ${(0,outcome/* num */.bu)(eFut)} vs 1/β = ${(0,outcome/* num */.bu)(1 / beta)} (H0: canary ≥ ${(0,outcome/* num */.bu)(regressionRatio(check))}× baseline)`;
    if (!enough) {
        return {
            ...base,
            status: 'inconclusive',
            detail: `${counts}; ${regressionTest}; fewer than ${(0,outcome/* num */.bu)(check.minRequests)} requests per arm, cannot pass yet`,
        };
    }
    if (rejects(evidence.futility, beta)) {
        return {
            ...base,
            status: 'pass',
            detail: `${counts}; ${regressionTest}; ${futilityTest} → no regression`,
        };
    }
    if (ctx.final) {
        return {
            ...base,
            status: 'pass',
            detail: `${counts}; ${regressionTest} not rejected by the end of the analysis → no regression found`,
        };
    }
    return { ...base, status: 'inconclusive', detail: `${counts}; ${regressionTest}; ${futilityTest}` };
}

// EXTERNAL MODULE: ./src/analysis/burn-rate-judge.ts
var burn_rate_judge = __webpack_require__(8734);
;// CONCATENATED MODULE: ./src/analysis/explain.ts
// Human explanation of an analysis result: the verdict and its reason first, then one line per check
// with its numbers, test and threshold. Plain text so it fits logs, annotations and job summaries.
const HEADLINE = {
    pass: 'PASS — promote',
    fail: 'FAIL — roll back',
    inconclusive: 'INCONCLUSIVE',
};
function explain(result) {
    const minutes = (result.elapsedSeconds / 60).toFixed(1);
    const state = result.done ? HEADLINE[result.verdict] : 'RUNNING';
    const lines = [
        `Analysis ${state} after ${minutes} min, ${result.evidence.measurements} measurements: ${result.reason}.`,
    ];
    for (const o of result.checks) {
        const tag = `${o.type}${o.critical ? ', critical' : ''}${o.noData ? ', no data in last window' : ''}`;
        lines.push(`- ${o.name} [${tag}]: ${o.status.toUpperCase()} — ${o.detail}`);
    }
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/analysis/threshold-judge.ts
// Threshold judge: one value per measurement compared with a range. Inclusive on both ends
// (min <= value <= max passes), so `max: 0.01` accepts exactly 1 %. A missing bound is unbounded.

function inRange(check, value) {
    if (Number.isNaN(value))
        return false;
    if (check.min !== undefined && value < check.min)
        return false;
    if (check.max !== undefined && value > check.max)
        return false;
    return true;
}
function newThresholdEvidence() {
    return { type: 'threshold', measured: 0, noDataStreak: 0, failures: 0, lastValue: null };
}
/** Folds one reading in. NaN (e.g. 0/0 from an idle service) is treated as no data, not as a failure. */
function updateThreshold(check, evidence, reading) {
    if (reading === undefined || reading.kind === 'no-data' || Number.isNaN(reading.value)) {
        const reason = reading === undefined ? 'not measured' : reading.kind === 'no-data' ? reading.reason : 'NaN';
        return { ...evidence, noDataStreak: evidence.noDataStreak + 1, lastNoDataReason: reason };
    }
    const failed = !inRange(check, reading.value);
    const { lastNoDataReason: _dropped, ...rest } = evidence;
    return {
        ...rest,
        measured: evidence.measured + 1,
        noDataStreak: 0,
        failures: evidence.failures + (failed ? 1 : 0),
        lastValue: reading.value,
    };
}
function rangeText(check) {
    const low = check.min === undefined ? '-∞' : (0,outcome/* num */.bu)(check.min);
    const high = check.max === undefined ? '+∞' : (0,outcome/* num */.bu)(check.max);
    return `[${low}, ${high}]`;
}
/**
 * Fails once more than failureLimit (default 0) measurements were out of range; passes while the latest
 * value is in range; inconclusive before the first value or while the latest measurement had no data.
 */
function judgeThreshold(check, evidence, _ctx) {
    const limit = check.failureLimit ?? 0;
    const base = (0,outcome/* outcomeBase */.oQ)(check, evidence);
    const seen = `${evidence.failures} of ${evidence.measured} values outside ${rangeText(check)} (limit ${limit})`;
    if (evidence.failures > limit) {
        return { ...base, status: 'fail', detail: `last value ${(0,outcome/* num */.bu)(evidence.lastValue ?? NaN)}; ${seen}` };
    }
    if (evidence.measured === 0 || evidence.lastValue === null) {
        return {
            ...base,
            status: 'inconclusive',
            detail: `no value yet (${evidence.lastNoDataReason ?? 'not measured'})`,
        };
    }
    if (base.noData) {
        return {
            ...base,
            status: 'inconclusive',
            detail: `latest measurement had no data (${evidence.lastNoDataReason ?? 'no data'}); ${seen}`,
        };
    }
    const ok = inRange(check, evidence.lastValue);
    return {
        ...base,
        status: ok ? 'pass' : 'inconclusive',
        detail: `last value ${(0,outcome/* num */.bu)(evidence.lastValue)} ${ok ? 'within' : 'outside'} ${rangeText(check)}; ${seen}`,
    };
}

;// CONCATENATED MODULE: ./src/analysis/truth-table.ts
// From per-check outcomes to the verdict of the whole analysis. Evaluated in this order:
//
// | # | condition                                                        | verdict      | done |
// |---|------------------------------------------------------------------|--------------|------|
// | 0 | the analysis has no checks at all (nothing could be evidence)    | inconclusive | yes  |
// | 1 | a critical check fails                                           | fail         | yes  |
// | 2 | a check's latest measurement had no data, its policy is rollback | fail         | yes  |
// | 3 | same, policy inconclusive                                        | inconclusive | yes  |
// | 4 | every check passes (no-data under `hold` does not pass), and     | pass         | yes  |
// |   | minDuration has elapsed                                          |              |      |
// | 5 | every check decided, a non-critical one failed                   | inconclusive | yes  |
// | 6 | maxDuration reached                                              | inconclusive | yes  |
// | 7 | otherwise (keep measuring)                                       | inconclusive | no   |
//
// Nothing here ever promotes on missing evidence: `hold` keeps the check undecided, and the horizon
// without every check passing is inconclusive (a human decides), never pass.
/** The no-data policy that applies to a check: its own, else the analysis-level one. */
function policyOf(spec, name) {
    return spec.checks.find((c) => c.name === name)?.noData ?? spec.noData;
}
function names(outcomes) {
    return outcomes.map((o) => `'${o.name}'`).join(', ');
}
function truth_table_decide(spec, outcomes, elapsedSeconds, final) {
    // An empty analysis would otherwise pass vacuously after the bake: promotion needs evidence.
    if (spec.checks.length === 0) {
        return { verdict: 'inconclusive', done: true, reason: 'the analysis has no checks; nothing to judge' };
    }
    const criticalFails = outcomes.filter((o) => o.critical && o.status === 'fail');
    if (criticalFails.length > 0) {
        return { verdict: 'fail', done: true, reason: `critical check ${names(criticalFails)} failed` };
    }
    const noData = outcomes.filter((o) => o.noData);
    const rollbackOnMissing = noData.filter((o) => policyOf(spec, o.name) === 'rollback');
    if (rollbackOnMissing.length > 0) {
        return {
            verdict: 'fail',
            done: true,
            reason: `no data for ${names(rollbackOnMissing)} (policy: rollback)`,
        };
    }
    const stopOnMissing = noData.filter((o) => policyOf(spec, o.name) === 'inconclusive');
    if (stopOnMissing.length > 0) {
        return {
            verdict: 'inconclusive',
            done: true,
            reason: `no data for ${names(stopOnMissing)} (policy: inconclusive)`,
        };
    }
    // Under `hold`, a check without fresh data counts as undecided this round.
    const effective = (o) => (o.noData ? 'inconclusive' : o.status);
    const open = outcomes.filter((o) => effective(o) === 'inconclusive');
    const failed = outcomes.filter((o) => effective(o) === 'fail');
    if (open.length === 0 && failed.length === 0) {
        if (elapsedSeconds >= spec.minDurationSeconds) {
            return { verdict: 'pass', done: true, reason: 'every check passed' };
        }
        if (!final) {
            return {
                verdict: 'inconclusive',
                done: false,
                reason: `every check passes; baking until ${spec.minDurationSeconds} s (now ${Math.round(elapsedSeconds)} s)`,
            };
        }
    }
    if (open.length === 0 && failed.length > 0) {
        return {
            verdict: 'inconclusive',
            done: true,
            reason: `non-critical check ${names(failed)} failed; not promoting without a human`,
        };
    }
    if (final) {
        return {
            verdict: 'inconclusive',
            done: true,
            reason: `reached ${spec.maxDurationSeconds} s with ${names(open)} undecided`,
        };
    }
    return { verdict: 'inconclusive', done: false, reason: `waiting for ${names(open)}` };
}

;// CONCATENATED MODULE: ./src/analysis/engine.ts
// The pure analysis step: (spec, previous evidence, new measurements, now) → (evidence, verdict,
// explanation). No I/O and no clock of its own, so the action, the CLI, the benchmark and the tests all
// run the same code; the measurement loop (loop.ts) feeds it.






function freshEvidence(check) {
    switch (check.type) {
        case 'threshold':
            return newThresholdEvidence();
        case 'compare':
            return newCompareEvidence(check);
        case 'burn-rate':
            return (0,burn_rate_judge/* newBurnRateEvidence */.dZ)();
    }
}
/**
 * Evidence of the right kind for the check. A check whose type, or (compare) whose tested ratios, changed
 * since the last run starts over: continuing would test other hypotheses than the explanation names.
 */
function evidenceFor(check, evidence) {
    const existing = evidence.checks[check.name];
    if (existing?.type !== check.type)
        return freshEvidence(check);
    if (check.type === 'compare' &&
        existing.type === 'compare' &&
        (existing.regression.nullRatio !== check.tolerance ||
            existing.futility.nullRatio !== regressionRatio(check))) {
        return freshEvidence(check);
    }
    return existing;
}
function update(check, ev, sample, m) {
    const matching = sample?.type === check.type ? sample : undefined;
    if (check.type === 'threshold' && ev.type === 'threshold') {
        return updateThreshold(check, ev, matching?.type === 'threshold' ? matching.value : undefined);
    }
    if (check.type === 'compare' && ev.type === 'compare') {
        return matching?.type === 'compare'
            ? updateCompare(ev, matching.canary, matching.baseline)
            : updateCompare(ev, undefined, undefined);
    }
    if (check.type === 'burn-rate' && ev.type === 'burn-rate') {
        return (0,burn_rate_judge/* updateBurnRate */.V3)(check, ev, matching?.type === 'burn-rate' ? matching.canary : undefined, m.window);
    }
    return ev;
}
function judge(check, ev, ctx) {
    if (check.type === 'threshold' && ev.type === 'threshold')
        return judgeThreshold(check, ev, ctx);
    if (check.type === 'compare' && ev.type === 'compare')
        return judgeCompare(check, ev, ctx);
    if (check.type === 'burn-rate' && ev.type === 'burn-rate')
        return (0,burn_rate_judge/* judgeBurnRate */.Zz)(check, ev, ctx);
    throw new Error(`check '${check.name}': evidence type ${ev.type} does not match ${check.type}`);
}
/**
 * Folds new measurements into the evidence and judges. `previous` null starts a new analysis at the
 * first window's start (or `now`). A measurement whose window starts before the last counted window end
 * is ignored whole: counts are increments and cannot be split, so counting nothing twice wins over
 * counting a partial window (the loop always asks from lastWindowEnd, so this only drops replays).
 */
function analyze(spec, previous, measurements, now) {
    const ordered = [...measurements].sort((a, b) => a.window.end.getTime() - b.window.end.getTime());
    let evidence = previous ?? newEvidence(ordered[0]?.window.start ?? now);
    let ignoredWindows = 0;
    for (const m of ordered) {
        const lastEnd = evidence.lastWindowEnd === null ? null : Date.parse(evidence.lastWindowEnd);
        if ((lastEnd !== null && m.window.start.getTime() < lastEnd) || m.window.end <= m.window.start) {
            ignoredWindows++;
            continue;
        }
        const checks = {};
        for (const check of spec.checks) {
            checks[check.name] = update(check, evidenceFor(check, evidence), m.samples[check.name], m);
        }
        evidence = {
            ...evidence,
            lastWindowEnd: m.window.end.toISOString(),
            measurements: evidence.measurements + 1,
            checks,
        };
    }
    const elapsedSeconds = (now.getTime() - Date.parse(evidence.startedAt)) / 1000;
    const final = elapsedSeconds >= spec.maxDurationSeconds;
    const ctx = { now, final };
    const outcomes = spec.checks.map((check) => judge(check, evidenceFor(check, evidence), ctx));
    const decision = truth_table_decide(spec, outcomes, elapsedSeconds, final);
    const result = { evidence, ...decision, checks: outcomes, elapsedSeconds, ignoredWindows };
    return { ...result, explanation: explain(result) };
}

// EXTERNAL MODULE: ./src/analysis/defaults.ts
var defaults = __webpack_require__(9158);
// EXTERNAL MODULE: ./src/metrics/provider.ts
var metrics_provider = __webpack_require__(6999);
;// CONCATENATED MODULE: ./src/analysis/loop.ts
// The measurement loop: asks the Provider for each check's queries over the window since the last
// measurement, feeds the pure engine, and repeats every interval until a decision. Due time = last
// window end + interval (Argo Rollouts' "last finished + interval"), so a resumed job picks up exactly
// where the persisted evidence stopped. The benchmark drives it with a simulated clock and provider.



/** When the next measurement is due: the last counted window's end (or the start) plus the interval. */
function nextDue(spec, evidence) {
    const from = Date.parse(evidence.lastWindowEnd ?? evidence.startedAt);
    return new Date(from + spec.intervalSeconds * 1000);
}
/**
 * One number from a provider answer. A series counts by its last point (the value at window end).
 * NaN and ±Inf (0/0 on an idle service, Argo #1466) are no data, not a crash.
 */
function readValue(result) {
    if (result.kind === 'no-data')
        return { kind: 'no-data', reason: result.reason };
    const value = result.kind === 'value' ? result.value : result.points.at(-1)?.value;
    if (value === undefined)
        return { kind: 'no-data', reason: 'empty series' };
    if (!Number.isFinite(value))
        return { kind: 'no-data', reason: `value is ${value}` };
    return { kind: 'value', value };
}
/**
 * Fills the window into a query: `{{window}}` becomes its length as a PromQL-style duration (`10s`) and
 * `{{windowSeconds}}` the bare number, so `sum(increase(http_requests_total[{{window}}]))` asks for
 * exactly the increments since the last measurement.
 */
function renderQuery(query, window) {
    const seconds = Math.max(1, Math.round((window.end.getTime() - window.start.getTime()) / 1000));
    return query.replaceAll('{{window}}', `${seconds}s`).replaceAll('{{windowSeconds}}', String(seconds));
}
async function ask(provider, name, query, window, signal) {
    try {
        const result = await provider.query({ name, query: renderQuery(query, window), window }, signal);
        if (result.kind === 'no-data' && result.empty === true)
            return { kind: 'empty', reason: result.reason };
        return readValue(result);
    }
    catch (error) {
        // A provider that is down is missing evidence (the no-data policy decides); a broken query or
        // rejected credentials will not fix themselves and must surface.
        if (error instanceof metrics_provider/* ProviderUnavailableError */.w)
            return { kind: 'unavailable', reason: error.message };
        throw error;
    }
}
/**
 * Counts of one arm. No requests series means no data. A bad-requests query that matched no series at
 * all while the total has a value means zero bad requests: Prometheus has no 5xx series until the first
 * 5xx happens, and treating that as "no data" is what made Flagger roll back healthy low-traffic
 * canaries (#1035). That empty answer is the one exception: a NaN, a null, a missing value or a provider
 * that is down is no data with its reason, never "zero bad" (it would pass a canary on no evidence).
 */
async function readCounts(provider, name, queries, window, signal) {
    const [total, bad] = await Promise.all([
        ask(provider, `${name}/total`, queries.total, window, signal),
        ask(provider, `${name}/bad`, queries.bad, window, signal),
    ]);
    if (total.kind !== 'value')
        return { kind: 'no-data', reason: `requests: ${total.reason}` };
    if (bad.kind === 'value')
        return { kind: 'counts', total: total.value, bad: bad.value };
    if (bad.kind === 'empty')
        return { kind: 'counts', total: total.value, bad: 0 };
    return { kind: 'no-data', reason: `bad requests: ${bad.reason}` };
}
async function sample(provider, check, window, signal) {
    switch (check.type) {
        case 'threshold': {
            const value = await ask(provider, check.name, check.query, window, signal);
            return {
                type: 'threshold',
                value: value.kind === 'value' ? value : { kind: 'no-data', reason: value.reason },
            };
        }
        case 'compare': {
            const [canary, baseline] = await Promise.all([
                readCounts(provider, `${check.name}/canary`, check.canary, window, signal),
                readCounts(provider, `${check.name}/baseline`, check.baseline, window, signal),
            ]);
            return { type: 'compare', canary, baseline };
        }
        case 'burn-rate':
            return {
                type: 'burn-rate',
                canary: await readCounts(provider, `${check.name}/canary`, check.canary, window, signal),
            };
    }
}
/** Measures every check over one window. */
async function measure(provider, spec, window, signal) {
    const samples = {};
    const taken = await Promise.all(spec.checks.map((check) => sample(provider, check, window, signal)));
    spec.checks.forEach((check, i) => {
        const s = taken[i];
        if (s !== undefined)
            samples[check.name] = s;
    });
    return { window, samples };
}
/** Measures the window [last window end, now] and judges. Call it at or after nextDue(). */
async function measureAndAnalyze(provider, spec, evidence, now, signal) {
    const start = new Date(evidence.lastWindowEnd ?? evidence.startedAt);
    const m = await measure(provider, spec, { start, end: now }, signal);
    return analyze(spec, evidence, [m], now);
}
/** Measures every interval until the analysis is done; returns the deciding result. */
async function runAnalysis(provider, spec, clock, options = {}) {
    let evidence = options.evidence ?? newEvidence(clock.now());
    for (;;) {
        await clock.sleepUntil(nextDue(spec, evidence), options.signal);
        options.signal?.throwIfAborted();
        const result = await measureAndAnalyze(provider, spec, evidence, clock.now(), options.signal);
        await options.onResult?.(result);
        if (result.done)
            return result;
        evidence = result.evidence;
    }
}

// EXTERNAL MODULE: ./src/analysis/from-config.ts
var from_config = __webpack_require__(2823);
;// CONCATENATED MODULE: ./src/analysis/index.ts
// Public surface of the analysis engine.















;// CONCATENATED MODULE: ./src/rollout/judge.ts
// Analysis between steps: runs the measurement loop (src/analysis) for one step's bake, persisting the
// evidence and the next measurement due after every measurement, and resuming from them, so a rerun
// neither counts a window twice nor forgets what was counted.

/** Requests each arm has served, summed over the compare checks' first arm counts (for progress lines). */
function requestsSeen(evidence) {
    for (const check of Object.values(evidence.checks)) {
        if (check.type === 'compare')
            return { canary: check.canary.total, baseline: check.baseline.total };
    }
    return { canary: 0, baseline: 0 };
}
function stepAnalysis(step, spec, result) {
    return {
        step,
        evidence: serializeEvidence(result.evidence),
        nextDue: nextDue(spec, result.evidence).toISOString(),
        verdict: result.verdict,
        done: result.done,
        reason: result.reason,
        explanation: result.explanation,
        requests: requestsSeen(result.evidence),
    };
}
/** The analysis engine behind a provider, with the spec for a step of a given bake. */
class ProviderStepJudge {
    provider;
    specFor;
    clock;
    constructor(provider, specFor, clock) {
        this.provider = provider;
        this.specFor = specFor;
        this.clock = clock;
    }
    async judge(input) {
        const spec = this.specFor(input.bakeSeconds);
        const evidence = input.resume !== undefined && input.resume.step === input.step
            ? parseEvidence(input.resume.evidence)
            : undefined;
        let last;
        const result = await runAnalysis(this.provider, spec, this.clock, {
            ...(evidence ? { evidence } : {}),
            ...(input.signal ? { signal: input.signal } : {}),
            onResult: async (r) => {
                last = stepAnalysis(input.step, spec, r);
                await input.onMeasured(last, r);
            },
        });
        return {
            verdict: result.verdict,
            reason: result.reason,
            analysis: last ?? stepAnalysis(input.step, spec, result),
        };
    }
}

;// CONCATENATED MODULE: ./src/rollout/open.ts







const realClock = {
    now: () => new Date(),
    sleepUntil: (time, signal) => new Promise((resolve, reject) => {
        const ms = Math.max(0, time.getTime() - Date.now());
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
        }, { once: true });
    }),
};
/** The lock with --break-lock applied to every acquire. */
function breaking(lock, force) {
    return {
        acquire: (options) => lock.acquire({ force: force || options?.force === true }),
        keepAlive: () => lock.keepAlive(),
        release: () => lock.release(),
        holder: () => lock.holder(),
    };
}
async function openService(settings) {
    const identity = lockIdentity();
    const cluster = new KubeCluster(settings.kc);
    const store = new ConfigMapStateStore(settings.kc, settings.namespace, settings.service, { identity });
    const lock = new LeaseLock(settings.kc, settings.namespace, settings.service, {
        identity,
        onWarning: (line) => settings.reporter.warn(line),
    });
    // Commands given dial.yaml know everything already; the others learn it from the record.
    const complete = settings.workload !== undefined && settings.router !== undefined && settings.settings !== undefined;
    const record = complete ? undefined : (await store.read())?.record;
    const workload = settings.workload ?? record?.workload.name ?? settings.service;
    const given = typeof settings.router === 'string' ? { type: settings.router } : settings.router;
    const routerConfig = (given ??
        record?.routerConfig ?? { type: record?.router ?? 'replicas' });
    const router = createRouter(routerConfig, cluster, {
        namespace: settings.namespace,
        workload,
        service: settings.service,
        config: routerConfig,
    });
    const clock = settings.clock ?? realClock;
    const releaseSettings = settings.settings ?? record?.current?.settings;
    const analysis = settings.analysis === 'none' ? undefined : releaseSettings?.analysis;
    let provider;
    const makeProvider = () => (provider ??= Promise.all(/* import() */[__webpack_require__.e(652), __webpack_require__.e(914)]).then(__webpack_require__.bind(__webpack_require__, 6914)).then((m) => m.createProvider(analysis.provider)));
    if (analysis && settings.analysis !== 'lazy')
        await makeProvider();
    const judge = analysis
        ? lazyJudge(makeProvider, (bake) => 
        // A step lasts its bake: a pass needs the whole bake, and the analysis decides by its end.
        bake > 0 ? { ...analysis.spec, minDurationSeconds: bake, maxDurationSeconds: bake } : analysis.spec, clock)
        : undefined;
    const watched = analysis ? watchSpec(analysis.spec) : undefined;
    const watchJudge = watched ? lazyJudge(makeProvider, watched, clock) : undefined;
    const engine = new RolloutEngine({
        cluster,
        store,
        lock: breaking(lock, settings.breakLock === true),
        router,
        clock,
        reporter: settings.reporter,
        identity,
        ...(judge ? { judge } : {}),
        ...(watchJudge ? { watchJudge } : {}),
    }, {
        service: settings.service,
        namespace: settings.namespace,
        workload,
        routerConfig,
        progressDeadlineSeconds: releaseSettings?.progressDeadlineSeconds ?? 600,
    });
    return {
        engine,
        namespace: settings.namespace,
        record,
        cluster,
        lock,
        requests: () => cluster.requests + store.requests + lock.requests,
    };
}
/** A judge whose provider is made (and its code loaded) when it first measures. */
function lazyJudge(provider, specFor, clock) {
    return {
        judge: async (input) => new ProviderStepJudge(await provider(), specFor, clock).judge(input),
    };
}
/**
 * The watch after promotion judges the new stable by the analysis' threshold checks only: compare checks
 * need a baseline and burn-rate checks the canary's own series, both gone once it is promoted. Every
 * threshold check is critical here (the release already serves everyone); no data holds, never fails.
 */
function watchSpec(spec) {
    const checks = spec.checks
        .filter((check) => check.type === 'threshold')
        .map((check) => ({ ...check, critical: true, noData: 'hold' }));
    if (checks.length === 0)
        return undefined;
    return (seconds) => ({
        ...spec,
        noData: 'hold',
        checks,
        minDurationSeconds: seconds,
        maxDurationSeconds: seconds,
    });
}

;// CONCATENATED MODULE: ./src/settings/target.ts

/** The commands that deploy something: they need dial.yaml and prepare a release from it. */
function needsRelease(command) {
    return command === 'deploy' || command === 'canary' || command === 'rollout';
}
/** The release cannot be deployed as dial.yaml describes it (e.g. an analysis without queries). */
class ReleaseProblems extends Error {
    file;
    problems;
    constructor(file, problems) {
        super(problems.map((problem) => `${file}: ${problem}`).join('\n'));
        this.file = file;
        this.problems = problems;
        this.name = 'ReleaseProblems';
    }
}
/** Thrown when neither a service nor dial.yaml names what to act on. */
class NoTargetError extends Error {
}
/** Reads dial.yaml when the command needs it (or names the service by it); touches no cluster. */
async function resolveTarget(request) {
    const release = needsRelease(request.command);
    if (release || (request.file !== undefined && request.service === undefined)) {
        const [{ loadConfig }, { prepareRelease }] = await Promise.all([
            Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3001)),
            __webpack_require__.e(/* import() */ 970).then(__webpack_require__.bind(__webpack_require__, 3970)),
        ]);
        const resolved = await loadConfig({
            file: request.file ?? 'dial.yaml',
            workspace: request.workspace,
            overrides: request.overrides,
            ...(request.images !== undefined ? { images: request.images } : {}),
            label: request.label,
        });
        const prepared = await prepareRelease(resolved, request.workspace, request.namespace);
        if (release && prepared.problems.length > 0)
            throw new ReleaseProblems(resolved.file, prepared.problems);
        return {
            service: resolved.config.service,
            namespace: prepared.namespace,
            resolved,
            prepared,
            warnings: prepared.warnings,
        };
    }
    if (request.service === undefined)
        throw new NoTargetError(`${request.command} needs a service`);
    return { service: request.service, namespace: request.namespace ?? 'default', warnings: [] };
}
/**
 * When a command needs the metric provider: the analysing ones at once (a missing secret fails before
 * anything is applied), promote only for its watch after promotion, the others never.
 */
function analysisFor(command) {
    if (command === 'rollout' || command === 'analyze')
        return 'eager';
    return command === 'promote' ? 'lazy' : 'none';
}
/** The engine for the target, wired as openService wires it. */
function openTarget(target, command, open) {
    const { prepared, resolved } = target;
    return openService({
        analysis: analysisFor(command),
        ...open,
        service: target.service,
        namespace: target.namespace,
        ...(prepared && resolved
            ? {
                workload: prepared.workload,
                router: resolved.config.router ?? { type: 'replicas' },
                ...(needsRelease(command) ? { settings: prepared.release.settings } : {}),
            }
            : {}),
    });
}
/** Runs one command (not status) on the engine. */
async function runCommand(command, service, target, options) {
    const { engine } = service;
    const prepared = target.prepared;
    const release = () => {
        if (!prepared)
            throw new Error(`${command} needs dial.yaml`);
        return prepared;
    };
    switch (command) {
        case 'deploy':
            return engine.deploy(release().release, { force: options.force === true });
        case 'canary':
            return engine.canary(release().release, options.weight ?? 0);
        case 'rollout':
            return release().steps.length === 0
                ? engine.deploy(release().release)
                : engine.rollout(release().release, release().steps, { approve: options.approve === true });
        case 'analyze':
            return engine.analyze(options.seconds);
        case 'promote':
            return engine.promote();
        case 'rollback':
            return engine.rollback({ toPrevious: options.toPrevious === true });
    }
}

;// CONCATENATED MODULE: ./src/cli/status.ts
function renderStatus(record, holder, namespace) {
    if (!record)
        return `no rollout recorded in namespace ${namespace}\n`;
    const lines = [
        `${record.service} in ${record.namespace} (Deployment/${record.workload.name}, router ${record.router})`,
    ];
    lines.push(`  phase     ${record.phase}`);
    const current = record.current;
    if (current) {
        const total = current.steps.length;
        lines.push(`  release   ${current.id}, started ${current.startedAt} by ${current.startedBy}`);
        lines.push(`  images    ${Object.entries(current.images)
            .map(([n, r]) => `${n}=${r}`)
            .join(', ') || '(as in the manifests)'}`);
        lines.push(`  step      ${Math.min(current.step + 1, Math.max(total, 1))}${total > 0 ? `/${total}` : ''}, weight ${current.weight.requested}% (effective ${current.weight.effective}%)`);
        for (const log of current.stepLog)
            lines.push(`    step ${log.step + 1}: ${log.weight}% (effective ${log.effectiveWeight}%) from ${log.startedAt}` +
                (log.verdict ? ` — ${log.verdict}${log.reason ? `: ${log.reason}` : ''}` : ''));
        if (current.analysis) {
            const a = current.analysis;
            lines.push(`  analysis  ${a.verdict ?? 'running'}${a.reason ? ` — ${a.reason}` : ''}` +
                (a.requests ? ` (canary ${a.requests.canary} req, baseline ${a.requests.baseline} req)` : '') +
                `; next measurement ${a.nextDue}`);
        }
        if (current.decision)
            lines.push(`  decision  ${current.decision.action}: ${current.decision.reason}`);
    }
    lines.push(`  lock      ${holder ? `held by ${holder.identity} until ${holder.expiresAt}` : 'free'}`);
    if (record.history.length > 0) {
        lines.push('  history');
        for (const h of record.history)
            lines.push(`    ${h.finishedAt}  ${h.result.padEnd(11)} ${h.id}${h.reason ? ` — ${h.reason}` : ''}`);
    }
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/cli/rollout-commands.ts
// `dial deploy | canary | analyze | promote | rollback | rollout | status`: the rollout engine from a
// terminal. Loaded only by these commands, so `dial plan` starts without the Kubernetes client. The
// actions (src/actions) run the same commands through the same src/settings functions.






/** Exit status per result; `dial --help` and the README state the same. */
const EXIT = {
    deployed: 0,
    promoted: 0,
    passed: 0,
    progressing: 0,
    'rolled-back': 3,
    failed: 3,
    inconclusive: 4,
    paused: 5,
};
class UsageError extends Error {
}
function reporter(io) {
    return {
        info: (line) => io.err(`${line}\n`),
        warn: (line) => io.err(`warning: ${line}\n`),
        progress: (line) => io.err(`  … ${line}\n`),
    };
}
const COMMANDS = new Set(['deploy', 'canary', 'analyze', 'promote', 'rollback', 'rollout', 'status']);
/** Runs one rollout command; returns the exit status. */
async function runRolloutCommand(command, flags, io) {
    try {
        return await dispatch(command, flags, io);
    }
    catch (error) {
        if (error instanceof issues/* ConfigError */.xL) {
            for (const issue of error.issues)
                io.err(`${(0,issues/* formatIssue */.Hd)(issue)}\n`);
            io.err(`${error.issues.length} problem(s); nothing was done.\n`);
            return 1;
        }
        if (error instanceof ReleaseProblems) {
            io.err(`${error.message}\n${error.problems.length} problem(s); nothing was done.\n`);
            return 1;
        }
        io.err(`dial ${command}: ${error.message}\n`);
        return 1;
    }
}
async function dispatch(name, flags, io) {
    if (!COMMANDS.has(name))
        throw new UsageError(`unknown command \`${name}\``);
    const command = name;
    // Inputs are checked before the cluster is touched; the kubeconfig is read only once they are good.
    const weight = command === 'canary' ? parseWeight(flags.weight, '--weight', '`dial promote`') : undefined;
    const seconds = command === 'analyze' ? parseDuration(flags.for, '--for') : undefined;
    if (command === 'analyze' && seconds === undefined && flags['until-decision'] !== true)
        throw new UsageError('analyze needs --for DURATION or --until-decision');
    const service = parseLabel(flags.service, '--service');
    const namespace = parseLabel(flags.namespace, '--namespace');
    let target;
    try {
        target = await resolveTarget({
            command,
            ...(flags.fileGiven || needsRelease(command) ? { file: flags.file } : {}),
            workspace: flags.workspace ?? io.cwd,
            overrides: {
                profile: flags.profile,
                namespace: flags.namespace,
                steps: flags.steps,
                bake: flags.bake,
                set: flags.set,
            },
            ...(flags.image !== undefined ? { images: flags.image } : {}),
            label: (input) => input.startsWith('set ') ? `--set ${input.slice(4)}` : `--${input === 'images' ? 'image' : input}`,
            ...(service !== undefined ? { service } : {}),
            ...(namespace !== undefined ? { namespace } : {}),
        });
    }
    catch (error) {
        if (error instanceof NoTargetError)
            throw new UsageError(`${command} needs --service NAME and --namespace NS (or -f dial.yaml)`);
        throw error;
    }
    for (const warning of target.warnings)
        io.err(`warning: ${warning}\n`);
    const opened = await openTarget(target, command, {
        kc: loadKubeConfig({
            ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
            ...(flags.context ? { context: flags.context } : {}),
        }),
        reporter: reporter(io),
        ...(flags['break-lock'] ? { breakLock: true } : {}),
    });
    if (command === 'status') {
        const [record, holder] = await Promise.all([opened.engine.status(), opened.lock.holder()]);
        io.out(flags.output === 'json'
            ? `${JSON.stringify({ record: record ?? null, lock: holder ?? null }, null, 2)}\n`
            : renderStatus(record, holder, opened.namespace));
        return 0;
    }
    const outcome = await runCommand(command, opened, target, {
        ...(weight !== undefined ? { weight } : {}),
        ...(seconds !== undefined ? { seconds } : {}),
        toPrevious: flags['to-previous'] === true,
        approve: flags.approve === true,
        force: flags['force-conflicts'] === true,
    });
    return finish(outcome, io, flags);
}
function finish(outcome, io, flags) {
    const current = outcome.record.current;
    if (flags.output === 'json') {
        io.out(`${JSON.stringify({
            result: outcome.result,
            reason: outcome.reason,
            phase: outcome.record.phase,
            ...(current ? { release: current.id, weight: current.weight, step: current.step } : {}),
            history: outcome.record.history.slice(0, 1),
        }, null, 2)}\n`);
    }
    else {
        io.out(`${outcome.result}: ${outcome.reason}\n`);
    }
    return EXIT[outcome.result];
}


/***/ }),

/***/ 4483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PX: () => (/* binding */ readManifests),
/* harmony export */   Rd: () => (/* binding */ substituteImages),
/* harmony export */   uP: () => (/* binding */ resolveNamespace),
/* harmony export */   v8: () => (/* binding */ describeObject)
/* harmony export */ });
/* unused harmony exports originOf, parseManifests, imageRepository, podSpecOf, CLUSTER_SCOPED_KINDS, isClusterScoped */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
// The service's manifests as objects: read from YAML files inside the workspace, images substituted by
// image name, the namespace decided in one stated order. Pure apart from reading the files, so it is
// unit-tested without a cluster.



const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
// Where each object came from (`k8s/app.yaml document 2`), for messages. Kept beside the objects rather
// than in them, so nothing Dial-specific is ever sent to the cluster.
const origins = new WeakMap();
/** `k8s/app.yaml document 2` for an object readManifests returned (or a copy made here), else undefined. */
function originOf(object) {
    return origins.get(object);
}
/** `Deployment shop/checkout`, `Namespace shop`: how messages name an object. */
function describeObject(object) {
    const ns = object.metadata?.namespace;
    return `${object.kind ?? '?'} ${ns ? `${ns}/` : ''}${object.metadata?.name ?? '?'}`;
}
function copyOf(object) {
    const copy = structuredClone(object);
    const origin = origins.get(object);
    if (origin !== undefined)
        origins.set(copy, origin);
    return copy;
}
/**
 * Reads multi-document YAML manifests, in the order given. Empty documents are skipped and `List` kinds
 * (`List`, `DeploymentList`, ...) flattened into their items. Every object needs apiVersion, kind and
 * metadata.name. `files` come from src/config's resolveManifests (already confined to the workspace);
 * their real paths are checked again here because a symlink may have changed since.
 */
async function readManifests(files, workspace) {
    const root = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(workspace);
    const objects = [];
    for (const file of files) {
        const shown = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(file) ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, file).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/') : file;
        let real;
        try {
            real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root, file));
        }
        catch {
            throw new Error(`manifest ${shown} does not exist`);
        }
        const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, real);
        if (rel === '..' || rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel)) {
            throw new Error(`manifest ${shown} leads outside the workspace`);
        }
        objects.push(...parseManifests(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(real, 'utf8'), shown));
    }
    return objects;
}
/** Parses one file's text; `file` names it in errors. Exported for tests and for generated manifests. */
function parseManifests(text, file) {
    const objects = [];
    const docs = (0,yaml__WEBPACK_IMPORTED_MODULE_2__/* .parseAllDocuments */ .hR)(text);
    // parseAllDocuments returns an EmptyStream (not an array) for a file without documents.
    if (!Array.isArray(docs))
        return objects;
    for (const [i, doc] of docs.entries()) {
        const where = `${file} document ${i + 1}`;
        if (doc.errors.length > 0) {
            const e = doc.errors[0];
            const at = e.linePos ? ` (line ${e.linePos[0].line}, column ${e.linePos[0].col})` : '';
            throw new Error(`${where}${at}: ${e.message.split('\n')[0]}`);
        }
        const value = doc.toJS();
        if (value === null || value === undefined)
            continue;
        if (!isObj(value))
            throw new Error(`${where}: expected a Kubernetes object, found ${describeValue(value)}`);
        if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
            for (const [j, item] of value.items.entries())
                objects.push(checked(item, `${where} item ${j + 1}`));
        }
        else
            objects.push(checked(value, where));
    }
    return objects;
}
function describeValue(v) {
    return Array.isArray(v) ? 'a list' : typeof v === 'string' ? 'a string' : typeof v;
}
function checked(value, where) {
    if (!isObj(value))
        throw new Error(`${where}: expected a Kubernetes object, found ${describeValue(value)}`);
    const missing = [];
    if (typeof value.apiVersion !== 'string' || value.apiVersion === '')
        missing.push('apiVersion');
    if (typeof value.kind !== 'string' || value.kind === '')
        missing.push('kind');
    const meta = value.metadata;
    if (!isObj(meta) || typeof meta.name !== 'string' || meta.name === '')
        missing.push('metadata.name');
    if (missing.length > 0)
        throw new Error(`${where}: missing ${missing.join(', ')}`);
    const object = value;
    origins.set(object, where);
    return object;
}
// ---------------------------------------------------------------------------------------------------
// Images
/**
 * The repository of an image reference: the reference without `@digest` and without `:tag`. A colon
 * before the last `/` is a registry port (`127.0.0.1:5000/x:1` → `127.0.0.1:5000/x`). Docker Hub's
 * implicit prefixes are dropped so `nginx`, `library/nginx` and `docker.io/library/nginx` compare equal,
 * as the container runtime treats them.
 */
function imageRepository(reference) {
    let repo = reference.trim();
    const at = repo.indexOf('@');
    if (at >= 0)
        repo = repo.slice(0, at);
    const colon = repo.lastIndexOf(':');
    if (colon > repo.lastIndexOf('/'))
        repo = repo.slice(0, colon);
    const hub = ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/'].find((p) => repo.startsWith(p));
    if (hub)
        repo = repo.slice(hub.length);
    if (repo.startsWith('library/') && repo.split('/').length === 2)
        repo = repo.slice('library/'.length);
    return repo;
}
/** Where the pod spec sits, per workload kind. */
const POD_SPEC_PATHS = {
    Pod: ['spec'],
    Deployment: ['spec', 'template', 'spec'],
    StatefulSet: ['spec', 'template', 'spec'],
    DaemonSet: ['spec', 'template', 'spec'],
    ReplicaSet: ['spec', 'template', 'spec'],
    ReplicationController: ['spec', 'template', 'spec'],
    Job: ['spec', 'template', 'spec'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};
/** The pod spec of a workload (Pod, Deployment, ..., CronJob), or undefined for other kinds. */
function podSpecOf(object) {
    const path = POD_SPEC_PATHS[object.kind ?? ''];
    if (!path)
        return undefined;
    let at = object;
    for (const key of path)
        at = isObj(at) ? at[key] : undefined;
    return isObj(at) ? at : undefined;
}
/**
 * Sets each given image on every container (and init container) of every pod template whose image has
 * the same repository as `repository` or as the ref itself. Returns new objects (the input is not
 * changed), what was replaced, and a warning for each image that matched no container — usually a
 * repository in dial.yaml that differs from the manifests' image.
 */
function substituteImages(objects, images) {
    const wanted = images.map((image) => ({
        ...image,
        repos: new Set([imageRepository(image.repository), imageRepository(image.ref)]),
        used: false,
    }));
    const replaced = [];
    const out = objects.map((original) => {
        if (!podSpecOf(original))
            return original;
        const object = copyOf(original);
        const spec = podSpecOf(object);
        for (const field of ['initContainers', 'containers']) {
            const containers = spec[field];
            if (!Array.isArray(containers))
                continue;
            for (const container of containers) {
                if (!isObj(container) || typeof container.image !== 'string')
                    continue;
                const repo = imageRepository(container.image);
                const image = wanted.find((w) => w.repos.has(repo));
                if (!image)
                    continue;
                image.used = true;
                if (container.image === image.ref)
                    continue;
                replaced.push({
                    object: describeObject(object),
                    container: String(container.name ?? '?'),
                    from: container.image,
                    to: image.ref,
                });
                container.image = image.ref;
            }
        }
        return object;
    });
    const warnings = wanted
        .filter((w) => !w.used)
        .map((w) => `image ${w.ref}: no container in the manifests uses repository ${w.repository}` +
        (imageRepository(w.ref) !== imageRepository(w.repository) ? ` or ${imageRepository(w.ref)}` : ''));
    return { objects: out, replaced, warnings };
}
// ---------------------------------------------------------------------------------------------------
// Namespace
/** Kinds that live outside namespaces (plus those of CRDs in the same manifests with scope Cluster). */
const CLUSTER_SCOPED_KINDS = new Set([
    'Namespace',
    'Node',
    'PersistentVolume',
    'ClusterRole',
    'ClusterRoleBinding',
    'CustomResourceDefinition',
    'StorageClass',
    'PriorityClass',
    'RuntimeClass',
    'CSIDriver',
    'CSINode',
    'VolumeAttachment',
    'IngressClass',
    'GatewayClass',
    'APIService',
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
    'MutatingAdmissionPolicy',
    'MutatingAdmissionPolicyBinding',
    'CertificateSigningRequest',
    'FlowSchema',
    'PriorityLevelConfiguration',
    'ComponentStatus',
    'DeviceClass',
]);
/** Kinds that CRDs among the objects declare as cluster-scoped. */
function clusterScopedCrdKinds(objects) {
    const kinds = [];
    for (const o of objects) {
        if (o.kind !== 'CustomResourceDefinition')
            continue;
        const spec = o.spec;
        if (!isObj(spec) || spec.scope !== 'Cluster' || !isObj(spec.names))
            continue;
        if (typeof spec.names.kind === 'string')
            kinds.push(spec.names.kind);
    }
    return kinds;
}
function isClusterScoped(object, extra = new Set()) {
    return CLUSTER_SCOPED_KINDS.has(object.kind ?? '') || extra.has(object.kind ?? '');
}
/**
 * The namespace every namespaced object is applied in. Precedence (the README states the same):
 *   1. the `namespace` input / `--namespace` flag;
 *   2. dial.yaml's `namespace`;
 *   3. the manifest's own metadata.namespace;
 *   4. `default`.
 * When 1 or 2 is set, a manifest that names a DIFFERENT namespace is an error (naming the file and the
 * object): Dial never silently moves an object to another namespace. Cluster-scoped kinds (Namespace,
 * ClusterRole, CRDs, ...) get no namespace. Returns new objects and the service's namespace: 1 or 2, else
 * the first namespace a namespaced manifest names, else `default`.
 */
function resolveNamespace(objects, sources) {
    const forced = nonEmpty(sources.input) ?? nonEmpty(sources.file);
    const forcedBy = nonEmpty(sources.input) ? 'the namespace input' : 'dial.yaml';
    const extra = new Set(clusterScopedCrdKinds(objects));
    const named = objects.find((o) => !isClusterScoped(o, extra) && nonEmpty(o.metadata?.namespace));
    const namespace = forced ?? nonEmpty(named?.metadata?.namespace) ?? 'default';
    const problems = [];
    const out = objects.map((original) => {
        const object = copyOf(original);
        object.metadata ??= {};
        const own = nonEmpty(object.metadata.namespace);
        if (isClusterScoped(object, extra)) {
            delete object.metadata.namespace;
            return object;
        }
        if (forced !== undefined && own !== undefined && own !== forced) {
            const where = originOf(original);
            problems.push(`${where ? `${where}: ` : ''}${object.kind} ${object.metadata.name} names namespace "${own}" but ` +
                `${forcedBy} sets "${forced}"`);
        }
        object.metadata.namespace = forced ?? own ?? 'default';
        return object;
    });
    if (problems.length > 0) {
        throw new Error(`${problems.join('\n')}\nremove metadata.namespace from the manifest or use the same namespace ` +
            '(Dial does not move objects between namespaces)');
    }
    return { objects: out, namespace };
}
function nonEmpty(s) {
    return s === undefined || s.trim() === '' ? undefined : s;
}


/***/ }),

/***/ 6999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ ProviderError),
/* harmony export */   w: () => (/* binding */ ProviderUnavailableError)
/* harmony export */ });
// The seam between the analysis engine and the systems that hold metrics.
// Every provider (Prometheus, Datadog, New Relic, CloudWatch, HTTP/JSON) implements Provider;
// the judges only ever see MetricResult, so a simulated provider can stand in for benchmarks.
/** Raised for failures that retrying will not fix: bad query, rejected credentials, bad config. */
class ProviderError extends Error {
    provider;
    status;
    constructor(message, provider, status) {
        super(message);
        this.provider = provider;
        this.status = status;
        this.name = 'ProviderError';
    }
}
/**
 * The backend could not be reached or kept failing (network error, timeout, 5xx, 429) after the configured
 * retries. A ProviderError too, so callers that only know ProviderError still stop; callers that care can
 * treat it as "provider down" (a no-data policy) rather than as a broken query.
 */
class ProviderUnavailableError extends ProviderError {
    constructor(message, provider, status) {
        super(message, provider, status);
        this.name = 'ProviderUnavailableError';
    }
}


/***/ })

};
