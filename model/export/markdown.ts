/**
 * User text inside CommonMark or MDX: every ASCII punctuation character that could start markup
 * (`<`, `{`, `[`, `*` …) is backslash-escaped, which CommonMark and MDX both read as the literal
 * character. A sticky named `<script>` or `{danger}` stays text in AsyncAPI Studio and EventCatalog.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+\-!|~&]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
