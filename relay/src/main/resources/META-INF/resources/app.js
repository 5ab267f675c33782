// The demo chat: a thin page over tokenstream-client.js. Everything about streaming (resume, backoff,
// reload, stop, partial JSON) lives in the client; this file only renders what the client reports.
import { startGeneration, TokenStream } from './tokenstream-client.js';

const PAGE_KEY = 'tokenstream-demo:page';
const $ = id => document.getElementById(id);

// Demo knobs, from the page's query string: ?tokens_per_second=12&max_tokens=80&seed=1&grace=5s&transport=fetch
// &invalid_json_at_token=5. grace is options.cancel_when_unwatched_for: leave the page and the model stops.
const knobs = new URLSearchParams(location.search);
const settings = {
  tokensPerSecond: Number(knobs.get('tokens_per_second') || 12),
  maxTokens: Number(knobs.get('max_tokens') || 80),
  seed: knobs.has('seed') ? Number(knobs.get('seed')) : undefined,
  grace: knobs.get('grace') || '5s',
  transport: knobs.get('transport') || 'auto',
  invalidJsonAtToken: knobs.has('invalid_json_at_token') ? Number(knobs.get('invalid_json_at_token')) : undefined,
};

const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city'],
    },
  },
};

/** What survives a reload: the conversation and its exchanges (each client keeps its own text and position). */
const page = loadPage();
let active = null; // { stream, view }

function loadPage() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(PAGE_KEY) || 'null');
    if (saved && saved.conversationId) return saved;
  } catch (e) { /* start afresh */ }
  return { conversationId: `demo-${Math.random().toString(36).slice(2, 10)}`, exchanges: [] };
}

function savePage() {
  sessionStorage.setItem(PAGE_KEY, JSON.stringify(page));
}

function setConnection(state, text) {
  $('connection').dataset.state = state;
  $('connection-text').textContent = text;
}

function describeState({ state, delayMs }) {
  switch (state) {
    case 'connecting': return 'connecting…';
    case 'live': return 'live';
    case 'reconnecting': return delayMs ? `reconnecting in ${(delayMs / 1000).toFixed(1)} s…` : 'reconnecting…';
    case 'offline': return 'offline: waiting for the network';
    case 'stopping': return 'stopping…';
    case 'failed': return 'stream error';
    default: return 'idle';
  }
}

function renderExchange(exchange) {
  $('empty').hidden = true;
  const fragment = $('exchange').content.cloneNode(true);
  const [question, answer] = fragment.children;
  question.textContent = exchange.prompt;
  answer.dataset.responseId = exchange.started.response_id;
  answer.dataset.mode = exchange.json ? 'json' : 'text';
  answer.querySelector('[data-testid=json-view]').hidden = !exchange.json;
  $('thread').append(fragment);
  return answer;
}

function renderPartial(view, partial) {
  const fields = view.querySelector('[data-testid=json-fields]');
  fields.replaceChildren();
  const value = partial.value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of Object.keys(value)) {
      const li = document.createElement('li');
      const complete = partial.completeFields.includes(key);
      li.dataset.field = key;
      li.dataset.complete = String(complete);
      li.textContent = complete ? `${key} ✓` : `${key} …`;
      fields.append(li);
    }
  }
  fields.dataset.complete = partial.completeFields.join(',');
  view.querySelector('[data-testid=partial-json]').textContent =
    value === undefined ? '' : JSON.stringify(value, null, 2);
}

function renderToolCall(view, call) {
  const card = document.createElement('div');
  card.className = 'tool-card';
  card.dataset.testid = 'tool-call';
  card.dataset.callId = call.callId;
  const title = document.createElement('div');
  title.className = 'tool-name';
  title.innerHTML = '<span class="tool-badge">tool call</span> ';
  title.append(call.name);
  const args = document.createElement('pre');
  args.dataset.testid = 'tool-arguments';
  args.textContent = JSON.stringify(call.arguments, null, 2);
  card.append(title, args);
  view.querySelector('[data-testid=tool-calls]').append(card);
}

function renderThinking(view, thinking) {
  const block = view.querySelector('[data-testid=thinking]');
  block.hidden = false;
  block.querySelector('[data-testid=thinking-text]').textContent = thinking;
}

function setStatus(view, state, text) {
  view.dataset.state = state;
  view.querySelector('.status-text').textContent = text;
}

function showError(view, error) {
  const box = view.querySelector('[data-testid=error]');
  box.hidden = false;
  box.dataset.code = error.code;
  box.dataset.kind = error.kind;
  box.textContent = `${error.code}: ${error.message}`;
}

function follow(exchange, view) {
  const stream = TokenStream.forResponse(exchange.started, {
    json: exchange.json,
    transport: settings.transport,
  });
  const text = view.querySelector('[data-testid=answer-text]');
  const stats = () => {
    view.dataset.events = String(stream.stats.events);
    view.dataset.duplicates = String(stream.stats.duplicates);
    view.dataset.gaps = String(stream.stats.gaps);
    $('events').textContent = String(stream.stats.events);
    $('last-id').textContent = stream.lastEventId || '–';
  };
  stream.on('text', e => {
    if (e.restored) view.dataset.restored = 'true';
    if (!exchange.json) text.textContent = e.text;
    else view.dataset.raw = e.text;
    stats();
    view.scrollIntoView({ block: 'end' });
  });
  stream.on('thinking', e => renderThinking(view, e.thinking));
  stream.on('partial', partial => renderPartial(view, partial));
  stream.on('toolCall', call => renderToolCall(view, call));
  stream.on('error', error => showError(view, error));
  stream.on('state', s => {
    if (active && active.stream !== stream) return;
    setConnection(s.state, describeState(s));
    $('resumes').textContent = String(s.resumes);
  });
  stream.on('done', done => {
    stats();
    if (exchange.json && done.value !== undefined) {
      renderPartial(view, { value: done.value, completeFields: Object.keys(done.value || {}), complete: true });
    }
    if (done.status === 'completed') {
      setStatus(view, 'completed', done.finishReason === 'tool_calls' ? 'complete · tool calls' : 'complete');
    } else if (done.status === 'cancelled') {
      setStatus(view, 'cancelled', 'Stopped: the generation was cancelled on the server');
    } else {
      setStatus(view, 'failed', `Failed: ${done.error ? done.error.code : 'unknown error'}`);
    }
    if (active && active.stream === stream) idle();
  });
  return stream;
}

function idle() {
  active = null;
  $('send').disabled = false;
  $('stop').disabled = true;
  $('drop').disabled = true;
  setConnection('idle', 'idle');
}

function busy(stream, view) {
  active = { stream, view };
  $('send').disabled = true;
  $('stop').disabled = false;
  $('drop').disabled = false;
}

async function send(event) {
  event.preventDefault();
  const prompt = $('prompt').value.trim();
  if (!prompt || active) return;
  const json = $('json-toggle').checked;
  const options = {
    max_tokens: settings.maxTokens,
    tokens_per_second: settings.tokensPerSecond,
    cancel_when_unwatched_for: settings.grace,
  };
  if (settings.seed !== undefined) options.seed = settings.seed;
  if (json) options.response_format = { type: 'json_object' };
  if ($('tools-toggle').checked) options.tools = [WEATHER_TOOL];
  if (settings.invalidJsonAtToken) options.simulate = { invalid_json_at_token: settings.invalidJsonAtToken };
  $('send').disabled = true;
  setConnection('connecting', 'starting…');
  let started;
  try {
    started = await startGeneration({ conversationId: page.conversationId, prompt, options });
  } catch (error) {
    $('send').disabled = false;
    setConnection('failed', `${error.code}: ${error.message}`);
    return;
  }
  $('prompt').value = '';
  const exchange = { prompt, json, started };
  page.exchanges.push(exchange);
  savePage();
  const view = renderExchange(exchange);
  const stream = follow(exchange, view);
  busy(stream, view);
  stream.start();
}

function restore() {
  $('conversation-id').textContent = page.conversationId;
  for (const exchange of page.exchanges) {
    const view = renderExchange(exchange);
    const stream = follow(exchange, view);
    busy(stream, view);
    stream.start(); // a finished exchange replays from storage and calls done at once
  }
}

$('composer').addEventListener('submit', send);
$('prompt').addEventListener('keydown', e => {
  if (e.key === 'Enter' && !e.shiftKey) send(e);
});
$('stop').addEventListener('click', async () => {
  if (!active) return;
  const { stream, view } = active;
  $('stop').disabled = true;
  setStatus(view, 'stopping', 'stopping…');
  try {
    await stream.stop('stopped by the user');
  } catch (error) {
    setStatus(view, 'streaming', 'streaming…');
    $('stop').disabled = false;
  }
});
$('drop').addEventListener('click', () => active && active.stream.drop());
restore();
