// End to end, the composer for keyboard and screen reader users: the ratio and the duration are
// radio groups with one Tab stop on the chosen option; an invalid field says so and names its
// message, and the count and hints describe their fields; every text meets WCAG AA in Default Light
// Modern; in High Contrast, dark and light, an invalid field shows its error border beside the focus
// ring; axe-core finds no serious or critical violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { openComposer, radioChecked, setPrompt, setReference } from '../fixtures/codeServer/composer';
import { runAxe, seriousOrCritical } from '../fixtures/codeServer/a11y';
import { measureTexts, parseColor } from '../fixtures/codeServer/contrast';
import { T } from '../fixtures/codeServer/env';
import { startVSCode, withUserSettings, type VSCode } from '../fixtures/codeServer/instance';
import { step } from '../fixtures/codeServer/steps';
import { waitFor } from '../fixtures/codeServer/wait';

let sim: Simulator;
let vs: VSCode;
let page: Page;
let c: FrameLocator;

before(async () => {
  sim = await startSimulator({ apiKey: 'sim-key-a11y' });
  vs = await startVSCode({
    name: 'a11y',
    // 9:16 and 12 s are the last options: a group whose Tab stop stays on the first is caught.
    settings: { 'sora.baseUrl': sim.url, 'workbench.colorTheme': 'Default Light Modern', 'sora.defaultAspectRatio': '9:16', 'sora.defaultSeconds': 12 },
  });
  page = vs.page;
});

after(async () => {
  await vs?.stop();
  await sim?.close();
});

/** Where the focus is inside the page: the focused element (or shadow host) as `tag[value]#id`. */
const focused = (): Promise<string> =>
  c.locator('body').evaluate(() => {
    const a = document.activeElement;
    return a ? `${a.tagName.toLowerCase()}[${a.getAttribute('value') ?? ''}]#${a.id}` : '';
  });

/** What the element a control announces (inside its shadow root, or the host) says of itself. */
const announced = (selector: string): Promise<{ invalid: string | null; describedBy: string[] }> =>
  c.locator(selector).evaluate((host: HTMLElement) => {
    const inner = host.tagName === 'VSCODE-RADIO-GROUP' || host.tagName === 'VSCODE-BUTTON' ? host : host.shadowRoot?.querySelector<HTMLElement>('textarea, input, [role="combobox"]');
    if (!inner) return { invalid: null, describedBy: [] };
    const refs = inner === host ? (host.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean) : (inner.ariaDescribedByElements ?? []).map((e) => e.id);
    return { invalid: inner.getAttribute('aria-invalid'), describedBy: refs };
  });

test('the ratio and the duration are radio groups: Tab lands on the chosen option, the arrows move the choice', { timeout: 180_000 }, async () => {
  await step(page, 'a11y-1-radios', async () => {
    c = await openComposer(page);
    assert.equal(await c.getByRole('radiogroup').count(), 2);
    assert.equal(await c.getByRole('checkbox').count(), 0, 'no option is announced as a checkbox');
    for (const [group, count, chosen] of [['aspectRatio', 2, '9:16'], ['seconds', 3, '12']] as const) {
      const radios = c.locator(`#${group}`).getByRole('radio');
      assert.equal(await radios.count(), count, `${group}: every option is a radio`);
      assert.equal(await c.locator(`#${group}`).getByRole('radio', { checked: true }).count(), 1, `${group}: one is checked`);
      assert.ok(await radioChecked(c, group, chosen), `${group}=${chosen} from the settings`);
    }
  });

  await step(page, 'a11y-2-tab-stop', async () => {
    await c.locator('#prompt textarea').click();
    const stops: string[] = [];
    for (let i = 0; i < 6 && !stops.some((s) => s.startsWith('vscode-radio')); i++) {
      await page.keyboard.press('Tab');
      stops.push(await focused());
    }
    assert.equal(stops.find((s) => s.startsWith('vscode-radio')), 'vscode-radio[9:16]#', `Tab order: ${stops.join(' → ')}`);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'vscode-radio[12]#', 'the next Tab goes to the chosen duration, not through the ratio options');
  });

  await step(page, 'a11y-3-arrows', async () => {
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowLeft');
    await waitFor(() => radioChecked(c, 'aspectRatio', '16:9'), T.short, 'the arrow to choose 16:9');
    assert.equal(await focused(), 'vscode-radio[16:9]#', 'the focus moves with the choice');
    const checked = await c.locator('#aspectRatio').getByRole('radio', { checked: true }).getAttribute('aria-label');
    assert.match(checked ?? '', /^16:9/, 'what is announced as checked is what is chosen');
    await page.keyboard.press('ArrowRight');
    await waitFor(() => radioChecked(c, 'aspectRatio', '9:16'), T.short, 'the arrow to choose 9:16 again');
  });
});

test('an invalid field is marked and points at its message; the count and the hints describe their fields', { timeout: 120_000 }, async () => {
  await step(page, 'a11y-4-invalid', async () => {
    await setPrompt(c, '');
    await setReference(c, 'ftp://example.com/frame.png');
    await c.locator('#submit').click();
    await waitFor(async () => (await announced('#prompt')).invalid === 'true', T.ui, 'the prompt to be marked invalid');
    assert.deepEqual(await announced('#prompt'), { invalid: 'true', describedBy: ['prompt-error', 'charCount'] });
    assert.deepEqual(await announced('#referenceImage'), { invalid: 'true', describedBy: ['referenceImage-error', 'referenceHint'] });
    const submit = await announced('#submit');
    assert.deepEqual(submit.describedBy, ['noKey', 'shortcut'], 'Create names the missing key and its shortcut');
  });

  await step(page, 'a11y-5-fixed', async () => {
    await setPrompt(c, 'A lantern on a jetty at night');
    await setReference(c, '');
    await waitFor(async () => (await announced('#prompt')).invalid === null, T.ui, 'the prompt to be valid again');
    assert.deepEqual(await announced('#prompt'), { invalid: null, describedBy: ['charCount'] });
    assert.deepEqual(await announced('#referenceImage'), { invalid: null, describedBy: ['referenceHint'] });
  });
});

/** Every text below 4.5:1, with what it was measured against. */
async function lowContrast(): Promise<string[]> {
  return (await measureTexts(c)).filter((m) => m.ratio < 4.5).map((m) => `"${m.text}" ${m.ratio.toFixed(2)}:1 (${m.color} on ${m.background})`);
}

test('in Default Light Modern every text meets WCAG AA (4.5:1), warnings and errors included', { timeout: 180_000 }, async (t) => {
  const failures: string[] = [];
  await step(page, 'a11y-6-warning-and-errors', async () => {
    c = await openComposer(page);
    await setReference(c, `${sim.origin}/images/gone.png`);
    await waitFor(async () => /Could not check the image/.test(await c.locator('#referenceStatus').innerText()), T.ui, 'the warning');
    await setPrompt(c, '');
    await c.locator('#submit').click();
    await waitFor(() => c.locator('#prompt-error').isVisible(), T.ui, 'the field error');
    assert.ok(await c.locator('#noKey').isVisible(), 'the no-key line is measured too');
    failures.push(...(await lowContrast()));
  });
  await step(page, 'a11y-7-fits-and-too-long', async () => {
    await setReference(c, `${sim.origin}/images/720x1280.png`);
    await waitFor(async () => /fits 9:16/.test(await c.locator('#referenceStatus').innerText()), T.ui, 'the image to fit');
    await setPrompt(c, 'x'.repeat(8_001));
    await waitFor(() => c.locator('#charCount.over').isVisible(), T.ui, 'the count over the limit');
    failures.push(...(await lowContrast()));
    t.diagnostic(`measured ${(await measureTexts(c)).length} texts`);
  });
  assert.deepEqual([...new Set(failures)], []);
});

test('axe-core finds no serious or critical violation in the composer', { timeout: 120_000 }, async (t) => {
  await step(page, 'a11y-8-axe', async () => {
    c = await openComposer(page);
    await setPrompt(c, '');
    await c.locator('#submit').click();
    await waitFor(() => c.locator('#prompt-error').isVisible(), T.ui, 'the field error');
    const report = await runAxe(page, c);
    t.diagnostic(`rules passed: ${report.passed}; all violations: ${JSON.stringify(report.violations)}`);
    assert.ok(report.passed > 10, `axe checked the page (${report.passed} rules passed)`);
    assert.deepEqual(seriousOrCritical(report), []);
  });
});

// Both High Contrast themes: the page's class and the colours differ, the rules must hold in each.
const HIGH_CONTRAST = [
  ['Default High Contrast', 'vscode-high-contrast'],
  ['Default High Contrast Light', 'vscode-high-contrast-light'],
] as const;

for (const [theme, bodyClass] of HIGH_CONTRAST) {
  test(`in ${theme} an invalid field shows its error border and, focused, the focus ring beside it`, { timeout: 240_000 }, (t) =>
    withUserSettings(vs, { 'workbench.colorTheme': theme }, () =>
      step(page, `a11y-9-${bodyClass}`, async () => {
        c = await openComposer(page);
        await setReference(c, 'ftp://example.com/frame.png');
        await setPrompt(c, '');
        await c.locator('#submit').click();
        // The refusal puts the focus on the first invalid field, the prompt.
        await waitFor(async () => (await focused()).endsWith('#prompt'), T.ui, 'the focus on the invalid prompt');
        const look = (selector: string) =>
          c.locator(selector).evaluate((el: HTMLElement) => {
            const s = getComputedStyle(el);
            const probe = document.createElement('div');
            document.body.append(probe);
            probe.style.color = 'var(--vscode-inputValidation-errorBorder)';
            const error = getComputedStyle(probe).color;
            probe.style.color = 'var(--vscode-contrastActiveBorder)';
            const focus = getComputedStyle(probe).color;
            probe.remove();
            return { classes: document.body.className, boxShadow: s.boxShadow, outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, error, focus };
          });
        const prompt = await look('#prompt');
        t.diagnostic(`body class: ${prompt.classes}; error ${prompt.error}; focus ${prompt.focus}`);
        assert.ok(prompt.classes.split(/\s+/).includes(bodyClass), `the page is in ${theme}: ${prompt.classes}`);
        assert.ok(prompt.boxShadow.includes(prompt.error) && /\b2px\b/.test(prompt.boxShadow), `the error border: ${prompt.boxShadow} (error colour ${prompt.error})`);
        assert.equal(prompt.outline, `solid 1px ${prompt.focus}`, `the focus ring in the contrast colour ${prompt.focus}`);
        assert.notDeepEqual(parseColor(prompt.focus), parseColor(prompt.error));
        const reference = await look('#referenceImage');
        assert.ok(reference.boxShadow.includes(reference.error), `the URL field's error border: ${reference.boxShadow}`);
        assert.ok(reference.outline.startsWith('none'), `no focus ring where there is no focus: ${reference.outline}`);
      }),
    ),
  );
}
