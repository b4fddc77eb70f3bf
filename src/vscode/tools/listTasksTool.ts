// sora_listTasks: the task list, newest first, optionally only the tasks in one state.
import vscode = require('vscode');
import * as z from 'zod';
import { LIST_DEFAULT_LIMIT, LIST_FILTERS, LIST_MAX_LIMIT } from '../../domain/toolSchemas';
import { taskListText } from '../../domain/toolText';
import { t } from '../../util/l10n';
import { inputProblem } from './inputProblem';
import { taskFacts } from './taskFacts';
import type { ToolDeps } from './toolDeps';

const input = z.strictObject({
  status: z.enum(LIST_FILTERS).optional(),
  limit: z.int().min(1).max(LIST_MAX_LIMIT).optional(),
});

export class ListTasksTool implements vscode.LanguageModelTool<unknown> {
  constructor(private readonly deps: ToolDeps) {}

  prepareInvocation(): vscode.PreparedToolInvocation {
    return { invocationMessage: t('Listing Sora tasks…') };
  }

  invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>): vscode.LanguageModelToolResult {
    const parsed = input.safeParse(options.input ?? {});
    if (!parsed.success) {
      throw new Error(
        inputProblem(parsed.error, {
          status: t('status must be one of: {0}.', LIST_FILTERS.join(', ')),
          limit: t('limit must be a whole number from 1 to {0}.', LIST_MAX_LIMIT),
        }),
      );
    }
    const { status, limit = LIST_DEFAULT_LIMIT } = parsed.data;
    const matching = this.deps.store.all().map(taskFacts).filter((f) => !status || f.filters.includes(status));
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(taskListText(matching.slice(0, limit), status, matching.length))]);
  }
}
