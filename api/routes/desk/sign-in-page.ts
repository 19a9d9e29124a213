// The desk's sign-in page, rendered on the server so that it works before any script runs.
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderSignInPage(options: { csrfToken: string; error?: string }): string {
  const error = options.error
    ? `<p class="error" role="alert" id="token-error">${escapeHtml(options.error)}</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · cipdesk</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d2330; margin: 0; }
  main { max-width: 26rem; margin: 12vh auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; font-weight: 600; margin-bottom: .4rem; }
  input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; border: 1px solid #6b7280; border-radius: 4px; }
  button { margin-top: 1rem; padding: .6rem 1.2rem; font-size: 1rem; background: #1f4fd1; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  .error { color: #a10f0f; font-weight: 600; }
  .hint { color: #4b5563; font-size: .9rem; }
</style>
</head>
<body>
<main>
  <h1>cipdesk — case desk</h1>
  <form method="post" action="/desk/sign-in">
    <input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}">
    <label for="token">API token</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required${options.error ? ' aria-describedby="token-error" aria-invalid="true"' : ''}>
    ${error}
    <button type="submit">Sign in</button>
  </form>
  <p class="hint">Use your API token; with <code>npm start</code>, the development tokens are in <code>.data/dev-tokens.json</code>.</p>
</main>
</body>
</html>
`;
}
