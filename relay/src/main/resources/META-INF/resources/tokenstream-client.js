/**
 * tokenstream browser client: one dependency-free ES module.
 *
 * Subscribes to a conversation (or one response of it) on a tokenstream relay over Server-Sent Events,
 * resumes exactly where it stopped after any drop (the relay's event ids are Kafka positions), survives a
 * page reload (the position and the assembled text are kept in sessionStorage), stops generations, and
 * turns the event stream into text, complete tool calls and, in JSON mode, a growing partial object.
 *
 * @example
 *   import { startGeneration, TokenStream } from '/tokenstream-client.js';
 *   const started = await startGeneration({ conversationId: 'c1', prompt: 'Hi', options: { cancel_when_unwatched_for: '5s' } });
 *   const stream = TokenStream.forResponse(started, { json: false });
 *   stream.on('text', ({ text }) => render(text));
 *   stream.on('done', ({ status }) => console.log(status));
 *   stream.start();
 *   // later: await stream.stop();   // cancels the generation on the server
 *
 * @module tokenstream-client
 */

const TERMINAL = new Set(['response.completed', 'response.failed', 'response.cancelled']);
const STORAGE_PREFIX = 'tokenstream:';

/**
 * A typed error. `kind` says where it comes from:
 * `response` (the generation ended with `response.failed`), `stream` (a `stream.*` event of the relay,
 * e.g. `position_expired`), `http` (a 4xx/5xx answer with the API's error body), `transport`
 * (network), `client` (e.g. the final JSON did not parse).
 */
export class TokenStreamError extends Error {
  /**
   * @param {string} code stable snake_case code (`invalid_json`, `position_expired`, `upstream_error`, ...)
   * @param {string} message for people
   * @param {'response'|'stream'|'http'|'transport'|'client'} kind
   * @param {{status?: number, details?: object}} [extra]
   */
  constructor(code, message, kind, extra = {}) {
    super(message);
    this.name = 'TokenStreamError';
    this.code = code;
    this.kind = kind;
    this.status = extra.status;
    this.details = extra.details;
  }
}

/**
 * Best-effort parse of a JSON prefix, as a model streams it: open strings, arrays and objects are closed,
 * a key without its value is left out, an unfinished number counts with the digits it has.
 *
 * @param {string} text a prefix of a JSON document
 * @returns {{value: any, complete: boolean, completeFields: string[], pendingField: (string|null), error: ({message: string, position: number}|null)}}
 *   `value` the object so far (undefined before anything usable), `complete` whether the whole document has
 *   been read, `completeFields` the top-level keys whose values are whole, `pendingField` the key being
 *   streamed, `error` set when the text cannot be the start of any JSON document.
 */
export function parsePartialJson(text) {
  const p = new PartialParser(String(text));
  p.ws();
  if (p.eof()) {
    return { value: undefined, complete: false, completeFields: [], pendingField: null, error: null };
  }
  try {
    const result = p.value(true);
    p.ws();
    if (result.complete && !p.eof()) {
      p.fail('unexpected text after the document');
    }
    return {
      value: result.value,
      complete: result.complete,
      completeFields: p.topFields,
      pendingField: result.complete ? null : p.topPending,
      error: null,
    };
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    return { value: p.topValue, complete: false, completeFields: p.topFields, pendingField: null,
      error: { message: e.message, position: p.i } };
  }
}

class PartialParser {
  constructor(s) {
    this.s = s;
    this.i = 0;
    this.topValue = undefined;
    this.topFields = [];
    this.topPending = null;
  }

  eof() { return this.i >= this.s.length; }

  ws() { while (!this.eof() && ' \t\n\r'.includes(this.s[this.i])) this.i++; }

  fail(message) { throw new SyntaxError(`${message} at position ${this.i}`); }

  /** @returns {{value: any, complete: boolean, present: boolean}} */
  value(top = false) {
    const c = this.s[this.i];
    if (c === '{') return this.object(top);
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    return this.literal();
  }

  object(top) {
    this.i++;
    const obj = {};
    if (top) this.topValue = obj;
    let needMember = false; // after a comma another member must come
    for (;;) {
      this.ws();
      if (this.eof()) return { value: obj, complete: false, present: true };
      if (!needMember && this.s[this.i] === '}') {
        this.i++;
        return { value: obj, complete: true, present: true };
      }
      if (this.s[this.i] !== '"') this.fail('expected a key');
      const key = this.string();
      if (!key.complete) return { value: obj, complete: false, present: true };
      this.ws();
      if (this.eof()) return { value: obj, complete: false, present: true };
      if (this.s[this.i] !== ':') this.fail('expected ":"');
      this.i++;
      this.ws();
      if (top) this.topPending = key.value;
      if (this.eof()) return { value: obj, complete: false, present: true };
      const member = this.value();
      if (member.present) obj[key.value] = member.value;
      if (!member.complete) return { value: obj, complete: false, present: true };
      if (top) { this.topFields.push(key.value); this.topPending = null; }
      this.ws();
      if (this.eof()) return { value: obj, complete: false, present: true };
      const next = this.s[this.i++];
      if (next === '}') return { value: obj, complete: true, present: true };
      if (next !== ',') { this.i--; this.fail('expected "," or "}"'); }
      needMember = true;
    }
  }

  array() {
    this.i++;
    const arr = [];
    let needItem = false;
    for (;;) {
      this.ws();
      if (this.eof()) return { value: arr, complete: false, present: true };
      if (!needItem && this.s[this.i] === ']') {
        this.i++;
        return { value: arr, complete: true, present: true };
      }
      const item = this.value();
      if (item.present) arr.push(item.value);
      if (!item.complete) return { value: arr, complete: false, present: true };
      this.ws();
      if (this.eof()) return { value: arr, complete: false, present: true };
      const next = this.s[this.i++];
      if (next === ']') return { value: arr, complete: true, present: true };
      if (next !== ',') { this.i--; this.fail('expected "," or "]"'); }
      needItem = true;
    }
  }

  string() {
    this.i++;
    let out = '';
    while (!this.eof()) {
      const c = this.s[this.i];
      if (c === '"') {
        this.i++;
        return { value: out, complete: true, present: true };
      }
      if (c < ' ') this.fail('raw control character in a string');
      if (c !== '\\') {
        out += c;
        this.i++;
        continue;
      }
      const e = this.s[this.i + 1];
      if (e === undefined) break; // the escape is still on its way
      const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
      if (simple !== undefined) {
        out += simple;
        this.i += 2;
      } else if (e === 'u') {
        const hex = this.s.slice(this.i + 2, this.i + 6);
        if (hex.length < 4) break;
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.i += 6;
      } else {
        this.fail('bad escape');
      }
    }
    this.i = this.s.length;
    return { value: out, complete: false, present: true };
  }

  number() {
    const m = /^-?(0|[1-9][0-9]*)?(\.[0-9]*)?([eE][+-]?[0-9]*)?/.exec(this.s.slice(this.i));
    const raw = m[0];
    this.i += raw.length;
    // A number is only known to be whole once something follows it.
    const complete = !this.eof() && /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(raw);
    if (!this.eof() && !complete) this.fail('malformed number');
    if (complete) return { value: Number(raw), complete, present: true };
    const usable = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?/.exec(raw);
    return usable ? { value: Number(usable[0]), complete, present: true } : { value: undefined, complete: false, present: false };
  }

  literal() {
    for (const [word, value] of [['true', true], ['false', false], ['null', null]]) {
      const rest = this.s.slice(this.i, this.i + word.length);
      if (rest === word) {
        this.i += word.length;
        return { value, complete: true, present: true };
      }
      if (this.i + rest.length === this.s.length && word.startsWith(rest)) {
        this.i = this.s.length;
        return { value: undefined, complete: false, present: false };
      }
    }
    this.fail('unexpected character');
  }
}

/**
 * Starts a generation: `POST {baseUrl}/v1/conversations/{conversationId}/responses` (the relay forwards it
 * to ingest). Resolves with ingest's 202 body (`conversation_id`, `response_id`, `position`, `stream_url`,
 * and `access_token` when the deployment hands out stream tokens).
 *
 * @param {{baseUrl?: string, conversationId: string, prompt?: string, messages?: object[], model?: string,
 *          options?: object, metadata?: object, accessToken?: string, getAccessToken?: () => Promise<string>,
 *          fetch?: typeof fetch}} request
 * @returns {Promise<object>}
 * @throws {TokenStreamError} kind `http` with the API's error code, or `transport`
 */
export async function startGeneration(request) {
  const { baseUrl = '', conversationId, accessToken, getAccessToken, fetch: doFetch = globalThis.fetch.bind(globalThis), ...body } = request;
  const token = await resolveToken(accessToken, getAccessToken);
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await doFetch(`${baseUrl}/v1/conversations/${encodeURIComponent(conversationId)}/responses`,
      { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (e) {
    throw new TokenStreamError('network_error', `cannot reach the relay: ${e.message}`, 'transport');
  }
  const answer = await readJson(response);
  if (!response.ok) throw httpError(response, answer);
  return answer;
}

/**
 * @typedef {Object} TokenStreamOptions
 * @property {string} conversationId the conversation to watch
 * @property {string} [responseId] watch only this response: the stream ends with its terminal event
 * @property {string} [from] where to start when nothing is stored: an event id (inclusive, e.g. the 202's
 *   `position`), `start`, an ISO instant; default the in-progress response or live
 * @property {string} [baseUrl] the relay, default same origin
 * @property {string} [accessToken] sent as `access_token` query parameter (EventSource) or `Authorization: Bearer` (fetch)
 * @property {() => (string|Promise<string>)} [getAccessToken] called before every connection; wins over `accessToken`
 * @property {'auto'|'eventsource'|'fetch'} [transport] `auto` (default): EventSource unless extra `headers`
 *   are given or EventSource is missing; `fetch`: fetch streaming, the token as a bearer header
 * @property {Object<string,string>} [headers] extra request headers (forces fetch)
 * @property {boolean} [json] JSON mode: emit `partial` after each delta, parse the final object
 * @property {boolean} [persist] keep position and text in sessionStorage (default true)
 * @property {Storage} [storage] default `sessionStorage`
 * @property {{initialMs?: number, maxMs?: number}} [backoff] reconnect delays: exponential from
 *   `initialMs` (500) to `maxMs` (8000), each with random jitter down to half
 * @property {number} [stopWaitMs] how long `stop()` waits for `response.cancelled` on the stream (3000)
 */

/**
 * A resumable subscription. Events (`on(name, fn)`):
 * - `text` `{delta, text, responseId}` after each `text.delta`
 * - `thinking` `{delta, thinking, responseId}` after each `thinking.delta`: the model's reasoning, kept apart from `text`
 * - `partial` `{value, complete, completeFields, pendingField, error}` after each delta in JSON mode
 * - `toolCall` `{callId, name, arguments, responseId}` for each complete tool call
 * - `state` `{state, resumes, drops, attempt, delayMs}`; states `connecting`, `live`, `reconnecting`,
 *   `offline`, `stopping`, `closed`, `failed`
 * - `error` a {@link TokenStreamError}
 * - `done` `{responseId, status, text, thinking, value, toolCalls, finishReason, usage, error, reason}` at a terminal event
 * - `event` `{type, id, data}` for every event, including unknown types and `stream.*`
 */
export class TokenStream {
  /** @param {TokenStreamOptions} options */
  constructor(options) {
    if (!options || !options.conversationId) throw new TypeError('conversationId is required');
    this.options = { baseUrl: '', transport: 'auto', json: false, persist: true, stopWaitMs: 3000, ...options };
    this.backoff = { initialMs: 500, maxMs: 8000, ...(options.backoff || {}) };
    this.listeners = new Map();
    this.storage = this.options.persist ? (options.storage || safeSessionStorage()) : null;
    this.storageKey = `${STORAGE_PREFIX}${options.conversationId}:${options.responseId || '*'}`;
    this.state = 'idle';
    this.resumes = 0;
    this.drops = 0;
    this.attempt = 0;
    this.connection = null;
    this.timer = null;
    this.finished = false;
    this.restored = false;
    this.lastEventId = null;
    this.stats = { events: 0, duplicates: 0, gaps: 0 };
    this.response = emptyResponse(options.responseId || null);
    this.restore();
    this.onOnline = () => { if (this.state === 'offline') this.connectSoon(0); };
    this.onOffline = () => {
      if (this.finished || !this.connection) return;
      this.closeConnection();
      this.drops++;
      this.setState('offline');
    };
    this.onPageHide = () => this.persistNow();
  }

  /**
   * A stream of one started response, from ingest's 202 answer (uses its `access_token` when present).
   * @param {object} started the answer of {@link startGeneration}
   * @param {Partial<TokenStreamOptions>} [options]
   */
  static forResponse(started, options = {}) {
    return new TokenStream({
      accessToken: started.access_token || undefined,
      ...options,
      conversationId: started.conversation_id,
      responseId: started.response_id,
      from: started.position,
    });
  }

  /** Subscribes; returns a function that unsubscribes. */
  on(name, fn) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(fn);
    return () => this.listeners.get(name).delete(fn);
  }

  /** Opens the stream (or, restored from storage, replays what is known and resumes after it). */
  start() {
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOffline);
      window.addEventListener('pagehide', this.onPageHide);
    }
    if (this.restored) this.replayRestored();
    if (this.finished) {
      this.setState('closed');
      return this;
    }
    this.connectSoon(0);
    return this;
  }

  /** The assembled text of the watched (or latest) response. */
  get text() { return this.response.text; }

  /** The complete tool calls so far. */
  get toolCalls() { return this.response.toolCalls.slice(); }

  /** The response id being assembled. */
  get responseId() { return this.response.id; }

  /** Whether the last connection attempt found no network. */
  get offline() { return this.state === 'offline'; }

  /**
   * Stops the generation: `POST …/responses/{id}/cancel` on the relay, then waits briefly for the
   * `response.cancelled` on the stream and closes it.
   * @param {string} [reason]
   * @returns {Promise<object>} the cancel answer (`{status: 'cancelled'|'already_cancelled'|'cancel_requested', ...}`)
   */
  async stop(reason) {
    const id = this.response.id;
    if (!id) {
      this.close();
      return { status: 'not_started' };
    }
    if (this.finished) return { status: 'already_ended', ended_with: this.response.status };
    this.setState('stopping');
    const token = await resolveToken(this.options.accessToken, this.options.getAccessToken);
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    let answer;
    try {
      const response = await fetch(`${this.options.baseUrl}/v1/conversations/${encodeURIComponent(this.options.conversationId)}`
        + `/responses/${encodeURIComponent(id)}/cancel`, { method: 'POST', headers, body: JSON.stringify(reason ? { reason } : {}) });
      answer = await readJson(response);
      if (!response.ok && !(response.status === 409 && answer && answer.error && answer.error.code === 'response_ended')) {
        const error = httpError(response, answer);
        this.emit('error', error);
        throw error;
      }
    } catch (e) {
      if (!(e instanceof TokenStreamError)) {
        const error = new TokenStreamError('network_error', `cannot reach the relay to cancel: ${e.message}`, 'transport');
        this.emit('error', error);
        throw error;
      }
      throw e;
    }
    await this.waitForEnd(this.options.stopWaitMs);
    if (!this.finished) {
      // The terminal event did not arrive in time (stream down); the cancel answer is the evidence.
      this.finish({ status: 'cancelled', reason: reason || 'requested' });
    }
    return answer;
  }

  /** Closes the stream without cancelling anything (the generation goes on; resume later from storage). */
  close() {
    this.finished = true;
    this.closeConnection();
    clearTimeout(this.timer);
    this.detachWindow();
    this.persistNow();
    this.setState('closed');
  }

  /** Cuts the connection as a network drop would; the client resumes on its own (demo and tests). */
  drop() {
    if (this.finished || !this.connection) return;
    this.closeConnection();
    this.drops++;
    this.setState('reconnecting');
    this.connectSoon(this.nextDelay());
  }

  /** Forgets what this stream stored in sessionStorage. */
  forget() {
    if (this.storage) try { this.storage.removeItem(this.storageKey); } catch (e) { /* storage unavailable */ }
  }

  // --- connection ---------------------------------------------------------------------------------

  connectSoon(delayMs) {
    clearTimeout(this.timer);
    if (this.finished) return;
    this.timer = setTimeout(() => this.connect(), delayMs);
  }

  nextDelay() {
    const full = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** this.attempt);
    this.attempt++;
    return Math.round(full / 2 + Math.random() * full / 2);
  }

  async connect() {
    if (this.finished) return;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      this.setState('offline');
      return;
    }
    this.closeConnection();
    const resuming = this.lastEventId !== null;
    this.setState(this.state === 'idle' || this.state === 'connecting' ? 'connecting' : 'reconnecting');
    let token;
    try {
      token = await resolveToken(this.options.accessToken, this.options.getAccessToken);
    } catch (e) {
      this.fail(new TokenStreamError('access_token_unavailable', `getAccessToken failed: ${e.message}`, 'client'));
      return;
    }
    if (this.finished) return;
    const query = new URLSearchParams();
    if (resuming) query.set('lastEventId', this.lastEventId);
    else if (this.options.from) query.set('from', this.options.from);
    const useFetch = this.options.transport === 'fetch' || (this.options.transport === 'auto'
      && (this.options.headers || typeof EventSource === 'undefined'));
    if (token && !useFetch) query.set('access_token', token);
    const qs = query.toString();
    const url = `${this.options.baseUrl}/v1/conversations/${encodeURIComponent(this.options.conversationId)}/stream${qs ? `?${qs}` : ''}`;
    const opened = () => {
      if (resuming) this.resumes++;
      this.setState('live');
    };
    this.connection = useFetch ? this.openFetch(url, token, opened) : this.openEventSource(url, opened);
  }

  openEventSource(url, opened) {
    const source = new EventSource(url);
    const connection = { close: () => source.close() };
    let didOpen = false;
    source.onopen = () => { didOpen = true; opened(); };
    source.onerror = () => {
      if (this.connection !== connection) return;
      this.closeConnection();
      // EventSource hides the status: ask once with fetch whether the server refuses for good (4xx).
      if (!didOpen) this.probe(url).then(refused => refused ? this.fail(refused) : this.lost());
      else this.lost();
    };
    source.onmessage = e => this.receive('message', e.data, e.lastEventId || null, connection);
    connection.listen = type => source.addEventListener(type, e => {
      // A stream.* event carries no id; EventSource still reports the previous one.
      this.receive(type, e.data, type.startsWith('stream.') ? null : (e.lastEventId || null), connection);
    });
    for (const type of ['response.started', 'text.delta', 'thinking.delta', 'tool_call', ...TERMINAL, 'stream.reconnect', 'stream.position_expired']) {
      connection.listen(type);
    }
    return connection;
  }

  openFetch(url, token, opened) {
    const abort = new AbortController();
    const connection = { close: () => abort.abort() };
    const headers = { Accept: 'text/event-stream', ...(this.options.headers || {}) };
    if (token) headers.Authorization = `Bearer ${token}`;
    (async () => {
      let response;
      try {
        response = await fetch(url, { headers, signal: abort.signal, cache: 'no-store' });
      } catch (e) {
        if (this.connection === connection) { this.closeConnection(); this.lost(); }
        return;
      }
      if (!response.ok) {
        const body = await readJson(response);
        if (this.connection !== connection) return;
        this.closeConnection();
        const error = httpError(response, body);
        if (isRetryable(response.status, error.code)) this.lost(retryAfterMs(response));
        else this.fail(error);
        return;
      }
      opened();
      const parser = new SseParser((type, data, id) => this.receive(type, data, id, connection));
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
          if (this.connection !== connection) return;
        }
      } catch (e) {
        // aborted or cut: handled below
      }
      if (this.connection === connection) { this.closeConnection(); this.lost(); }
    })();
    return connection;
  }

  async probe(url) {
    const abort = new AbortController();
    try {
      const response = await fetch(url, { headers: { Accept: 'text/event-stream' }, signal: abort.signal, cache: 'no-store' });
      if (response.ok || isRetryable(response.status)) {
        abort.abort();
        return null;
      }
      const body = await readJson(response);
      const error = httpError(response, body);
      return isRetryable(response.status, error.code) ? null : error;
    } catch (e) {
      return null;
    }
  }

  lost(minDelayMs = 0) {
    if (this.finished) return;
    this.drops++;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      this.setState('offline');
      return;
    }
    const delay = Math.max(minDelayMs, this.nextDelay());
    this.setState('reconnecting', delay);
    this.connectSoon(delay);
  }

  closeConnection() {
    const connection = this.connection;
    this.connection = null;
    if (connection) connection.close();
  }

  // --- events -------------------------------------------------------------------------------------

  receive(type, raw, id, connection) {
    if (this.connection !== connection || this.finished) return;
    let data;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      this.emit('error', new TokenStreamError('malformed_event', `event ${type} is not JSON`, 'client'));
      return;
    }
    this.emit('event', { type, id, data });
    // The relay's own stream.* events never carry an id; one that does came from the topic, not from the relay
    // (the relay replaces such types, so this only guards against a relay without that check). EventSource cannot
    // say whether an event had its own id, so there the relay's guarantee is what holds.
    if (type.startsWith('stream.') && id !== null) return;
    if (type === 'stream.reconnect') {
      if (data.code === 'token_expired' && !this.options.getAccessToken) {
        this.fail(new TokenStreamError('token_expired', data.message || 'the access token expired', 'stream', { details: data }));
        return;
      }
      // The relay asks to come back (slow client, shutdown, a token to renew): resuming after the last id loses nothing.
      this.closeConnection();
      this.lost();
      return;
    }
    if (type === 'stream.position_expired') {
      this.fail(new TokenStreamError(data.code || 'position_expired', data.message || 'position expired', 'stream',
        { details: data }));
      return;
    }
    if (type.startsWith('stream.')) return;
    if (id) this.lastEventId = id;
    this.attempt = 0;
    const watched = this.options.responseId;
    if (watched && data.response_id !== watched) {
      this.persistSoon();
      return;
    }
    if (type === 'response.started' && !watched && data.response_id !== this.response.id) {
      this.response = emptyResponse(data.response_id);
    }
    if (!this.response.id) this.response.id = data.response_id;
    if (data.response_id !== this.response.id) return;
    const r = this.response;
    if (typeof data.seq === 'number') {
      if (data.seq <= r.lastSeq) {
        this.stats.duplicates++;
        return;
      }
      if (data.seq > r.lastSeq + 1) this.stats.gaps += data.seq - r.lastSeq - 1;
      r.lastSeq = data.seq;
    }
    this.stats.events++;
    if (type === 'text.delta') {
      r.text += data.text;
      this.emit('text', { delta: data.text, text: r.text, responseId: r.id });
      if (this.options.json) this.emit('partial', parsePartialJson(r.text));
    } else if (type === 'thinking.delta') {
      r.thinking += data.text;
      this.emit('thinking', { delta: data.text, thinking: r.thinking, responseId: r.id });
    } else if (type === 'tool_call') {
      const call = { callId: data.call_id, name: data.name, arguments: data.arguments, responseId: r.id };
      r.toolCalls.push(call);
      this.emit('toolCall', call);
    } else if (type === 'response.completed') {
      this.finish({ status: 'completed', finishReason: data.finish_reason, usage: data.usage });
      return;
    } else if (type === 'response.failed') {
      const error = new TokenStreamError(data.code, data.message, 'response', { details: data });
      this.emit('error', error);
      this.finish({ status: 'failed', error });
      return;
    } else if (type === 'response.cancelled') {
      this.finish({ status: 'cancelled', reason: data.reason });
      return;
    }
    this.persistSoon();
  }

  finish(end) {
    const r = this.response;
    r.status = end.status;
    const done = { responseId: r.id, text: r.text, thinking: r.thinking, toolCalls: r.toolCalls.slice(), value: undefined, ...end };
    if (this.options.json && end.status === 'completed') {
      try {
        done.value = JSON.parse(r.text);
      } catch (e) {
        done.status = 'failed';
        done.error = new TokenStreamError('invalid_json', `the completed response is not valid JSON: ${e.message}`, 'client');
        this.emit('error', done.error);
      }
    }
    r.end = { status: done.status, finishReason: done.finishReason, usage: done.usage, reason: done.reason,
      error: done.error ? { code: done.error.code, message: done.error.message, kind: done.error.kind } : undefined };
    if (this.options.responseId) {
      // Only the watched response's end closes the stream; a conversation stream stays open across responses.
      this.finished = true;
      this.closeConnection();
      clearTimeout(this.timer);
      this.detachWindow();
      this.setState('closed');
    }
    this.persistNow();
    this.emit('done', done);
  }

  fail(error) {
    this.finished = true;
    this.closeConnection();
    clearTimeout(this.timer);
    this.detachWindow();
    this.emit('error', error);
    this.setState('failed');
  }

  waitForEnd(ms) {
    if (this.finished) return Promise.resolve();
    return new Promise(resolve => {
      const timer = setTimeout(() => { off(); resolve(); }, ms);
      const off = this.on('done', () => { clearTimeout(timer); off(); resolve(); });
    });
  }

  setState(state, delayMs) {
    this.state = state;
    this.emit('state', { state, resumes: this.resumes, drops: this.drops, attempt: this.attempt, delayMs });
  }

  emit(name, payload) {
    const fns = this.listeners.get(name);
    if (!fns) return;
    for (const fn of [...fns]) {
      try { fn(payload); } catch (e) { console.error(`tokenstream listener for '${name}' failed`, e); }
    }
  }

  detachWindow() {
    if (typeof window === 'undefined') return;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('pagehide', this.onPageHide);
  }

  // --- persistence: the position and the text it belongs to are always stored together -------------

  restore() {
    if (!this.storage) return;
    let saved;
    try { saved = JSON.parse(this.storage.getItem(this.storageKey) || 'null'); } catch (e) { saved = null; }
    if (!saved || !saved.lastEventId) return;
    this.lastEventId = saved.lastEventId;
    this.response = { ...emptyResponse(saved.response.id), ...saved.response };
    this.restored = true;
    if (this.options.responseId && saved.response.end) this.finished = true;
  }

  replayRestored() {
    const r = this.response;
    if (r.thinking) this.emit('thinking', { delta: r.thinking, thinking: r.thinking, responseId: r.id, restored: true });
    if (r.text) {
      this.emit('text', { delta: r.text, text: r.text, responseId: r.id, restored: true });
      if (this.options.json) this.emit('partial', parsePartialJson(r.text));
    }
    for (const call of r.toolCalls) this.emit('toolCall', call);
    if (r.end) {
      const done = { responseId: r.id, text: r.text, thinking: r.thinking, toolCalls: r.toolCalls.slice(), restored: true, ...r.end };
      if (done.error) done.error = new TokenStreamError(done.error.code, done.error.message, done.error.kind);
      if (this.options.json && done.status === 'completed') {
        try { done.value = JSON.parse(r.text); } catch (e) { /* reported when it first completed */ }
      }
      if (done.error) this.emit('error', done.error);
      this.emit('done', done);
    }
  }

  persistSoon() {
    if (!this.storage || this.persistTimer) return;
    this.persistTimer = setTimeout(() => this.persistNow(), 200);
  }

  persistNow() {
    clearTimeout(this.persistTimer);
    this.persistTimer = null;
    if (!this.storage || !this.lastEventId) return;
    try {
      this.storage.setItem(this.storageKey, JSON.stringify({ lastEventId: this.lastEventId, response: this.response }));
    } catch (e) {
      // Quota or privacy mode: resuming after a reload replays from the start instead.
    }
  }
}

/**
 * Server-Sent Events parsing for the fetch transport (the WHATWG event-stream rules: `\r\n`, `\r` or `\n`
 * line ends, `:` comments, `id`/`event`/`data`/`retry` fields, dispatch on a blank line).
 */
export class SseParser {
  /** @param {(type: string, data: string, id: (string|null)) => void} onEvent id is null when the event had no `id:` */
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.type = '';
    this.data = [];
    this.id = null;
  }

  /** @param {string} text the next decoded piece of the stream */
  feed(text) {
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      if (c === '\r' && i + 1 === this.buffer.length) break; // a '\n' may follow in the next piece
      const line = this.buffer.slice(start, i);
      if (c === '\r' && this.buffer[i + 1] === '\n') i++;
      start = i + 1;
      this.line(line);
    }
    this.buffer = this.buffer.slice(start);
  }

  line(line) {
    if (line === '') {
      if (this.data.length) this.onEvent(this.type || 'message', this.data.join('\n'), this.id);
      this.reset();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}

// --- helpers ----------------------------------------------------------------------------------------

function emptyResponse(id) {
  return { id, text: '', thinking: '', toolCalls: [], lastSeq: -1, status: 'in_progress', end: undefined };
}

async function resolveToken(accessToken, getAccessToken) {
  if (getAccessToken) return (await getAccessToken()) || undefined;
  return accessToken || undefined;
}

async function readJson(response) {
  try {
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  } catch (e) {
    return null;
  }
}

function httpError(response, body) {
  const e = body && body.error;
  return new TokenStreamError(e && e.code ? e.code : `http_${response.status}`,
    e && e.message ? e.message : `HTTP ${response.status}`, 'http', { status: response.status, details: e || undefined });
}

function isRetryable(status, code) {
  return status >= 500 || status === 429 || status === 408 || code === 'relay_starting';
}

function retryAfterMs(response) {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

function safeSessionStorage() {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch (e) {
    return null;
  }
}
