import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {groupFailures} from '../../../source/triage/fingerprint.js';
import {groupsCursorStart, moveGroupsCursor} from '../../../source/triage/groups-cursor.js';
import {GroupsView, type GroupsViewProps} from '../../../source/views/triage/groups-view.js';
import {makeRow} from '../../triage/rows.js';

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
	return render(<GroupsView isUtc groups={groups} cursor={groupsCursorStart} width={100} height={8} now={now} {...props} />);
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

	it('draws the cursor where the model has it', () => {
		const keys = groups.map(group => group.key);
		const {lastFrame} = setup({cursor: moveGroupsCursor(groupsCursorStart, 'last', keys, 6)});
		expect((lastFrame() ?? '').split('\n')[3]).toMatch(/^> +1 503 ERR/);
	});

	it('scrolls to keep the cursor in view when groups outnumber the lines', () => {
		const many = groupFailures(Array.from({length: 10}, (_, index) => makeRow({status_code: 500 + index, json_output: timeout(index)})));
		let cursor = groupsCursorStart;
		for (let press = 0; press < 4; press++) {
			cursor = moveGroupsCursor(cursor, 'down', many.map(group => group.key), 3);
		}

		const frame = setup({groups: many, height: 5, cursor}).lastFrame() ?? '';
		expect(frame.split('\n')).toHaveLength(5);
		expect(frame).toMatch(/^> +1 504 ERR/m);
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
