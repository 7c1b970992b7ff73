/**
 * Zoom in time: `[` and `]` pick a bar of the summary strip's sparkline,
 * Enter narrows the window to that bar's time (a new query, so Backspace
 * widens again), Esc puts the pick away.
 */
import type {StripAction} from '../keymap.js';
import {formToFilters, valuesFromFilters} from '../state/filter-form.js';
import {emptyBuckets, type Bucket} from '../triage/buckets.js';
import {sparklineColumns} from '../triage/sparkline.js';
import type {Model} from './model.js';
import {submit} from './query.js';
import {clockOf} from './status.js';
import {step, type Step} from './step.js';

/** The bars the strip draws now: its window laid out in buckets as wide as its width allows. */
export function stripBars(model: Model): Bucket[] {
	return emptyBuckets(model.stripWindow, sparklineColumns(model.size.columns));
}

/** An instant as the API and `--start` take it: UTC, whole seconds unless it has a fraction. */
export function instantText(ms: number): string {
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function describeBar(model: Model, bar: Bucket): string {
	const clock = clockOf(model);
	const end = Math.min(bar.end, model.stripWindow.end.getTime());
	return `Bar ${clock(bar.start)} → ${clock(end)} (${model.isUtc ? 'UTC' : 'local'}): Enter shows only its time, [ ] pick another, Esc cancels.`;
}

/** `[` / `]`: the previous / next bar; the first press picks the newest. */
export function pickBar(model: Model, direction: 1 | -1): Step {
	const bars = stripBars(model);
	if (model.feed.query === undefined || bars.length === 0) {
		return step({...model, notice: 'The summary strip has no bars to pick at this width.'});
	}

	const index = model.stripBar === undefined ? bars.length - 1 : Math.max(0, Math.min(bars.length - 1, model.stripBar + direction));
	return step({...model, stripBar: index, notice: describeBar(model, bars[index]!)});
}

export function onStrip(model: Model, action: StripAction): Step {
	const bar = model.stripBar === undefined ? undefined : stripBars(model)[model.stripBar];
	if (action === 'cancel' || bar === undefined) {
		return step({...model, stripBar: undefined, notice: undefined});
	}

	const {form} = model;
	const filters = formToFilters(form.applied, form.limit);
	// Whole seconds, widened to hold all of the bar: they read better, and a second more of rows is no surprise.
	const start = Math.floor(bar.start / 1000) * 1000;
	const end = Math.ceil(Math.min(bar.end, model.stripWindow.end.getTime()) / 1000) * 1000;
	const narrowed = {...filters, start: instantText(start), end: instantText(end), isQuickRange: undefined};
	return submit({...model, stripBar: undefined, notice: undefined}, {...form, values: valuesFromFilters(narrowed)});
}
