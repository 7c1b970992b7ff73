/**
 * The explorer's screen: a view of the model and nothing else. Keys,
 * answers and timers change the model in source/model/update.ts; this only
 * draws it, within `columns x (rows - 1)`, no line wrapping.
 */
import React from 'react';
import {Box} from 'ink';
import {describeWindow} from './format/window.js';
import {groupDigits} from './format/count.js';
import {breakdownRows} from './model/breakdown.js';
import {failuresNote} from './model/groups.js';
import {statusHints} from './model/hints.js';
import {layoutOf} from './model/layout.js';
import type {Model} from './model/model.js';
import {isNarrowed, narrowingNote} from './model/narrow.js';
import {clockOf} from './model/status.js';
import {readsMessages} from './triage/row-filter.js';
import {CompareView} from './views/compare-view.js';
import {BreakdownView} from './views/triage/breakdown-view.js';
import {RerunChooser} from './views/rerun-chooser.js';
import {RowFilterPromptView} from './views/row-filter-prompt.js';
import {describeLoad} from './state/feed.js';
import {unseenLabel} from './triage/follow.js';
import {DetailPane} from './views/detail-pane/detail-pane.js';
import {FilterPane} from './views/filter-pane/filter-pane.js';
import {HelpOverlay} from './views/help-overlay.js';
import {ListPane} from './views/list-pane/list-pane.js';
import {LoginOverlay} from './views/login-overlay.js';
import {StatusBar} from './views/status-bar.js';
import {ThemeContext, type Theme} from './views/theme.js';
import {isTooSmall, TooSmall} from './views/too-small.js';
import {describeGroup} from './views/triage/describe-group.js';
import {GroupsView} from './views/triage/groups-view.js';
import {SummaryStrip} from './views/triage/summary-strip.js';

export type AppProps = {
	model: Model;
	theme: Theme;
};

function Screen({model}: {model: Model}): React.JSX.Element {
	const layout = layoutOf(model);
	const {columns, frameHeight, statusHeight, mainHeight} = layout;
	const {feed, groups, overlay} = model;
	const isColor = React.useContext(ThemeContext).isColor;
	const activeGroup = groups.key === undefined ? undefined : groups.list.find(group => group.key === groups.key);
	const outputsNote = failuresNote(groups);
	// A filter on error messages matches only rows whose outputs are read: say how many are, as the groups view does.
	const messagesNote = model.rowFilter !== undefined && readsMessages(model.rowFilter) && outputsNote !== undefined ? ` · ${outputsNote}` : '';
	const narrowing = narrowingNote(model, activeGroup === undefined ? undefined : describeGroup(activeGroup));
	const listNote = narrowing === undefined ? undefined : `${narrowing}${messagesNote}`;
	const shownOf = isNarrowed(model) ? `${groupDigits(model.listRows.length)} shown · ` : '';
	const marked = model.marks.size === 0 ? '' : ` · ${groupDigits(model.marks.size)} marked`;
	const loadState = `${shownOf}${describeLoad(feed, clockOf(model))}${marked}${model.follow.unseen > 0 ? ` · ↑ ${unseenLabel(model.follow)}` : ''}`;
	const isPaneActive = (pane: Model['pane']) => model.pane === pane && overlay.kind === 'none';
	const windowText = feed.query === undefined ? '' : describeWindow(model.form.applied, model.stripWindow, {isUtc: model.isUtc, now: new Date(model.clock)});

	let body: React.ReactNode;
	if (overlay.kind === 'help') {
		body = <HelpOverlay width={columns} height={frameHeight - statusHeight} top={overlay.top} />;
	} else if (overlay.kind === 'rerun') {
		body = <RerunChooser item={overlay.item} choice={overlay.choice} inputText={overlay.inputText} width={columns} height={frameHeight - statusHeight} />;
	} else if (overlay.kind === 'login') {
		body = (
			<Box height={frameHeight - statusHeight}>
				<LoginOverlay width={columns} reason={feed.error?.message ?? 'The API refused the key.'} field={overlay.field} problem={overlay.problem} isChecking={overlay.isChecking} />
			</Box>
		);
	} else {
		body = (
			<>
				{layout.isFilterShown ? <FilterPane form={model.form} width={columns} isActive={isPaneActive('filter')} windowText={windowText} /> : null}
				{layout.stripHeight === 0 ? null : <SummaryStrip rows={feed.rows} width={columns} window={model.stripWindow} isColor={isColor} hasMore={feed.hasMore} pickedBar={model.stripBar} />}
				{layout.mainView === 'groups' ? (
					<GroupsView groups={groups.list} cursor={groups.cursor} width={columns} height={mainHeight} isUtc={model.isUtc} now={model.stripWindow.end} note={outputsNote} />
				) : layout.mainView === 'breakdown' && model.breakdown !== undefined ? (
					<BreakdownView
						rows={breakdownRows(model, model.breakdown)}
						dimension={model.breakdown.dimension}
						sort={model.breakdown.sort}
						cursor={model.breakdown.cursor}
						within={model.breakdown.within}
						width={columns}
						height={mainHeight}
						isActive={isPaneActive('breakdown')}
						note={`of ${describeLoad(feed, clockOf(model))}${outputsNote === undefined ? '' : ` · ${outputsNote}`}`}
					/>
				) : layout.mainView === 'compare' && model.compare !== undefined ? (
					<CompareView compare={model.compare} version={model.compare.version} width={columns} height={mainHeight} isActive={isPaneActive('compare')} />
				) : (
					<Box height={mainHeight}>
						{layout.isListShown ? (
							<ListPane
								rows={model.listRows}
								cursor={model.window.cursor}
								top={model.window.top}
								width={layout.listWidth}
								height={mainHeight}
								isActive={isPaneActive('list')}
								isUtc={model.isUtc}
								note={listNote}
								marks={model.marks}
								isNarrowed={isNarrowed(model)}
								loadState={loadState}
								isLoading={feed.inFlight !== undefined || (feed.query !== undefined && feed.pages === 0 && feed.error === undefined)}
								error={feed.error}
								hasQuery={feed.query !== undefined}
							/>
						) : null}
						{layout.isListShown && layout.isDetailShown ? <Box width={1} /> : null}
						{layout.isDetailShown ? (
							<DetailPane
								item={model.listRows.at(model.window.cursor)}
								payload={model.payload}
								detail={model.detail}
								version={model.detail.version}
								width={layout.detailWidth}
								height={mainHeight}
								payloadHeight={layout.payloadHeight}
								isActive={isPaneActive('detail')}
								isUtc={model.isUtc}
								isBillingShown={model.form.applied.billing}
							/>
						) : null}
					</Box>
				)}
				{model.rowFilterPrompt === undefined ? null : <RowFilterPromptView prompt={model.rowFilterPrompt} width={columns} />}
			</>
		);
	}

	return (
		<Box flexDirection="column" width={columns} height={frameHeight} overflowY="hidden">
			{body}
			<StatusBar message={layout.message} hints={statusHints(model, layout)} width={columns} />
		</Box>
	);
}

export function App({model, theme}: AppProps): React.JSX.Element {
	return (
		<ThemeContext.Provider value={theme}>
			{/* Too small, the screen is not drawn: rows would wrap and frames overlap. Its model lives on for when the window grows. */}
			{isTooSmall(model.size) ? <TooSmall size={model.size} /> : <Screen model={model} />}
		</ThemeContext.Provider>
	);
}
