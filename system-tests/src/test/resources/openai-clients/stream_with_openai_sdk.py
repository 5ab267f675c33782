"""Streams one completion through the relay with the official openai Python SDK and prints what it got, as JSON.

Env: BASE_URL (the relay), CONVERSATION, PROMPT.
"""
import json
import os

from openai import OpenAI

client = OpenAI(base_url=os.environ["BASE_URL"] + "/v1", api_key="unused-without-security",
                default_headers={"X-Tokenstream-Conversation": os.environ["CONVERSATION"]})
stream = client.chat.completions.create(model="simulator", max_tokens=40, seed=7, stream=True,
                                        messages=[{"role": "user", "content": os.environ["PROMPT"]}])
text, response_id, finish_reason = "", None, None
for chunk in stream:
    response_id = chunk.id
    if chunk.choices:
        text += chunk.choices[0].delta.content or ""
        finish_reason = chunk.choices[0].finish_reason or finish_reason
print(json.dumps({"id": response_id, "text": text, "finish_reason": finish_reason}))
