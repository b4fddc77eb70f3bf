// A batch file ("Sora: Create Videos from File…"): every line becomes one create, checked exactly as
// a sora_createVideo input (toolInput.ts: the same catalogue, the composer's defaults, the same
// field messages), so a file can send nothing the composer or the tool would refuse. The whole file
// is checked before anything is sent: one bad line and nothing goes. Pure: the file is untrusted.
import type { Catalogue } from './models/catalogue';
import type { FieldValue, ModelProfile } from './models/profile';
import type { SendInput } from './taskSettings';
import { lengthOf, planCreate, type CreateDefaults } from './toolInput';
import { costWords } from './toolText';
import { costOf, estimateCost } from './costEstimate';
import type { Task } from './task';
import { t } from '../util/l10n';

export type BatchFormat = 'text' | 'markdown' | 'jsonl';

/** Files the command takes, by extension (the explorer menu's `when` names the same three). */
export const BATCH_EXTENSIONS: Readonly<Record<string, BatchFormat>> = { '.txt': 'text', '.md': 'markdown', '.jsonl': 'jsonl' };

/** Larger files are refused unread: a batch is a list of prompts, not a data set. */
export const MAX_BATCH_CHARS = 1_000_000;

export function batchFormatOf(fileName: string): BatchFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : BATCH_EXTENSIONS[fileName.slice(dot).toLowerCase()];
}

export interface BatchShot {
  /** 1-based line of the file. */
  line: number;
  profile: ModelProfile;
  values: Readonly<Record<string, FieldValue>>;
  input: SendInput;
}

export interface BatchError {
  line: number;
  message: string;
}

export type BatchPlan = { ok: true; shots: BatchShot[] } | { ok: false; errors: BatchError[]; shots: number };

const FENCE = /^(```|~~~)/;
const HEADING = /^#{1,6}(\s|$)/;
const RULE = /^([-*_])(\s*\1){2,}$/;
const COMMENT = /^<!--.*-->$/;
// List markers ("- ", "* ", "+ ", "1. ", "1) "), an optional task box ("[ ] ", "[x] ") and quote markers.
const MARKERS = /^(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?(?:\[[ xX]\]\s+)?/;

/**
 * The prompt lines of a Markdown file: headings, fenced code blocks, horizontal rules and one-line
 * HTML comments are structure, not prompts; list, task and quote markers are cut off the prompt.
 */
function markdownPrompts(lines: readonly string[]): Array<{ line: number; raw: unknown }> {
  const out: Array<{ line: number; raw: unknown }> = [];
  let fenced = false;
  lines.forEach((text, i) => {
    const s = text.trim();
    if (FENCE.test(s)) {
      fenced = !fenced;
      return;
    }
    if (fenced || !s || HEADING.test(s) || RULE.test(s) || COMMENT.test(s)) return;
    const prompt = s.replace(MARKERS, '').trim();
    if (prompt) out.push({ line: i + 1, raw: { prompt } });
  });
  return out;
}

function jsonlInputs(lines: readonly string[], errors: BatchError[]): Array<{ line: number; raw: unknown }> {
  const out: Array<{ line: number; raw: unknown }> = [];
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    try {
      out.push({ line: i + 1, raw: JSON.parse(text) as unknown });
    } catch {
      errors.push({ line: i + 1, message: t('not a JSON object on one line, such as {"prompt": "…", "model": "…"}.') });
    }
  });
  return out;
}

/** Every line of `text` checked against the catalogue; shots only when every line passed. */
export function planBatch(text: string, format: BatchFormat, catalogue: Catalogue, defaults: CreateDefaults): BatchPlan {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const errors: BatchError[] = [];
  const inputs =
    format === 'jsonl'
      ? jsonlInputs(lines, errors)
      : format === 'markdown'
        ? markdownPrompts(lines)
        : lines.flatMap((s, i) => (s.trim() ? [{ line: i + 1, raw: { prompt: s.trim() } }] : []));
  const shots: BatchShot[] = [];
  for (const { line, raw } of inputs) {
    const plan = planCreate(raw, catalogue, defaults);
    if (plan.ok) shots.push({ line, profile: plan.profile, values: plan.values, input: plan.input });
    else errors.push({ line, message: plan.problems.map((p) => p.message).join(' ') });
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line), shots: shots.length };
  if (shots.length === 0) return { ok: false, errors: [{ line: 0, message: t('The file holds no prompt.') }], shots: 0 };
  return { ok: true, shots };
}

/** One problem, for the user: "Line 3: seconds: Duration must be one of: 4, 8, 12". */
export const batchErrorText = (e: BatchError): string => (e.line > 0 ? t('Line {0}: {1}', e.line, e.message) : e.message);

/** "2 × openAiSora2Plus, 8 seconds; 1 × veo_3_1_fast, the model's default length", in file order. */
export function batchSummary(shots: readonly BatchShot[]): string[] {
  const groups = new Map<string, number>();
  for (const s of shots) {
    const n = lengthOf(s.values);
    const key = `${s.profile.id}\u0000${n ?? ''}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].map(([key, count]) => {
    const [model, seconds] = key.split('\u0000');
    return seconds ? t('{0} × {1}, {2} seconds', count, model, seconds) : t("{0} × {1}, the model's default length", count, model);
  });
}

/** The one question before a batch is sent: how many videos, of which models, and the cost. */
export function batchConfirmation(fileName: string, shots: readonly BatchShot[], history: readonly Task[] = []): { message: string; detail: string } {
  return {
    message: shots.length === 1 ? t('Create 1 paid video from {0}?', fileName) : t('Create {0} paid videos from {1}?', shots.length, fileName),
    detail: [...batchSummary(shots), t('Estimated cost: {0}.', batchEstimate(shots, history))].join('\n'),
  };
}

/** Known only when earlier tasks like every shot (model and length) reported a cost in one unit. */
function batchEstimate(shots: readonly BatchShot[], history: readonly Task[]): string {
  const each = shots.map((s) => estimateCost(history, s.profile.id, lengthOf(s.values)));
  const known = each.filter((e) => e !== undefined);
  if (known.length < shots.length || known.length === 0 || known.some((e) => e.unit !== known[0].unit)) return costWords();
  const total = known.reduce((sum, e) => sum + e.each, 0);
  return t('about {0} (from the reported cost of earlier tasks like each shot)', costOf(known[0].unit, total));
}

/** How one line's create ended; `message` says why it did not create a task. */
export interface ShotOutcome {
  line: number;
  created: boolean;
  message?: string;
}

/**
 * The end of a batch: what was created, and which lines were not and why. `notSent`: the lines left
 * when the user cancelled, or when a refused key stopped the batch (`stopped`).
 */
export function batchReport(fileName: string, total: number, outcomes: readonly ShotOutcome[], notSent: readonly number[], stopped = false): { message: string; problems: string[] } {
  const created = outcomes.filter((o) => o.created).length;
  const problems = outcomes.filter((o) => !o.created).map((o) => t('Line {0}: not created: {1}', o.line, o.message ?? ''));
  if (notSent.length > 0) {
    const lines = notSent.join(', ');
    problems.push(stopped ? t('Not sent, as they would be refused the same way: lines {0}.', lines) : t('Not sent (cancelled): lines {0}.', lines));
  }
  const message =
    created === total ? (total === 1 ? t('Created 1 video from {0}.', fileName) : t('Created {0} videos from {1}.', total, fileName)) : t('Created {0} of {1} videos from {2}.', created, total, fileName);
  return { message, problems };
}

/** The confirmation's button. */
export const createButton = (count: number): string => (count === 1 ? t('Create 1 Video') : t('Create {0} Videos', count));
