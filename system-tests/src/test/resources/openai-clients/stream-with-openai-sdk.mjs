// Streams one completion through the relay with the official openai Node SDK and prints what it got, as JSON.
// Env: BASE_URL (the relay), CONVERSATION, PROMPT.
import OpenAI from 'openai';

const client = new OpenAI({
  baseURL: process.env.BASE_URL + '/v1',
  apiKey: 'unused-without-security',
  defaultHeaders: { 'X-Tokenstream-Conversation': process.env.CONVERSATION },
});
const stream = await client.chat.completions.create({
  model: 'simulator',
  messages: [{ role: 'user', content: process.env.PROMPT }],
  max_tokens: 40,
  seed: 7,
  stream: true,
  stream_options: { include_usage: true },
});
let text = '';
let id = null;
let finishReason = null;
let usage = null;
for await (const chunk of stream) {
  id = chunk.id;
  if (chunk.choices.length > 0) {
    text += chunk.choices[0].delta.content ?? '';
    finishReason = chunk.choices[0].finish_reason ?? finishReason;
  }
  usage = chunk.usage ?? usage;
}
console.log(JSON.stringify({ id, text, finish_reason: finishReason, usage }));
