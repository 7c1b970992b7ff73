/**
 * The status bar's words, from the model alone: what went wrong or is being
 * retried, else what is shown; and which panes' keys apply now (the hints
 * are in hints.ts).
 */
import {formatWait} from '../api/retry.js';
import {countOf} from '../format/count.js';
import type {Pane} from '../keymap.js';
import {describeFilters} from '../state/filter-form.js';
import {describeFollow} from '../triage/follow.js';
import {formatShortTime} from '../triage/time-ranges.js';
import {describeRowFilter} from '../triage/row-filter.js';
import type {Model, RetryNotice} from './model.js';

export type StatusMessage = {text: string; tone: 'error' | 'notice' | 'plain'};

/** A fetch time as `14:03:12` (with the date when not today), in the zone the user chose. */
export function clockOf(model: Pick<Model, 'isUtc' | 'clock'>): (ms: number) => string {
	return ms => formatShortTime(new Date(ms).toISOString(), {isUtc: model.isUtc, now: new Date(model.clock)});
}

/** A wait counted down a second at a time: whole seconds, tenths below two. */
function seconds(ms: number): string {
	return ms < 2000 ? `${(Math.max(0, ms) / 1000).toFixed(1)} s` : formatWait(ms);
}

/** "rate limited: retrying in 3 s", "API answered 503: retry 2 of 4 in 1.2 s", "connection dropped: retry 1 of 3 in 0.4 s". */
export function describeRetry(retry: RetryNotice, now: number): string {
	const left = retry.until - now;
	const {status, attempt, of} = retry.info;
	if (status === 429) {
		return `rate limited: retrying in ${seconds(left)}`;
	}

	const why = status === undefined ? 'connection dropped' : `API answered ${status}`;
	return `${why}: retry ${attempt} of ${of} in ${seconds(left)}`;
}

export function statusMessage(model: Model): StatusMessage {
	const {feed} = model;
	if (feed.error !== undefined) {
		const hint = feed.error.kind === 'unauthorized' && model.config.canLogin ? ' Press r to enter a key.' : feed.error.isRetryable ? ' Press r to retry.' : '';
		if (feed.isStale && feed.fetchedAt !== undefined) {
			return {text: `✗ The reload failed: ${feed.error.message} The rows shown are from ${clockOf(model)(feed.fetchedAt)}.${hint}`, tone: 'error'};
		}

		return {text: `✗ ${feed.error.message}${hint}`, tone: 'error'};
	}

	if (model.retry !== undefined) {
		return {text: `${describeRetry(model.retry, model.clock)}…`, tone: 'notice'};
	}

	const {save} = model.detail;
	const notice = save.step === 'name' && save.note !== undefined ? save.note : model.notice;
	if (notice !== undefined) {
		return {text: notice, tone: 'notice'};
	}

	const label = model.config.label === undefined ? '' : `[${model.config.label}] `;
	if (feed.query === undefined) {
		return {text: `${label}Type one or more endpoint ids (comma-separated) and press Enter.`, tone: 'plain'};
	}

	const following = describeFollow(model.follow, model.clock);
	const repeated = feed.lastDuplicates > 0 ? ` · ${countOf(feed.lastDuplicates, 'repeated row')} dropped` : '';
	const rows = model.rowFilter === undefined ? '' : `rows & ${describeRowFilter(model.rowFilter)} · `;
	// Follow mode and the row filter first: a long list of endpoints must not push them out of sight.
	return {text: `${label}${following === '' ? '' : `${following} · `}${rows}${describeFilters(model.form.applied)}${repeated}`, tone: 'plain'};
}

/** The panes whose keys apply now, most specific first. */
export function activePanes(model: Model): Pane[] {
	if (model.overlay.kind === 'help' || model.overlay.kind === 'rerun') {
		return [model.overlay.kind];
	}

	if (model.rowFilterPrompt !== undefined) {
		return ['rowFilter'];
	}

	if (model.stripBar !== undefined) {
		return ['strip', ...paneKeys(model)];
	}

	return paneKeys(model);
}

/** The panes of the focused pane's keys. */
function paneKeys(model: Model): Pane[] {
	switch (model.pane) {
		case 'filter': {
			return model.form.edit === undefined ? (model.form.choosing === undefined ? ['filter'] : ['choosing']) : ['typing'];
		}

		case 'detail': {
			return ['detail', 'payload'];
		}

		case 'compare': {
			return ['compare', 'payload'];
		}

		default: {
			return [model.pane];
		}
	}
}
