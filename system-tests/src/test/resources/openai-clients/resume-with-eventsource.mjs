// Reads a completion's stream with the eventsource package (a WHATWG EventSource), which reconnects by itself with
// Last-Event-ID when the connection drops, and prints every event it got and how often it connected, as JSON.
// Env: URL (the resume URL, through the cutting proxy).
import { EventSource } from 'eventsource';

const events = [];
let opens = 0;
const source = new EventSource(process.env.URL);
source.onopen = () => { opens++; };
source.onmessage = (event) => {
  events.push({ id: event.lastEventId, data: event.data });
  if (event.data === '[DONE]') {
    source.close();
    console.log(JSON.stringify({ opens, events }));
    process.exit(0);
  }
};
setTimeout(() => {
  console.error(`no [DONE] within 40 s; ${events.length} events, ${opens} connections`);
  process.exit(2);
}, 40000);
