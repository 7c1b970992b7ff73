/**
 * Follow mode (`f`): newer requests are polled for and put on top, one poll
 * at a time, the next scheduled when the last has settled (triage/follow.ts
 * says how often). The cursor stays on its request; rows added while the
 * list is scrolled away are counted until the user comes back to the top.
 */
import type {RequestItem} from '../api/types.js';
import {feedReducer, type LoadError} from '../state/feed.js';
import {followIntervalMs, followOff, followReducer, mergeNewer, pollDelay} from '../triage/follow.js';
import type {Model} from './model.js';
import {step, type Step} from './step.js';

export function toggleFollow(model: Model): Step {
	const session = model.followSession + 1;
	if (model.follow.isOn) {
		return step({...model, follow: followOff, followSession: session, notice: 'Follow mode off.'}, {type: 'cancel', task: 'poll'});
	}

	if (model.form.applied.sortBy === 'duration') {
		return step({...model, notice: 'Follow mode lists the newest first: set the sort back to end time (/ then the sort field) and press f again.'});
	}

	// The first poll comes after an interval, so that turning follow mode on never costs a request.
	return step(
		{...model, follow: followReducer(model.follow, {type: 'start'}), followSession: session, notice: undefined},
		{type: 'schedulePoll', session, delayMs: followIntervalMs},
	);
}

export function onPollDue(model: Model, session: number): Step {
	const {feed} = model;
	if (session !== model.followSession || !model.follow.isOn || feed.query === undefined) {
		return step(model);
	}

	return step(model, {type: 'poll', session, query: feed.query, rows: feed.rows});
}

export function onPolled(model: Model, session: number, items: readonly RequestItem[]): Step {
	if (session !== model.followSession || !model.follow.isOn) {
		return step(model);
	}

	const {feed} = model;
	const {added} = mergeNewer(feed.rows, items, 0);
	// A list scrolled away keeps showing the same rows; the new ones are counted until the user is back on top.
	const isScrolledAway = model.groups.key === undefined && model.window.top > 0;
	return step(
		{
			...model,
			feed: feedReducer(feed, {type: 'prepended', generation: feed.generation, items}),
			follow: followReducer(model.follow, {type: 'polled', added, isScrolledAway}),
			stripWindow: added > 0 ? {start: model.stripWindow.start, end: new Date(model.clock)} : model.stripWindow,
		},
		{type: 'schedulePoll', session, delayMs: pollDelay(0)},
	);
}

export function onPollFailed(model: Model, session: number, error: LoadError): Step {
	if (session !== model.followSession || !model.follow.isOn) {
		return step(model);
	}

	const delayMs = pollDelay(model.follow.failures + 1, error.retryAfterMs);
	return step(
		{...model, follow: followReducer(model.follow, {type: 'failed', message: error.message, retryAt: model.clock + delayMs})},
		{type: 'schedulePoll', session, delayMs},
		{type: 'tick'},
	);
}
