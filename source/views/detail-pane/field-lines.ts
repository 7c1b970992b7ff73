/**
 * The selected request's fields as the detail pane shows them: every value
 * whole (a runner id, units as the API gave them), flowed onto as many lines
 * as the pane's width needs. The layout counts the same lines.
 */
import type {RequestItem} from '../../api/types.js';
import {formatSeconds, formatStatus, formatTime, queueSeconds, statusClass, type StatusClass} from '../../format/request.js';
import {sanitise} from '../../terminal/sanitise.js';
import {flowUnits} from '../flow.js';

/** How a span is drawn: a muted label or note, a plain value, or a status value in its class's colour. */
export type FieldTone = 'label' | 'value' | StatusClass;

export type FieldSpan = {text: string; tone: FieldTone};

export type FieldOptions = {
	isUtc: boolean;
	/** Billable units were asked for, so show them (null: not counted yet). */
	isBillingShown: boolean;
};

/** `label value`; a note is all label. */
type Field = {label: string; value: string; tone: FieldTone};

const field = (label: string, value: string, tone: FieldTone = 'value'): Field => ({label: `${label} `, value, tone});

/** A time after `sent`, without the date when it is the same day, as the zone shown sees it. */
function laterTime(iso: string | null, sent: string, isUtc: boolean): string {
	const text = formatTime(iso, {isUtc});
	const [date, clock] = text.split(' ');
	return clock !== undefined && date === sent.split(' ')[0] ? clock : text;
}

/** The fields in their groups (ids, outcome, times); each group starts a line. */
function fieldGroups(item: RequestItem, {isUtc, isBillingShown}: FieldOptions): Field[][] {
	const sent = formatTime(item.sent_at, {isUtc});
	const units = item.billable_units === undefined || item.billable_units === null ? 'not counted yet' : String(item.billable_units);
	return [
		[field('endpoint', sanitise(item.endpoint_id)), field('runner', item.runner_id === null ? 'none' : sanitise(item.runner_id))],
		[
			field('status', formatStatus(item.status_code), statusClass(item.status_code)),
			field('duration', formatSeconds(item.duration)),
			field('queue', formatSeconds(queueSeconds(item))),
			...(isBillingShown ? [field('units', units)] : []),
		],
		[
			field('sent', sent),
			field('started', laterTime(item.started_at, sent, isUtc)),
			field('ended', item.ended_at === null ? 'still running' : laterTime(item.ended_at, sent, isUtc)),
			{label: isUtc ? '(UTC; u: local time)' : '(local time; u: UTC)', value: '', tone: 'value'},
		],
	];
}

/**
 * The last lines made: the layout asks for them several times a key, and
 * the pane once more. Rows are handed out as the same objects (row-list.ts)
 * and never changed, so the row itself is the key.
 */
let last: {item: RequestItem; width: number; isUtc: boolean; isBillingShown: boolean; lines: FieldSpan[][]} | undefined;

/** The fields on lines of `width` columns, two columns between fields, nothing cut. */
export function fieldLines(item: RequestItem, options: FieldOptions, width: number): FieldSpan[][] {
	if (last?.item !== item || last.width !== width || last.isUtc !== options.isUtc || last.isBillingShown !== options.isBillingShown) {
		last = {item, width, ...options, lines: flowFields(item, options, width)};
	}

	return last.lines;
}

function flowFields(item: RequestItem, options: FieldOptions, width: number): FieldSpan[][] {
	return fieldGroups(item, options).flatMap(fields => {
		const texts = fields.map(each => each.label + each.value);
		return flowUnits(texts, width, 2).map(line =>
			line.flatMap(({unit, start, end}, index) => {
				const {label, tone} = fields[unit]!;
				const text = texts[unit]!;
				const spans: FieldSpan[] = index === 0 ? [] : [{text: '  ', tone: 'value'}];
				const labelEnd = Math.max(start, Math.min(end, label.length));
				spans.push({text: text.slice(start, labelEnd), tone: 'label'}, {text: text.slice(labelEnd, end), tone});
				return spans.filter(span => span.text !== '');
			}),
		);
	});
}
