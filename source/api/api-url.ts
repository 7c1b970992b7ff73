/** Where the key may be sent: https anywhere, plain http only to this machine. */
import {isIP} from 'node:net';
import {sanitise} from '../terminal/sanitise.js';
import {ApiError} from './errors.js';

export const defaultApiUrl = 'https://api.fal.ai/v1';

/** True for localhost, 127.0.0.0/8 and ::1: addresses that never leave the machine. */
export function isLoopback(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (host === 'localhost' || host === '::1') {
		return true;
	}

	return isIP(host) === 4 && host.startsWith('127.');
}

/** Why the URL is refused, or undefined when the key may go there; checked before any request. */
export function checkApiUrl(apiUrl: string): ApiError | undefined {
	let url: URL;
	try {
		url = new URL(apiUrl);
	} catch {
		return new ApiError('invalid_url', `The API URL '${sanitise(apiUrl)}' is not a URL; give one such as ${defaultApiUrl}.`);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return new ApiError('invalid_url', `The API URL '${sanitise(apiUrl)}' must start with https://.`);
	}

	// got would send them as Basic authorisation instead of the key, and messages quote the URL.
	if (url.username !== '' || url.password !== '') {
		const bare = `${url.protocol}//${url.host}${url.pathname}`;
		return new ApiError('invalid_url', `The API URL carries a user name or password, which falreq does not send: the API key is the only credential. Give it without them, as ${sanitise(bare)}.`);
	}

	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		const message = `Refusing to send the API key over plain http to ${sanitise(url.host)}: use https://, or http:// only for this machine (localhost, 127.0.0.1, ::1).`;
		return new ApiError('insecure', message);
	}

	return undefined;
}
