// Text from the prompt or the service is shown as text everywhere: tree labels, descriptions,
// tooltips (untrusted markdown, appended as text) and notifications (no clickable command links).
import { fake, MarkdownString } from '../fixtures/vscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskItem, taskTooltip } from '../../src/vscode/views/taskItem';
import { noLinks, notifyDownloadFailed, notifyFinal } from '../../src/vscode/notifications';
import { makeTask } from '../helpers/tasks';
import type { Task } from '../../src/domain/task';

export const PAYLOADS: Record<string, string> = {
  html: '<img src=x onerror=alert(1)>',
  script: '<script>alert(1)</script>',
  commandLink: '[x](command:sora.clearApiKey)',
  halfLink: '](command:sora.clearApiKey)',
  linkWithTitle: '[open](command:workbench.action.terminal.new "run")',
  markdown: '# Title **bold** _em_ `code` > quote\n- item',
  themeIcon: '$(alert) $(key)',
  control: 'a\u0000b\u0007c\u001b[31md\r\ne\u2028f\u202eg',
  huge: 'x'.repeat(100 * 1024),
  hugeLink: `${'['.repeat(5000)}x](command:sora.clearApiKey)`,
};

/** VS Code's own pattern for links in notification messages (src/vs/base/common/linkedText.ts). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

function tasksWith(p: string): Task[] {
  return [
    makeTask({ phase: 'failed', status: 'failed', remoteId: p, error: p, settings: { prompt: p, model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: p } }),
    makeTask({ phase: 'active', status: p, remoteId: p, poll: { errors: 1, lastError: p }, settings: { prompt: p, model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 4 } }),
    makeTask({
      phase: 'completed',
      status: 'completed',
      remoteId: p,
      videoUrl: `https://example.com/${p}`,
      download: { state: 'failed', error: p, attempts: 1 },
      settings: { prompt: p, model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 12 },
    }),
    makeTask({ phase: 'unknown', status: 'outcome unknown', error: p, settings: { prompt: p, model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 } }),
  ];
}

const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

for (const [name, p] of Object.entries(PAYLOADS)) {
  test(`tree item with a hostile ${name} payload shows it as plain text`, () => {
    for (const task of tasksWith(p)) {
      const item = new TaskItem(task);
      const label = typeof item.label === 'string' ? item.label : String(item.label?.label);
      assert.ok(!CONTROL.test(label), `label has no control characters (${task.phase})`);
      assert.ok(label.length <= 60, 'label is short');
      assert.ok(!CONTROL.test(String(item.description)), 'description has no control characters');
      assert.ok(String(item.description).length <= 200, 'description is short');
      assert.ok((item.accessibilityInformation?.label.length ?? 0) <= 300);

      // Tooltips are built when hovered (resolveTreeItem), by taskTooltip.
      const md = item.tooltip ?? taskTooltip(task);
      assert.ok(md instanceof MarkdownString, 'the tooltip is a MarkdownString');
      assert.equal(md.isTrusted, false, 'untrusted: no command links run');
      assert.equal(md.supportHtml, false, 'no HTML rendering');
      assert.ok(!md.supportThemeIcons, 'no theme icon syntax');
      // Only the builder's own fixed markup is appended as markdown; everything else as text.
      for (const part of md.parts.filter((x) => x.kind === 'markdown')) {
        assert.ok(['**', '**: ', '  \n', '\n\n---\n\n', '\n', ''].includes(part.value), `markdown part ${JSON.stringify(part.value.slice(0, 80))} is fixed markup`);
      }
      assert.ok(!/(^|[^\\])\[/.test(md.value), 'every [ in the tooltip is escaped');
      assert.ok(md.value.length < 30_000, `tooltip is bounded (${md.value.length})`);
      if (item.command) assert.deepEqual(item.command.arguments, [task.localId], 'a click acts on the task, never on its text');
    }
  });

  test(`notifications with a hostile ${name} payload carry no link`, () => {
    fake.messages.length = 0;
    for (const task of tasksWith(p)) {
      notifyFinal(task);
      notifyDownloadFailed(task, p);
    }
    assert.ok(fake.messages.length >= 3, 'notifications were shown');
    for (const m of fake.messages) {
      assert.equal(m.message.match(NOTIFICATION_LINK), null, `no link in ${JSON.stringify(m.message.slice(0, 200))}`);
      assert.ok(m.message.length < 2_000, 'the message is bounded');
      assert.ok(!CONTROL.test(m.message), 'no control characters');
    }
  });
}

test('noLinks breaks every link VS Code would render in a notification, and only that', () => {
  for (const s of ['[a](command:x)', '[a](https://e.com "t")', 'x [a](file:///etc/passwd) y', '[a](command:x)[b](command:y)']) {
    assert.ok(s.match(NOTIFICATION_LINK), `${s} is a link before`);
    assert.equal(noLinks(s).match(NOTIFICATION_LINK), null, `${s} is not a link after`);
  }
  assert.equal(noLinks('plain text (with parens) and [brackets]'), 'plain text (with parens) and [brackets]');
});
