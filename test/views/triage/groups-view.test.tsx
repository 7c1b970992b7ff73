import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {groupFailures, type FailureGroup} from '../../../source/triage/fingerprint.js';
import {GroupsView, type GroupsViewProps} from '../../../source/views/triage/groups-view.js';
import {groupsViewBindings} from '../../../source/views/triage/groups-bindings.js';
import {makeRow} from '../../triage/rows.js';
import {press, waitFor, waitForFrame} from './wait.js';

const timeout = (seconds: number) => ({detail: `Request timed out after ${seconds} seconds`, error_type: 'request_timeout'});
const rows = [
	makeRow({status_code: 504, ended_at: '2026-03-01T12:01:00Z', json_output: timeout(300)}),
	makeRow({status_code: 504, ended_at: '2026-03-01T12:05:00Z', json_output: timeout(600)}),
	makeRow({status_code: 504, ended_at: '2026-03-01T12:03:00Z', json_output: timeout(300)}),
	makeRow({endpoint_id: 'acme/app/turbo', status_code: 422, ended_at: '2026-03-01T11:00:00Z', json_output: {detail: [{loc: ['body', 'prompt'], msg: 'Field required', type: 'missing'}]}}),
	makeRow({endpoint_id: 'acme/app', status_code: 503, ended_at: '2026-03-01T10:00:00Z'}),
];
const groups = groupFailures(rows);
const now = new Date('2026-03-01T12:30:00Z');

function setup(props: Partial<GroupsViewProps> = {}) {
	const onOpen = vi.fn<(group: FailureGroup) => void>();
	const onClose = vi.fn<() => void>();
	const view = render(<GroupsView isUtc isActive groups={groups} width={100} height={8} now={now} onOpen={onOpen} onClose={onClose} {...props} />);
	return {...view, onOpen, onClose};
}

describe('GroupsView', () => {
	it('lists each group with its count, status, endpoint, masked message and last sighting, within the width', () => {
		const {lastFrame} = setup();
		const lines = (lastFrame() ?? '').split('\n');
		expect(lines[0]).toContain('Failure groups: 3 groups, 5 failed');
		expect(lines[1]).toMatch(/^> +3 504 ERR fal-ai\/flux\/dev +request_timeout: Request timed out after # seconds +12:05:00Z$/);
		expect(lines[2]).toMatch(/^ +1 422 usr acme\/app\/turbo +body\.prompt: Field required \(missing\) +11:00:00Z$/);
		expect(lines[3]).toMatch(/^ +1 503 ERR acme\/app +\(no output\) +10:00:00Z$/);
		expect(lines.at(-1)).toBe('first 12:01:00Z · last 12:05:00Z · Request timed out after 600 seconds');
		for (const line of lines) {
			expect([...line].length).toBeLessThanOrEqual(100);
		}
	});

	it('moves the cursor with j and k, and Enter opens the selected group', async () => {
		const {lastFrame, stdin, onOpen} = setup();
		await press(stdin, 'j', 'j');
		await waitForFrame(lastFrame, frame => frame.split('\n')[3]!.startsWith('>'));
		await press(stdin, 'k');
		await waitForFrame(lastFrame, frame => frame.split('\n')[2]!.startsWith('>'));
		await press(stdin, '\r');
		const opened = await waitFor(() => onOpen.mock.calls[0]?.[0], () => lastFrame() ?? '');
		expect(opened.statusCode).toBe(422);
		expect(opened.requestIds).toEqual([rows[3]!.request_id]);
	});

	it('goes to the last group with G and back with g', async () => {
		const {lastFrame, stdin} = setup();
		await press(stdin, 'G');
		await waitForFrame(lastFrame, frame => frame.split('\n')[3]!.startsWith('>'));
		await press(stdin, 'g');
		await waitForFrame(lastFrame, frame => frame.split('\n')[1]!.startsWith('>'));
	});

	it('opens the group the keys reached even when Enter comes before the next frame', async () => {
		const {lastFrame, stdin, onOpen} = setup();
		await press(stdin, 'j', 'j', 'k', '\r');
		const opened = await waitFor(() => onOpen.mock.calls[0]?.[0], () => lastFrame() ?? '');
		expect(opened.statusCode).toBe(422);
	});

	it('closes on Esc', async () => {
		const {lastFrame, stdin, onClose} = setup();
		await press(stdin, '\u001B');
		await waitFor(() => (onClose.mock.calls.length > 0 ? true : undefined), () => lastFrame() ?? '');
	});

	it('ignores keys while not active', async () => {
		const {lastFrame, stdin, onOpen, rerender} = setup({isActive: false});
		await press(stdin, 'j', '\r');
		// Activating afterwards shows the cursor never moved and nothing opened.
		rerender(<GroupsView isUtc isActive groups={groups} width={100} height={8} now={now} onOpen={onOpen} onClose={() => undefined} />);
		await press(stdin, '\r');
		const opened = await waitFor(() => onOpen.mock.calls[0]?.[0], () => lastFrame() ?? '');
		expect(opened.statusCode).toBe(504);
		expect(onOpen).toHaveBeenCalledTimes(1);
	});

	it('scrolls to keep the cursor in view when groups outnumber the lines', async () => {
		const many = Array.from({length: 10}, (_, index) => makeRow({status_code: 500 + index, json_output: timeout(index)}));
		const {lastFrame, stdin} = setup({groups: groupFailures(many), height: 5});
		expect((lastFrame() ?? '').split('\n')).toHaveLength(5);
		await press(stdin, 'j', 'j', 'j', 'j');
		const frame = await waitForFrame(lastFrame, text => text.includes('> '));
		await waitForFrame(lastFrame, text => /^> +1 504 ERR/m.test(text));
		expect(frame.split('\n')).toHaveLength(5);
	});

	it('shows server strings inert', () => {
		const hostile = groupFailures([makeRow({endpoint_id: 'evil/\u001B[2Japp', status_code: 500, json_output: {detail: 'boom \u001B]52;c;aGk=\u0007 \u202Eevil'}})]);
		const {lastFrame} = setup({groups: hostile});
		const frame = lastFrame() ?? '';
		expect(frame).not.toMatch(/[\u001B\u0007\u202E]/);
		expect(frame).toContain('evil/\\e[2Japp');
		expect(frame).toContain('boom \\e]#;c;aGk=\\x07 \\u202eevil');
	});

	it('says so when nothing failed', () => {
		const {lastFrame} = setup({groups: []});
		expect(lastFrame()).toContain('No failed requests among the loaded rows.');
	});
});

describe('groupsViewBindings', () => {
	it('declares every key of the view for the help overlay, all in the groups pane', () => {
		expect(groupsViewBindings.map(binding => binding.action)).toEqual(['down', 'up', 'pageDown', 'pageUp', 'first', 'last', 'open', 'close']);
		expect(groupsViewBindings.every(binding => binding.pane === 'groups' && binding.help.length > 0 && binding.keys.length > 0)).toBe(true);
	});
});
