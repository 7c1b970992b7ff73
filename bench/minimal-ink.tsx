// The baseline for start-up: the smallest Ink app, bundled like falreq, printing one line.
import React from 'react';
import {render, Text} from 'ink';

render(<Text>minimal ink app</Text>);
