import stringWidth from 'string-width';
import {expect, it} from 'vitest';
import {formatTable} from '../../source/commands/list-table.js';
import {item} from '../api/servers.js';

it('aligns the columns by the width a terminal gives them, wide characters included', () => {
	const table = formatTable([item({endpoint_id: 'acme/表示幅テスト'}), item({endpoint_id: 'fal-ai/flux/dev'}), item({endpoint_id: 'acme/🐈'})]);
	const lines = table.trimEnd().split('\n');
	const statusColumns = lines.map(line => stringWidth(line.slice(0, line.search(/STATUS|200 ok/))));
	expect(new Set(statusColumns).size).toBe(1);
	expect(new Set(lines.slice(1).map(line => stringWidth(line))).size).toBe(1);
});
