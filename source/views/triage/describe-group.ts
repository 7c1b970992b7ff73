import {formatStatus} from '../../format/request.js';
import {sanitise} from '../../terminal/sanitise.js';
import type {FailureGroup} from '../../triage/fingerprint.js';

/** A group in one line: `504 ERR fal-ai/flux/dev request_timeout: …`, sanitised for the terminal. */
export function describeGroup(group: FailureGroup): string {
	const pattern = group.pattern === '' ? `(${group.fingerprint})` : group.pattern;
	return sanitise(`${formatStatus(group.statusCode)} ${group.endpointId} ${pattern}`);
}
