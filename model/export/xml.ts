/** Text and attribute values for XML and HTML: the five characters that could open markup. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Characters XML 1.0 forbids even when escaped (control characters a pasted name may carry). */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  return escapeXml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}
