export const id = 970;
export const ids = [970];
export const modules = {

/***/ 43970:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareRelease: () => (/* binding */ prepareRelease),
  releaseId: () => (/* binding */ releaseId)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/analysis/from-config.ts + 10 modules
var from_config = __webpack_require__(5290);
// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(97840);
;// CONCATENATED MODULE: ./src/config/provider.ts

function toProviderConfig(yaml) {
    const timeout = yaml.timeout === undefined ? {} : { timeoutSeconds: (0,duration/* durationSeconds */.o)(yaml.timeout) };
    const http = { ...timeout, ...pick(yaml, ['retries', 'headers', 'headersFromEnv', 'tls']) };
    // The schema's per-type rules guarantee the required fields (prometheus/http url, newrelic accountId, ...).
    switch (yaml.type) {
        case 'prometheus':
            return { ...http, type: 'prometheus', url: yaml.url ?? '', ...pick(yaml, ['auth', 'onlineCheck']) };
        case 'datadog':
            return { ...http, type: 'datadog', ...pick(yaml, ['site', 'url', 'apiKeyEnv', 'applicationKeyEnv']) };
        case 'newrelic':
            return {
                ...http,
                type: 'newrelic',
                accountId: yaml.accountId ?? 0,
                ...pick(yaml, ['url', 'apiKeyEnv']),
                ...(yaml.region === 'eu' || yaml.region === 'us' ? { region: yaml.region } : {}),
            };
        case 'cloudwatch':
            // No custom headers: the AWS SDK signs its own requests (the schema refuses them here).
            return { ...timeout, type: 'cloudwatch', ...pick(yaml, ['region', 'endpoint', 'retries', 'tls']) };
        case 'http':
            return {
                ...http,
                type: 'http',
                url: yaml.url ?? '',
                valuePath: yaml.valuePath ?? '',
                ...pick(yaml, ['method', 'body', 'timeFormat', 'auth']),
            };
    }
}
function pick(value, keys) {
    const out = {};
    for (const key of keys)
        if (value[key] !== undefined)
            out[key] = value[key];
    return out;
}

// EXTERNAL MODULE: ./src/kube/manifests.ts
var manifests = __webpack_require__(4483);
;// CONCATENATED MODULE: ./src/rollout/release.ts
// From a resolved dial.yaml to the release the engine deploys: the manifests read, the images set, the
// namespace resolved, and an id that is the same for the same manifests and images, so a rerun of the
// same release resumes it instead of starting another.






/** `checkout-3f9a1c07d2`: the service and a hash of everything applied (objects with their images). */
function releaseId(service, objects) {
    const hash = (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(objects)).digest('hex').slice(0, 10);
    return `${service}-${hash}`;
}
async function prepareRelease(resolved, workspace, namespaceInput) {
    const { config, profile } = resolved;
    const read = await (0,manifests/* readManifests */.PX)(resolved.manifestFiles.map((file) => (0,external_node_path_.join)(workspace, file)), workspace);
    const images = (config.images ?? [])
        .filter((image) => resolved.imageRefs[image.name] !== undefined)
        .map((image) => ({ repository: image.repository, ref: resolved.imageRefs[image.name] }));
    const substituted = (0,manifests/* substituteImages */.Rd)(read, images);
    const placed = (0,manifests/* resolveNamespace */.uP)(substituted.objects, {
        ...(namespaceInput ? { input: namespaceInput } : {}),
        ...(config.namespace ? { file: config.namespace } : {}),
    });
    const strategy = config.strategy ?? {};
    const bake = (0,duration/* durationSeconds */.o)(strategy.bake ?? '0s');
    const canary = strategy.type !== 'rolling';
    const stepsIn = canary ? (strategy.steps ?? []) : [];
    const steps = stepsIn.map((step, i) => {
        const weight = typeof step === 'number' ? step : step.weight;
        const last = i === stepsIn.length - 1;
        const own = typeof step === 'number' ? undefined : step.bake;
        const gate = typeof step !== 'number' && step.approval === true;
        return {
            weight,
            bakeSeconds: last ? 0 : own ? (0,duration/* durationSeconds */.o)(own) : bake,
            analysis: !last,
            ...((gate || last) && strategy.approval ? { approval: strategy.approval.environment } : {}),
        };
    });
    const problems = [];
    const watch = canary && strategy.watch ? (0,duration/* durationSeconds */.o)(strategy.watch) : 0;
    const settings = {
        progressDeadlineSeconds: (0,duration/* durationSeconds */.o)(strategy.progressDeadline ?? '10m'),
        ...(watch > 0 ? { watchSeconds: watch } : {}),
    };
    if (canary && steps.some((s) => s.analysis)) {
        if (!config.analysis?.provider) {
            problems.push('analysis.provider: a canary needs a metrics provider to judge it (Dial never promotes without evidence)');
        }
        else {
            const mapped = (0,from_config/* analysisSpecFromConfig */.m)(config, profile, bake);
            problems.push(...mapped.problems);
            settings.analysis = { provider: toProviderConfig(config.analysis.provider), spec: mapped.spec };
        }
    }
    const imageRefs = Object.fromEntries((config.images ?? [])
        .filter((image) => resolved.imageRefs[image.name] !== undefined)
        .map((image) => [image.name, resolved.imageRefs[image.name]]));
    return {
        release: {
            id: releaseId(config.service, placed.objects),
            images: imageRefs,
            objects: placed.objects,
            settings,
        },
        namespace: placed.namespace,
        workload: config.workload?.name ?? config.service,
        steps,
        warnings: substituted.warnings,
        problems,
    };
}


/***/ })

};
