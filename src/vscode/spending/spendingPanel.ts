// The Show Spending panel: one per window, written again whenever the task list changes (coalesced,
// and only when the page would differ), so it follows tasks as they finish and report their cost.
import { randomBytes } from 'node:crypto';
import vscode = require('vscode');
import { Panels } from '../../domain/ids';
import { spending } from '../../domain/spending';
import type { TaskStore } from '../../persistence/repository';
import { t } from '../../util/l10n';
import { localDate } from '../views/when';
import { spendingHtml, type SpendingWords } from './spendingHtml';

let current: { panel: vscode.WebviewPanel; render(): void } | undefined;

const panelOptions: vscode.WebviewPanelOptions & vscode.WebviewOptions = {
  enableScripts: false,
  enableFindWidget: true,
  // The page loads nothing: no folder is readable.
  localResourceRoots: [],
};

function words(): SpendingWords {
  return {
    title: t('Sora Spending'),
    note: t('The cost the service reported for each task, in its own unit (it names no currency). Tokens, which some models report instead, are counted apart.'),
    thisMonth: t('This month'),
    total: t('All tasks in the list'),
    byDay: t('Per day, last 30 days'),
    byMonth: t('Per month'),
    byModel: t('Per model'),
    day: t('Day'),
    month: t('Month'),
    model: t('Model'),
    cost: t('Cost'),
    tokens: t('Tokens'),
    tasks: t('Tasks'),
    nothing: t('No task in the list has a reported cost yet. The service reports it when a task finishes.'),
  };
}

function dayLabel(key: string): string {
  const [y, m, d] = key.split('-').map(Number);
  return localDate(new Date(y, m - 1, d, 12).getTime());
}

function adopt(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, store: TaskStore): void {
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'sora.svg');
  let shown = '';
  let pending: ReturnType<typeof setTimeout> | undefined;
  const render = () => {
    const spent = spending(store.all(), Date.now());
    const key = JSON.stringify([spent, vscode.env.language]);
    if (key === shown) return;
    shown = key;
    panel.webview.html = spendingHtml({
      lang: vscode.env.language,
      nonce: randomBytes(18).toString('base64'),
      words: words(),
      spending: spent,
      modelLabel: (id) => id,
      dayLabel,
      monthLabel: (key) => key,
    });
  };
  const sub = store.onDidChange(() => {
    pending ??= setTimeout(() => {
      pending = undefined;
      render();
    }, 0);
  });
  const entry = { panel, render };
  current = entry;
  panel.onDidDispose(() => {
    sub.dispose();
    if (pending) clearTimeout(pending);
    if (current === entry) current = undefined;
  });
  render();
}

export function showSpending(extensionUri: vscode.Uri, store: TaskStore): vscode.WebviewPanel {
  if (current) {
    current.render();
    current.panel.reveal(undefined, false);
    return current.panel;
  }
  const panel = vscode.window.createWebviewPanel(Panels.spending, t('Sora Spending'), vscode.ViewColumn.Active, panelOptions);
  adopt(panel, extensionUri, store);
  return panel;
}

/** After a window reload: the page keeps no state, so it is written anew. */
export function reviveSpending(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, store: TaskStore): Promise<void> {
  if (current) {
    panel.dispose();
    return Promise.resolve();
  }
  panel.webview.options = panelOptions;
  adopt(panel, extensionUri, store);
  return Promise.resolve();
}
