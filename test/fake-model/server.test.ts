import { startFakeModel, type FakeModel } from './server';

// The fake OpenAI-compatible model the AI Agent e2e and `npm start` run against: one tool call, then an answer.

let model: FakeModel;
beforeEach(async () => {
	model = await startFakeModel();
});
afterEach(async () => await model.stop());

const tool = {
	type: 'function',
	function: {
		name: 'provision_autopilot',
		parameters: { type: 'object', properties: { name: { type: 'string' }, count: { type: 'integer' }, flag: { type: ['boolean', 'null'] } } },
	},
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer as the fake sent it
const json = async (response: Response): Promise<any> => await response.json();

const chat = async (body: object) =>
	await fetch(`${model.baseUrl}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'fake-agent-model', ...body }),
	});

describe('fake model', () => {
	it('calls the offered tool with a value for each property of its schema, as npm start uses it', async () => {
		const answer = await json(await chat({ messages: [{ role: 'user', content: 'Connect acme' }], tools: [tool] }));

		const [choice] = answer.choices;
		expect(choice.finish_reason).toBe('tool_calls');
		const [call] = choice.message.tool_calls;
		expect(call.function.name).toBe('provision_autopilot');
		expect(JSON.parse(call.function.arguments)).toEqual({ name: 'acme-corp', count: 1, flag: true });
	});

	it('answers with the tool result once it is in the conversation, text parts joined', async () => {
		const messages = [
			{ role: 'user', content: 'Connect acme' },
			{ role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '{"id":' }, { type: 'text', text: '42}' }] },
		];
		const answer = await json(await chat({ messages, tools: [tool] }));

		expect(answer.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'Done. The tool answered: {"id":42}' } });
	});

	it('streams the tool call as Chat Completions chunks when asked', async () => {
		const response = await chat({ messages: [{ role: 'user', content: 'Connect acme' }], tools: [tool], stream: true });
		const events = (await response.text()).split('\n\n').filter(Boolean);

		expect(response.headers.get('content-type')).toBe('text/event-stream');
		expect(events.at(-1)).toBe('data: [DONE]');
		const chunks = events.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, '')));
		expect(chunks[0].choices[0].delta.tool_calls[0]).toMatchObject({ index: 0, function: { name: 'provision_autopilot' } });
		expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls');
	});

	it('lists its model, refuses what it does not serve, and records every request', async () => {
		const models = await json(await fetch(`${model.baseUrl}/models`));
		const other = await fetch(`${model.baseUrl}/embeddings`, { method: 'POST', body: '{}' });

		expect(models.data.map((entry: { id: string }) => entry.id)).toEqual(['fake-agent-model']);
		expect(other.status).toBe(404);
		expect(model.requests.map(({ method, path }) => `${method} ${path}`)).toEqual(['GET /v1/models', 'POST /v1/embeddings']);
	});
});
