import {useInput} from 'ink';
import {groupsViewBindings, type GroupsAction} from './groups-bindings.js';

export type UseGroupsInputProps = {
	/** Whether the view takes keys; off, it ignores them all. */
	isActive: boolean;
	onAction: (action: GroupsAction) => void;
};

/** The only `useInput` of the groups view: maps keys to actions through {@link groupsViewBindings}. */
export function useGroupsInput({isActive, onAction}: UseGroupsInputProps): void {
	useInput(
		(input, key) => {
			const binding = groupsViewBindings.find(candidate => candidate.matches(input, key));
			if (binding) {
				onAction(binding.action);
			}
		},
		{isActive},
	);
}
