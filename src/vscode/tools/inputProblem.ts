// The words for a tool input that does not match its schema: the first key at fault, named.
import type * as z from 'zod';
import { t } from '../../util/l10n';

/** `rules`: what each known key takes, in words. */
export function inputProblem(error: z.ZodError, rules: Readonly<Record<string, string>>): string {
  const issue = error.issues[0];
  if (issue?.code === 'unrecognized_keys') return t('Invalid input: {0} is not an input of this tool; it takes {1}.', issue.keys.join(', '), Object.keys(rules).join(', '));
  const key = typeof issue?.path[0] === 'string' ? issue.path[0] : undefined;
  if (key !== undefined && Object.prototype.hasOwnProperty.call(rules, key)) return t('Invalid input: {0}', rules[key]);
  return t('Invalid input: it must be an object with {0}.', Object.keys(rules).join(', '));
}
