import React, {memo} from 'react';
import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import TextInput from 'ink-text-input';
import type {Status} from '../../api/types.js';
import type {FormField, FormState} from '../../state/filter-form.js';
import {PaneTitle} from '../pane-title.js';
import {useTheme} from '../theme.js';
import {wrapWords} from '../wrap-words.js';

export type FilterPaneProps = {
	form: FormState;
	width: number;
	isActive: boolean;
	onChange: (value: string) => void;
	onChoose: (status: Status | undefined) => void;
};

const statusItems: Array<{label: string; value: Status | 'all'}> = [
	{label: 'all', value: 'all'},
	{label: 'success (2xx)', value: 'success'},
	{label: 'error (5xx)', value: 'error'},
	{label: 'user_error (4xx)', value: 'user_error'},
];

const fieldsPerLine = 3;
const statusListHeight = statusItems.length;

const titleWidth = 10;
const maxProblemLines = 2;

function problemLines(form: FormState, width: number): string[] {
	return form.problems.flatMap(problem => wrapWords(`✗ ${problem.message}`, Math.max(10, width - titleWidth), maxProblemLines));
}

/** Lines the pane takes for this form: three lines of fields, the status list when open, the problems. */
export function filterPaneHeight(form: FormState, width: number): number {
	return fieldsPerLine + (form.isChoosing ? statusListHeight : 0) + problemLines(form, width).length;
}

const placeholders: Partial<Record<FormField, string>> = {
	endpoints: 'e.g. fal-ai/flux/dev, owner/app',
	start: '24h ago',
	end: 'now',
	requestId: 'any',
};

const labels: Record<FormField, string> = {
	endpoints: 'endpoint',
	start: 'start',
	end: 'end',
	status: 'status',
	requestId: 'request id',
	sortBy: 'sort',
	billing: 'billing',
};

type FieldProps = FilterPaneProps & {field: FormField; width: number};

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

/** A label and its value in a box of fixed width, one line high: a long value is cut, never wrapped. */
function Field({form, field, width, isActive, onChange}: FieldProps): React.JSX.Element {
	const theme = useTheme();
	const isSelected = isActive && form.selected === field;
	const isEditing = isSelected && form.isEditing;
	const hasProblem = form.problems.some(problem => problem.field === field);
	const label = `${labels[field]} `;
	const text = valueText(form, field);
	const valueWidth = Math.max(1, width - label.length - 1);
	return (
		<Box width={width} height={1} overflow="hidden">
			<Text inverse={isSelected && !isEditing} underline={isEditing} color={hasProblem ? theme.color('error') : theme.color('muted')}>{label}</Text>
			<Box width={valueWidth} height={1} overflow="hidden">
				{isEditing ? (
					<TextInput value={text} placeholder={placeholders[field]} focus onChange={onChange} />
				) : (
					<Text wrap="truncate" color={text === '' ? theme.color('muted') : undefined}>{text === '' ? placeholders[field] ?? '' : text}</Text>
				)}
			</Box>
		</Box>
	);
}

/** The filters, always on screen in three lines; problems in words beneath, and nothing is sent while there are any. */
export const FilterPane = memo(function FilterPane(props: FilterPaneProps): React.JSX.Element {
	const theme = useTheme();
	const {form, width, isActive} = props;
	const third = Math.floor((width - titleWidth) / 3);
	const field = (name: FormField, fieldWidth: number) => <Field {...props} field={name} width={fieldWidth} />;
	return (
		<Box flexDirection="column" width={width}>
			<Box height={1}>
				<Box width={titleWidth}>
					<PaneTitle title="Filters" isActive={isActive} width={titleWidth} />
				</Box>
				{field('endpoints', width - titleWidth)}
			</Box>
			<Box height={1}>
				<Box width={titleWidth} />
				{field('start', third)}
				{field('end', third)}
				{field('requestId', width - titleWidth - (2 * third))}
			</Box>
			<Box height={1}>
				<Box width={titleWidth} />
				{field('status', third)}
				{field('sortBy', third)}
				{field('billing', width - titleWidth - (2 * third))}
			</Box>
			{form.isChoosing ? (
				<Box marginLeft={titleWidth} height={statusListHeight}>
					<SelectInput
						items={statusItems}
						initialIndex={Math.max(0, statusItems.findIndex(item => item.value === (form.values.status ?? 'all')))}
						onSelect={item => {
							props.onChoose(item.value === 'all' ? undefined : item.value);
						}}
					/>
				</Box>
			) : null}
			{problemLines(form, width).map((line, index) => (
				<Text key={index} wrap="truncate" color={theme.color('error')}>
					{' '.repeat(titleWidth)}{line}
				</Text>
			))}
		</Box>
	);
});
