'use strict';

/**
 * The README's picture of Concurrency Auto at work, drawn as SVG by hand (no
 * dependency): the limit Auto set (left axis) and goodput, items served per
 * second in half-second buckets (right axis), over the run's time.
 */
const WIDTH = 720;
const HEIGHT = 300;
const PAD = { left: 50, right: 60, top: 30, bottom: 40 };
const BUCKET_MS = 500;

/** Goodput per bucket: `[{ t (s), perSec }]` from the served times (epoch ms) of a run that started at `startedAt`. */
function goodputSeries(servedAt, startedAt, seconds) {
	const buckets = new Array(Math.ceil((seconds * 1000) / BUCKET_MS)).fill(0);
	for (const at of servedAt) buckets[Math.min(Math.floor((at - startedAt) / BUCKET_MS), buckets.length - 1)]++;
	return buckets.map((count, i) => ({ t: ((i + 0.5) * BUCKET_MS) / 1000, perSec: count / (BUCKET_MS / 1000) }));
}

/** The limit as steps: `[{ t (s), limit }]` from Auto's start value and its changes. */
function limitSteps(trace, startedAt, seconds, initial) {
	const steps = [{ t: 0, limit: initial }];
	for (const { at, limit } of trace) steps.push({ t: (at - startedAt) / 1000, limit });
	steps.push({ t: seconds, limit: steps[steps.length - 1].limit });
	return steps;
}

const niceMax = (value) => {
	const step = 10 ** Math.floor(Math.log10(Math.max(value, 1)));
	return Math.ceil(value / step) * step;
};

/** The SVG document. `capacity` is the fake's setting, drawn as K; `oracleGoodput` as a dashed line. */
function plotAuto({ trace, servedAt, startedAt, seconds, initial, capacity, oracleGoodput }) {
	const steps = limitSteps(trace, startedAt, seconds, initial);
	const goodput = goodputSeries(servedAt, startedAt, seconds);
	const limitMax = niceMax(Math.max(...steps.map((s) => s.limit), capacity.slots + capacity.queue) * 1.1);
	const rateMax = niceMax(Math.max(...goodput.map((g) => g.perSec), oracleGoodput) * 1.1);
	const plotW = WIDTH - PAD.left - PAD.right;
	const plotH = HEIGHT - PAD.top - PAD.bottom;
	const x = (t) => (PAD.left + (t / seconds) * plotW).toFixed(1);
	const yLimit = (v) => (PAD.top + plotH - (v / limitMax) * plotH).toFixed(1);
	const yRate = (v) => (PAD.top + plotH - (v / rateMax) * plotH).toFixed(1);

	const limitPath = steps.map((s, i) => `${i === 0 ? 'M' : `H${x(s.t)} V${yLimit(steps[i - 1].limit)} H`}${x(s.t)} V${yLimit(s.limit)}`).join(' ');
	const ratePath = goodput.map((g, i) => `${i === 0 ? 'M' : 'L'}${x(g.t)},${yRate(g.perSec)}`).join(' ');
	const ticks = (max, y, anchorX, anchor) =>
		[0, 0.25, 0.5, 0.75, 1]
			.map((f) => `<text x="${anchorX}" y="${y(max * f)}" text-anchor="${anchor}" dy="4">${Math.round(max * f)}</text>`)
			.join('');
	const timeTicks = Array.from({ length: Math.floor(seconds) + 1 }, (_, t) => t)
		.filter((t) => t % Math.max(1, Math.ceil(seconds / 10)) === 0)
		.map((t) => `<text x="${x(t)}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle">${t}</text>`)
		.join('');
	const kLine = yLimit(capacity.slots);
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${PAD.left}" y="16" font-size="13">Concurrency Auto against a service serving ${capacity.slots} at once (${capacity.serviceMs} ± ${capacity.jitterMs} ms), ${capacity.queue} queued, then 429</text>
<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#ccc"/>
<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${kLine}" y2="${kLine}" stroke="#999" stroke-dasharray="2,3"/>
<text x="${PAD.left + 4}" y="${Number(kLine) - 4}" fill="#666">K = ${capacity.slots}</text>
<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${yRate(oracleGoodput)}" y2="${yRate(oracleGoodput)}" stroke="#d95f02" stroke-dasharray="6,4" opacity="0.6"/>
<path d="${ratePath}" fill="none" stroke="#d95f02" stroke-width="1.5"/>
<path d="${limitPath}" fill="none" stroke="#1b6ac9" stroke-width="2"/>
<g fill="#1b6ac9">${ticks(limitMax, yLimit, PAD.left - 6, 'end')}</g>
<g fill="#d95f02">${ticks(rateMax, yRate, WIDTH - PAD.right + 6, 'start')}</g>
<g fill="#333">${timeTicks}</g>
<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">seconds</text>
<text x="14" y="${PAD.top + plotH / 2}" transform="rotate(-90 14 ${PAD.top + plotH / 2})" text-anchor="middle" fill="#1b6ac9">in-flight limit</text>
<text x="${WIDTH - 12}" y="${PAD.top + plotH / 2}" transform="rotate(90 ${WIDTH - 12} ${PAD.top + plotH / 2})" text-anchor="middle" fill="#d95f02">goodput, items/s (dashed: Concurrency ${capacity.slots}, whole run)</text>
</svg>
`;
}

module.exports = { plotAuto };
