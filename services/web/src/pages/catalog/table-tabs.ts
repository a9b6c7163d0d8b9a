/** The views of a table page, as the ?tab= of its URL names them. */
const TABLE_TABS = [
  { id: 'columns', label: 'Columns' },
  { id: 'sample', label: 'Sample data' },
  { id: 'details', label: 'Details' },
  { id: 'history', label: 'History' },
] as const;

export type TableTab = (typeof TABLE_TABS)[number]['id'];

/** The tab a URL asks for; Columns when it names none (or one a view lacks: views have no history). */
export function tableTabOf(requested: string | null, isView: boolean): TableTab {
  const found = TABLE_TABS.find((tab) => tab.id === requested)?.id ?? 'columns';
  return found === 'history' && isView ? 'columns' : found;
}

export function tabsFor(isView: boolean) {
  return TABLE_TABS.filter((tab) => !(isView && tab.id === 'history'));
}
