export const id = 914;
export const ids = [914];
export const modules = {

/***/ 46914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createProvider: () => (/* binding */ createProvider)
});

// EXTERNAL MODULE: ./src/metrics/provider.ts
var metrics_provider = __webpack_require__(69380);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./node_modules/p-retry/index.js + 1 modules
var p_retry = __webpack_require__(74995);
;// CONCATENATED MODULE: ./src/metrics/config.ts
// Typed provider settings: what dial.yaml's `analysis.provider` resolves into (src/config maps it here).
// Secrets are never literal values: every credential is the NAME of an environment variable that holds it,
// read when the provider is created, and never logged.
/** Defaults of the HTTP transport, in one place so docs and code agree. */
const HTTP_DEFAULTS = {
    timeoutSeconds: 10,
    retries: 2,
    retryDelaySeconds: 0.5,
    maxRetryAfterSeconds: 30,
};

;// CONCATENATED MODULE: ./src/metrics/http.ts
// The HTTP layer every HTTP-based provider shares: one attempt = one node:http(s) request bounded by a
// timeout; network errors, timeouts, 5xx and 429 are retried with backoff (p-retry), honouring Retry-After;
// everything else comes back to the provider, which knows how its API words errors.
// node:https (not fetch) because custom CAs, client certificates and skip-verify are plain Agent options there.







/** A failure worth another attempt: network error, timeout, 5xx, 429. */
class RetryableError extends Error {
    status;
    retryAfterMs;
    constructor(message, status, retryAfterMs) {
        super(message);
        this.status = status;
        this.retryAfterMs = retryAfterMs;
        this.name = 'RetryableError';
    }
}
// TLS verification failures are configuration problems: retrying cannot fix them.
const TLS_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO/;
/** Origin and path only: query strings and userinfo may carry secrets or long queries. */
function describeUrl(url) {
    return `${url.origin}${url.pathname}`;
}
/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
function parseRetryAfter(value, now = Date.now()) {
    if (value === undefined || value.trim() === '')
        return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds))
        return Math.max(0, seconds * 1000);
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
function tlsAgentOptions(tls) {
    if (tls === undefined)
        return {};
    return {
        ...(tls.caFile !== undefined ? { ca: (0,external_node_fs_.readFileSync)(tls.caFile, 'utf8') } : {}),
        ...(tls.certFile !== undefined ? { cert: (0,external_node_fs_.readFileSync)(tls.certFile, 'utf8') } : {}),
        ...(tls.keyFile !== undefined ? { key: (0,external_node_fs_.readFileSync)(tls.keyFile, 'utf8') } : {}),
        ...(tls.serverName !== undefined ? { servername: tls.serverName } : {}),
        rejectUnauthorized: tls.insecureSkipVerify !== true,
    };
}
function errorCode(error) {
    if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
        return error.code;
    }
    return '';
}
class HttpTransport {
    options;
    httpAgent = new (external_node_http_default()).Agent({ keepAlive: false });
    httpsAgent;
    timeoutMs;
    retries;
    retryDelayMs;
    maxRetryAfterMs;
    constructor(options) {
        this.options = options;
        const cfg = options.http;
        this.timeoutMs = (cfg.timeoutSeconds ?? HTTP_DEFAULTS.timeoutSeconds) * 1000;
        this.retries = cfg.retries ?? HTTP_DEFAULTS.retries;
        this.retryDelayMs = (cfg.retryDelaySeconds ?? HTTP_DEFAULTS.retryDelaySeconds) * 1000;
        this.maxRetryAfterMs = (cfg.maxRetryAfterSeconds ?? HTTP_DEFAULTS.maxRetryAfterSeconds) * 1000;
        if (cfg.tls?.certFile !== undefined && cfg.tls.keyFile === undefined) {
            throw new metrics_provider/* ProviderError */.m(`${options.provider}: tls.certFile needs tls.keyFile`, options.provider);
        }
        this.httpsAgent = new (external_node_https_default()).Agent({ keepAlive: false, ...tlsAgentOptions(cfg.tls) });
    }
    /**
     * Sends the request, retrying retryable failures. Resolves with any other response (2xx, 3xx, 4xx but 429)
     * for the provider to interpret; rejects with ProviderUnavailableError once retries are spent, with
     * ProviderError on TLS failures, and with the caller's abort reason when `signal` aborts.
     */
    async send(request, signal) {
        const { provider } = this.options;
        let attempts = 0;
        try {
            return await (0,p_retry/* default */.Ay)(async () => {
                attempts += 1;
                const response = await this.attempt(request, signal);
                if (response.status >= 500 || response.status === 429) {
                    throw new RetryableError(`HTTP ${response.status}${summarize(response.body)}`, response.status, parseRetryAfter(headerValue(response.headers['retry-after'])));
                }
                return response;
            }, {
                retries: this.retries,
                minTimeout: this.retryDelayMs,
                factor: 2,
                randomize: true,
                signal,
                shouldRetry: ({ error }) => error instanceof RetryableError,
                onFailedAttempt: async ({ error, retriesLeft, retryDelay }) => {
                    // Honour the server's Retry-After on top of our own backoff, capped so a job cannot stall.
                    if (!(error instanceof RetryableError) || error.retryAfterMs === undefined || retriesLeft === 0)
                        return;
                    const extra = Math.min(error.retryAfterMs, this.maxRetryAfterMs) - retryDelay;
                    if (extra > 0)
                        await (0,promises_.setTimeout)(extra, undefined, { signal });
                },
            });
        }
        catch (error) {
            if (error instanceof RetryableError) {
                throw new metrics_provider/* ProviderUnavailableError */.w(`${provider}: ${request.method} ${describeUrl(request.url)} failed after ${attempts} attempt(s): ${error.message}`, provider, error.status);
            }
            throw error;
        }
    }
    /**
     * Sends the request and parses a 2xx JSON body. Other statuses become ProviderError with the text
     * `explain` extracts from the body (APIs word their errors differently); 401/403 say so plainly.
     */
    async sendJson(request, signal, explain = () => undefined) {
        const { provider } = this.options;
        const response = await this.send(request, signal);
        const parsed = parseJson(response.body);
        if (response.status < 200 || response.status >= 300) {
            const detail = (parsed.ok ? explain(parsed.value) : undefined) ?? summarize(response.body).replace(/^: /, '');
            const what = response.status === 401 || response.status === 403 ? 'credentials rejected' : 'request rejected';
            throw new metrics_provider/* ProviderError */.m(`${provider}: ${what} by ${describeUrl(request.url)} (HTTP ${response.status})${detail ? `: ${detail}` : ''}`, provider, response.status);
        }
        if (!parsed.ok) {
            throw new metrics_provider/* ProviderError */.m(`${provider}: ${describeUrl(request.url)} answered HTTP ${response.status} with a body that is not JSON${summarize(response.body)}`, provider, response.status);
        }
        return parsed.value;
    }
    attempt(request, signal) {
        const timeout = AbortSignal.timeout(this.timeoutMs);
        const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
        const isHttps = request.url.protocol === 'https:';
        const transport = isHttps ? (external_node_https_default()) : (external_node_http_default());
        const headers = {
            accept: 'application/json',
            ...this.options.headers,
            ...request.headers,
        };
        if (request.body !== undefined)
            headers['content-length'] = String(Buffer.byteLength(request.body));
        return new Promise((resolve, reject) => {
            const fail = (error) => {
                if (signal?.aborted)
                    return reject(signal.reason);
                if (timeout.aborted)
                    return reject(new RetryableError(`no complete answer within ${this.timeoutMs} ms`));
                const code = errorCode(error);
                const message = error instanceof Error ? error.message : String(error);
                if (TLS_ERROR.test(code)) {
                    return reject(new metrics_provider/* ProviderError */.m(`${this.options.provider}: TLS failure talking to ${describeUrl(request.url)}: ${message} (${code}); check tls.caFile / tls.serverName`, this.options.provider));
                }
                reject(new RetryableError(code ? `${message} (${code})` : message));
            };
            const req = transport.request(request.url, {
                method: request.method,
                headers,
                agent: isHttps ? this.httpsAgent : this.httpAgent,
                signal: combined,
            }, (res) => {
                const chunks = [];
                res.on('data', (chunk) => chunks.push(chunk));
                res.on('error', fail);
                res.on('end', () => resolve({
                    status: res.statusCode ?? 0,
                    headers: res.headers,
                    body: Buffer.concat(chunks).toString('utf8'),
                }));
            });
            req.on('error', fail);
            req.end(request.body);
        });
    }
}
function headerValue(value) {
    return Array.isArray(value) ? value[0] : value;
}
function parseJson(text) {
    try {
        return { ok: true, value: JSON.parse(text) };
    }
    catch {
        return { ok: false };
    }
}
/** The start of a response body, for error messages (bounded: bodies can be large HTML pages). */
function summarize(body) {
    const text = body.trim().replace(/\s+/g, ' ');
    if (text === '')
        return '';
    return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}
/** Narrowing helpers for JSON answers. */
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/metrics/secrets.ts
// Credentials are read from environment variables named in the config, once, when a provider is created.
// Error messages name the variable, never its value.

/** The value of environment variable `name`; a ProviderError naming the variable when it is unset or empty. */
function readSecret(env, name, what, provider) {
    const value = env[name];
    if (value === undefined || value === '') {
        throw new metrics_provider/* ProviderError */.m(`${provider}: ${what} is missing: environment variable ${name} is not set`, provider);
    }
    return value;
}
/** The Authorization header for an auth config, or none. */
function authorizationHeader(auth, env, provider) {
    if (auth === undefined || auth.type === 'none')
        return {};
    if (auth.type === 'bearer') {
        return { authorization: `Bearer ${readSecret(env, auth.tokenEnv, 'bearer token', provider)}` };
    }
    const username = auth.usernameEnv !== undefined
        ? readSecret(env, auth.usernameEnv, 'basic-auth user name', provider)
        : auth.username;
    if (username === undefined) {
        throw new metrics_provider/* ProviderError */.m(`${provider}: basic auth needs username or usernameEnv`, provider);
    }
    const password = readSecret(env, auth.passwordEnv, 'basic-auth password', provider);
    return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}
/** Literal headers plus headers whose values come from environment variables. */
function extraHeaders(literal, fromEnv, env, provider) {
    const headers = {};
    for (const [name, value] of Object.entries(literal ?? {}))
        headers[name.toLowerCase()] = value;
    for (const [name, variable] of Object.entries(fromEnv ?? {})) {
        headers[name.toLowerCase()] = readSecret(env, variable, `header ${name}`, provider);
    }
    return headers;
}
/** All headers from `headers`, `headersFromEnv` and `auth`, sent with every request (auth wins a clash). */
function configuredHeaders(config, env, provider) {
    return {
        ...extraHeaders(config.headers, config.headersFromEnv, env, provider),
        ...authorizationHeader(config.auth, env, provider),
    };
}

;// CONCATENATED MODULE: ./src/metrics/samples.ts
// Turning the numbers backends send (often as strings: "0.5", "NaN", "+Inf") into MetricResults.
// NaN and null are "no data" with a reason, never a crash and never a silent zero.
/** A sample value as a number: accepts numbers and Prometheus' text forms; undefined when it is not one. */
function toNumber(raw) {
    if (typeof raw === 'number')
        return raw;
    if (typeof raw !== 'string')
        return undefined;
    const text = raw.trim();
    if (text === '+Inf' || text === 'Inf')
        return Infinity;
    if (text === '-Inf')
        return -Infinity;
    if (text === 'NaN')
        return NaN;
    if (text === '')
        return undefined;
    const value = Number(text);
    return Number.isNaN(value) ? undefined : value;
}
/** One value; NaN or null becomes no-data explaining where it came from. */
function valueResult(raw, at, source) {
    if (raw === null || raw === undefined)
        return { kind: 'no-data', reason: `${source} returned a null value` };
    const value = toNumber(raw);
    if (value === undefined)
        return { kind: 'no-data', reason: `${source} returned a non-numeric value` };
    if (Number.isNaN(value)) {
        return { kind: 'no-data', reason: `${source} returned NaN (e.g. a ratio over zero requests)` };
    }
    return { kind: 'value', value, at };
}
/** A series without its NaN/null points; no-data when nothing is left. */
function seriesResult(points, source) {
    const kept = [];
    for (const point of points) {
        const value = toNumber(point.raw);
        if (value !== undefined && !Number.isNaN(value))
            kept.push({ at: point.at, value });
    }
    if (kept.length === 0) {
        return {
            kind: 'no-data',
            reason: points.length === 0
                ? `${source} returned no points`
                : `${source} returned only NaN/null points (${points.length})`,
        };
    }
    return { kind: 'series', points: kept };
}

;// CONCATENATED MODULE: ./src/metrics/prometheus.ts
// Prometheus HTTP API: instant queries (/api/v1/query at the window's end) and range queries
// (/api/v1/query_range over the window). A check needs exactly one series: an empty vector is no-data,
// several series are a query mistake the user must fix (aggregate with sum/avg), said in plain words.




const NAME = 'prometheus';
class PrometheusProvider {
    config;
    type = NAME;
    base;
    http;
    constructor(config, env = process.env) {
        this.config = config;
        // A trailing slash keeps a path prefix (https://host/prometheus/) when joining api/v1/...
        this.base = new URL(config.url.endsWith('/') ? config.url : `${config.url}/`);
        this.http = new HttpTransport({
            provider: NAME,
            headers: configuredHeaders(config, env, NAME),
            http: config,
        });
    }
    async query(q, signal) {
        if (q.stepSeconds !== undefined) {
            if (!(q.stepSeconds > 0))
                throw new metrics_provider/* ProviderError */.m(`${NAME}: ${q.name}: stepSeconds must be positive`, NAME);
            const data = await this.api('api/v1/query_range', {
                query: q.query,
                start: seconds(q.window.start),
                end: seconds(q.window.end),
                step: String(q.stepSeconds),
            }, q.name, signal);
            return this.rangeResult(data, q);
        }
        const data = await this.api('api/v1/query', { query: q.query, time: seconds(q.window.end) }, q.name, signal);
        return this.instantResult(data, q);
    }
    async isOnline(signal) {
        try {
            if (this.config.onlineCheck === 'ready') {
                const response = await this.http.send({ method: 'GET', url: new URL('-/ready', this.base) }, signal);
                return response.status === 200;
            }
            const now = new Date();
            const result = await this.query({ name: 'online', query: 'vector(1)', window: { start: now, end: now } }, signal);
            return result.kind === 'value' && result.value === 1;
        }
        catch (error) {
            if (signal?.aborted)
                throw error;
            return false;
        }
    }
    /** POSTs the form (long PromQL does not fit in a URL) and returns `data` of a success answer. */
    async api(path, form, name, signal) {
        const body = await this.http.sendJson({
            method: 'POST',
            url: new URL(path, this.base),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString(),
        }, signal, (answer) => isRecord(answer) && typeof answer.error === 'string' ? `${name}: ${answer.error}` : undefined);
        if (!isRecord(body) || body.status !== 'success' || !isRecord(body.data)) {
            const reason = isRecord(body) && typeof body.error === 'string' ? body.error : 'not a Prometheus API answer';
            throw new metrics_provider/* ProviderError */.m(`${NAME}: ${name}: ${reason}`, NAME);
        }
        return body.data;
    }
    instantResult(data, q) {
        const source = `query "${q.name}"`;
        switch (data.resultType) {
            case 'scalar':
                return sampleValue(data.result, source);
            case 'vector': {
                const series = samples(data.result);
                if (series.length === 0) {
                    return {
                        kind: 'no-data',
                        reason: `${source} returned an empty vector (no series matched)`,
                        empty: true,
                    };
                }
                const one = single(series, q);
                return sampleValue(one.value, source);
            }
            case 'matrix':
                throw new metrics_provider/* ProviderError */.m(`${NAME}: ${source} returned a range vector; wrap it in a function such as rate(), increase() or avg_over_time()`, NAME);
            default:
                throw new metrics_provider/* ProviderError */.m(`${NAME}: ${source} returned a ${String(data.resultType)}, not a number`, NAME);
        }
    }
    rangeResult(data, q) {
        const source = `range query "${q.name}"`;
        if (data.resultType !== 'matrix') {
            throw new metrics_provider/* ProviderError */.m(`${NAME}: ${source} returned a ${String(data.resultType)}, not a matrix`, NAME);
        }
        const series = samples(data.result);
        if (series.length === 0)
            return { kind: 'no-data', reason: `${source} returned no series`, empty: true };
        const values = single(series, q).values;
        const points = Array.isArray(values) ? values.map(pair) : [];
        return seriesResult(points, source);
    }
}
function seconds(date) {
    return (date.getTime() / 1000).toFixed(3);
}
function samples(result) {
    if (!Array.isArray(result))
        return [];
    return result.filter(isRecord).map((entry) => ({
        metric: isRecord(entry.metric) ? entry.metric : {},
        value: entry.value,
        values: entry.values,
    }));
}
/** The only series, or a ProviderError telling the user how to make the query return one. */
function single(series, q) {
    const [first] = series;
    if (series.length === 1 && first !== undefined)
        return first;
    const shown = series
        .slice(0, 3)
        .map((s) => labels(s.metric))
        .join(', ');
    throw new metrics_provider/* ProviderError */.m(`${NAME}: query "${q.name}" returned ${series.length} series (${shown}${series.length > 3 ? ', …' : ''}); ` +
        `a check needs exactly one: aggregate it, e.g. sum(${q.query})`, NAME);
}
function labels(metric) {
    const parts = Object.entries(metric).map(([k, v]) => `${k}="${String(v)}"`);
    return `{${parts.join(',')}}`;
}
/** [unixSeconds, "value"] -> point. */
function pair(raw) {
    if (Array.isArray(raw) && typeof raw[0] === 'number')
        return { at: new Date(raw[0] * 1000), raw: raw[1] };
    return { at: new Date(NaN), raw: undefined };
}
function sampleValue(raw, source) {
    const { at, raw: value } = pair(raw);
    return valueResult(value, at, source);
}

;// CONCATENATED MODULE: ./src/metrics/datadog.ts
// Datadog metrics query API v1: GET https://api.<site>/api/v1/query?from=&to=&query= with the API and
// application keys in DD-API-KEY / DD-APPLICATION-KEY. The answer is a list of series, each a pointlist of
// [epoch ms, value|null]. An instant check takes the last non-null point of its one series, so count queries
// should roll the window up into one point, e.g. `sum:requests{...}.as_count().rollup(sum, 300)`.




const datadog_NAME = 'datadog';
class DatadogProvider {
    type = datadog_NAME;
    base;
    http;
    constructor(config, env = process.env) {
        const site = config.site ?? 'datadoghq.com';
        this.base = new URL(config.url ?? `https://api.${site}`);
        this.http = new HttpTransport({
            provider: datadog_NAME,
            headers: {
                ...extraHeaders(config.headers, config.headersFromEnv, env, datadog_NAME),
                'dd-api-key': readSecret(env, config.apiKeyEnv ?? 'DD_API_KEY', 'API key', datadog_NAME),
                'dd-application-key': readSecret(env, config.applicationKeyEnv ?? 'DD_APP_KEY', 'application key', datadog_NAME),
            },
            http: config,
        });
    }
    async query(q, signal) {
        const url = new URL('/api/v1/query', this.base);
        url.searchParams.set('from', String(Math.floor(q.window.start.getTime() / 1000)));
        url.searchParams.set('to', String(Math.ceil(q.window.end.getTime() / 1000)));
        url.searchParams.set('query', q.query);
        const body = await this.http.sendJson({ method: 'GET', url }, signal, explainError);
        const source = `query "${q.name}"`;
        if (!isRecord(body))
            throw new metrics_provider/* ProviderError */.m(`${datadog_NAME}: ${source}: answer is not a JSON object`, datadog_NAME);
        if (body.status === 'error') {
            throw new metrics_provider/* ProviderError */.m(`${datadog_NAME}: ${source}: ${String(body.error ?? 'error without message')}`, datadog_NAME);
        }
        const series = Array.isArray(body.series) ? body.series.filter(isRecord) : [];
        const [only] = series;
        if (only === undefined)
            return { kind: 'no-data', reason: `${source} returned no series`, empty: true };
        if (series.length > 1) {
            const scopes = series.slice(0, 3).map((s) => String(s.scope ?? s.expression ?? '?'));
            throw new metrics_provider/* ProviderError */.m(`${datadog_NAME}: ${source} returned ${series.length} series (${scopes.join(', ')}); a check needs exactly one: ` +
                `aggregate it (e.g. sum:metric{...} without "by {...}")`, datadog_NAME);
        }
        const points = (Array.isArray(only.pointlist) ? only.pointlist : []).map((p) => Array.isArray(p) && typeof p[0] === 'number'
            ? { at: new Date(p[0]), raw: p[1] }
            : { at: new Date(NaN), raw: null });
        const result = seriesResult(points, source);
        if (q.stepSeconds !== undefined || result.kind !== 'series')
            return result;
        const last = result.points[result.points.length - 1];
        return last === undefined
            ? { kind: 'no-data', reason: `${source} returned no points` }
            : { kind: 'value', ...last };
    }
    /** /api/v1/validate answers {"valid": true} for a good API key. */
    async isOnline(signal) {
        try {
            const body = await this.http.sendJson({ method: 'GET', url: new URL('/api/v1/validate', this.base) }, signal);
            return isRecord(body) && body.valid === true;
        }
        catch (error) {
            if (signal?.aborted)
                throw error;
            return false;
        }
    }
}
/** Datadog errors come as {"errors": ["..."]} (4xx) or {"status":"error","error":"..."}. */
function explainError(body) {
    if (!isRecord(body))
        return undefined;
    if (Array.isArray(body.errors))
        return body.errors.map(String).join('; ');
    return typeof body.error === 'string' ? body.error : undefined;
}

;// CONCATENATED MODULE: ./src/metrics/newrelic.ts
// New Relic NRQL through NerdGraph: POST https://api.newrelic.com/graphql (api.eu.newrelic.com for EU
// accounts) with the user key in `API-Key`, the NRQL in actor.account(id).nrql(query).results.
// NRQL goes in as a GraphQL variable, never spliced into the GraphQL text. The window is added as
// SINCE/UNTIL (epoch ms) unless the query sets its own; a range adds TIMESERIES <step> SECONDS.




const newrelic_NAME = 'newrelic';
const ENDPOINTS = {
    us: 'https://api.newrelic.com/graphql',
    eu: 'https://api.eu.newrelic.com/graphql',
};
const NRQL_QUERY = 'query DialNrql($accountId: Int!, $nrql: Nrql!) { actor { account(id: $accountId) { nrql(query: $nrql) { results } } } }';
const ONLINE_QUERY = 'query DialOnline { actor { user { id } } }';
/** Result-row fields that describe the row rather than hold the measured value. */
const META_FIELDS = new Set(['beginTimeSeconds', 'endTimeSeconds', 'facet', 'timestamp', 'comparison']);
class NewRelicProvider {
    config;
    type = newrelic_NAME;
    url;
    http;
    constructor(config, env = process.env) {
        this.config = config;
        if (!Number.isInteger(config.accountId)) {
            throw new metrics_provider/* ProviderError */.m(`${newrelic_NAME}: accountId must be the numeric account id`, newrelic_NAME);
        }
        this.url = new URL(config.url ?? ENDPOINTS[config.region ?? 'us']);
        this.http = new HttpTransport({
            provider: newrelic_NAME,
            headers: {
                ...extraHeaders(config.headers, config.headersFromEnv, env, newrelic_NAME),
                'api-key': readSecret(env, config.apiKeyEnv ?? 'NEW_RELIC_API_KEY', 'user API key', newrelic_NAME),
            },
            http: config,
        });
    }
    async query(q, signal) {
        const nrql = windowed(q);
        const data = await this.graphql(NRQL_QUERY, { accountId: this.config.accountId, nrql }, q.name, signal);
        const account = path(data, ['actor', 'account', 'nrql', 'results']);
        const rows = Array.isArray(account) ? account.filter(isRecord) : [];
        const source = `NRQL "${q.name}"`;
        if (q.stepSeconds !== undefined) {
            const points = rows.map((row) => ({
                at: new Date(Number(row.endTimeSeconds ?? row.beginTimeSeconds) * 1000),
                raw: rowValue(row),
            }));
            return seriesResult(points, source);
        }
        const [only] = rows;
        if (only === undefined)
            return { kind: 'no-data', reason: `${source} returned no rows` };
        if (rows.length > 1) {
            throw new metrics_provider/* ProviderError */.m(`${newrelic_NAME}: ${source} returned ${rows.length} rows; a check needs one: remove FACET or TIMESERIES`, newrelic_NAME);
        }
        return valueResult(rowValue(only), q.window.end, source);
    }
    async isOnline(signal) {
        try {
            const data = await this.graphql(ONLINE_QUERY, {}, 'online', signal);
            return path(data, ['actor', 'user', 'id']) !== undefined;
        }
        catch (error) {
            if (signal?.aborted)
                throw error;
            return false;
        }
    }
    async graphql(query, variables, name, signal) {
        const body = await this.http.sendJson({
            method: 'POST',
            url: this.url,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query, variables }),
        }, signal, graphqlErrors);
        // GraphQL reports query errors (bad NRQL, unknown account) with HTTP 200.
        const errors = graphqlErrors(body);
        if (errors !== undefined)
            throw new metrics_provider/* ProviderError */.m(`${newrelic_NAME}: ${name}: ${errors}`, newrelic_NAME);
        return isRecord(body) ? body.data : undefined;
    }
}
/** The NRQL with the window appended when the query does not set one itself. */
function windowed(q) {
    let nrql = q.query.trim();
    if (!/\bSINCE\b/i.test(nrql))
        nrql += ` SINCE ${q.window.start.getTime()} UNTIL ${q.window.end.getTime()}`;
    if (q.stepSeconds !== undefined && !/\bTIMESERIES\b/i.test(nrql)) {
        nrql += ` TIMESERIES ${Math.max(1, Math.round(q.stepSeconds))} SECONDS`;
    }
    return nrql;
}
/**
 * The measured value of a result row: its one non-meta field. Functions like percentile() nest
 * their answer one level down ({"percentile.duration": {"95": 0.2}}).
 */
function rowValue(row) {
    const fields = Object.entries(row).filter(([key]) => !META_FIELDS.has(key));
    const [first] = fields;
    if (first === undefined)
        return undefined;
    const value = first[1];
    if (isRecord(value)) {
        const inner = Object.values(value);
        return inner.length === 1 ? inner[0] : undefined;
    }
    return value;
}
function graphqlErrors(body) {
    if (!isRecord(body) || !Array.isArray(body.errors) || body.errors.length === 0)
        return undefined;
    return body.errors
        .map((e) => (isRecord(e) && typeof e.message === 'string' ? e.message : String(e)))
        .join('; ');
}
function path(value, keys) {
    let current = value;
    for (const key of keys)
        current = isRecord(current) ? current[key] : undefined;
    return current;
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var dist_cjs = __webpack_require__(44085);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/metrics/cloudwatch.ts
// Amazon CloudWatch GetMetricData through the AWS SDK, which signs (SigV4), retries and parses for us.
// A check's query is YAML or JSON: a list of MetricDataQuery objects exactly as the API takes them
// (Expression or MetricStat); exactly one of them returns data (set ReturnData: false on helpers).







const cloudwatch_NAME = 'cloudwatch';
/** GetMetricData pages; a window of one check never needs many. */
const MAX_PAGES = 20;
class CloudWatchProvider {
    type = cloudwatch_NAME;
    client;
    constructor(config) {
        const tls = config.tls;
        const timeoutMs = (config.timeoutSeconds ?? HTTP_DEFAULTS.timeoutSeconds) * 1000;
        this.client = new dist_cjs/* CloudWatchClient */.WBn({
            ...(config.region !== undefined ? { region: config.region } : {}),
            ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
            maxAttempts: (config.retries ?? HTTP_DEFAULTS.retries) + 1,
            requestHandler: {
                requestTimeout: timeoutMs,
                connectionTimeout: timeoutMs,
                httpsAgent: new (external_node_https_default()).Agent({
                    ...(tls?.caFile !== undefined ? { ca: (0,external_node_fs_.readFileSync)(tls.caFile, 'utf8') } : {}),
                    ...(tls?.certFile !== undefined ? { cert: (0,external_node_fs_.readFileSync)(tls.certFile, 'utf8') } : {}),
                    ...(tls?.keyFile !== undefined ? { key: (0,external_node_fs_.readFileSync)(tls.keyFile, 'utf8') } : {}),
                    ...(tls?.serverName !== undefined ? { servername: tls.serverName } : {}),
                    rejectUnauthorized: tls?.insecureSkipVerify !== true,
                }),
            },
        });
    }
    async query(q, signal) {
        const queries = parseQueries(q);
        const results = new Map();
        let nextToken;
        let pages = 0;
        do {
            const output = await this.send(() => this.client.send(new dist_cjs/* GetMetricDataCommand */.Soe({
                MetricDataQueries: queries,
                StartTime: q.window.start,
                EndTime: q.window.end,
                ScanBy: 'TimestampAscending',
                ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
            }), { abortSignal: signal }), q.name);
            for (const result of output.MetricDataResults ?? [])
                merge(results, result, q.name);
            nextToken = output.NextToken;
            pages += 1;
        } while (nextToken !== undefined && pages < MAX_PAGES);
        const source = `query "${q.name}"`;
        const returned = queries.filter((m) => m.ReturnData !== false).map((m) => m.Id ?? '');
        const [id] = returned;
        const data = id !== undefined ? results.get(id) : undefined;
        if (data === undefined || data.values.length === 0) {
            return { kind: 'no-data', reason: `${source} returned no datapoints in the window`, empty: true };
        }
        const points = data.timestamps
            .map((at, i) => ({ at, value: data.values[i] ?? NaN }))
            .filter((p) => !Number.isNaN(p.value))
            .sort((a, b) => a.at.getTime() - b.at.getTime());
        const last = points[points.length - 1];
        if (last === undefined)
            return { kind: 'no-data', reason: `${source} returned only NaN datapoints` };
        return q.stepSeconds !== undefined
            ? { kind: 'series', points }
            : { kind: 'value', value: last.value, at: last.at };
    }
    /** A cheap authenticated call; needs cloudwatch:ListMetrics. */
    async isOnline(signal) {
        try {
            await this.send(() => this.client.send(new dist_cjs/* ListMetricsCommand */.tPF({ Namespace: 'Dial/OnlineProbe' }), {
                abortSignal: signal,
            }), 'online');
            return true;
        }
        catch (error) {
            if (signal?.aborted)
                throw error;
            return false;
        }
    }
    /** SDK errors as ProviderError (client faults) or ProviderUnavailableError (retries spent). */
    async send(call, name) {
        try {
            return await call();
        }
        catch (error) {
            if (!(error instanceof Error) || error.name === 'AbortError')
                throw error;
            const meta = sdkMetadata(error);
            const detail = `${cloudwatch_NAME}: ${name}: ${error.name}: ${error.message}`;
            const retryable = meta.status === undefined || meta.status >= 500 || meta.status === 429 || meta.throttling;
            if (retryable) {
                throw new metrics_provider/* ProviderUnavailableError */.w(`${detail} (after ${meta.attempts ?? '?'} attempt(s))`, cloudwatch_NAME, meta.status);
            }
            throw new metrics_provider/* ProviderError */.m(detail, cloudwatch_NAME, meta.status);
        }
    }
}
function sdkMetadata(error) {
    const record = { ...error };
    const metadata = isRecord(record.$metadata) ? record.$metadata : {};
    const retryable = isRecord(record.$retryable) ? record.$retryable : {};
    return {
        ...(typeof metadata.httpStatusCode === 'number' ? { status: metadata.httpStatusCode } : {}),
        ...(typeof metadata.attempts === 'number' ? { attempts: metadata.attempts } : {}),
        throttling: retryable.throttling === true,
    };
}
/** The check's query text as MetricDataQueries, with the mistakes AWS would reject named early. */
function parseQueries(q) {
    let parsed;
    try {
        parsed = (0,dist/* parse */.qg)(q.query);
    }
    catch (error) {
        throw new metrics_provider/* ProviderError */.m(`${cloudwatch_NAME}: ${q.name}: query is not YAML/JSON: ${error.message}`, cloudwatch_NAME);
    }
    const items = Array.isArray(parsed) ? parsed : [parsed];
    const list = items.filter(isMetricDataQuery);
    if (list.length === 0 || list.length !== items.length) {
        throw new metrics_provider/* ProviderError */.m(`${cloudwatch_NAME}: ${q.name}: every MetricDataQuery needs an Id and exactly one of Expression or MetricStat`, cloudwatch_NAME);
    }
    const returning = list.filter((item) => item.ReturnData !== false);
    if (returning.length !== 1) {
        throw new metrics_provider/* ProviderError */.m(`${cloudwatch_NAME}: ${q.name}: ${returning.length} queries return data; a check needs exactly one (set ReturnData: false on the others)`, cloudwatch_NAME);
    }
    return list;
}
/** The checks AWS would fail first; AWS validates the rest and its answer is reported as a ProviderError. */
function isMetricDataQuery(item) {
    if (!isRecord(item) || typeof item.Id !== 'string')
        return false;
    if (item.Expression !== undefined && typeof item.Expression !== 'string')
        return false;
    if (item.MetricStat !== undefined && !isRecord(item.MetricStat))
        return false;
    return (item.Expression === undefined) !== (item.MetricStat === undefined);
}
function merge(into, result, name) {
    if (result.StatusCode === 'InternalError' || result.StatusCode === 'Forbidden') {
        const messages = (result.Messages ?? []).map((m) => m.Value ?? m.Code ?? '').join('; ');
        throw new metrics_provider/* ProviderError */.m(`${cloudwatch_NAME}: ${name}: ${result.Id ?? '?'} ${result.StatusCode}: ${messages}`, cloudwatch_NAME);
    }
    const id = result.Id ?? '';
    const entry = into.get(id) ?? { timestamps: [], values: [] };
    entry.timestamps.push(...(result.Timestamps ?? []));
    entry.values.push(...(result.Values ?? []));
    into.set(id, entry);
}

// EXTERNAL MODULE: ./node_modules/dot-prop/index.js
var dot_prop = __webpack_require__(48068);
;// CONCATENATED MODULE: ./src/metrics/http-json.ts
// Any HTTP endpoint that answers JSON: the URL (and POST body) are templates with {{start}}, {{end}} and
// {{query}} filled in (URL-encoded in the URL, JSON-escaped in the body; nothing ever reaches a shell),
// and one number is picked out of the answer by a dotted path such as `data.result[0].value[1]`.





const http_json_NAME = 'http';
const PLACEHOLDER = /\{\{\s*(start|end|query)\s*\}\}/g;
class HttpJsonProvider {
    config;
    type = http_json_NAME;
    http;
    constructor(config, env = process.env) {
        this.config = config;
        if (config.valuePath.trim() === '')
            throw new metrics_provider/* ProviderError */.m(`${http_json_NAME}: valuePath is required`, http_json_NAME);
        if (config.body !== undefined && config.method !== 'POST') {
            throw new metrics_provider/* ProviderError */.m(`${http_json_NAME}: a body needs method: POST`, http_json_NAME);
        }
        this.http = new HttpTransport({
            provider: http_json_NAME,
            headers: configuredHeaders(config, env, http_json_NAME),
            http: config,
        });
    }
    async query(q, signal) {
        const values = this.placeholders(q);
        const url = new URL(this.config.url.replace(PLACEHOLDER, (_, key) => encodeURIComponent(values[key] ?? '')));
        const body = this.config.body?.replace(PLACEHOLDER, (_, key) => JSON.stringify(values[key] ?? '').slice(1, -1)) ?? undefined;
        const answer = await this.http.sendJson({
            method: this.config.method ?? 'GET',
            url,
            ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
        }, signal);
        const raw = (0,dot_prop/* getProperty */.UU)(answer, this.config.valuePath);
        const source = `query "${q.name}" (${this.config.valuePath})`;
        if (raw === undefined)
            return { kind: 'no-data', reason: `${source}: path not found in the response` };
        return valueResult(raw, q.window.end, source);
    }
    /** Online = the endpoint answers with a 2xx JSON body for the last minute. */
    async isOnline(signal) {
        const end = new Date();
        try {
            await this.query({ name: 'online', query: '', window: { start: new Date(end.getTime() - 60_000), end } }, signal);
            return true;
        }
        catch (error) {
            if (signal?.aborted)
                throw error;
            return false;
        }
    }
    placeholders(q) {
        const format = (date) => {
            switch (this.config.timeFormat ?? 'unix') {
                case 'unix':
                    return String(Math.floor(date.getTime() / 1000));
                case 'unix-ms':
                    return String(date.getTime());
                case 'rfc3339':
                    return date.toISOString();
            }
        };
        return { start: format(q.window.start), end: format(q.window.end), query: q.query };
    }
}

;// CONCATENATED MODULE: ./src/metrics/factory.ts
// One entry point from typed settings to a Provider; src/config maps dial.yaml's `analysis.provider` here.






/**
 * The provider for `config.type`. Secrets are read from `env` (default process.env) now, so a missing
 * variable fails at start-up with its name, not in the middle of an analysis.
 */
function createProvider(config, env = process.env) {
    switch (config.type) {
        case 'prometheus':
            return new PrometheusProvider(config, env);
        case 'datadog':
            return new DatadogProvider(config, env);
        case 'newrelic':
            return new NewRelicProvider(config, env);
        case 'cloudwatch':
            return new CloudWatchProvider(config);
        case 'http':
            return new HttpJsonProvider(config, env);
        default: {
            const unknown = config;
            throw new metrics_provider/* ProviderError */.m(`unknown metric provider type "${String(unknown.type)}"`, String(unknown.type));
        }
    }
}


/***/ })

};
