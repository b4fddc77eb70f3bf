// The frame every webview page of the extension shares: the UI language, the page's CSP, the
// viewport and a title. No VS Code imports, so pages are unit-tested as strings.

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export interface PageFrame {
  /** VS Code's display language (vscode.env.language); only letters and hyphens are kept. */
  lang: string;
  csp: string;
  /** Plain text, escaped here. */
  title: string;
  /** Trusted markup for <head> after the title (styles). */
  head: string;
  /** Trusted markup for <body>. */
  body: string;
}

export function webviewPage(p: PageFrame): string {
  return `<!DOCTYPE html>
<html lang="${p.lang.replace(/[^A-Za-z-]/g, '')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${p.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(p.title)}</title>
${p.head}
</head>
<body>
${p.body}
</body>
</html>`;
}
