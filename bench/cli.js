// Issue 2's figures: `falreq list --json --max 1000` beside a curl | jq loop over
// the same ten pages, and `falreq --version` beside bare `node -e ''`.
import {cli, measure, median, printTable, row, sideBySide, startEmulator} from './lib.js';

const demoKey = 'fal_demo_key_0000';
const endpoint = 'fal-ai/flux/dev';
const runs = 7;

export async function benchCli() {
	const emulator = await startEmulator(['--requests', '100000']);
	try {
		const env = {FAL_KEY: demoKey, FALREQ_API_URL: emulator.url};
		// Ten pages of 100, cursors computed the way the API defines them (base64 page number).
		const loop = `for i in $(seq 1 10); do
			c=$( [ "$i" -gt 1 ] && printf '&cursor=%s' "$(printf %s "$i" | base64)" )
			curl -sf -H "Authorization: Key $FAL_KEY" "$FALREQ_API_URL/serverless/requests/by-endpoint?endpoint_id=${endpoint}&limit=100$c" | jq -c '.items[]'
		done > /dev/null`;
		const [list, curl] = await sideBySide(
			runs,
			() => measure(process.execPath, [cli, 'list', '--json', '--max', '1000', '--limit', '100', '-e', endpoint], {env}),
			() => measure('/bin/sh', ['-c', loop], {env}),
		);
		const [version, bare] = await sideBySide(
			runs * 2,
			() => measure(process.execPath, [cli, '--version']),
			() => measure(process.execPath, ['-e', '']),
		);
		const ms = values => Math.round(median(values.map(v => v.wallMs)));
		const mb = values => Math.round(median(values.map(v => v.peakMb)));
		printTable(`falreq list and --version (median of ${runs}+ runs, side by side)`, [
			{...row('list --json --max 1000: wall ms', ms(list), ms(curl)), goal: '<= 2x curl | jq'},
			{...row('list --json --max 1000: peak MB', mb(list), mb(curl)), goal: '<= 2x curl | jq'},
			// Node's own floor, for reading the line above: no Node program gets near curl | jq here.
			{...row("list --json --max 1000: peak MB beside bare node -e ''", mb(list), mb(bare)), goal: 'context'},
			{...row('--version: wall ms', ms(version), ms(bare)), goal: "<= 1.5x node -e ''"},
		]);
	} finally {
		await emulator.stop();
	}
}
