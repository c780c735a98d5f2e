'use strict';

const http = require('node:http');

/**
 * A fake OpenAI-compatible chat model on 127.0.0.1, for n8n's OpenAI Chat Model
 * node (Base URL `<url>/v1`, Chat Completions rather than the Responses API):
 * it plays an agent that calls one tool once and then answers.
 *
 * POST /v1/chat/completions, while no tool result is in the conversation:
 * calls the tool named `toolName` (else the first offered) with `toolArguments`,
 * or, where those are not given, with a value for each property of the tool's
 * schema. Once a tool result is in: answers "Done. The tool answered: <result>".
 * GET /v1/models lists one model, for the node's model picker.
 *
 * Every request is recorded (`requests`: method, path, headers, parsed body),
 * so tests can check what reached the "model provider". Answers stream (SSE)
 * when the request asks for it.
 */
async function startFakeModel({ port = 0, toolName, toolArguments, model = 'fake-agent-model' } = {}) {
	const requests = [];
	const sockets = new Set();
	let calls = 0;

	const server = http.createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const path = req.url.split('?')[0];
			let body;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				body = raw;
			}
			requests.push({ method: req.method, path, headers: req.headers, body, rawBody: raw });
			if (req.method === 'GET' && path.endsWith('/models')) {
				return sendJson(res, 200, { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'fake' }] });
			}
			if (req.method !== 'POST' || !path.endsWith('/chat/completions') || !body || typeof body !== 'object') {
				return sendJson(res, 404, { error: { message: `The fake model does not serve ${req.method} ${path}`, type: 'invalid_request_error' } });
			}
			const message = reply(body, ++calls);
			return body.stream ? streamMessage(res, message, model) : sendJson(res, 200, completion(message, model));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;

	/** The next assistant message: a call of the tool while none has answered, then the final answer. */
	function reply(body, call) {
		const messages = Array.isArray(body.messages) ? body.messages : [];
		const toolResult = messages.filter((message) => message.role === 'tool').pop();
		const tools = Array.isArray(body.tools) ? body.tools : [];
		if (toolResult || tools.length === 0) {
			return { role: 'assistant', content: `Done. The tool answered: ${contentText(toolResult?.content ?? '')}` };
		}
		const tool = tools.find((candidate) => candidate.function?.name === toolName) ?? tools[0];
		const args = toolArguments ?? argumentsFor(tool.function?.parameters);
		return {
			role: 'assistant',
			content: null,
			tool_calls: [{ id: `call_${call}`, type: 'function', function: { name: tool.function.name, arguments: JSON.stringify(args) } }],
		};
	}

	return {
		url,
		/** The Base URL to give n8n's OpenAI credential. */
		baseUrl: `${url}/v1`,
		get requests() {
			return requests;
		},
		reset() {
			requests.length = 0;
			calls = 0;
		},
		async stop() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

/** A value for each property of a JSON schema ('acme-corp' for text), so any tool can be called. */
function argumentsFor(schema) {
	const properties = schema?.properties ?? {};
	return Object.fromEntries(
		Object.entries(properties).map(([name, property]) => {
			const type = Array.isArray(property.type) ? property.type[0] : property.type;
			const value = { number: 1, integer: 1, boolean: true, array: [], object: {} }[type] ?? 'acme-corp';
			return [name, value];
		}),
	);
}

/** A message's content as text: OpenAI allows a string or a list of text parts. */
function contentText(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('');
	return JSON.stringify(content);
}

function completion(message, model) {
	return {
		id: `chatcmpl-fake-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

/** The message as Chat Completions chunks: the role and content or tool call, then the finish reason. */
function streamMessage(res, message, model) {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const chunk = (delta, finishReason = null) => ({
		id: 'chatcmpl-fake-stream',
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
	});
	const deltas = message.tool_calls
		? [{ role: 'assistant', content: null, tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }]
		: [{ role: 'assistant', content: message.content }];
	for (const delta of deltas) res.write(`data: ${JSON.stringify(chunk(delta))}\n\n`);
	res.write(`data: ${JSON.stringify(chunk({}, message.tool_calls ? 'tool_calls' : 'stop'))}\n\n`);
	res.end('data: [DONE]\n\n');
}

function sendJson(res, status, body) {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

/** An n8n "OpenAI" credential (openAiApi) whose Base URL is the fake model's. */
function fakeModelCredential(model) {
	return {
		id: 'ceFakeModelCredential',
		name: 'OpenAI (fake model)',
		type: 'openAiApi',
		data: { apiKey: 'fake-model-api-key', url: model.baseUrl, header: false },
	};
}

module.exports = { startFakeModel, fakeModelCredential };
