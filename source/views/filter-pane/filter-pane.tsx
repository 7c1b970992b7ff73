import React, {memo} from 'react';
import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import TextInput from 'ink-text-input';
import {filterColumns, filterLabels, filterTitleWidth, problemLines, statusListHeight} from '../../model/layout.js';
import {statusChoices, type FormField, type FormState} from '../../state/filter-form.js';
import {sanitise} from '../../terminal/sanitise.js';
import {PaneTitle} from '../pane-title.js';
import {TextFieldView} from '../text-field-view.js';
import {useTheme} from '../theme.js';

export type FilterPaneProps = {
	form: FormState;
	width: number;
	isActive: boolean;
	/** The window of the query shown, in words with its zone (source/format/window.ts); empty before any query. */
	windowText: string;
};

const statusItems = statusChoices.map(status => ({
	label: status === undefined ? 'all' : `${status} (${{success: '2xx', error: '5xx', user_error: '4xx'}[status]})`,
	value: status ?? 'all',
}));

const placeholders: Partial<Record<FormField, string>> = {
	endpoints: 'e.g. fal-ai/flux/dev, owner/app',
	start: '24h ago',
	end: 'now',
	requestId: 'any',
};

/** What an empty field stands for: the API's default start is further back for a request id. */
function placeholderOf(form: FormState, field: FormField): string | undefined {
	return field === 'start' && form.values.requestId.trim() !== '' ? '90 days ago' : placeholders[field];
}

function valueText(form: FormState, field: FormField): string {
	const {values} = form;
	switch (field) {
		case 'status': {
			return values.status ?? 'all';
		}

		case 'sortBy': {
			return values.sortBy === 'duration' ? 'duration' : 'end time';
		}

		case 'billing': {
			return values.billing ? 'on' : 'off';
		}

		default: {
			return values[field];
		}
	}
}

const noChange = (): void => undefined;

type FieldProps = {form: FormState; field: FormField; width: number; isActive: boolean};

/** A label and its value in a box of fixed width, one line high: a long value is cut, or scrolls while edited. */
function Field({form, field, width, isActive}: FieldProps): React.JSX.Element {
	const theme = useTheme();
	const isSelected = isActive && form.selected === field;
	const edit = isSelected ? form.edit : undefined;
	const hasProblem = form.problems.some(problem => problem.field === field);
	const label = `${filterLabels[field]} `;
	const text = sanitise(valueText(form, field));
	// The same width the update function scrolls the field in (filterValueWidth).
	const valueWidth = Math.max(1, width - label.length - 1);
	return (
		<Box width={width} height={1} overflow="hidden">
			<Text inverse={isSelected && edit === undefined} underline={edit !== undefined} color={hasProblem ? theme.color('error') : theme.color('muted')}>{label}</Text>
			<Box width={valueWidth} height={1} overflow="hidden">
				{edit !== undefined && field !== 'status' && field !== 'sortBy' && field !== 'billing' ? (
					<TextFieldView field={edit} width={valueWidth} placeholder={placeholderOf(form, field)} />
				) : text === '' ? (
					// Not ink-text-input's placeholder: its grey ignores NO_COLOR.
					<Text color={theme.color('muted')}>{placeholderOf(form, field) ?? ''}</Text>
				) : (
					// ink-text-input draws a value at rest; the keys are ours (source/model), so it never listens.
					<TextInput value={text} focus={false} showCursor={false} onChange={noChange} />
				)}
			</Box>
		</Box>
	);
}

/** The filters, always on screen in three lines and the window they come to; problems in words beneath, and nothing is sent while there are any. */
export const FilterPane = memo(function FilterPane({form, width, isActive, windowText}: FilterPaneProps): React.JSX.Element {
	const theme = useTheme();
	const [first, second, third] = filterColumns(width);
	const field = (name: FormField, fieldWidth: number) => <Field form={form} field={name} width={fieldWidth} isActive={isActive} />;
	return (
		<Box flexDirection="column" width={width}>
			<Box height={1}>
				<Box width={filterTitleWidth}>
					<PaneTitle title="Filters" isActive={isActive} width={filterTitleWidth} />
				</Box>
				{field('endpoints', width - filterTitleWidth)}
			</Box>
			<Box height={1}>
				<Box width={filterTitleWidth} />
				{field('start', first)}
				{field('end', second)}
				{field('requestId', third)}
			</Box>
			<Box height={1}>
				<Box width={filterTitleWidth} />
				{field('status', first)}
				{field('sortBy', second)}
				{field('billing', third)}
			</Box>
			<Box height={1}>
				<Box width={filterTitleWidth} />
				<Box width={Math.max(1, width - filterTitleWidth)} height={1} overflow="hidden">
					<Text wrap="truncate" color={theme.color('muted')}>{windowText}</Text>
				</Box>
			</Box>
			{form.choosing === undefined ? null : (
				<Box marginLeft={filterTitleWidth} height={statusListHeight}>
					{/* Drawn by ink-select-input at the model's highlight (keyed, so it starts there); the keys are ours. */}
					<SelectInput key={form.choosing} items={statusItems} initialIndex={form.choosing} isFocused={false} />
				</Box>
			)}
			{problemLines(form.problems, width).map((line, index) => (
				<Text key={index} wrap="truncate" color={theme.color('error')}>
					{' '.repeat(filterTitleWidth)}{line}
				</Text>
			))}
		</Box>
	);
});
