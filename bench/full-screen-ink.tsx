// A second baseline for start-up: Ink drawing a whole screen of plain text,
// one <Text> per line. The bench hands it the text of falreq's own first frame
// with rows (FALREQ_BENCH_SCREEN names a JSON file of its lines), so the two
// draw the same characters and only falreq's colours and work differ.
import {readFileSync} from 'node:fs';
import React from 'react';
import {render, Box, Text} from 'ink';

const lines = JSON.parse(readFileSync(process.env['FALREQ_BENCH_SCREEN']!, 'utf8')) as string[];

render(
	<Box flexDirection="column">
		{lines.map((line, index) => (
			<Text key={index}>{line}</Text>
		))}
	</Box>,
);
