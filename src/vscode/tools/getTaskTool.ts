// sora_getTask: one task of the list, by the service's id, as the task list shows it now (the
// engine keeps it current).
import vscode = require('vscode');
import * as z from 'zod';
import { notFoundText, taskText } from '../../domain/toolText';
import { usableTaskId } from '../../domain/endpoints';
import { t } from '../../util/l10n';
import { inputProblem } from './inputProblem';
import { taskFacts } from './taskFacts';
import type { ToolDeps } from './toolDeps';

const input = z.strictObject({ id: z.string() });

export class GetTaskTool implements vscode.LanguageModelTool<unknown> {
  constructor(private readonly deps: ToolDeps) {}

  prepareInvocation(): vscode.PreparedToolInvocation {
    return { invocationMessage: t('Reading a Sora task…') };
  }

  invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>): vscode.LanguageModelToolResult {
    const parsed = input.safeParse(options.input);
    if (!parsed.success) throw new Error(inputProblem(parsed.error, { id: t('id must be the task id (text).') }));
    const id = usableTaskId(parsed.data.id);
    if (id === undefined) throw new Error(t('Invalid input: id must be the task id (text).'));
    const task = this.deps.store.findByRemoteId(id);
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(task ? taskText(taskFacts(task)) : notFoundText(id))]);
  }
}
