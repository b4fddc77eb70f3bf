// The language-model tools by name (in the core bundle: they use zod and every model's profile).
import vscode = require('vscode');
import { Tools, type ToolName } from '../../domain/ids';
import { CreateVideoTool } from './createVideoTool';
import { GetTaskTool } from './getTaskTool';
import { ListTasksTool } from './listTasksTool';
import type { ToolDeps } from './toolDeps';

export function languageModelTool(name: ToolName, deps: ToolDeps): vscode.LanguageModelTool<unknown> {
  switch (name) {
    case Tools.createVideo:
      return new CreateVideoTool(deps);
    case Tools.getTask:
      return new GetTaskTool(deps);
    case Tools.listTasks:
      return new ListTasksTool(deps);
  }
}
