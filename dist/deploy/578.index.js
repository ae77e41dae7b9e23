export const id = 578;
export const ids = [578];
export const modules = {

/***/ 21916:
/***/ ((__unused_webpack_module, exports) => {

var __webpack_unused_export__;

__webpack_unused_export__ = true;
exports.Io = exports.kp = void 0;
var peq = new Uint32Array(0x10000);
var myers_32 = function (a, b) {
    var n = a.length;
    var m = b.length;
    var lst = 1 << (n - 1);
    var pv = -1;
    var mv = 0;
    var sc = n;
    var i = n;
    while (i--) {
        peq[a.charCodeAt(i)] |= 1 << i;
    }
    for (i = 0; i < m; i++) {
        var eq = peq[b.charCodeAt(i)];
        var xv = eq | mv;
        eq |= ((eq & pv) + pv) ^ pv;
        mv |= ~(eq | pv);
        pv &= eq;
        if (mv & lst) {
            sc++;
        }
        if (pv & lst) {
            sc--;
        }
        mv = (mv << 1) | 1;
        pv = (pv << 1) | ~(xv | mv);
        mv &= xv;
    }
    i = n;
    while (i--) {
        peq[a.charCodeAt(i)] = 0;
    }
    return sc;
};
var myers_x = function (b, a) {
    var n = a.length;
    var m = b.length;
    var mhc = [];
    var phc = [];
    var hsize = Math.ceil(n / 32);
    var vsize = Math.ceil(m / 32);
    for (var i = 0; i < hsize; i++) {
        phc[i] = -1;
        mhc[i] = 0;
    }
    var j = 0;
    for (; j < vsize - 1; j++) {
        var mv_1 = 0;
        var pv_1 = -1;
        var start_1 = j * 32;
        var vlen_1 = Math.min(32, m) + start_1;
        for (var k = start_1; k < vlen_1; k++) {
            peq[b.charCodeAt(k)] |= 1 << k;
        }
        for (var i = 0; i < n; i++) {
            var eq = peq[a.charCodeAt(i)];
            var pb = (phc[(i / 32) | 0] >>> i) & 1;
            var mb = (mhc[(i / 32) | 0] >>> i) & 1;
            var xv = eq | mv_1;
            var xh = ((((eq | mb) & pv_1) + pv_1) ^ pv_1) | eq | mb;
            var ph = mv_1 | ~(xh | pv_1);
            var mh = pv_1 & xh;
            if ((ph >>> 31) ^ pb) {
                phc[(i / 32) | 0] ^= 1 << i;
            }
            if ((mh >>> 31) ^ mb) {
                mhc[(i / 32) | 0] ^= 1 << i;
            }
            ph = (ph << 1) | pb;
            mh = (mh << 1) | mb;
            pv_1 = mh | ~(xv | ph);
            mv_1 = ph & xv;
        }
        for (var k = start_1; k < vlen_1; k++) {
            peq[b.charCodeAt(k)] = 0;
        }
    }
    var mv = 0;
    var pv = -1;
    var start = j * 32;
    var vlen = Math.min(32, m - start) + start;
    for (var k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] |= 1 << k;
    }
    var score = m;
    for (var i = 0; i < n; i++) {
        var eq = peq[a.charCodeAt(i)];
        var pb = (phc[(i / 32) | 0] >>> i) & 1;
        var mb = (mhc[(i / 32) | 0] >>> i) & 1;
        var xv = eq | mv;
        var xh = ((((eq | mb) & pv) + pv) ^ pv) | eq | mb;
        var ph = mv | ~(xh | pv);
        var mh = pv & xh;
        score += (ph >>> (m - 1)) & 1;
        score -= (mh >>> (m - 1)) & 1;
        if ((ph >>> 31) ^ pb) {
            phc[(i / 32) | 0] ^= 1 << i;
        }
        if ((mh >>> 31) ^ mb) {
            mhc[(i / 32) | 0] ^= 1 << i;
        }
        ph = (ph << 1) | pb;
        mh = (mh << 1) | mb;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
    }
    for (var k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] = 0;
    }
    return score;
};
var distance = function (a, b) {
    if (a.length < b.length) {
        var tmp = b;
        b = a;
        a = tmp;
    }
    if (b.length === 0) {
        return a.length;
    }
    if (a.length <= 32) {
        return myers_32(a, b);
    }
    return myers_x(a, b);
};
exports.Io = distance;
var closest = function (str, arr) {
    var min_distance = Infinity;
    var min_index = 0;
    for (var i = 0; i < arr.length; i++) {
        var dist = distance(str, arr[i]);
        if (dist < min_distance) {
            min_distance = dist;
            min_index = i;
        }
    }
    return arr[min_index];
};
exports.kp = closest;


/***/ }),

/***/ 64578:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadConfig: () => (/* binding */ loadConfig)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/config/issues.ts
var config_issues = __webpack_require__(11012);
;// CONCATENATED MODULE: ./src/config/merge.ts
// Layered merge with provenance: profile defaults < dial.yaml < action inputs / CLI flags.
// Mappings merge key by key; lists and scalars replace whole (a list of checks or steps is one decision).
// Every leaf remembers which layer set it, so the plan can say where each value came from.

function mergeLayers(layers) {
    const value = {};
    const sources = new Map();
    for (const layer of layers)
        mergeInto(value, layer.values, [], layer.source, sources);
    return { value, sources };
}
function mergeInto(target, incoming, path, source, sources) {
    for (const [key, next] of Object.entries(incoming)) {
        if (next === undefined)
            continue;
        const here = [...path, key];
        const current = target[key];
        if (isPlainObject(next) && isPlainObject(current)) {
            mergeInto(current, next, here, source, sources);
            continue;
        }
        // A replaced value forgets the sources of what it replaces (itself and anything beneath it).
        const prefix = (0,config_issues/* formatPath */.jV)(here);
        for (const known of [...sources.keys()]) {
            if (known === prefix || known.startsWith(`${prefix}.`) || known.startsWith(`${prefix}[`))
                sources.delete(known);
        }
        if (isPlainObject(next)) {
            const fresh = {};
            target[key] = fresh;
            mergeInto(fresh, next, here, source, sources);
        }
        else {
            target[key] = structuredClone(next);
            sources.set(prefix, source);
        }
    }
}
/** The source of the value at `path`, or of the nearest enclosing value that was set as a whole. */
function sourceOf(sources, path) {
    for (let end = path.length; end > 0; end--) {
        const found = sources.get((0,config_issues/* formatPath */.jV)(path.slice(0, end)));
        if (found !== undefined)
            return found;
    }
    return undefined;
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/config/overrides.ts
// Action inputs and CLI flags that override dial.yaml. Each becomes its own layer, so the plan can name
// the input that set a value, and a bad input is reported against that input (there is no line to point at).

function overrideLayers(inputs, label) {
    const layers = [];
    const issues = [];
    const text = (value) => value === undefined || value.trim() === '' ? undefined : value.trim();
    const profile = text(inputs.profile);
    if (profile)
        layers.push({ source: label('profile'), values: { profile } });
    const namespace = text(inputs.namespace);
    if (namespace)
        layers.push({ source: label('namespace'), values: { namespace } });
    const steps = text(inputs.steps);
    if (steps) {
        const parts = steps
            .replace(/^\[|\]$/g, '')
            .split(/[\s,]+/)
            .filter((part) => part !== '');
        const bad = parts.find((part) => !/^[0-9]+$/.test(part));
        if (bad !== undefined || parts.length === 0) {
            issues.push({
                path: ['strategy', 'steps'],
                message: `must be a comma-separated list of whole percentages such as 10,25,50,100 (got ${JSON.stringify(steps)})`,
                origin: { kind: 'input', name: label('steps') },
            });
        }
        else {
            layers.push({ source: label('steps'), values: { strategy: { steps: parts.map(Number) } } });
        }
    }
    const bake = text(inputs.bake);
    if (bake)
        layers.push({ source: label('bake'), values: { strategy: { bake } } });
    for (const assignment of inputs.set ?? []) {
        if (assignment.trim() === '')
            continue;
        const parsed = parseAssignment(assignment.trim());
        if ('error' in parsed) {
            issues.push({
                path: [],
                message: parsed.error,
                origin: { kind: 'input', name: label(`set ${assignment}`) },
            });
            continue;
        }
        const values = {};
        let at = values;
        parsed.keys.forEach((key, i) => {
            if (i === parsed.keys.length - 1)
                at[key] = parsed.value;
            else
                at = at[key] = {};
        });
        layers.push({ source: label(`set ${parsed.keys.join('.')}`), values });
    }
    return { layers, issues };
}
function parseAssignment(text) {
    const eq = text.indexOf('=');
    const key = eq < 0 ? '' : text.slice(0, eq).trim();
    if (!/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/.test(key)) {
        return {
            error: `must be field=value with a dotted field name such as strategy.bake=5m (lists are set whole: strategy.steps=[5,50,100]); got ${JSON.stringify(text)}`,
        };
    }
    try {
        return { keys: key.split('.'), value: (0,dist/* parse */.qg)(text.slice(eq + 1)) };
    }
    catch (error) {
        return { error: `the value is not valid YAML: ${error.message.split('\n')[0] ?? ''}` };
    }
}
/**
 * Image references to deploy (`name=ref` per line or comma, or one bare ref when the service has one image),
 * typically the build action's output. Returned by image name.
 */
// An image reference as the OCI distribution grammar has it: an optional registry host (a name with a dot,
// localhost, or host:port; upper case allowed there), lower-case path components, then an optional tag
// (letters of either case, digits, `_ . -`, up to 128) and an optional digest.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const HOST = '(?:(?:[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)+|localhost)(?::[0-9]+)?|[a-zA-Z0-9-]+:[0-9]+)';
const IMAGE_REFERENCE = new RegExp(`^(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`);
function parseImageRefs(text, imageNames, inputName) {
    const refs = {};
    const issues = [];
    if (text === undefined || text.trim() === '')
        return { refs, issues };
    const fail = (message) => issues.push({ path: ['images'], message, origin: { kind: 'input', name: inputName } });
    for (const entry of text
        .split(/[\n,]+/)
        .map((part) => part.trim())
        .filter((part) => part !== '')) {
        const eq = entry.indexOf('=');
        let name = eq > 0 ? entry.slice(0, eq).trim() : undefined;
        const ref = eq > 0 ? entry.slice(eq + 1).trim() : entry;
        if (name === undefined) {
            if (imageNames.length !== 1) {
                fail(`give name=reference: this service has ${imageNames.length} images (${imageNames.join(', ') || 'none'})`);
                continue;
            }
            name = imageNames[0] ?? '';
        }
        if (!imageNames.includes(name)) {
            fail(`unknown image \`${name}\`; images in dial.yaml: ${imageNames.join(', ') || 'none'}`);
        }
        else if (!IMAGE_REFERENCE.test(ref)) {
            fail(`\`${ref}\` is not an image reference such as registry.example.com/shop/app:1.2.3 or …@sha256:<digest>`);
        }
        else
            refs[name] = ref;
    }
    return { refs, issues };
}

// EXTERNAL MODULE: ./src/analysis/defaults.ts
var defaults = __webpack_require__(9158);
// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(97840);
;// CONCATENATED MODULE: ./src/config/profiles.ts
// What each profile means, as dial.yaml defaults. A profile is only defaults: the file overrides any of it.
// The analysis numbers come from src/analysis (where they are measured and justified), in dial.yaml's units.


/** The profile used when neither dial.yaml nor an input names one: the safe middle. */
const DEFAULT_PROFILE = 'production';
const compareChecks = [
    { name: 'errors', type: 'compare', metric: 'errors' },
    { name: 'latency', type: 'compare', metric: 'latency', thresholdMs: 500 },
];
function analysisDefaults(profile) {
    const d = defaults/* ANALYSIS_DEFAULTS */.gU[profile];
    return {
        interval: (0,duration/* formatDuration */.a)(d.intervalSeconds),
        alpha: d.alpha,
        noData: d.noData,
        checks: compareChecks,
    };
}
const PROFILE_DEFAULTS = {
    // Fast feedback: a plain rolling update, a smoke request, a preview per pull request.
    prototype: {
        strategy: { type: 'rolling', progressDeadline: '5m' },
        smoke: { enabled: true, path: '/', expectStatus: 200, timeout: '1m' },
        preview: { enabled: true, mode: 'namespace', ttl: '7d', idleTimeout: '1h' },
    },
    // Canary in steps against a baseline; evidence decides; missing evidence holds, never promotes.
    production: {
        strategy: {
            type: 'canary',
            steps: [10, 25, 50, 100],
            bake: (0,duration/* formatDuration */.a)(defaults/* ANALYSIS_DEFAULTS */.gU.production.minDurationSeconds),
            progressDeadline: '10m',
        },
        analysis: analysisDefaults('production'),
        smoke: { enabled: false },
        preview: { enabled: false },
    },
    // Stability first: production plus an SLO burn-rate guard, longer bake, a human before 100 %, and a watch.
    'mission-critical': {
        strategy: {
            type: 'canary',
            steps: [5, 10, 25, 50, 100],
            bake: (0,duration/* formatDuration */.a)(defaults/* ANALYSIS_DEFAULTS */.gU['mission-critical'].minDurationSeconds),
            approval: { environment: 'production' },
            watch: '30m',
            progressDeadline: '10m',
        },
        analysis: analysisDefaults('mission-critical'),
        slos: [
            {
                name: 'availability',
                objective: (defaults/* ANALYSIS_DEFAULTS */.gU['mission-critical'].sloObjective ?? 0.999) * 100,
                metric: 'errors',
            },
        ],
        smoke: { enabled: false },
        preview: { enabled: false },
    },
};

// EXTERNAL MODULE: ./node_modules/fastest-levenshtein/mod.js
var mod = __webpack_require__(21916);
;// CONCATENATED MODULE: ./schema/dial.schema.json
const dial_schema_namespaceObject = {};
;// CONCATENATED MODULE: ./src/config/generated/validate-dial.js
/* eslint-disable */
// Generated by schema/build-validator.mjs from schema/dial.schema.json. Do not edit.

const validate = validate20;
/* harmony default export */ const validate_dial = ((/* unused pure expression or super */ null && (validate20)));
const schema31 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://dial.dev/schema/dial.schema.json',
  title: 'dial.yaml',
  description:
    'Dial service descriptor: how one service is built, deployed progressively, analysed and previewed. A profile supplies defaults; every field here overrides them, and action inputs override this file.',
  type: 'object',
  additionalProperties: false,
  required: ['service', 'manifests'],
  properties: {
    service: {
      $ref: '#/$defs/label',
      description:
        'Service name (RFC 1123 label). Names the workload, the canary objects and the state kept in the cluster.',
    },
    profile: {
      description:
        'Stage of the service; supplies the defaults. prototype: rolling deploy, smoke check, previews. production: canary 10→25→50→100 with automated analysis. mission-critical: production plus SLO burn-rate guard, longer bake, approval before the last step, post-promotion watch.',
      enum: ['prototype', 'production', 'mission-critical'],
    },
    namespace: { $ref: '#/$defs/label', description: 'Kubernetes namespace the service runs in.' },
    images: {
      description: 'Build contexts and the images they produce.',
      type: 'array',
      items: { $ref: '#/$defs/image' },
    },
    manifests: {
      description:
        'Kubernetes manifest files or folders (YAML/JSON), relative to the workspace; never outside it.',
      type: 'array',
      minItems: 1,
      items: { type: 'string', minLength: 1, description: 'A manifest file or a folder of manifests.' },
    },
    workload: {
      description: 'The workload that is rolled out. Defaults to the Deployment named after the service.',
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { description: 'Workload kind.', enum: ['Deployment'] },
        name: { $ref: '#/$defs/objectName', description: 'Workload name.' },
      },
    },
    router: { $ref: '#/$defs/router' },
    strategy: { $ref: '#/$defs/strategy' },
    analysis: { $ref: '#/$defs/analysis' },
    slos: {
      description:
        'Service level objectives; each becomes a burn-rate guard on the canary (on by default in mission-critical).',
      type: 'array',
      items: { $ref: '#/$defs/slo' },
    },
    smoke: { $ref: '#/$defs/smoke' },
    hooks: { $ref: '#/$defs/hooks' },
    preview: { $ref: '#/$defs/preview' },
  },
  $defs: {
    label: {
      description:
        "An RFC 1123 label: lowercase letters, digits and '-', starting with a letter, at most 63 characters.",
      type: 'string',
      pattern: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$',
    },
    objectName: {
      description: 'A Kubernetes object name (RFC 1123 subdomain).',
      type: 'string',
      pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$',
    },
    duration: {
      description: 'A duration such as 30s, 5m, 1h, 7d or 1h30m.',
      type: 'string',
      pattern: '^([0-9]+(s|m|h|d))+$',
    },
    url: {
      description: 'An http or https URL, e.g. http://prometheus.monitoring:9090.',
      type: 'string',
      pattern: '^https?://[^\\s/?#]+([/?#]\\S*)?$',
    },
    image: {
      description: 'One image built from a context.',
      type: 'object',
      additionalProperties: false,
      required: ['name', 'context', 'repository'],
      properties: {
        name: { $ref: '#/$defs/label', description: 'Container name in the workload that runs this image.' },
        context: {
          type: 'string',
          minLength: 1,
          description: 'Build context folder, relative to the workspace.',
        },
        containerfile: {
          type: 'string',
          minLength: 1,
          description:
            'Containerfile/Dockerfile, relative to the context. Default: Containerfile, then Dockerfile.',
        },
        repository: {
          type: 'string',
          pattern:
            '^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$|^[a-z0-9]+([._-][a-z0-9]+)*$',
          description: 'Image repository without tag, e.g. registry.example.com/shop/checkout.',
        },
      },
    },
    router: {
      description:
        'How traffic is split between stable and canary. Per-type fields name the objects the router changes.',
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: {
          description:
            'replicas: by replica ratio (no mesh needed, approximate). gateway-api: HTTPRoute backend weights. istio: VirtualService weights. smi: TrafficSplit. ingress-nginx: canary Ingress annotations. emissary: Mapping weight.',
          enum: ['replicas', 'gateway-api', 'istio', 'smi', 'ingress-nginx', 'emissary'],
        },
        port: {
          type: 'integer',
          minimum: 1,
          maximum: 65535,
          description: 'Service port traffic is routed to. Default 80.',
        },
        implementation: {
          description:
            "Which implementation serves the router, so the builtin queries read its metrics. gateway-api: envoy (default: most conformant implementations are Envoy-based and report per-backend Envoy clusters — Contour, kgateway, Cilium; Envoy Gateway does not, it puts all backendRefs of a rule in one cluster), istio, linkerd (GAMMA) or traefik. smi: linkerd (default: the mesh that implements SMI today) or envoy. Other routers have one source: istio → Istio, ingress-nginx → ingress-nginx, emissary → Envoy, replicas → the service's own metrics.",
          enum: ['envoy', 'istio', 'linkerd', 'traefik'],
        },
        httpRoute: {
          $ref: '#/$defs/objectName',
          description: 'gateway-api: the HTTPRoute whose backend weights are set.',
        },
        virtualService: {
          $ref: '#/$defs/objectName',
          description: 'istio: the VirtualService whose route weights are set.',
        },
        destinationRule: {
          $ref: '#/$defs/objectName',
          description:
            'istio: DestinationRule with stable/canary subsets (optional; without it, canary Service is used).',
        },
        trafficSplit: {
          $ref: '#/$defs/objectName',
          description: 'smi: the TrafficSplit to manage. Default: the service name.',
        },
        ingress: {
          $ref: '#/$defs/objectName',
          description: 'ingress-nginx: the stable Ingress; a canary Ingress is created beside it.',
        },
        mapping: {
          $ref: '#/$defs/objectName',
          description: 'emissary: the stable Mapping; a canary Mapping is created beside it.',
        },
      },
      allOf: [
        {
          if: { properties: { type: { const: 'replicas' } }, required: ['type'] },
          then: {
            properties: {
              httpRoute: false,
              virtualService: false,
              destinationRule: false,
              trafficSplit: false,
              ingress: false,
              mapping: false,
              implementation: false,
            },
          },
        },
        {
          if: { properties: { type: { const: 'gateway-api' } }, required: ['type'] },
          then: {
            required: ['httpRoute'],
            properties: {
              virtualService: false,
              destinationRule: false,
              trafficSplit: false,
              ingress: false,
              mapping: false,
            },
          },
        },
        {
          if: { properties: { type: { const: 'istio' } }, required: ['type'] },
          then: {
            required: ['virtualService'],
            properties: {
              httpRoute: false,
              trafficSplit: false,
              ingress: false,
              mapping: false,
              implementation: false,
            },
          },
        },
        {
          if: { properties: { type: { const: 'smi' } }, required: ['type'] },
          then: {
            properties: {
              httpRoute: false,
              virtualService: false,
              destinationRule: false,
              ingress: false,
              mapping: false,
              implementation: { enum: ['linkerd', 'envoy'] },
            },
          },
        },
        {
          if: { properties: { type: { const: 'ingress-nginx' } }, required: ['type'] },
          then: {
            required: ['ingress'],
            properties: {
              httpRoute: false,
              virtualService: false,
              destinationRule: false,
              trafficSplit: false,
              mapping: false,
              implementation: false,
            },
          },
        },
        {
          if: { properties: { type: { const: 'emissary' } }, required: ['type'] },
          then: {
            required: ['mapping'],
            properties: {
              httpRoute: false,
              virtualService: false,
              destinationRule: false,
              trafficSplit: false,
              ingress: false,
              implementation: false,
            },
          },
        },
      ],
    },
    strategy: {
      description: 'How the new version reaches users.',
      type: 'object',
      additionalProperties: false,
      properties: {
        type: {
          description:
            'canary: traffic in steps with analysis between them. rolling: a plain rolling update (prototype).',
          enum: ['canary', 'rolling'],
        },
        steps: {
          description:
            'Canary traffic weights in percent, strictly increasing, ending at 100. A number, or { weight, bake, approval }.',
          type: 'array',
          minItems: 1,
          items: { $ref: '#/$defs/step' },
        },
        bake: {
          $ref: '#/$defs/duration',
          description: 'How long each step is held and analysed before the next.',
        },
        approval: {
          description: 'A GitHub environment whose reviewers approve before the last step (100%).',
          type: 'object',
          additionalProperties: false,
          required: ['environment'],
          properties: {
            environment: {
              type: 'string',
              minLength: 1,
              description: 'GitHub environment with required reviewers.',
            },
          },
        },
        watch: {
          $ref: '#/$defs/duration',
          description:
            'Post-promotion watch window: analysis keeps running and a failure rolls back to the previous release.',
        },
        progressDeadline: {
          $ref: '#/$defs/duration',
          description: 'Longest a rollout may take to become ready before it is diagnosed and rolled back.',
        },
      },
    },
    step: {
      description: 'A canary step: a weight (1..100) or { weight, bake, approval }.',
      type: ['integer', 'object'],
      minimum: 1,
      maximum: 100,
      additionalProperties: false,
      required: ['weight'],
      properties: {
        weight: {
          type: 'integer',
          minimum: 1,
          maximum: 100,
          description: 'Percent of traffic sent to the canary.',
        },
        bake: { $ref: '#/$defs/duration', description: 'Hold time for this step (overrides strategy.bake).' },
        approval: { type: 'boolean', description: 'Wait for the approval environment before this step.' },
      },
    },
    analysis: {
      description: 'Metric analysis run during each bake: where metrics come from and what must hold.',
      type: 'object',
      additionalProperties: false,
      properties: {
        provider: { $ref: '#/$defs/provider' },
        interval: { $ref: '#/$defs/duration', description: 'Time between measurements.' },
        alpha: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 0.5,
          description: 'Tolerated probability of a false rollback per compare check over the whole analysis.',
        },
        noData: { $ref: '#/$defs/noData' },
        checks: {
          description: "Checks judged at every measurement. Replaces the profile's list as a whole.",
          type: 'array',
          items: { $ref: '#/$defs/check' },
        },
        builtin: { $ref: '#/$defs/builtin' },
      },
    },
    noData: {
      description:
        'What missing evidence (no data, too little traffic, provider down) means. Never promote: hold keeps the step and waits, rollback ends the rollout, inconclusive stops and asks a human.',
      enum: ['hold', 'rollback', 'inconclusive'],
    },
    provider: {
      description:
        'The metrics provider. Credentials are never written here: fields ending in Env name the environment variable that holds them.',
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: {
          description:
            'prometheus (or a compatible API: Thanos, Mimir, VictoriaMetrics), datadog, newrelic (NRQL), cloudwatch, or http (any JSON endpoint).',
          enum: ['prometheus', 'datadog', 'newrelic', 'cloudwatch', 'http'],
        },
        url: {
          $ref: '#/$defs/url',
          description:
            'prometheus: base URL. http: URL template ({{start}}, {{end}}, {{query}} replaced). datadog/newrelic: API URL overriding site/region (proxies).',
        },
        auth: { $ref: '#/$defs/auth' },
        onlineCheck: {
          enum: ['query', 'ready'],
          description:
            'prometheus: how availability is probed, by a query (works behind gateways) or /-/ready. Default query.',
        },
        scrapeInterval: {
          $ref: '#/$defs/duration',
          description:
            "prometheus: how often Prometheus scrapes the metrics the builtin queries read. Each measurement asks for increase() over the window since the last one, and Prometheus needs two samples inside a window to answer, so the builtin queries need analysis.interval ≥ 2 × scrapeInterval; Dial refuses a shorter interval before it applies anything. Default 15s (the scrape_interval of Prometheus' example configuration and of Istio's): with the profiles' 10s interval, state it when Prometheus scrapes every 5s or faster, or set analysis.interval: 30s.",
        },
        site: {
          type: 'string',
          minLength: 1,
          description: 'datadog: site, e.g. datadoghq.eu. Default datadoghq.com.',
        },
        apiKeyEnv: {
          type: 'string',
          pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
          description:
            'datadog/newrelic: environment variable holding the API key. Default DD_API_KEY / NEW_RELIC_API_KEY.',
        },
        applicationKeyEnv: {
          type: 'string',
          pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
          description: 'datadog: environment variable holding the application key. Default DD_APP_KEY.',
        },
        accountId: { type: 'integer', minimum: 1, description: 'newrelic: account id the NRQL runs in.' },
        region: {
          type: 'string',
          minLength: 1,
          description:
            "newrelic: us or eu (default us). cloudwatch: AWS region, e.g. eu-west-1 (default: the SDK's).",
        },
        endpoint: {
          $ref: '#/$defs/url',
          description: 'cloudwatch: endpoint URL overriding the regional one (VPC endpoints).',
        },
        method: { enum: ['GET', 'POST'], description: 'http: request method. Default GET.' },
        body: {
          type: 'string',
          description: 'http: JSON body template for POST ({{start}}, {{end}}, {{query}} replaced).',
        },
        valuePath: {
          type: 'string',
          minLength: 1,
          description: 'http: dotted path to the number in the JSON answer, e.g. data.result[0].value[1].',
        },
        timeFormat: {
          enum: ['unix', 'unix-ms', 'rfc3339'],
          description: 'http: how {{start}}/{{end}} are written. Default unix.',
        },
        timeout: { $ref: '#/$defs/duration', description: 'Time allowed for one attempt. Default 10s.' },
        retries: {
          type: 'integer',
          minimum: 0,
          maximum: 10,
          description: 'Further attempts after a network error, timeout, 5xx or 429. Default 2.',
        },
        headers: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'Extra request headers with literal, non-secret values (e.g. X-Scope-OrgID).',
        },
        headersFromEnv: {
          type: 'object',
          additionalProperties: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          description:
            'Extra request headers whose values come from environment variables: header -> variable name.',
        },
        tls: { $ref: '#/$defs/tls' },
      },
      allOf: [
        {
          if: { properties: { type: { const: 'prometheus' } }, required: ['type'] },
          then: {
            properties: {
              site: false,
              apiKeyEnv: false,
              applicationKeyEnv: false,
              accountId: false,
              region: false,
              endpoint: false,
              method: false,
              body: false,
              valuePath: false,
              timeFormat: false,
            },
            required: ['url'],
          },
        },
        {
          if: { properties: { type: { const: 'datadog' } }, required: ['type'] },
          then: {
            properties: {
              auth: false,
              onlineCheck: false,
              accountId: false,
              region: false,
              endpoint: false,
              method: false,
              body: false,
              valuePath: false,
              timeFormat: false,
              scrapeInterval: false,
            },
          },
        },
        {
          if: { properties: { type: { const: 'newrelic' } }, required: ['type'] },
          then: {
            properties: {
              auth: false,
              onlineCheck: false,
              site: false,
              applicationKeyEnv: false,
              endpoint: false,
              method: false,
              body: false,
              valuePath: false,
              timeFormat: false,
              region: { enum: ['us', 'eu'] },
              scrapeInterval: false,
            },
            required: ['accountId'],
          },
        },
        {
          if: { properties: { type: { const: 'cloudwatch' } }, required: ['type'] },
          then: {
            properties: {
              url: false,
              auth: false,
              onlineCheck: false,
              site: false,
              apiKeyEnv: false,
              applicationKeyEnv: false,
              accountId: false,
              method: false,
              body: false,
              valuePath: false,
              timeFormat: false,
              headers: false,
              headersFromEnv: false,
              scrapeInterval: false,
            },
          },
        },
        {
          if: { properties: { type: { const: 'http' } }, required: ['type'] },
          then: {
            properties: {
              onlineCheck: false,
              site: false,
              apiKeyEnv: false,
              applicationKeyEnv: false,
              accountId: false,
              region: false,
              endpoint: false,
              scrapeInterval: false,
            },
            required: ['url', 'valuePath'],
          },
        },
      ],
    },
    builtin: {
      description:
        "Settings of the builtin layer-7 queries: the PromQL Dial runs (canary and baseline, requests and failed or slow requests) for a compare check or SLO without `queries`, from the metrics of the router's source (router.implementation). Needs a prometheus provider. Only what differs from the source's defaults.",
      type: 'object',
      additionalProperties: false,
      properties: {
        buckets: {
          description:
            "Upper bounds of the latency histogram's buckets, in the histogram's own unit (milliseconds for Istio, Envoy and Linkerd; seconds for ingress-nginx, Traefik and the replicas router's default), when they are not the source's defaults. A latency check counts a request as slow above the smallest bound ≥ thresholdMs, so pick bounds that include your thresholds. Defaults — Istio and Envoy: 0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000 ms; Linkerd: 1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1000, 2000, 3000, 4000, 5000, 10000, 20000, 30000, 40000, 50000 ms; ingress-nginx and replicas: 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 s; Traefik: 0.1, 0.3, 1.2, 5 s.",
          type: 'array',
          minItems: 1,
          items: { type: 'number', exclusiveMinimum: 0 },
        },
        requests: {
          description:
            "replicas: the service's request counter, with the HTTP status in codeLabel. Default http_requests_total.",
          type: 'string',
          pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$',
        },
        duration: {
          description:
            "replicas: the service's request-duration histogram, without the _bucket suffix. Default http_request_duration_seconds.",
          type: 'string',
          pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$',
        },
        durationUnit: {
          description: "replicas: the unit of the duration histogram's buckets. Default s.",
          enum: ['s', 'ms'],
        },
        codeLabel: {
          description: 'replicas: the label holding the HTTP status code. Default code.',
          type: 'string',
          pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$',
        },
        trackLabel: {
          description:
            "replicas: the label the pod's dial.dev/track label becomes by relabelling (source_labels: [__meta_kubernetes_pod_label_dial_dev_track], target_label: track). Default track.",
          type: 'string',
          pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$',
        },
        namespaceLabel: {
          description:
            "ingress-nginx, Linkerd and replicas: the label holding the namespace; exported_namespace when the scrape renamed the exporter's own namespace label. Default namespace.",
          type: 'string',
          pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$',
        },
      },
    },
    countQueries: {
      type: 'object',
      additionalProperties: false,
      required: ['total', 'bad'],
      description: 'A pair of count queries: all requests, and the bad ones.',
      properties: {
        total: { type: 'string', minLength: 1, description: 'Query counting all requests over the window.' },
        bad: {
          type: 'string',
          minLength: 1,
          description: 'Query counting bad requests (errors, or slower than the bound).',
        },
      },
    },
    check: {
      description:
        "One check. compare: canary versus baseline on counts (errors or latency). threshold: one query's value within min/max.",
      type: 'object',
      additionalProperties: false,
      required: ['name', 'type'],
      properties: {
        name: { $ref: '#/$defs/label', description: 'Check name, shown in logs and evidence.' },
        type: { description: 'compare or threshold.', enum: ['compare', 'threshold'] },
        metric: {
          description: 'compare: what counts as bad, errors (5xx) or latency (slower than thresholdMs).',
          enum: ['errors', 'latency'],
        },
        thresholdMs: {
          type: 'integer',
          minimum: 1,
          description: 'compare/latency: a request slower than this many milliseconds counts as bad.',
        },
        tolerance: {
          type: 'number',
          minimum: 1,
          description:
            'compare: canary/baseline bad-rate ratio still treated as no worse. Default 1 (any sustained increase is a regression).',
        },
        regression: {
          type: 'number',
          exclusiveMinimum: 1,
          description: 'compare: canary/baseline bad-rate ratio an early pass must rule out. Default 1.5.',
        },
        minRequests: {
          type: 'integer',
          minimum: 1,
          description: 'compare: requests each arm must serve before a pass is possible. Default 100.',
        },
        queries: {
          description: 'compare: explicit count queries (needed when the router has no builtin queries).',
          type: 'object',
          additionalProperties: false,
          required: ['canary', 'baseline'],
          properties: {
            canary: { $ref: '#/$defs/countQueries' },
            baseline: { $ref: '#/$defs/countQueries' },
          },
        },
        query: { type: 'string', minLength: 1, description: 'threshold: the query whose value is judged.' },
        min: { type: 'number', description: 'threshold: lowest passing value (inclusive).' },
        max: { type: 'number', description: 'threshold: highest passing value (inclusive).' },
        critical: { type: 'boolean', description: 'A failing critical check rolls back at once.' },
        noData: { $ref: '#/$defs/noData' },
      },
      allOf: [
        {
          if: { properties: { type: { const: 'compare' } }, required: ['type'] },
          then: { required: ['metric'], properties: { query: false, min: false, max: false } },
        },
        {
          if: { properties: { type: { const: 'threshold' } }, required: ['type'] },
          then: {
            required: ['query'],
            properties: {
              metric: false,
              thresholdMs: false,
              tolerance: false,
              regression: false,
              minRequests: false,
              queries: false,
            },
          },
        },
      ],
    },
    slo: {
      description: 'A service level objective guarded by a multi-window burn-rate check on the canary.',
      type: 'object',
      additionalProperties: false,
      required: ['name', 'objective'],
      properties: {
        name: { $ref: '#/$defs/label', description: 'SLO name.' },
        objective: {
          type: 'number',
          exclusiveMinimum: 0,
          exclusiveMaximum: 100,
          description: 'Target in percent of good requests, e.g. 99.9.',
        },
        metric: {
          enum: ['errors', 'latency'],
          description: 'What a bad request is: an error, or slower than thresholdMs. Default errors.',
        },
        thresholdMs: {
          type: 'integer',
          minimum: 1,
          description: 'metric latency: the bound in milliseconds.',
        },
        queries: { $ref: '#/$defs/countQueries' },
      },
    },
    smoke: {
      description:
        'A smoke check after a plain deploy: an HTTP request to the service that must answer as expected.',
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean', description: 'Run the smoke check.' },
        path: { type: 'string', pattern: '^/', description: 'HTTP path requested on the service.' },
        expectStatus: { type: 'integer', minimum: 100, maximum: 599, description: 'Expected HTTP status.' },
        timeout: {
          $ref: '#/$defs/duration',
          description: 'How long the service may take to answer as expected.',
        },
      },
    },
    hook: {
      description:
        'An HTTP hook; a non-2xx answer stops the rollout (pre hooks) or is reported (post hooks).',
      type: 'object',
      additionalProperties: false,
      required: ['name', 'url'],
      properties: {
        name: { $ref: '#/$defs/label', description: 'Hook name.' },
        url: { $ref: '#/$defs/url', description: 'URL called.' },
        method: { enum: ['GET', 'POST'], description: 'HTTP method. Default POST.' },
        timeout: { $ref: '#/$defs/duration', description: 'Request timeout. Default 30s.' },
      },
    },
    hooks: {
      description: 'HTTP hooks around the rollout.',
      type: 'object',
      additionalProperties: false,
      properties: {
        preDeploy: {
          type: 'array',
          items: { $ref: '#/$defs/hook' },
          description: 'Before anything is applied.',
        },
        postDeploy: {
          type: 'array',
          items: { $ref: '#/$defs/hook' },
          description: 'After the new version is running (before traffic).',
        },
        postPromote: { type: 'array', items: { $ref: '#/$defs/hook' }, description: 'After promotion.' },
        onRollback: { type: 'array', items: { $ref: '#/$defs/hook' }, description: 'After a rollback.' },
      },
    },
    preview: {
      description: 'Pull-request preview environments.',
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean', description: 'Create a preview per pull request.' },
        mode: {
          enum: ['namespace', 'header'],
          description:
            'namespace: a namespace per pull request. header: beside production, reached with a header (every service must forward it).',
        },
        ttl: { $ref: '#/$defs/duration', description: 'Deleted this long after creation.' },
        idleTimeout: {
          $ref: '#/$defs/duration',
          description: 'Scaled down after this long without a new commit.',
        },
        host: {
          type: 'string',
          minLength: 1,
          description: 'Host name of a preview; {pr} is replaced by the pull request number.',
        },
        header: {
          type: 'string',
          pattern: '^[A-Za-z0-9-]+$',
          description: 'header mode: the routing header. Default x-dial-preview.',
        },
      },
    },
    auth: {
      description: 'Credentials sent with every request (prometheus, http).',
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: {
          enum: ['none', 'bearer', 'basic'],
          description: 'none, bearer (Authorization: Bearer) or basic.',
        },
        tokenEnv: {
          type: 'string',
          pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
          description: 'bearer: environment variable holding the token.',
        },
        username: { type: 'string', minLength: 1, description: 'basic: user name (not a secret).' },
        usernameEnv: {
          type: 'string',
          pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
          description: 'basic: environment variable holding the user name.',
        },
        passwordEnv: {
          type: 'string',
          pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
          description: 'basic: environment variable holding the password.',
        },
      },
      allOf: [
        {
          if: { properties: { type: { const: 'none' } }, required: ['type'] },
          then: { properties: { tokenEnv: false, username: false, usernameEnv: false, passwordEnv: false } },
        },
        {
          if: { properties: { type: { const: 'bearer' } }, required: ['type'] },
          then: {
            required: ['tokenEnv'],
            properties: { username: false, usernameEnv: false, passwordEnv: false },
          },
        },
        {
          if: { properties: { type: { const: 'basic' } }, required: ['type'] },
          then: { required: ['passwordEnv'], properties: { tokenEnv: false } },
        },
      ],
    },
    tls: {
      description: 'TLS options for https URLs.',
      type: 'object',
      additionalProperties: false,
      properties: {
        caFile: {
          type: 'string',
          minLength: 1,
          description: 'Extra certificate authority (PEM file) trusted besides the system roots.',
        },
        certFile: {
          type: 'string',
          minLength: 1,
          description: 'Client certificate (PEM file) for mutual TLS; needs keyFile.',
        },
        keyFile: {
          type: 'string',
          minLength: 1,
          description: 'Private key (PEM file) of the client certificate.',
        },
        serverName: {
          type: 'string',
          minLength: 1,
          description: "Name checked against the server certificate instead of the URL's host.",
        },
        insecureSkipVerify: {
          type: 'boolean',
          description: 'Accept any server certificate. Only for test setups.',
        },
      },
    },
  },
};
const schema32 = {
  description:
    "An RFC 1123 label: lowercase letters, digits and '-', starting with a letter, at most 63 characters.",
  type: 'string',
  pattern: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$',
};
const schema36 = {
  description: 'A Kubernetes object name (RFC 1123 subdomain).',
  type: 'string',
  pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$',
};
const func1 = Object.prototype.hasOwnProperty;
const pattern4 = new RegExp('^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$', 'u');
const pattern8 = new RegExp('^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$', 'u');
const schema34 = {
  description: 'One image built from a context.',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'context', 'repository'],
  properties: {
    name: { $ref: '#/$defs/label', description: 'Container name in the workload that runs this image.' },
    context: {
      type: 'string',
      minLength: 1,
      description: 'Build context folder, relative to the workspace.',
    },
    containerfile: {
      type: 'string',
      minLength: 1,
      description:
        'Containerfile/Dockerfile, relative to the context. Default: Containerfile, then Dockerfile.',
    },
    repository: {
      type: 'string',
      pattern:
        '^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$|^[a-z0-9]+([._-][a-z0-9]+)*$',
      description: 'Image repository without tag, e.g. registry.example.com/shop/checkout.',
    },
  },
};
const pattern7 = new RegExp(
  '^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$|^[a-z0-9]+([._-][a-z0-9]+)*$',
  'u',
);
function validate21(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate21.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
        schema: schema34.required,
        parentSchema: schema34,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.context === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'context' },
        message: "must have required property '" + 'context' + "'",
        schema: schema34.required,
        parentSchema: schema34,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.repository === undefined) {
      const err2 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'repository' },
        message: "must have required property '" + 'repository' + "'",
        schema: schema34.required,
        parentSchema: schema34,
        data,
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === 'name' || key0 === 'context' || key0 === 'containerfile' || key0 === 'repository')) {
        const err3 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema34,
          data,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === 'string') {
        if (!pattern4.test(data0)) {
          const err4 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/label/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' },
            message: 'must match pattern "' + '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' + '"',
            schema: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$',
            parentSchema: schema32,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/label/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema32.type,
          parentSchema: schema32,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.context !== undefined) {
      let data1 = data.context;
      if (typeof data1 === 'string') {
        if (data1.length < 1) {
          const err6 = {
            instancePath: instancePath + '/context',
            schemaPath: '#/properties/context/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema34.properties.context,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      } else {
        const err7 = {
          instancePath: instancePath + '/context',
          schemaPath: '#/properties/context/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema34.properties.context.type,
          parentSchema: schema34.properties.context,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.containerfile !== undefined) {
      let data2 = data.containerfile;
      if (typeof data2 === 'string') {
        if (data2.length < 1) {
          const err8 = {
            instancePath: instancePath + '/containerfile',
            schemaPath: '#/properties/containerfile/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema34.properties.containerfile,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
      } else {
        const err9 = {
          instancePath: instancePath + '/containerfile',
          schemaPath: '#/properties/containerfile/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema34.properties.containerfile.type,
          parentSchema: schema34.properties.containerfile,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.repository !== undefined) {
      let data3 = data.repository;
      if (typeof data3 === 'string') {
        if (!pattern7.test(data3)) {
          const err10 = {
            instancePath: instancePath + '/repository',
            schemaPath: '#/properties/repository/pattern',
            keyword: 'pattern',
            params: {
              pattern:
                '^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$|^[a-z0-9]+([._-][a-z0-9]+)*$',
            },
            message:
              'must match pattern "' +
              '^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$|^[a-z0-9]+([._-][a-z0-9]+)*$' +
              '"',
            schema:
              '^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+$|^[a-z0-9]+([._-][a-z0-9]+)*$',
            parentSchema: schema34.properties.repository,
            data: data3,
          };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
      } else {
        const err11 = {
          instancePath: instancePath + '/repository',
          schemaPath: '#/properties/repository/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema34.properties.repository.type,
          parentSchema: schema34.properties.repository,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
  } else {
    const err12 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema34.type,
      parentSchema: schema34,
      data,
    };
    if (vErrors === null) {
      vErrors = [err12];
    } else {
      vErrors.push(err12);
    }
    errors++;
  }
  validate21.errors = vErrors;
  return errors === 0;
}
validate21.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
const schema37 = {
  description:
    'How traffic is split between stable and canary. Per-type fields name the objects the router changes.',
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: {
      description:
        'replicas: by replica ratio (no mesh needed, approximate). gateway-api: HTTPRoute backend weights. istio: VirtualService weights. smi: TrafficSplit. ingress-nginx: canary Ingress annotations. emissary: Mapping weight.',
      enum: ['replicas', 'gateway-api', 'istio', 'smi', 'ingress-nginx', 'emissary'],
    },
    port: {
      type: 'integer',
      minimum: 1,
      maximum: 65535,
      description: 'Service port traffic is routed to. Default 80.',
    },
    implementation: {
      description:
        "Which implementation serves the router, so the builtin queries read its metrics. gateway-api: envoy (default: most conformant implementations are Envoy-based and report per-backend Envoy clusters — Contour, kgateway, Cilium; Envoy Gateway does not, it puts all backendRefs of a rule in one cluster), istio, linkerd (GAMMA) or traefik. smi: linkerd (default: the mesh that implements SMI today) or envoy. Other routers have one source: istio → Istio, ingress-nginx → ingress-nginx, emissary → Envoy, replicas → the service's own metrics.",
      enum: ['envoy', 'istio', 'linkerd', 'traefik'],
    },
    httpRoute: {
      $ref: '#/$defs/objectName',
      description: 'gateway-api: the HTTPRoute whose backend weights are set.',
    },
    virtualService: {
      $ref: '#/$defs/objectName',
      description: 'istio: the VirtualService whose route weights are set.',
    },
    destinationRule: {
      $ref: '#/$defs/objectName',
      description:
        'istio: DestinationRule with stable/canary subsets (optional; without it, canary Service is used).',
    },
    trafficSplit: {
      $ref: '#/$defs/objectName',
      description: 'smi: the TrafficSplit to manage. Default: the service name.',
    },
    ingress: {
      $ref: '#/$defs/objectName',
      description: 'ingress-nginx: the stable Ingress; a canary Ingress is created beside it.',
    },
    mapping: {
      $ref: '#/$defs/objectName',
      description: 'emissary: the stable Mapping; a canary Mapping is created beside it.',
    },
  },
  allOf: [
    {
      if: { properties: { type: { const: 'replicas' } }, required: ['type'] },
      then: {
        properties: {
          httpRoute: false,
          virtualService: false,
          destinationRule: false,
          trafficSplit: false,
          ingress: false,
          mapping: false,
          implementation: false,
        },
      },
    },
    {
      if: { properties: { type: { const: 'gateway-api' } }, required: ['type'] },
      then: {
        required: ['httpRoute'],
        properties: {
          virtualService: false,
          destinationRule: false,
          trafficSplit: false,
          ingress: false,
          mapping: false,
        },
      },
    },
    {
      if: { properties: { type: { const: 'istio' } }, required: ['type'] },
      then: {
        required: ['virtualService'],
        properties: {
          httpRoute: false,
          trafficSplit: false,
          ingress: false,
          mapping: false,
          implementation: false,
        },
      },
    },
    {
      if: { properties: { type: { const: 'smi' } }, required: ['type'] },
      then: {
        properties: {
          httpRoute: false,
          virtualService: false,
          destinationRule: false,
          ingress: false,
          mapping: false,
          implementation: { enum: ['linkerd', 'envoy'] },
        },
      },
    },
    {
      if: { properties: { type: { const: 'ingress-nginx' } }, required: ['type'] },
      then: {
        required: ['ingress'],
        properties: {
          httpRoute: false,
          virtualService: false,
          destinationRule: false,
          trafficSplit: false,
          mapping: false,
          implementation: false,
        },
      },
    },
    {
      if: { properties: { type: { const: 'emissary' } }, required: ['type'] },
      then: {
        required: ['mapping'],
        properties: {
          httpRoute: false,
          virtualService: false,
          destinationRule: false,
          trafficSplit: false,
          ingress: false,
          implementation: false,
        },
      },
    },
  ],
};
function validate23(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate23.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  const _errs2 = errors;
  let valid1 = true;
  const _errs3 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing0;
    if (data.type === undefined && (missing0 = 'type')) {
      const err0 = {};
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('replicas' !== data.type) {
          const err1 = {};
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
      }
    }
  }
  var _valid0 = _errs3 === errors;
  errors = _errs2;
  if (vErrors !== null) {
    if (_errs2) {
      vErrors.length = _errs2;
    } else {
      vErrors = null;
    }
  }
  if (_valid0) {
    const _errs5 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.httpRoute !== undefined) {
        const err2 = {
          instancePath: instancePath + '/httpRoute',
          schemaPath: '#/allOf/0/then/properties/httpRoute/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[0].then.properties.httpRoute,
          data: data.httpRoute,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
      if (data.virtualService !== undefined) {
        const err3 = {
          instancePath: instancePath + '/virtualService',
          schemaPath: '#/allOf/0/then/properties/virtualService/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[0].then.properties.virtualService,
          data: data.virtualService,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      if (data.destinationRule !== undefined) {
        const err4 = {
          instancePath: instancePath + '/destinationRule',
          schemaPath: '#/allOf/0/then/properties/destinationRule/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[0].then.properties.destinationRule,
          data: data.destinationRule,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
      if (data.trafficSplit !== undefined) {
        const err5 = {
          instancePath: instancePath + '/trafficSplit',
          schemaPath: '#/allOf/0/then/properties/trafficSplit/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[0].then.properties.trafficSplit,
          data: data.trafficSplit,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
      if (data.ingress !== undefined) {
        const err6 = {
          instancePath: instancePath + '/ingress',
          schemaPath: '#/allOf/0/then/properties/ingress/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[0].then.properties.ingress,
          data: data.ingress,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
      if (data.mapping !== undefined) {
        const err7 = {
          instancePath: instancePath + '/mapping',
          schemaPath: '#/allOf/0/then/properties/mapping/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[0].then.properties.mapping,
          data: data.mapping,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
      if (data.implementation !== undefined) {
        const err8 = {
          instancePath: instancePath + '/implementation',
          schemaPath: '#/allOf/0/then/properties/implementation/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[0].then.properties.implementation,
          data: data.implementation,
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    var _valid0 = _errs5 === errors;
    valid1 = _valid0;
    if (valid1) {
      var props0 = {};
      props0.httpRoute = true;
      props0.virtualService = true;
      props0.destinationRule = true;
      props0.trafficSplit = true;
      props0.ingress = true;
      props0.mapping = true;
      props0.implementation = true;
      props0.type = true;
    }
  }
  if (!valid1) {
    const err9 = {
      instancePath,
      schemaPath: '#/allOf/0/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema37.allOf[0].if,
      parentSchema: schema37.allOf[0],
      data,
    };
    if (vErrors === null) {
      vErrors = [err9];
    } else {
      vErrors.push(err9);
    }
    errors++;
  }
  const _errs7 = errors;
  let valid4 = true;
  const _errs8 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing1;
    if (data.type === undefined && (missing1 = 'type')) {
      const err10 = {};
      if (vErrors === null) {
        vErrors = [err10];
      } else {
        vErrors.push(err10);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('gateway-api' !== data.type) {
          const err11 = {};
          if (vErrors === null) {
            vErrors = [err11];
          } else {
            vErrors.push(err11);
          }
          errors++;
        }
      }
    }
  }
  var _valid1 = _errs8 === errors;
  errors = _errs7;
  if (vErrors !== null) {
    if (_errs7) {
      vErrors.length = _errs7;
    } else {
      vErrors = null;
    }
  }
  if (_valid1) {
    const _errs10 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.httpRoute === undefined) {
        const err12 = {
          instancePath,
          schemaPath: '#/allOf/1/then/required',
          keyword: 'required',
          params: { missingProperty: 'httpRoute' },
          message: "must have required property '" + 'httpRoute' + "'",
          schema: schema37.allOf[1].then.required,
          parentSchema: schema37.allOf[1].then,
          data,
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
      if (data.virtualService !== undefined) {
        const err13 = {
          instancePath: instancePath + '/virtualService',
          schemaPath: '#/allOf/1/then/properties/virtualService/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[1].then.properties.virtualService,
          data: data.virtualService,
        };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      }
      if (data.destinationRule !== undefined) {
        const err14 = {
          instancePath: instancePath + '/destinationRule',
          schemaPath: '#/allOf/1/then/properties/destinationRule/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[1].then.properties.destinationRule,
          data: data.destinationRule,
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
      if (data.trafficSplit !== undefined) {
        const err15 = {
          instancePath: instancePath + '/trafficSplit',
          schemaPath: '#/allOf/1/then/properties/trafficSplit/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[1].then.properties.trafficSplit,
          data: data.trafficSplit,
        };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
      if (data.ingress !== undefined) {
        const err16 = {
          instancePath: instancePath + '/ingress',
          schemaPath: '#/allOf/1/then/properties/ingress/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[1].then.properties.ingress,
          data: data.ingress,
        };
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      }
      if (data.mapping !== undefined) {
        const err17 = {
          instancePath: instancePath + '/mapping',
          schemaPath: '#/allOf/1/then/properties/mapping/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[1].then.properties.mapping,
          data: data.mapping,
        };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
    var _valid1 = _errs10 === errors;
    valid4 = _valid1;
    if (valid4) {
      var props1 = {};
      props1.virtualService = true;
      props1.destinationRule = true;
      props1.trafficSplit = true;
      props1.ingress = true;
      props1.mapping = true;
      props1.type = true;
    }
  }
  if (!valid4) {
    const err18 = {
      instancePath,
      schemaPath: '#/allOf/1/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema37.allOf[1].if,
      parentSchema: schema37.allOf[1],
      data,
    };
    if (vErrors === null) {
      vErrors = [err18];
    } else {
      vErrors.push(err18);
    }
    errors++;
  }
  if (props0 !== true && props1 !== undefined) {
    if (props1 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props1);
    }
  }
  const _errs12 = errors;
  let valid7 = true;
  const _errs13 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing2;
    if (data.type === undefined && (missing2 = 'type')) {
      const err19 = {};
      if (vErrors === null) {
        vErrors = [err19];
      } else {
        vErrors.push(err19);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('istio' !== data.type) {
          const err20 = {};
          if (vErrors === null) {
            vErrors = [err20];
          } else {
            vErrors.push(err20);
          }
          errors++;
        }
      }
    }
  }
  var _valid2 = _errs13 === errors;
  errors = _errs12;
  if (vErrors !== null) {
    if (_errs12) {
      vErrors.length = _errs12;
    } else {
      vErrors = null;
    }
  }
  if (_valid2) {
    const _errs15 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.virtualService === undefined) {
        const err21 = {
          instancePath,
          schemaPath: '#/allOf/2/then/required',
          keyword: 'required',
          params: { missingProperty: 'virtualService' },
          message: "must have required property '" + 'virtualService' + "'",
          schema: schema37.allOf[2].then.required,
          parentSchema: schema37.allOf[2].then,
          data,
        };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
      if (data.httpRoute !== undefined) {
        const err22 = {
          instancePath: instancePath + '/httpRoute',
          schemaPath: '#/allOf/2/then/properties/httpRoute/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[2].then.properties.httpRoute,
          data: data.httpRoute,
        };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      }
      if (data.trafficSplit !== undefined) {
        const err23 = {
          instancePath: instancePath + '/trafficSplit',
          schemaPath: '#/allOf/2/then/properties/trafficSplit/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[2].then.properties.trafficSplit,
          data: data.trafficSplit,
        };
        if (vErrors === null) {
          vErrors = [err23];
        } else {
          vErrors.push(err23);
        }
        errors++;
      }
      if (data.ingress !== undefined) {
        const err24 = {
          instancePath: instancePath + '/ingress',
          schemaPath: '#/allOf/2/then/properties/ingress/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[2].then.properties.ingress,
          data: data.ingress,
        };
        if (vErrors === null) {
          vErrors = [err24];
        } else {
          vErrors.push(err24);
        }
        errors++;
      }
      if (data.mapping !== undefined) {
        const err25 = {
          instancePath: instancePath + '/mapping',
          schemaPath: '#/allOf/2/then/properties/mapping/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[2].then.properties.mapping,
          data: data.mapping,
        };
        if (vErrors === null) {
          vErrors = [err25];
        } else {
          vErrors.push(err25);
        }
        errors++;
      }
      if (data.implementation !== undefined) {
        const err26 = {
          instancePath: instancePath + '/implementation',
          schemaPath: '#/allOf/2/then/properties/implementation/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[2].then.properties.implementation,
          data: data.implementation,
        };
        if (vErrors === null) {
          vErrors = [err26];
        } else {
          vErrors.push(err26);
        }
        errors++;
      }
    }
    var _valid2 = _errs15 === errors;
    valid7 = _valid2;
    if (valid7) {
      var props2 = {};
      props2.httpRoute = true;
      props2.trafficSplit = true;
      props2.ingress = true;
      props2.mapping = true;
      props2.implementation = true;
      props2.type = true;
    }
  }
  if (!valid7) {
    const err27 = {
      instancePath,
      schemaPath: '#/allOf/2/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema37.allOf[2].if,
      parentSchema: schema37.allOf[2],
      data,
    };
    if (vErrors === null) {
      vErrors = [err27];
    } else {
      vErrors.push(err27);
    }
    errors++;
  }
  if (props0 !== true && props2 !== undefined) {
    if (props2 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props2);
    }
  }
  const _errs17 = errors;
  let valid10 = true;
  const _errs18 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing3;
    if (data.type === undefined && (missing3 = 'type')) {
      const err28 = {};
      if (vErrors === null) {
        vErrors = [err28];
      } else {
        vErrors.push(err28);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('smi' !== data.type) {
          const err29 = {};
          if (vErrors === null) {
            vErrors = [err29];
          } else {
            vErrors.push(err29);
          }
          errors++;
        }
      }
    }
  }
  var _valid3 = _errs18 === errors;
  errors = _errs17;
  if (vErrors !== null) {
    if (_errs17) {
      vErrors.length = _errs17;
    } else {
      vErrors = null;
    }
  }
  if (_valid3) {
    const _errs20 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.httpRoute !== undefined) {
        const err30 = {
          instancePath: instancePath + '/httpRoute',
          schemaPath: '#/allOf/3/then/properties/httpRoute/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[3].then.properties.httpRoute,
          data: data.httpRoute,
        };
        if (vErrors === null) {
          vErrors = [err30];
        } else {
          vErrors.push(err30);
        }
        errors++;
      }
      if (data.virtualService !== undefined) {
        const err31 = {
          instancePath: instancePath + '/virtualService',
          schemaPath: '#/allOf/3/then/properties/virtualService/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[3].then.properties.virtualService,
          data: data.virtualService,
        };
        if (vErrors === null) {
          vErrors = [err31];
        } else {
          vErrors.push(err31);
        }
        errors++;
      }
      if (data.destinationRule !== undefined) {
        const err32 = {
          instancePath: instancePath + '/destinationRule',
          schemaPath: '#/allOf/3/then/properties/destinationRule/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[3].then.properties.destinationRule,
          data: data.destinationRule,
        };
        if (vErrors === null) {
          vErrors = [err32];
        } else {
          vErrors.push(err32);
        }
        errors++;
      }
      if (data.ingress !== undefined) {
        const err33 = {
          instancePath: instancePath + '/ingress',
          schemaPath: '#/allOf/3/then/properties/ingress/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[3].then.properties.ingress,
          data: data.ingress,
        };
        if (vErrors === null) {
          vErrors = [err33];
        } else {
          vErrors.push(err33);
        }
        errors++;
      }
      if (data.mapping !== undefined) {
        const err34 = {
          instancePath: instancePath + '/mapping',
          schemaPath: '#/allOf/3/then/properties/mapping/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[3].then.properties.mapping,
          data: data.mapping,
        };
        if (vErrors === null) {
          vErrors = [err34];
        } else {
          vErrors.push(err34);
        }
        errors++;
      }
      if (data.implementation !== undefined) {
        let data26 = data.implementation;
        if (!(data26 === 'linkerd' || data26 === 'envoy')) {
          const err35 = {
            instancePath: instancePath + '/implementation',
            schemaPath: '#/allOf/3/then/properties/implementation/enum',
            keyword: 'enum',
            params: { allowedValues: schema37.allOf[3].then.properties.implementation.enum },
            message: 'must be equal to one of the allowed values',
            schema: schema37.allOf[3].then.properties.implementation.enum,
            parentSchema: schema37.allOf[3].then.properties.implementation,
            data: data26,
          };
          if (vErrors === null) {
            vErrors = [err35];
          } else {
            vErrors.push(err35);
          }
          errors++;
        }
      }
    }
    var _valid3 = _errs20 === errors;
    valid10 = _valid3;
    if (valid10) {
      var props3 = {};
      props3.httpRoute = true;
      props3.virtualService = true;
      props3.destinationRule = true;
      props3.ingress = true;
      props3.mapping = true;
      props3.implementation = true;
      props3.type = true;
    }
  }
  if (!valid10) {
    const err36 = {
      instancePath,
      schemaPath: '#/allOf/3/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema37.allOf[3].if,
      parentSchema: schema37.allOf[3],
      data,
    };
    if (vErrors === null) {
      vErrors = [err36];
    } else {
      vErrors.push(err36);
    }
    errors++;
  }
  if (props0 !== true && props3 !== undefined) {
    if (props3 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props3);
    }
  }
  const _errs23 = errors;
  let valid13 = true;
  const _errs24 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing4;
    if (data.type === undefined && (missing4 = 'type')) {
      const err37 = {};
      if (vErrors === null) {
        vErrors = [err37];
      } else {
        vErrors.push(err37);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('ingress-nginx' !== data.type) {
          const err38 = {};
          if (vErrors === null) {
            vErrors = [err38];
          } else {
            vErrors.push(err38);
          }
          errors++;
        }
      }
    }
  }
  var _valid4 = _errs24 === errors;
  errors = _errs23;
  if (vErrors !== null) {
    if (_errs23) {
      vErrors.length = _errs23;
    } else {
      vErrors = null;
    }
  }
  if (_valid4) {
    const _errs26 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.ingress === undefined) {
        const err39 = {
          instancePath,
          schemaPath: '#/allOf/4/then/required',
          keyword: 'required',
          params: { missingProperty: 'ingress' },
          message: "must have required property '" + 'ingress' + "'",
          schema: schema37.allOf[4].then.required,
          parentSchema: schema37.allOf[4].then,
          data,
        };
        if (vErrors === null) {
          vErrors = [err39];
        } else {
          vErrors.push(err39);
        }
        errors++;
      }
      if (data.httpRoute !== undefined) {
        const err40 = {
          instancePath: instancePath + '/httpRoute',
          schemaPath: '#/allOf/4/then/properties/httpRoute/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[4].then.properties.httpRoute,
          data: data.httpRoute,
        };
        if (vErrors === null) {
          vErrors = [err40];
        } else {
          vErrors.push(err40);
        }
        errors++;
      }
      if (data.virtualService !== undefined) {
        const err41 = {
          instancePath: instancePath + '/virtualService',
          schemaPath: '#/allOf/4/then/properties/virtualService/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[4].then.properties.virtualService,
          data: data.virtualService,
        };
        if (vErrors === null) {
          vErrors = [err41];
        } else {
          vErrors.push(err41);
        }
        errors++;
      }
      if (data.destinationRule !== undefined) {
        const err42 = {
          instancePath: instancePath + '/destinationRule',
          schemaPath: '#/allOf/4/then/properties/destinationRule/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[4].then.properties.destinationRule,
          data: data.destinationRule,
        };
        if (vErrors === null) {
          vErrors = [err42];
        } else {
          vErrors.push(err42);
        }
        errors++;
      }
      if (data.trafficSplit !== undefined) {
        const err43 = {
          instancePath: instancePath + '/trafficSplit',
          schemaPath: '#/allOf/4/then/properties/trafficSplit/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[4].then.properties.trafficSplit,
          data: data.trafficSplit,
        };
        if (vErrors === null) {
          vErrors = [err43];
        } else {
          vErrors.push(err43);
        }
        errors++;
      }
      if (data.mapping !== undefined) {
        const err44 = {
          instancePath: instancePath + '/mapping',
          schemaPath: '#/allOf/4/then/properties/mapping/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[4].then.properties.mapping,
          data: data.mapping,
        };
        if (vErrors === null) {
          vErrors = [err44];
        } else {
          vErrors.push(err44);
        }
        errors++;
      }
      if (data.implementation !== undefined) {
        const err45 = {
          instancePath: instancePath + '/implementation',
          schemaPath: '#/allOf/4/then/properties/implementation/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[4].then.properties.implementation,
          data: data.implementation,
        };
        if (vErrors === null) {
          vErrors = [err45];
        } else {
          vErrors.push(err45);
        }
        errors++;
      }
    }
    var _valid4 = _errs26 === errors;
    valid13 = _valid4;
    if (valid13) {
      var props4 = {};
      props4.httpRoute = true;
      props4.virtualService = true;
      props4.destinationRule = true;
      props4.trafficSplit = true;
      props4.mapping = true;
      props4.implementation = true;
      props4.type = true;
    }
  }
  if (!valid13) {
    const err46 = {
      instancePath,
      schemaPath: '#/allOf/4/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema37.allOf[4].if,
      parentSchema: schema37.allOf[4],
      data,
    };
    if (vErrors === null) {
      vErrors = [err46];
    } else {
      vErrors.push(err46);
    }
    errors++;
  }
  if (props0 !== true && props4 !== undefined) {
    if (props4 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props4);
    }
  }
  const _errs28 = errors;
  let valid16 = true;
  const _errs29 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing5;
    if (data.type === undefined && (missing5 = 'type')) {
      const err47 = {};
      if (vErrors === null) {
        vErrors = [err47];
      } else {
        vErrors.push(err47);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('emissary' !== data.type) {
          const err48 = {};
          if (vErrors === null) {
            vErrors = [err48];
          } else {
            vErrors.push(err48);
          }
          errors++;
        }
      }
    }
  }
  var _valid5 = _errs29 === errors;
  errors = _errs28;
  if (vErrors !== null) {
    if (_errs28) {
      vErrors.length = _errs28;
    } else {
      vErrors = null;
    }
  }
  if (_valid5) {
    const _errs31 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.mapping === undefined) {
        const err49 = {
          instancePath,
          schemaPath: '#/allOf/5/then/required',
          keyword: 'required',
          params: { missingProperty: 'mapping' },
          message: "must have required property '" + 'mapping' + "'",
          schema: schema37.allOf[5].then.required,
          parentSchema: schema37.allOf[5].then,
          data,
        };
        if (vErrors === null) {
          vErrors = [err49];
        } else {
          vErrors.push(err49);
        }
        errors++;
      }
      if (data.httpRoute !== undefined) {
        const err50 = {
          instancePath: instancePath + '/httpRoute',
          schemaPath: '#/allOf/5/then/properties/httpRoute/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[5].then.properties.httpRoute,
          data: data.httpRoute,
        };
        if (vErrors === null) {
          vErrors = [err50];
        } else {
          vErrors.push(err50);
        }
        errors++;
      }
      if (data.virtualService !== undefined) {
        const err51 = {
          instancePath: instancePath + '/virtualService',
          schemaPath: '#/allOf/5/then/properties/virtualService/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[5].then.properties.virtualService,
          data: data.virtualService,
        };
        if (vErrors === null) {
          vErrors = [err51];
        } else {
          vErrors.push(err51);
        }
        errors++;
      }
      if (data.destinationRule !== undefined) {
        const err52 = {
          instancePath: instancePath + '/destinationRule',
          schemaPath: '#/allOf/5/then/properties/destinationRule/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[5].then.properties.destinationRule,
          data: data.destinationRule,
        };
        if (vErrors === null) {
          vErrors = [err52];
        } else {
          vErrors.push(err52);
        }
        errors++;
      }
      if (data.trafficSplit !== undefined) {
        const err53 = {
          instancePath: instancePath + '/trafficSplit',
          schemaPath: '#/allOf/5/then/properties/trafficSplit/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[5].then.properties.trafficSplit,
          data: data.trafficSplit,
        };
        if (vErrors === null) {
          vErrors = [err53];
        } else {
          vErrors.push(err53);
        }
        errors++;
      }
      if (data.ingress !== undefined) {
        const err54 = {
          instancePath: instancePath + '/ingress',
          schemaPath: '#/allOf/5/then/properties/ingress/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[5].then.properties.ingress,
          data: data.ingress,
        };
        if (vErrors === null) {
          vErrors = [err54];
        } else {
          vErrors.push(err54);
        }
        errors++;
      }
      if (data.implementation !== undefined) {
        const err55 = {
          instancePath: instancePath + '/implementation',
          schemaPath: '#/allOf/5/then/properties/implementation/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema37.allOf[5].then.properties.implementation,
          data: data.implementation,
        };
        if (vErrors === null) {
          vErrors = [err55];
        } else {
          vErrors.push(err55);
        }
        errors++;
      }
    }
    var _valid5 = _errs31 === errors;
    valid16 = _valid5;
    if (valid16) {
      var props5 = {};
      props5.httpRoute = true;
      props5.virtualService = true;
      props5.destinationRule = true;
      props5.trafficSplit = true;
      props5.ingress = true;
      props5.implementation = true;
      props5.type = true;
    }
  }
  if (!valid16) {
    const err56 = {
      instancePath,
      schemaPath: '#/allOf/5/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema37.allOf[5].if,
      parentSchema: schema37.allOf[5],
      data,
    };
    if (vErrors === null) {
      vErrors = [err56];
    } else {
      vErrors.push(err56);
    }
    errors++;
  }
  if (props0 !== true && props5 !== undefined) {
    if (props5 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props5);
    }
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.type === undefined) {
      const err57 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'type' },
        message: "must have required property '" + 'type' + "'",
        schema: schema37.required,
        parentSchema: schema37,
        data,
      };
      if (vErrors === null) {
        vErrors = [err57];
      } else {
        vErrors.push(err57);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func1.call(schema37.properties, key0)) {
        const err58 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema37,
          data,
        };
        if (vErrors === null) {
          vErrors = [err58];
        } else {
          vErrors.push(err58);
        }
        errors++;
      }
    }
    if (data.type !== undefined) {
      let data41 = data.type;
      if (!(
        data41 === 'replicas' ||
        data41 === 'gateway-api' ||
        data41 === 'istio' ||
        data41 === 'smi' ||
        data41 === 'ingress-nginx' ||
        data41 === 'emissary'
      )) {
        const err59 = {
          instancePath: instancePath + '/type',
          schemaPath: '#/properties/type/enum',
          keyword: 'enum',
          params: { allowedValues: schema37.properties.type.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema37.properties.type.enum,
          parentSchema: schema37.properties.type,
          data: data41,
        };
        if (vErrors === null) {
          vErrors = [err59];
        } else {
          vErrors.push(err59);
        }
        errors++;
      }
    }
    if (data.port !== undefined) {
      let data42 = data.port;
      if (!(typeof data42 == 'number' && !(data42 % 1) && !isNaN(data42) && isFinite(data42))) {
        const err60 = {
          instancePath: instancePath + '/port',
          schemaPath: '#/properties/port/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema37.properties.port.type,
          parentSchema: schema37.properties.port,
          data: data42,
        };
        if (vErrors === null) {
          vErrors = [err60];
        } else {
          vErrors.push(err60);
        }
        errors++;
      }
      if (typeof data42 == 'number' && isFinite(data42)) {
        if (data42 > 65535 || isNaN(data42)) {
          const err61 = {
            instancePath: instancePath + '/port',
            schemaPath: '#/properties/port/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 65535 },
            message: 'must be <= 65535',
            schema: 65535,
            parentSchema: schema37.properties.port,
            data: data42,
          };
          if (vErrors === null) {
            vErrors = [err61];
          } else {
            vErrors.push(err61);
          }
          errors++;
        }
        if (data42 < 1 || isNaN(data42)) {
          const err62 = {
            instancePath: instancePath + '/port',
            schemaPath: '#/properties/port/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
            schema: 1,
            parentSchema: schema37.properties.port,
            data: data42,
          };
          if (vErrors === null) {
            vErrors = [err62];
          } else {
            vErrors.push(err62);
          }
          errors++;
        }
      }
    }
    if (data.implementation !== undefined) {
      let data43 = data.implementation;
      if (!(data43 === 'envoy' || data43 === 'istio' || data43 === 'linkerd' || data43 === 'traefik')) {
        const err63 = {
          instancePath: instancePath + '/implementation',
          schemaPath: '#/properties/implementation/enum',
          keyword: 'enum',
          params: { allowedValues: schema37.properties.implementation.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema37.properties.implementation.enum,
          parentSchema: schema37.properties.implementation,
          data: data43,
        };
        if (vErrors === null) {
          vErrors = [err63];
        } else {
          vErrors.push(err63);
        }
        errors++;
      }
    }
    if (data.httpRoute !== undefined) {
      let data44 = data.httpRoute;
      if (typeof data44 === 'string') {
        if (!pattern8.test(data44)) {
          const err64 = {
            instancePath: instancePath + '/httpRoute',
            schemaPath: '#/$defs/objectName/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' },
            message: 'must match pattern "' + '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' + '"',
            schema: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$',
            parentSchema: schema36,
            data: data44,
          };
          if (vErrors === null) {
            vErrors = [err64];
          } else {
            vErrors.push(err64);
          }
          errors++;
        }
      } else {
        const err65 = {
          instancePath: instancePath + '/httpRoute',
          schemaPath: '#/$defs/objectName/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema36.type,
          parentSchema: schema36,
          data: data44,
        };
        if (vErrors === null) {
          vErrors = [err65];
        } else {
          vErrors.push(err65);
        }
        errors++;
      }
    }
    if (data.virtualService !== undefined) {
      let data45 = data.virtualService;
      if (typeof data45 === 'string') {
        if (!pattern8.test(data45)) {
          const err66 = {
            instancePath: instancePath + '/virtualService',
            schemaPath: '#/$defs/objectName/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' },
            message: 'must match pattern "' + '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' + '"',
            schema: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$',
            parentSchema: schema36,
            data: data45,
          };
          if (vErrors === null) {
            vErrors = [err66];
          } else {
            vErrors.push(err66);
          }
          errors++;
        }
      } else {
        const err67 = {
          instancePath: instancePath + '/virtualService',
          schemaPath: '#/$defs/objectName/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema36.type,
          parentSchema: schema36,
          data: data45,
        };
        if (vErrors === null) {
          vErrors = [err67];
        } else {
          vErrors.push(err67);
        }
        errors++;
      }
    }
    if (data.destinationRule !== undefined) {
      let data46 = data.destinationRule;
      if (typeof data46 === 'string') {
        if (!pattern8.test(data46)) {
          const err68 = {
            instancePath: instancePath + '/destinationRule',
            schemaPath: '#/$defs/objectName/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' },
            message: 'must match pattern "' + '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' + '"',
            schema: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$',
            parentSchema: schema36,
            data: data46,
          };
          if (vErrors === null) {
            vErrors = [err68];
          } else {
            vErrors.push(err68);
          }
          errors++;
        }
      } else {
        const err69 = {
          instancePath: instancePath + '/destinationRule',
          schemaPath: '#/$defs/objectName/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema36.type,
          parentSchema: schema36,
          data: data46,
        };
        if (vErrors === null) {
          vErrors = [err69];
        } else {
          vErrors.push(err69);
        }
        errors++;
      }
    }
    if (data.trafficSplit !== undefined) {
      let data47 = data.trafficSplit;
      if (typeof data47 === 'string') {
        if (!pattern8.test(data47)) {
          const err70 = {
            instancePath: instancePath + '/trafficSplit',
            schemaPath: '#/$defs/objectName/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' },
            message: 'must match pattern "' + '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' + '"',
            schema: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$',
            parentSchema: schema36,
            data: data47,
          };
          if (vErrors === null) {
            vErrors = [err70];
          } else {
            vErrors.push(err70);
          }
          errors++;
        }
      } else {
        const err71 = {
          instancePath: instancePath + '/trafficSplit',
          schemaPath: '#/$defs/objectName/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema36.type,
          parentSchema: schema36,
          data: data47,
        };
        if (vErrors === null) {
          vErrors = [err71];
        } else {
          vErrors.push(err71);
        }
        errors++;
      }
    }
    if (data.ingress !== undefined) {
      let data48 = data.ingress;
      if (typeof data48 === 'string') {
        if (!pattern8.test(data48)) {
          const err72 = {
            instancePath: instancePath + '/ingress',
            schemaPath: '#/$defs/objectName/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' },
            message: 'must match pattern "' + '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' + '"',
            schema: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$',
            parentSchema: schema36,
            data: data48,
          };
          if (vErrors === null) {
            vErrors = [err72];
          } else {
            vErrors.push(err72);
          }
          errors++;
        }
      } else {
        const err73 = {
          instancePath: instancePath + '/ingress',
          schemaPath: '#/$defs/objectName/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema36.type,
          parentSchema: schema36,
          data: data48,
        };
        if (vErrors === null) {
          vErrors = [err73];
        } else {
          vErrors.push(err73);
        }
        errors++;
      }
    }
    if (data.mapping !== undefined) {
      let data49 = data.mapping;
      if (typeof data49 === 'string') {
        if (!pattern8.test(data49)) {
          const err74 = {
            instancePath: instancePath + '/mapping',
            schemaPath: '#/$defs/objectName/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' },
            message: 'must match pattern "' + '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' + '"',
            schema: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$',
            parentSchema: schema36,
            data: data49,
          };
          if (vErrors === null) {
            vErrors = [err74];
          } else {
            vErrors.push(err74);
          }
          errors++;
        }
      } else {
        const err75 = {
          instancePath: instancePath + '/mapping',
          schemaPath: '#/$defs/objectName/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema36.type,
          parentSchema: schema36,
          data: data49,
        };
        if (vErrors === null) {
          vErrors = [err75];
        } else {
          vErrors.push(err75);
        }
        errors++;
      }
    }
  } else {
    const err76 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema37.type,
      parentSchema: schema37,
      data,
    };
    if (vErrors === null) {
      vErrors = [err76];
    } else {
      vErrors.push(err76);
    }
    errors++;
  }
  validate23.errors = vErrors;
  return errors === 0;
}
validate23.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
const schema44 = {
  description: 'How the new version reaches users.',
  type: 'object',
  additionalProperties: false,
  properties: {
    type: {
      description:
        'canary: traffic in steps with analysis between them. rolling: a plain rolling update (prototype).',
      enum: ['canary', 'rolling'],
    },
    steps: {
      description:
        'Canary traffic weights in percent, strictly increasing, ending at 100. A number, or { weight, bake, approval }.',
      type: 'array',
      minItems: 1,
      items: { $ref: '#/$defs/step' },
    },
    bake: {
      $ref: '#/$defs/duration',
      description: 'How long each step is held and analysed before the next.',
    },
    approval: {
      description: 'A GitHub environment whose reviewers approve before the last step (100%).',
      type: 'object',
      additionalProperties: false,
      required: ['environment'],
      properties: {
        environment: {
          type: 'string',
          minLength: 1,
          description: 'GitHub environment with required reviewers.',
        },
      },
    },
    watch: {
      $ref: '#/$defs/duration',
      description:
        'Post-promotion watch window: analysis keeps running and a failure rolls back to the previous release.',
    },
    progressDeadline: {
      $ref: '#/$defs/duration',
      description: 'Longest a rollout may take to become ready before it is diagnosed and rolled back.',
    },
  },
};
const schema46 = {
  description: 'A duration such as 30s, 5m, 1h, 7d or 1h30m.',
  type: 'string',
  pattern: '^([0-9]+(s|m|h|d))+$',
};
const schema45 = {
  description: 'A canary step: a weight (1..100) or { weight, bake, approval }.',
  type: ['integer', 'object'],
  minimum: 1,
  maximum: 100,
  additionalProperties: false,
  required: ['weight'],
  properties: {
    weight: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      description: 'Percent of traffic sent to the canary.',
    },
    bake: { $ref: '#/$defs/duration', description: 'Hold time for this step (overrides strategy.bake).' },
    approval: { type: 'boolean', description: 'Wait for the approval environment before this step.' },
  },
};
const pattern15 = new RegExp('^([0-9]+(s|m|h|d))+$', 'u');
function validate26(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate26.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (
    !(typeof data == 'number' && !(data % 1) && !isNaN(data) && isFinite(data)) &&
    !(data && typeof data == 'object' && !Array.isArray(data))
  ) {
    const err0 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: schema45.type },
      message: 'must be integer,object',
      schema: schema45.type,
      parentSchema: schema45,
      data,
    };
    if (vErrors === null) {
      vErrors = [err0];
    } else {
      vErrors.push(err0);
    }
    errors++;
  }
  if (typeof data == 'number' && isFinite(data)) {
    if (data > 100 || isNaN(data)) {
      const err1 = {
        instancePath,
        schemaPath: '#/maximum',
        keyword: 'maximum',
        params: { comparison: '<=', limit: 100 },
        message: 'must be <= 100',
        schema: 100,
        parentSchema: schema45,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data < 1 || isNaN(data)) {
      const err2 = {
        instancePath,
        schemaPath: '#/minimum',
        keyword: 'minimum',
        params: { comparison: '>=', limit: 1 },
        message: 'must be >= 1',
        schema: 1,
        parentSchema: schema45,
        data,
      };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.weight === undefined) {
      const err3 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'weight' },
        message: "must have required property '" + 'weight' + "'",
        schema: schema45.required,
        parentSchema: schema45,
        data,
      };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === 'weight' || key0 === 'bake' || key0 === 'approval')) {
        const err4 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema45,
          data,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.weight !== undefined) {
      let data0 = data.weight;
      if (!(typeof data0 == 'number' && !(data0 % 1) && !isNaN(data0) && isFinite(data0))) {
        const err5 = {
          instancePath: instancePath + '/weight',
          schemaPath: '#/properties/weight/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema45.properties.weight.type,
          parentSchema: schema45.properties.weight,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
      if (typeof data0 == 'number' && isFinite(data0)) {
        if (data0 > 100 || isNaN(data0)) {
          const err6 = {
            instancePath: instancePath + '/weight',
            schemaPath: '#/properties/weight/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 100 },
            message: 'must be <= 100',
            schema: 100,
            parentSchema: schema45.properties.weight,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
        if (data0 < 1 || isNaN(data0)) {
          const err7 = {
            instancePath: instancePath + '/weight',
            schemaPath: '#/properties/weight/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
            schema: 1,
            parentSchema: schema45.properties.weight,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      }
    }
    if (data.bake !== undefined) {
      let data1 = data.bake;
      if (typeof data1 === 'string') {
        if (!pattern15.test(data1)) {
          const err8 = {
            instancePath: instancePath + '/bake',
            schemaPath: '#/$defs/duration/pattern',
            keyword: 'pattern',
            params: { pattern: '^([0-9]+(s|m|h|d))+$' },
            message: 'must match pattern "' + '^([0-9]+(s|m|h|d))+$' + '"',
            schema: '^([0-9]+(s|m|h|d))+$',
            parentSchema: schema46,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
      } else {
        const err9 = {
          instancePath: instancePath + '/bake',
          schemaPath: '#/$defs/duration/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema46.type,
          parentSchema: schema46,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.approval !== undefined) {
      let data2 = data.approval;
      if (typeof data2 !== 'boolean') {
        const err10 = {
          instancePath: instancePath + '/approval',
          schemaPath: '#/properties/approval/type',
          keyword: 'type',
          params: { type: 'boolean' },
          message: 'must be boolean',
          schema: schema45.properties.approval.type,
          parentSchema: schema45.properties.approval,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
  }
  validate26.errors = vErrors;
  return errors === 0;
}
validate26.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
function validate25(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate25.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(
        key0 === 'type' ||
        key0 === 'steps' ||
        key0 === 'bake' ||
        key0 === 'approval' ||
        key0 === 'watch' ||
        key0 === 'progressDeadline'
      )) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema44,
          data,
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.type !== undefined) {
      let data0 = data.type;
      if (!(data0 === 'canary' || data0 === 'rolling')) {
        const err1 = {
          instancePath: instancePath + '/type',
          schemaPath: '#/properties/type/enum',
          keyword: 'enum',
          params: { allowedValues: schema44.properties.type.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema44.properties.type.enum,
          parentSchema: schema44.properties.type,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.steps !== undefined) {
      let data1 = data.steps;
      if (Array.isArray(data1)) {
        if (data1.length < 1) {
          const err2 = {
            instancePath: instancePath + '/steps',
            schemaPath: '#/properties/steps/minItems',
            keyword: 'minItems',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 items',
            schema: 1,
            parentSchema: schema44.properties.steps,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
        const len0 = data1.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (
            !validate26(data1[i0], {
              instancePath: instancePath + '/steps/' + i0,
              parentData: data1,
              parentDataProperty: i0,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err3 = {
          instancePath: instancePath + '/steps',
          schemaPath: '#/properties/steps/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema44.properties.steps.type,
          parentSchema: schema44.properties.steps,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.bake !== undefined) {
      let data3 = data.bake;
      if (typeof data3 === 'string') {
        if (!pattern15.test(data3)) {
          const err4 = {
            instancePath: instancePath + '/bake',
            schemaPath: '#/$defs/duration/pattern',
            keyword: 'pattern',
            params: { pattern: '^([0-9]+(s|m|h|d))+$' },
            message: 'must match pattern "' + '^([0-9]+(s|m|h|d))+$' + '"',
            schema: '^([0-9]+(s|m|h|d))+$',
            parentSchema: schema46,
            data: data3,
          };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = {
          instancePath: instancePath + '/bake',
          schemaPath: '#/$defs/duration/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema46.type,
          parentSchema: schema46,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.approval !== undefined) {
      let data4 = data.approval;
      if (data4 && typeof data4 == 'object' && !Array.isArray(data4)) {
        if (data4.environment === undefined) {
          const err6 = {
            instancePath: instancePath + '/approval',
            schemaPath: '#/properties/approval/required',
            keyword: 'required',
            params: { missingProperty: 'environment' },
            message: "must have required property '" + 'environment' + "'",
            schema: schema44.properties.approval.required,
            parentSchema: schema44.properties.approval,
            data: data4,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
        for (const key1 in data4) {
          if (!(key1 === 'environment')) {
            const err7 = {
              instancePath: instancePath + '/approval',
              schemaPath: '#/properties/approval/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key1 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema44.properties.approval,
              data: data4,
            };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          }
        }
        if (data4.environment !== undefined) {
          let data5 = data4.environment;
          if (typeof data5 === 'string') {
            if (data5.length < 1) {
              const err8 = {
                instancePath: instancePath + '/approval/environment',
                schemaPath: '#/properties/approval/properties/environment/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema44.properties.approval.properties.environment,
                data: data5,
              };
              if (vErrors === null) {
                vErrors = [err8];
              } else {
                vErrors.push(err8);
              }
              errors++;
            }
          } else {
            const err9 = {
              instancePath: instancePath + '/approval/environment',
              schemaPath: '#/properties/approval/properties/environment/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema44.properties.approval.properties.environment.type,
              parentSchema: schema44.properties.approval.properties.environment,
              data: data5,
            };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        }
      } else {
        const err10 = {
          instancePath: instancePath + '/approval',
          schemaPath: '#/properties/approval/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema44.properties.approval.type,
          parentSchema: schema44.properties.approval,
          data: data4,
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.watch !== undefined) {
      let data6 = data.watch;
      if (typeof data6 === 'string') {
        if (!pattern15.test(data6)) {
          const err11 = {
            instancePath: instancePath + '/watch',
            schemaPath: '#/$defs/duration/pattern',
            keyword: 'pattern',
            params: { pattern: '^([0-9]+(s|m|h|d))+$' },
            message: 'must match pattern "' + '^([0-9]+(s|m|h|d))+$' + '"',
            schema: '^([0-9]+(s|m|h|d))+$',
            parentSchema: schema46,
            data: data6,
          };
          if (vErrors === null) {
            vErrors = [err11];
          } else {
            vErrors.push(err11);
          }
          errors++;
        }
      } else {
        const err12 = {
          instancePath: instancePath + '/watch',
          schemaPath: '#/$defs/duration/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema46.type,
          parentSchema: schema46,
          data: data6,
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.progressDeadline !== undefined) {
      let data7 = data.progressDeadline;
      if (typeof data7 === 'string') {
        if (!pattern15.test(data7)) {
          const err13 = {
            instancePath: instancePath + '/progressDeadline',
            schemaPath: '#/$defs/duration/pattern',
            keyword: 'pattern',
            params: { pattern: '^([0-9]+(s|m|h|d))+$' },
            message: 'must match pattern "' + '^([0-9]+(s|m|h|d))+$' + '"',
            schema: '^([0-9]+(s|m|h|d))+$',
            parentSchema: schema46,
            data: data7,
          };
          if (vErrors === null) {
            vErrors = [err13];
          } else {
            vErrors.push(err13);
          }
          errors++;
        }
      } else {
        const err14 = {
          instancePath: instancePath + '/progressDeadline',
          schemaPath: '#/$defs/duration/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema46.type,
          parentSchema: schema46,
          data: data7,
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
  } else {
    const err15 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema44.type,
      parentSchema: schema44,
      data,
    };
    if (vErrors === null) {
      vErrors = [err15];
    } else {
      vErrors.push(err15);
    }
    errors++;
  }
  validate25.errors = vErrors;
  return errors === 0;
}
validate25.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
const schema50 = {
  description: 'Metric analysis run during each bake: where metrics come from and what must hold.',
  type: 'object',
  additionalProperties: false,
  properties: {
    provider: { $ref: '#/$defs/provider' },
    interval: { $ref: '#/$defs/duration', description: 'Time between measurements.' },
    alpha: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 0.5,
      description: 'Tolerated probability of a false rollback per compare check over the whole analysis.',
    },
    noData: { $ref: '#/$defs/noData' },
    checks: {
      description: "Checks judged at every measurement. Replaces the profile's list as a whole.",
      type: 'array',
      items: { $ref: '#/$defs/check' },
    },
    builtin: { $ref: '#/$defs/builtin' },
  },
};
const schema59 = {
  description:
    'What missing evidence (no data, too little traffic, provider down) means. Never promote: hold keeps the step and waits, rollback ends the rollout, inconclusive stops and asks a human.',
  enum: ['hold', 'rollback', 'inconclusive'],
};
const schema65 = {
  description:
    "Settings of the builtin layer-7 queries: the PromQL Dial runs (canary and baseline, requests and failed or slow requests) for a compare check or SLO without `queries`, from the metrics of the router's source (router.implementation). Needs a prometheus provider. Only what differs from the source's defaults.",
  type: 'object',
  additionalProperties: false,
  properties: {
    buckets: {
      description:
        "Upper bounds of the latency histogram's buckets, in the histogram's own unit (milliseconds for Istio, Envoy and Linkerd; seconds for ingress-nginx, Traefik and the replicas router's default), when they are not the source's defaults. A latency check counts a request as slow above the smallest bound ≥ thresholdMs, so pick bounds that include your thresholds. Defaults — Istio and Envoy: 0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000 ms; Linkerd: 1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1000, 2000, 3000, 4000, 5000, 10000, 20000, 30000, 40000, 50000 ms; ingress-nginx and replicas: 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 s; Traefik: 0.1, 0.3, 1.2, 5 s.",
      type: 'array',
      minItems: 1,
      items: { type: 'number', exclusiveMinimum: 0 },
    },
    requests: {
      description:
        "replicas: the service's request counter, with the HTTP status in codeLabel. Default http_requests_total.",
      type: 'string',
      pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$',
    },
    duration: {
      description:
        "replicas: the service's request-duration histogram, without the _bucket suffix. Default http_request_duration_seconds.",
      type: 'string',
      pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$',
    },
    durationUnit: {
      description: "replicas: the unit of the duration histogram's buckets. Default s.",
      enum: ['s', 'ms'],
    },
    codeLabel: {
      description: 'replicas: the label holding the HTTP status code. Default code.',
      type: 'string',
      pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$',
    },
    trackLabel: {
      description:
        "replicas: the label the pod's dial.dev/track label becomes by relabelling (source_labels: [__meta_kubernetes_pod_label_dial_dev_track], target_label: track). Default track.",
      type: 'string',
      pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$',
    },
    namespaceLabel: {
      description:
        "ingress-nginx, Linkerd and replicas: the label holding the namespace; exported_namespace when the scrape renamed the exporter's own namespace label. Default namespace.",
      type: 'string',
      pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$',
    },
  },
};
const schema51 = {
  description:
    'The metrics provider. Credentials are never written here: fields ending in Env name the environment variable that holds them.',
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: {
      description:
        'prometheus (or a compatible API: Thanos, Mimir, VictoriaMetrics), datadog, newrelic (NRQL), cloudwatch, or http (any JSON endpoint).',
      enum: ['prometheus', 'datadog', 'newrelic', 'cloudwatch', 'http'],
    },
    url: {
      $ref: '#/$defs/url',
      description:
        'prometheus: base URL. http: URL template ({{start}}, {{end}}, {{query}} replaced). datadog/newrelic: API URL overriding site/region (proxies).',
    },
    auth: { $ref: '#/$defs/auth' },
    onlineCheck: {
      enum: ['query', 'ready'],
      description:
        'prometheus: how availability is probed, by a query (works behind gateways) or /-/ready. Default query.',
    },
    scrapeInterval: {
      $ref: '#/$defs/duration',
      description:
        "prometheus: how often Prometheus scrapes the metrics the builtin queries read. Each measurement asks for increase() over the window since the last one, and Prometheus needs two samples inside a window to answer, so the builtin queries need analysis.interval ≥ 2 × scrapeInterval; Dial refuses a shorter interval before it applies anything. Default 15s (the scrape_interval of Prometheus' example configuration and of Istio's): with the profiles' 10s interval, state it when Prometheus scrapes every 5s or faster, or set analysis.interval: 30s.",
    },
    site: {
      type: 'string',
      minLength: 1,
      description: 'datadog: site, e.g. datadoghq.eu. Default datadoghq.com.',
    },
    apiKeyEnv: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      description:
        'datadog/newrelic: environment variable holding the API key. Default DD_API_KEY / NEW_RELIC_API_KEY.',
    },
    applicationKeyEnv: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      description: 'datadog: environment variable holding the application key. Default DD_APP_KEY.',
    },
    accountId: { type: 'integer', minimum: 1, description: 'newrelic: account id the NRQL runs in.' },
    region: {
      type: 'string',
      minLength: 1,
      description:
        "newrelic: us or eu (default us). cloudwatch: AWS region, e.g. eu-west-1 (default: the SDK's).",
    },
    endpoint: {
      $ref: '#/$defs/url',
      description: 'cloudwatch: endpoint URL overriding the regional one (VPC endpoints).',
    },
    method: { enum: ['GET', 'POST'], description: 'http: request method. Default GET.' },
    body: {
      type: 'string',
      description: 'http: JSON body template for POST ({{start}}, {{end}}, {{query}} replaced).',
    },
    valuePath: {
      type: 'string',
      minLength: 1,
      description: 'http: dotted path to the number in the JSON answer, e.g. data.result[0].value[1].',
    },
    timeFormat: {
      enum: ['unix', 'unix-ms', 'rfc3339'],
      description: 'http: how {{start}}/{{end}} are written. Default unix.',
    },
    timeout: { $ref: '#/$defs/duration', description: 'Time allowed for one attempt. Default 10s.' },
    retries: {
      type: 'integer',
      minimum: 0,
      maximum: 10,
      description: 'Further attempts after a network error, timeout, 5xx or 429. Default 2.',
    },
    headers: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Extra request headers with literal, non-secret values (e.g. X-Scope-OrgID).',
    },
    headersFromEnv: {
      type: 'object',
      additionalProperties: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      description:
        'Extra request headers whose values come from environment variables: header -> variable name.',
    },
    tls: { $ref: '#/$defs/tls' },
  },
  allOf: [
    {
      if: { properties: { type: { const: 'prometheus' } }, required: ['type'] },
      then: {
        properties: {
          site: false,
          apiKeyEnv: false,
          applicationKeyEnv: false,
          accountId: false,
          region: false,
          endpoint: false,
          method: false,
          body: false,
          valuePath: false,
          timeFormat: false,
        },
        required: ['url'],
      },
    },
    {
      if: { properties: { type: { const: 'datadog' } }, required: ['type'] },
      then: {
        properties: {
          auth: false,
          onlineCheck: false,
          accountId: false,
          region: false,
          endpoint: false,
          method: false,
          body: false,
          valuePath: false,
          timeFormat: false,
          scrapeInterval: false,
        },
      },
    },
    {
      if: { properties: { type: { const: 'newrelic' } }, required: ['type'] },
      then: {
        properties: {
          auth: false,
          onlineCheck: false,
          site: false,
          applicationKeyEnv: false,
          endpoint: false,
          method: false,
          body: false,
          valuePath: false,
          timeFormat: false,
          region: { enum: ['us', 'eu'] },
          scrapeInterval: false,
        },
        required: ['accountId'],
      },
    },
    {
      if: { properties: { type: { const: 'cloudwatch' } }, required: ['type'] },
      then: {
        properties: {
          url: false,
          auth: false,
          onlineCheck: false,
          site: false,
          apiKeyEnv: false,
          applicationKeyEnv: false,
          accountId: false,
          method: false,
          body: false,
          valuePath: false,
          timeFormat: false,
          headers: false,
          headersFromEnv: false,
          scrapeInterval: false,
        },
      },
    },
    {
      if: { properties: { type: { const: 'http' } }, required: ['type'] },
      then: {
        properties: {
          onlineCheck: false,
          site: false,
          apiKeyEnv: false,
          applicationKeyEnv: false,
          accountId: false,
          region: false,
          endpoint: false,
          scrapeInterval: false,
        },
        required: ['url', 'valuePath'],
      },
    },
  ],
};
const schema52 = {
  description: 'An http or https URL, e.g. http://prometheus.monitoring:9090.',
  type: 'string',
  pattern: '^https?://[^\\s/?#]+([/?#]\\S*)?$',
};
const schema53 = {
  description: 'Credentials sent with every request (prometheus, http).',
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: {
      enum: ['none', 'bearer', 'basic'],
      description: 'none, bearer (Authorization: Bearer) or basic.',
    },
    tokenEnv: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      description: 'bearer: environment variable holding the token.',
    },
    username: { type: 'string', minLength: 1, description: 'basic: user name (not a secret).' },
    usernameEnv: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      description: 'basic: environment variable holding the user name.',
    },
    passwordEnv: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      description: 'basic: environment variable holding the password.',
    },
  },
  allOf: [
    {
      if: { properties: { type: { const: 'none' } }, required: ['type'] },
      then: { properties: { tokenEnv: false, username: false, usernameEnv: false, passwordEnv: false } },
    },
    {
      if: { properties: { type: { const: 'bearer' } }, required: ['type'] },
      then: {
        required: ['tokenEnv'],
        properties: { username: false, usernameEnv: false, passwordEnv: false },
      },
    },
    {
      if: { properties: { type: { const: 'basic' } }, required: ['type'] },
      then: { required: ['passwordEnv'], properties: { tokenEnv: false } },
    },
  ],
};
const schema57 = {
  description: 'TLS options for https URLs.',
  type: 'object',
  additionalProperties: false,
  properties: {
    caFile: {
      type: 'string',
      minLength: 1,
      description: 'Extra certificate authority (PEM file) trusted besides the system roots.',
    },
    certFile: {
      type: 'string',
      minLength: 1,
      description: 'Client certificate (PEM file) for mutual TLS; needs keyFile.',
    },
    keyFile: {
      type: 'string',
      minLength: 1,
      description: 'Private key (PEM file) of the client certificate.',
    },
    serverName: {
      type: 'string',
      minLength: 1,
      description: "Name checked against the server certificate instead of the URL's host.",
    },
    insecureSkipVerify: {
      type: 'boolean',
      description: 'Accept any server certificate. Only for test setups.',
    },
  },
};
const pattern19 = new RegExp('^https?://[^\\s/?#]+([/?#]\\S*)?$', 'u');
const pattern20 = new RegExp('^[A-Za-z_][A-Za-z0-9_]*$', 'u');
function validate30(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate30.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  const _errs2 = errors;
  let valid1 = true;
  const _errs3 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing0;
    if (data.type === undefined && (missing0 = 'type')) {
      const err0 = {};
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('prometheus' !== data.type) {
          const err1 = {};
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
      }
    }
  }
  var _valid0 = _errs3 === errors;
  errors = _errs2;
  if (vErrors !== null) {
    if (_errs2) {
      vErrors.length = _errs2;
    } else {
      vErrors = null;
    }
  }
  if (_valid0) {
    const _errs5 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.url === undefined) {
        const err2 = {
          instancePath,
          schemaPath: '#/allOf/0/then/required',
          keyword: 'required',
          params: { missingProperty: 'url' },
          message: "must have required property '" + 'url' + "'",
          schema: schema51.allOf[0].then.required,
          parentSchema: schema51.allOf[0].then,
          data,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
      if (data.site !== undefined) {
        const err3 = {
          instancePath: instancePath + '/site',
          schemaPath: '#/allOf/0/then/properties/site/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[0].then.properties.site,
          data: data.site,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      if (data.apiKeyEnv !== undefined) {
        const err4 = {
          instancePath: instancePath + '/apiKeyEnv',
          schemaPath: '#/allOf/0/then/properties/apiKeyEnv/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[0].then.properties.apiKeyEnv,
          data: data.apiKeyEnv,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
      if (data.applicationKeyEnv !== undefined) {
        const err5 = {
          instancePath: instancePath + '/applicationKeyEnv',
          schemaPath: '#/allOf/0/then/properties/applicationKeyEnv/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[0].then.properties.applicationKeyEnv,
          data: data.applicationKeyEnv,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
      if (data.accountId !== undefined) {
        const err6 = {
          instancePath: instancePath + '/accountId',
          schemaPath: '#/allOf/0/then/properties/accountId/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[0].then.properties.accountId,
          data: data.accountId,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
      if (data.region !== undefined) {
        const err7 = {
          instancePath: instancePath + '/region',
          schemaPath: '#/allOf/0/then/properties/region/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[0].then.properties.region,
          data: data.region,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
      if (data.endpoint !== undefined) {
        const err8 = {
          instancePath: instancePath + '/endpoint',
          schemaPath: '#/allOf/0/then/properties/endpoint/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[0].then.properties.endpoint,
          data: data.endpoint,
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
      if (data.method !== undefined) {
        const err9 = {
          instancePath: instancePath + '/method',
          schemaPath: '#/allOf/0/then/properties/method/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[0].then.properties.method,
          data: data.method,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
      if (data.body !== undefined) {
        const err10 = {
          instancePath: instancePath + '/body',
          schemaPath: '#/allOf/0/then/properties/body/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[0].then.properties.body,
          data: data.body,
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
      if (data.valuePath !== undefined) {
        const err11 = {
          instancePath: instancePath + '/valuePath',
          schemaPath: '#/allOf/0/then/properties/valuePath/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[0].then.properties.valuePath,
          data: data.valuePath,
        };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
      if (data.timeFormat !== undefined) {
        const err12 = {
          instancePath: instancePath + '/timeFormat',
          schemaPath: '#/allOf/0/then/properties/timeFormat/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[0].then.properties.timeFormat,
          data: data.timeFormat,
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    var _valid0 = _errs5 === errors;
    valid1 = _valid0;
    if (valid1) {
      var props0 = {};
      props0.site = true;
      props0.apiKeyEnv = true;
      props0.applicationKeyEnv = true;
      props0.accountId = true;
      props0.region = true;
      props0.endpoint = true;
      props0.method = true;
      props0.body = true;
      props0.valuePath = true;
      props0.timeFormat = true;
      props0.type = true;
    }
  }
  if (!valid1) {
    const err13 = {
      instancePath,
      schemaPath: '#/allOf/0/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema51.allOf[0].if,
      parentSchema: schema51.allOf[0],
      data,
    };
    if (vErrors === null) {
      vErrors = [err13];
    } else {
      vErrors.push(err13);
    }
    errors++;
  }
  const _errs7 = errors;
  let valid4 = true;
  const _errs8 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing1;
    if (data.type === undefined && (missing1 = 'type')) {
      const err14 = {};
      if (vErrors === null) {
        vErrors = [err14];
      } else {
        vErrors.push(err14);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('datadog' !== data.type) {
          const err15 = {};
          if (vErrors === null) {
            vErrors = [err15];
          } else {
            vErrors.push(err15);
          }
          errors++;
        }
      }
    }
  }
  var _valid1 = _errs8 === errors;
  errors = _errs7;
  if (vErrors !== null) {
    if (_errs7) {
      vErrors.length = _errs7;
    } else {
      vErrors = null;
    }
  }
  if (_valid1) {
    const _errs10 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.auth !== undefined) {
        const err16 = {
          instancePath: instancePath + '/auth',
          schemaPath: '#/allOf/1/then/properties/auth/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[1].then.properties.auth,
          data: data.auth,
        };
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      }
      if (data.onlineCheck !== undefined) {
        const err17 = {
          instancePath: instancePath + '/onlineCheck',
          schemaPath: '#/allOf/1/then/properties/onlineCheck/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[1].then.properties.onlineCheck,
          data: data.onlineCheck,
        };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
      if (data.accountId !== undefined) {
        const err18 = {
          instancePath: instancePath + '/accountId',
          schemaPath: '#/allOf/1/then/properties/accountId/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[1].then.properties.accountId,
          data: data.accountId,
        };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
      if (data.region !== undefined) {
        const err19 = {
          instancePath: instancePath + '/region',
          schemaPath: '#/allOf/1/then/properties/region/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[1].then.properties.region,
          data: data.region,
        };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
      if (data.endpoint !== undefined) {
        const err20 = {
          instancePath: instancePath + '/endpoint',
          schemaPath: '#/allOf/1/then/properties/endpoint/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[1].then.properties.endpoint,
          data: data.endpoint,
        };
        if (vErrors === null) {
          vErrors = [err20];
        } else {
          vErrors.push(err20);
        }
        errors++;
      }
      if (data.method !== undefined) {
        const err21 = {
          instancePath: instancePath + '/method',
          schemaPath: '#/allOf/1/then/properties/method/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[1].then.properties.method,
          data: data.method,
        };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
      if (data.body !== undefined) {
        const err22 = {
          instancePath: instancePath + '/body',
          schemaPath: '#/allOf/1/then/properties/body/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[1].then.properties.body,
          data: data.body,
        };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      }
      if (data.valuePath !== undefined) {
        const err23 = {
          instancePath: instancePath + '/valuePath',
          schemaPath: '#/allOf/1/then/properties/valuePath/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[1].then.properties.valuePath,
          data: data.valuePath,
        };
        if (vErrors === null) {
          vErrors = [err23];
        } else {
          vErrors.push(err23);
        }
        errors++;
      }
      if (data.timeFormat !== undefined) {
        const err24 = {
          instancePath: instancePath + '/timeFormat',
          schemaPath: '#/allOf/1/then/properties/timeFormat/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[1].then.properties.timeFormat,
          data: data.timeFormat,
        };
        if (vErrors === null) {
          vErrors = [err24];
        } else {
          vErrors.push(err24);
        }
        errors++;
      }
      if (data.scrapeInterval !== undefined) {
        const err25 = {
          instancePath: instancePath + '/scrapeInterval',
          schemaPath: '#/allOf/1/then/properties/scrapeInterval/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[1].then.properties.scrapeInterval,
          data: data.scrapeInterval,
        };
        if (vErrors === null) {
          vErrors = [err25];
        } else {
          vErrors.push(err25);
        }
        errors++;
      }
    }
    var _valid1 = _errs10 === errors;
    valid4 = _valid1;
    if (valid4) {
      var props1 = {};
      props1.auth = true;
      props1.onlineCheck = true;
      props1.accountId = true;
      props1.region = true;
      props1.endpoint = true;
      props1.method = true;
      props1.body = true;
      props1.valuePath = true;
      props1.timeFormat = true;
      props1.scrapeInterval = true;
      props1.type = true;
    }
  }
  if (!valid4) {
    const err26 = {
      instancePath,
      schemaPath: '#/allOf/1/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema51.allOf[1].if,
      parentSchema: schema51.allOf[1],
      data,
    };
    if (vErrors === null) {
      vErrors = [err26];
    } else {
      vErrors.push(err26);
    }
    errors++;
  }
  if (props0 !== true && props1 !== undefined) {
    if (props1 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props1);
    }
  }
  const _errs12 = errors;
  let valid7 = true;
  const _errs13 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing2;
    if (data.type === undefined && (missing2 = 'type')) {
      const err27 = {};
      if (vErrors === null) {
        vErrors = [err27];
      } else {
        vErrors.push(err27);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('newrelic' !== data.type) {
          const err28 = {};
          if (vErrors === null) {
            vErrors = [err28];
          } else {
            vErrors.push(err28);
          }
          errors++;
        }
      }
    }
  }
  var _valid2 = _errs13 === errors;
  errors = _errs12;
  if (vErrors !== null) {
    if (_errs12) {
      vErrors.length = _errs12;
    } else {
      vErrors = null;
    }
  }
  if (_valid2) {
    const _errs15 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.accountId === undefined) {
        const err29 = {
          instancePath,
          schemaPath: '#/allOf/2/then/required',
          keyword: 'required',
          params: { missingProperty: 'accountId' },
          message: "must have required property '" + 'accountId' + "'",
          schema: schema51.allOf[2].then.required,
          parentSchema: schema51.allOf[2].then,
          data,
        };
        if (vErrors === null) {
          vErrors = [err29];
        } else {
          vErrors.push(err29);
        }
        errors++;
      }
      if (data.auth !== undefined) {
        const err30 = {
          instancePath: instancePath + '/auth',
          schemaPath: '#/allOf/2/then/properties/auth/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[2].then.properties.auth,
          data: data.auth,
        };
        if (vErrors === null) {
          vErrors = [err30];
        } else {
          vErrors.push(err30);
        }
        errors++;
      }
      if (data.onlineCheck !== undefined) {
        const err31 = {
          instancePath: instancePath + '/onlineCheck',
          schemaPath: '#/allOf/2/then/properties/onlineCheck/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[2].then.properties.onlineCheck,
          data: data.onlineCheck,
        };
        if (vErrors === null) {
          vErrors = [err31];
        } else {
          vErrors.push(err31);
        }
        errors++;
      }
      if (data.site !== undefined) {
        const err32 = {
          instancePath: instancePath + '/site',
          schemaPath: '#/allOf/2/then/properties/site/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[2].then.properties.site,
          data: data.site,
        };
        if (vErrors === null) {
          vErrors = [err32];
        } else {
          vErrors.push(err32);
        }
        errors++;
      }
      if (data.applicationKeyEnv !== undefined) {
        const err33 = {
          instancePath: instancePath + '/applicationKeyEnv',
          schemaPath: '#/allOf/2/then/properties/applicationKeyEnv/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[2].then.properties.applicationKeyEnv,
          data: data.applicationKeyEnv,
        };
        if (vErrors === null) {
          vErrors = [err33];
        } else {
          vErrors.push(err33);
        }
        errors++;
      }
      if (data.endpoint !== undefined) {
        const err34 = {
          instancePath: instancePath + '/endpoint',
          schemaPath: '#/allOf/2/then/properties/endpoint/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[2].then.properties.endpoint,
          data: data.endpoint,
        };
        if (vErrors === null) {
          vErrors = [err34];
        } else {
          vErrors.push(err34);
        }
        errors++;
      }
      if (data.method !== undefined) {
        const err35 = {
          instancePath: instancePath + '/method',
          schemaPath: '#/allOf/2/then/properties/method/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[2].then.properties.method,
          data: data.method,
        };
        if (vErrors === null) {
          vErrors = [err35];
        } else {
          vErrors.push(err35);
        }
        errors++;
      }
      if (data.body !== undefined) {
        const err36 = {
          instancePath: instancePath + '/body',
          schemaPath: '#/allOf/2/then/properties/body/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[2].then.properties.body,
          data: data.body,
        };
        if (vErrors === null) {
          vErrors = [err36];
        } else {
          vErrors.push(err36);
        }
        errors++;
      }
      if (data.valuePath !== undefined) {
        const err37 = {
          instancePath: instancePath + '/valuePath',
          schemaPath: '#/allOf/2/then/properties/valuePath/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[2].then.properties.valuePath,
          data: data.valuePath,
        };
        if (vErrors === null) {
          vErrors = [err37];
        } else {
          vErrors.push(err37);
        }
        errors++;
      }
      if (data.timeFormat !== undefined) {
        const err38 = {
          instancePath: instancePath + '/timeFormat',
          schemaPath: '#/allOf/2/then/properties/timeFormat/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[2].then.properties.timeFormat,
          data: data.timeFormat,
        };
        if (vErrors === null) {
          vErrors = [err38];
        } else {
          vErrors.push(err38);
        }
        errors++;
      }
      if (data.region !== undefined) {
        let data32 = data.region;
        if (!(data32 === 'us' || data32 === 'eu')) {
          const err39 = {
            instancePath: instancePath + '/region',
            schemaPath: '#/allOf/2/then/properties/region/enum',
            keyword: 'enum',
            params: { allowedValues: schema51.allOf[2].then.properties.region.enum },
            message: 'must be equal to one of the allowed values',
            schema: schema51.allOf[2].then.properties.region.enum,
            parentSchema: schema51.allOf[2].then.properties.region,
            data: data32,
          };
          if (vErrors === null) {
            vErrors = [err39];
          } else {
            vErrors.push(err39);
          }
          errors++;
        }
      }
      if (data.scrapeInterval !== undefined) {
        const err40 = {
          instancePath: instancePath + '/scrapeInterval',
          schemaPath: '#/allOf/2/then/properties/scrapeInterval/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[2].then.properties.scrapeInterval,
          data: data.scrapeInterval,
        };
        if (vErrors === null) {
          vErrors = [err40];
        } else {
          vErrors.push(err40);
        }
        errors++;
      }
    }
    var _valid2 = _errs15 === errors;
    valid7 = _valid2;
    if (valid7) {
      var props2 = {};
      props2.auth = true;
      props2.onlineCheck = true;
      props2.site = true;
      props2.applicationKeyEnv = true;
      props2.endpoint = true;
      props2.method = true;
      props2.body = true;
      props2.valuePath = true;
      props2.timeFormat = true;
      props2.region = true;
      props2.scrapeInterval = true;
      props2.type = true;
    }
  }
  if (!valid7) {
    const err41 = {
      instancePath,
      schemaPath: '#/allOf/2/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema51.allOf[2].if,
      parentSchema: schema51.allOf[2],
      data,
    };
    if (vErrors === null) {
      vErrors = [err41];
    } else {
      vErrors.push(err41);
    }
    errors++;
  }
  if (props0 !== true && props2 !== undefined) {
    if (props2 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props2);
    }
  }
  const _errs18 = errors;
  let valid10 = true;
  const _errs19 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing3;
    if (data.type === undefined && (missing3 = 'type')) {
      const err42 = {};
      if (vErrors === null) {
        vErrors = [err42];
      } else {
        vErrors.push(err42);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('cloudwatch' !== data.type) {
          const err43 = {};
          if (vErrors === null) {
            vErrors = [err43];
          } else {
            vErrors.push(err43);
          }
          errors++;
        }
      }
    }
  }
  var _valid3 = _errs19 === errors;
  errors = _errs18;
  if (vErrors !== null) {
    if (_errs18) {
      vErrors.length = _errs18;
    } else {
      vErrors = null;
    }
  }
  if (_valid3) {
    const _errs21 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.url !== undefined) {
        const err44 = {
          instancePath: instancePath + '/url',
          schemaPath: '#/allOf/3/then/properties/url/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.url,
          data: data.url,
        };
        if (vErrors === null) {
          vErrors = [err44];
        } else {
          vErrors.push(err44);
        }
        errors++;
      }
      if (data.auth !== undefined) {
        const err45 = {
          instancePath: instancePath + '/auth',
          schemaPath: '#/allOf/3/then/properties/auth/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.auth,
          data: data.auth,
        };
        if (vErrors === null) {
          vErrors = [err45];
        } else {
          vErrors.push(err45);
        }
        errors++;
      }
      if (data.onlineCheck !== undefined) {
        const err46 = {
          instancePath: instancePath + '/onlineCheck',
          schemaPath: '#/allOf/3/then/properties/onlineCheck/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.onlineCheck,
          data: data.onlineCheck,
        };
        if (vErrors === null) {
          vErrors = [err46];
        } else {
          vErrors.push(err46);
        }
        errors++;
      }
      if (data.site !== undefined) {
        const err47 = {
          instancePath: instancePath + '/site',
          schemaPath: '#/allOf/3/then/properties/site/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.site,
          data: data.site,
        };
        if (vErrors === null) {
          vErrors = [err47];
        } else {
          vErrors.push(err47);
        }
        errors++;
      }
      if (data.apiKeyEnv !== undefined) {
        const err48 = {
          instancePath: instancePath + '/apiKeyEnv',
          schemaPath: '#/allOf/3/then/properties/apiKeyEnv/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.apiKeyEnv,
          data: data.apiKeyEnv,
        };
        if (vErrors === null) {
          vErrors = [err48];
        } else {
          vErrors.push(err48);
        }
        errors++;
      }
      if (data.applicationKeyEnv !== undefined) {
        const err49 = {
          instancePath: instancePath + '/applicationKeyEnv',
          schemaPath: '#/allOf/3/then/properties/applicationKeyEnv/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.applicationKeyEnv,
          data: data.applicationKeyEnv,
        };
        if (vErrors === null) {
          vErrors = [err49];
        } else {
          vErrors.push(err49);
        }
        errors++;
      }
      if (data.accountId !== undefined) {
        const err50 = {
          instancePath: instancePath + '/accountId',
          schemaPath: '#/allOf/3/then/properties/accountId/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.accountId,
          data: data.accountId,
        };
        if (vErrors === null) {
          vErrors = [err50];
        } else {
          vErrors.push(err50);
        }
        errors++;
      }
      if (data.method !== undefined) {
        const err51 = {
          instancePath: instancePath + '/method',
          schemaPath: '#/allOf/3/then/properties/method/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.method,
          data: data.method,
        };
        if (vErrors === null) {
          vErrors = [err51];
        } else {
          vErrors.push(err51);
        }
        errors++;
      }
      if (data.body !== undefined) {
        const err52 = {
          instancePath: instancePath + '/body',
          schemaPath: '#/allOf/3/then/properties/body/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.body,
          data: data.body,
        };
        if (vErrors === null) {
          vErrors = [err52];
        } else {
          vErrors.push(err52);
        }
        errors++;
      }
      if (data.valuePath !== undefined) {
        const err53 = {
          instancePath: instancePath + '/valuePath',
          schemaPath: '#/allOf/3/then/properties/valuePath/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.valuePath,
          data: data.valuePath,
        };
        if (vErrors === null) {
          vErrors = [err53];
        } else {
          vErrors.push(err53);
        }
        errors++;
      }
      if (data.timeFormat !== undefined) {
        const err54 = {
          instancePath: instancePath + '/timeFormat',
          schemaPath: '#/allOf/3/then/properties/timeFormat/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.timeFormat,
          data: data.timeFormat,
        };
        if (vErrors === null) {
          vErrors = [err54];
        } else {
          vErrors.push(err54);
        }
        errors++;
      }
      if (data.headers !== undefined) {
        const err55 = {
          instancePath: instancePath + '/headers',
          schemaPath: '#/allOf/3/then/properties/headers/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.headers,
          data: data.headers,
        };
        if (vErrors === null) {
          vErrors = [err55];
        } else {
          vErrors.push(err55);
        }
        errors++;
      }
      if (data.headersFromEnv !== undefined) {
        const err56 = {
          instancePath: instancePath + '/headersFromEnv',
          schemaPath: '#/allOf/3/then/properties/headersFromEnv/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.headersFromEnv,
          data: data.headersFromEnv,
        };
        if (vErrors === null) {
          vErrors = [err56];
        } else {
          vErrors.push(err56);
        }
        errors++;
      }
      if (data.scrapeInterval !== undefined) {
        const err57 = {
          instancePath: instancePath + '/scrapeInterval',
          schemaPath: '#/allOf/3/then/properties/scrapeInterval/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[3].then.properties.scrapeInterval,
          data: data.scrapeInterval,
        };
        if (vErrors === null) {
          vErrors = [err57];
        } else {
          vErrors.push(err57);
        }
        errors++;
      }
    }
    var _valid3 = _errs21 === errors;
    valid10 = _valid3;
    if (valid10) {
      var props3 = {};
      props3.url = true;
      props3.auth = true;
      props3.onlineCheck = true;
      props3.site = true;
      props3.apiKeyEnv = true;
      props3.applicationKeyEnv = true;
      props3.accountId = true;
      props3.method = true;
      props3.body = true;
      props3.valuePath = true;
      props3.timeFormat = true;
      props3.headers = true;
      props3.headersFromEnv = true;
      props3.scrapeInterval = true;
      props3.type = true;
    }
  }
  if (!valid10) {
    const err58 = {
      instancePath,
      schemaPath: '#/allOf/3/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema51.allOf[3].if,
      parentSchema: schema51.allOf[3],
      data,
    };
    if (vErrors === null) {
      vErrors = [err58];
    } else {
      vErrors.push(err58);
    }
    errors++;
  }
  if (props0 !== true && props3 !== undefined) {
    if (props3 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props3);
    }
  }
  const _errs23 = errors;
  let valid13 = true;
  const _errs24 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing4;
    if (data.type === undefined && (missing4 = 'type')) {
      const err59 = {};
      if (vErrors === null) {
        vErrors = [err59];
      } else {
        vErrors.push(err59);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('http' !== data.type) {
          const err60 = {};
          if (vErrors === null) {
            vErrors = [err60];
          } else {
            vErrors.push(err60);
          }
          errors++;
        }
      }
    }
  }
  var _valid4 = _errs24 === errors;
  errors = _errs23;
  if (vErrors !== null) {
    if (_errs23) {
      vErrors.length = _errs23;
    } else {
      vErrors = null;
    }
  }
  if (_valid4) {
    const _errs26 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.url === undefined) {
        const err61 = {
          instancePath,
          schemaPath: '#/allOf/4/then/required',
          keyword: 'required',
          params: { missingProperty: 'url' },
          message: "must have required property '" + 'url' + "'",
          schema: schema51.allOf[4].then.required,
          parentSchema: schema51.allOf[4].then,
          data,
        };
        if (vErrors === null) {
          vErrors = [err61];
        } else {
          vErrors.push(err61);
        }
        errors++;
      }
      if (data.valuePath === undefined) {
        const err62 = {
          instancePath,
          schemaPath: '#/allOf/4/then/required',
          keyword: 'required',
          params: { missingProperty: 'valuePath' },
          message: "must have required property '" + 'valuePath' + "'",
          schema: schema51.allOf[4].then.required,
          parentSchema: schema51.allOf[4].then,
          data,
        };
        if (vErrors === null) {
          vErrors = [err62];
        } else {
          vErrors.push(err62);
        }
        errors++;
      }
      if (data.onlineCheck !== undefined) {
        const err63 = {
          instancePath: instancePath + '/onlineCheck',
          schemaPath: '#/allOf/4/then/properties/onlineCheck/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[4].then.properties.onlineCheck,
          data: data.onlineCheck,
        };
        if (vErrors === null) {
          vErrors = [err63];
        } else {
          vErrors.push(err63);
        }
        errors++;
      }
      if (data.site !== undefined) {
        const err64 = {
          instancePath: instancePath + '/site',
          schemaPath: '#/allOf/4/then/properties/site/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[4].then.properties.site,
          data: data.site,
        };
        if (vErrors === null) {
          vErrors = [err64];
        } else {
          vErrors.push(err64);
        }
        errors++;
      }
      if (data.apiKeyEnv !== undefined) {
        const err65 = {
          instancePath: instancePath + '/apiKeyEnv',
          schemaPath: '#/allOf/4/then/properties/apiKeyEnv/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[4].then.properties.apiKeyEnv,
          data: data.apiKeyEnv,
        };
        if (vErrors === null) {
          vErrors = [err65];
        } else {
          vErrors.push(err65);
        }
        errors++;
      }
      if (data.applicationKeyEnv !== undefined) {
        const err66 = {
          instancePath: instancePath + '/applicationKeyEnv',
          schemaPath: '#/allOf/4/then/properties/applicationKeyEnv/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[4].then.properties.applicationKeyEnv,
          data: data.applicationKeyEnv,
        };
        if (vErrors === null) {
          vErrors = [err66];
        } else {
          vErrors.push(err66);
        }
        errors++;
      }
      if (data.accountId !== undefined) {
        const err67 = {
          instancePath: instancePath + '/accountId',
          schemaPath: '#/allOf/4/then/properties/accountId/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[4].then.properties.accountId,
          data: data.accountId,
        };
        if (vErrors === null) {
          vErrors = [err67];
        } else {
          vErrors.push(err67);
        }
        errors++;
      }
      if (data.region !== undefined) {
        const err68 = {
          instancePath: instancePath + '/region',
          schemaPath: '#/allOf/4/then/properties/region/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[4].then.properties.region,
          data: data.region,
        };
        if (vErrors === null) {
          vErrors = [err68];
        } else {
          vErrors.push(err68);
        }
        errors++;
      }
      if (data.endpoint !== undefined) {
        const err69 = {
          instancePath: instancePath + '/endpoint',
          schemaPath: '#/allOf/4/then/properties/endpoint/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[4].then.properties.endpoint,
          data: data.endpoint,
        };
        if (vErrors === null) {
          vErrors = [err69];
        } else {
          vErrors.push(err69);
        }
        errors++;
      }
      if (data.scrapeInterval !== undefined) {
        const err70 = {
          instancePath: instancePath + '/scrapeInterval',
          schemaPath: '#/allOf/4/then/properties/scrapeInterval/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema51.allOf[4].then.properties.scrapeInterval,
          data: data.scrapeInterval,
        };
        if (vErrors === null) {
          vErrors = [err70];
        } else {
          vErrors.push(err70);
        }
        errors++;
      }
    }
    var _valid4 = _errs26 === errors;
    valid13 = _valid4;
    if (valid13) {
      var props4 = {};
      props4.onlineCheck = true;
      props4.site = true;
      props4.apiKeyEnv = true;
      props4.applicationKeyEnv = true;
      props4.accountId = true;
      props4.region = true;
      props4.endpoint = true;
      props4.scrapeInterval = true;
      props4.type = true;
    }
  }
  if (!valid13) {
    const err71 = {
      instancePath,
      schemaPath: '#/allOf/4/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema51.allOf[4].if,
      parentSchema: schema51.allOf[4],
      data,
    };
    if (vErrors === null) {
      vErrors = [err71];
    } else {
      vErrors.push(err71);
    }
    errors++;
  }
  if (props0 !== true && props4 !== undefined) {
    if (props4 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props4);
    }
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.type === undefined) {
      const err72 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'type' },
        message: "must have required property '" + 'type' + "'",
        schema: schema51.required,
        parentSchema: schema51,
        data,
      };
      if (vErrors === null) {
        vErrors = [err72];
      } else {
        vErrors.push(err72);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func1.call(schema51.properties, key0)) {
        const err73 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema51,
          data,
        };
        if (vErrors === null) {
          vErrors = [err73];
        } else {
          vErrors.push(err73);
        }
        errors++;
      }
    }
    if (data.type !== undefined) {
      let data58 = data.type;
      if (!(
        data58 === 'prometheus' ||
        data58 === 'datadog' ||
        data58 === 'newrelic' ||
        data58 === 'cloudwatch' ||
        data58 === 'http'
      )) {
        const err74 = {
          instancePath: instancePath + '/type',
          schemaPath: '#/properties/type/enum',
          keyword: 'enum',
          params: { allowedValues: schema51.properties.type.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema51.properties.type.enum,
          parentSchema: schema51.properties.type,
          data: data58,
        };
        if (vErrors === null) {
          vErrors = [err74];
        } else {
          vErrors.push(err74);
        }
        errors++;
      }
    }
    if (data.url !== undefined) {
      let data59 = data.url;
      if (typeof data59 === 'string') {
        if (!pattern19.test(data59)) {
          const err75 = {
            instancePath: instancePath + '/url',
            schemaPath: '#/$defs/url/pattern',
            keyword: 'pattern',
            params: { pattern: '^https?://[^\\s/?#]+([/?#]\\S*)?$' },
            message: 'must match pattern "' + '^https?://[^\\s/?#]+([/?#]\\S*)?$' + '"',
            schema: '^https?://[^\\s/?#]+([/?#]\\S*)?$',
            parentSchema: schema52,
            data: data59,
          };
          if (vErrors === null) {
            vErrors = [err75];
          } else {
            vErrors.push(err75);
          }
          errors++;
        }
      } else {
        const err76 = {
          instancePath: instancePath + '/url',
          schemaPath: '#/$defs/url/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema52.type,
          parentSchema: schema52,
          data: data59,
        };
        if (vErrors === null) {
          vErrors = [err76];
        } else {
          vErrors.push(err76);
        }
        errors++;
      }
    }
    if (data.auth !== undefined) {
      let data60 = data.auth;
      const _errs36 = errors;
      let valid20 = true;
      const _errs37 = errors;
      if (data60 && typeof data60 == 'object' && !Array.isArray(data60)) {
        let missing5;
        if (data60.type === undefined && (missing5 = 'type')) {
          const err77 = {};
          if (vErrors === null) {
            vErrors = [err77];
          } else {
            vErrors.push(err77);
          }
          errors++;
        } else {
          if (data60.type !== undefined) {
            if ('none' !== data60.type) {
              const err78 = {};
              if (vErrors === null) {
                vErrors = [err78];
              } else {
                vErrors.push(err78);
              }
              errors++;
            }
          }
        }
      }
      var _valid5 = _errs37 === errors;
      errors = _errs36;
      if (vErrors !== null) {
        if (_errs36) {
          vErrors.length = _errs36;
        } else {
          vErrors = null;
        }
      }
      if (_valid5) {
        const _errs39 = errors;
        if (data60 && typeof data60 == 'object' && !Array.isArray(data60)) {
          if (data60.tokenEnv !== undefined) {
            const err79 = {
              instancePath: instancePath + '/auth/tokenEnv',
              schemaPath: '#/$defs/auth/allOf/0/then/properties/tokenEnv/false schema',
              keyword: 'false schema',
              params: {},
              message: 'boolean schema is false',
              schema: false,
              parentSchema: schema53.allOf[0].then.properties.tokenEnv,
              data: data60.tokenEnv,
            };
            if (vErrors === null) {
              vErrors = [err79];
            } else {
              vErrors.push(err79);
            }
            errors++;
          }
          if (data60.username !== undefined) {
            const err80 = {
              instancePath: instancePath + '/auth/username',
              schemaPath: '#/$defs/auth/allOf/0/then/properties/username/false schema',
              keyword: 'false schema',
              params: {},
              message: 'boolean schema is false',
              schema: false,
              parentSchema: schema53.allOf[0].then.properties.username,
              data: data60.username,
            };
            if (vErrors === null) {
              vErrors = [err80];
            } else {
              vErrors.push(err80);
            }
            errors++;
          }
          if (data60.usernameEnv !== undefined) {
            const err81 = {
              instancePath: instancePath + '/auth/usernameEnv',
              schemaPath: '#/$defs/auth/allOf/0/then/properties/usernameEnv/false schema',
              keyword: 'false schema',
              params: {},
              message: 'boolean schema is false',
              schema: false,
              parentSchema: schema53.allOf[0].then.properties.usernameEnv,
              data: data60.usernameEnv,
            };
            if (vErrors === null) {
              vErrors = [err81];
            } else {
              vErrors.push(err81);
            }
            errors++;
          }
          if (data60.passwordEnv !== undefined) {
            const err82 = {
              instancePath: instancePath + '/auth/passwordEnv',
              schemaPath: '#/$defs/auth/allOf/0/then/properties/passwordEnv/false schema',
              keyword: 'false schema',
              params: {},
              message: 'boolean schema is false',
              schema: false,
              parentSchema: schema53.allOf[0].then.properties.passwordEnv,
              data: data60.passwordEnv,
            };
            if (vErrors === null) {
              vErrors = [err82];
            } else {
              vErrors.push(err82);
            }
            errors++;
          }
        }
        var _valid5 = _errs39 === errors;
        valid20 = _valid5;
        if (valid20) {
          var props5 = {};
          props5.tokenEnv = true;
          props5.username = true;
          props5.usernameEnv = true;
          props5.passwordEnv = true;
          props5.type = true;
        }
      }
      if (!valid20) {
        const err83 = {
          instancePath: instancePath + '/auth',
          schemaPath: '#/$defs/auth/allOf/0/if',
          keyword: 'if',
          params: { failingKeyword: 'then' },
          message: 'must match "then" schema',
          schema: schema53.allOf[0].if,
          parentSchema: schema53.allOf[0],
          data: data60,
        };
        if (vErrors === null) {
          vErrors = [err83];
        } else {
          vErrors.push(err83);
        }
        errors++;
      }
      const _errs41 = errors;
      let valid23 = true;
      const _errs42 = errors;
      if (data60 && typeof data60 == 'object' && !Array.isArray(data60)) {
        let missing6;
        if (data60.type === undefined && (missing6 = 'type')) {
          const err84 = {};
          if (vErrors === null) {
            vErrors = [err84];
          } else {
            vErrors.push(err84);
          }
          errors++;
        } else {
          if (data60.type !== undefined) {
            if ('bearer' !== data60.type) {
              const err85 = {};
              if (vErrors === null) {
                vErrors = [err85];
              } else {
                vErrors.push(err85);
              }
              errors++;
            }
          }
        }
      }
      var _valid6 = _errs42 === errors;
      errors = _errs41;
      if (vErrors !== null) {
        if (_errs41) {
          vErrors.length = _errs41;
        } else {
          vErrors = null;
        }
      }
      if (_valid6) {
        const _errs44 = errors;
        if (data60 && typeof data60 == 'object' && !Array.isArray(data60)) {
          if (data60.tokenEnv === undefined) {
            const err86 = {
              instancePath: instancePath + '/auth',
              schemaPath: '#/$defs/auth/allOf/1/then/required',
              keyword: 'required',
              params: { missingProperty: 'tokenEnv' },
              message: "must have required property '" + 'tokenEnv' + "'",
              schema: schema53.allOf[1].then.required,
              parentSchema: schema53.allOf[1].then,
              data: data60,
            };
            if (vErrors === null) {
              vErrors = [err86];
            } else {
              vErrors.push(err86);
            }
            errors++;
          }
          if (data60.username !== undefined) {
            const err87 = {
              instancePath: instancePath + '/auth/username',
              schemaPath: '#/$defs/auth/allOf/1/then/properties/username/false schema',
              keyword: 'false schema',
              params: {},
              message: 'boolean schema is false',
              schema: false,
              parentSchema: schema53.allOf[1].then.properties.username,
              data: data60.username,
            };
            if (vErrors === null) {
              vErrors = [err87];
            } else {
              vErrors.push(err87);
            }
            errors++;
          }
          if (data60.usernameEnv !== undefined) {
            const err88 = {
              instancePath: instancePath + '/auth/usernameEnv',
              schemaPath: '#/$defs/auth/allOf/1/then/properties/usernameEnv/false schema',
              keyword: 'false schema',
              params: {},
              message: 'boolean schema is false',
              schema: false,
              parentSchema: schema53.allOf[1].then.properties.usernameEnv,
              data: data60.usernameEnv,
            };
            if (vErrors === null) {
              vErrors = [err88];
            } else {
              vErrors.push(err88);
            }
            errors++;
          }
          if (data60.passwordEnv !== undefined) {
            const err89 = {
              instancePath: instancePath + '/auth/passwordEnv',
              schemaPath: '#/$defs/auth/allOf/1/then/properties/passwordEnv/false schema',
              keyword: 'false schema',
              params: {},
              message: 'boolean schema is false',
              schema: false,
              parentSchema: schema53.allOf[1].then.properties.passwordEnv,
              data: data60.passwordEnv,
            };
            if (vErrors === null) {
              vErrors = [err89];
            } else {
              vErrors.push(err89);
            }
            errors++;
          }
        }
        var _valid6 = _errs44 === errors;
        valid23 = _valid6;
        if (valid23) {
          var props6 = {};
          props6.username = true;
          props6.usernameEnv = true;
          props6.passwordEnv = true;
          props6.type = true;
        }
      }
      if (!valid23) {
        const err90 = {
          instancePath: instancePath + '/auth',
          schemaPath: '#/$defs/auth/allOf/1/if',
          keyword: 'if',
          params: { failingKeyword: 'then' },
          message: 'must match "then" schema',
          schema: schema53.allOf[1].if,
          parentSchema: schema53.allOf[1],
          data: data60,
        };
        if (vErrors === null) {
          vErrors = [err90];
        } else {
          vErrors.push(err90);
        }
        errors++;
      }
      if (props5 !== true && props6 !== undefined) {
        if (props6 === true) {
          props5 = true;
        } else {
          props5 = props5 || {};
          Object.assign(props5, props6);
        }
      }
      const _errs46 = errors;
      let valid26 = true;
      const _errs47 = errors;
      if (data60 && typeof data60 == 'object' && !Array.isArray(data60)) {
        let missing7;
        if (data60.type === undefined && (missing7 = 'type')) {
          const err91 = {};
          if (vErrors === null) {
            vErrors = [err91];
          } else {
            vErrors.push(err91);
          }
          errors++;
        } else {
          if (data60.type !== undefined) {
            if ('basic' !== data60.type) {
              const err92 = {};
              if (vErrors === null) {
                vErrors = [err92];
              } else {
                vErrors.push(err92);
              }
              errors++;
            }
          }
        }
      }
      var _valid7 = _errs47 === errors;
      errors = _errs46;
      if (vErrors !== null) {
        if (_errs46) {
          vErrors.length = _errs46;
        } else {
          vErrors = null;
        }
      }
      if (_valid7) {
        const _errs49 = errors;
        if (data60 && typeof data60 == 'object' && !Array.isArray(data60)) {
          if (data60.passwordEnv === undefined) {
            const err93 = {
              instancePath: instancePath + '/auth',
              schemaPath: '#/$defs/auth/allOf/2/then/required',
              keyword: 'required',
              params: { missingProperty: 'passwordEnv' },
              message: "must have required property '" + 'passwordEnv' + "'",
              schema: schema53.allOf[2].then.required,
              parentSchema: schema53.allOf[2].then,
              data: data60,
            };
            if (vErrors === null) {
              vErrors = [err93];
            } else {
              vErrors.push(err93);
            }
            errors++;
          }
          if (data60.tokenEnv !== undefined) {
            const err94 = {
              instancePath: instancePath + '/auth/tokenEnv',
              schemaPath: '#/$defs/auth/allOf/2/then/properties/tokenEnv/false schema',
              keyword: 'false schema',
              params: {},
              message: 'boolean schema is false',
              schema: false,
              parentSchema: schema53.allOf[2].then.properties.tokenEnv,
              data: data60.tokenEnv,
            };
            if (vErrors === null) {
              vErrors = [err94];
            } else {
              vErrors.push(err94);
            }
            errors++;
          }
        }
        var _valid7 = _errs49 === errors;
        valid26 = _valid7;
        if (valid26) {
          var props7 = {};
          props7.tokenEnv = true;
          props7.type = true;
        }
      }
      if (!valid26) {
        const err95 = {
          instancePath: instancePath + '/auth',
          schemaPath: '#/$defs/auth/allOf/2/if',
          keyword: 'if',
          params: { failingKeyword: 'then' },
          message: 'must match "then" schema',
          schema: schema53.allOf[2].if,
          parentSchema: schema53.allOf[2],
          data: data60,
        };
        if (vErrors === null) {
          vErrors = [err95];
        } else {
          vErrors.push(err95);
        }
        errors++;
      }
      if (props5 !== true && props7 !== undefined) {
        if (props7 === true) {
          props5 = true;
        } else {
          props5 = props5 || {};
          Object.assign(props5, props7);
        }
      }
      if (data60 && typeof data60 == 'object' && !Array.isArray(data60)) {
        if (data60.type === undefined) {
          const err96 = {
            instancePath: instancePath + '/auth',
            schemaPath: '#/$defs/auth/required',
            keyword: 'required',
            params: { missingProperty: 'type' },
            message: "must have required property '" + 'type' + "'",
            schema: schema53.required,
            parentSchema: schema53,
            data: data60,
          };
          if (vErrors === null) {
            vErrors = [err96];
          } else {
            vErrors.push(err96);
          }
          errors++;
        }
        for (const key1 in data60) {
          if (!(
            key1 === 'type' ||
            key1 === 'tokenEnv' ||
            key1 === 'username' ||
            key1 === 'usernameEnv' ||
            key1 === 'passwordEnv'
          )) {
            const err97 = {
              instancePath: instancePath + '/auth',
              schemaPath: '#/$defs/auth/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key1 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema53,
              data: data60,
            };
            if (vErrors === null) {
              vErrors = [err97];
            } else {
              vErrors.push(err97);
            }
            errors++;
          }
        }
        if (data60.type !== undefined) {
          let data72 = data60.type;
          if (!(data72 === 'none' || data72 === 'bearer' || data72 === 'basic')) {
            const err98 = {
              instancePath: instancePath + '/auth/type',
              schemaPath: '#/$defs/auth/properties/type/enum',
              keyword: 'enum',
              params: { allowedValues: schema53.properties.type.enum },
              message: 'must be equal to one of the allowed values',
              schema: schema53.properties.type.enum,
              parentSchema: schema53.properties.type,
              data: data72,
            };
            if (vErrors === null) {
              vErrors = [err98];
            } else {
              vErrors.push(err98);
            }
            errors++;
          }
        }
        if (data60.tokenEnv !== undefined) {
          let data73 = data60.tokenEnv;
          if (typeof data73 === 'string') {
            if (!pattern20.test(data73)) {
              const err99 = {
                instancePath: instancePath + '/auth/tokenEnv',
                schemaPath: '#/$defs/auth/properties/tokenEnv/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z_][A-Za-z0-9_]*$' + '"',
                schema: '^[A-Za-z_][A-Za-z0-9_]*$',
                parentSchema: schema53.properties.tokenEnv,
                data: data73,
              };
              if (vErrors === null) {
                vErrors = [err99];
              } else {
                vErrors.push(err99);
              }
              errors++;
            }
          } else {
            const err100 = {
              instancePath: instancePath + '/auth/tokenEnv',
              schemaPath: '#/$defs/auth/properties/tokenEnv/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema53.properties.tokenEnv.type,
              parentSchema: schema53.properties.tokenEnv,
              data: data73,
            };
            if (vErrors === null) {
              vErrors = [err100];
            } else {
              vErrors.push(err100);
            }
            errors++;
          }
        }
        if (data60.username !== undefined) {
          let data74 = data60.username;
          if (typeof data74 === 'string') {
            if (data74.length < 1) {
              const err101 = {
                instancePath: instancePath + '/auth/username',
                schemaPath: '#/$defs/auth/properties/username/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema53.properties.username,
                data: data74,
              };
              if (vErrors === null) {
                vErrors = [err101];
              } else {
                vErrors.push(err101);
              }
              errors++;
            }
          } else {
            const err102 = {
              instancePath: instancePath + '/auth/username',
              schemaPath: '#/$defs/auth/properties/username/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema53.properties.username.type,
              parentSchema: schema53.properties.username,
              data: data74,
            };
            if (vErrors === null) {
              vErrors = [err102];
            } else {
              vErrors.push(err102);
            }
            errors++;
          }
        }
        if (data60.usernameEnv !== undefined) {
          let data75 = data60.usernameEnv;
          if (typeof data75 === 'string') {
            if (!pattern20.test(data75)) {
              const err103 = {
                instancePath: instancePath + '/auth/usernameEnv',
                schemaPath: '#/$defs/auth/properties/usernameEnv/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z_][A-Za-z0-9_]*$' + '"',
                schema: '^[A-Za-z_][A-Za-z0-9_]*$',
                parentSchema: schema53.properties.usernameEnv,
                data: data75,
              };
              if (vErrors === null) {
                vErrors = [err103];
              } else {
                vErrors.push(err103);
              }
              errors++;
            }
          } else {
            const err104 = {
              instancePath: instancePath + '/auth/usernameEnv',
              schemaPath: '#/$defs/auth/properties/usernameEnv/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema53.properties.usernameEnv.type,
              parentSchema: schema53.properties.usernameEnv,
              data: data75,
            };
            if (vErrors === null) {
              vErrors = [err104];
            } else {
              vErrors.push(err104);
            }
            errors++;
          }
        }
        if (data60.passwordEnv !== undefined) {
          let data76 = data60.passwordEnv;
          if (typeof data76 === 'string') {
            if (!pattern20.test(data76)) {
              const err105 = {
                instancePath: instancePath + '/auth/passwordEnv',
                schemaPath: '#/$defs/auth/properties/passwordEnv/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z_][A-Za-z0-9_]*$' + '"',
                schema: '^[A-Za-z_][A-Za-z0-9_]*$',
                parentSchema: schema53.properties.passwordEnv,
                data: data76,
              };
              if (vErrors === null) {
                vErrors = [err105];
              } else {
                vErrors.push(err105);
              }
              errors++;
            }
          } else {
            const err106 = {
              instancePath: instancePath + '/auth/passwordEnv',
              schemaPath: '#/$defs/auth/properties/passwordEnv/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema53.properties.passwordEnv.type,
              parentSchema: schema53.properties.passwordEnv,
              data: data76,
            };
            if (vErrors === null) {
              vErrors = [err106];
            } else {
              vErrors.push(err106);
            }
            errors++;
          }
        }
      } else {
        const err107 = {
          instancePath: instancePath + '/auth',
          schemaPath: '#/$defs/auth/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema53.type,
          parentSchema: schema53,
          data: data60,
        };
        if (vErrors === null) {
          vErrors = [err107];
        } else {
          vErrors.push(err107);
        }
        errors++;
      }
    }
    if (data.onlineCheck !== undefined) {
      let data77 = data.onlineCheck;
      if (!(data77 === 'query' || data77 === 'ready')) {
        const err108 = {
          instancePath: instancePath + '/onlineCheck',
          schemaPath: '#/properties/onlineCheck/enum',
          keyword: 'enum',
          params: { allowedValues: schema51.properties.onlineCheck.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema51.properties.onlineCheck.enum,
          parentSchema: schema51.properties.onlineCheck,
          data: data77,
        };
        if (vErrors === null) {
          vErrors = [err108];
        } else {
          vErrors.push(err108);
        }
        errors++;
      }
    }
    if (data.scrapeInterval !== undefined) {
      let data78 = data.scrapeInterval;
      if (typeof data78 === 'string') {
        if (!pattern15.test(data78)) {
          const err109 = {
            instancePath: instancePath + '/scrapeInterval',
            schemaPath: '#/$defs/duration/pattern',
            keyword: 'pattern',
            params: { pattern: '^([0-9]+(s|m|h|d))+$' },
            message: 'must match pattern "' + '^([0-9]+(s|m|h|d))+$' + '"',
            schema: '^([0-9]+(s|m|h|d))+$',
            parentSchema: schema46,
            data: data78,
          };
          if (vErrors === null) {
            vErrors = [err109];
          } else {
            vErrors.push(err109);
          }
          errors++;
        }
      } else {
        const err110 = {
          instancePath: instancePath + '/scrapeInterval',
          schemaPath: '#/$defs/duration/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema46.type,
          parentSchema: schema46,
          data: data78,
        };
        if (vErrors === null) {
          vErrors = [err110];
        } else {
          vErrors.push(err110);
        }
        errors++;
      }
    }
    if (data.site !== undefined) {
      let data79 = data.site;
      if (typeof data79 === 'string') {
        if (data79.length < 1) {
          const err111 = {
            instancePath: instancePath + '/site',
            schemaPath: '#/properties/site/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema51.properties.site,
            data: data79,
          };
          if (vErrors === null) {
            vErrors = [err111];
          } else {
            vErrors.push(err111);
          }
          errors++;
        }
      } else {
        const err112 = {
          instancePath: instancePath + '/site',
          schemaPath: '#/properties/site/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema51.properties.site.type,
          parentSchema: schema51.properties.site,
          data: data79,
        };
        if (vErrors === null) {
          vErrors = [err112];
        } else {
          vErrors.push(err112);
        }
        errors++;
      }
    }
    if (data.apiKeyEnv !== undefined) {
      let data80 = data.apiKeyEnv;
      if (typeof data80 === 'string') {
        if (!pattern20.test(data80)) {
          const err113 = {
            instancePath: instancePath + '/apiKeyEnv',
            schemaPath: '#/properties/apiKeyEnv/pattern',
            keyword: 'pattern',
            params: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
            message: 'must match pattern "' + '^[A-Za-z_][A-Za-z0-9_]*$' + '"',
            schema: '^[A-Za-z_][A-Za-z0-9_]*$',
            parentSchema: schema51.properties.apiKeyEnv,
            data: data80,
          };
          if (vErrors === null) {
            vErrors = [err113];
          } else {
            vErrors.push(err113);
          }
          errors++;
        }
      } else {
        const err114 = {
          instancePath: instancePath + '/apiKeyEnv',
          schemaPath: '#/properties/apiKeyEnv/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema51.properties.apiKeyEnv.type,
          parentSchema: schema51.properties.apiKeyEnv,
          data: data80,
        };
        if (vErrors === null) {
          vErrors = [err114];
        } else {
          vErrors.push(err114);
        }
        errors++;
      }
    }
    if (data.applicationKeyEnv !== undefined) {
      let data81 = data.applicationKeyEnv;
      if (typeof data81 === 'string') {
        if (!pattern20.test(data81)) {
          const err115 = {
            instancePath: instancePath + '/applicationKeyEnv',
            schemaPath: '#/properties/applicationKeyEnv/pattern',
            keyword: 'pattern',
            params: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
            message: 'must match pattern "' + '^[A-Za-z_][A-Za-z0-9_]*$' + '"',
            schema: '^[A-Za-z_][A-Za-z0-9_]*$',
            parentSchema: schema51.properties.applicationKeyEnv,
            data: data81,
          };
          if (vErrors === null) {
            vErrors = [err115];
          } else {
            vErrors.push(err115);
          }
          errors++;
        }
      } else {
        const err116 = {
          instancePath: instancePath + '/applicationKeyEnv',
          schemaPath: '#/properties/applicationKeyEnv/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema51.properties.applicationKeyEnv.type,
          parentSchema: schema51.properties.applicationKeyEnv,
          data: data81,
        };
        if (vErrors === null) {
          vErrors = [err116];
        } else {
          vErrors.push(err116);
        }
        errors++;
      }
    }
    if (data.accountId !== undefined) {
      let data82 = data.accountId;
      if (!(typeof data82 == 'number' && !(data82 % 1) && !isNaN(data82) && isFinite(data82))) {
        const err117 = {
          instancePath: instancePath + '/accountId',
          schemaPath: '#/properties/accountId/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema51.properties.accountId.type,
          parentSchema: schema51.properties.accountId,
          data: data82,
        };
        if (vErrors === null) {
          vErrors = [err117];
        } else {
          vErrors.push(err117);
        }
        errors++;
      }
      if (typeof data82 == 'number' && isFinite(data82)) {
        if (data82 < 1 || isNaN(data82)) {
          const err118 = {
            instancePath: instancePath + '/accountId',
            schemaPath: '#/properties/accountId/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
            schema: 1,
            parentSchema: schema51.properties.accountId,
            data: data82,
          };
          if (vErrors === null) {
            vErrors = [err118];
          } else {
            vErrors.push(err118);
          }
          errors++;
        }
      }
    }
    if (data.region !== undefined) {
      let data83 = data.region;
      if (typeof data83 === 'string') {
        if (data83.length < 1) {
          const err119 = {
            instancePath: instancePath + '/region',
            schemaPath: '#/properties/region/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema51.properties.region,
            data: data83,
          };
          if (vErrors === null) {
            vErrors = [err119];
          } else {
            vErrors.push(err119);
          }
          errors++;
        }
      } else {
        const err120 = {
          instancePath: instancePath + '/region',
          schemaPath: '#/properties/region/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema51.properties.region.type,
          parentSchema: schema51.properties.region,
          data: data83,
        };
        if (vErrors === null) {
          vErrors = [err120];
        } else {
          vErrors.push(err120);
        }
        errors++;
      }
    }
    if (data.endpoint !== undefined) {
      let data84 = data.endpoint;
      if (typeof data84 === 'string') {
        if (!pattern19.test(data84)) {
          const err121 = {
            instancePath: instancePath + '/endpoint',
            schemaPath: '#/$defs/url/pattern',
            keyword: 'pattern',
            params: { pattern: '^https?://[^\\s/?#]+([/?#]\\S*)?$' },
            message: 'must match pattern "' + '^https?://[^\\s/?#]+([/?#]\\S*)?$' + '"',
            schema: '^https?://[^\\s/?#]+([/?#]\\S*)?$',
            parentSchema: schema52,
            data: data84,
          };
          if (vErrors === null) {
            vErrors = [err121];
          } else {
            vErrors.push(err121);
          }
          errors++;
        }
      } else {
        const err122 = {
          instancePath: instancePath + '/endpoint',
          schemaPath: '#/$defs/url/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema52.type,
          parentSchema: schema52,
          data: data84,
        };
        if (vErrors === null) {
          vErrors = [err122];
        } else {
          vErrors.push(err122);
        }
        errors++;
      }
    }
    if (data.method !== undefined) {
      let data85 = data.method;
      if (!(data85 === 'GET' || data85 === 'POST')) {
        const err123 = {
          instancePath: instancePath + '/method',
          schemaPath: '#/properties/method/enum',
          keyword: 'enum',
          params: { allowedValues: schema51.properties.method.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema51.properties.method.enum,
          parentSchema: schema51.properties.method,
          data: data85,
        };
        if (vErrors === null) {
          vErrors = [err123];
        } else {
          vErrors.push(err123);
        }
        errors++;
      }
    }
    if (data.body !== undefined) {
      let data86 = data.body;
      if (typeof data86 !== 'string') {
        const err124 = {
          instancePath: instancePath + '/body',
          schemaPath: '#/properties/body/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema51.properties.body.type,
          parentSchema: schema51.properties.body,
          data: data86,
        };
        if (vErrors === null) {
          vErrors = [err124];
        } else {
          vErrors.push(err124);
        }
        errors++;
      }
    }
    if (data.valuePath !== undefined) {
      let data87 = data.valuePath;
      if (typeof data87 === 'string') {
        if (data87.length < 1) {
          const err125 = {
            instancePath: instancePath + '/valuePath',
            schemaPath: '#/properties/valuePath/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema51.properties.valuePath,
            data: data87,
          };
          if (vErrors === null) {
            vErrors = [err125];
          } else {
            vErrors.push(err125);
          }
          errors++;
        }
      } else {
        const err126 = {
          instancePath: instancePath + '/valuePath',
          schemaPath: '#/properties/valuePath/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema51.properties.valuePath.type,
          parentSchema: schema51.properties.valuePath,
          data: data87,
        };
        if (vErrors === null) {
          vErrors = [err126];
        } else {
          vErrors.push(err126);
        }
        errors++;
      }
    }
    if (data.timeFormat !== undefined) {
      let data88 = data.timeFormat;
      if (!(data88 === 'unix' || data88 === 'unix-ms' || data88 === 'rfc3339')) {
        const err127 = {
          instancePath: instancePath + '/timeFormat',
          schemaPath: '#/properties/timeFormat/enum',
          keyword: 'enum',
          params: { allowedValues: schema51.properties.timeFormat.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema51.properties.timeFormat.enum,
          parentSchema: schema51.properties.timeFormat,
          data: data88,
        };
        if (vErrors === null) {
          vErrors = [err127];
        } else {
          vErrors.push(err127);
        }
        errors++;
      }
    }
    if (data.timeout !== undefined) {
      let data89 = data.timeout;
      if (typeof data89 === 'string') {
        if (!pattern15.test(data89)) {
          const err128 = {
            instancePath: instancePath + '/timeout',
            schemaPath: '#/$defs/duration/pattern',
            keyword: 'pattern',
            params: { pattern: '^([0-9]+(s|m|h|d))+$' },
            message: 'must match pattern "' + '^([0-9]+(s|m|h|d))+$' + '"',
            schema: '^([0-9]+(s|m|h|d))+$',
            parentSchema: schema46,
            data: data89,
          };
          if (vErrors === null) {
            vErrors = [err128];
          } else {
            vErrors.push(err128);
          }
          errors++;
        }
      } else {
        const err129 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/$defs/duration/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema46.type,
          parentSchema: schema46,
          data: data89,
        };
        if (vErrors === null) {
          vErrors = [err129];
        } else {
          vErrors.push(err129);
        }
        errors++;
      }
    }
    if (data.retries !== undefined) {
      let data90 = data.retries;
      if (!(typeof data90 == 'number' && !(data90 % 1) && !isNaN(data90) && isFinite(data90))) {
        const err130 = {
          instancePath: instancePath + '/retries',
          schemaPath: '#/properties/retries/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema51.properties.retries.type,
          parentSchema: schema51.properties.retries,
          data: data90,
        };
        if (vErrors === null) {
          vErrors = [err130];
        } else {
          vErrors.push(err130);
        }
        errors++;
      }
      if (typeof data90 == 'number' && isFinite(data90)) {
        if (data90 > 10 || isNaN(data90)) {
          const err131 = {
            instancePath: instancePath + '/retries',
            schemaPath: '#/properties/retries/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 10 },
            message: 'must be <= 10',
            schema: 10,
            parentSchema: schema51.properties.retries,
            data: data90,
          };
          if (vErrors === null) {
            vErrors = [err131];
          } else {
            vErrors.push(err131);
          }
          errors++;
        }
        if (data90 < 0 || isNaN(data90)) {
          const err132 = {
            instancePath: instancePath + '/retries',
            schemaPath: '#/properties/retries/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 0 },
            message: 'must be >= 0',
            schema: 0,
            parentSchema: schema51.properties.retries,
            data: data90,
          };
          if (vErrors === null) {
            vErrors = [err132];
          } else {
            vErrors.push(err132);
          }
          errors++;
        }
      }
    }
    if (data.headers !== undefined) {
      let data91 = data.headers;
      if (data91 && typeof data91 == 'object' && !Array.isArray(data91)) {
        for (const key2 in data91) {
          let data92 = data91[key2];
          if (typeof data92 !== 'string') {
            const err133 = {
              instancePath: instancePath + '/headers/' + key2.replace(/~/g, '~0').replace(/\//g, '~1'),
              schemaPath: '#/properties/headers/additionalProperties/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema51.properties.headers.additionalProperties.type,
              parentSchema: schema51.properties.headers.additionalProperties,
              data: data92,
            };
            if (vErrors === null) {
              vErrors = [err133];
            } else {
              vErrors.push(err133);
            }
            errors++;
          }
        }
      } else {
        const err134 = {
          instancePath: instancePath + '/headers',
          schemaPath: '#/properties/headers/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema51.properties.headers.type,
          parentSchema: schema51.properties.headers,
          data: data91,
        };
        if (vErrors === null) {
          vErrors = [err134];
        } else {
          vErrors.push(err134);
        }
        errors++;
      }
    }
    if (data.headersFromEnv !== undefined) {
      let data93 = data.headersFromEnv;
      if (data93 && typeof data93 == 'object' && !Array.isArray(data93)) {
        for (const key3 in data93) {
          let data94 = data93[key3];
          if (typeof data94 === 'string') {
            if (!pattern20.test(data94)) {
              const err135 = {
                instancePath:
                  instancePath + '/headersFromEnv/' + key3.replace(/~/g, '~0').replace(/\//g, '~1'),
                schemaPath: '#/properties/headersFromEnv/additionalProperties/pattern',
                keyword: 'pattern',
                params: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                message: 'must match pattern "' + '^[A-Za-z_][A-Za-z0-9_]*$' + '"',
                schema: '^[A-Za-z_][A-Za-z0-9_]*$',
                parentSchema: schema51.properties.headersFromEnv.additionalProperties,
                data: data94,
              };
              if (vErrors === null) {
                vErrors = [err135];
              } else {
                vErrors.push(err135);
              }
              errors++;
            }
          } else {
            const err136 = {
              instancePath: instancePath + '/headersFromEnv/' + key3.replace(/~/g, '~0').replace(/\//g, '~1'),
              schemaPath: '#/properties/headersFromEnv/additionalProperties/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema51.properties.headersFromEnv.additionalProperties.type,
              parentSchema: schema51.properties.headersFromEnv.additionalProperties,
              data: data94,
            };
            if (vErrors === null) {
              vErrors = [err136];
            } else {
              vErrors.push(err136);
            }
            errors++;
          }
        }
      } else {
        const err137 = {
          instancePath: instancePath + '/headersFromEnv',
          schemaPath: '#/properties/headersFromEnv/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema51.properties.headersFromEnv.type,
          parentSchema: schema51.properties.headersFromEnv,
          data: data93,
        };
        if (vErrors === null) {
          vErrors = [err137];
        } else {
          vErrors.push(err137);
        }
        errors++;
      }
    }
    if (data.tls !== undefined) {
      let data95 = data.tls;
      if (data95 && typeof data95 == 'object' && !Array.isArray(data95)) {
        for (const key4 in data95) {
          if (!(
            key4 === 'caFile' ||
            key4 === 'certFile' ||
            key4 === 'keyFile' ||
            key4 === 'serverName' ||
            key4 === 'insecureSkipVerify'
          )) {
            const err138 = {
              instancePath: instancePath + '/tls',
              schemaPath: '#/$defs/tls/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key4 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema57,
              data: data95,
            };
            if (vErrors === null) {
              vErrors = [err138];
            } else {
              vErrors.push(err138);
            }
            errors++;
          }
        }
        if (data95.caFile !== undefined) {
          let data96 = data95.caFile;
          if (typeof data96 === 'string') {
            if (data96.length < 1) {
              const err139 = {
                instancePath: instancePath + '/tls/caFile',
                schemaPath: '#/$defs/tls/properties/caFile/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema57.properties.caFile,
                data: data96,
              };
              if (vErrors === null) {
                vErrors = [err139];
              } else {
                vErrors.push(err139);
              }
              errors++;
            }
          } else {
            const err140 = {
              instancePath: instancePath + '/tls/caFile',
              schemaPath: '#/$defs/tls/properties/caFile/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema57.properties.caFile.type,
              parentSchema: schema57.properties.caFile,
              data: data96,
            };
            if (vErrors === null) {
              vErrors = [err140];
            } else {
              vErrors.push(err140);
            }
            errors++;
          }
        }
        if (data95.certFile !== undefined) {
          let data97 = data95.certFile;
          if (typeof data97 === 'string') {
            if (data97.length < 1) {
              const err141 = {
                instancePath: instancePath + '/tls/certFile',
                schemaPath: '#/$defs/tls/properties/certFile/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema57.properties.certFile,
                data: data97,
              };
              if (vErrors === null) {
                vErrors = [err141];
              } else {
                vErrors.push(err141);
              }
              errors++;
            }
          } else {
            const err142 = {
              instancePath: instancePath + '/tls/certFile',
              schemaPath: '#/$defs/tls/properties/certFile/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema57.properties.certFile.type,
              parentSchema: schema57.properties.certFile,
              data: data97,
            };
            if (vErrors === null) {
              vErrors = [err142];
            } else {
              vErrors.push(err142);
            }
            errors++;
          }
        }
        if (data95.keyFile !== undefined) {
          let data98 = data95.keyFile;
          if (typeof data98 === 'string') {
            if (data98.length < 1) {
              const err143 = {
                instancePath: instancePath + '/tls/keyFile',
                schemaPath: '#/$defs/tls/properties/keyFile/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema57.properties.keyFile,
                data: data98,
              };
              if (vErrors === null) {
                vErrors = [err143];
              } else {
                vErrors.push(err143);
              }
              errors++;
            }
          } else {
            const err144 = {
              instancePath: instancePath + '/tls/keyFile',
              schemaPath: '#/$defs/tls/properties/keyFile/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema57.properties.keyFile.type,
              parentSchema: schema57.properties.keyFile,
              data: data98,
            };
            if (vErrors === null) {
              vErrors = [err144];
            } else {
              vErrors.push(err144);
            }
            errors++;
          }
        }
        if (data95.serverName !== undefined) {
          let data99 = data95.serverName;
          if (typeof data99 === 'string') {
            if (data99.length < 1) {
              const err145 = {
                instancePath: instancePath + '/tls/serverName',
                schemaPath: '#/$defs/tls/properties/serverName/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema57.properties.serverName,
                data: data99,
              };
              if (vErrors === null) {
                vErrors = [err145];
              } else {
                vErrors.push(err145);
              }
              errors++;
            }
          } else {
            const err146 = {
              instancePath: instancePath + '/tls/serverName',
              schemaPath: '#/$defs/tls/properties/serverName/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema57.properties.serverName.type,
              parentSchema: schema57.properties.serverName,
              data: data99,
            };
            if (vErrors === null) {
              vErrors = [err146];
            } else {
              vErrors.push(err146);
            }
            errors++;
          }
        }
        if (data95.insecureSkipVerify !== undefined) {
          let data100 = data95.insecureSkipVerify;
          if (typeof data100 !== 'boolean') {
            const err147 = {
              instancePath: instancePath + '/tls/insecureSkipVerify',
              schemaPath: '#/$defs/tls/properties/insecureSkipVerify/type',
              keyword: 'type',
              params: { type: 'boolean' },
              message: 'must be boolean',
              schema: schema57.properties.insecureSkipVerify.type,
              parentSchema: schema57.properties.insecureSkipVerify,
              data: data100,
            };
            if (vErrors === null) {
              vErrors = [err147];
            } else {
              vErrors.push(err147);
            }
            errors++;
          }
        }
      } else {
        const err148 = {
          instancePath: instancePath + '/tls',
          schemaPath: '#/$defs/tls/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema57.type,
          parentSchema: schema57,
          data: data95,
        };
        if (vErrors === null) {
          vErrors = [err148];
        } else {
          vErrors.push(err148);
        }
        errors++;
      }
    }
  } else {
    const err149 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema51.type,
      parentSchema: schema51,
      data,
    };
    if (vErrors === null) {
      vErrors = [err149];
    } else {
      vErrors.push(err149);
    }
    errors++;
  }
  validate30.errors = vErrors;
  return errors === 0;
}
validate30.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
const schema60 = {
  description:
    "One check. compare: canary versus baseline on counts (errors or latency). threshold: one query's value within min/max.",
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type'],
  properties: {
    name: { $ref: '#/$defs/label', description: 'Check name, shown in logs and evidence.' },
    type: { description: 'compare or threshold.', enum: ['compare', 'threshold'] },
    metric: {
      description: 'compare: what counts as bad, errors (5xx) or latency (slower than thresholdMs).',
      enum: ['errors', 'latency'],
    },
    thresholdMs: {
      type: 'integer',
      minimum: 1,
      description: 'compare/latency: a request slower than this many milliseconds counts as bad.',
    },
    tolerance: {
      type: 'number',
      minimum: 1,
      description:
        'compare: canary/baseline bad-rate ratio still treated as no worse. Default 1 (any sustained increase is a regression).',
    },
    regression: {
      type: 'number',
      exclusiveMinimum: 1,
      description: 'compare: canary/baseline bad-rate ratio an early pass must rule out. Default 1.5.',
    },
    minRequests: {
      type: 'integer',
      minimum: 1,
      description: 'compare: requests each arm must serve before a pass is possible. Default 100.',
    },
    queries: {
      description: 'compare: explicit count queries (needed when the router has no builtin queries).',
      type: 'object',
      additionalProperties: false,
      required: ['canary', 'baseline'],
      properties: { canary: { $ref: '#/$defs/countQueries' }, baseline: { $ref: '#/$defs/countQueries' } },
    },
    query: { type: 'string', minLength: 1, description: 'threshold: the query whose value is judged.' },
    min: { type: 'number', description: 'threshold: lowest passing value (inclusive).' },
    max: { type: 'number', description: 'threshold: highest passing value (inclusive).' },
    critical: { type: 'boolean', description: 'A failing critical check rolls back at once.' },
    noData: { $ref: '#/$defs/noData' },
  },
  allOf: [
    {
      if: { properties: { type: { const: 'compare' } }, required: ['type'] },
      then: { required: ['metric'], properties: { query: false, min: false, max: false } },
    },
    {
      if: { properties: { type: { const: 'threshold' } }, required: ['type'] },
      then: {
        required: ['query'],
        properties: {
          metric: false,
          thresholdMs: false,
          tolerance: false,
          regression: false,
          minRequests: false,
          queries: false,
        },
      },
    },
  ],
};
const schema62 = {
  type: 'object',
  additionalProperties: false,
  required: ['total', 'bad'],
  description: 'A pair of count queries: all requests, and the bad ones.',
  properties: {
    total: { type: 'string', minLength: 1, description: 'Query counting all requests over the window.' },
    bad: {
      type: 'string',
      minLength: 1,
      description: 'Query counting bad requests (errors, or slower than the bound).',
    },
  },
};
function validate32(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate32.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  const _errs2 = errors;
  let valid1 = true;
  const _errs3 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing0;
    if (data.type === undefined && (missing0 = 'type')) {
      const err0 = {};
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('compare' !== data.type) {
          const err1 = {};
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
      }
    }
  }
  var _valid0 = _errs3 === errors;
  errors = _errs2;
  if (vErrors !== null) {
    if (_errs2) {
      vErrors.length = _errs2;
    } else {
      vErrors = null;
    }
  }
  if (_valid0) {
    const _errs5 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.metric === undefined) {
        const err2 = {
          instancePath,
          schemaPath: '#/allOf/0/then/required',
          keyword: 'required',
          params: { missingProperty: 'metric' },
          message: "must have required property '" + 'metric' + "'",
          schema: schema60.allOf[0].then.required,
          parentSchema: schema60.allOf[0].then,
          data,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
      if (data.query !== undefined) {
        const err3 = {
          instancePath: instancePath + '/query',
          schemaPath: '#/allOf/0/then/properties/query/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema60.allOf[0].then.properties.query,
          data: data.query,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      if (data.min !== undefined) {
        const err4 = {
          instancePath: instancePath + '/min',
          schemaPath: '#/allOf/0/then/properties/min/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema60.allOf[0].then.properties.min,
          data: data.min,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
      if (data.max !== undefined) {
        const err5 = {
          instancePath: instancePath + '/max',
          schemaPath: '#/allOf/0/then/properties/max/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema60.allOf[0].then.properties.max,
          data: data.max,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    var _valid0 = _errs5 === errors;
    valid1 = _valid0;
    if (valid1) {
      var props0 = {};
      props0.query = true;
      props0.min = true;
      props0.max = true;
      props0.type = true;
    }
  }
  if (!valid1) {
    const err6 = {
      instancePath,
      schemaPath: '#/allOf/0/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema60.allOf[0].if,
      parentSchema: schema60.allOf[0],
      data,
    };
    if (vErrors === null) {
      vErrors = [err6];
    } else {
      vErrors.push(err6);
    }
    errors++;
  }
  const _errs7 = errors;
  let valid4 = true;
  const _errs8 = errors;
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    let missing1;
    if (data.type === undefined && (missing1 = 'type')) {
      const err7 = {};
      if (vErrors === null) {
        vErrors = [err7];
      } else {
        vErrors.push(err7);
      }
      errors++;
    } else {
      if (data.type !== undefined) {
        if ('threshold' !== data.type) {
          const err8 = {};
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
      }
    }
  }
  var _valid1 = _errs8 === errors;
  errors = _errs7;
  if (vErrors !== null) {
    if (_errs7) {
      vErrors.length = _errs7;
    } else {
      vErrors = null;
    }
  }
  if (_valid1) {
    const _errs10 = errors;
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      if (data.query === undefined) {
        const err9 = {
          instancePath,
          schemaPath: '#/allOf/1/then/required',
          keyword: 'required',
          params: { missingProperty: 'query' },
          message: "must have required property '" + 'query' + "'",
          schema: schema60.allOf[1].then.required,
          parentSchema: schema60.allOf[1].then,
          data,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
      if (data.metric !== undefined) {
        const err10 = {
          instancePath: instancePath + '/metric',
          schemaPath: '#/allOf/1/then/properties/metric/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema60.allOf[1].then.properties.metric,
          data: data.metric,
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
      if (data.thresholdMs !== undefined) {
        const err11 = {
          instancePath: instancePath + '/thresholdMs',
          schemaPath: '#/allOf/1/then/properties/thresholdMs/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema60.allOf[1].then.properties.thresholdMs,
          data: data.thresholdMs,
        };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
      if (data.tolerance !== undefined) {
        const err12 = {
          instancePath: instancePath + '/tolerance',
          schemaPath: '#/allOf/1/then/properties/tolerance/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema60.allOf[1].then.properties.tolerance,
          data: data.tolerance,
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
      if (data.regression !== undefined) {
        const err13 = {
          instancePath: instancePath + '/regression',
          schemaPath: '#/allOf/1/then/properties/regression/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema60.allOf[1].then.properties.regression,
          data: data.regression,
        };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      }
      if (data.minRequests !== undefined) {
        const err14 = {
          instancePath: instancePath + '/minRequests',
          schemaPath: '#/allOf/1/then/properties/minRequests/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema60.allOf[1].then.properties.minRequests,
          data: data.minRequests,
        };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
      if (data.queries !== undefined) {
        const err15 = {
          instancePath: instancePath + '/queries',
          schemaPath: '#/allOf/1/then/properties/queries/false schema',
          keyword: 'false schema',
          params: {},
          message: 'boolean schema is false',
          schema: false,
          parentSchema: schema60.allOf[1].then.properties.queries,
          data: data.queries,
        };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
    }
    var _valid1 = _errs10 === errors;
    valid4 = _valid1;
    if (valid4) {
      var props1 = {};
      props1.metric = true;
      props1.thresholdMs = true;
      props1.tolerance = true;
      props1.regression = true;
      props1.minRequests = true;
      props1.queries = true;
      props1.type = true;
    }
  }
  if (!valid4) {
    const err16 = {
      instancePath,
      schemaPath: '#/allOf/1/if',
      keyword: 'if',
      params: { failingKeyword: 'then' },
      message: 'must match "then" schema',
      schema: schema60.allOf[1].if,
      parentSchema: schema60.allOf[1],
      data,
    };
    if (vErrors === null) {
      vErrors = [err16];
    } else {
      vErrors.push(err16);
    }
    errors++;
  }
  if (props0 !== true && props1 !== undefined) {
    if (props1 === true) {
      props0 = true;
    } else {
      props0 = props0 || {};
      Object.assign(props0, props1);
    }
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err17 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
        schema: schema60.required,
        parentSchema: schema60,
        data,
      };
      if (vErrors === null) {
        vErrors = [err17];
      } else {
        vErrors.push(err17);
      }
      errors++;
    }
    if (data.type === undefined) {
      const err18 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'type' },
        message: "must have required property '" + 'type' + "'",
        schema: schema60.required,
        parentSchema: schema60,
        data,
      };
      if (vErrors === null) {
        vErrors = [err18];
      } else {
        vErrors.push(err18);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func1.call(schema60.properties, key0)) {
        const err19 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema60,
          data,
        };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data11 = data.name;
      if (typeof data11 === 'string') {
        if (!pattern4.test(data11)) {
          const err20 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/label/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' },
            message: 'must match pattern "' + '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' + '"',
            schema: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$',
            parentSchema: schema32,
            data: data11,
          };
          if (vErrors === null) {
            vErrors = [err20];
          } else {
            vErrors.push(err20);
          }
          errors++;
        }
      } else {
        const err21 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/label/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema32.type,
          parentSchema: schema32,
          data: data11,
        };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
    }
    if (data.type !== undefined) {
      let data12 = data.type;
      if (!(data12 === 'compare' || data12 === 'threshold')) {
        const err22 = {
          instancePath: instancePath + '/type',
          schemaPath: '#/properties/type/enum',
          keyword: 'enum',
          params: { allowedValues: schema60.properties.type.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema60.properties.type.enum,
          parentSchema: schema60.properties.type,
          data: data12,
        };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      }
    }
    if (data.metric !== undefined) {
      let data13 = data.metric;
      if (!(data13 === 'errors' || data13 === 'latency')) {
        const err23 = {
          instancePath: instancePath + '/metric',
          schemaPath: '#/properties/metric/enum',
          keyword: 'enum',
          params: { allowedValues: schema60.properties.metric.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema60.properties.metric.enum,
          parentSchema: schema60.properties.metric,
          data: data13,
        };
        if (vErrors === null) {
          vErrors = [err23];
        } else {
          vErrors.push(err23);
        }
        errors++;
      }
    }
    if (data.thresholdMs !== undefined) {
      let data14 = data.thresholdMs;
      if (!(typeof data14 == 'number' && !(data14 % 1) && !isNaN(data14) && isFinite(data14))) {
        const err24 = {
          instancePath: instancePath + '/thresholdMs',
          schemaPath: '#/properties/thresholdMs/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema60.properties.thresholdMs.type,
          parentSchema: schema60.properties.thresholdMs,
          data: data14,
        };
        if (vErrors === null) {
          vErrors = [err24];
        } else {
          vErrors.push(err24);
        }
        errors++;
      }
      if (typeof data14 == 'number' && isFinite(data14)) {
        if (data14 < 1 || isNaN(data14)) {
          const err25 = {
            instancePath: instancePath + '/thresholdMs',
            schemaPath: '#/properties/thresholdMs/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
            schema: 1,
            parentSchema: schema60.properties.thresholdMs,
            data: data14,
          };
          if (vErrors === null) {
            vErrors = [err25];
          } else {
            vErrors.push(err25);
          }
          errors++;
        }
      }
    }
    if (data.tolerance !== undefined) {
      let data15 = data.tolerance;
      if (typeof data15 == 'number' && isFinite(data15)) {
        if (data15 < 1 || isNaN(data15)) {
          const err26 = {
            instancePath: instancePath + '/tolerance',
            schemaPath: '#/properties/tolerance/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
            schema: 1,
            parentSchema: schema60.properties.tolerance,
            data: data15,
          };
          if (vErrors === null) {
            vErrors = [err26];
          } else {
            vErrors.push(err26);
          }
          errors++;
        }
      } else {
        const err27 = {
          instancePath: instancePath + '/tolerance',
          schemaPath: '#/properties/tolerance/type',
          keyword: 'type',
          params: { type: 'number' },
          message: 'must be number',
          schema: schema60.properties.tolerance.type,
          parentSchema: schema60.properties.tolerance,
          data: data15,
        };
        if (vErrors === null) {
          vErrors = [err27];
        } else {
          vErrors.push(err27);
        }
        errors++;
      }
    }
    if (data.regression !== undefined) {
      let data16 = data.regression;
      if (typeof data16 == 'number' && isFinite(data16)) {
        if (data16 <= 1 || isNaN(data16)) {
          const err28 = {
            instancePath: instancePath + '/regression',
            schemaPath: '#/properties/regression/exclusiveMinimum',
            keyword: 'exclusiveMinimum',
            params: { comparison: '>', limit: 1 },
            message: 'must be > 1',
            schema: 1,
            parentSchema: schema60.properties.regression,
            data: data16,
          };
          if (vErrors === null) {
            vErrors = [err28];
          } else {
            vErrors.push(err28);
          }
          errors++;
        }
      } else {
        const err29 = {
          instancePath: instancePath + '/regression',
          schemaPath: '#/properties/regression/type',
          keyword: 'type',
          params: { type: 'number' },
          message: 'must be number',
          schema: schema60.properties.regression.type,
          parentSchema: schema60.properties.regression,
          data: data16,
        };
        if (vErrors === null) {
          vErrors = [err29];
        } else {
          vErrors.push(err29);
        }
        errors++;
      }
    }
    if (data.minRequests !== undefined) {
      let data17 = data.minRequests;
      if (!(typeof data17 == 'number' && !(data17 % 1) && !isNaN(data17) && isFinite(data17))) {
        const err30 = {
          instancePath: instancePath + '/minRequests',
          schemaPath: '#/properties/minRequests/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema60.properties.minRequests.type,
          parentSchema: schema60.properties.minRequests,
          data: data17,
        };
        if (vErrors === null) {
          vErrors = [err30];
        } else {
          vErrors.push(err30);
        }
        errors++;
      }
      if (typeof data17 == 'number' && isFinite(data17)) {
        if (data17 < 1 || isNaN(data17)) {
          const err31 = {
            instancePath: instancePath + '/minRequests',
            schemaPath: '#/properties/minRequests/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
            schema: 1,
            parentSchema: schema60.properties.minRequests,
            data: data17,
          };
          if (vErrors === null) {
            vErrors = [err31];
          } else {
            vErrors.push(err31);
          }
          errors++;
        }
      }
    }
    if (data.queries !== undefined) {
      let data18 = data.queries;
      if (data18 && typeof data18 == 'object' && !Array.isArray(data18)) {
        if (data18.canary === undefined) {
          const err32 = {
            instancePath: instancePath + '/queries',
            schemaPath: '#/properties/queries/required',
            keyword: 'required',
            params: { missingProperty: 'canary' },
            message: "must have required property '" + 'canary' + "'",
            schema: schema60.properties.queries.required,
            parentSchema: schema60.properties.queries,
            data: data18,
          };
          if (vErrors === null) {
            vErrors = [err32];
          } else {
            vErrors.push(err32);
          }
          errors++;
        }
        if (data18.baseline === undefined) {
          const err33 = {
            instancePath: instancePath + '/queries',
            schemaPath: '#/properties/queries/required',
            keyword: 'required',
            params: { missingProperty: 'baseline' },
            message: "must have required property '" + 'baseline' + "'",
            schema: schema60.properties.queries.required,
            parentSchema: schema60.properties.queries,
            data: data18,
          };
          if (vErrors === null) {
            vErrors = [err33];
          } else {
            vErrors.push(err33);
          }
          errors++;
        }
        for (const key1 in data18) {
          if (!(key1 === 'canary' || key1 === 'baseline')) {
            const err34 = {
              instancePath: instancePath + '/queries',
              schemaPath: '#/properties/queries/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key1 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema60.properties.queries,
              data: data18,
            };
            if (vErrors === null) {
              vErrors = [err34];
            } else {
              vErrors.push(err34);
            }
            errors++;
          }
        }
        if (data18.canary !== undefined) {
          let data19 = data18.canary;
          if (data19 && typeof data19 == 'object' && !Array.isArray(data19)) {
            if (data19.total === undefined) {
              const err35 = {
                instancePath: instancePath + '/queries/canary',
                schemaPath: '#/$defs/countQueries/required',
                keyword: 'required',
                params: { missingProperty: 'total' },
                message: "must have required property '" + 'total' + "'",
                schema: schema62.required,
                parentSchema: schema62,
                data: data19,
              };
              if (vErrors === null) {
                vErrors = [err35];
              } else {
                vErrors.push(err35);
              }
              errors++;
            }
            if (data19.bad === undefined) {
              const err36 = {
                instancePath: instancePath + '/queries/canary',
                schemaPath: '#/$defs/countQueries/required',
                keyword: 'required',
                params: { missingProperty: 'bad' },
                message: "must have required property '" + 'bad' + "'",
                schema: schema62.required,
                parentSchema: schema62,
                data: data19,
              };
              if (vErrors === null) {
                vErrors = [err36];
              } else {
                vErrors.push(err36);
              }
              errors++;
            }
            for (const key2 in data19) {
              if (!(key2 === 'total' || key2 === 'bad')) {
                const err37 = {
                  instancePath: instancePath + '/queries/canary',
                  schemaPath: '#/$defs/countQueries/additionalProperties',
                  keyword: 'additionalProperties',
                  params: { additionalProperty: key2 },
                  message: 'must NOT have additional properties',
                  schema: false,
                  parentSchema: schema62,
                  data: data19,
                };
                if (vErrors === null) {
                  vErrors = [err37];
                } else {
                  vErrors.push(err37);
                }
                errors++;
              }
            }
            if (data19.total !== undefined) {
              let data20 = data19.total;
              if (typeof data20 === 'string') {
                if (data20.length < 1) {
                  const err38 = {
                    instancePath: instancePath + '/queries/canary/total',
                    schemaPath: '#/$defs/countQueries/properties/total/minLength',
                    keyword: 'minLength',
                    params: { limit: 1 },
                    message: 'must NOT have fewer than 1 characters',
                    schema: 1,
                    parentSchema: schema62.properties.total,
                    data: data20,
                  };
                  if (vErrors === null) {
                    vErrors = [err38];
                  } else {
                    vErrors.push(err38);
                  }
                  errors++;
                }
              } else {
                const err39 = {
                  instancePath: instancePath + '/queries/canary/total',
                  schemaPath: '#/$defs/countQueries/properties/total/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema62.properties.total.type,
                  parentSchema: schema62.properties.total,
                  data: data20,
                };
                if (vErrors === null) {
                  vErrors = [err39];
                } else {
                  vErrors.push(err39);
                }
                errors++;
              }
            }
            if (data19.bad !== undefined) {
              let data21 = data19.bad;
              if (typeof data21 === 'string') {
                if (data21.length < 1) {
                  const err40 = {
                    instancePath: instancePath + '/queries/canary/bad',
                    schemaPath: '#/$defs/countQueries/properties/bad/minLength',
                    keyword: 'minLength',
                    params: { limit: 1 },
                    message: 'must NOT have fewer than 1 characters',
                    schema: 1,
                    parentSchema: schema62.properties.bad,
                    data: data21,
                  };
                  if (vErrors === null) {
                    vErrors = [err40];
                  } else {
                    vErrors.push(err40);
                  }
                  errors++;
                }
              } else {
                const err41 = {
                  instancePath: instancePath + '/queries/canary/bad',
                  schemaPath: '#/$defs/countQueries/properties/bad/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema62.properties.bad.type,
                  parentSchema: schema62.properties.bad,
                  data: data21,
                };
                if (vErrors === null) {
                  vErrors = [err41];
                } else {
                  vErrors.push(err41);
                }
                errors++;
              }
            }
          } else {
            const err42 = {
              instancePath: instancePath + '/queries/canary',
              schemaPath: '#/$defs/countQueries/type',
              keyword: 'type',
              params: { type: 'object' },
              message: 'must be object',
              schema: schema62.type,
              parentSchema: schema62,
              data: data19,
            };
            if (vErrors === null) {
              vErrors = [err42];
            } else {
              vErrors.push(err42);
            }
            errors++;
          }
        }
        if (data18.baseline !== undefined) {
          let data22 = data18.baseline;
          if (data22 && typeof data22 == 'object' && !Array.isArray(data22)) {
            if (data22.total === undefined) {
              const err43 = {
                instancePath: instancePath + '/queries/baseline',
                schemaPath: '#/$defs/countQueries/required',
                keyword: 'required',
                params: { missingProperty: 'total' },
                message: "must have required property '" + 'total' + "'",
                schema: schema62.required,
                parentSchema: schema62,
                data: data22,
              };
              if (vErrors === null) {
                vErrors = [err43];
              } else {
                vErrors.push(err43);
              }
              errors++;
            }
            if (data22.bad === undefined) {
              const err44 = {
                instancePath: instancePath + '/queries/baseline',
                schemaPath: '#/$defs/countQueries/required',
                keyword: 'required',
                params: { missingProperty: 'bad' },
                message: "must have required property '" + 'bad' + "'",
                schema: schema62.required,
                parentSchema: schema62,
                data: data22,
              };
              if (vErrors === null) {
                vErrors = [err44];
              } else {
                vErrors.push(err44);
              }
              errors++;
            }
            for (const key3 in data22) {
              if (!(key3 === 'total' || key3 === 'bad')) {
                const err45 = {
                  instancePath: instancePath + '/queries/baseline',
                  schemaPath: '#/$defs/countQueries/additionalProperties',
                  keyword: 'additionalProperties',
                  params: { additionalProperty: key3 },
                  message: 'must NOT have additional properties',
                  schema: false,
                  parentSchema: schema62,
                  data: data22,
                };
                if (vErrors === null) {
                  vErrors = [err45];
                } else {
                  vErrors.push(err45);
                }
                errors++;
              }
            }
            if (data22.total !== undefined) {
              let data23 = data22.total;
              if (typeof data23 === 'string') {
                if (data23.length < 1) {
                  const err46 = {
                    instancePath: instancePath + '/queries/baseline/total',
                    schemaPath: '#/$defs/countQueries/properties/total/minLength',
                    keyword: 'minLength',
                    params: { limit: 1 },
                    message: 'must NOT have fewer than 1 characters',
                    schema: 1,
                    parentSchema: schema62.properties.total,
                    data: data23,
                  };
                  if (vErrors === null) {
                    vErrors = [err46];
                  } else {
                    vErrors.push(err46);
                  }
                  errors++;
                }
              } else {
                const err47 = {
                  instancePath: instancePath + '/queries/baseline/total',
                  schemaPath: '#/$defs/countQueries/properties/total/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema62.properties.total.type,
                  parentSchema: schema62.properties.total,
                  data: data23,
                };
                if (vErrors === null) {
                  vErrors = [err47];
                } else {
                  vErrors.push(err47);
                }
                errors++;
              }
            }
            if (data22.bad !== undefined) {
              let data24 = data22.bad;
              if (typeof data24 === 'string') {
                if (data24.length < 1) {
                  const err48 = {
                    instancePath: instancePath + '/queries/baseline/bad',
                    schemaPath: '#/$defs/countQueries/properties/bad/minLength',
                    keyword: 'minLength',
                    params: { limit: 1 },
                    message: 'must NOT have fewer than 1 characters',
                    schema: 1,
                    parentSchema: schema62.properties.bad,
                    data: data24,
                  };
                  if (vErrors === null) {
                    vErrors = [err48];
                  } else {
                    vErrors.push(err48);
                  }
                  errors++;
                }
              } else {
                const err49 = {
                  instancePath: instancePath + '/queries/baseline/bad',
                  schemaPath: '#/$defs/countQueries/properties/bad/type',
                  keyword: 'type',
                  params: { type: 'string' },
                  message: 'must be string',
                  schema: schema62.properties.bad.type,
                  parentSchema: schema62.properties.bad,
                  data: data24,
                };
                if (vErrors === null) {
                  vErrors = [err49];
                } else {
                  vErrors.push(err49);
                }
                errors++;
              }
            }
          } else {
            const err50 = {
              instancePath: instancePath + '/queries/baseline',
              schemaPath: '#/$defs/countQueries/type',
              keyword: 'type',
              params: { type: 'object' },
              message: 'must be object',
              schema: schema62.type,
              parentSchema: schema62,
              data: data22,
            };
            if (vErrors === null) {
              vErrors = [err50];
            } else {
              vErrors.push(err50);
            }
            errors++;
          }
        }
      } else {
        const err51 = {
          instancePath: instancePath + '/queries',
          schemaPath: '#/properties/queries/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema60.properties.queries.type,
          parentSchema: schema60.properties.queries,
          data: data18,
        };
        if (vErrors === null) {
          vErrors = [err51];
        } else {
          vErrors.push(err51);
        }
        errors++;
      }
    }
    if (data.query !== undefined) {
      let data25 = data.query;
      if (typeof data25 === 'string') {
        if (data25.length < 1) {
          const err52 = {
            instancePath: instancePath + '/query',
            schemaPath: '#/properties/query/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema60.properties.query,
            data: data25,
          };
          if (vErrors === null) {
            vErrors = [err52];
          } else {
            vErrors.push(err52);
          }
          errors++;
        }
      } else {
        const err53 = {
          instancePath: instancePath + '/query',
          schemaPath: '#/properties/query/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema60.properties.query.type,
          parentSchema: schema60.properties.query,
          data: data25,
        };
        if (vErrors === null) {
          vErrors = [err53];
        } else {
          vErrors.push(err53);
        }
        errors++;
      }
    }
    if (data.min !== undefined) {
      let data26 = data.min;
      if (!(typeof data26 == 'number' && isFinite(data26))) {
        const err54 = {
          instancePath: instancePath + '/min',
          schemaPath: '#/properties/min/type',
          keyword: 'type',
          params: { type: 'number' },
          message: 'must be number',
          schema: schema60.properties.min.type,
          parentSchema: schema60.properties.min,
          data: data26,
        };
        if (vErrors === null) {
          vErrors = [err54];
        } else {
          vErrors.push(err54);
        }
        errors++;
      }
    }
    if (data.max !== undefined) {
      let data27 = data.max;
      if (!(typeof data27 == 'number' && isFinite(data27))) {
        const err55 = {
          instancePath: instancePath + '/max',
          schemaPath: '#/properties/max/type',
          keyword: 'type',
          params: { type: 'number' },
          message: 'must be number',
          schema: schema60.properties.max.type,
          parentSchema: schema60.properties.max,
          data: data27,
        };
        if (vErrors === null) {
          vErrors = [err55];
        } else {
          vErrors.push(err55);
        }
        errors++;
      }
    }
    if (data.critical !== undefined) {
      let data28 = data.critical;
      if (typeof data28 !== 'boolean') {
        const err56 = {
          instancePath: instancePath + '/critical',
          schemaPath: '#/properties/critical/type',
          keyword: 'type',
          params: { type: 'boolean' },
          message: 'must be boolean',
          schema: schema60.properties.critical.type,
          parentSchema: schema60.properties.critical,
          data: data28,
        };
        if (vErrors === null) {
          vErrors = [err56];
        } else {
          vErrors.push(err56);
        }
        errors++;
      }
    }
    if (data.noData !== undefined) {
      let data29 = data.noData;
      if (!(data29 === 'hold' || data29 === 'rollback' || data29 === 'inconclusive')) {
        const err57 = {
          instancePath: instancePath + '/noData',
          schemaPath: '#/$defs/noData/enum',
          keyword: 'enum',
          params: { allowedValues: schema59.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema59.enum,
          parentSchema: schema59,
          data: data29,
        };
        if (vErrors === null) {
          vErrors = [err57];
        } else {
          vErrors.push(err57);
        }
        errors++;
      }
    }
  } else {
    const err58 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema60.type,
      parentSchema: schema60,
      data,
    };
    if (vErrors === null) {
      vErrors = [err58];
    } else {
      vErrors.push(err58);
    }
    errors++;
  }
  validate32.errors = vErrors;
  return errors === 0;
}
validate32.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
const pattern31 = new RegExp('^[a-zA-Z_:][a-zA-Z0-9_:]*$', 'u');
const pattern33 = new RegExp('^[a-zA-Z_][a-zA-Z0-9_]*$', 'u');
function validate29(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate29.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(
        key0 === 'provider' ||
        key0 === 'interval' ||
        key0 === 'alpha' ||
        key0 === 'noData' ||
        key0 === 'checks' ||
        key0 === 'builtin'
      )) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema50,
          data,
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.provider !== undefined) {
      if (
        !validate30(data.provider, {
          instancePath: instancePath + '/provider',
          parentData: data,
          parentDataProperty: 'provider',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
        errors = vErrors.length;
      }
    }
    if (data.interval !== undefined) {
      let data1 = data.interval;
      if (typeof data1 === 'string') {
        if (!pattern15.test(data1)) {
          const err1 = {
            instancePath: instancePath + '/interval',
            schemaPath: '#/$defs/duration/pattern',
            keyword: 'pattern',
            params: { pattern: '^([0-9]+(s|m|h|d))+$' },
            message: 'must match pattern "' + '^([0-9]+(s|m|h|d))+$' + '"',
            schema: '^([0-9]+(s|m|h|d))+$',
            parentSchema: schema46,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err1];
          } else {
            vErrors.push(err1);
          }
          errors++;
        }
      } else {
        const err2 = {
          instancePath: instancePath + '/interval',
          schemaPath: '#/$defs/duration/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema46.type,
          parentSchema: schema46,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.alpha !== undefined) {
      let data2 = data.alpha;
      if (typeof data2 == 'number' && isFinite(data2)) {
        if (data2 > 0.5 || isNaN(data2)) {
          const err3 = {
            instancePath: instancePath + '/alpha',
            schemaPath: '#/properties/alpha/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 0.5 },
            message: 'must be <= 0.5',
            schema: 0.5,
            parentSchema: schema50.properties.alpha,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
        if (data2 <= 0 || isNaN(data2)) {
          const err4 = {
            instancePath: instancePath + '/alpha',
            schemaPath: '#/properties/alpha/exclusiveMinimum',
            keyword: 'exclusiveMinimum',
            params: { comparison: '>', limit: 0 },
            message: 'must be > 0',
            schema: 0,
            parentSchema: schema50.properties.alpha,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = {
          instancePath: instancePath + '/alpha',
          schemaPath: '#/properties/alpha/type',
          keyword: 'type',
          params: { type: 'number' },
          message: 'must be number',
          schema: schema50.properties.alpha.type,
          parentSchema: schema50.properties.alpha,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.noData !== undefined) {
      let data3 = data.noData;
      if (!(data3 === 'hold' || data3 === 'rollback' || data3 === 'inconclusive')) {
        const err6 = {
          instancePath: instancePath + '/noData',
          schemaPath: '#/$defs/noData/enum',
          keyword: 'enum',
          params: { allowedValues: schema59.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema59.enum,
          parentSchema: schema59,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.checks !== undefined) {
      let data4 = data.checks;
      if (Array.isArray(data4)) {
        const len0 = data4.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (
            !validate32(data4[i0], {
              instancePath: instancePath + '/checks/' + i0,
              parentData: data4,
              parentDataProperty: i0,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err7 = {
          instancePath: instancePath + '/checks',
          schemaPath: '#/properties/checks/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema50.properties.checks.type,
          parentSchema: schema50.properties.checks,
          data: data4,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.builtin !== undefined) {
      let data6 = data.builtin;
      if (data6 && typeof data6 == 'object' && !Array.isArray(data6)) {
        for (const key1 in data6) {
          if (!(
            key1 === 'buckets' ||
            key1 === 'requests' ||
            key1 === 'duration' ||
            key1 === 'durationUnit' ||
            key1 === 'codeLabel' ||
            key1 === 'trackLabel' ||
            key1 === 'namespaceLabel'
          )) {
            const err8 = {
              instancePath: instancePath + '/builtin',
              schemaPath: '#/$defs/builtin/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key1 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema65,
              data: data6,
            };
            if (vErrors === null) {
              vErrors = [err8];
            } else {
              vErrors.push(err8);
            }
            errors++;
          }
        }
        if (data6.buckets !== undefined) {
          let data7 = data6.buckets;
          if (Array.isArray(data7)) {
            if (data7.length < 1) {
              const err9 = {
                instancePath: instancePath + '/builtin/buckets',
                schemaPath: '#/$defs/builtin/properties/buckets/minItems',
                keyword: 'minItems',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 items',
                schema: 1,
                parentSchema: schema65.properties.buckets,
                data: data7,
              };
              if (vErrors === null) {
                vErrors = [err9];
              } else {
                vErrors.push(err9);
              }
              errors++;
            }
            const len1 = data7.length;
            for (let i1 = 0; i1 < len1; i1++) {
              let data8 = data7[i1];
              if (typeof data8 == 'number' && isFinite(data8)) {
                if (data8 <= 0 || isNaN(data8)) {
                  const err10 = {
                    instancePath: instancePath + '/builtin/buckets/' + i1,
                    schemaPath: '#/$defs/builtin/properties/buckets/items/exclusiveMinimum',
                    keyword: 'exclusiveMinimum',
                    params: { comparison: '>', limit: 0 },
                    message: 'must be > 0',
                    schema: 0,
                    parentSchema: schema65.properties.buckets.items,
                    data: data8,
                  };
                  if (vErrors === null) {
                    vErrors = [err10];
                  } else {
                    vErrors.push(err10);
                  }
                  errors++;
                }
              } else {
                const err11 = {
                  instancePath: instancePath + '/builtin/buckets/' + i1,
                  schemaPath: '#/$defs/builtin/properties/buckets/items/type',
                  keyword: 'type',
                  params: { type: 'number' },
                  message: 'must be number',
                  schema: schema65.properties.buckets.items.type,
                  parentSchema: schema65.properties.buckets.items,
                  data: data8,
                };
                if (vErrors === null) {
                  vErrors = [err11];
                } else {
                  vErrors.push(err11);
                }
                errors++;
              }
            }
          } else {
            const err12 = {
              instancePath: instancePath + '/builtin/buckets',
              schemaPath: '#/$defs/builtin/properties/buckets/type',
              keyword: 'type',
              params: { type: 'array' },
              message: 'must be array',
              schema: schema65.properties.buckets.type,
              parentSchema: schema65.properties.buckets,
              data: data7,
            };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
        }
        if (data6.requests !== undefined) {
          let data9 = data6.requests;
          if (typeof data9 === 'string') {
            if (!pattern31.test(data9)) {
              const err13 = {
                instancePath: instancePath + '/builtin/requests',
                schemaPath: '#/$defs/builtin/properties/requests/pattern',
                keyword: 'pattern',
                params: { pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$' },
                message: 'must match pattern "' + '^[a-zA-Z_:][a-zA-Z0-9_:]*$' + '"',
                schema: '^[a-zA-Z_:][a-zA-Z0-9_:]*$',
                parentSchema: schema65.properties.requests,
                data: data9,
              };
              if (vErrors === null) {
                vErrors = [err13];
              } else {
                vErrors.push(err13);
              }
              errors++;
            }
          } else {
            const err14 = {
              instancePath: instancePath + '/builtin/requests',
              schemaPath: '#/$defs/builtin/properties/requests/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema65.properties.requests.type,
              parentSchema: schema65.properties.requests,
              data: data9,
            };
            if (vErrors === null) {
              vErrors = [err14];
            } else {
              vErrors.push(err14);
            }
            errors++;
          }
        }
        if (data6.duration !== undefined) {
          let data10 = data6.duration;
          if (typeof data10 === 'string') {
            if (!pattern31.test(data10)) {
              const err15 = {
                instancePath: instancePath + '/builtin/duration',
                schemaPath: '#/$defs/builtin/properties/duration/pattern',
                keyword: 'pattern',
                params: { pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$' },
                message: 'must match pattern "' + '^[a-zA-Z_:][a-zA-Z0-9_:]*$' + '"',
                schema: '^[a-zA-Z_:][a-zA-Z0-9_:]*$',
                parentSchema: schema65.properties.duration,
                data: data10,
              };
              if (vErrors === null) {
                vErrors = [err15];
              } else {
                vErrors.push(err15);
              }
              errors++;
            }
          } else {
            const err16 = {
              instancePath: instancePath + '/builtin/duration',
              schemaPath: '#/$defs/builtin/properties/duration/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema65.properties.duration.type,
              parentSchema: schema65.properties.duration,
              data: data10,
            };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
        }
        if (data6.durationUnit !== undefined) {
          let data11 = data6.durationUnit;
          if (!(data11 === 's' || data11 === 'ms')) {
            const err17 = {
              instancePath: instancePath + '/builtin/durationUnit',
              schemaPath: '#/$defs/builtin/properties/durationUnit/enum',
              keyword: 'enum',
              params: { allowedValues: schema65.properties.durationUnit.enum },
              message: 'must be equal to one of the allowed values',
              schema: schema65.properties.durationUnit.enum,
              parentSchema: schema65.properties.durationUnit,
              data: data11,
            };
            if (vErrors === null) {
              vErrors = [err17];
            } else {
              vErrors.push(err17);
            }
            errors++;
          }
        }
        if (data6.codeLabel !== undefined) {
          let data12 = data6.codeLabel;
          if (typeof data12 === 'string') {
            if (!pattern33.test(data12)) {
              const err18 = {
                instancePath: instancePath + '/builtin/codeLabel',
                schemaPath: '#/$defs/builtin/properties/codeLabel/pattern',
                keyword: 'pattern',
                params: { pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' },
                message: 'must match pattern "' + '^[a-zA-Z_][a-zA-Z0-9_]*$' + '"',
                schema: '^[a-zA-Z_][a-zA-Z0-9_]*$',
                parentSchema: schema65.properties.codeLabel,
                data: data12,
              };
              if (vErrors === null) {
                vErrors = [err18];
              } else {
                vErrors.push(err18);
              }
              errors++;
            }
          } else {
            const err19 = {
              instancePath: instancePath + '/builtin/codeLabel',
              schemaPath: '#/$defs/builtin/properties/codeLabel/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema65.properties.codeLabel.type,
              parentSchema: schema65.properties.codeLabel,
              data: data12,
            };
            if (vErrors === null) {
              vErrors = [err19];
            } else {
              vErrors.push(err19);
            }
            errors++;
          }
        }
        if (data6.trackLabel !== undefined) {
          let data13 = data6.trackLabel;
          if (typeof data13 === 'string') {
            if (!pattern33.test(data13)) {
              const err20 = {
                instancePath: instancePath + '/builtin/trackLabel',
                schemaPath: '#/$defs/builtin/properties/trackLabel/pattern',
                keyword: 'pattern',
                params: { pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' },
                message: 'must match pattern "' + '^[a-zA-Z_][a-zA-Z0-9_]*$' + '"',
                schema: '^[a-zA-Z_][a-zA-Z0-9_]*$',
                parentSchema: schema65.properties.trackLabel,
                data: data13,
              };
              if (vErrors === null) {
                vErrors = [err20];
              } else {
                vErrors.push(err20);
              }
              errors++;
            }
          } else {
            const err21 = {
              instancePath: instancePath + '/builtin/trackLabel',
              schemaPath: '#/$defs/builtin/properties/trackLabel/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema65.properties.trackLabel.type,
              parentSchema: schema65.properties.trackLabel,
              data: data13,
            };
            if (vErrors === null) {
              vErrors = [err21];
            } else {
              vErrors.push(err21);
            }
            errors++;
          }
        }
        if (data6.namespaceLabel !== undefined) {
          let data14 = data6.namespaceLabel;
          if (typeof data14 === 'string') {
            if (!pattern33.test(data14)) {
              const err22 = {
                instancePath: instancePath + '/builtin/namespaceLabel',
                schemaPath: '#/$defs/builtin/properties/namespaceLabel/pattern',
                keyword: 'pattern',
                params: { pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' },
                message: 'must match pattern "' + '^[a-zA-Z_][a-zA-Z0-9_]*$' + '"',
                schema: '^[a-zA-Z_][a-zA-Z0-9_]*$',
                parentSchema: schema65.properties.namespaceLabel,
                data: data14,
              };
              if (vErrors === null) {
                vErrors = [err22];
              } else {
                vErrors.push(err22);
              }
              errors++;
            }
          } else {
            const err23 = {
              instancePath: instancePath + '/builtin/namespaceLabel',
              schemaPath: '#/$defs/builtin/properties/namespaceLabel/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema65.properties.namespaceLabel.type,
              parentSchema: schema65.properties.namespaceLabel,
              data: data14,
            };
            if (vErrors === null) {
              vErrors = [err23];
            } else {
              vErrors.push(err23);
            }
            errors++;
          }
        }
      } else {
        const err24 = {
          instancePath: instancePath + '/builtin',
          schemaPath: '#/$defs/builtin/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema65.type,
          parentSchema: schema65,
          data: data6,
        };
        if (vErrors === null) {
          vErrors = [err24];
        } else {
          vErrors.push(err24);
        }
        errors++;
      }
    }
  } else {
    const err25 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema50.type,
      parentSchema: schema50,
      data,
    };
    if (vErrors === null) {
      vErrors = [err25];
    } else {
      vErrors.push(err25);
    }
    errors++;
  }
  validate29.errors = vErrors;
  return errors === 0;
}
validate29.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
const schema66 = {
  description: 'A service level objective guarded by a multi-window burn-rate check on the canary.',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'objective'],
  properties: {
    name: { $ref: '#/$defs/label', description: 'SLO name.' },
    objective: {
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 100,
      description: 'Target in percent of good requests, e.g. 99.9.',
    },
    metric: {
      enum: ['errors', 'latency'],
      description: 'What a bad request is: an error, or slower than thresholdMs. Default errors.',
    },
    thresholdMs: { type: 'integer', minimum: 1, description: 'metric latency: the bound in milliseconds.' },
    queries: { $ref: '#/$defs/countQueries' },
  },
};
function validate35(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate35.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
        schema: schema66.required,
        parentSchema: schema66,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.objective === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'objective' },
        message: "must have required property '" + 'objective' + "'",
        schema: schema66.required,
        parentSchema: schema66,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(
        key0 === 'name' ||
        key0 === 'objective' ||
        key0 === 'metric' ||
        key0 === 'thresholdMs' ||
        key0 === 'queries'
      )) {
        const err2 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema66,
          data,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === 'string') {
        if (!pattern4.test(data0)) {
          const err3 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/label/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' },
            message: 'must match pattern "' + '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' + '"',
            schema: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$',
            parentSchema: schema32,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/label/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema32.type,
          parentSchema: schema32,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.objective !== undefined) {
      let data1 = data.objective;
      if (typeof data1 == 'number' && isFinite(data1)) {
        if (data1 >= 100 || isNaN(data1)) {
          const err5 = {
            instancePath: instancePath + '/objective',
            schemaPath: '#/properties/objective/exclusiveMaximum',
            keyword: 'exclusiveMaximum',
            params: { comparison: '<', limit: 100 },
            message: 'must be < 100',
            schema: 100,
            parentSchema: schema66.properties.objective,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
        if (data1 <= 0 || isNaN(data1)) {
          const err6 = {
            instancePath: instancePath + '/objective',
            schemaPath: '#/properties/objective/exclusiveMinimum',
            keyword: 'exclusiveMinimum',
            params: { comparison: '>', limit: 0 },
            message: 'must be > 0',
            schema: 0,
            parentSchema: schema66.properties.objective,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      } else {
        const err7 = {
          instancePath: instancePath + '/objective',
          schemaPath: '#/properties/objective/type',
          keyword: 'type',
          params: { type: 'number' },
          message: 'must be number',
          schema: schema66.properties.objective.type,
          parentSchema: schema66.properties.objective,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.metric !== undefined) {
      let data2 = data.metric;
      if (!(data2 === 'errors' || data2 === 'latency')) {
        const err8 = {
          instancePath: instancePath + '/metric',
          schemaPath: '#/properties/metric/enum',
          keyword: 'enum',
          params: { allowedValues: schema66.properties.metric.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema66.properties.metric.enum,
          parentSchema: schema66.properties.metric,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.thresholdMs !== undefined) {
      let data3 = data.thresholdMs;
      if (!(typeof data3 == 'number' && !(data3 % 1) && !isNaN(data3) && isFinite(data3))) {
        const err9 = {
          instancePath: instancePath + '/thresholdMs',
          schemaPath: '#/properties/thresholdMs/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema66.properties.thresholdMs.type,
          parentSchema: schema66.properties.thresholdMs,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
      if (typeof data3 == 'number' && isFinite(data3)) {
        if (data3 < 1 || isNaN(data3)) {
          const err10 = {
            instancePath: instancePath + '/thresholdMs',
            schemaPath: '#/properties/thresholdMs/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 1 },
            message: 'must be >= 1',
            schema: 1,
            parentSchema: schema66.properties.thresholdMs,
            data: data3,
          };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
      }
    }
    if (data.queries !== undefined) {
      let data4 = data.queries;
      if (data4 && typeof data4 == 'object' && !Array.isArray(data4)) {
        if (data4.total === undefined) {
          const err11 = {
            instancePath: instancePath + '/queries',
            schemaPath: '#/$defs/countQueries/required',
            keyword: 'required',
            params: { missingProperty: 'total' },
            message: "must have required property '" + 'total' + "'",
            schema: schema62.required,
            parentSchema: schema62,
            data: data4,
          };
          if (vErrors === null) {
            vErrors = [err11];
          } else {
            vErrors.push(err11);
          }
          errors++;
        }
        if (data4.bad === undefined) {
          const err12 = {
            instancePath: instancePath + '/queries',
            schemaPath: '#/$defs/countQueries/required',
            keyword: 'required',
            params: { missingProperty: 'bad' },
            message: "must have required property '" + 'bad' + "'",
            schema: schema62.required,
            parentSchema: schema62,
            data: data4,
          };
          if (vErrors === null) {
            vErrors = [err12];
          } else {
            vErrors.push(err12);
          }
          errors++;
        }
        for (const key1 in data4) {
          if (!(key1 === 'total' || key1 === 'bad')) {
            const err13 = {
              instancePath: instancePath + '/queries',
              schemaPath: '#/$defs/countQueries/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key1 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema62,
              data: data4,
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
        if (data4.total !== undefined) {
          let data5 = data4.total;
          if (typeof data5 === 'string') {
            if (data5.length < 1) {
              const err14 = {
                instancePath: instancePath + '/queries/total',
                schemaPath: '#/$defs/countQueries/properties/total/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema62.properties.total,
                data: data5,
              };
              if (vErrors === null) {
                vErrors = [err14];
              } else {
                vErrors.push(err14);
              }
              errors++;
            }
          } else {
            const err15 = {
              instancePath: instancePath + '/queries/total',
              schemaPath: '#/$defs/countQueries/properties/total/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema62.properties.total.type,
              parentSchema: schema62.properties.total,
              data: data5,
            };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
        }
        if (data4.bad !== undefined) {
          let data6 = data4.bad;
          if (typeof data6 === 'string') {
            if (data6.length < 1) {
              const err16 = {
                instancePath: instancePath + '/queries/bad',
                schemaPath: '#/$defs/countQueries/properties/bad/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema62.properties.bad,
                data: data6,
              };
              if (vErrors === null) {
                vErrors = [err16];
              } else {
                vErrors.push(err16);
              }
              errors++;
            }
          } else {
            const err17 = {
              instancePath: instancePath + '/queries/bad',
              schemaPath: '#/$defs/countQueries/properties/bad/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema62.properties.bad.type,
              parentSchema: schema62.properties.bad,
              data: data6,
            };
            if (vErrors === null) {
              vErrors = [err17];
            } else {
              vErrors.push(err17);
            }
            errors++;
          }
        }
      } else {
        const err18 = {
          instancePath: instancePath + '/queries',
          schemaPath: '#/$defs/countQueries/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema62.type,
          parentSchema: schema62,
          data: data4,
        };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    }
  } else {
    const err19 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema66.type,
      parentSchema: schema66,
      data,
    };
    if (vErrors === null) {
      vErrors = [err19];
    } else {
      vErrors.push(err19);
    }
    errors++;
  }
  validate35.errors = vErrors;
  return errors === 0;
}
validate35.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
const schema69 = {
  description:
    'A smoke check after a plain deploy: an HTTP request to the service that must answer as expected.',
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean', description: 'Run the smoke check.' },
    path: { type: 'string', pattern: '^/', description: 'HTTP path requested on the service.' },
    expectStatus: { type: 'integer', minimum: 100, maximum: 599, description: 'Expected HTTP status.' },
    timeout: {
      $ref: '#/$defs/duration',
      description: 'How long the service may take to answer as expected.',
    },
  },
};
const pattern37 = new RegExp('^/', 'u');
function validate37(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate37.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(key0 === 'enabled' || key0 === 'path' || key0 === 'expectStatus' || key0 === 'timeout')) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema69,
          data,
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.enabled !== undefined) {
      let data0 = data.enabled;
      if (typeof data0 !== 'boolean') {
        const err1 = {
          instancePath: instancePath + '/enabled',
          schemaPath: '#/properties/enabled/type',
          keyword: 'type',
          params: { type: 'boolean' },
          message: 'must be boolean',
          schema: schema69.properties.enabled.type,
          parentSchema: schema69.properties.enabled,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.path !== undefined) {
      let data1 = data.path;
      if (typeof data1 === 'string') {
        if (!pattern37.test(data1)) {
          const err2 = {
            instancePath: instancePath + '/path',
            schemaPath: '#/properties/path/pattern',
            keyword: 'pattern',
            params: { pattern: '^/' },
            message: 'must match pattern "' + '^/' + '"',
            schema: '^/',
            parentSchema: schema69.properties.path,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
      } else {
        const err3 = {
          instancePath: instancePath + '/path',
          schemaPath: '#/properties/path/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema69.properties.path.type,
          parentSchema: schema69.properties.path,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.expectStatus !== undefined) {
      let data2 = data.expectStatus;
      if (!(typeof data2 == 'number' && !(data2 % 1) && !isNaN(data2) && isFinite(data2))) {
        const err4 = {
          instancePath: instancePath + '/expectStatus',
          schemaPath: '#/properties/expectStatus/type',
          keyword: 'type',
          params: { type: 'integer' },
          message: 'must be integer',
          schema: schema69.properties.expectStatus.type,
          parentSchema: schema69.properties.expectStatus,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
      if (typeof data2 == 'number' && isFinite(data2)) {
        if (data2 > 599 || isNaN(data2)) {
          const err5 = {
            instancePath: instancePath + '/expectStatus',
            schemaPath: '#/properties/expectStatus/maximum',
            keyword: 'maximum',
            params: { comparison: '<=', limit: 599 },
            message: 'must be <= 599',
            schema: 599,
            parentSchema: schema69.properties.expectStatus,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
        if (data2 < 100 || isNaN(data2)) {
          const err6 = {
            instancePath: instancePath + '/expectStatus',
            schemaPath: '#/properties/expectStatus/minimum',
            keyword: 'minimum',
            params: { comparison: '>=', limit: 100 },
            message: 'must be >= 100',
            schema: 100,
            parentSchema: schema69.properties.expectStatus,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      }
    }
    if (data.timeout !== undefined) {
      let data3 = data.timeout;
      if (typeof data3 === 'string') {
        if (!pattern15.test(data3)) {
          const err7 = {
            instancePath: instancePath + '/timeout',
            schemaPath: '#/$defs/duration/pattern',
            keyword: 'pattern',
            params: { pattern: '^([0-9]+(s|m|h|d))+$' },
            message: 'must match pattern "' + '^([0-9]+(s|m|h|d))+$' + '"',
            schema: '^([0-9]+(s|m|h|d))+$',
            parentSchema: schema46,
            data: data3,
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/$defs/duration/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema46.type,
          parentSchema: schema46,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
  } else {
    const err9 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema69.type,
      parentSchema: schema69,
      data,
    };
    if (vErrors === null) {
      vErrors = [err9];
    } else {
      vErrors.push(err9);
    }
    errors++;
  }
  validate37.errors = vErrors;
  return errors === 0;
}
validate37.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
const schema71 = {
  description: 'HTTP hooks around the rollout.',
  type: 'object',
  additionalProperties: false,
  properties: {
    preDeploy: { type: 'array', items: { $ref: '#/$defs/hook' }, description: 'Before anything is applied.' },
    postDeploy: {
      type: 'array',
      items: { $ref: '#/$defs/hook' },
      description: 'After the new version is running (before traffic).',
    },
    postPromote: { type: 'array', items: { $ref: '#/$defs/hook' }, description: 'After promotion.' },
    onRollback: { type: 'array', items: { $ref: '#/$defs/hook' }, description: 'After a rollback.' },
  },
};
const schema72 = {
  description: 'An HTTP hook; a non-2xx answer stops the rollout (pre hooks) or is reported (post hooks).',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'url'],
  properties: {
    name: { $ref: '#/$defs/label', description: 'Hook name.' },
    url: { $ref: '#/$defs/url', description: 'URL called.' },
    method: { enum: ['GET', 'POST'], description: 'HTTP method. Default POST.' },
    timeout: { $ref: '#/$defs/duration', description: 'Request timeout. Default 30s.' },
  },
};
function validate40(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate40.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.name === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'name' },
        message: "must have required property '" + 'name' + "'",
        schema: schema72.required,
        parentSchema: schema72,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.url === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'url' },
        message: "must have required property '" + 'url' + "'",
        schema: schema72.required,
        parentSchema: schema72,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === 'name' || key0 === 'url' || key0 === 'method' || key0 === 'timeout')) {
        const err2 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema72,
          data,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.name !== undefined) {
      let data0 = data.name;
      if (typeof data0 === 'string') {
        if (!pattern4.test(data0)) {
          const err3 = {
            instancePath: instancePath + '/name',
            schemaPath: '#/$defs/label/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' },
            message: 'must match pattern "' + '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' + '"',
            schema: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$',
            parentSchema: schema32,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/name',
          schemaPath: '#/$defs/label/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema32.type,
          parentSchema: schema32,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.url !== undefined) {
      let data1 = data.url;
      if (typeof data1 === 'string') {
        if (!pattern19.test(data1)) {
          const err5 = {
            instancePath: instancePath + '/url',
            schemaPath: '#/$defs/url/pattern',
            keyword: 'pattern',
            params: { pattern: '^https?://[^\\s/?#]+([/?#]\\S*)?$' },
            message: 'must match pattern "' + '^https?://[^\\s/?#]+([/?#]\\S*)?$' + '"',
            schema: '^https?://[^\\s/?#]+([/?#]\\S*)?$',
            parentSchema: schema52,
            data: data1,
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/url',
          schemaPath: '#/$defs/url/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema52.type,
          parentSchema: schema52,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.method !== undefined) {
      let data2 = data.method;
      if (!(data2 === 'GET' || data2 === 'POST')) {
        const err7 = {
          instancePath: instancePath + '/method',
          schemaPath: '#/properties/method/enum',
          keyword: 'enum',
          params: { allowedValues: schema72.properties.method.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema72.properties.method.enum,
          parentSchema: schema72.properties.method,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.timeout !== undefined) {
      let data3 = data.timeout;
      if (typeof data3 === 'string') {
        if (!pattern15.test(data3)) {
          const err8 = {
            instancePath: instancePath + '/timeout',
            schemaPath: '#/$defs/duration/pattern',
            keyword: 'pattern',
            params: { pattern: '^([0-9]+(s|m|h|d))+$' },
            message: 'must match pattern "' + '^([0-9]+(s|m|h|d))+$' + '"',
            schema: '^([0-9]+(s|m|h|d))+$',
            parentSchema: schema46,
            data: data3,
          };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
      } else {
        const err9 = {
          instancePath: instancePath + '/timeout',
          schemaPath: '#/$defs/duration/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema46.type,
          parentSchema: schema46,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
  } else {
    const err10 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema72.type,
      parentSchema: schema72,
      data,
    };
    if (vErrors === null) {
      vErrors = [err10];
    } else {
      vErrors.push(err10);
    }
    errors++;
  }
  validate40.errors = vErrors;
  return errors === 0;
}
validate40.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
function validate39(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate39.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(
        key0 === 'preDeploy' ||
        key0 === 'postDeploy' ||
        key0 === 'postPromote' ||
        key0 === 'onRollback'
      )) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema71,
          data,
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.preDeploy !== undefined) {
      let data0 = data.preDeploy;
      if (Array.isArray(data0)) {
        const len0 = data0.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (
            !validate40(data0[i0], {
              instancePath: instancePath + '/preDeploy/' + i0,
              parentData: data0,
              parentDataProperty: i0,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err1 = {
          instancePath: instancePath + '/preDeploy',
          schemaPath: '#/properties/preDeploy/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema71.properties.preDeploy.type,
          parentSchema: schema71.properties.preDeploy,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.postDeploy !== undefined) {
      let data2 = data.postDeploy;
      if (Array.isArray(data2)) {
        const len1 = data2.length;
        for (let i1 = 0; i1 < len1; i1++) {
          if (
            !validate40(data2[i1], {
              instancePath: instancePath + '/postDeploy/' + i1,
              parentData: data2,
              parentDataProperty: i1,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err2 = {
          instancePath: instancePath + '/postDeploy',
          schemaPath: '#/properties/postDeploy/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema71.properties.postDeploy.type,
          parentSchema: schema71.properties.postDeploy,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.postPromote !== undefined) {
      let data4 = data.postPromote;
      if (Array.isArray(data4)) {
        const len2 = data4.length;
        for (let i2 = 0; i2 < len2; i2++) {
          if (
            !validate40(data4[i2], {
              instancePath: instancePath + '/postPromote/' + i2,
              parentData: data4,
              parentDataProperty: i2,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err3 = {
          instancePath: instancePath + '/postPromote',
          schemaPath: '#/properties/postPromote/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema71.properties.postPromote.type,
          parentSchema: schema71.properties.postPromote,
          data: data4,
        };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.onRollback !== undefined) {
      let data6 = data.onRollback;
      if (Array.isArray(data6)) {
        const len3 = data6.length;
        for (let i3 = 0; i3 < len3; i3++) {
          if (
            !validate40(data6[i3], {
              instancePath: instancePath + '/onRollback/' + i3,
              parentData: data6,
              parentDataProperty: i3,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/onRollback',
          schemaPath: '#/properties/onRollback/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema71.properties.onRollback.type,
          parentSchema: schema71.properties.onRollback,
          data: data6,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
  } else {
    const err5 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema71.type,
      parentSchema: schema71,
      data,
    };
    if (vErrors === null) {
      vErrors = [err5];
    } else {
      vErrors.push(err5);
    }
    errors++;
  }
  validate39.errors = vErrors;
  return errors === 0;
}
validate39.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
const schema76 = {
  description: 'Pull-request preview environments.',
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean', description: 'Create a preview per pull request.' },
    mode: {
      enum: ['namespace', 'header'],
      description:
        'namespace: a namespace per pull request. header: beside production, reached with a header (every service must forward it).',
    },
    ttl: { $ref: '#/$defs/duration', description: 'Deleted this long after creation.' },
    idleTimeout: {
      $ref: '#/$defs/duration',
      description: 'Scaled down after this long without a new commit.',
    },
    host: {
      type: 'string',
      minLength: 1,
      description: 'Host name of a preview; {pr} is replaced by the pull request number.',
    },
    header: {
      type: 'string',
      pattern: '^[A-Za-z0-9-]+$',
      description: 'header mode: the routing header. Default x-dial-preview.',
    },
  },
};
const pattern44 = new RegExp('^[A-Za-z0-9-]+$', 'u');
function validate46(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate46.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(
        key0 === 'enabled' ||
        key0 === 'mode' ||
        key0 === 'ttl' ||
        key0 === 'idleTimeout' ||
        key0 === 'host' ||
        key0 === 'header'
      )) {
        const err0 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema76,
          data,
        };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.enabled !== undefined) {
      let data0 = data.enabled;
      if (typeof data0 !== 'boolean') {
        const err1 = {
          instancePath: instancePath + '/enabled',
          schemaPath: '#/properties/enabled/type',
          keyword: 'type',
          params: { type: 'boolean' },
          message: 'must be boolean',
          schema: schema76.properties.enabled.type,
          parentSchema: schema76.properties.enabled,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      }
    }
    if (data.mode !== undefined) {
      let data1 = data.mode;
      if (!(data1 === 'namespace' || data1 === 'header')) {
        const err2 = {
          instancePath: instancePath + '/mode',
          schemaPath: '#/properties/mode/enum',
          keyword: 'enum',
          params: { allowedValues: schema76.properties.mode.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema76.properties.mode.enum,
          parentSchema: schema76.properties.mode,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.ttl !== undefined) {
      let data2 = data.ttl;
      if (typeof data2 === 'string') {
        if (!pattern15.test(data2)) {
          const err3 = {
            instancePath: instancePath + '/ttl',
            schemaPath: '#/$defs/duration/pattern',
            keyword: 'pattern',
            params: { pattern: '^([0-9]+(s|m|h|d))+$' },
            message: 'must match pattern "' + '^([0-9]+(s|m|h|d))+$' + '"',
            schema: '^([0-9]+(s|m|h|d))+$',
            parentSchema: schema46,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/ttl',
          schemaPath: '#/$defs/duration/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema46.type,
          parentSchema: schema46,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.idleTimeout !== undefined) {
      let data3 = data.idleTimeout;
      if (typeof data3 === 'string') {
        if (!pattern15.test(data3)) {
          const err5 = {
            instancePath: instancePath + '/idleTimeout',
            schemaPath: '#/$defs/duration/pattern',
            keyword: 'pattern',
            params: { pattern: '^([0-9]+(s|m|h|d))+$' },
            message: 'must match pattern "' + '^([0-9]+(s|m|h|d))+$' + '"',
            schema: '^([0-9]+(s|m|h|d))+$',
            parentSchema: schema46,
            data: data3,
          };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = {
          instancePath: instancePath + '/idleTimeout',
          schemaPath: '#/$defs/duration/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema46.type,
          parentSchema: schema46,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.host !== undefined) {
      let data4 = data.host;
      if (typeof data4 === 'string') {
        if (data4.length < 1) {
          const err7 = {
            instancePath: instancePath + '/host',
            schemaPath: '#/properties/host/minLength',
            keyword: 'minLength',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 characters',
            schema: 1,
            parentSchema: schema76.properties.host,
            data: data4,
          };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/host',
          schemaPath: '#/properties/host/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema76.properties.host.type,
          parentSchema: schema76.properties.host,
          data: data4,
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.header !== undefined) {
      let data5 = data.header;
      if (typeof data5 === 'string') {
        if (!pattern44.test(data5)) {
          const err9 = {
            instancePath: instancePath + '/header',
            schemaPath: '#/properties/header/pattern',
            keyword: 'pattern',
            params: { pattern: '^[A-Za-z0-9-]+$' },
            message: 'must match pattern "' + '^[A-Za-z0-9-]+$' + '"',
            schema: '^[A-Za-z0-9-]+$',
            parentSchema: schema76.properties.header,
            data: data5,
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
      } else {
        const err10 = {
          instancePath: instancePath + '/header',
          schemaPath: '#/properties/header/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema76.properties.header.type,
          parentSchema: schema76.properties.header,
          data: data5,
        };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
  } else {
    const err11 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema76.type,
      parentSchema: schema76,
      data,
    };
    if (vErrors === null) {
      vErrors = [err11];
    } else {
      vErrors.push(err11);
    }
    errors++;
  }
  validate46.errors = vErrors;
  return errors === 0;
}
validate46.evaluated = { props: true, dynamicProps: false, dynamicItems: false };
function validate20(
  data,
  { instancePath = '', parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {},
) {
  /*# sourceURL="https://dial.dev/schema/dial.schema.json" */ let vErrors = null;
  let errors = 0;
  const evaluated0 = validate20.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = undefined;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = undefined;
  }
  if (data && typeof data == 'object' && !Array.isArray(data)) {
    if (data.service === undefined) {
      const err0 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'service' },
        message: "must have required property '" + 'service' + "'",
        schema: schema31.required,
        parentSchema: schema31,
        data,
      };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.manifests === undefined) {
      const err1 = {
        instancePath,
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'manifests' },
        message: "must have required property '" + 'manifests' + "'",
        schema: schema31.required,
        parentSchema: schema31,
        data,
      };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func1.call(schema31.properties, key0)) {
        const err2 = {
          instancePath,
          schemaPath: '#/additionalProperties',
          keyword: 'additionalProperties',
          params: { additionalProperty: key0 },
          message: 'must NOT have additional properties',
          schema: false,
          parentSchema: schema31,
          data,
        };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.service !== undefined) {
      let data0 = data.service;
      if (typeof data0 === 'string') {
        if (!pattern4.test(data0)) {
          const err3 = {
            instancePath: instancePath + '/service',
            schemaPath: '#/$defs/label/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' },
            message: 'must match pattern "' + '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' + '"',
            schema: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$',
            parentSchema: schema32,
            data: data0,
          };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = {
          instancePath: instancePath + '/service',
          schemaPath: '#/$defs/label/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema32.type,
          parentSchema: schema32,
          data: data0,
        };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.profile !== undefined) {
      let data1 = data.profile;
      if (!(data1 === 'prototype' || data1 === 'production' || data1 === 'mission-critical')) {
        const err5 = {
          instancePath: instancePath + '/profile',
          schemaPath: '#/properties/profile/enum',
          keyword: 'enum',
          params: { allowedValues: schema31.properties.profile.enum },
          message: 'must be equal to one of the allowed values',
          schema: schema31.properties.profile.enum,
          parentSchema: schema31.properties.profile,
          data: data1,
        };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.namespace !== undefined) {
      let data2 = data.namespace;
      if (typeof data2 === 'string') {
        if (!pattern4.test(data2)) {
          const err6 = {
            instancePath: instancePath + '/namespace',
            schemaPath: '#/$defs/label/pattern',
            keyword: 'pattern',
            params: { pattern: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' },
            message: 'must match pattern "' + '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$' + '"',
            schema: '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$',
            parentSchema: schema32,
            data: data2,
          };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      } else {
        const err7 = {
          instancePath: instancePath + '/namespace',
          schemaPath: '#/$defs/label/type',
          keyword: 'type',
          params: { type: 'string' },
          message: 'must be string',
          schema: schema32.type,
          parentSchema: schema32,
          data: data2,
        };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.images !== undefined) {
      let data3 = data.images;
      if (Array.isArray(data3)) {
        const len0 = data3.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (
            !validate21(data3[i0], {
              instancePath: instancePath + '/images/' + i0,
              parentData: data3,
              parentDataProperty: i0,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err8 = {
          instancePath: instancePath + '/images',
          schemaPath: '#/properties/images/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema31.properties.images.type,
          parentSchema: schema31.properties.images,
          data: data3,
        };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.manifests !== undefined) {
      let data5 = data.manifests;
      if (Array.isArray(data5)) {
        if (data5.length < 1) {
          const err9 = {
            instancePath: instancePath + '/manifests',
            schemaPath: '#/properties/manifests/minItems',
            keyword: 'minItems',
            params: { limit: 1 },
            message: 'must NOT have fewer than 1 items',
            schema: 1,
            parentSchema: schema31.properties.manifests,
            data: data5,
          };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
        const len1 = data5.length;
        for (let i1 = 0; i1 < len1; i1++) {
          let data6 = data5[i1];
          if (typeof data6 === 'string') {
            if (data6.length < 1) {
              const err10 = {
                instancePath: instancePath + '/manifests/' + i1,
                schemaPath: '#/properties/manifests/items/minLength',
                keyword: 'minLength',
                params: { limit: 1 },
                message: 'must NOT have fewer than 1 characters',
                schema: 1,
                parentSchema: schema31.properties.manifests.items,
                data: data6,
              };
              if (vErrors === null) {
                vErrors = [err10];
              } else {
                vErrors.push(err10);
              }
              errors++;
            }
          } else {
            const err11 = {
              instancePath: instancePath + '/manifests/' + i1,
              schemaPath: '#/properties/manifests/items/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema31.properties.manifests.items.type,
              parentSchema: schema31.properties.manifests.items,
              data: data6,
            };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
        }
      } else {
        const err12 = {
          instancePath: instancePath + '/manifests',
          schemaPath: '#/properties/manifests/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema31.properties.manifests.type,
          parentSchema: schema31.properties.manifests,
          data: data5,
        };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.workload !== undefined) {
      let data7 = data.workload;
      if (data7 && typeof data7 == 'object' && !Array.isArray(data7)) {
        for (const key1 in data7) {
          if (!(key1 === 'kind' || key1 === 'name')) {
            const err13 = {
              instancePath: instancePath + '/workload',
              schemaPath: '#/properties/workload/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key1 },
              message: 'must NOT have additional properties',
              schema: false,
              parentSchema: schema31.properties.workload,
              data: data7,
            };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
        if (data7.kind !== undefined) {
          let data8 = data7.kind;
          if (!(data8 === 'Deployment')) {
            const err14 = {
              instancePath: instancePath + '/workload/kind',
              schemaPath: '#/properties/workload/properties/kind/enum',
              keyword: 'enum',
              params: { allowedValues: schema31.properties.workload.properties.kind.enum },
              message: 'must be equal to one of the allowed values',
              schema: schema31.properties.workload.properties.kind.enum,
              parentSchema: schema31.properties.workload.properties.kind,
              data: data8,
            };
            if (vErrors === null) {
              vErrors = [err14];
            } else {
              vErrors.push(err14);
            }
            errors++;
          }
        }
        if (data7.name !== undefined) {
          let data9 = data7.name;
          if (typeof data9 === 'string') {
            if (!pattern8.test(data9)) {
              const err15 = {
                instancePath: instancePath + '/workload/name',
                schemaPath: '#/$defs/objectName/pattern',
                keyword: 'pattern',
                params: { pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' },
                message: 'must match pattern "' + '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$' + '"',
                schema: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$',
                parentSchema: schema36,
                data: data9,
              };
              if (vErrors === null) {
                vErrors = [err15];
              } else {
                vErrors.push(err15);
              }
              errors++;
            }
          } else {
            const err16 = {
              instancePath: instancePath + '/workload/name',
              schemaPath: '#/$defs/objectName/type',
              keyword: 'type',
              params: { type: 'string' },
              message: 'must be string',
              schema: schema36.type,
              parentSchema: schema36,
              data: data9,
            };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
        }
      } else {
        const err17 = {
          instancePath: instancePath + '/workload',
          schemaPath: '#/properties/workload/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
          schema: schema31.properties.workload.type,
          parentSchema: schema31.properties.workload,
          data: data7,
        };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
    if (data.router !== undefined) {
      if (
        !validate23(data.router, {
          instancePath: instancePath + '/router',
          parentData: data,
          parentDataProperty: 'router',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
        errors = vErrors.length;
      }
    }
    if (data.strategy !== undefined) {
      if (
        !validate25(data.strategy, {
          instancePath: instancePath + '/strategy',
          parentData: data,
          parentDataProperty: 'strategy',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
        errors = vErrors.length;
      }
    }
    if (data.analysis !== undefined) {
      if (
        !validate29(data.analysis, {
          instancePath: instancePath + '/analysis',
          parentData: data,
          parentDataProperty: 'analysis',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
        errors = vErrors.length;
      }
    }
    if (data.slos !== undefined) {
      let data13 = data.slos;
      if (Array.isArray(data13)) {
        const len2 = data13.length;
        for (let i2 = 0; i2 < len2; i2++) {
          if (
            !validate35(data13[i2], {
              instancePath: instancePath + '/slos/' + i2,
              parentData: data13,
              parentDataProperty: i2,
              rootData,
              dynamicAnchors,
            })
          ) {
            vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err18 = {
          instancePath: instancePath + '/slos',
          schemaPath: '#/properties/slos/type',
          keyword: 'type',
          params: { type: 'array' },
          message: 'must be array',
          schema: schema31.properties.slos.type,
          parentSchema: schema31.properties.slos,
          data: data13,
        };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
    }
    if (data.smoke !== undefined) {
      if (
        !validate37(data.smoke, {
          instancePath: instancePath + '/smoke',
          parentData: data,
          parentDataProperty: 'smoke',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
        errors = vErrors.length;
      }
    }
    if (data.hooks !== undefined) {
      if (
        !validate39(data.hooks, {
          instancePath: instancePath + '/hooks',
          parentData: data,
          parentDataProperty: 'hooks',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
        errors = vErrors.length;
      }
    }
    if (data.preview !== undefined) {
      if (
        !validate46(data.preview, {
          instancePath: instancePath + '/preview',
          parentData: data,
          parentDataProperty: 'preview',
          rootData,
          dynamicAnchors,
        })
      ) {
        vErrors = vErrors === null ? validate46.errors : vErrors.concat(validate46.errors);
        errors = vErrors.length;
      }
    }
  } else {
    const err19 = {
      instancePath,
      schemaPath: '#/type',
      keyword: 'type',
      params: { type: 'object' },
      message: 'must be object',
      schema: schema31.type,
      parentSchema: schema31,
      data,
    };
    if (vErrors === null) {
      vErrors = [err19];
    } else {
      vErrors.push(err19);
    }
    errors++;
  }
  validate20.errors = vErrors;
  return errors === 0;
}
validate20.evaluated = { props: true, dynamicProps: false, dynamicItems: false };

;// CONCATENATED MODULE: ./src/config/schema-validator.ts


// Compiled ahead of time from the schema by schema/build-validator.mjs: no schema compilation at start-up.


function validateAgainstSchema(data) {
    if (validate(data))
        return [];
    const problems = [];
    const seen = new Set();
    for (const error of validate.errors ?? []) {
        const problem = describe(error, data);
        if (!problem)
            continue;
        const key = `${problem.path.join('/')}|${problem.message}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        problems.push(problem);
    }
    return problems;
}
function pathOf(instancePath) {
    if (instancePath === '')
        return [];
    return instancePath
        .slice(1)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((part) => (/^[0-9]+$/.test(part) ? Number(part) : part));
}
function describe(error, root) {
    const path = pathOf(error.instancePath);
    const params = error.params;
    const parent = asRecord(error.parentSchema);
    switch (error.keyword) {
        case 'if':
            return undefined; // the failing `then` reports the actual problem
        case 'additionalProperties': {
            const field = String(params.additionalProperty);
            const known = Object.keys(asRecord(parent.properties));
            return { path: [...path, field], message: unknownField(field, known), onKey: true };
        }
        case 'false schema': {
            const field = path[path.length - 1];
            return {
                path,
                message: `field \`${String(field)}\` does not apply${ofType(root, path.slice(0, -1), 'to')}`,
                onKey: true,
            };
        }
        case 'required': {
            const field = String(params.missingProperty);
            const byType = error.schemaPath.includes('/then/') ? ofType(root, path, 'for') : '';
            return {
                path: [...path, field],
                at: path,
                message: `missing required field \`${field}\`${byType}`,
                onKey: true,
            };
        }
        case 'enum':
            return {
                path,
                message: `must be one of ${error.schema.map(String).join(', ')} (got ${show(error.data)})`,
                onKey: false,
            };
        case 'type':
            return {
                path,
                message: `must be ${typeWords(String(params.type))} (got ${show(error.data)})`,
                onKey: false,
            };
        case 'pattern': {
            const description = typeof parent.description === 'string' ? parent.description : '';
            const what = /^An? /.test(description)
                ? lowerFirst(description.replace(/\.$/, ''))
                : `text matching ${String(params.pattern)}`;
            return { path, message: `must be ${what} (got ${show(error.data)})`, onKey: false };
        }
        case 'format':
            return {
                path,
                message: `must be a URL such as https://host:port (got ${show(error.data)})`,
                onKey: false,
            };
        case 'minimum':
        case 'maximum':
        case 'exclusiveMinimum':
        case 'exclusiveMaximum':
            return { path, message: `${rangeWords(parent)} (got ${show(error.data)})`, onKey: false };
        case 'minItems':
            return { path, message: `must have at least ${String(params.limit)} item(s)`, onKey: false };
        case 'minLength':
            return { path, message: 'must not be empty', onKey: false };
        default:
            return { path, message: error.message ?? `is invalid (${error.keyword})`, onKey: false };
    }
}
/** "unknown field `bake_time`; did you mean `bake`?" when a known field is close (edits, or a prefix). */
function unknownField(field, known) {
    const base = `unknown field \`${field}\``;
    if (known.length === 0)
        return base;
    const norm = (name) => name.toLowerCase().replace(/[-_]/g, '');
    const wanted = norm(field);
    const best = (0,mod/* closest */.kp)(wanted, known.map(norm));
    const match = known.find((name) => norm(name) === best) ?? best;
    const near = (0,mod/* distance */.Io)(wanted, best) <= Math.max(2, Math.floor(best.length / 3));
    const prefix = best.length >= 3 && (wanted.startsWith(best) || best.startsWith(wanted));
    if (near || prefix)
        return `${base}; did you mean \`${match}\`?`;
    return `${base}; expected one of ${known.join(', ')}`;
}
/** ` to type \`istio\`` (or `for`) for the object at `path`, whose `type` selects which fields apply. */
function ofType(root, path, word) {
    let node = root;
    for (const part of path)
        node = asRecord(node)[String(part)];
    const type = asRecord(node).type;
    return typeof type === 'string' ? ` ${word} type \`${type}\`` : '';
}
function rangeWords(schemaPart) {
    const num = (key) => typeof schemaPart[key] === 'number' ? schemaPart[key] : undefined;
    const [min, xmin, max, xmax] = [
        num('minimum'),
        num('exclusiveMinimum'),
        num('maximum'),
        num('exclusiveMaximum'),
    ];
    // Both ends inclusive reads best as "between"; any exclusive end is said as it is, so the sentence
    // never mixes "between" with "more than" ("must be more than 0 and at most 0.5").
    if (min !== undefined && max !== undefined)
        return `must be between ${min} and ${max}`;
    const low = min !== undefined ? `at least ${min}` : xmin !== undefined ? `more than ${xmin}` : undefined;
    const high = max !== undefined ? `at most ${max}` : xmax !== undefined ? `less than ${xmax}` : undefined;
    if (low !== undefined && high !== undefined)
        return `must be ${low} and ${high}`;
    return `must be ${low ?? high ?? 'in range'}`;
}
const TYPE_WORDS = {
    integer: 'a whole number',
    number: 'a number',
    string: 'a string',
    object: 'a mapping (key: value)',
    array: 'a list',
    boolean: 'true or false',
    null: 'empty',
};
function typeWords(types) {
    return types
        .split(',')
        .map((type) => TYPE_WORDS[type] ?? type)
        .join(' or ');
}
/** A value as it appears in a message, kept short. */
function show(value) {
    if (value === null || value === undefined)
        return 'nothing';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
function asRecord(value) {
    return typeof value === 'object' && value !== null ? value : {};
}
function lowerFirst(text) {
    return text.charAt(0).toLowerCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./src/config/semantic.ts
// Checks the schema cannot express: ordering of steps, references between sections, and manifest paths
// that must resolve inside the workspace (also through `..` and symlinks) and exist.



/**
 * Routers whose metrics (canary and baseline, layer 7) have builtin queries in src/metrics/builtin —
 * every one: replicas reads the service's own metrics by the pod's track label. They are PromQL, so they
 * need a prometheus provider.
 */
const ROUTERS_WITH_BUILTIN_QUERIES = [
    'replicas',
    'gateway-api',
    'istio',
    'smi',
    'ingress-nginx',
    'emissary',
];
const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
function checkSemantics(config) {
    const problems = [];
    const add = (path, message, onKey = false) => problems.push({ path, message, onKey });
    const strategy = config.strategy ?? {};
    const canary = strategy.type !== 'rolling';
    if (!canary) {
        for (const field of ['steps', 'approval', 'watch', 'bake']) {
            if (strategy[field] !== undefined)
                add(['strategy', field], `applies only to strategy type canary (the type here is rolling)`, true);
        }
    }
    else {
        const steps = strategy.steps ?? [];
        if (steps.length === 0)
            add(['strategy', 'steps'], 'a canary needs at least one step, ending at 100');
        let previous = 0;
        steps.forEach((step, i) => {
            const weight = typeof step === 'number' ? step : step.weight;
            if (weight <= previous)
                add(['strategy', 'steps', i], `must be greater than the step before (${previous}): weights strictly increase`);
            previous = Math.max(previous, weight);
            if (typeof step !== 'number' && step.approval && !strategy.approval)
                add(['strategy', 'steps', i, 'approval'], 'needs strategy.approval.environment: the environment whose reviewers approve');
        });
        const last = steps[steps.length - 1];
        if (last !== undefined && (typeof last === 'number' ? last : last.weight) !== 100)
            add(['strategy', 'steps', steps.length - 1], 'the last step must be 100: a canary ends with all traffic');
    }
    const analysis = config.analysis ?? {};
    const checks = canary ? (analysis.checks ?? []) : [];
    const slos = canary ? (config.slos ?? []) : [];
    const router = config.router?.type ?? 'replicas';
    const promql = (analysis.provider?.type ?? 'prometheus') === 'prometheus';
    const builtin = ROUTERS_WITH_BUILTIN_QUERIES.includes(router) && promql;
    const noBuiltin = !promql
        ? `builtin queries are PromQL and the provider is \`${analysis.provider?.type ?? ''}\``
        : `router \`${router}\` has no builtin metrics (${ROUTERS_WITH_BUILTIN_QUERIES.join(', ')} do)`;
    if ((checks.length > 0 || slos.length > 0) && !analysis.provider) {
        add(['analysis', 'provider'], 'missing required field `provider`: the canary analysis needs a metrics provider', true);
    }
    checks.forEach((check, i) => {
        const at = ['analysis', 'checks', i];
        if (check.type === 'compare' && !check.queries && !builtin)
            add(at, `compare check \`${check.name}\` needs explicit \`queries\`: ${noBuiltin}`);
        if (check.type === 'compare' && check.metric === 'latency' && check.thresholdMs === undefined)
            add(at, `compare check \`${check.name}\` on latency needs \`thresholdMs\`: the bound above which a request counts as slow`);
        if (check.type === 'threshold' && check.min === undefined && check.max === undefined)
            add(at, `threshold check \`${check.name}\` needs \`min\`, \`max\` or both`);
    });
    slos.forEach((slo, i) => {
        if (!slo.queries && !builtin)
            add(['slos', i], `SLO \`${slo.name}\` needs explicit \`queries\`: ${noBuiltin}`);
        if (slo.metric === 'latency' && slo.thresholdMs === undefined)
            add(['slos', i], `SLO \`${slo.name}\` on latency needs \`thresholdMs\``);
    });
    duplicates(checks, ['analysis', 'checks'], add);
    duplicates(slos, ['slos'], add);
    duplicates(config.images ?? [], ['images'], add);
    if (canary && strategy.bake && analysis.interval && (checks.length > 0 || slos.length > 0)) {
        const bake = (0,duration/* durationSeconds */.o)(strategy.bake);
        const interval = (0,duration/* durationSeconds */.o)(analysis.interval);
        if (bake < interval)
            add(['strategy', 'bake'], `${strategy.bake} is shorter than the analysis interval ${analysis.interval}: no measurement would be taken`);
    }
    const preview = config.preview ?? {};
    if (preview.enabled && preview.host !== undefined && !preview.host.includes('{pr}'))
        add(['preview', 'host'], 'must contain {pr}: each pull request needs its own host');
    return problems;
}
function duplicates(items, path, add) {
    const seen = new Set();
    items.forEach((item, i) => {
        if (seen.has(item.name))
            add([...path, i, 'name'], `\`${item.name}\` is used twice: names must be unique`);
        seen.add(item.name);
    });
}
/**
 * Resolves manifest paths (files or folders, relative to the workspace) to the manifest files they hold,
 * refusing anything that leads outside the workspace, by `..`, an absolute path or a symlink.
 * `root` is the workspace's real path (symlinks resolved), as insideWorkspace needs.
 */
async function resolveManifests(manifests, root) {
    const files = [];
    const problems = [];
    for (const [i, entry] of manifests.entries()) {
        const inside = await insideWorkspace(entry, root);
        if ('problem' in inside) {
            problems.push({ path: ['manifests', i], message: inside.problem });
            continue;
        }
        const escapes = [];
        const found = await manifestFiles(inside.real, root, escapes, new Set());
        for (const escape of escapes)
            problems.push({
                path: ['manifests', i],
                message: `\`${escape}\` (inside \`${entry}\`) leads outside the workspace through a symlink`,
            });
        if (found.length === 0 && escapes.length === 0)
            problems.push({
                path: ['manifests', i],
                message: `\`${entry}\` holds no manifest files (${MANIFEST_EXTENSIONS.join(', ')})`,
            });
        files.push(...found);
    }
    return { files: [...new Set(files)], problems };
}
/**
 * Checks that a workspace-relative path exists and stays inside the workspace; build contexts use it too.
 * `root` must be the workspace's real path: the target's real path is compared with it.
 */
async function insideWorkspace(entry, root) {
    if ((0,external_node_path_.isAbsolute)(entry))
        return { problem: `\`${entry}\` is absolute: paths are relative to the workspace` };
    const lexical = (0,external_node_path_.resolve)(root, entry);
    if (isOutside(root, lexical))
        return { problem: `\`${entry}\` is outside the workspace` };
    let real;
    try {
        real = await (0,promises_.realpath)(lexical);
    }
    catch {
        return { problem: `\`${entry}\` does not exist in the workspace` };
    }
    if (isOutside(root, real))
        return { problem: `\`${entry}\` leads outside the workspace through a symlink` };
    return { real };
}
function isOutside(root, target) {
    const rel = (0,external_node_path_.relative)(root, target);
    return rel === '..' || rel.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(rel);
}
/** `visited` holds the real folders already walked: a symlink back up the tree must not loop forever. */
async function manifestFiles(real, root, escapes, visited) {
    const info = await (0,promises_.stat)(real);
    if (info.isFile())
        return [(0,external_node_path_.relative)(root, real).split(external_node_path_.sep).join('/')];
    if (visited.has(real))
        return [];
    visited.add(real);
    const out = [];
    const entries = await (0,promises_.readdir)(real, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const full = (0,external_node_path_.join)(real, entry.name);
        if (entry.isDirectory() || entry.isSymbolicLink()) {
            const target = await insideWorkspace((0,external_node_path_.relative)(root, full), root);
            if ('problem' in target)
                escapes.push((0,external_node_path_.relative)(root, full).split(external_node_path_.sep).join('/'));
            else if ((await (0,promises_.stat)(target.real)).isDirectory())
                out.push(...(await manifestFiles(target.real, root, escapes, visited)));
            else if (MANIFEST_EXTENSIONS.some((ext) => entry.name.endsWith(ext)))
                out.push((0,external_node_path_.relative)(root, target.real).split(external_node_path_.sep).join('/'));
        }
        else if (MANIFEST_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
            out.push((0,external_node_path_.relative)(root, full).split(external_node_path_.sep).join('/'));
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/config/types.ts
const PROFILES = ['prototype', 'production', 'mission-critical'];
const ROUTER_TYPES = (/* unused pure expression or super */ null && (['replicas', 'gateway-api', 'istio', 'smi', 'ingress-nginx', 'emissary']));
/**
 * Which implementation serves a gateway-api (or smi) router, so the builtin queries read its metrics
 * (src/metrics/builtin). gateway-api defaults to envoy, smi to linkerd; smi takes linkerd or envoy only.
 */
const ROUTER_IMPLEMENTATIONS = (/* unused pure expression or super */ null && (['envoy', 'istio', 'linkerd', 'traefik']));

;// CONCATENATED MODULE: ./src/config/yaml-source.ts
// dial.yaml parsed with node ranges kept, so every problem can be pointed at a line and column.

function parseYamlSource(text, file) {
    const lines = new dist/* LineCounter */.HN();
    // prettyErrors off: we place the message ourselves, without the code excerpt yaml would add.
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const source = { file, doc, lines, data: undefined };
    const issues = doc.errors.map((error) => {
        const at = lines.linePos(error.pos[0]);
        return {
            path: [],
            message: `invalid YAML: ${error.message.split('\n')[0] ?? error.code}`,
            origin: { kind: 'file', file, line: at.line, col: at.col },
        };
    });
    if (issues.length === 0)
        source.data = doc.toJS({ maxAliasCount: 100 });
    return { source, issues };
}
/**
 * The position of the field at `path`. `onKey` points at the key (`bake_time:`) rather than the value,
 * for problems with the field's name; a path that does not exist falls back to its nearest parent.
 */
function locate(source, path, onKey = false) {
    let node = source.doc.contents;
    let offset = node && isNodeWithRange(node) ? node.range[0] : 0;
    for (let i = 0; i < path.length; i++) {
        const part = path[i];
        const last = i === path.length - 1;
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && String(item.key.value) === String(part));
            if (!pair)
                break;
            if (last && onKey && isNodeWithRange(pair.key)) {
                offset = pair.key.range[0];
                break;
            }
            // A missing value (`key:` alone) has no node: point at the key.
            node = pair.value ?? pair.key;
        }
        else if ((0,dist/* isSeq */.oP)(node) && typeof part === 'number') {
            node = node.items[part];
        }
        else
            break;
        if (!isNodeWithRange(node))
            break;
        offset = node.range[0];
    }
    const at = source.lines.linePos(offset);
    return { kind: 'file', file: source.file, line: at.line, col: at.col };
}
function isNodeWithRange(value) {
    return typeof value === 'object' && value !== null && 'range' in value && Array.isArray(value.range);
}

;// CONCATENATED MODULE: ./src/config/load.ts
// Reads dial.yaml, validates it, merges profile defaults < file < overrides, runs the semantic checks,
// and either returns the resolved configuration or throws a ConfigError carrying every problem at once.










async function loadConfig(request) {
    const workspace = (0,external_node_path_.resolve)(request.workspace);
    const absolute = (0,external_node_path_.resolve)(workspace, request.file);
    const rel = (0,external_node_path_.relative)(workspace, absolute);
    const file = rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel) ? request.file : rel.split(external_node_path_.sep).join('/');
    const start = { kind: 'file', file, line: 1, col: 1 };
    let text;
    try {
        text = await (0,promises_.readFile)(absolute, 'utf8');
    }
    catch (error) {
        const reason = error.code === 'ENOENT' ? 'file not found' : error.message;
        throw new config_issues/* ConfigError */.xL([{ path: [], message: `cannot read ${file}: ${reason}`, origin: start }]);
    }
    const { source, issues: syntax } = parseYamlSource(text, file);
    if (syntax.length > 0)
        throw new config_issues/* ConfigError */.xL(syntax);
    if (source.data === null || source.data === undefined)
        throw new config_issues/* ConfigError */.xL([
            { path: [], message: 'the file is empty: expected at least `service` and `manifests`', origin: start },
        ]);
    // 1. The file on its own, so each problem points at its line; overrides are parsed alongside.
    const issues = validateAgainstSchema(source.data).map((problem) => ({
        path: problem.path,
        message: problem.message,
        origin: locate(source, problem.at ?? problem.path, problem.onKey),
    }));
    const overrides = overrideLayers(request.overrides, request.label);
    issues.push(...overrides.issues);
    if (issues.length > 0)
        throw new config_issues/* ConfigError */.xL(issues);
    const fileValues = source.data;
    // 2. The profile decides the defaults, so it is resolved first (an override may change it).
    const profileLayer = [...overrides.layers].reverse().find((layer) => 'profile' in layer.values);
    const profileName = (profileLayer?.values.profile ?? fileValues.profile ?? DEFAULT_PROFILE);
    if (!PROFILES.includes(profileName)) {
        const at = profileLayer ? { kind: 'input', name: profileLayer.source } : start;
        throw new config_issues/* ConfigError */.xL([
            {
                path: ['profile'],
                message: `must be one of ${PROFILES.join(', ')} (got ${JSON.stringify(profileName)})`,
                origin: at,
            },
        ]);
    }
    const profile = profileName;
    const profileSource = `profile ${profile}`;
    const layers = [
        { source: profileSource, values: PROFILE_DEFAULTS[profile] },
        { source: file, values: fileValues },
        ...overrides.layers,
    ];
    const merged = mergeLayers(layers);
    // Neither the file nor an input named it (either would have set the source in the merge).
    if (!merged.sources.has('profile'))
        merged.sources.set('profile', 'default');
    merged.value.profile = profile;
    const place = placer(source, file, profileSource, merged.sources);
    // 3. The merged result: catches overrides of the wrong shape, then what the schema cannot say.
    for (const problem of validateAgainstSchema(merged.value))
        issues.push({
            path: problem.path,
            message: problem.message,
            origin: place(problem.at ?? problem.path, problem.onKey),
        });
    if (issues.length > 0)
        throw new config_issues/* ConfigError */.xL(issues);
    const config = merged.value;
    const semantic = checkSemantics(config);
    // Real paths are compared, so a workspace reached through a symlink must be resolved too.
    const root = await (0,promises_.realpath)(workspace);
    const manifests = await resolveManifests(config.manifests, root);
    semantic.push(...manifests.problems);
    for (const [i, image] of (config.images ?? []).entries()) {
        const inside = await insideWorkspace(image.context, root);
        if ('problem' in inside)
            semantic.push({ path: ['images', i, 'context'], message: inside.problem });
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
    if (issues.length > 0)
        throw new config_issues/* ConfigError */.xL(issues);
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
function placer(source, file, profileSource, sources) {
    return (path, onKey) => {
        const from = sourceOf(sources, path);
        if (from === undefined || from === file)
            return locate(source, path, onKey);
        if (from === profileSource)
            return locate(source, ['profile'], true);
        return { kind: 'input', name: from };
    };
}


/***/ })

};
