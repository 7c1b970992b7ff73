/** What handling one message comes to: the next model and the effects to run. */
import type {Effect} from './messages.js';
import type {Model} from './model.js';

export type Step = {model: Model; effects: readonly Effect[]};

export function step(model: Model, ...effects: Effect[]): Step {
	return {model, effects};
}

/** Runs `next` on the step's model, keeping the effects of both, in order. */
export function andThen(first: Step, next: (model: Model) => Step): Step {
	const second = next(first.model);
	return {model: second.model, effects: first.effects.length === 0 ? second.effects : [...first.effects, ...second.effects]};
}
